"""Compiled regular expressions kept across runs (docextract/rules/regexes.py, start-up of issue 16):
a second run compiles nothing, its patterns behave exactly as freshly compiled ones, and the
record is the same with the store cold or warm; a damaged store is ignored."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import regex
from paths import REPO

SAMPLE = REPO / "examples" / "sample-pdu-report.pdf"

PARSE = (
    "import sys, regex, docextract\n"
    "from docextract.rules import regexes\n"
    "calls = []\n"
    "original = regex.compile\n"
    "regex.compile = lambda *a, **k: calls.append(a) or original(*a, **k)\n"
    f"record = docextract.parse({str(SAMPLE)!r})\n"
    "print(len(calls), regexes.unsaved())\n"
    "sys.stderr.write(record.model_dump_json())\n"
)


def _parse(cache: Path) -> tuple[list[int], str]:
    env = {**os.environ, "DOCEXTRACT_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", PARSE], capture_output=True, text=True, cwd=REPO, env=env, check=True)
    return [int(n) for n in done.stdout.split()], done.stderr


def _store(cache: Path) -> Path:
    (path,) = cache.glob("regex-*.pickle")
    return path


def test_a_second_run_compiles_nothing_and_gives_the_same_record(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (compiles, unsaved), cold = _parse(cache)  # regex.compile calls; patterns the store lacked
    assert compiles >= unsaved > 20  # (validating the pattern files compiles their patterns too)
    (compiles, unsaved), warm = _parse(cache)
    assert (compiles, unsaved) == (0, 0)
    assert warm == cold


def test_stored_patterns_match_as_freshly_compiled_ones(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _parse(cache)
    with _store(cache).open("rb") as handle:
        store = pickle.load(handle)
    text = subprocess.run(["pdftotext", "-layout", str(SAMPLE), "-"], capture_output=True, text=True, check=True).stdout
    assert len(store) > 20 and len(text) > 1000
    for (pattern, flags), data in store.items():
        stored = pickle.loads(data)  # each pattern pickled on its own, unpickled when asked for
        fresh = regex.compile(pattern, flags)
        assert (stored.pattern, stored.flags, stored.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)
        lines = text.splitlines()
        assert [[m.span() for m in stored.finditer(line)] for line in lines] == [
            [m.span() for m in fresh.finditer(line)] for line in lines
        ], pattern


def test_a_damaged_store_is_ignored_and_rewritten(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _, expected = _parse(cache)
    _store(cache).write_bytes(b"not a pickle")
    (compiles, _), record = _parse(cache)
    assert compiles > 20 and record == expected
    assert _parse(cache)[0] == [0, 0]


def _rewrite(cache: Path, change: Callable[[dict[tuple[str, int], bytes]], None]) -> None:
    path = _store(cache)
    with path.open("rb") as handle:
        store = pickle.load(handle)
    change(store)
    path.write_bytes(pickle.dumps(store))


def test_a_damaged_pattern_in_the_store_is_compiled_anew(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _, expected = _parse(cache)
    _rewrite(cache, lambda store: store.update({next(iter(store)): b"not a pickle"}))
    (compiles, unsaved), record = _parse(cache)
    assert (compiles, unsaved) == (1, 1) and record == expected
    assert _parse(cache)[0] == [0, 0]


def test_patterns_a_run_does_not_ask_for_are_never_unpickled_and_stay_stored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _, expected = _parse(cache)
    other = ("(?:a pattern of another run)", 0)
    _rewrite(cache, lambda store: store.update({other: b"never unpickled"}))
    _rewrite(cache, lambda store: store.pop(next(k for k in store if k != other)))  # one to compile and save
    (compiles, unsaved), record = _parse(cache)
    assert (compiles, unsaved) == (1, 1) and record == expected
    with _store(cache).open("rb") as handle:
        assert pickle.load(handle)[other] == b"never unpickled"


def test_no_store_when_the_cache_is_off(tmp_path: Path) -> None:
    env = {**os.environ, "DOCEXTRACT_CACHE": "off", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PARSE], capture_output=True, text=True, cwd=REPO, env=env, check=True)
    assert int(done.stdout.split()[0]) > 20
    assert not list(tmp_path.rglob("regex-*.pickle"))


def test_the_command_saves_the_store_before_its_fast_exit(tmp_path: Path) -> None:
    env = {**os.environ, "DOCEXTRACT_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "docextract", "parse", str(SAMPLE)]
    cold = subprocess.run(command, capture_output=True, cwd=REPO, env=env, check=True).stdout
    assert _store(tmp_path / "cache").stat().st_size > 1000
    warm = subprocess.run(command, capture_output=True, cwd=REPO, env=env, check=True).stdout
    assert warm == cold
