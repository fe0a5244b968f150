"""Values read unsure are null, never a neighbour's digits, and `validate` does not recompute from
what is left (fresh-user tester defects kq): a percentage split by a space ('4 9%'), a key
question whose figure is unreadable ('56.5%', '(56%)', two figures), and a previous
inspection's rating printed beside this one's in brackets or in an extra column. Invented
reports in text conversions (tab-separated cells)."""

from __future__ import annotations

from pathlib import Path

import pytest
from text_reports import COVER, RATINGS_ONE_LINE, RECOMMENDATIONS, STANDARDS, unit_ratings

from docextract import parse
from docextract.pipeline import validate

QUESTIONS = """2.1. Assessment
Key question\tPercentage 'Yes'
Does the assessment bring the person under supervision into the work?\t{first}
Does the assessment weigh what leads to offending and what keeps people away from it?\t81%
Does the assessment look after the safety of people around them?\t{third}
"""


def _write(tmp_path: Path, ratings: str, first: str = "72%", third: str = "66%") -> Path:
    path = tmp_path / "report.txt"
    pages = [COVER, ratings, QUESTIONS.format(first=first, third=third), RECOMMENDATIONS]
    path.write_text("\f".join(pages), encoding="utf-8")
    return path


RATINGS = RATINGS_ONE_LINE.format(score="8/21")


@pytest.mark.parametrize(("first", "third"), [("72%", "6 6%"), ("7 2%", "66%")])
def test_a_percentage_split_by_a_space_is_null_with_a_warning_naming_its_field(
    first: str, third: str, tmp_path: Path
) -> None:
    report = parse(_write(tmp_path, RATINGS, first, third))
    [standard] = [s for s in report.units[0].standards if s.code == "2.1"]
    index = 0 if first != "72%" else 2
    expected = [72, 81, 66]
    expected[index] = None  # type: ignore[call-overload]
    assert [q.percent for q in standard.key_questions] == expected
    field = f"units[0].standards[3].key_questions[{index}].percent"
    assert any(w.code == "key_question_value_unreadable" and w.field == field for w in report.warnings)


@pytest.mark.parametrize("third", ["66.5%", "(66%)", "66%\t61%"])
def test_one_unreadable_key_question_leaves_the_standard_not_checked(third: str, tmp_path: Path) -> None:
    """2.1 is rated 'Requires improvement'; the two readable figures (72%, 81%) would say 'Good'."""
    path = _write(tmp_path, RATINGS, third=third)
    report = parse(path)
    [standard] = [s for s in report.units[0].standards if s.code == "2.1"]
    assert [q.percent for q in standard.key_questions] == [72, 81, None]
    codes = [(i.code, i.standard) for i in validate(path).issues]
    assert ("standard_rating_mismatch", "2.1") not in codes and ("within_discretion", "2.1") not in codes
    assert ("not_checked", "2.1") in codes


@pytest.mark.parametrize("row", ["P 1.1\tLeadership\tGood (2021: Inadequate)", "P 1.1\tLeadership\tGood\t(2021: Good)"])
def test_a_previous_rating_beside_this_one_is_not_this_inspections(row: str, tmp_path: Path) -> None:
    path = _write(tmp_path, RATINGS.replace("P 1.1\tLeadership\tGood", row))
    report = parse(path)
    [(_, overall, score, top, standards)] = unit_ratings(report)  # type: ignore[misc]
    assert (overall, score, top) == ("Requires improvement", 8, 21)
    assert [s[:2] for s in standards] == [s[:2] for s in STANDARDS]  # no standard lost
    [leadership] = [s for s in report.units[0].standards if s.code == "1.1"]
    assert leadership.rating in ("Good", None)
    if leadership.rating is None:
        assert any(w.field and w.field.startswith("units[0].standards[0]") for w in report.warnings)
    codes = [i.code for i in validate(path).issues]
    assert "score_mismatch" not in codes and "max_score_mismatch" not in codes


@pytest.mark.parametrize("row", ["P 1.2\tStaffing\t???", ""])
def test_a_framework_standard_missing_leaves_the_score_not_checked(row: str, tmp_path: Path) -> None:
    """A standard row the parser cannot read, or not read at all, under a printed maximum of 21
    (seven standards): the score is not recomputed from the six left, and validate says so."""
    ratings = RATINGS.replace("P 1.2\tStaffing\tRequires improvement\n", row + "\n" if row else "")
    path = _write(tmp_path, ratings)
    report = parse(path)
    issues = validate(path).issues
    codes = [i.code for i in issues]
    assert "score_mismatch" not in codes and "max_score_mismatch" not in codes
    if len(report.units[0].standards) < len(STANDARDS):
        assert any(i.code == "not_checked" and "1.2" in i.message for i in issues)


def test_a_standard_not_rated_drops_out_of_a_smaller_maximum(tmp_path: Path) -> None:
    """rating-rules §2: a standard not rated drops out of the score and the maximum (18 for six):
    still checked, and a wrong score still found."""
    ratings = RATINGS.replace("P 1.2\tStaffing\tRequires improvement\n", "").replace("8/21", "9/18")
    codes = [i.code for i in validate(_write(tmp_path, ratings)).issues]
    assert "score_mismatch" in codes and "not_checked" not in codes
