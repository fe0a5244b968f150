"""A running footer (or header) repeating the imprint with the page's number ("HM Inspectorate of
Probation, May 2025 4") was not page furniture (issue 11, fresh-user tester, Chromium prints): each
page's line differed by its number, so none repeated; a recommendation cut at a page foot lost its
rest and the next one, a ratings box split over two pages lost its standards after the break, and
the footer was read as a key-question row. Wanted: a line repeated at the top or bottom of most
pages, whatever its words, with or without a changing page number, left out of the reading flow;
the imprint printed alone (on the cover) is still read (publisher and publication date)."""

from __future__ import annotations

import pytest
from text_reports import YOUTH, YOUTH_DOMAINS

from docextract.detect.classify import Detection, find_furniture, running_furniture
from docextract.extract.flow import body_lines
from docextract.extract.ratings.table import extract_units
from docextract.read.document import Document, Line, Page

IMPRINT = "HM Inspectorate of Probation, May 2025"
PROSE = ["The service was inspected in the spring, and this report sets out what inspectors found there."]
FOOTERS = {
    "imprint after": lambda n: f"{IMPRINT} {n}",
    "number before": lambda n: f"{n} | {IMPRINT}",
    "page n of m": lambda n: f"Inspection of Eastvale Youth Justice Service Page {n} of 5",
}


def _doc(pages: list[list[str]], footer: str, at_top: bool, form: str = "text") -> Document:
    """A text document of the given pages, each with a running line (the page's number in it) at its
    head or foot; the cover prints the imprint alone."""
    texts = {1: ["An inspection of youth justice services in:", "Eastvale", IMPRINT]}

    def page(number: int, body: list[str]) -> Page:
        running = FOOTERS[footer](number)
        lines = [running, *body] if at_top else [*body, running]
        return Page(number, [Line(text, number, (text,)) for text in lines])

    bodies = [texts[1], *pages]
    return Document(path="box.txt", sha256="0" * 64, format="pdf" if form == "pdf" else "text",
                    pages=[page(n, body) for n, body in enumerate(bodies, start=1)])  # fmt: skip


def _detection(doc: Document) -> Detection:
    """What detection finds of the document's furniture (its kind and framework given)."""
    return Detection(
        kind="youth_justice_inspection",
        framework="youth-2018",
        furniture=find_furniture(doc),
        running=running_furniture(doc),
    )


def _rows() -> list[str]:
    rows = ["Ratings", "Eastvale Youth Justice Service", "Score 8 out of 36", "Overall rating", "Requires improvement"]
    for code, name, rating in YOUTH:
        if code.endswith(".1"):
            rows.append(f"{code[0]}. {YOUTH_DOMAINS[code[0]]}")
        rows.append(f"{code} {name} {rating}")
    return rows


@pytest.mark.parametrize("footer", sorted(FOOTERS))
@pytest.mark.parametrize("at_top", [False, True])
@pytest.mark.parametrize("cut", [4, 7, 10])
def test_ratings_box_split_by_a_running_imprint_line_reads_on(footer: str, at_top: bool, cut: int) -> None:
    rows = _rows()
    at = len(rows) - cut
    doc = _doc([PROSE, rows[:at], [*rows[at:], *PROSE], PROSE], footer, at_top)
    units, warnings = extract_units(doc, _detection(doc), None)
    assert [(s.code, s.name, s.rating) for s in units[0].standards] == YOUTH
    assert [w.code for w in warnings] == []


@pytest.mark.parametrize("footer", sorted(FOOTERS))
def test_running_imprint_line_left_out_of_the_reading_flow_and_the_cover_imprint_kept(footer: str) -> None:
    recommendation = ["7. strengthen management oversight of cases, and report progress on this to the board"]
    pages = [["Foreword"], recommendation, ["every quarter until the work is complete", "Contents"], ["Annex"]]
    doc = _doc(pages, footer, False, "pdf")
    texts = [line.text for line in body_lines(doc)]
    assert texts == [
        "An inspection of youth justice services in:", "Eastvale", IMPRINT,
        "Foreword", *recommendation, "every quarter until the work is complete", "Contents", "Annex",
    ]  # fmt: skip
    detection = _detection(doc)
    assert [line.text for line in body_lines(doc, detection)] == texts  # detection's furniture, reused: the same
    assert detection.is_furniture_text(FOOTERS[footer](3))
    assert not detection.is_furniture_text(IMPRINT)  # the cover's imprint is read (publisher, date)


def test_a_line_ending_in_a_number_on_a_few_pages_is_not_furniture() -> None:
    few = Document(path="x.txt", sha256="0" * 64, format="text",
                   pages=[Page(n, [Line(t, n, (t,)) for t in ([*PROSE, "Score 9/21"] if n == 2 else PROSE * 2)])
                          for n in range(1, 9)])  # fmt: skip
    assert running_furniture(few) == frozenset()
