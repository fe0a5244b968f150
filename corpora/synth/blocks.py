"""Document blocks handed from the document builder to the layout engine."""

from __future__ import annotations

from dataclasses import dataclass, field

Run = tuple[str, str]  # (text, style) with style one of normal, bold, italic, sup


@dataclass
class Para:
    runs: list[Run]
    style: str = "body"  # body, title, subtitle, h1, h2, h3, small, rating, label
    bullet: str | None = None  # "•" or "7." (hanging indent)
    footnotes: dict[str, str] = field(default_factory=dict)  # marker -> footnote text
    anchor: str | None = None
    colour: str | None = None  # override colour name (e.g. rating colour)
    keep_with_next: bool = False
    align: str = "left"  # left, center


@dataclass
class Cell:
    runs: list[Run]
    bold: bool = False
    fill: str | None = None


@dataclass
class Table:
    rows: list[list[Cell]]
    widths: list[float]  # fractions of the text width
    header_rows: int = 1
    ruled: bool = True
    repeat_header: bool = False
    force_split: bool = False
    keep_together: bool = False  # start on a new page rather than split (if it fits on one)
    split_rows: bool = False  # a body row may break across pages (.docx: no cantSplit; a word processor's default)
    footnotes: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None


@dataclass
class ContentsLine:
    text: str
    key: str  # anchor whose page is printed


@dataclass
class PageBreak:
    pass


@dataclass
class Spacer:
    height: float


Block = Para | Table | ContentsLine | PageBreak | Spacer


def plain(
    text: str, style: str = "body", *, anchor: str | None = None, bullet: str | None = None,
    keep_with_next: bool = False, align: str = "left", colour: str | None = None,
) -> Para:
    return Para([(text, "normal")], style, bullet=bullet, anchor=anchor, colour=colour,
                keep_with_next=keep_with_next, align=align)
