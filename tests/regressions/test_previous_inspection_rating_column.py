"""Ratings tables whose columns are not `code | name | rating` (tester defect 4): a previous
inspection's ratings beside this inspection's, or the rating before the name. The standards
get the framework's names and this inspection's ratings (the column the header calls "this
inspection", the latest year, or the only rating column); where the current column cannot be
told the ratings are null with a warning saying what was read and why. Invented reports in
text conversions (tab-separated cells)."""

from __future__ import annotations

from pathlib import Path

import paths
import pytest
from text_reports import COVER, RECOMMENDATIONS, STANDARDS, unit_ratings

from docextract import parse
from docextract.extract.explain import unexplained_nulls
from docextract.extract.plausibility import standard_name_problem
from docextract.pipeline import validate

PREVIOUS = ["Inadequate", "Inadequate", "Requires improvement", "Inadequate", "Outstanding", "Inadequate", "Good"]
DOMAINS = {"1.1": "1. Organisational arrangements and activity", "2.1": "2. Service delivery"}


def _two_columns(header: str | None, current_first: bool = False, score: str = "Score\t2021: 3/21\t8/21") -> str:
    rows = ["Ratings", "Brackenford PDU"]
    if current_first:
        score = score.replace("2021: 3/21\t8/21", "8/21\t2021: 3/21")
    overall = "Requires improvement\tInadequate" if current_first else "Inadequate\tRequires improvement"
    rows += [score, f"Overall rating\t{overall}"]
    if header is not None:
        rows.append(header)
    for (code, name, rating), before in zip(STANDARDS, PREVIOUS, strict=True):
        if code in DOMAINS:
            rows.append(DOMAINS[code])
        pair = (rating, before) if current_first else (before, rating)
        rows.append(f"P {code}\t{name}\t{pair[0]}\t{pair[1]}")
    return "\n".join(rows) + "\n"


def _parse(tmp_path: Path, *pages: str) -> object:
    path = tmp_path / "report.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    return path


EXPECTED = [("Brackenford PDU", "Requires improvement", 8, 21, STANDARDS)]


@pytest.mark.parametrize(
    ("header", "current_first"),
    [
        ("\t\t2021 rating\t2025 rating", False),
        ("Code\tStandard\tPrevious inspection\tThis inspection", False),
        ("\t\tThis inspection (2025)\tPrevious inspection (2021)", True),
        ("\t\t2025\t2021", True),
    ],
)
def test_previous_inspection_column_is_not_read_as_the_name(header: str, current_first: bool, tmp_path: Path) -> None:
    report = parse(_parse(tmp_path, COVER, _two_columns(header, current_first), RECOMMENDATIONS))
    assert report.framework == "probation-pdu-2023"
    assert unit_ratings(report) == EXPECTED
    assert not [w for w in report.warnings if w.code in ("rating_column_unknown", "implausible_value")]


def test_previous_column_beside_a_wrapped_name(tmp_path: Path) -> None:
    block = _two_columns("\t\t2021 rating\t2025 rating").replace(
        "P 2.3\tImplementation and delivery\tInadequate\tRequires improvement",
        "P 2.3\tImplementation and\tInadequate\tRequires improvement\n\tdelivery",
    )
    assert "\tdelivery" in block
    report = parse(_parse(tmp_path, COVER, block, RECOMMENDATIONS))
    assert unit_ratings(report) == EXPECTED


def test_a_rating_word_left_in_a_name_is_refused(tmp_path: Path) -> None:
    # a rating column on both sides of the name is no table layout read: the name keeps the words
    block = _two_columns("\t\t2021 rating\t2025 rating").replace(
        "P 1.1\tLeadership\tInadequate\tGood", "P 1.1\tInadequate\tLeadership\tGood"
    )
    report = parse(_parse(tmp_path, COVER, block, RECOMMENDATIONS))
    [unit] = report.units
    assert [s.code for s in unit.standards] == [c for c, _, _ in STANDARDS[1:]]
    [refused] = [w for w in report.warnings if w.code == "implausible_value"]
    assert refused.field == "units[0].standards[0]" and "rating word" in refused.message


def test_two_rating_columns_without_a_header_are_null_with_a_warning(tmp_path: Path) -> None:
    path = _parse(tmp_path, COVER, _two_columns(None), RECOMMENDATIONS)
    report = parse(path)
    assert report.framework == "probation-pdu-2023"
    [unit] = report.units
    assert [(s.code, s.name, s.rating) for s in unit.standards] == [(c, n, None) for c, n, _ in STANDARDS]
    assert (unit.overall_rating, unit.score) == (None, None)
    warned = [w for w in report.warnings if w.code == "rating_column_unknown"]
    assert len(warned) == 9  # seven standards, the overall rating and the score
    assert "overall rating: read 2 values ('Inadequate', 'Requires improvement')" in warned[1].message
    assert all("this inspection" in w.message for w in warned)
    fields = ["units[0].*score", "units[0].overall_rating", "units[0].standards[0].rating"]
    assert [w.field for w in warned][:3] == fields
    assert unexplained_nulls(report) == []
    assert not [w for w in report.warnings if w.code in ("implausible_value", "rating_unreadable")]
    result = validate(path)
    assert "not_checked" in [i.code for i in result.issues]


def test_rating_before_the_name(tmp_path: Path) -> None:
    rows = ["Ratings", "Brackenford PDU", "Score\t8/21", "Overall rating\tRequires improvement"]
    for code, name, rating in STANDARDS:
        if code in DOMAINS:
            rows.append(DOMAINS[code])
        rows.append(f"P{code}\t{rating}\t{name}")
    report = parse(_parse(tmp_path, COVER, "\n".join(rows) + "\n", RECOMMENDATIONS))
    assert report.framework == "probation-pdu-2023"
    assert unit_ratings(report) == EXPECTED


@pytest.mark.parametrize("name", ["Leadership Inadequate", "Requires improvement Staffing", "Good Services"])
def test_a_standard_name_holds_no_rating_word(name: str) -> None:
    problem = standard_name_problem(name)
    assert problem is not None and "rating word" in problem


def test_a_standard_name_without_a_rating_word_is_plausible() -> None:
    assert standard_name_problem("Implementation and delivery") is None


FIXTURES = paths.FIXTURES / "ratings_columns"


@pytest.mark.parametrize("name", ["ratings-previous-inspection-column.pdf", "ratings-rating-before-name.pdf"])
def test_pdf_rating_columns(name: str) -> None:
    # rendered by tests/fixtures/ratings_columns/make_pdfs.py (reportlab, invented wording)
    report = parse(FIXTURES / name)
    assert report.framework == "probation-pdu-2023"
    assert [(u.name, u.overall_rating, u.score, u.max_score) for u in report.units] == [
        ("Ashcombe PDU", "Requires improvement", 8, 21)
    ]
    assert [(s.code, s.name, s.rating) for s in report.units[0].standards] == STANDARDS
    assert not [w for w in report.warnings if w.code in ("rating_column_unknown", "implausible_value")]
    assert validate(FIXTURES / name).ok
