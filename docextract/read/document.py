"""The reading layer's output: a document as pages of lines, each with provenance.

A `Line` is one visual line (or table row) of normalised text. Where the reader
knows the table cells of a row (tab-separated text, or PDF words grouped by their
x positions) they are in `cells`; otherwise `cells` holds the whole line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..model.record import BBox, ParseWarning

if TYPE_CHECKING:
    from .layout import Row

BoxTuple = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
# The section a Word draft's footnotes are read into (read/wordfile.py); here, so that detection
# knows it without importing the Word reader.
FOOTNOTES_SECTION = "Footnotes"


class Place(NamedTuple):
    """Where a line sits in a document without real pages: the 1-based line number of a text
    file, or a Word draft's section heading with the 1-based paragraph number inside that section
    (a table counts as one paragraph; `row` is then its 1-based row)."""

    line: int | None = None
    section: str | None = None
    paragraph: int | None = None
    row: int | None = None


class Line(NamedTuple):
    """One printed line: normalised text, page, cells, box and cell boxes (PDF) or place (text, Word),
    and on a page set in text columns the x extent of its column."""

    text: str
    page: int
    cells: tuple[str, ...]
    bbox: BoxTuple | None = None
    cell_boxes: tuple[BoxTuple, ...] | None = None
    place: Place | None = None  # text files and Word drafts: line number or heading + paragraph
    column: tuple[float, float] | None = None  # x0, x1 of the text column it is set in (columns.py), else None
    # the raw line ended in a hyphenation break (reading.yaml break_hyphens): the word goes on unhyphenated
    hyphen_break: bool = False

    @property
    def box(self) -> BBox | None:
        """The line's box as a record BBox (rounded to 0.01 pt), or None."""
        return to_bbox(self.bbox)


def to_bbox(box: BoxTuple | None) -> BBox | None:
    """A (x0, top, x1, bottom) tuple as a record BBox rounded to 0.01 pt, or None."""
    if box is None:
        return None
    x0, top, x1, bottom = box
    return BBox(x0=round(x0, 2), top=round(top, 2), x1=round(x1, 2), bottom=round(bottom, 2))


@dataclass(slots=True)
class Page:
    """One page: its number (1-based), lines in reading order, and size in points (PDF)."""

    number: int  # 1-based
    lines: list[Line]
    width: float | None = None
    height: float | None = None

    @property
    def text(self) -> str:
        """The page's lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Precise:
    """pdfplumber's reading of one PDF page: rows through the layout, the rows of its ruled
    tables, and those tables' boxes."""

    rows: list[Row] = field(default_factory=list)
    table_rows: list[Row] = field(default_factory=list)
    table_boxes: list[BoxTuple] = field(default_factory=list)


@dataclass
class Document:
    """A report read into pages. Layout-level access (PDF only) is lazy and per page."""

    path: str
    sha256: str
    format: Literal["pdf", "text", "docx"]
    pages: list[Page]
    # what reading the text changed, for the record (read.ligatures: a broken ligature repaired)
    warnings: list[ParseWarning] = field(default_factory=list)
    _rows: Callable[[int], list[Row]] | None = field(default=None, repr=False)
    _precise: Callable[[int], Precise] | None = field(default=None, repr=False)
    _close: Callable[[], None] | None = field(default=None, repr=False)
    _rows_cache: dict[int, list[Row]] = field(default_factory=dict, repr=False)
    _lines_cache: dict[int, list[Line]] = field(default_factory=dict, repr=False)
    _precise_cache: dict[int, Precise] = field(default_factory=dict, repr=False)

    @property
    def page_count(self) -> int:
        """The number of pages."""
        return len(self.pages)

    def page(self, number: int) -> Page:
        """The page numbered `number` (1-based)."""
        return self.pages[number - 1]

    def lines(self, pages: Sequence[int] | None = None) -> Iterator[Line]:
        """The cheap-pass lines of the given pages (all pages by default), in order."""
        numbers = range(1, len(self.pages) + 1) if pages is None else pages
        for number in numbers:
            yield from self.pages[number - 1].lines

    def layout_rows(self, number: int) -> list[Row]:
        """Visual rows of a PDF page with their cells, built from pdfium's characters by the
        producer-independent layout (layout.py; cached). Empty for text documents."""
        if self._rows is None:
            return []
        if number not in self._rows_cache:
            self._rows_cache[number] = self._rows(number)
        return self._rows_cache[number]

    def layout_lines(self, number: int) -> list[Line]:
        """The page's visual rows as Lines, with cells split at column gaps (PDF: `layout_rows`;
        text documents: the cheap-pass lines already carry their cells)."""
        if self._rows is None:
            return self.pages[number - 1].lines
        if number not in self._lines_cache:
            from .layout import row_line

            self._lines_cache[number] = [row_line(row) for row in self.layout_rows(number) if row.text]
        return self._lines_cache[number]

    def _precise_read(self, number: int) -> Precise:
        if self._precise is None:
            return Precise()
        if number not in self._precise_cache:
            self._precise_cache[number] = self._precise(number)
        return self._precise_cache[number]

    def precise_rows(self, number: int) -> list[Row]:
        """Rows of a PDF page from pdfplumber's characters through the same layout (slower: for
        pages the fast rows leave in doubt). Empty for text documents or when pdfminer fails."""
        return self._precise_read(number).rows

    def precise_lines(self, number: int) -> list[Line]:
        """`precise_rows` as Lines (the fast lines for text documents)."""
        if self._precise is None:
            return self.layout_lines(number)
        from .layout import row_line

        return [row_line(row) for row in self.precise_rows(number) if row.text]

    def table_rows(self, number: int) -> list[Row]:
        """Rows of pdfplumber's ruled tables of two or more columns on a PDF page (one row per
        table row, wrapped cell text joined); read in the same page visit as `precise_rows`."""
        return self._precise_read(number).table_rows

    def table_boxes(self, number: int) -> list[BoxTuple]:
        """The boxes of the ruled tables of `table_rows`."""
        return self._precise_read(number).table_boxes

    def close(self) -> None:
        """Release the file's reader (pdfium's document); safe to call twice."""
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
