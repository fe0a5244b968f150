"""Each check on hand-built records: the clean record raises nothing; each mutation fires its check."""

from __future__ import annotations

from typing import Any

import pytest

from docextract.model.record import (
    InspectionReport,
    KeyQuestion,
    ParseWarning,
    Recommendation,
    Source,
    Standard,
    StatedCount,
    Unit,
)
from docextract.rules.patterns import validation_patterns
from docextract.validation.checks import CHECKS, issue
from docextract.validation.run import check

# --- hand-built records ------------------------------------------------------------------

PDU_2023 = [
    ("1.1", "Leadership"),
    ("1.2", "Staffing"),
    ("1.3", "Services"),
    ("2.1", "Assessment"),
    ("2.2", "Planning"),
    ("2.3", "Implementation and delivery"),
    ("2.4", "Reviewing"),
]


def standard(code: str, name: str, rating: Any, percents: list[int] | None = None, page: int = 3) -> Standard:
    questions = [KeyQuestion(text=f"Question {n} of {code}?", percent=p) for n, p in enumerate(percents or [], 1)]
    return Standard(code=code, name=name, rating=rating, key_questions=questions, page=page)


def unit(
    name: str | None,
    overall: Any,
    score: int | None,
    max_score: int | None,
    standards: list[Standard],
    page: int = 3,
) -> Unit:
    return Unit(name=name, overall_rating=overall, score=score, max_score=max_score, standards=standards, page=page)


def report(
    units: list[Unit],
    framework: str | None = "probation-pdu-2023",
    kind: Any = "pdu_inspection",
    recommendations: list[Recommendation] | None = None,
    stated: int | None = None,
) -> InspectionReport:
    return InspectionReport(
        docextract_version="test",
        source=Source(path="hand-built.pdf", sha256="0" * 64, pages=20, format="pdf"),
        kind=kind,
        framework=framework,
        units=units,
        recommendations=recommendations or [],
        stated_recommendation_count=None if stated is None else StatedCount(value=stated, sentence="…", page=5),
        statements=[],  # a hand-built record has no text to state anything
    )


def clean_pdu(**changes: Any) -> InspectionReport:
    """A consistent PDU (probation-pdu-2023): 2+1+1+1+1+0+0 = 6/21, Requires improvement.

    `changes` maps a standard code to a new rating, or to (rating, percents)."""
    rows: dict[str, tuple[Any, list[int] | None]] = {
        "1.1": ("Good", None),
        "1.2": ("Requires improvement", None),
        "1.3": ("Requires improvement", None),
        "2.1": ("Requires improvement", [79, 90, 56]),
        "2.2": ("Requires improvement", [67, 77, 62]),
        "2.3": ("Inadequate", [51, 49, 33]),
        "2.4": ("Inadequate", [62, 46, 41]),
    }
    for code, change in changes.items():
        rows[code] = change if isinstance(change, tuple) else (change, rows[code][1])
    standards = [standard(code, name, *rows[code]) for code, name in PDU_2023]
    recs = [Recommendation(number=n, unit="Northgate PDU", text=f"do thing {n}", page=5) for n in range(1, 4)]
    return report([unit("Northgate PDU", "Requires improvement", 6, 21, standards)], recommendations=recs, stated=3)


def codes(issues: list[Any], severity: str | None = None) -> list[str]:
    return sorted(i.code for i in issues if severity is None or i.severity == severity)


def test_clean_record_has_no_issues() -> None:
    assert check(clean_pdu()) == []


def test_every_check_code_has_a_severity_and_summary() -> None:
    checks = validation_patterns().checks
    assert {info.severity for info in checks.values()} <= {"error", "warning"}
    assert all(info.summary for info in checks.values())
    with pytest.raises(KeyError):
        issue("not_a_code", "x")
    assert len(CHECKS) >= 12


# --- standard ratings from key questions -------------------------------------------------


