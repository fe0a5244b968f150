"""Text columns of a page: reading order column by column, whatever the producer.

A page set in two (or more) text columns is found from its lines' boxes alone (the
characters' x positions at each line's ends), never from the producer: a vertical gutter
of whitespace, at least `ColumnSettings.gutter` x the line height wide, that most of the
page's lines do not cross, with lines of running text on both sides beside each other.
Lines that cross the gutter (a title, a table row, a heading across both columns) cut the
page into bands; inside a band the left column's lines are read before the right one's,
each in content order, as pdfminer's layout analysis (``boxes_flow``) orders text boxes.
Each line in a column gets that column's x extent (`Line.column`), so an extractor can
tell the foot of one column from the head of the next.

Tables are not columns: a table's cells beside a column of short figures or labels are
not running text (most lines of each side fill at least `ColumnSettings.filled` of it and
hold at least `ColumnSettings.words` words),
and a table row the reader keeps as one line crosses the gutter. The check costs one pass
over the page's line boxes on an ordinary page (no line starts well inside the text width).
Known limit: lines of two columns drawn on the same baseline, in content order row by
row across the gutter, are already joined into one line by the cheap text pass and are
left as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, groupby
from statistics import median
from typing import NamedTuple

from .document import BoxTuple, Line


class ColumnSettings(NamedTuple):
    """Thresholds of the column finder; lengths in line heights (about 1.15 em of the type).

    `gutter`: the narrowest gutter; `min_lines`: lines needed on each side; `crossing`: the
    largest share of the page's lines that may cross the gutter; `filled`: a side is running
    text when the median width of its lines is at least this share of the side's width;
    `middle`: the gutter lies inside this share of the text width around its middle;
    `depth`: columns found inside a column (three or four columns) at most this deep; `words`: a
    side is running text when the median line holds at least this many words.
    """

    gutter: float = 0.8
    min_lines: int = 3
    crossing: float = 0.5
    filled: float = 0.6
    middle: float = 0.6
    depth: int = 2
    words: int = 4


DEFAULT_COLUMNS = ColumnSettings()


def reading_order(lines: Sequence[Line], settings: ColumnSettings = DEFAULT_COLUMNS) -> list[Line]:
    """The lines of one page in reading order: unchanged on a page of one column; on a page set
    in columns, band by band, each band's left column before its right one, every line in a
    column carrying the column's x extent (`Line.column`, points)."""
    return _order(list(lines), settings, settings.depth)


def _order(lines: list[Line], settings: ColumnSettings, depth: int) -> list[Line]:
    gutter = _gutter(lines, settings) if depth > 0 else None
    if gutter is None:
        return lines
    g0, g1 = gutter
    out: list[Line] = []
    band: list[Line] = []
    bottom, sides, side = 0.0, set[bool](), False
    for line in lines:
        box = line.bbox
        if box is not None and box[0] < g1 and box[2] > g0:  # crosses the gutter: ends a band
            out += _band(band, gutter, settings, depth)
            band, bottom, sides = [], 0.0, set()
            out.append(line)
            continue
        if box is not None and len(sides) == 2 and box[1] >= bottom and (box[2] > g0) != side:
            # below both columns, on the other side than the line before: text after the columns
            out += _band(band, gutter, settings, depth)
            band, bottom, sides = [], 0.0, set()
        band.append(line)
        if box is not None:
            bottom, side = max(bottom, box[3]), box[2] > g0
            sides.add(side)
    return out + _band(band, gutter, settings, depth)


def _band(band: list[Line], gutter: tuple[float, float], settings: ColumnSettings, depth: int) -> list[Line]:
    """One band between lines crossing the gutter: its left column, then its right one."""
    left = [line for line in band if line.bbox is None or line.bbox[2] <= gutter[0]]
    right = [line for line in band if line.bbox is not None and line.bbox[2] > gutter[0]]
    if not left or not right:
        return band
    out: list[Line] = []
    for side in (left, right):
        extent = _extent([line.bbox for line in side if line.bbox is not None])
        inner = _order(side, settings, depth - 1)
        out += [line if line.column or line.bbox is None else line._replace(column=extent) for line in inner]
    return out


