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
