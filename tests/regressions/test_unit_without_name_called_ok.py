"""A rated unit whose name was refused (read the same by every reading path: 'Ratings for this
unit', the ratings box's label, where the unit is named only in the running page header) was left
null with a confirmed implausible_value warning, and validate said "0 errors, 0 warnings (ok)"
(issue 11, fresh-user tester, Chromium print): a confirmed refusal was taken as a printed value the
checks report, but a name has none to check. Wanted: 'a unit without a name' is not_checked
(README), never ok; a confirmed refused score is still checked as printed."""

from __future__ import annotations

from docextract.model.record import InspectionReport, ParseWarning, Source, Standard, Unit
from docextract.validation.run import check

PDU_2023 = [
    ("1.1", "Leadership", "Good"),
    ("1.2", "Staffing", "Requires improvement"),
    ("1.3", "Services", "Requires improvement"),
    ("2.1", "Assessment", "Requires improvement"),
    ("2.2", "Planning", "Requires improvement"),
    ("2.3", "Implementation and delivery", "Inadequate"),
    ("2.4", "Reviewing", "Inadequate"),
]  # 2+1+1+1+1+0+0 = 6/21, Requires improvement


def _report(name: str | None, warning: ParseWarning) -> InspectionReport:
    standards = [Standard(code=c, name=n, rating=r, page=2) for c, n, r in PDU_2023]
    unit = Unit(name=name, overall_rating="Requires improvement", score=6, max_score=21, standards=standards, page=2)
    return InspectionReport(
        docextract_version="test",
        source=Source(path="hand-built.pdf", sha256="0" * 64, pages=5, format="pdf"),
        kind="pdu_inspection",
        framework="probation-pdu-2023",
        units=[unit],
        warnings=[warning],
        statements=[],
    )


def _refused(field: str, read: str) -> ParseWarning:
    return ParseWarning(
        code="implausible_value", message=f"{field}: read '{read}' (every reading path read the same), refused",
        field=field, read=read, confirmed=True, page=2,
    )  # fmt: skip


def test_unit_name_refused_though_read_alike_is_not_checked_never_ok() -> None:
    issues = check(_report(None, _refused("units[0].name", "Ratings for this unit")))
    found = [i for i in issues if i.code == "not_checked"]
    assert len(found) == 1 and found[0].found == "implausible_value"
    assert "Ratings for this unit" in found[0].message


def test_a_named_unit_with_a_confirmed_refusal_elsewhere_is_checked_as_printed() -> None:
    issues = check(_report("Northgate PDU", _refused("units[0].score", "6")))
    assert [i for i in issues if i.code in ("not_checked", "score_mismatch")] == []  # 6 printed, 6 summed
