import sys
from pathlib import Path

# The parse tests share a small helper module beside them.
sys.path.insert(0, str(Path(__file__).parent))

import pytest

from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse tests see names as stated: fandom packs are another module's data.

    A test that checks the parser asks the packs patches these again itself.
    """
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


@pytest.fixture(autouse=True)
def _fandoms_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fandom names stay as stated unless a test asks the packs itself."""
    from fandex.parse import values

    monkeypatch.setattr(values, "resolve_fandom", lambda name: name)
    monkeypatch.setattr(values, "is_known_fandom", lambda name: False)
