"""A report made by another PDF producer (fpdf2: US Letter, Courier and Times, coloured
rating cells, a table ruled with horizontal lines only, a recommendation broken over a page
and its running header): parsed exactly as its truth says. The parser keys on words and
structure, not on the look of the reports it was built on."""

from __future__ import annotations

import json

from paths import FIXTURES

from docextract import parse

FIXTURE = FIXTURES / "other_producer" / "fpdf2-pdu-report.pdf"


def test_fpdf2_report_matches_truth() -> None:
    truth = json.loads(FIXTURE.with_suffix(".json").read_text(encoding="utf-8"))
    report = parse(FIXTURE)
    assert (report.kind, report.framework, report.title, report.published) == (
        truth["kind"], truth["framework"], truth["title"], truth["published"]
    )  # fmt: skip
    [unit] = report.units
    [want] = truth["units"]
    assert (unit.name, unit.overall_rating, unit.score, unit.max_score) == (
        want["name"], want["overall_rating"], want["score"], want["max_score"]
    )  # fmt: skip
    assert [(s.code, s.name, s.rating) for s in unit.standards] == [
        (s["code"], s["name"], s["rating"]) for s in want["standards"]
    ]
    assert [[(k.text, k.percent) for k in s.key_questions] for s in unit.standards] == [
        [(k["text"], k["percent"]) for k in s["key_questions"]] for s in want["standards"]
    ]
    assert [(r.number, r.unit, r.addressee, r.text) for r in report.recommendations] == [
        (r["number"], r["unit"], r["addressee"], r["text"]) for r in truth["recommendations"]
    ]
    assert report.recommendations[0].page == 2  # begins at the foot of page 2, ends on page 3
    assert report.stated_recommendation_count is not None
    assert report.stated_recommendation_count.value == truth["stated_recommendation_count"]
