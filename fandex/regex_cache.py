"""Large regular expressions compiled once per machine, not once per process.

The cue scanner (:mod:`fandex.tag.cues_lexicon`) is one regular expression of some
80,000 characters: Python's ``re`` parses and compiles it in pure Python, about 0.2 s,
in every process that tags (each import worker, each cluster worker, each CLI run).
:func:`compile_cached` keeps what that compilation produces (the engine's code, a list
of integers) in the user's cache folder, keyed by the pattern, its flags and the
Python version, and hands it straight to the regular expression engine next time.

The engine checks the code it is given (a damaged file raises, and is then ignored);
anything unexpected (another Python, an unwritable cache) falls back to ``re.compile``.

:func:`cached_value` does the same for data built from files (the cue lexicon's term
tables): kept as ``marshal`` data under a key the caller derives from everything the
build reads, so a changed input is a new key, never a stale result.

>>> compile_cached(r"\\b(?:rain|snow)\\b").findall("rain, then snow")
['rain', 'snow']
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fandex.cachedir import cache_home

T = TypeVar("T")

# Below this size compiling is cheaper than reading a file.
MIN_CACHED = 4000


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/fandex/regex`` (``~/.cache`` when unset)."""
    return cache_home() / "regex"


def compile_cached(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when this pattern was compiled
    before on this machine with this Python."""
    if len(pattern) < MIN_CACHED:
        return re.compile(pattern, flags)
    return cached_value(
        "regex",
        f"{int(flags)}\0{pattern}".encode(),
        lambda: re.compile(pattern, flags),
        lambda compiled: _checked_parts(compiled, flags),
        lambda parts: _from_parts(pattern, parts),
    )


def _checked_parts(compiled: re.Pattern[str], flags: int) -> tuple[Any, ...]:
    # Kept only when the parts rebuild the same pattern (``re`` internals may change).
    parts = _parts(compiled.pattern, flags)
    if _from_parts(compiled.pattern, parts).groupindex != compiled.groupindex:
        raise ValueError("the compiled parts do not rebuild the pattern")
    return parts


def _parts(pattern: str, flags: int) -> tuple[Any, ...]:
    # What re._compiler.compile hands the engine (CPython 3.11-3.13).
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    # Opcodes are int subclasses (named constants): marshal stores plain ints.
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    state = parsed.state
    return (int(flags | state.flags), code, state.groups - 1, groupindex, indexgroup)


def _from_parts(pattern: str, parts: tuple[Any, ...]) -> re.Pattern[str]:
    import _sre  # type: ignore[import-not-found]

    flags, code, groups, groupindex, indexgroup = parts
    compiled: re.Pattern[str] = _sre.compile(
        pattern, flags, code, groups, groupindex, tuple(indexgroup)
    )
    return compiled


def cached_value(
    kind: str,
    key: bytes,
    make: Callable[[], T],
    dump: Callable[[T], Any],
    load: Callable[[Any], T],
) -> T:
    """``make()``, or what ``load`` rebuilds from the data ``dump`` kept of it when a
    process on this machine (with this Python) made it before under the same ``key``.

    ``key`` must cover every input of ``make`` (file contents, the code that builds).
    ``dump`` returns plain data ``marshal`` can store; a file that does not load (damaged,
    another format) is ignored and made again.
    """
    digest = hashlib.sha256(f"{sys.version}\0{kind}\0".encode() + key).hexdigest()
    path = cache_home() / kind / f"{digest[:40]}.marshal"
    try:
        return load(marshal.loads(path.read_bytes()))
    except Exception:  # missing, damaged, or made by something else: make it
        pass
    value = make()
    try:
        _write(path, marshal.dumps(dump(value)))
    except Exception:  # an unwritable cache, or data marshal cannot store
        pass
    return value


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)  # whole or not at all, whatever else runs at once
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["MIN_CACHED", "cache_dir", "cached_value", "compile_cached"]
