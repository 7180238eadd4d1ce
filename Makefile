# fandex: two commands on a fresh machine.
#   make demo   create the virtualenv, install, import examples/ into a fresh library, serve it
#   make test   install what the tests need, then ruff, mypy and pytest
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
DEMO_LIBRARY ?= .demo/library.db

.PHONY: demo test install install-test system-deps lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

system-deps:
	@scripts/install-system-deps

demo: install
	rm -rf $(dir $(DEMO_LIBRARY))
	$(BIN)/fandex --library $(DEMO_LIBRARY) import examples/ || true
	@echo
	@echo "fandex demo library: $(DEMO_LIBRARY)"
	@echo "Open http://$(HOST):$(PORT)/ in your browser (Ctrl-C stops the server)."
	$(BIN)/fandex --library $(DEMO_LIBRARY) serve --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check fandex tests bench
	$(BIN)/ruff format --check fandex tests bench

typecheck: install-test
	$(BIN)/mypy

pytest: install-test system-deps
	$(BIN)/pytest -q

test: install-test system-deps lint typecheck pytest

bench: install-test
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .demo test-artifacts *.egg-info .mypy_cache .ruff_cache .pytest_cache
