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
from dataclasses import dataclass
from typing import Any

from .document import BoxTuple, Document, Line
from .normalize import SUPERSCRIPT_DIGITS, normalize_text

# pdfium marks a hyphen at which it joined a word broken over two lines with U+FFFE.
_PDFIUM_HYPHEN = str.maketrans({"\ufffe": "-", "\ufffd": "", "\x02": "-"})
_ROW_OVERLAP = 0.5  # share of the smaller height two runs must overlap to sit on one row
_SUPERSCRIPT = 0.75  # a digit run less than this share of its neighbour's height is a footnote marker
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_CELL_GAP = 0.4  # a gap between two runs wider than this many text heights starts a new cell
_SPACED_GAP = 0.2  # the same after a run that ends in a space
_GLUE_GAP = 1.0  # runs closer than this (points) are one word (a footnote marker after its word)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # normalised
    raw: str  # as extracted
    box: BoxTuple | None = None


@dataclass(frozen=True, slots=True)
class Row:
    page: int
    cells: tuple[Cell, ...]
    box: BoxTuple | None = None
    joined: bool = False  # True when wrapped cell text is already joined (text lines, ruled tables)

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells if cell.text)

    @property
    def raw(self) -> str:
        return " ".join(cell.raw for cell in self.cells if cell.raw)


def union(boxes: Sequence[BoxTuple | None]) -> BoxTuple | None:
    known = [b for b in boxes if b is not None]
    if not known:
        return None
    return (min(b[0] for b in known), min(b[1] for b in known), max(b[2] for b in known), max(b[3] for b in known))


class TableReader:
    """Rows of a document's pages, from the reading layer's text runs (PDF) or lines (text)."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

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
        for line in self._doc.layout_lines(number):
            if line.bbox is not None and any(_inside(line.bbox, box) for box in boxes):
                continue
            rows.append(_line_row(line, joined=False))
        for table in tables:
            rows.extend(_table_rows(table, number))
        rows.sort(key=lambda r: r.box[1] if r.box else 0.0)
        return rows


def rows_from_runs(runs: Sequence[tuple[str, BoxTuple]], number: int) -> list[Row]:
    """Group text runs into visual rows (vertical overlap), then into cells (horizontal gaps)."""
    bands: list[list[tuple[str, BoxTuple]]] = []
    spans: list[tuple[float, float]] = []
    for text, box in sorted(runs, key=lambda r: (r[1][1], r[1][0])):
        top, bottom = box[1], box[3]
        for index in range(len(bands) - 1, max(-1, len(bands) - 4), -1):
            row_top, row_bottom = spans[index]
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap >= _ROW_OVERLAP * min(bottom - top, row_bottom - row_top):
                bands[index].append((text, box))
                spans[index] = (min(row_top, top), max(row_bottom, bottom))
                break
        else:
            bands.append([(text, box)])
            spans.append((top, bottom))
    order = sorted(range(len(bands)), key=lambda i: spans[i][0])
    return [_band_row(sorted(bands[i], key=lambda r: r[1][0]), number) for i in order]


def _superscripts(runs: list[tuple[str, BoxTuple]]) -> list[tuple[str, BoxTuple]]:
    """Small raised digit runs beside full-size text are footnote markers: make them superscript
    digits, which normalisation removes (and which mark a footnote line when they open a row)."""
    out = list(runs)
    for index, (text, box) in enumerate(runs):
        digits = text.strip().replace(",", "")
        if not digits.isdigit() or len(digits) > 3:
            continue
        neighbours = [runs[i][1] for i in (index - 1, index + 1) if 0 <= i < len(runs)]
        height = box[3] - box[1]
        if any(height < _SUPERSCRIPT * (n[3] - n[1]) and box[1] < n[1] + 0.5 * (n[3] - n[1]) for n in neighbours):
            out[index] = (text.translate(_TO_SUPERSCRIPT), box)
    return out


def _band_row(runs: list[tuple[str, BoxTuple]], number: int) -> Row:
    runs = _superscripts(runs)
    groups: list[list[tuple[str, BoxTuple]]] = [[runs[0]]]
    for text, box in runs[1:]:
        last = groups[-1][-1][1]
        height = max(4.0, box[3] - box[1], last[3] - last[1])
        # a run's box takes in its trailing space: a gap after it is all column gap
        spaced = groups[-1][-1][0].endswith(" ")
        if box[0] - last[2] > (_SPACED_GAP if spaced else _CELL_GAP) * height:
            groups.append([(text, box)])
        else:
            groups[-1].append((text, box))
    cells = []
    for group in groups:
        raw = group[0][0]
        for (text, box), (_, prev) in zip(group[1:], group, strict=False):
            glued = raw.endswith((" ", "\ufffe")) or box[0] - prev[2] < _GLUE_GAP
            raw += text if glued else " " + text
        raw = " ".join(raw.translate(_PDFIUM_HYPHEN).split())
        cells.append(Cell(text=normalize_text(raw), raw=raw, box=union([box for _, box in group])))
    return Row(page=number, cells=tuple(cells), box=union([c.box for c in cells]))


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
            raw = " ".join((text or "").translate(_PDFIUM_HYPHEN).split())
            if box is None and not raw:
                continue
            cell_box = None if box is None else (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
            cells.append(Cell(text=normalize_text(raw), raw=raw, box=cell_box))
        if any(c.text for c in cells):
            rows.append(Row(page=number, cells=tuple(cells), box=union([c.box for c in cells]), joined=True))
    return rows


def is_footnote(row: Row) -> bool:
    """A footnote line: its raw text starts with a superscript number ("²³ The answers ...")."""
    raw = row.raw.lstrip()
    return bool(raw) and raw[0] in SUPERSCRIPT_DIGITS and len(row.text.split()) > 1
