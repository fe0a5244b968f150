"""Reading text conversions of reports (.txt, .md): one page per form feed, else one page.

Tab-separated fields become table cells; markdown/HTML markers are stripped.
"""

from __future__ import annotations

import hashlib

from .document import Document, Line, Page, Place
from .errors import DocextractError
from .normalize import collapse, normalize_text, strip_markup


def read_text(path: str, data: bytes) -> Document:
    if b"\x00" in data[:4096]:
        raise DocextractError(path, "not_text", "not a text file (binary content)")
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
        cells = tuple(normalize_text(strip_markup(cell)) for cell in raw.rstrip("\r").split("\t"))
        while len(cells) > 1 and not cells[-1]:
            cells = cells[:-1]
        text = collapse(" ".join(c for c in cells if c))
        if text:
            lines.append(Line(text=text, page=number, cells=cells, place=Place(line=first_line + offset)))
    return Page(number=number, lines=lines)