def test_standard_rating_mismatch_fires_outside_discretion() -> None:
    issues = check(clean_pdu(**{"2.3": ("Good", [70, 45, 80])}))
    (found,) = [i for i in issues if i.code == "standard_rating_mismatch"]
    assert found.severity == "error"
    assert (found.unit, found.standard, found.expected, found.found) == ("Northgate PDU", "2.3", "Inadequate", "Good")
    assert "45%" in found.message


@pytest.mark.parametrize(
    ("rating", "percents", "code"),
    [
        ("Good", [70, 62, 80], "within_discretion"),  # 3 below the 65 boundary
        ("Good", [70, 60, 80], "within_discretion"),  # exactly five points
        ("Good", [70, 59, 80], "standard_rating_mismatch"),  # six points
        ("Requires improvement", [69, 90], "within_discretion"),  # 4 above the 65 boundary
        ("Requires improvement", [71, 90], "standard_rating_mismatch"),
        ("Outstanding", [66, 90], "standard_rating_mismatch"),  # two bands apart
        ("Requires improvement", [66, 90], "within_discretion"),
    ],
)
def test_discretion_window(rating: str, percents: list[int], code: str) -> None:
    issues = check(clean_pdu(**{"2.1": (rating, percents)}))
    found = [i for i in issues if i.code in ("within_discretion", "standard_rating_mismatch")]
    assert [i.code for i in found] == [code]
    assert found[0].severity == ("warning" if code == "within_discretion" else "error")


def test_agreeing_band_boundaries_raise_nothing() -> None:
    # 65 is Good, 64 Requires improvement, 80 Outstanding, 49 Inadequate
    changed = clean_pdu(
        **{
            "2.1": ("Good", [65, 90]),
            "2.2": ("Requires improvement", [64, 90]),
            "2.3": ("Outstanding", [80, 99]),
            "2.4": ("Inadequate", [49, 99]),
        }
    )
    assert [i.code for i in check(changed) if i.standard is not None] == []


def test_judgement_standards_are_not_recomputed() -> None:
    # leadership has no key questions; even stray percentages are ignored
    assert codes(check(clean_pdu(**{"1.1": ("Good", [10])}))) == []


# --- scores and bands -----------------------------------------------------------------------


def test_score_mismatch() -> None:
    record = clean_pdu()
    record.units[0].score = 9
    found = [i for i in check(record) if i.code == "score_mismatch"]
    assert [(i.expected, i.found, i.severity) for i in found] == [(6, 9, "error")]


def test_score_with_a_missing_rating_is_checked_against_its_range() -> None:
    record = clean_pdu(**{"1.1": None})  # the others add up to 4: the score may be 4 to 7
    for printed in (4, 7):
        record.units[0].score = printed
        assert codes(check(record), "error") == []
    record.units[0].score = 3
    (found,) = [i for i in check(record) if i.code == "score_mismatch"]
    assert (found.expected, found.found) == ("4–7", 3)


def test_max_score_mismatch() -> None:
    record = clean_pdu()
    record.units[0].max_score = 24
    found = [i for i in check(record) if i.code == "max_score_mismatch"]
    assert [(i.expected, i.found) for i in found] == [(21, 24)]


def test_overall_band_mismatch_uses_printed_score() -> None:
    record = clean_pdu()
    record.units[0].overall_rating = "Good"
    (found,) = [i for i in check(record) if i.code == "overall_band_mismatch"]
    assert (found.expected, found.found) == ("Requires improvement", "Good")
    assert "6/21" in found.message


def test_overall_band_uses_sum_when_score_not_printed() -> None:
    record = clean_pdu()
    record.units[0].score = None
    record.units[0].max_score = None
    assert check(record) == []
    record.units[0].overall_rating = "Inadequate"
    assert codes(check(record)) == ["overall_band_mismatch"]


