"""Thematic inspections and annual reports from the generator (corpora.synth.kinds): thematic
reports parse exactly with no ratings warnings and their lead inspectorates; annual reports give
every key fact and tally; a broken tally yields exactly tally_mismatch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora.synth import ReportSpec, generate_report
from docextract.eval.evaluate import FAMILIES, evaluate
from docextract.pipeline import parse, validate

RATING_CODES = {"ratings_not_found", "rating_unreadable", "overall_rating_unreadable", "missing_value",
                "rules_unknown", "standard_rating_mismatch", "score_mismatch", "overall_band_mismatch"}


def _write(out: Path, spec: ReportSpec) -> Path:
    report = generate_report(spec)
    (out / f"{report.name}.pdf").write_bytes(report.pdf)
    (out / f"{report.name}.txt").write_text(report.text, encoding="utf-8")
    (out / f"{report.name}.json").write_text(report.truth_json(), encoding="utf-8")
    return out / f"{report.name}.pdf"


def _truth(pdf: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def thematic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("thematic")
    for n in range(12):
        _write(out, ReportSpec(f"thematic-{n:02d}", 5200 + n, "thematic_inspection", [], (8, 12)))
    return out


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("annual")
    for n in range(8):
        _write(out, ReportSpec(f"annual-{n:02d}", 6300 + n, "annual_report", [], (8, 12)))
    return out


def test_thematic_reports_parse_exactly(thematic: Path) -> None:
    result = evaluate(thematic, thematic)
    assert result.failed == []
    assert result.strict["recommendations"].expected > 0
    for family in FAMILIES:
        tally = result.strict[family]
        assert (family, tally.matched, tally.predicted) == (family, tally.expected, tally.expected)


@pytest.mark.parametrize("suffix", [".pdf", ".txt"])
def test_thematic_reports_have_no_ratings_warnings_and_their_leads(thematic: Path, suffix: str) -> None:
    joint = 0
    for pdf in sorted(thematic.glob("*.pdf")):
        truth = _truth(pdf)
        result = validate(pdf.with_suffix(suffix))
        record = result.report
        assert (record.kind, record.framework, record.units) == ("thematic_inspection", None, [])
        assert {w.code for w in record.warnings} & RATING_CODES == set(), pdf.name
        assert [(i.code, i.message) for i in result.issues] == [], pdf.name
        assert record.lead_inspectorates == truth["lead_inspectorates"], pdf.name
        stated = record.stated_recommendation_count
        assert (stated.value if stated else None) == truth["stated_recommendation_count"]
        joint += bool(record.lead_inspectorates)
    assert 0 < joint < 12  # both single and joint inspections were generated


@pytest.mark.parametrize("suffix", [".pdf", ".txt"])
def test_annual_reports_give_every_key_fact_and_tally(annual: Path, suffix: str) -> None:
    units = set()
    for pdf in sorted(annual.glob("*.pdf")):
        truth = _truth(pdf)
        record = parse(pdf.with_suffix(suffix))
        assert record.kind == "annual_report"
        facts = [(f.label, f.value, f.unit, f.as_printed) for f in record.key_facts]
        assert facts == [(f["label"], f["value"], f["unit"], f["as_printed"]) for f in truth["key_facts"]], pdf.name
        units |= {f.unit for f in record.key_facts}
        summaries = [(s.title, s.made, s.agreed, s.partly_agreed, s.not_agreed, [t.made for t in s.by_addressee])
                     for s in record.thematic_summaries]
        assert summaries == [(s["title"], s["made"], s["agreed"], s["partly_agreed"], s["not_agreed"],
                              [t["made"] for t in s["by_addressee"]]) for s in truth["thematic_summaries"]], pdf.name
        if suffix == ".pdf":
            assert [f.page for f in record.key_facts] == [f["page"] for f in truth["key_facts"]]
            assert [s.page for s in record.thematic_summaries] == [s["page"] for s in truth["thematic_summaries"]]
        assert validate(pdf.with_suffix(suffix)).issues == [], pdf.name
    assert units == {"count", "%", "currency"}


def test_a_broken_tally_yields_exactly_tally_mismatch(tmp_path: Path) -> None:
    for n in range(3):
        pdf = _write(tmp_path, ReportSpec(f"annual-broken-{n}", 6400 + n, "annual_report", ["tally_mismatch"], (8, 12)))
        [injected] = _truth(pdf)["known_inconsistencies"]
        result = validate(pdf)
        assert [(i.code, i.severity, i.page) for i in result.issues] == [
            ("tally_mismatch", "error", injected["where"]["page"])
        ]


def test_thematic_defects_are_found(tmp_path: Path) -> None:
    kinds = ["recommendation_count_mismatch", "numbering_gap", "broken_cross_reference"]
    for n in range(3):
        pdf = _write(tmp_path, ReportSpec(f"thematic-broken-{n}", 5300 + n, "thematic_inspection", kinds, (8, 12)))
        injected = sorted(item["type"] for item in _truth(pdf)["known_inconsistencies"])
        assert injected == sorted(kinds)
        assert sorted(i.code for i in validate(pdf).issues) == injected
