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

from ...read.document import BoxTuple, Document
from ...read.layout import Row, line_row


class TableReader:
    """Rows of a document's pages, from the reading layer's characters (PDF) or lines (text)."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    def rows(self, number: int) -> list[Row]:
        """Fast rows of one page (1-based)."""
        if self._doc.format != "pdf":
            return [line_row(line, joined=True) for line in self._doc.page(number).lines]
        return self._doc.layout_rows(number)

    def precise_rows(self, number: int) -> list[Row]:
        """pdfplumber rows of one page: ruled tables row by row, layout rows elsewhere."""
        if self._doc.format != "pdf":
            return self.rows(number)
        tables = self._doc.table_rows(number)
        boxes = self._doc.table_boxes(number)
        rows = [
            row
            for row in self._doc.precise_rows(number)
            if row.text and not (row.box is not None and any(_inside(row.box, box) for box in boxes))
        ]
        rows.extend(tables)
        rows.sort(key=lambda r: r.box[1] if r.box else 0.0)
        return rows


def _inside(box: BoxTuple, outer: Sequence[float]) -> bool:
    x0, top, x1, bottom = box
    middle = (top + bottom) / 2
    return outer[0] - 1 <= x0 and x1 <= outer[2] + 1 and outer[1] <= middle <= outer[3]
