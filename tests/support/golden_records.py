"""Golden records: docextract's own record of each corpus report and producer fixture, committed
under tests/golden/ and compared field by field, so any change to what a parse stores shows up as a
reviewed diff (issue 15).

A golden file is a *view* of the record: the fields that vary between machines or versions are left
out (`VOLATILE`), and for the corpus (Crown-copyright reports read in place, never copied) every
string longer than `CORPUS_TEXT_LIMIT` characters is kept only as its length and digest, so no
report prose enters the repository while a changed sentence still shows as a changed value.

Regenerating is an explicit switch, `DOCEXTRACT_REGENERATE_GOLDEN=1` (``make golden``), refused
under CI (`CI=true`): a person reviews the diff summary it prints before committing the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from paths import GOLDEN

SWITCH = "DOCEXTRACT_REGENERATE_GOLDEN"
# Fields that differ by machine or version, never by what was read: (top-level key, sub-key or None).
VOLATILE: tuple[tuple[str, str | None], ...] = (("docextract_version", None), ("source", "path"))
CORPUS_TEXT_LIMIT = 40


class GoldenRefused(RuntimeError):
    """Regenerating golden files was asked for where it is not allowed (under CI)."""


def regenerating() -> bool:
    """Whether the regenerate switch is on. Raises GoldenRefused when it is on under CI."""
    on = os.environ.get(SWITCH, "").strip().lower() in ("1", "true", "yes")
    if on and os.environ.get("CI", "").strip().lower() == "true":
        raise GoldenRefused(f"{SWITCH} is set under CI: golden files are reviewed by a person, never regenerated in CI")
    return on


def _digest(text: str) -> str:
    return f"<{len(text)} chars, sha256 {hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}>"


def _fold(value: Any, *, digest_long: bool) -> Any:
    if isinstance(value, dict):
        return {key: _fold(item, digest_long=digest_long) for key, item in value.items()}
    if isinstance(value, list):
        return [_fold(item, digest_long=digest_long) for item in value]
    if digest_long and isinstance(value, str) and len(value) > CORPUS_TEXT_LIMIT:
        return _digest(value)
    return value


def view(record: dict[str, Any], *, digest_long: bool) -> dict[str, Any]:
    """The record (a JSON dump) without its volatile fields; long strings digested when asked."""
    kept = dict(record)
    for key, sub in VOLATILE:
        if sub is None:
            kept.pop(key, None)
        elif isinstance(kept.get(key), dict):
            kept[key] = {k: v for k, v in kept[key].items() if k != sub}
    folded: dict[str, Any] = _fold(kept, digest_long=digest_long)
    return folded


def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Every field path where two views differ, with both values ("units[0].rating: 'Good' != 'Outstanding'")."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        for key in sorted(set(expected) | set(actual), key=str):
            where = f"{path}.{key}" if path else str(key)
            if key not in actual:
                out.append(f"{where}: missing from the record (golden {expected[key]!r})")
            elif key not in expected:
                out.append(f"{where}: new in the record ({actual[key]!r}), not in the golden file")
            else:
                out += differences(expected[key], actual[key], where)
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        if len(expected) != len(actual):
            out.append(f"{path}: {len(expected)} items in the golden file, {len(actual)} in the record")
        for index, (left, right) in enumerate(zip(expected, actual, strict=False)):
            out += differences(left, right, f"{path}[{index}]")
        return out
    return [] if expected == actual else [f"{path}: golden {expected!r} != record {actual!r}"]


def check(golden: Path, current: dict[str, Any]) -> list[str]:
    """Compare a view with its golden file; with the switch on, (re)write the file and return the
    differences it replaced (printed as the diff summary for the reviewer)."""
    previous = json.loads(golden.read_text(encoding="utf-8")) if golden.exists() else None
    found = ["(no golden file yet)"] if previous is None else differences(previous, current)
    if regenerating():
        if found:
            golden.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(current, indent=1, ensure_ascii=False, sort_keys=True)
            golden.write_text(text + "\n", encoding="utf-8")
            print(f"\n{golden.relative_to(GOLDEN.parent)}: rewritten, {len(found)} difference(s):")
            for line in found[:20]:
                print(f"  {line}")
        return []
    return found
