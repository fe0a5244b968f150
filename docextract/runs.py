"""Visual rows of a PDF page from pdfium's text runs: the fast layout of the reading layer.

A text run is pdfium's unit of text of one style on one line, with its box. Runs are
grouped into rows by vertical overlap and into cells at horizontal gaps wider than a
fraction of the text height; small raised digit runs are footnote markers. About 5 ms
a page, against 50-250 ms for pdfplumber's character-level layout of the same page.

Cells keep their raw text (before normalisation: footnote lines start with superscript
digits) and their boxes in points with the origin at the page's top left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .document import BoxTuple, Line
from .normalize import SUPERSCRIPT_DIGITS, normalize_text

# pdfium marks a hyphen at which it joined a word broken over two lines with U+FFFE.
PDFIUM_HYPHEN = str.maketrans({"\ufffe": "-", "\ufffd": "", "\x02": "-"})
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
        raw = " ".join(raw.translate(PDFIUM_HYPHEN).split())
        cells.append(Cell(text=normalize_text(raw), raw=raw, box=union([box for _, box in group])))
    return Row(page=number, cells=tuple(cells), box=union([c.box for c in cells]))


def row_line(row: Row) -> Line:
    """A row as a reading-layer Line: normalised text, cells and their boxes."""
    cells = tuple(cell.text for cell in row.cells)
    boxes = tuple(cell.box or (0.0, 0.0, 0.0, 0.0) for cell in row.cells)
    return Line(text=row.text, page=row.page, cells=cells, bbox=row.box, cell_boxes=boxes)


def is_footnote(row: Row) -> bool:
    """A footnote line: its raw text starts with a superscript number ("²³ The answers ...")."""
    raw = row.raw.lstrip()
    return bool(raw) and raw[0] in SUPERSCRIPT_DIGITS and len(row.text.split()) > 1
