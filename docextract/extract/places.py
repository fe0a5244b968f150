"""Places for documents without real pages: every record item of a text file gets its line number,
every item of a Word draft its section heading and paragraph (and table row).

Extractors record the page an item was read from (for a Word draft, an internal page per section,
never shown) and the item's words; here each item is matched to the first line of that page holding
the start of its words, and that line's place is copied into the item's provenance fields. For Word
drafts the internal page is then cleared: a draft has no pages.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.record import InspectionReport, Located
from ..read.document import Document, Line
from ..read.normalize import collapse

KEY_CHARS = 40  # leading characters of an item's words that identify its line


def place_record(report: InspectionReport, doc: Document) -> InspectionReport:
    """Fill `line` (text) or `section`/`paragraph`/`row` (docx) of every located item, in place."""
    if doc.format == "pdf":
        return report
    index = _LineIndex(doc)
    for item, keys in _items(report):
        line = next((found for words in keys if (found := index.find(item.page, words)) is not None), None)
        if line is not None and line.place is not None:
            item.line = line.place.line
            item.section = line.place.section
            item.paragraph = line.place.paragraph
            item.row = line.place.row
        if doc.format == "docx":
            item.page = None
            item.bbox = None
            item.span = None  # offsets into an internal page: the source text stays
    if doc.format == "docx":
        report.source.pages = 0  # a draft has no pages (its internal parts are not pages)
        for warning in report.warnings:
            warning.page = None
    return report


def _items(report: InspectionReport) -> Iterator[tuple[Located, tuple[str, ...]]]:
    """Every located item with the words that find its line, most specific first."""
    for unit in report.units:
        yield unit, (unit.name or "",)
        for standard in unit.standards:
            yield standard, (f"{standard.code} {standard.name}", standard.name)  # the ratings row first
            for question in standard.key_questions:
                yield question, (question.text,)
                for prompt in question.prompts:
                    yield prompt, (prompt.text,)
    for rec in report.recommendations:
        yield rec, (rec.text or "",)
    if report.stated_recommendation_count is not None:
        yield report.stated_recommendation_count, (report.stated_recommendation_count.sentence,)
    for previous in report.previous_recommendations:
        yield previous, (previous.text,)
    if report.previous_recommendation_tally is not None:
        yield report.previous_recommendation_tally, (report.previous_recommendation_tally.sentence,)


def _fold(text: str) -> str:
    return collapse(text).casefold()


class _LineIndex:
    """The lines of each page with their folded text (lower case, white space collapsed), built once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.pages: dict[int | None, list[tuple[Line, str, str]]] = {}

    def _page(self, page: int | None) -> list[tuple[Line, str, str]]:
        key = page if page is not None and 1 <= page <= self.doc.page_count else None
        if key not in self.pages:
            lines = self.doc.page(key).lines if key is not None else list(self.doc.lines())
            folded = [(line, _fold(line.text)) for line in lines]
            self.pages[key] = [(line, text, text.lstrip("0123456789.)•- ")) for line, text in folded]
        return self.pages[key]

    def find(self, page: int | None, words: str) -> Line | None:
        """The first line of `page` (any page when None or out of range) holding the start of `words`,
        or whose own words (without a leading list number) begin them."""
        whole = _fold(words)
        key = whole[:KEY_CHARS]
        if not key:
            return None
        lines = self._page(page)
        for line, text, _own in lines:
            if key in text:
                return line
        for line, _text, own in lines:
            if len(own) >= 12 and whole.startswith(own[:KEY_CHARS]):
                return line
        return None


def find_line(doc: Document, page: int | None, words: str) -> Line | None:
    """The first line of `page` (any page when None or out of range) holding the start of `words`,
    or whose own words (without a leading list number) begin them."""
    return _LineIndex(doc).find(page, words)
