"""Acceptance: report kind, framework, metadata and ratings of the five real reports,
field by field against the hand-written ground truth, from the PDFs and the text versions."""

from __future__ import annotations

import pytest
from corpus import canon, corpus_report, report_names

from docextract.eval.evaluate import published_as_truth

FORMATS = ["pdf", "text"]
CASES = [(name, fmt) for name in report_names() for fmt in FORMATS]


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_document_fields(parsed, name: str, fmt: str) -> None:
    truth = corpus_report(name).truth
    report = parsed(name, fmt)
    assert report.kind == truth["kind"]
    assert report.framework == truth["framework"]
    # compared as eval compares it (TRUTH-FORMAT's `published` is the month; a year-only value states none)
    assert published_as_truth(report.published, truth["published"]) == truth["published"]
    assert report.published is None or report.published.startswith(truth["published"] or report.published[:4])
    assert canon(report.title) == canon(truth["title"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_year_only_publication_date(parsed, fmt: str) -> None:
    """NPS Wales prints no month of publication, only "© Crown copyright 2019" (its truth,
    written before year-only dates, has null): the record gives the year."""
    assert parsed("2019-nps-wales", fmt).published == "2019"


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_units(parsed, name: str, fmt: str) -> None:
    truth = corpus_report(name).truth
    report = parsed(name, fmt)
    assert [canon(u.name) for u in report.units] == [canon(u["name"]) for u in truth["units"]]
    for unit, expected in zip(report.units, truth["units"], strict=True):
        assert unit.overall_rating == expected["overall_rating"], unit.name
        assert unit.score == expected["score"], unit.name
        assert unit.max_score == expected["max_score"], unit.name
        assert unit.page is not None


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_standards(parsed, name: str, fmt: str) -> None:
    truth = corpus_report(name).truth
    report = parsed(name, fmt)
    for unit, expected in zip(report.units, truth["units"], strict=True):
        got = [(s.code, canon(s.name), s.rating) for s in unit.standards]
        want = [(s["code"], canon(s["name"]), s["rating"]) for s in expected["standards"]]
        assert got == want, unit.name
        assert all(s.page is not None for s in unit.standards)
        if fmt == "pdf":
            assert all(s.bbox is not None for s in unit.standards)
