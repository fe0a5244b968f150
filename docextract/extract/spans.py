"""Where a span of the running text is: page, box, reading-order position and a quotation.

The place a person can find: for PDFs the page and the box (PDF points, origin top left) of the
words (the first line narrowed to them, by character share: fonts are near enough even; the
following lines of the same page whole); for text files the 1-based line; for Word drafts the
section heading and paragraph (and table row); always with a quotation of the words and up to
`QUOTE_CONTEXT` characters either side (at most `QUOTE_MAX`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from ..read.document import BoxTuple, Line, to_bbox
from ..rules.text import clip as _clip
from .flow import Flow

QUOTE_CONTEXT = 70  # characters of running text either side of the words found
QUOTE_MAX = 180


def locate_span(flow: Flow, start: int, end: int) -> dict[str, Any]:
    """The location fields of the span [start, end) of `flow.text`: page, bbox, quotation, order
    (index of its first line) and line/section/paragraph/row where the lines have them; {} for an
    empty flow."""
    if not flow.lines:
        return {}
    first = max(bisect_right(flow.line_starts, start) - 1, 0)
    last = max(bisect_left(flow.line_starts, max(end, start + 1)) - 1, first)
    head = flow.lines[first]
    lines = [flow.lines[i] for i in range(first, last + 1) if flow.lines[i].page == head.page]
    boxes = [_narrowed(flow, first, start, end) if n == 0 else line.bbox for n, line in enumerate(lines)]
    where: dict[str, Any] = {
        "page": head.page,
        "quotation": _excerpt(flow, start, end),
        "order": first,
        "bbox": to_bbox(union([b for b in boxes if b is not None])),
    }
    where.update(place_of(head))
    return where


def _narrowed(flow: Flow, index: int, start: int, end: int) -> BoxTuple | None:
    """The part of a line's box holding the span (by character share)."""
    line = flow.lines[index]
    if line.bbox is None:
        return None
    offset = flow.line_starts[index]
    length = max(len(line.text), 1)
    lo = min(max(start - offset, 0), length)
    hi = min(max(end - offset, lo + 1), length)
    x0, top, x1, bottom = line.bbox
    step = (x1 - x0) / length
    return (x0 + lo * step, top, x0 + hi * step if hi < length else x1, bottom)


def _excerpt(flow: Flow, start: int, end: int) -> str:
    lo = max(start - QUOTE_CONTEXT, 0)
    hi = min(max(end, start) + QUOTE_CONTEXT, len(flow.text))
    if lo > 0 and " " in flow.text[lo:start]:
        lo = flow.text.index(" ", lo) + 1
    if hi < len(flow.text) and " " in flow.text[end:hi]:
        hi = flow.text.rindex(" ", end, hi)
    text = _clip(flow.text[lo:hi].replace("\n", " "), QUOTE_MAX)
    tail = "…" if hi < len(flow.text) and not text.endswith("…") else ""
    return ("…" if lo > 0 else "") + text + tail


def place_of(line: Line) -> dict[str, Any]:
    """A text file's line number, or a Word draft's section, paragraph and row, of `line` ({} for PDFs)."""
    place = line.place
    if place is None:
        return {}
    return {"line": place.line, "section": place.section, "paragraph": place.paragraph, "row": place.row}


def union(boxes: list[BoxTuple]) -> BoxTuple | None:
    """The smallest box holding every box (None for none)."""
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
