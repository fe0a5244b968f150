"""A standard's code printed in a tall cell as its letter above its number ("P" / "1.1"), the
name and the rating centred between them (issue 11, tester round 4: h14 upper-case bulleted
ratings, h18 a previous inspection's column, both in this layout): the number's row was joined
to the next standard's row ("1.1 P Staffing ● REQUIRES 1.2 IMPROVEMENT"), so no table was read
(ratings_not_found, validate FAILED). Wanted: the number, and a rating wrapped beside it, joined
to the row above, under the cells they sit under; this inspection's column kept, never the
previous one's. Fixtures: tests/fixtures/ratings_columns/make_pdfs.py (reportlab, invented wording)."""

from __future__ import annotations

import paths
import pytest
from text_reports import STANDARDS

from docextract import parse
from docextract.pipeline import validate

FIXTURES = paths.FIXTURES / "ratings_columns"


@pytest.mark.parametrize(
    "name", ["ratings-code-letter-above-number.pdf", "ratings-code-letter-above-number-previous.pdf"]
)
def test_code_letter_above_its_number(name: str) -> None:
    report = parse(FIXTURES / name)
    assert report.framework == "probation-pdu-2023"
    assert [(u.name, u.overall_rating, u.score, u.max_score) for u in report.units] == [
        ("Ashcombe PDU", "Requires improvement", 8, 21)
    ]
    assert [(s.code, s.name, s.rating) for s in report.units[0].standards] == STANDARDS
    codes = [w.code for w in report.warnings]
    assert not {"ratings_not_found", "rating_column_unknown", "rating_unreadable"} & set(codes), codes
    # the fixture prints no key-question tables: only their absence is reported, the ratings are checked
    found = {(issue.code, issue.severity) for issue in validate(FIXTURES / name).issues}
    assert found == {("missing_value", "warning")}, found
