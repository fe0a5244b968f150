"""Key-question values printed as "13 of 32 (41%)" were refused with a wrong reason ("no percentage
printed beside it") and "41.0%" and "41 per cent" were not read (fresh-user tester, round 3,
findings 9 and 10). A percentage
printed unambiguously is read: the "(41%)" of a count that agrees with it, a whole number printed
with a zero fraction. A value that cannot be read says what was read and why it was refused: a
fraction (the record keeps whole percentages; rounding could change the band), a count whose
printed percentage disagrees with it. Never a count stored as a percentage."""

from __future__ import annotations

from pathlib import Path

import pytest
from text_reports import COVER, RATINGS_ONE_LINE, RECOMMENDATIONS

from docextract import parse
from docextract.model.record import InspectionReport

ROWS = {
    "2.1. Assessment": ["74%", "61%", "70%"],
    "2.2. Planning": ["81%", "66%", "52%"],
    "2.3. Implementation and delivery": ["78%", "69%", "55%"],
    "2.4. Reviewing": ["60%", "57%", "{last}"],
}
WORDS = ["engaging the person on probation", "supporting desistance", "keeping other people safe"]


def _report(tmp_path: Path, last: str, rows: dict[str, list[str]] = ROWS) -> InspectionReport:
    sections = []
    for heading, values in rows.items():
        verb = heading.split()[-1].lower()
        sections.append(f"{heading}\nKey questions\t% yes\n")
        rows = zip(WORDS, values, strict=True)
        sections += [f"Does {verb} focus sufficiently on {w}?\t{v.format(last=last)}\n" for w, v in rows]
    path = tmp_path / "report.txt"
    pages = [COVER, RATINGS_ONE_LINE.format(score="8/21"), RECOMMENDATIONS, "".join(sections)]
    path.write_text("\f".join(pages), encoding="utf-8")
    return parse(path)


def _reviewing(report: InspectionReport) -> list[int | None]:
    [unit] = report.units
    return [q.percent for q in next(s for s in unit.standards if s.code == "2.4").key_questions]


@pytest.mark.parametrize("printed", ["13 of 32 (41%)", "13 out of 32 (41%)", "41.0%", "41.00 %", "41 per cent"])
def test_unambiguous_percentage_is_read(tmp_path: Path, printed: str) -> None:
    report = _report(tmp_path, printed)
    assert _reviewing(report) == [60, 57, 41]
    assert [w.message for w in report.warnings if w.code == "key_question_value_unreadable"] == []


@pytest.mark.parametrize(
    ("printed", "why"),
    [("40.6%", "fraction"), ("13 of 32 (55%)", "13 of 32 is 41%"), ("13 of 32", "no percentage")],
)
def test_refused_value_says_what_was_read_and_why(tmp_path: Path, printed: str, why: str) -> None:
    report = _report(tmp_path, printed)
    assert _reviewing(report) == [60, 57, None]
    [warning] = [w for w in report.warnings if w.code == "key_question_value_unreadable"]
    assert printed.split()[0] in warning.message and why in warning.message, warning.message


def test_tables_printed_in_per_cent_are_read(tmp_path: Path) -> None:
    worded = {heading: [v.replace("%", " per cent") for v in values] for heading, values in ROWS.items()}
    report = _report(tmp_path, "41 per cent", worded)
    [unit] = report.units
    assert [[q.percent for q in s.key_questions] for s in unit.standards if s.key_questions] == [
        [74, 61, 70], [81, 66, 52], [78, 69, 55], [60, 57, 41]
    ]
