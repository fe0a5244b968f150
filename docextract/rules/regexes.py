"""Compiled regular expressions, kept across runs (start-up, issue 16).

Compiling a `regex` pattern runs Python code (the pattern is parsed, then its matcher built):
the ~160 patterns a parse uses cost ~25 ms CPU, a tenth of a cold `docextract parse`. A
compiled pattern pickles as its compiled form (the `regex` package's own pickle support), and
unpickling one costs ~12 µs. So `compiled(pattern, flags)` gives the pattern compiled from a
store in the cache directory (`rules.loader.cache_dir`: `DOCEXTRACT_CACHE`, `off` disables it)
when the store holds it, compiling it otherwise; `save()` writes the store back when this
process compiled patterns the store lacked (at exit, or before the command's `os._exit`). The
store is keyed by the pattern's text and flags, and its file by the versions of `regex` and
Python, so a pattern changed in a file or in the code is simply compiled anew. It keeps each
pattern pickled on its own, unpickled when first asked for: a store also holds the patterns of
other documents, commands and versions of the rule files (up to `_MAX_PATTERNS`), which a run
does not pay for. A store that cannot be read or written, or a pattern in it that does not
unpickle to itself, is not used.
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

_FORMAT = 2  # the store's layout (in its file's name): 2, each pattern pickled on its own

_store: dict[tuple[str, int], regex.Pattern[str]] | None = None  # unpickled or compiled by this process
_stored: dict[tuple[str, int], bytes] = {}  # the store's patterns not asked for yet, pickled
_used: set[tuple[str, int]] = set()
_unsaved = 0
_at_exit = False


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)`, from the store when it holds the pattern. Raises
    regex.error for a bad pattern, as `regex.compile` does."""
    global _unsaved
    store = _store if _store is not None else _load()
    key = (pattern, flags)
    found = store.get(key) or _unpickled(pattern, _stored.pop(key, None))
    if found is not None:
        store[key] = found
    else:
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

    kept = {**_stored, **{key: pickle.dumps(found, pickle.HIGHEST_PROTOCOL) for key, found in _store.items()}}
    if len(kept) > _MAX_PATTERNS:
        kept = {key: value for key, value in kept.items() if key in _used}
    if write_atomic(path, kept):
        _unsaved = 0


def _path() -> Path | None:
    from .loader import cache_dir

    directory = cache_dir()
    if directory is None:
        return None
    versions = f"{regex.__version__} {sys.version_info[:3]} {regex.DEFAULT_VERSION} {pickle.HIGHEST_PROTOCOL} {_FORMAT}"
    return directory / f"regex-{hashlib.sha256(versions.encode()).hexdigest()[:16]}.pickle"


def _load() -> dict[tuple[str, int], regex.Pattern[str]]:
    global _store, _stored, _at_exit
    _stored = {}
    path = _path()
    if path is not None:
        with contextlib.suppress(Exception):  # absent, unreadable or not ours: start empty
            with path.open("rb") as handle:
                value = pickle.load(handle)
            if isinstance(value, dict):
                _stored = {
                    k: v
                    for k, v in value.items()
                    if isinstance(k, tuple) and len(k) == 2 and isinstance(k[0], str) and isinstance(v, bytes)
                }
    _store = {}
    if not _at_exit:
        atexit.register(save)
        _at_exit = True
    return _store


def _unpickled(pattern: str, data: bytes | None) -> regex.Pattern[str] | None:
    """`pattern` compiled, from its pickled form in the store; None when the store lacks it or
    it does not unpickle to that pattern."""
    if data is not None:
        with contextlib.suppress(Exception):
            found = pickle.loads(data)
            if isinstance(found, regex.Pattern) and found.pattern == pattern:
                return found
    return None


def any_of(words: Iterable[str]) -> str:
    """The alternation of `words` as literal text, longest first (so that the longest word wins
    where one begins another): ['and', 'and then'] -> 'and\\ then|and'. No group, no anchors."""
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


_SCOPED_FLAGS = frozenset("imsx")  # inline flags that may be scoped to a group: '(?i:…)'


def either(patterns: Iterable[str], flags: int = 0) -> regex.Pattern[str]:
    """One compiled pattern that matches (or searches) wherever one of `patterns` would: each is a
    branch of an alternation, tried in order, its leading inline flags ('(?i)') scoped to its own
    branch ('(?i:…)'). `either(ps).match(t) is not None` exactly when `any(compiled(p).match(t)
    for p in ps)`: for rule lists tried in a row on every line or cell (one call, not one per
    pattern). Not for patterns with numbered back-references (their group numbers shift).
    Raises regex.error for a bad pattern."""
    branches: list[str] = []
    for pattern in patterns:
        scoped, body = "", pattern
        close = pattern.find(")")
        if pattern.startswith("(?") and close > 2 and set(pattern[2:close]) <= _SCOPED_FLAGS:
            scoped, body = pattern[2:close], pattern[close + 1 :]
        branches.append(f"(?{scoped}:{body})")
    return compiled("|".join(branches), flags)
