"""A running header or footer wrapping onto two lines, or carrying a draft's title and date, was
read as the report's text (breaker8, a fresh tester; Chromium `@page` margin boxes, LibreOffice
footers): its lines are not a page's first or last in reading order (two headers side by side, a
page number printed before them), so they were not furniture; the second line of a header was glued
to the last recommendation of a page, a cover's footer "<title> – draft, …" was stored as the title,
and a footer's date standing alone ("3 June 2024") as the publication date of a report printing only
"© Crown copyright 2020". Wanted: each line printed at the same height in a page's top or bottom
margin on many pages (its words the same, or the same less a page number) is furniture, whatever
its wrap or place in reading order, and never read for the recommendations, the title or the date;
the same words elsewhere (the cover's title) still are.

Fixtures: tests/fixtures/furniture/make_furniture.py (the generator's reports printed again with a
header or footer of their own); truth: the source report's .json in tests/fixtures/producers/."""

from __future__ import annotations

import json

import pytest
from paths import FIXTURES

from docextract import parse
from docextract.detect.classify import detect, placed_furniture
from docextract.read.open import read_document

FURNITURE = FIXTURES / "furniture"
PRODUCERS = FIXTURES / "producers"
SOURCES = {
    "chromium-youth-header-wrapped-two-lines.pdf": "chromium-youth-lines-words-letter.json",
    "chromium-pdu2021-draft-footer-on-cover.pdf": "chromium-pdu2021-classic.json",
    "chromium-reg2018-draft-footer-date-alone.pdf": "chromium-reg2018-lines-words-annex-yearonly.json",
}


def _truth(name: str) -> dict[str, object]:
    return dict(json.loads((PRODUCERS / SOURCES[name]).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_title_date_and_recommendations_as_printed(name: str) -> None:
    """Title, publication date and every recommendation's text are the report's, none a running line's."""
    truth = _truth(name)
    record = parse(FURNITURE / name)
    assert record.title == truth["title"]
    assert record.published == truth["published"]
    recs = truth["recommendations"]
    assert isinstance(recs, list)
    assert [rec.text for rec in record.recommendations] == [rec["text"] for rec in recs]


def test_both_lines_of_two_wrapped_headers_are_furniture() -> None:
    """Two headers side by side, each wrapped: their four lines on every page but the cover are furniture."""
    doc = read_document(FURNITURE / "chromium-youth-header-wrapped-two-lines.pdf")
    detection = detect(doc)
    page = doc.pages[3]
    heads = [line for line in page.lines if line.bbox is not None and line.bbox[3] < 50]
    assert len(heads) == 4
    assert all(detection.is_furniture(line) for line in heads)
    body = [line for line in page.lines if line.bbox is not None and 100 < line.bbox[1] < 700]
    assert body and not any(detection.is_furniture(line) for line in body)


def test_cover_title_in_the_same_words_as_a_footer_stays() -> None:
    """The footer's words printed on the cover as its title (another place) are not furniture."""
    path = FURNITURE / "chromium-pdu2021-draft-footer-on-cover.pdf"
    doc = read_document(path)
    placed = placed_furniture(doc)
    cover = [line for line in doc.pages[0].lines if "draft" in line.text]
    assert any((1, line.text) in placed for line in cover)  # the footer on the cover is furniture
    assert parse(path).title == _truth(path.name)["title"]  # the title above it is read

