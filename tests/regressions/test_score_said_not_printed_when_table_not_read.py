"""A rated report whose ratings table was not read, its key questions kept: the null score, maximum,
overall rating and standards' ratings were explained as "the ratings box prints no readable score"
although the score is printed (fresh-user tester round 4, finding 10). Each now says it was not read
because no ratings table was found. Invented text report (tab-separated cells)."""

from __future__ import annotations

from pathlib import Path

from text_reports import RECOMMENDATIONS

from docextract import parse

COVER = """An inspection of probation services in: Brackenford PDU
HM Inspectorate of Probation, March 2025
This inspection was led by an HM Inspector and a team of inspectors.
"""
RATINGS_UNREAD = """Ratings
The ratings of the unit are shown in the chart on this page: a score of 8 out of 21.
"""
KEY_QUESTIONS = """2.1 Assessment
Key question\t%
Does assessment focus sufficiently on engaging the person on probation?\t61%
Does assessment focus sufficiently on keeping other people safe?\t58%
"""


def test_values_of_a_ratings_table_not_read_say_why(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("\f".join([COVER, RATINGS_UNREAD, RECOMMENDATIONS, KEY_QUESTIONS]), encoding="utf-8")
    report = parse(path)
    assert [u.score for u in report.units] == [None] and "ratings_not_found" in {w.code for w in report.warnings}
    said = {w.field: w.message for w in report.warnings if w.field}
    for field in ("units[0].score", "units[0].max_score", "units[0].overall_rating", "units[0].standards[*].rating"):
        assert "no ratings table was found" in said[field], said.get(field)
    assert not any("prints no readable" in m for m in said.values())
