"""The reading layer's output: a document as pages of lines, each with provenance.

A `Line` is one visual line (or table row) of normalised text. Where the reader
knows the table cells of a row (tab-separated text, or PDF words grouped by their
x positions) they are in `cells`; otherwise `cells` holds the whole line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .models import BBox

BoxTuple = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    page: int
    cells: tuple[str, ...]
    bbox: BoxTuple | None = None
    cell_boxes: tuple[BoxTuple, ...] | None = None

    @property
    def box(self) -> BBox | None:
        return to_bbox(self.bbox)


def to_bbox(box: BoxTuple | None) -> BBox | None:
    if box is None:
        return None
    x0, top, x1, bottom = box
    return BBox(x0=round(x0, 2), top=round(top, 2), x1=round(x1, 2), bottom=round(bottom, 2))


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    lines: list[Line]
    width: float | None = None
    height: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Document:
    """A report read into pages. Layout-level access (PDF only) is lazy and per page."""

    path: str
    sha256: str
    format: Literal["pdf", "text"]
    pages: list[Page]
    _layout: Callable[[int], list[Line]] | None = field(default=None, repr=False)
    _precise: Callable[[int], list[Line]] | None = field(default=None, repr=False)
    _tables: Callable[[int], list[Any]] | None = field(default=None, repr=False)
    _runs: Callable[[int], list[tuple[str, BoxTuple]]] | None = field(default=None, repr=False)
    _close: Callable[[], None] | None = field(default=None, repr=False)
    _layout_cache: dict[int, list[Line]] = field(default_factory=dict, repr=False)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page(self, number: int) -> Page:
        return self.pages[number - 1]

    def lines(self, pages: Sequence[int] | None = None) -> Iterator[Line]:
        """The cheap-pass lines of the given pages (all pages by default), in order."""
        numbers = range(1, len(self.pages) + 1) if pages is None else pages
        for number in numbers:
            yield from self.pages[number - 1].lines

    def layout_lines(self, number: int) -> list[Line]:
        """Rows of the page rebuilt from text positions, with cells split at column gaps.

        For PDFs: pdfium's text runs grouped into rows and cells (a few ms a page, cached);
        for text documents the cheap-pass lines already carry their cells.
        """
        if self._layout is None:
            return self.pages[number - 1].lines
        if number not in self._layout_cache:
            self._layout_cache[number] = self._layout(number)
        return self._layout_cache[number]

    def precise_lines(self, number: int) -> list[Line]:
        """Rows of the page from pdfplumber's character-level layout (words regrouped by position,
        cells split at column gaps and ruling lines): slower, for pages the fast rows leave in doubt."""
        return self.layout_lines(number) if self._precise is None else self._precise(number)

    def tables(self, number: int) -> list[Any]:
        """pdfplumber tables found on a page (empty for text documents)."""
        return [] if self._tables is None else self._tables(number)

    def text_runs(self, number: int) -> list[tuple[str, BoxTuple]] | None:
        """pdfium's text runs of a PDF page (raw text, box), or None for text documents."""
        return None if self._runs is None else self._runs(number)

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
