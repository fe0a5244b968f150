"""Regression (fresh-user tester, wave 6): a rated report's record with its units removed
(`jq '.units=[]'` on `docextract parse -f json`) was validated '0 errors, 1 warning (ok)', exit 0.
A report of a rated kind (vocab.yaml `rated`) with no unit, or with units of which not one rating
was read, has nothing to check: a `not_checked` error, decided from the record alone (not from its
own parse warnings, which a record edited or written by hand may not carry)."""

from __future__ import annotations

import pytest

from docextract.model.record import InspectionReport, Source, Standard, Unit
from docextract.rules.patterns import vocab
from docextract.serialize.findings import FAILED, FileFindings
from docextract.validation.run import check


def _record(kind: str, units: list[Unit]) -> InspectionReport:
    """A record of `kind` read back from JSON: no parse warnings at all."""
    data = InspectionReport(
        docextract_version="test",
        source=Source(path="edited.pdf", sha256="0" * 64, pages=20, format="pdf"),
        kind=kind,  # type: ignore[arg-type]
        framework="probation-pdu-2023",
        units=units,
        statements=[],
    ).model_dump_json()
    return InspectionReport.model_validate_json(data)


@pytest.mark.parametrize("kind", sorted(vocab().kinds_where("rated")))
def test_rated_report_with_no_unit_fails(kind: str) -> None:
    record = _record(kind, [])
    errors = [i for i in check(record) if i.severity == "error"]
    assert [(i.code, i.message.lower().startswith("nothing to check: no unit read")) for i in errors] == [
        ("not_checked", True)
    ]
    assert FileFindings(file="edited.json", issues=check(record), report=record).verdict() == FAILED


def test_rated_report_whose_units_have_no_rating_fails() -> None:
    unrated = Unit(name="Northgate PDU", standards=[Standard(code="1.1", name="Leadership", page=3)], page=3)
    errors = [i for i in check(_record("pdu_inspection", [unrated])) if i.severity == "error"]
    assert [i.code for i in errors] == ["not_checked"]
    assert "no rating read" in errors[0].message.lower()


@pytest.mark.parametrize("kind", sorted(set(vocab().kinds) - vocab().kinds_where("rated") - {"unknown"}))
def test_unrated_kinds_with_no_unit_are_not_failed(kind: str) -> None:
    assert [i for i in check(_record(kind, [])) if i.severity == "error"] == []
