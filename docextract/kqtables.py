"""Table reading for key-question tables: a page in, visual rows of cells out.

One interface, three readers behind it:

- text documents: a line is a row, its tab-separated fields are the cells;
- PDFs, fast (the default): pdfium's text runs ("rects", about 10 ms a page), grouped
  into visual rows by vertical overlap and into cells at horizontal gaps. A wrapped
  cell gives one row per printed line; the caller joins them.
- PDFs, precise (on request, for a page whose fast read left a value unreadable):
  pdfplumber's ruled-table finder where the page has ruled tables (one row per table
  row, wrapped cell text joined), and its column-gap layout rows elsewhere.

Cells keep their raw text (before normalisation: footnote lines start with superscript
digits) and, for PDFs, their boxes in points with the origin at the page's top left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .document import BoxTuple, Document, Line
from .normalize import normalize_text
from .runs import PDFIUM_HYPHEN, Cell, Row, rows_from_runs, union


class TableReader:
    """Rows of a document's pages, from the reading layer's text runs (PDF) or lines (text)."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    def rows(self, number: int) -> list[Row]:
        """Fast rows of one page (1-based)."""
        runs = self._doc.text_runs(number)
        if runs is None:
            return [_line_row(line, joined=True) for line in self._doc.page(number).lines]
        return rows_from_runs(runs, number)

    def precise_rows(self, number: int) -> list[Row]:
        """pdfplumber rows of one page: ruled tables row by row, layout rows elsewhere."""
        if self._doc.format != "pdf":
            return self.rows(number)
        tables = [t for t in self._doc.tables(number) if _columns(t) >= 2]
        boxes = [tuple(float(v) for v in t.bbox) for t in tables]
        rows: list[Row] = []
        for line in self._doc.precise_lines(number):
            if line.bbox is not None and any(_inside(line.bbox, box) for box in boxes):
                continue
            rows.append(_line_row(line, joined=False))
        for table in tables:
            rows.extend(_table_rows(table, number))
        rows.sort(key=lambda r: r.box[1] if r.box else 0.0)
        return rows


def _line_row(line: Line, *, joined: bool) -> Row:
    boxes: Sequence[BoxTuple | None] = line.cell_boxes or [line.bbox if len(line.cells) == 1 else None] * len(
        line.cells
    )
    cells = tuple(Cell(text=text, raw=text, box=box) for text, box in zip(line.cells, boxes, strict=False))
    return Row(page=line.page, cells=cells, box=line.bbox, joined=joined)


def _columns(table: Any) -> int:
    rows = getattr(table, "rows", None) or []
    return max((len(row.cells) for row in rows), default=0)


def _inside(box: BoxTuple, outer: Sequence[float]) -> bool:
    x0, top, x1, bottom = box
    middle = (top + bottom) / 2
    return outer[0] - 1 <= x0 and x1 <= outer[2] + 1 and outer[1] <= middle <= outer[3]


def _table_rows(table: Any, number: int) -> list[Row]:
    rows: list[Row] = []
    for texts, row in zip(table.extract(), table.rows, strict=False):
        cells: list[Cell] = []
        for text, box in zip(texts, row.cells, strict=False):
            raw = " ".join((text or "").translate(PDFIUM_HYPHEN).split())
            if box is None and not raw:
                continue
            cell_box = None if box is None else (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
            cells.append(Cell(text=normalize_text(raw), raw=raw, box=cell_box))
        if any(c.text for c in cells):
            rows.append(Row(page=number, cells=tuple(cells), box=union([c.box for c in cells]), joined=True))
    return rows