@pytest.mark.parametrize(
    ("framework", "score", "expected"),
    [
        ("probation-2018", 5, "Inadequate"),
        ("probation-2018", 6, "Requires improvement"),
        ("probation-2018", 15, "Requires improvement"),
        ("probation-2018", 16, "Good"),
        ("probation-2018", 25, "Good"),
        ("probation-2018", 26, "Outstanding"),
    ],
)
def test_published_30_point_bands(framework: str, score: int, expected: str) -> None:
    ratings = _ratings_summing_to(score, 10)
    standards = [standard(f"{1 + n // 4}.{1 + n % 4}", f"Standard {n}", r) for n, r in enumerate(ratings)]
    record = report([unit("Region", expected, score, 30, standards)], framework=framework, kind="regional_inspection")
    assert codes(check(record), "error") == []
    record.units[0].overall_rating = "Outstanding" if expected != "Outstanding" else "Good"
    assert codes(check(record), "error") == ["overall_band_mismatch"]


def _ratings_summing_to(total: int, count: int) -> list[str]:
    names = ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    scores = [total // count + (1 if n < total % count else 0) for n in range(count)]
    return [names[s] for s in scores]


def test_unrated_standard_drops_out_and_bands_by_mean() -> None:
    # probation-pdu-2021 without court work: 8 rated standards, max 24; 12/24 is a mean of 1.5 -> RI
    names = ["Leadership", "Staff", "Services", "Information and facilities", "Assessment", "Planning"]
    names += ["Implementation and delivery", "Reviewing"]
    codes_ = ["1.1", "1.2", "1.3", "1.4", "2.2", "2.3", "2.4", "2.5"]
    ratings = ["Good", "Good", "Good", "Good", "Requires improvement", "Requires improvement", "Inadequate"]
    ratings += ["Inadequate"]
    standards = [standard(c, n, r) for c, n, r in zip(codes_, names, ratings, strict=True)]
    record = report([unit("Eastbrook PDU", "Requires improvement", 10, 24, standards)], framework="probation-pdu-2021")
    assert codes(check(record), "error") == []
    record.units[0].max_score = 27  # nine standards: one not read, or a misprinted maximum; never a wrong error
    assert codes(check(record), "error") == [] and "not_checked" in codes(check(record), "warning")
    record.units[0].max_score = 30  # above the framework's 27: a misprint
    assert codes(check(record), "error") == ["max_score_mismatch"]
    record.units[0].max_score = 24
    record.units[0].score = 12
    record.units[0].overall_rating = "Good"
    assert codes(check(record), "error") == ["overall_band_mismatch", "score_mismatch"]


def test_youth_resettlement_is_not_counted() -> None:
    rows = [
        ("1.1", "Governance and leadership"),
        ("1.2", "Staff"),
        ("1.3", "Partnerships and services"),
        ("1.4", "Information and facilities"),
        ("2.1", "Assessment"),
        ("2.2", "Planning"),
        ("2.3", "Implementation and delivery"),
        ("2.4", "Reviewing"),
        ("3.1", "Assessment"),
        ("3.2", "Planning"),
        ("3.3", "Implementation and delivery"),
        ("3.4", "Out-of-court disposal policy and provision"),
    ]
    standards = [standard(c, n, "Good", [70] if c[0] in "23" and c != "3.4" else None) for c, n in rows]
    standards.append(standard("4.1", "Resettlement policy and provision", "Inadequate"))
    record = report(
        [unit("Riverside YJS", "Good", 24, 36, standards)], framework="youth-2018", kind="youth_justice_inspection"
    )
    assert check(record) == []


# --- leadership cap, unknown rules, missing values ----------------------------------------


def test_leadership_cap() -> None:
    record = clean_pdu(**{"1.1": "Outstanding"})
    record.units[0].score = 7
    (found,) = [i for i in check(record) if i.code == "leadership_cap"]
    assert (found.standard, found.found, found.severity) == ("1.1", "Outstanding", "error")
    assert "2.3 Implementation and delivery" in found.message


def test_leadership_cap_holds_when_case_work_is_good() -> None:
    good = {code: ("Good", [70, 75]) for code in ("2.1", "2.2", "2.3", "2.4")}
    record = clean_pdu(**{"1.1": "Outstanding"}, **good)
    record.units[0].score, record.units[0].overall_rating = 13, "Good"
    assert codes(check(record)) == []


def test_no_leadership_cap_in_2018_framework() -> None:
    standards = [standard("1.1", "Leadership", "Outstanding"), standard("2.1", "Assessment", "Inadequate", [30])]
    record = report([unit("Region", None, None, None, standards)], framework="probation-2018")
    assert "leadership_cap" not in codes(check(record))


@pytest.mark.parametrize("framework", [None, "regional-2023"])
def test_rules_unknown_only_with_ratings(framework: str | None) -> None:
    rated = report([unit("Region", "Good", 40, 45, [standard("1.1", "Desistance", "Good")])], framework=framework)
    assert codes(check(rated)) == ["rules_unknown"]
    assert check(rated)[0].severity == "error"  # none of its ratings could be checked: never ok
    assert check(report([], framework=framework, kind="thematic_inspection")) == []


def test_missing_values() -> None:
    record = clean_pdu(**{"1.2": None, "2.2": ("Requires improvement", [])})
    record.units[0].overall_rating = None
    missing = [i for i in check(record) if i.code == "missing_value"]
    assert sorted((i.standard or "", i.expected) for i in missing) == [
        ("", "overall rating"),
        ("1.2", "rating"),
        ("2.2", "key questions"),  # no table printed for it
    ]
    assert all(i.severity == "warning" for i in missing)


def test_key_questions_printed_but_not_read_are_not_checked() -> None:
    """A case-based standard whose key-question table is printed but not read (`key_questions_unread`):
    not_checked, at its standard, saying what was not read and where (the report is never 'ok'), never a
    bare missing_value."""
    record = clean_pdu(**{"2.2": ("Requires improvement", [])})
    record.warnings.append(
        ParseWarning(
            code="key_questions_unread",
            message="Northgate PDU: standard 2.2 Planning: no key-question percentage was read, though the "
            "report prints key-question tables (header 'Key questions % yes' on page 7)",
            field="units[0].standards[4].key_questions",
            page=7,
        )
    )
    found = [i for i in check(record) if i.expected == "key questions" or i.code == "not_checked"]
    assert [(i.code, i.severity, i.unit, i.standard, i.page) for i in found] == [
        ("not_checked", "warning", "Northgate PDU", "2.2", 3)  # at its standard; the message names the table's page
    ]
    assert "2.2 Planning" in found[0].message and "page 7" in found[0].message


def test_unread_key_questions_said_once() -> None:
    """A parse warning already naming the standard's unread key questions gives the one not_checked finding."""
    record = clean_pdu(**{"2.2": ("Requires improvement", [])})
    record.warnings.append(
        ParseWarning(
            code="key_questions_incomplete",
            message="a row of its key-question table was not read",
            field="units[0].standards[4].key_questions",
            page=3,
        )
    )
    found = [i for i in check(record) if i.standard == "2.2"]
    assert [(i.code, i.found) for i in found] == [("not_checked", "key_questions_incomplete")]


def test_letters_are_not_expected_to_print_key_questions() -> None:
    record = clean_pdu(**{"2.2": ("Requires improvement", [])})
    record.kind = "regional_letter"
    assert check(record) == []


# --- recommendations ---------------------------------------------------------------------------


def _recs(numbers: list[int | None], unit_name: str | None = "Northgate PDU") -> list[Recommendation]:
    return [Recommendation(number=n, unit=unit_name, text="…", page=5 + i) for i, n in enumerate(numbers)]


def test_recommendation_count_mismatch() -> None:
    record = clean_pdu()
    record.recommendations = _recs([1, 2, 3, 4])
    (found,) = check(record)
    assert (found.code, found.expected, found.found, found.page) == ("recommendation_count_mismatch", 4, 3, 5)


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([1, 2, 4], [("numbering_gap", 3, 4)]),
        ([2, 3, 4], [("numbering_gap", 1, 2)]),
        ([1, 2, 2], [("numbering_duplicate", 3, 2)]),
        ([1, 3, 2], [("numbering_gap", 2, 3), ("numbering_gap", 4, 2)]),
        ([1, None, 2], []),
    ],
)
def test_numbering(numbers: list[int | None], expected: list[tuple[str, int, int]]) -> None:
    record = clean_pdu()
    record.recommendations = _recs(numbers)
    record.stated_recommendation_count = None
    assert [(i.code, i.expected, i.found) for i in check(record)] == expected


