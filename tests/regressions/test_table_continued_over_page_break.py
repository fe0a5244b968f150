"""Tables continued over a page break (issue 11, producer matrix): a ratings box longer than a
page reads on after the break in every layout, past running headers, footers and page numbers;
a box cut at a page foot with standards missing is never recomputed from the partial set; and
an annex key-question table split under a repeated header keeps the question after the break."""

from __future__ import annotations

from typing import Any

import pytest
from text_reports import YOUTH, YOUTH_DOMAINS

from docextract import __version__
from docextract.detect.classify import Detection
from docextract.extract.keyquestions.extract import _occurrences, merge
from docextract.extract.keyquestions.scan import Break, Event, Header, HeaderColumn, Heading, Question, Value
from docextract.extract.ratings.table import extract_units
from docextract.model.record import InspectionReport, ParseWarning
from docextract.read.document import Document, Line, Page
from docextract.validation.run import check

HEAD = "Inspection of youth justice services: Eastvale Youth Justice Service"
SCORE = "Score 8 out of 36"  # the twelve counted ratings above add up to 8


def _rows(layout: str) -> list[str]:
    """The box's rows: code, name and rating on their own lines ('lines'), the rating under code
    and name ('stacked'), or one row per standard ('row')."""
    rows = ["Ratings", "Eastvale Youth Justice Service", SCORE, "Overall rating", "Requires improvement"]
    for code, name, rating in YOUTH:
        if code.endswith(".1"):
            rows.append(f"{code[0]}. {YOUTH_DOMAINS[code[0]]}")
        shapes = {"lines": [code, name, rating], "stacked": [f"{code} {name}", rating]}
        shapes["row"] = [f"{code} {name} {rating}"]
        rows += shapes[layout]
    return rows


def _doc(pages: list[list[str]]) -> Document:
    """A text document of the given pages, each under a running header and over its page number."""
    return Document(
        path="box.txt",
        sha256="0" * 64,
        format="text",
        pages=[
            Page(number, [Line(text, number, (text,)) for text in [HEAD, *texts, str(number)]])
            for number, texts in enumerate(pages, start=1)
        ],
    )


def _detection() -> Detection:
    return Detection(kind="youth_justice_inspection", framework="youth-2018", furniture=frozenset({HEAD}))


PROSE = ["The service was inspected in the spring, and this report sets out what inspectors found there."]


@pytest.mark.parametrize("layout", ["lines", "stacked", "row"])
@pytest.mark.parametrize("cut", [7, 8, 9, 10, 12])
def test_ratings_box_longer_than_a_page_reads_on_after_the_break(layout: str, cut: int) -> None:
    rows = _rows(layout)
    at = len(rows) - cut  # the break falls between any two rows of the box's second half
    doc = _doc([PROSE, rows[:at], [*rows[at:], *PROSE]])
    units, warnings = extract_units(doc, _detection(), None)
    assert len(units) == 1
    assert [(s.code, s.name, s.rating) for s in units[0].standards] == YOUTH
    assert (units[0].score, units[0].max_score, units[0].overall_rating) == (8, 36, "Requires improvement")
    assert [w.code for w in warnings] == []


def _cut_box() -> tuple[InspectionReport, list[ParseWarning]]:
    """A box whose standards after 2.3 are on a page that is not there (the table runs to the page foot)."""
    rows = _rows("lines")
    doc = _doc([PROSE, rows[: rows.index("2.4")], PROSE * 3])
    units, warnings = extract_units(doc, _detection(), None)
    source = {"path": doc.path, "sha256": doc.sha256, "pages": doc.page_count, "format": "text"}
    record: dict[str, Any] = {
        "docextract_version": __version__,
        "kind": "youth_justice_inspection",
        "framework": "youth-2018",
    }
    record |= {"source": source, "units": [u.model_dump() for u in units]}
    record["warnings"] = [w.model_dump() for w in warnings]
    report = InspectionReport.model_validate(record)
    return report, warnings


def test_ratings_box_cut_at_a_page_foot_warns_and_is_not_recomputed_from_a_partial_set() -> None:
    report, warnings = _cut_box()
    assert [s.code for s in report.units[0].standards] == [c for c, _, _ in YOUTH[:7]]
    missing = [w for w in warnings if w.code == "standards_missing"]
    assert len(missing) == 1 and missing[0].field == "units[0].standards"
    assert "2.4" in missing[0].message and "3.4" in missing[0].message
    found = {issue.code for issue in check(report)}
    assert not found & {"score_mismatch", "max_score_mismatch", "overall_band_mismatch"}
    assert "not_checked" in found


def _header(page: int) -> Header:
    return Header((HeaderColumn("Rating/% yes", "current", None),), page)


def _question(code: str, percent: int, page: int) -> Question:
    value = Value(percent, f"{percent}%", None)
    return Question(code, f"Question {code} asked of the cases?", (value,), (), page, None, (page,))


def test_annex_key_question_after_a_repeated_header_is_not_a_second_reading() -> None:
    # Annex table: standard headings are rows of one table, which runs over a page break under
    # its header repeated; the first question after the break belongs to the standard before it.
    events: list[Event] = [
        _header(17), Heading("2.4", 17), _question("2.4.1", 16, 17), Break(17),
        Heading("3.1", 17), _question("3.1.1", 10, 17), Break(17),
        _header(18), _question("3.1.2", 5, 18), Heading("3.2", 18), _question("3.2.1", 25, 18),
    ]  # fmt: skip
    occurrences = [o for o in _occurrences(events, None, {}) if o.standard == "3.1"]
    entries = merge(occurrences, 0.8)
    assert [(e.primary.code, e.primary.percent) for e in entries] == [("3.1.1", 10), ("3.1.2", 5)]
