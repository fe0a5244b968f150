"""validate on the five real reports: only the defects the ground truth lists, and the specific
ones the issue names (South West: count 13 v 14, two broken bookmarks; Wakefield: 2004)."""

from __future__ import annotations

from typing import Any

import pytest
import records
from corpus import corpus_report, report_names

from docextract.model.record import InspectionReport, KeyQuestion, Recommendation, Source, Standard, StatedCount, Unit
from docextract.validation.run import ValidationResult, check

FORMATS = ["pdf", "text"]
CASES = [(name, fmt) for name in report_names() for fmt in FORMATS]
RATING_CODES = {"standard_rating_mismatch", "score_mismatch", "max_score_mismatch", "overall_band_mismatch"}
RATING_CODES |= {"within_discretion", "leadership_cap", "narrative_rating_mismatch", "rules_unknown"}

def validated(name: str, fmt: str) -> ValidationResult:
    return records.validated(corpus_report(name).source(fmt))


def known_types(name: str) -> set[str]:
    return {item["type"] for item in corpus_report(name).truth["known_inconsistencies"]}


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_errors_are_known_inconsistencies(name: str, fmt: str) -> None:
    result = validated(name, fmt)
    errors = {i.code for i in result.errors}
    assert errors <= known_types(name), [i.message for i in result.errors]


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_no_rating_findings_on_consistent_reports(name: str, fmt: str) -> None:
    found = [i.message for i in validated(name, fmt).issues if i.code in RATING_CODES]
    assert found == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_south_west_broken_bookmarks(fmt: str) -> None:
    found = [i for i in validated("2021-nps-south-west", fmt).issues if i.code == "broken_cross_reference"]
    assert [i.found for i in found] == ["Error! Bookmark not defined."] * 2
    assert all(i.severity == "error" and i.page is not None for i in found)
    if fmt == "pdf":
        assert len({i.page for i in found}) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_south_west_recommendation_count(fmt: str) -> None:
    found = [i for i in validated("2021-nps-south-west", fmt).issues if i.code == "recommendation_count_mismatch"]
    assert [(i.found, i.expected) for i in found] == [(13, 14)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_wakefield_sample_window(fmt: str) -> None:
    found = [i for i in validated("2024-wakefield-pdu", fmt).issues if i.code == "date_out_of_range"]
    assert [i.found for i in found] == ["29 January 2004"]
    assert found[0].severity == "warning"


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_only_listed_text_warnings(name: str, fmt: str) -> None:
    codes = {i.code for i in validated(name, fmt).warnings} - {"missing_value"}
    assert codes <= known_types(name)


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_no_missing_values_once_key_questions_land(name: str, fmt: str) -> None:
    assert [i.message for i in validated(name, fmt).issues if i.code == "missing_value"] == []


# --- the ground truth as a record: recomputation with the real key questions and recommendations -----


def truth_record(name: str) -> InspectionReport:
    truth: dict[str, Any] = corpus_report(name).truth
    units = [
        Unit(
            name=u["name"],
            overall_rating=u["overall_rating"],
            score=u["score"],
            max_score=u["max_score"],
            standards=[
                Standard(
                    code=s["code"],
                    name=s["name"],
                    rating=s["rating"],
                    key_questions=[KeyQuestion(text=q["text"], percent=q["percent"]) for q in s["key_questions"]],
                )
                for s in u["standards"]
            ],
        )
        for u in truth["units"]
    ]
    recs = [Recommendation(number=r["number"], unit=r["unit"], text=r["text"]) for r in truth["recommendations"]]
    stated = truth["stated_recommendation_count"]
    return InspectionReport(
        docextract_version="truth",
        source=Source(path=truth["file"], sha256="0" * 64, pages=1, format="pdf"),
        kind=truth["kind"],
        framework=truth["framework"],
        units=units,
        recommendations=recs,
        stated_recommendation_count=None if stated is None else StatedCount(value=stated, sentence=""),
        statements=[],  # built from the truth file: no text to state anything
    )


@pytest.mark.parametrize("name", report_names())
def test_truth_record_recomputes_cleanly(name: str) -> None:
    issues = check(truth_record(name))
    errors = {i.code for i in issues if i.severity == "error"}
    assert errors <= known_types(name)
    assert [i.message for i in issues if i.code in RATING_CODES] == []
    assert [i.message for i in issues if i.code == "missing_value"] == []


def test_truth_record_south_west_count() -> None:
    issues = check(truth_record("2021-nps-south-west"))
    assert [(i.code, i.found, i.expected) for i in issues] == [("recommendation_count_mismatch", 13, 14)]
