"""Where each finding is: page and box, line, or heading and paragraph, and a short quotation.

Checks say what a finding is about: a statement of the record's text (`issue(..., at=statement)`),
a record item (`at=item`), or only the unit and standard it concerns. `locate` turns that into the
place a person can find, from the record alone: a statement carries its place and quotation (as
extract.spans computed them from the document); an item its page and box, line, or heading and
paragraph, and the `source_line` statement of the line it was read from gives the quotation (and
the box, where the item has none); without one, the item's own words are quoted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model.record import InspectionReport, Located, Statement
from ...rules.text import clip
from .context import Context
from .issue import Issue

QUOTE_MAX = 180
_LAST = 1 << 30  # sorts after every place in the document


def locate(ctx: Context, issues: Iterable[Issue]) -> list[Issue]:
    """The issues with their location fields and quotation filled in (unchanged where unknown)."""
    out: list[Issue] = []
    for found in issues:
        item = found._at if found._at is not None else _item_of(ctx.report, found)
        where = _where(ctx, item) if item is not None else None
        if where is None:
            out.append(found)
            continue
        order = where.pop("_order", _LAST)
        if ctx.report.source.format == "docx":
            where["page"] = None  # a draft has no pages: its place is the heading and paragraph
        located = found.model_copy(update={k: v for k, v in where.items() if v is not None or k == "page"})
        located._order = order
        out.append(located)
    return out


def _where(ctx: Context, item: Located) -> dict[str, Any] | None:
    return _from_statement(item) if isinstance(item, Statement) else _from_item(ctx, item)


def sort_key(found: Issue) -> tuple[int, int, float, int, int]:
    """Document order: page, then position on the page; line; paragraph order for drafts."""
    top = found.bbox.top if found.bbox is not None else 0.0
    return (found.page is None, found.page or 0, top, found.line or 0, found._order)


def _from_statement(statement: Statement) -> dict[str, Any] | None:
    """A statement's place, as the statements extractor located it (None when it has none)."""
    if statement.quotation is None and statement.page is None and statement.line is None:
        return None
    return {
        "page": statement.page,
        "bbox": statement.bbox,
        "line": statement.line,
        "section": statement.section,
        "paragraph": statement.paragraph,
        "row": statement.row,
        "quotation": statement.quotation,
        "_order": statement.order,
    }


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
    path = ctx.paths.get(id(item))
    source = ctx.source_lines.get(path) if path is not None else None
    if source is not None:
        where["quotation"] = source.quotation
        where["_order"] = source.order
        if item.bbox is None and source.bbox is not None:
            where["bbox"] = source.bbox
        return where
    words = getattr(item, "sentence", None) or getattr(item, "text", None)
    if isinstance(words, str) and words:
        where["quotation"] = clip(words, QUOTE_MAX)
    elif isinstance(getattr(item, "name", None), str):
        where["quotation"] = clip(getattr(item, "name", ""), QUOTE_MAX)
    return where