def test_numbering_restarts_per_unit_in_a_letter() -> None:
    record = clean_pdu()
    second = record.units[0].model_copy(update={"name": "Southgate PDU"})
    record.units.append(second)
    record.kind = "regional_letter"
    record.stated_recommendation_count = None
    record.recommendations = _recs([1, 2, 3]) + _recs([1, 2], "Southgate PDU")
    assert check(record) == []
    record.recommendations = _recs([1, 2, 3], None) + _recs([1, 2], None)
    assert check(record) == []
    record.recommendations = _recs([1, 2, 3]) + _recs([1, 3], "Southgate PDU")
    assert [(i.code, i.unit) for i in check(record)] == [("numbering_gap", "Southgate PDU")]


def test_issue_json_shape() -> None:
    record = clean_pdu()
    record.units[0].score = 9
    dumped = check(record)[0].model_dump(mode="json")
    assert list(dumped) == [
        "code", "severity", "message", "unit", "standard", "page", "expected", "found",
        "bbox", "line", "section", "paragraph", "row", "quotation",
    ]  # fmt: skip


def _unreadable(record: InspectionReport, position: int) -> None:
    """A `rating_unreadable` parse warning for the standard at `position` of the first unit."""
    name = record.units[0].standards[position].name
    record.warnings.append(
        ParseWarning(
            code="rating_unreadable",
            message=f"Northgate PDU: standard {name} has no readable rating",
            field=f"units[0].standards[{position}].rating",
            page=3,
        )
    )


