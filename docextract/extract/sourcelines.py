"""The line each record item was read from, as `source_line` statements.

A finding about a rated unit, a standard or a recommendation quotes the line (or the whole table
row) the item was read from: for text files and Word drafts the line at the item's place, for
PDFs the first line of the item's page whose box holds the middle of the item's box. The
quotation is computed here, once, the way a finding shows it: the whole row when it holds all of
the item's words and is short, else the item's sentence or words.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.record import Located, Statement
from ..read.document import Document, Line, to_bbox
from ..rules.text import clip, collapse
from .spans import QUOTE_MAX, place_of

_Key = tuple[int | None, str | None, int | None, int | None]


class _Index:
    """The document's lines in reading order, by place and by page, searched the way a finding's
    item is looked up: the first line in reading order that matches."""

    def __init__(self, doc: Document) -> None:
        self.by_place: dict[_Key, tuple[int, Line]] = {}
        self.by_page: dict[int, list[tuple[int, Line]]] = {}
        for order, line in enumerate(doc.lines()):
            self.by_page.setdefault(line.page, []).append((order, line))
            place = line.place
            if place is not None:
                self.by_place.setdefault((place.line, place.section, place.paragraph, place.row), (order, line))

    def find(self, item: Located) -> tuple[int, Line, bool] | None:
        """(order, line, whether found by its box) of the line `item` was read from, or None."""
        placed = item.line is not None or item.paragraph is not None
        found = self.by_place.get((item.line, item.section, item.paragraph, item.row)) if placed else None
        for order, line in self.by_page.get(item.page or 0, []) if item.bbox is not None else []:
            if found is not None and order > found[0]:
                break
            if placed and line.place is not None:
                continue  # a placed line matches by its place only
            if line.bbox is not None and _overlaps(line.bbox, item):
                return order, line, True
        return (*found, False) if found is not None else None


def _overlaps(box: tuple[float, float, float, float], item: Located) -> bool:
    assert item.bbox is not None
    middle = (item.bbox.top + item.bbox.bottom) / 2
    return box[1] <= middle <= box[3] and box[0] <= item.bbox.x1 and item.bbox.x0 <= box[2]


def _row(doc: Document, line: Line) -> Line:
    """The whole table row around a cheap-pass line, when the fast layout has it (a row reads better).
    A line set in a text column is its own row: the layout's row beside it runs across the gutter."""
    if line.bbox is None or line.column is not None:
        return line
    middle = (line.bbox[1] + line.bbox[3]) / 2
    for row in doc.layout_lines(line.page):
        if row.bbox is not None and row.bbox[1] <= middle <= row.bbox[3] and len(row.text) > len(line.text):
            return row
    return line


def quotation(item: Located, line: Line | None) -> str | None:
    """What a finding about `item` quotes: the line when it holds all of the item's words (its
    `sentence` or `text`) and is short, else those words; the line, or the item's `name`, when it
    has no words."""
    words = getattr(item, "sentence", None) or getattr(item, "text", None)
    if isinstance(words, str) and words:
        whole = line is not None and collapse(words).casefold() in collapse(line.text).casefold()
        shown = line.text if whole and line is not None and len(line.text) <= QUOTE_MAX else words
        return clip(shown, QUOTE_MAX)
    if line is not None:
        return clip(line.text, QUOTE_MAX)
    name = getattr(item, "name", None)
    return clip(name, QUOTE_MAX) if isinstance(name, str) else None


def source_lines(doc: Document, items: Sequence[tuple[str, Located]]) -> list[Statement]:
    """A `source_line` statement for each (path, item) whose line is found in `doc`."""
    index = _Index(doc)
    statements: list[Statement] = []
    for path, item in items:
        found = index.find(item)
        if found is None:
            continue
        order, line, by_box = found
        if by_box:
            line = _row(doc, line)
        statements.append(
            Statement(
                kind="source_line",
                text=line.text,
                field=path,
                quotation=quotation(item, line),
                order=order,
                page=line.page,
                bbox=to_bbox(line.bbox),
                **place_of(line),
            )
        )
    return statements
