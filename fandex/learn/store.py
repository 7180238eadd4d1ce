"""Where a library's models live: next to the library file (``library.models.json``).

A library on a database server has no folder, so its models go to fandex's data folder
under a name derived from the URL.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from fandex.errors import ConfigError
from fandex.learn.model import ModelSet

# models_path_for's answers, per location and the environment they depend on: the
# learned tagger asks for every work it tags.
_PATHS: dict[tuple[str | None, str | None, str | None], Path] = {}


def models_path_for(location: str | os.PathLike[str] | None) -> Path:
    """The models file of the library at ``location`` (a path, a URL, or None: the default)."""
    key = (
        str(location) if location else None,
        os.environ.get("XDG_DATA_HOME"),
        os.environ.get("HOME"),
    )
    got = _PATHS.get(key)
    if got is None:
        if len(_PATHS) >= 64:
            _PATHS.clear()
        got = _PATHS[key] = _models_path_for(location)
    return got


def _models_path_for(location: str | os.PathLike[str] | None) -> Path:
    from fandex.library import default_location

    loc = str(location) if location else str(default_location())
    if "://" in loc or loc == ":memory:":
        digest = hashlib.sha256(loc.encode()).hexdigest()[:12]
        return default_location().parent / f"models-{digest}.json"
    path = Path(loc).expanduser()
    return path.with_name(path.stem + ".models.json")


def save_models(models: ModelSet, path: Path) -> None:
    """Write ``models`` to ``path`` atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(models.to_dict()), encoding="utf-8")
    tmp.replace(path)


_LOADED: dict[Path, tuple[float, ModelSet]] = {}


def load_models(path: Path) -> ModelSet | None:
    """The models at ``path``, or None when there are none (cached until the file changes)."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    cached = _LOADED.get(path)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    try:
        models = ModelSet.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read models {path}: {exc}") from None
    _LOADED[path] = (mtime, models)
    return models
