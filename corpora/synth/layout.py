"""A small flow-layout engine: blocks -> pages of drawing operations and text lines.

Written for speed (one pass, cached word widths) and so that every drawn line is also
known as text, giving the page of each anchor and the ``--text`` conversion for free.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from .blocks import Block, Cell, ContentsLine, PageBreak, Para, Run, Spacer, Table
from .rules import SUPERSCRIPT

RGB = tuple[float, float, float]
COLOURS: dict[str, RGB] = {
    "black": (0.0, 0.0, 0.0), "text": (0.1, 0.1, 0.1), "grey": (0.35, 0.35, 0.35),
    "navy": (0.12, 0.22, 0.39), "teal": (0.0, 0.40, 0.45), "plum": (0.42, 0.15, 0.38),
    "rule": (0.55, 0.55, 0.55), "header": (0.86, 0.89, 0.94),
    "Outstanding": (0.55, 0.80, 0.55), "Good": (0.78, 0.90, 0.72),
    "Requires improvement": (1.0, 0.90, 0.60), "Inadequate": (0.96, 0.66, 0.52),
}
FONTS = {
    "Helvetica": {"normal": "Helvetica", "bold": "Helvetica-Bold", "italic": "Helvetica-Oblique"},
    "Times": {"normal": "Times-Roman", "bold": "Times-Bold", "italic": "Times-Italic"},
}
# style -> (size, leading, bold, coloured, space before, space after)
STYLES: dict[str, tuple[float, float, bool, bool, float, float]] = {
    "body": (11, 14.5, False, False, 0, 8),
    "title": (24, 30, True, True, 0, 14),
    "subtitle": (15, 20, False, True, 0, 10),
    "h1": (17, 22, True, True, 10, 8),
    "h2": (13.5, 18, True, True, 10, 6),
    "h3": (11.5, 15, True, True, 6, 4),
    "rating": (11.5, 15, True, True, 0, 6),
    "label": (11, 14.5, True, False, 2, 4),
    "small": (9, 11, False, False, 0, 3),
    "cell": (10, 12.5, False, False, 0, 0),
}
MARGIN = 72.0
CELL_PAD = 3.5


@functools.cache
def width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


class TextOp(NamedTuple):
    x: float
    y: float
    font: str
    size: float
    rgb: RGB
    text: str
    page_of: bool = False  # text is an anchor key whose page number is drawn right-aligned at x


class RectOp(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: RGB | None
    stroke: bool


class LineOp(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float


Op = TextOp | RectOp | LineOp


@dataclass
class Page:
    number: int
    ops: list[Op] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    footnote_height: float = 0.0


@dataclass
class Word:
    parts: list[tuple[str, str]]
    width: float


def run_text(runs: list[Run]) -> str:
    return "".join(t.translate(SUPERSCRIPT) if s == "sup" else t for t, s in runs)


class Engine:
    def __init__(self, page_size: str, family: str, heading: str) -> None:
        self.page_w, self.page_h = A4 if page_size == "A4" else LETTER
        self.fonts = FONTS[family]
        self.heading = COLOURS[heading]
        self.text_w = self.page_w - 2 * MARGIN
        self.bottom = MARGIN
        self.pages: list[Page] = []
        self.anchors: dict[str, int] = {}
        self.splits: list[tuple[str, int]] = []  # (table anchor, page the table continues on)
        self.y = 0.0
        self._new_page()

    # -- pages -------------------------------------------------------------
    def _new_page(self) -> None:
        self.pages.append(Page(len(self.pages) + 1))
        self.y = self.page_h - MARGIN

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def _room(self) -> float:
        return self.y - self.bottom - self.page.footnote_height

    def _fresh(self) -> bool:
        return self.y >= self.page_h - MARGIN - 0.1 and not self.page.ops

    # -- words and lines ---------------------------------------------------
    def _font(self, style: str, bold: bool) -> str:
        if style == "bold" or bold:
            return self.fonts["bold"]
        return self.fonts["italic"] if style == "italic" else self.fonts["normal"]

    def _words(self, runs: list[Run], size: float, bold: bool) -> list[Word]:
        words: list[Word] = []
        open_word = False  # the previous run ended inside a word (no trailing space)
        for text, style in runs:
            if style == "sup":
                w = width(text, self.fonts["normal"], size * 0.62)
                if words:
                    words[-1].parts.append((text, "sup"))
                    words[-1].width += w
                else:
                    words.append(Word([(text, "sup")], w))
                open_word = True
                continue
            font = self._font(style, bold)
            for i, piece in enumerate(text.split(" ")):
                if not piece:
                    continue
                w = width(piece, font, size)
                if i == 0 and open_word and words:
                    words[-1].parts.append((piece, style))
                    words[-1].width += w
                else:
                    words.append(Word([(piece, style)], w))
            open_word = bool(text) and not text.endswith(" ")
        return words

    def _lines(self, words: list[Word], avail: float, space: float) -> list[list[Word]]:
        lines: list[list[Word]] = []
        line: list[Word] = []
        used = 0.0
        for word in words:
            extra = word.width + (space if line else 0.0)
            if line and used + extra > avail:
                lines.append(line)
                line, used = [word], word.width
            else:
                line.append(word)
                used += extra
        if line:
            lines.append(line)
        return lines

    def _draw_line(self, line: list[Word], x: float, y: float, size: float, bold: bool, rgb: RGB,
                   space: float) -> None:
        """Draw a line as few text runs as possible (one per change of style)."""
        ops = self.page.ops
        pending = ""
        pending_style = ""
        start = x
        for n, word in enumerate(line):
            for text, style in word.parts:
                if style == "sup":
                    if pending:
                        ops.append(TextOp(start, y, self._font(pending_style, bold), size, rgb, pending))
                        pending = ""
                    font = self.fonts["normal"]
                    ops.append(TextOp(x, y + size * 0.35, font, size * 0.62, rgb, text))
                    x += width(text, font, size * 0.62)
                    start = x
                    continue
                if pending and style != pending_style:
                    ops.append(TextOp(start, y, self._font(pending_style, bold), size, rgb, pending))
                    pending = ""
                if not pending:
                    start, pending_style = x, style
                pending += text
                x += width(text, self._font(style, bold), size)
            if n < len(line) - 1:
                if pending:
                    pending += " "
                x += space
                if not pending:
                    start = x
        if pending:
            ops.append(TextOp(start, y, self._font(pending_style, bold), size, rgb, pending))

    # -- footnotes -----------------------------------------------------------
    def _footnote_need(self, markers: list[str], notes: dict[str, str]) -> float:
        need = 0.0
        placed = {m for m, _ in self.page.footnotes}
        for m in markers:
            if m in notes and m not in placed:
                words = self._words([(m, "sup"), (" " + notes[m], "normal")], 9, False)
                need += len(self._lines(words, self.text_w, width(" ", self.fonts["normal"], 9))) * 11 + 2
        if need and not self.page.footnotes:
            need += 10
        return need

    def _place_footnotes(self, markers: list[str], notes: dict[str, str], need: float) -> None:
        placed = {m for m, _ in self.page.footnotes}
        for m in markers:
            if m in notes and m not in placed:
                self.page.footnotes.append((m, notes[m]))
                placed.add(m)
        self.page.footnote_height += need

    @staticmethod
    def _markers(line: list[Word]) -> list[str]:
        return [t for w in line for t, s in w.parts if s == "sup"]

    # -- blocks ----------------------------------------------------------------
    def add(self, blocks: list[Block]) -> None:
        for i, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                if not self._fresh():
                    self._new_page()
            elif isinstance(block, Spacer):
                self.y -= block.height
            elif isinstance(block, Para):
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                self._para(block, nxt)
            elif isinstance(block, Table):
                self._table(block)
            else:
                self._contents(block)

    def _para(self, para: Para, nxt: Block | None) -> None:
        size, leading, bold, coloured, before, after = STYLES[para.style]
        rgb = COLOURS[para.colour] if para.colour else (self.heading if coloured else COLOURS["text"])
        indent = 18.0 if para.bullet else 0.0
        space = width(" ", self.fonts["normal"], size)
        lines = self._lines(self._words(para.runs, size, bold), self.text_w - indent, space)
        if not self._fresh():
            self.y -= before
        keep = leading * (len(lines) if len(lines) <= 3 else 2)
        if para.keep_with_next or para.style.startswith("h"):
            keep += 3 * 14.5 if isinstance(nxt, Para | Table) else 0
        if self._room() < keep and not self._fresh():
            self._new_page()
        texts: list[str] = []
        first = True
        for n, line in enumerate(lines):
            markers = self._markers(line)
            need = self._footnote_need(markers, para.footnotes)
            if self._room() < leading + need and not self._fresh():
                self._flush_text(para, texts, first)
                texts, first = [], False
                self._new_page()
                need = self._footnote_need(markers, para.footnotes)
            if para.anchor and para.anchor not in self.anchors:
                self.anchors[para.anchor] = self.page.number
            self._place_footnotes(markers, para.footnotes, need)
            self.y -= leading
            x = MARGIN + indent
            if para.align == "center":
                used = sum(w.width for w in line) + space * (len(line) - 1)
                x = (self.page_w - used) / 2
            if n == 0 and para.bullet:
                self.page.ops.append(TextOp(MARGIN, self.y, self.fonts["normal"], size, rgb, para.bullet))
            self._draw_line(line, x, self.y, size, bold, rgb, space)
            texts.append(" ".join("".join(t.translate(SUPERSCRIPT) if s == "sup" else t for t, s in w.parts)
                                  for w in line))
        self._flush_text(para, texts, first)
        self.y -= after

    def _flush_text(self, para: Para, texts: list[str], first: bool) -> None:
        if not texts:
            return
        prefix = ""
        if para.bullet and first:
            prefix = "- " if para.bullet == "•" else para.bullet + " "
        self.page.text.append(prefix + " ".join(texts))

    def _contents(self, line: ContentsLine) -> None:
        size, leading = 11.0, 17.0
        if self._room() < leading:
            self._new_page()
        self.y -= leading
        font = self.fonts["normal"]
        self.page.ops.append(TextOp(MARGIN, self.y, font, size, COLOURS["text"], line.text))
        self.page.ops.append(TextOp(self.page_w - MARGIN, self.y, font, size, COLOURS["text"], line.key, True))
        self.page.text.append(f"{line.text}\t\x00{line.key}\x00")

    # -- tables ----------------------------------------------------------------
    def _cell_lines(self, cell: Cell, w: float, header: bool = False) -> list[list[Word]]:
        """A cell's text broken into lines; header cells are drawn bold, so they are measured bold."""
        size = STYLES["cell"][0]
        words = self._words(cell.runs, size, cell.bold or header)
        return self._lines(words, w - 2 * CELL_PAD, width(" ", self.fonts["normal"], size))

    def _table(self, table: Table) -> None:
        leading = STYLES["cell"][1]
        widths = [f * self.text_w for f in table.widths]
        laid = []
        for number, row in enumerate(table.rows):
            header = number < table.header_rows
            cells = [self._cell_lines(c, w, header) for c, w in zip(row, widths, strict=True)]
            height = max(len(c) for c in cells) * leading + 2 * CELL_PAD
            laid.append((row, cells, height))
        head = laid[: table.header_rows]
        head_h = sum(h for _, _, h in head)
        self.y -= 4
        if table.force_split and len(laid) > table.header_rows + 1:
            first = laid[table.header_rows][2]
            total = sum(h for _, _, h in laid)
            early = [t for row, _, _ in laid[: table.header_rows + 1] for c in row for t, s in c.runs if s == "sup"]
            want = head_h + first + self._footnote_need(early, table.footnotes) + 2
            if self._room() > want and self._room() >= total:
                self.y -= self._room() - want
        total = sum(h for _, _, h in laid)
        first_row_fits = self._room() >= head_h + laid[min(len(laid) - 1, table.header_rows)][2]
        keep = table.keep_together and self._room() < total + 40 and total < self.page_h / 2
        if keep or not first_row_fits:
            self._new_page()
        if table.anchor:
            self.anchors[table.anchor] = self.page.number
        for index, (row, cells, height) in enumerate(laid):
            markers = [t for c in row for t, s in c.runs if s == "sup"]
            need = self._footnote_need(markers, table.footnotes)
            if self._room() < height + need:
                self._new_page()
                if index > 0:
                    self.splits.append((table.anchor or "", self.page.number))
                if table.repeat_header and index >= table.header_rows:
                    for hrow, hcells, hh in head:
                        self._row(hrow, hcells, hh, widths, table.ruled, True)
                need = self._footnote_need(markers, table.footnotes)
            self._place_footnotes(markers, table.footnotes, need)
            self._row(row, cells, height, widths, table.ruled, index < table.header_rows)
        self.y -= 10

    def _row(self, row: list[Cell], cells: list[list[list[Word]]], height: float, widths: list[float],
             ruled: bool, header: bool) -> None:
        size, leading = STYLES["cell"][0], STYLES["cell"][1]
        space = width(" ", self.fonts["normal"], size)
        x = MARGIN
        top = self.y
        ops = self.page.ops
        for cell, lines, w in zip(row, cells, widths, strict=True):
            fill = COLOURS[cell.fill] if cell.fill else (COLOURS["header"] if header and ruled else None)
            if fill or ruled:
                ops.append(RectOp(x, top - height, w, height, fill, ruled))
            y = top - CELL_PAD
            for line in lines:
                y -= leading
                self._draw_line(line, x + CELL_PAD, y + 2.5, size, cell.bold or header, COLOURS["text"], space)
            x += w
        if header and not ruled:
            ops.append(LineOp(MARGIN, top - height, MARGIN + sum(widths), top - height))
        self.y -= height
        self.page.text.append("\t".join(run_text(c.runs) for c in row))


def layout(blocks: list[Block], page_size: str, family: str, heading: str) -> Engine:
    engine = Engine(page_size, family, heading)
    engine.add(blocks)
    return engine
