"""A rated report whose ratings table cannot be read (printed as an image) while its key
questions are text (tester defect 9): the key-question percentages are kept per standard, the
ratings are null, and validate never calls the report 'ok' (a `not_checked` error)."""

from __future__ import annotations

from pathlib import Path

from paths import FIXTURES
from text_reports import RECOMMENDATIONS

from docextract import parse
from docextract.pipeline import validate
from docextract.serialize.findings import FileFindings
from docextract.serialize.text_output import render_text

COVER = """An inspection of probation services in: Brackenford PDU
HM Inspectorate of Probation, March 2025
This inspection was led by an HM Inspector and a team of inspectors.
"""

RATINGS_AS_IMAGE = """Ratings
The ratings table is printed as a picture on this page.
"""

KEY_QUESTIONS = """2.1 Assessment
Key question\t%
Does assessment focus sufficiently on engaging the person on probation?\t61%
Does assessment focus sufficiently on factors linked to offending and desistance?\t70%
Does assessment focus sufficiently on keeping other people safe?\t58%
2.2 Planning
Key question\t%
Does planning focus sufficiently on engaging the person on probation?\t66%
Does planning focus sufficiently on reducing reoffending and supporting desistance?\t72%
Does planning focus sufficiently on keeping other people safe?\t49%
"""


def _path(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("\f".join([COVER, RATINGS_AS_IMAGE, KEY_QUESTIONS, RECOMMENDATIONS]), encoding="utf-8")
    return path


def test_key_questions_kept_per_standard_without_ratings(tmp_path: Path) -> None:
    report = parse(_path(tmp_path))
    assert "ratings_not_found" in [w.code for w in report.warnings]
    [unit] = report.units
    assert (unit.name, unit.overall_rating, unit.score, unit.max_score) == ("Brackenford PDU", None, None, None)
    assert [(s.code, s.name, s.rating, [q.percent for q in s.key_questions]) for s in unit.standards] == [
        ("2.1", "Assessment", None, [61, 70, 58]),
        ("2.2", "Planning", None, [66, 72, 49]),
    ]


def test_validate_is_not_ok_when_the_ratings_could_not_be_read(tmp_path: Path) -> None:
    result = validate(_path(tmp_path))
    assert not result.ok
    [unread] = [i for i in result.issues if i.found == "ratings_not_found"]
    assert (unread.code, unread.severity) == ("not_checked", "error")
    assert "standard_rating_mismatch" not in [i.code for i in result.issues]


def test_text_output_never_says_ok_when_something_was_not_checked() -> None:
    fixture = FIXTURES / "unknown_framework" / "unknown-standards-not-forced-by-max-score.txt"
    result = validate(fixture)
    assert [i.code for i in result.issues] == ["rules_unknown"]
    text = render_text([FileFindings(file="r.txt", issues=result.issues, report=result.report)])
    assert "(ok)" not in text and "(passed, not fully checked)" in text