def _extent(boxes: Sequence[BoxTuple]) -> tuple[float, float]:
    return min(b[0] for b in boxes), max(b[2] for b in boxes)


def _gutter(lines: Sequence[Line], settings: ColumnSettings) -> tuple[float, float] | None:
    """The widest vertical strip of whitespace near the middle of the text that most lines do not
    cross, with running text on both sides beside each other; None on a page of one column."""
    boxes = [line.bbox for line in lines if line.bbox is not None and line.bbox[2] > line.bbox[0]]
    if len(boxes) < 2 * settings.min_lines:
        return None
    left, right = _extent(boxes)
    inside = left + (1 - settings.middle) / 2 * (right - left)
    if sum(1 for b in boxes if b[0] > inside) < settings.min_lines:
        return None  # most pages end here: (almost) nothing starts inside the text width
    height = median(b[3] - b[1] for b in boxes)
    strip = _free_strip(boxes, left, right, settings)
    if strip is None or strip[1] - strip[0] < settings.gutter * height:
        return None
    g0, g1 = strip
    before = [b for b in boxes if b[2] <= g0]
    after = [b for b in boxes if b[0] >= g1]
    if min(len(before), len(after)) < settings.min_lines:
        return None
    if len(boxes) - len(before) - len(after) > settings.crossing * len(boxes):
        return None
    if not _filled(before, g0 - left, settings) or not _filled(after, right - g1, settings):
        return None  # a column of figures or short labels: a table, not text columns
    if not _running(lines, g0, settings) or not _running(lines, g1, settings, right_side=True):
        return None
    if min(b[3] for b in after) >= max(b[3] for b in before) or min(b[3] for b in before) >= max(
        b[3] for b in after
    ):
        return None  # one side wholly below the other: not beside each other
    return strip


def _running(lines: Sequence[Line], edge: float, settings: ColumnSettings, *, right_side: bool = False) -> bool:
    """The lines on one side of the gutter are running text: most hold `words` words or more (a
    table's cells beside each other hold figures, ratings or short labels)."""
    side = [
        line.text
        for line in lines
        if line.bbox is not None and (line.bbox[0] >= edge if right_side else line.bbox[2] <= edge)
    ]
    return median(len(text.split()) for text in side) >= settings.words


def _filled(boxes: Sequence[BoxTuple], width: float, settings: ColumnSettings) -> bool:
    return width > 0 and median(b[2] - b[0] for b in boxes) >= settings.filled * width


def _free_strip(
    boxes: Sequence[BoxTuple], left: float, right: float, settings: ColumnSettings
) -> tuple[float, float] | None:
    """The widest run of whole points inside the middle of [left, right] crossed by the fewest lines."""
    start = int(left)
    cover = [0] * (int(right) - start + 2)
    for x0, _, x1, _ in boxes:
        cover[int(x0) - start] += 1
        cover[int(x1) - start + 1] -= 1
    cover = list(accumulate(cover))  # lines crossing each whole point
    margin = (1 - settings.middle) / 2 * (right - left)
    lo, hi = int(left + margin) - start, int(right - margin) - start
    if hi <= lo:
        return None
    window = cover[lo:hi]
    fewest = min(window)
    best: tuple[int, int] | None = None
    index = lo
    for value, run in groupby(window):  # maximal runs of equal cover; the first longest of the fewest wins
        length = len(list(run))
        if value == fewest and (best is None or length > best[1] - best[0]):
            best = (index, index + length)
        index += length
    if best is None:
        return None
    # widen the strip to the lines' real edges beyond the whole points
    g0 = max((b[2] for b in boxes if b[2] <= best[0] + start + 1), default=best[0] + start)
    g1 = min((b[0] for b in boxes if b[0] >= best[1] + start - 1), default=best[1] + start)
    return (g0, g1) if g1 > g0 else None
