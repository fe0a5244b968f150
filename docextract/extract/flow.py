"""The report's running text for text-level checks: body lines, sentences and pages.

PDF lines are wrapped paragraphs, so they are joined with spaces (running headers and
page-number footers dropped first); a text conversion has one paragraph per line, so its
line ends are hard breaks. Every offset into `Flow.text` maps back to its page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..detect.classify import (
    Detection,
    find_furniture,
    is_page_number,
    is_placed,
    is_running,
    placed_furniture,
    running_furniture,
)
from ..read.document import Document, Line
from ..rules.regexes import compiled

# white space after end punctuation, before a capital, a digit, a quote or a bracket; or line breaks.
# The punctuation is matched and left out of the match (\K), not looked behind for at every
# position: the same matches, ~2.5 times faster over a report's text.
_SENTENCE_END = compiled(r"[.!?]\K\s+(?=[A-Z0-9'\"(])|\n+")
_SHORT_LINE = 0.25  # a line ending this share of the text width before the right margin ends a paragraph


class Sentence(NamedTuple):
    """One sentence of the running text: its text, offset into the flow and page."""

    text: str
    start: int  # offset into Flow.text
    page: int


@dataclass
class Flow:
    """The document's running text (furniture left out), its lines' offsets and its sentences."""

    text: str
    line_starts: list[int]
    lines: list[Line]
    sentences: list[Sentence] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        """The page of the line at `offset` of the running text."""
        index = max(bisect_right(self.line_starts, offset) - 1, 0)
        return self.lines[index].page if self.lines else 1

    def line_offsets(self) -> Iterator[tuple[int, Line]]:
        """Each line with its offset into the running text."""
        yield from zip(self.line_starts, self.lines, strict=True)


def body_lines(doc: Document, detection: Detection | None = None) -> list[Line]:
    """All lines in reading order, without PDF running headers and page-number footers (those
    `detection` found, when given: detect() reads them once; else found here): a page's first and
    last line when furniture, and any line of its margins printed at the same place on many pages
    (`placed_furniture`: a header wrapped onto two lines, one beside another)."""
    if doc.format != "pdf" or doc.page_count < 3:
        return list(doc.lines())
    if detection is not None:
        furniture, running, placed = detection.furniture, detection.running, detection.placed
    else:
        furniture, running, placed = find_furniture(doc), running_furniture(doc), placed_furniture(doc)
    out: list[Line] = []
    for page in doc.pages:
        lines = [line for line in page.lines if not is_placed(line, placed)]
        if lines and (lines[0].text in furniture or is_running(lines[0].text, running)):
            lines = lines[1:]
        last = lines[-1].text if lines else ""
        if lines and (last in furniture or is_page_number(last) or is_running(last, running)):
            lines = lines[:-1]
        out.extend(lines)
    return out


def build_flow(doc: Document, detection: Detection | None = None) -> Flow:
    """The running text of `doc`: body lines joined into paragraphs (PDF) and cut into sentences
    (`detection`: its furniture left out, as `body_lines`)."""
    lines = body_lines(doc, detection)
    ends = _paragraph_ends(lines) if doc.format == "pdf" else [True] * len(lines)
    text = ""
    starts: list[int] = []
    for line, end in zip(lines, ends, strict=True):
        starts.append(len(text))
        text += line.text + ("\n" if end else " ")
    flow = Flow(text=text, line_starts=starts, lines=lines)
    flow.sentences = list(_sentences(flow))
    return flow


def _paragraph_ends(lines: list[Line]) -> list[bool]:
    """PDF lines that end a paragraph, heading or table row: those stopping well short of the
    right margin (a wrapped line runs nearly to it)."""
    boxes = [line.bbox for line in lines if line.bbox is not None]
    if not boxes:
        return [False] * len(lines)
    lefts = sorted(box[0] for box in boxes)
    rights = sorted(box[2] for box in boxes)
    left, right = lefts[len(lefts) // 20], rights[len(rights) * 19 // 20]
    short = right - _SHORT_LINE * (right - left)
    return [line.bbox is not None and line.bbox[2] < _short(line, short) for line in lines]


def _short(line: Line, short: float) -> float:
    """Where a line must stop to end its paragraph: short of the page's right margin, or in a text
    column (`Line.column`, read/columns.py) short of that column's right edge."""
    if line.column is None:
        return short
    x0, x1 = line.column
    return x1 - _SHORT_LINE * (x1 - x0)


def _sentences(flow: Flow) -> Iterator[Sentence]:
    """The flow's text cut at sentence ends, each piece trimmed (empty pieces left out), with the
    offset of its first character and that character's page (one walk over the line offsets)."""
    text, line_starts, lines = flow.text, flow.line_starts, flow.lines
    cuts = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    line, last = 0, len(line_starts) - 1
    start = 0
    for end, after in [*cuts, (len(text), len(text))]:
        raw = text[start:end]
        left = raw.lstrip()
        piece = left.rstrip()
        if piece:
            lead = start + len(raw) - len(left)  # the first character left by strip()
            while line < last and line_starts[line + 1] <= lead:
                line += 1
            yield Sentence(text=piece, start=lead, page=lines[line].page if lines else 1)
        start = after
