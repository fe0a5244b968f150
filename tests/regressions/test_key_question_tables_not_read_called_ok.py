"""Key-question tables none of whose values could be read (percentages printed without "%": a
column of bare numbers may be case counts) gave only `missing_value` warnings and the report was
called "ok" (fresh-user tester, round 3, finding 10). The standards' ratings were not checked:
`validate` says `not_checked` for each of them and the verdict is never "ok"."""

from __future__ import annotations

from pathlib import Path

from text_reports import COVER, RATINGS_ONE_LINE, RECOMMENDATIONS

from docextract import validate
from docextract.serialize.findings import FileFindings

QUESTIONS = {
    "2.1. Assessment": [("engaging the person on probation", "74"), ("keeping other people safe", "70")],
    "2.2. Planning": [("engaging the person on probation", "81"), ("keeping other people safe", "52")],
    "2.3. Implementation and delivery": [("supporting desistance", "69"), ("keeping other people safe", "55")],
    "2.4. Reviewing": [("supporting desistance", "57"), ("keeping other people safe", "41")],
}


def sections() -> str:
    out = []
    for heading, rows in QUESTIONS.items():
        verb = heading.split()[-1].lower()
        out.append(f"{heading}\nKey questions\t% yes\n")
        out += [f"Does {verb} focus sufficiently on {words}?\t{value}\n" for words, value in rows]
    return "".join(out)


def test_standards_whose_key_questions_were_not_read_are_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("\f".join([COVER, RATINGS_ONE_LINE.format(score="8/21"), RECOMMENDATIONS, sections()]))
    result = validate(path)
    unchecked = sorted(i.standard or "" for i in result.issues if i.code == "not_checked")
    assert unchecked == ["2.1", "2.2", "2.3", "2.4"]
    assert [i.message for i in result.issues if i.code == "missing_value"] == []
    findings = FileFindings(file=str(path), issues=result.issues, report=result.report)
    assert not findings.fully_checked() and findings.verdict() != "ok"
    assert {w.code for w in result.report.warnings} >= {"key_questions_unread"}


def test_a_report_printing_no_key_question_table_says_missing_value(tmp_path: Path) -> None:
    """No table printed at all: the report lacks the values (`missing_value`), nothing left unread."""
    path = tmp_path / "report.txt"
    path.write_text("\f".join([COVER, RATINGS_ONE_LINE.format(score="8/21"), RECOMMENDATIONS]))
    result = validate(path)
    assert sorted(i.standard or "" for i in result.issues if i.code == "missing_value") == ["2.1", "2.2", "2.3", "2.4"]
    assert "key_questions_unread" not in {w.code for w in result.report.warnings}