def test_one_rating_not_read_among_others_is_its_missing_value() -> None:
    """With the report's other ratings read, a standard without one is its `missing_value` warning
    alone (a blank cell and an unreadable one read the same; generated defect reports inject it)."""
    record = clean_pdu(**{"2.2": None})
    _unreadable(record, 4)
    found = [(i.code, i.standard) for i in check(record) if i.code in ("not_checked", "missing_value")]
    assert found == [("missing_value", "2.2")]


def test_a_report_with_not_one_rating_read_fails() -> None:
    """Regression (fresh-user tester round 5, ratings printed as abbreviations or as colours alone): no
    standard's rating and no overall rating read, and `validate` said 'ok' (framework unknown, so no
    rule ran) or 'passed, not fully checked'. None of its ratings could be checked: it fails."""
    record = clean_pdu(**{code: None for code, _ in PDU_2023})
    record = record.model_copy(update={"framework": None})
    record.units[0].overall_rating = None
    for position in range(len(PDU_2023)):
        _unreadable(record, position)
    record.warnings.append(
        ParseWarning(code="rating_unreadable", message="units[*].standards[*].rating: no readable rating",
                     field="units[*].standards[*].rating")
    )
    found = [i for i in check(record) if i.code == "not_checked"]
    assert [(i.severity, i.standard) for i in found] == [("error", code) for code, _ in PDU_2023]  # not the [*] note


def test_ratings_not_found_is_said_once() -> None:
    """With no ratings table read (`ratings_not_found`, an error), the per-rating warnings add no finding."""
    record = clean_pdu(**{"2.2": None})
    _unreadable(record, 4)
    record.warnings.append(ParseWarning(code="ratings_not_found", message="no ratings table was found", page=2))
    assert [i.found for i in check(record) if i.code == "not_checked"] == ["ratings_not_found"]
