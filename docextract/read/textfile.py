"""Reading text conversions of reports (.txt, .md): one page per form feed, else one page.

Tab-separated fields and the cells of Markdown pipe tables (`| P 1.1 | Leadership | Good |`)
become table cells (a table's `|---|` separator rows are not text); markdown/HTML markers are
stripped.
"""

from __future__ import annotations

import hashlib
import re

from ..model.codes import NOT_TEXT
from ..model.errors import DocextractError
from .document import Document, Line, Page, Place
from .normalize import collapse, normalize_text, strip_markup

# A Markdown pipe-table row opens and closes with a pipe ("| a | b |"); its separator row holds only
# pipes, dashes, colons and spaces ("|---|:---:|"). A pipe escaped as "\|" is text.
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?(?:-{3,}:?)?\s*$")
_PIPE = re.compile(r"(?<!\\)\|")


def _fields(raw: str) -> list[str] | None:
    """The fields of one line of the file: its pipe-table cells, its tab-separated fields, or
    None for a pipe table's separator row."""
    if _PIPE_SEPARATOR.match(raw):
        return None
    if _PIPE_ROW.match(raw) and raw.count("|") >= 2:
        return [field.replace("\\|", "|") for field in _PIPE.split(raw.strip())[1:-1]]
    return raw.split("\t")


def read_text(path: str, data: bytes) -> Document:
    """The Document of a .txt/.md conversion: a page per form feed, cells from tabs or Markdown pipes. Raises
    DocextractError `not_text` for binary content."""
    if b"\x00" in data[:4096]:
        raise DocextractError(path, NOT_TEXT, "not a text file (binary content)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    chunks = text.split("\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()  # a form feed ends the last page (as pdftotext writes them), it does not open one
    pages: list[Page] = []
    first_line = 1
    for number, chunk in enumerate(chunks, start=1):
        pages.append(_page(chunk, number, first_line))
        first_line += chunk.count("\n")
    return Document(path=path, sha256=hashlib.sha256(data).hexdigest(), format="text", pages=pages)


def _page(chunk: str, number: int, first_line: int) -> Page:
    """One page of lines; each line's place is its 1-based line number in the file."""
    lines: list[Line] = []
    for offset, raw in enumerate(chunk.split("\n")):
        fields = _fields(raw.rstrip("\r"))
        if fields is None:
            continue
        cells = tuple(normalize_text(strip_markup(cell)) for cell in fields)
        while len(cells) > 1 and not cells[-1]:
            cells = cells[:-1]
        text = collapse(" ".join(c for c in cells if c))
        if text:
            lines.append(Line(text=text, page=number, cells=cells, place=Place(line=first_line + offset)))
    return Page(number=number, lines=lines)
