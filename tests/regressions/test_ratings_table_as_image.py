"""A rated report whose ratings table cannot be read (printed as an image) while its key
questions are text (tester defect 9): the key-question percentages are kept per standard, the
ratings are null, and validate never calls the report 'ok' (a `not_checked` error)."""

from __future__ import annotations

from pathlib import Path

from paths import FIXTURES
from text_reports import RECOMMENDATIONS

from docextract import parse
from docextract.pipeline import validate
from docextract.serialize.findings import FileFindings, exit_code
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


def test_text_output_never_says_ok_when_the_ratings_were_not_checked() -> None:
    """No known rules for the report's standards: none of its ratings checked. It fails (exit 1), as
    a report whose ratings table could not be read does, never 'ok' nor 'passed' (bulkrec 3b)."""
    fixture = FIXTURES / "unknown_framework" / "unknown-standards-not-forced-by-max-score.txt"
    result = validate(fixture)
    assert [(i.code, i.severity) for i in result.issues] == [("rules_unknown", "error")] and not result.ok
    findings = FileFindings(file="r.txt", issues=result.issues, report=result.report)
    text = render_text([findings])
    assert "(ok)" not in text and "passed" not in text and "r.txt: 1 error, 0 warnings (FAILED)" in text
    assert exit_code([findings]) == 1


def test_a_value_not_read_passes_not_fully_checked() -> None:
    """Part of a report not checked (no recommendations found): a warning, so it passes (exit 0),
    but the summary never calls it ok."""
    result = validate(FIXTURES / "validate" / "warnings-pdu.txt")
    assert "not_checked" in [i.code for i in result.issues] and not result.errors
    findings = FileFindings(file="w.txt", issues=result.issues, report=result.report)
    text = render_text([findings])
    assert "(ok)" not in text and "(passed, not fully checked)" in text and exit_code([findings]) == 0
