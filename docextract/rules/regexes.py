"""Compiled regular expressions, kept across runs (start-up, issue 16).

Compiling a `regex` pattern runs Python code (the pattern is parsed, then its matcher built):
the ~100 patterns a parse uses cost ~25 ms CPU, a tenth of a cold `docextract parse`. A
compiled pattern pickles as its compiled form (the `regex` package's own pickle support), and
unpickling all of them costs about 1 ms. So `compiled(pattern, flags)` gives the pattern
compiled from a store in the cache directory (`rules.loader.cache_dir`: `DOCEXTRACT_CACHE`,
`off` disables it) when the store holds it, compiling it otherwise; `save()` writes the store
back when this process compiled patterns the store lacked (at exit, or before the command's
`os._exit`). The store is keyed by the pattern's text and flags, and its file by the versions
of `regex` and Python, so a pattern changed in a file or in the code is simply compiled anew.
A store that cannot be read or written is not used.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

import regex

_MAX_PATTERNS = 4000  # past this, the store keeps only the patterns this process used

_store: dict[tuple[str, int], regex.Pattern[str]] | None = None
_used: set[tuple[str, int]] = set()
_unsaved = 0
_at_exit = False


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)`, from the store when it holds the pattern. Raises
    regex.error for a bad pattern, as `regex.compile` does."""
    global _unsaved
    store = _store if _store is not None else _load()
    key = (pattern, flags)
    found = store.get(key)
    if found is None:
        found = regex.compile(pattern, flags)
        if not flags & regex.LOCALE:  # a locale-dependent matcher is not kept
            store[key] = found
            _unsaved += 1
    _used.add(key)
    return found


def unsaved() -> int:
    """How many patterns this process compiled that the store on disk lacks."""
    return _unsaved


def save() -> None:
    """Write the store (atomically) if this process compiled patterns it lacked."""
    global _unsaved
    path = _path()
    if not _unsaved or _store is None or path is None:
        return
    from .loader import store as write_atomic

    kept = _store if len(_store) <= _MAX_PATTERNS else {k: v for k, v in _store.items() if k in _used}
    if write_atomic(path, kept):
        _unsaved = 0


def _path() -> Path | None:
    from .loader import cache_dir

    directory = cache_dir()
    if directory is None:
        return None
    versions = f"{regex.__version__} {sys.version_info[:3]} {regex.DEFAULT_VERSION} {pickle.HIGHEST_PROTOCOL}"
    return directory / f"regex-{hashlib.sha256(versions.encode()).hexdigest()[:16]}.pickle"


def _load() -> dict[tuple[str, int], regex.Pattern[str]]:
    global _store, _at_exit
    store: dict[tuple[str, int], regex.Pattern[str]] = {}
    path = _path()
    if path is not None:
        with contextlib.suppress(Exception):  # absent, unreadable or not ours: start empty
            with path.open("rb") as handle:
                value = pickle.load(handle)
            if isinstance(value, dict):
                store = {
                    k: v
                    for k, v in value.items()
                    if isinstance(k, tuple) and isinstance(v, regex.Pattern) and v.pattern == k[0]
                }
    _store = store
    if not _at_exit:
        atexit.register(save)
        _at_exit = True
    return store


def any_of(words: Iterable[str]) -> str:
    """The alternation of `words` as literal text, longest first (so that the longest word wins
    where one begins another): ['and', 'and then'] -> 'and\\ then|and'. No group, no anchors."""
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))
