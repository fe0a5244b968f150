"""PDF reading in two speeds.

1. A cheap text pass over every page with pypdfium2 (about a millisecond a page):
   lines of normalised text with their bounding boxes.
2. On demand, for the few pages that hold tables, rows of cells rebuilt from pdfium's
   characters (code point, loose box, font size with the text matrix applied, baseline)
   of the same open text page, by the producer-independent layout of layout.py.
3. As a fallback for pages the fast rows leave in doubt, pdfplumber's characters through
   the same layout, and its ruled-table finder, in one visit of the page. A file pdfium
   reads but pdfplumber cannot simply has no fallback.

The file is read once into memory; both libraries work from those bytes.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

import pypdfium2 as pdfium

from ..model.codes import CORRUPT_PDF, EMPTY_PDF, NOT_PDF
from ..model.errors import DocextractError
from .document import BoxTuple, Document, Line, Page, Precise
from .layout import DEFAULT_SETTINGS, PDFIUM_HYPHEN, Cell, Char, LayoutSettings, Row, rows_from_chars, union
from .normalize import normalize_text
from .pdfopen import open_pdfium, read_with_pdfminer

_OBJECT_SAMPLE = 200  # glyphs read before deciding whether text objects group them
_KEEP_PAGES = 120  # text pages kept open after the cheap pass, for character-level reads


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF's bytes into a Document, or raise DocextractError naming the reason."""
    head = data[:1024]
    if b"%PDF-" not in head:
        raise DocextractError(path, NOT_PDF, "not a PDF file (no %PDF header)")
    pdf, why = open_pdfium(path, data)
    if pdf is None:  # pdfium cannot open it: pdfminer tries before it is called corrupt
        return read_with_pdfminer(path, data, why)
    layout = _Layout(data, pdf)
    try:
        pages = [_read_page(pdf, index, layout) for index in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        layout.close()
        raise DocextractError(path, CORRUPT_PDF, f"corrupt or unreadable PDF ({exc})") from exc
    except BaseException:
        layout.close()
        raise
    if not pages:
        layout.close()
        raise DocextractError(path, EMPTY_PDF, "the PDF has no pages")
    if not any(page.lines for page in pages):  # no text at all: pdfminer may read what pdfium cannot
        layout.close()
        return read_with_pdfminer(path, data, "pdfium: no text")
    return Document(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        pages=pages,
        _rows=layout.rows,
        _precise=layout.precise,
        _close=layout.close,
    )


def _read_page(pdf: Any, index: int, layout: _Layout) -> Page:
    """The cheap pass over one page. Its text page is handed to `layout`, which keeps it for a
    later character-level read (pdfium builds a text page in about a millisecond)."""
    page = pdf[index]
    textpage = None
    try:
        width, height = _content_size(page)
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        lines = _split_lines(text, textpage, index + 1, height)
    except BaseException:
        if textpage is not None:
            textpage.close()
        page.close()
        raise
    layout.keep(index + 1, page, textpage, height)
    return Page(number=index + 1, lines=lines, width=width, height=height)


def _split_lines(text: str, textpage: Any, number: int, height: float) -> list[Line]:
    """Split pdfium's text into lines; a line's box spans its first and last characters."""
    import pypdfium2.raw as pdfium_raw

    lines: list[Line] = []
    offset = 0
    char_count = textpage.count_chars()
    rect = pdfium_raw.FS_RECTF()
    rect_ref, handle, loose = ctypes.byref(rect), textpage.raw, pdfium_raw.FPDFText_GetLooseCharBox
    for raw in text.replace("\r\n", "\n").split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + (2 if text[end : end + 2] == "\r\n" else 1)
        clean = normalize_text(raw)
        if not clean:
            continue
        box: BoxTuple | None = None
        first = start + (len(raw) - len(raw.lstrip()))
        last = start + len(raw.rstrip()) - 1
        if 0 <= first <= last < char_count:
            # loose boxes of the first and last characters (font ascent to descent)
            loose(handle, first, rect_ref)
            l0, t0, r0, b0 = rect.left, rect.top, rect.right, rect.bottom
            loose(handle, last, rect_ref)
            box = (min(l0, rect.left), height - max(t0, rect.top), max(r0, rect.right), height - min(b0, rect.bottom))
        lines.append(Line(text=clean, page=number, cells=(clean,), bbox=box))
    return lines


def _content_size(page: Any) -> tuple[float, float]:
    """The page's width and height in its own (unrotated) coordinates, in which pdfium gives
    every box: a page turned by 90 or 270 degrees for display has them swapped."""
    width, height = page.get_size()
    if page.get_rotation() in (90, 270):
        width, height = height, width
    return float(width), float(height)


def pdfium_chars(textpage: Any, height: float, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[Char]:
    """A pdfium text page's printed characters, in content order, as layout Chars: text, loose
    box (font ascent to descent, advance width; top-left origin), effective font size (the
    text matrix applied), baseline, and whether a space (printed or generated by pdfium)
    follows. Glyphs not upright (rotated or vertical text) are left out.

    Every glyph's box is read (`_glyphs`). For speed, glyphs that `layout.content_words` would
    join anyway come as one Char (`_words`): consecutive glyphs of the same size and baseline
    that touch, moving right, with no space between (a word, whatever the producer's runs)."""
    return _words(_glyphs(textpage, height, settings.min_size), settings.word_gap, settings.dedupe_tolerance)


# One upright glyph: text, left, right, top and bottom (top-left origin), font size, baseline.
_Glyph = tuple[str, float, float, float, float, float, float]


def _glyphs(textpage: Any, height: float, minimum: float) -> Iterator[_Glyph | None]:
    """The page's upright glyphs in content order, None for each space (printed or generated).

    Size and baseline (font size, text matrix, origin) are read again only where the text
    object (one text-showing operator) and the loose top and bottom (the font's ascent and
    descent) both change."""
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    text = textpage.get_text_range()
    if len(text) != count:  # characters beyond the BMP come as two UTF-16 units: read one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
    text_object = _text_object_function()
    rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    rect_ref, matrix_ref, x_ref, y_ref = ctypes.byref(rect), ctypes.byref(matrix), ctypes.byref(x), ctypes.byref(y)
    loose, font_size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize
    get_matrix, origin = raw.FPDFText_GetMatrix, raw.FPDFText_GetCharOrigin
    size = baseline = 0.0  # of the current text object
    state_top = state_bottom = -1.0
    state_object: int | None = None
    upright = True
    # Naming text objects saves reads only where loose boxes vary by glyph (LibreOffice's
    # fonts); where objects hold one glyph each (Chromium, Skia), or where boxes change only
    # with the font (reportlab), it is dropped after a sample.
    seen = objects = changes = 0
    for index, char in enumerate(text):
        if char.isspace():
            yield None
            continue
        loose(handle, index, rect_ref)
        left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        current = text_object(handle, index) if text_object is not None else None
        if current is None or current != state_object:
            if current is not None:
                objects += 1
            if top != state_top or bottom != state_bottom:
                changes += 1
                get_matrix(handle, index, matrix_ref)
                a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
                upright = abs(b) <= 0.01 * abs(a) and abs(c) <= 0.01 * abs(d) and a > 0 and d > 0
                origin(handle, index, x_ref, y_ref)
                size = max(minimum, font_size(handle, index) * (a * d) ** 0.5) if upright else 0.0
                baseline = height - y.value
                state_top, state_bottom = top, bottom
            state_object = current
        seen += 1
        if seen == _OBJECT_SAMPLE and (objects > 0.8 * seen or changes < 0.2 * seen):
            text_object = None  # one glyph per object, or boxes that tell size changes alone
        if upright:  # rotated, mirrored or vertical text is not part of horizontal rows
            yield (char, left, right, height - top, height - bottom, size, baseline)


def _words(glyphs: Iterable[_Glyph | None], word_gap: float, tolerance: float) -> list[Char]:
    """Glyphs joined into Chars: consecutive glyphs of the same size and baseline that touch
    (a gap of at most `word_gap` x the size), moving right, with no space between; a glyph
    drawn over its twin (within `tolerance`) starts a new Char, as layout's dedupe expects."""
    chars: list[Char] = []
    parts: list[str] = []  # the word being assembled, its box, size and baseline
    w_x0 = w_x1 = w_top = w_bottom = w_size = w_baseline = last_x0 = 0.0
    last_char = ""
    for glyph in glyphs:
        if glyph is None:
            if parts:
                chars.append(Char("".join(parts), w_x0, w_top, w_x1, w_bottom, w_size, w_baseline, True))
                parts.clear()
            elif chars and not chars[-1].space_after:
                chars[-1] = chars[-1]._replace(space_after=True)
            continue
        char, left, right, top, bottom, size, baseline = glyph
        if (
            parts
            and size == w_size
            and baseline == w_baseline
            and left > last_x0
            and left - w_x1 <= word_gap * size
            and not (char == last_char and left - last_x0 <= tolerance)
        ):
            parts.append(char)
            if right > w_x1:
                w_x1 = right
            if top < w_top:
                w_top = top
            if bottom > w_bottom:
                w_bottom = bottom
        else:
            if parts:
                chars.append(Char("".join(parts), w_x0, w_top, w_x1, w_bottom, w_size, w_baseline, False))
                parts.clear()
            parts.append(char)
            w_x0, w_x1, w_top, w_bottom, w_size, w_baseline = left, right, top, bottom, size, baseline
        last_x0, last_char = left, char
    if parts:
        chars.append(Char("".join(parts), w_x0, w_top, w_x1, w_bottom, w_size, w_baseline, False))
    return chars


@cache
def _text_object_function() -> Callable[[Any, int], int | None] | None:
    """FPDFText_GetTextObject returning the object's address as an int (cheap to compare), or
    None where the binding lacks it."""
    try:
        import pypdfium2.raw as raw

        address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
        prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        return prototype(address) if address else None
    except (ImportError, AttributeError, TypeError, ctypes.ArgumentError):
        return None


def plumber_chars(page: Any) -> list[Char]:
    """pdfplumber's characters of a page as layout Chars (upright glyphs only; printed
    spaces become the previous character's `space_after`)."""
    minimum = DEFAULT_SETTINGS.min_size
    chars: list[Char] = []
    for c in page.chars:
        text = str(c["text"])
        if not text.strip():
            if chars:
                chars[-1] = chars[-1]._replace(space_after=True)
            continue
        if not c.get("upright", True):
            continue
        top, bottom = float(c["top"]), float(c["bottom"])
        baseline = top + float(c["y1"]) - float(c["matrix"][5]) if "matrix" in c else bottom
        chars.append(Char(text, float(c["x0"]), top, float(c["x1"]), bottom, max(minimum, float(c["size"])), baseline))
    return chars


class _Layout:
    """Page-level layout on demand: rows from pdfium's characters of the document already
    open, and pdfplumber over the same bytes, opened on first use, one page at a time."""

    def __init__(self, data: bytes, pdfium_doc: Any) -> None:
        self._data = data
        self._pdf: Any = None
        self._pdfium = pdfium_doc
        self._kept: dict[int, tuple[Any, Any, float]] = {}

    def keep(self, number: int, page: Any, textpage: Any, height: float) -> None:
        """Keep the cheap pass's open page and text page (the first `_KEEP_PAGES` pages; about
        0.4 MB each), or close them."""
        if len(self._kept) < _KEEP_PAGES:
            self._kept[number] = (page, textpage, height)
        else:
            textpage.close()
            page.close()

    def rows(self, number: int) -> list[Row]:
        """Rows of a page from pdfium's characters (see layout.py)."""
        kept = self._kept.get(number)
        if kept is not None:
            return rows_from_chars(pdfium_chars(kept[1], kept[2]), number)
        page = self._pdfium[number - 1]
        try:
            height = _content_size(page)[1]
            textpage = page.get_textpage()
            try:
                chars = pdfium_chars(textpage, height)
            finally:
                textpage.close()
        finally:
            page.close()
        return rows_from_chars(chars, number)

    def precise(self, number: int) -> Precise:
        """pdfplumber's reading of a page, in one visit: its characters through the same layout
        as the fast rows, and the rows of its ruled tables of two or more columns (one row per
        table row, wrapped cell text joined). Empty when pdfminer cannot read the file."""
        try:
            page = self._page(number)
        except Exception:  # pdfminer rejects some files pdfium reads: the fallback is then unavailable
            return Precise()
        try:
            rows = rows_from_chars(plumber_chars(page), number)
            tables = [t for t in page.find_tables() if _columns(t) >= 2]
            table_rows = [row for table in tables for row in _table_rows(table, number)]
            boxes = [(float(t.bbox[0]), float(t.bbox[1]), float(t.bbox[2]), float(t.bbox[3])) for t in tables]
            return Precise(rows, table_rows, boxes)
        except Exception:
            return Precise()
        finally:
            page.flush_cache()

    def _page(self, number: int) -> Any:
        if self._pdf is None:
            import pdfplumber  # imported lazily: most pages never need it

            # pdfminer logs every repair it makes to a damaged file; the fallback either works or is skipped
            logging.getLogger("pdfminer").setLevel(logging.ERROR)

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        return self._pdf.pages[number - 1]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        for page, textpage, _ in self._kept.values():
            textpage.close()
            page.close()
        self._kept.clear()
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None


def _columns(table: Any) -> int:
    rows = getattr(table, "rows", None) or []
    return max((len(row.cells) for row in rows), default=0)


def _table_rows(table: Any, number: int) -> list[Row]:
    rows: list[Row] = []
    for texts, row in zip(table.extract(), table.rows, strict=False):
        cells: list[Cell] = []
        for text, box in zip(texts, row.cells, strict=False):
            raw = " ".join((text or "").translate(PDFIUM_HYPHEN).split())
            if box is None and not raw:
                continue
            cell_box = None if box is None else (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
            cells.append(Cell(text=normalize_text(raw), raw=raw, box=cell_box))
        if any(c.text for c in cells):
            rows.append(Row(page=number, cells=tuple(cells), box=union([c.box for c in cells]), joined=True))
    return rows
