"""tally_mismatch on hand-built annual-report records: stated parts against the number made."""

from __future__ import annotations

import pytest

from docextract.model.record import AddresseeTally, InspectionReport, Source, ThematicSummary
from docextract.validation.run import check


def annual(*summaries: ThematicSummary) -> InspectionReport:
    return InspectionReport(
        docextract_version="test",
        source=Source(path="annual.pdf", sha256="0" * 64, pages=40, format="pdf"),
        kind="annual_report",
        thematic_summaries=list(summaries),
        statements=[],  # a hand-built record has no text to state anything
    )


def codes(report: InspectionReport) -> list[str]:
    return [i.code for i in check(report)]


@pytest.mark.parametrize(
    ("made", "agreed", "partly", "refused"),
    [(14, 8, 6, None), (17, 13, 4, None), (22, None, None, None), (15, 13, None, None), (10, 5, 3, 2)],
)
def test_tallies_that_add_up(made: int, agreed: int | None, partly: int | None, refused: int | None) -> None:
    summary = ThematicSummary(title="T", made=made, agreed=agreed, partly_agreed=partly, not_agreed=refused, page=3)
    assert codes(annual(summary)) == []


@pytest.mark.parametrize(
    ("made", "agreed", "partly", "refused"),
    [(14, 8, 5, None), (14, 9, 6, None), (15, 16, None, None), (10, 5, 3, 1)],
)
def test_tallies_that_do_not(made: int, agreed: int | None, partly: int | None, refused: int | None) -> None:
    summary = ThematicSummary(title="T", made=made, agreed=agreed, partly_agreed=partly, not_agreed=refused, page=7)
    issues = check(annual(summary))
    assert [(i.code, i.severity, i.page, i.expected) for i in issues] == [("tally_mismatch", "error", 7, made)]


def test_per_addressee_numbers_must_add_up_to_the_total() -> None:
    by = [AddresseeTally(addressee="Ministry of Justice", made=2, agreed=2),
          AddresseeTally(addressee="HM Prison and Probation Service (HMPPS)", made=8, agreed=6)]
    summary = ThematicSummary(title="T", made=11, agreed=8, partly_agreed=3, by_addressee=by, page=4)
    assert codes(annual(summary)) == ["tally_mismatch"]
    fixed = summary.model_copy(update={"by_addressee": [by[0], by[1].model_copy(update={"made": 9})]})
    assert codes(annual(fixed)) == []
