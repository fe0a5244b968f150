"""Golden records of the five corpus reports (PDF and text) and of every committed producer fixture:
each parse compared field by field with its reviewed golden file (tests/support/golden_records.py).
Regenerate with ``make golden`` (refused under CI), then review `git diff tests/golden`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import golden_records as gr
import paths
import pytest
import records
from corpus import corpus_report, report_names

FIXTURES = paths.FIXTURES / "producers"
FIXTURE_PDFS = sorted(p.stem for p in FIXTURES.glob("*.pdf"))


def _record(path: Path) -> dict[str, Any]:
    dumped: dict[str, Any] = json.loads(records.parsed(path).model_dump_json())
    return dumped


def _assert_same(golden: Path, current: dict[str, Any]) -> None:
    found = gr.check(golden, current)
    shown = "\n  ".join(found[:25])
    more = f"\n  … and {len(found) - 25} more" if len(found) > 25 else ""
    assert not found, (
        f"{golden.name} differs from its golden record in {len(found)} field(s):\n  {shown}{more}\n"
        f"If the change is intended: make golden (or {gr.SWITCH}=1 pytest -s "
        f"tests/acceptance/test_golden_records.py), review git diff tests/golden, commit."
    )


@pytest.mark.parametrize("fmt", ["pdf", "text"])
@pytest.mark.parametrize("name", report_names())
def test_corpus_record_matches_its_golden(name: str, fmt: str) -> None:
    report = corpus_report(name)
    current = gr.view(_record(report.source(fmt)), digest_long=True)
    _assert_same(gr.GOLDEN / "corpus" / f"{name}.{fmt}.json", current)


@pytest.mark.parametrize("name", FIXTURE_PDFS)
def test_producer_fixture_record_matches_its_golden(name: str) -> None:
    current = gr.view(_record(FIXTURES / f"{name}.pdf"), digest_long=False)
    _assert_same(gr.GOLDEN / "producers" / f"{name}.json", current)


def test_every_golden_file_has_its_source() -> None:
    """A golden file whose report no longer exists is stale: it would never be compared again."""
    producers = {p.stem for p in (gr.GOLDEN / "producers").glob("*.json")}
    assert producers == set(FIXTURE_PDFS)
    corpus = {p.name for p in (gr.GOLDEN / "corpus").glob("*.json")}
    assert corpus == {f"{name}.{fmt}.json" for name in report_names() for fmt in ("pdf", "text")}


def test_regenerate_switch_is_off_under_ci() -> None:
    if os.environ.get("CI", "").strip().lower() == "true":
        assert not os.environ.get(gr.SWITCH), f"{gr.SWITCH} must never be set under CI"
    assert gr.regenerating() is bool(os.environ.get(gr.SWITCH, "").strip().lower() in ("1", "true", "yes"))


def test_regenerating_is_refused_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv(gr.SWITCH, "1")
    with pytest.raises(gr.GoldenRefused, match="never regenerated in CI"):
        gr.regenerating()


def test_a_changed_value_is_reported_with_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(gr.SWITCH, raising=False)
    golden = tmp_path / "g.json"
    golden.write_text(json.dumps({"units": [{"rating": "Good", "score": 8}]}), encoding="utf-8")
    found = gr.check(golden, {"units": [{"rating": "Outstanding", "score": 8}], "extra": 1})
    assert found == [
        "extra: new in the record (1), not in the golden file",
        "units[0].rating: golden 'Good' != record 'Outstanding'",
    ]


def test_corpus_view_keeps_no_long_text() -> None:
    folded = gr.view(
        {"docextract_version": "9", "source": {"path": "/x", "sha256": "ab"}, "title": "short", "text": "x" * 41},
        digest_long=True,
    )
    assert folded == {"source": {"sha256": "ab"}, "title": "short", "text": folded["text"]} and folded[
        "text"
    ].startswith("<41 chars, sha256 ")
