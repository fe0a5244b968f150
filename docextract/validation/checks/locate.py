"""Where each finding is: page and box, line, or heading and paragraph, and a short quotation.

Checks say what a finding is about: a record item (`issue(..., at=item)`), a span of the running
text (`span=(start, end)`), or only the unit and standard it concerns. `locate` turns that into
the place a person can find: for PDFs the page and the box (PDF points, origin top left) of the
words or row; for text files the 1-based line; for Word drafts the section heading and paragraph
(and table row); always with a quotation of the text around it (at most ~160 characters).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model.record import BBox, InspectionReport, Located
from ...read.document import BoxTuple, Document, Line
from ...read.normalize import collapse
from .context import Context
from .flow import Flow
from .issue import Issue

QUOTE_CONTEXT = 70  # characters of running text either side of the words found
QUOTE_MAX = 180


def locate(ctx: Context, issues: Iterable[Issue]) -> list[Issue]:
    """The issues with their location fields and quotation filled in (unchanged where unknown)."""
    out: list[Issue] = []
    for found in issues:
        where = _from_span(ctx, found._span) if found._span is not None else None
        if where is None:
            item = found._at if found._at is not None else _item_of(ctx.report, found)
            where = _from_item(ctx, item) if item is not None else None
        if where is None:
            out.append(found)
            continue
        order = where.pop("_order", 1 << 30)
        if ctx.doc is not None and ctx.doc.format == "docx":
            where["page"] = None  # a draft has no pages: its place is the heading and paragraph
        located = found.model_copy(update={k: v for k, v in where.items() if v is not None or k == "page"})
        located._order = order
        out.append(located)
    return out


def sort_key(found: Issue) -> tuple[int, int, float, int, int]:
    """Document order: page, then position on the page; line; paragraph order for drafts."""
    top = found.bbox.top if found.bbox is not None else 0.0
    return (found.page is None, found.page or 0, top, found.line or 0, found._order)


# --- from a span of the running text ---------------------------------------------------------


def _from_span(ctx: Context, span: tuple[int, int]) -> dict[str, Any] | None:
    flow = ctx.flow
    if flow is None or not flow.lines:
        return None
    start, end = span
    indexed = [(i, offset, line) for i, (offset, line) in enumerate(flow.line_offsets())]
    first = max((i for i, offset, _ in indexed if offset <= start), default=0)
    last = max((i for i, offset, _ in indexed if offset < max(end, start + 1)), default=first)
    lines = [flow.lines[i] for i in range(first, last + 1) if flow.lines[i].page == flow.lines[first].page]
    head = flow.lines[first]
    where: dict[str, Any] = {"page": head.page, "quotation": _excerpt(flow, start, end), "_order": first}
    boxes = [_narrowed(flow, first, start, end) if n == 0 else line.bbox for n, line in enumerate(lines)]
    where["bbox"] = _bbox(_union([b for b in boxes if b is not None]))
    where.update(_place(head))
    return where


def _narrowed(flow: Flow, index: int, start: int, end: int) -> BoxTuple | None:
    """The part of a line's box holding the span (by character share: fonts are near enough even)."""
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
    text = _clip(flow.text[lo:hi].replace("\n", " "))
    tail = "…" if hi < len(flow.text) and not text.endswith("…") else ""
    return ("…" if lo > 0 else "") + text + tail


# --- from a record item ------------------------------------------------------------------------


def _item_of(report: InspectionReport, found: Issue) -> Located | None:
    """The rated unit or standard a finding names (ratings checks say only which)."""
    if found.unit is None and found.standard is None:
        return None
    units = [u for u in report.units if u.name == found.unit] or (report.units if len(report.units) == 1 else [])
    for unit in units:
        if found.standard is None:
            return unit
        for standard in unit.standards:
            if standard.code == found.standard:
                return standard
    return None


def _from_item(ctx: Context, item: Located) -> dict[str, Any]:
    where: dict[str, Any] = {
        "page": item.page,
        "bbox": item.bbox,
        "line": item.line,
        "section": item.section,
        "paragraph": item.paragraph,
        "row": item.row,
    }
    line, order = _line_at(ctx.doc, item)
    words = getattr(item, "sentence", None) or getattr(item, "text", None)
    if isinstance(words, str) and words:
        # the whole line when it holds all the words and is short (it shows a list number too);
        # else the sentence or the item's words, which read better than one line of them
        whole = line is not None and collapse(words).casefold() in collapse(line.text).casefold()
        where["quotation"] = _clip(line.text if whole and line is not None and len(line.text) <= QUOTE_MAX else words)
    elif line is not None:
        where["quotation"] = _clip(line.text)
    elif isinstance(getattr(item, "name", None), str):
        where["quotation"] = _clip(getattr(item, "name", ""))
    if line is not None:
        where["_order"] = order
        if item.bbox is None and line.bbox is not None:
            where["bbox"] = _bbox(line.bbox)
    return where


def _line_at(doc: Document | None, item: Located) -> tuple[Line | None, int]:
    """The document line an item was read from: the same place (text, drafts) or the row its box
    overlaps on its page (PDFs)."""
    if doc is None:
        return None, 1 << 30
    for order, line in enumerate(doc.lines()):
        place = line.place
        if place is not None and (item.line is not None or item.paragraph is not None):
            if (place.line, place.section, place.paragraph, place.row) == (
                item.line,
                item.section,
                item.paragraph,
                item.row,
            ):
                return line, order
        elif item.bbox is not None and line.bbox is not None and line.page == item.page:
            middle = (item.bbox.top + item.bbox.bottom) / 2
            if line.bbox[1] <= middle <= line.bbox[3] and line.bbox[0] <= item.bbox.x1 and item.bbox.x0 <= line.bbox[2]:
                return _row(doc, line), order
    return None, 1 << 30


def _row(doc: Document, line: Line) -> Line:
    """The whole table row around a cheap-pass line, when the fast layout has it (a row reads better)."""
    if line.bbox is None:
        return line
    middle = (line.bbox[1] + line.bbox[3]) / 2
    for row in doc.layout_lines(line.page):
        if row.bbox is not None and row.bbox[1] <= middle <= row.bbox[3] and len(row.text) > len(line.text):
            return row
    return line


# --- helpers -----------------------------------------------------------------------------------


def _place(line: Line) -> dict[str, Any]:
    place = line.place
    if place is None:
        return {}
    return {"line": place.line, "section": place.section, "paragraph": place.paragraph, "row": place.row}


def _union(boxes: list[BoxTuple]) -> BoxTuple | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _bbox(box: BoxTuple | BBox | None) -> BBox | None:
    if box is None or isinstance(box, BBox):
        return box
    return BBox(x0=round(box[0], 2), top=round(box[1], 2), x1=round(box[2], 2), bottom=round(box[3], 2))


def _clip(text: str) -> str:
    text = collapse(text)
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1].rstrip() + "…"
