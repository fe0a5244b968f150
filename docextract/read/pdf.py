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
import struct
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any, NamedTuple

import pypdfium2 as pdfium

from ..model.codes import CORRUPT_PDF, EMPTY_PDF, NOT_PDF
from ..model.errors import DocextractError
from .columns import reading_order
from .document import BoxTuple, Document, Line, Page, Precise
from .layout import DEFAULT_SETTINGS, PDFIUM_HYPHEN, Cell, Char, LayoutSettings, Row, rows_from_chars, union
from .ligatures import repair
from .normalize import break_hyphens, line_normalizer, normalize_text
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
    return repair(
        Document(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            format="pdf",
            pages=pages,
            _rows=layout.rows,
            _precise=layout.precise,
            _close=layout.close,
        )
    )


def _read_page(pdf: Any, index: int, layout: _Layout) -> Page:
    """The cheap pass over one page. Its text page is handed to `layout`, which keeps it for a
    later character-level read (pdfium builds a text page in about a millisecond)."""
    page = pdf[index]
    textpage = None
    try:
        width, height = _content_size(page)
        textpage = _upright_textpage(page)
        text = textpage.get_text_range()
        lines = reading_order(_split_lines(text, textpage, index + 1, height))
    except BaseException:
        if textpage is not None:
            textpage.close()
        page.close()
        raise
    layout.keep(index + 1, page, textpage, height, text)
    return Page(number=index + 1, lines=lines, width=width, height=height)


def _split_lines(text: str, textpage: Any, number: int, height: float) -> list[Line]:
    """Split pdfium's text into lines; a line's box spans its first and last characters."""
    lines: list[Line] = []
    calls, handle = _calls(), textpage.raw
    char_count, loose, unpack, new = calls.count(handle), calls.loose, _RECT.unpack_from, tuple.__new__
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    pieces, steps = _pieces(text)
    clean_of, breaks = line_normalizer(text.replace("\r\n", "\n")), break_hyphens()
    offset = 0
    for raw, step in zip(pieces, steps, strict=True):
        start = offset
        offset += len(raw) + step
        clean = clean_of(raw)
        if not clean:
            continue
        box: BoxTuple | None = None
        kept = raw.rstrip()
        first, last = start + (len(raw) - len(raw.lstrip())), start + len(kept) - 1
        if 0 <= first <= last < char_count:
            # loose boxes of the first and last characters (font ascent to descent)
            loose(handle, first, rect)
            l0, t0, r0, b0 = unpack(rect)
            loose(handle, last, rect)
            l1, t1, r1, b1 = unpack(rect)
            # min() and max() of two, written out (the same value: the first unless the second is beyond it)
            box = (
                l1 if l1 < l0 else l0,
                height - (t1 if t1 > t0 else t0),
                r1 if r1 > r0 else r0,
                height - (b1 if b1 < b0 else b0),
            )
        # Line(clean, number, (clean,), box, hyphen_break=...) built from its fields in one call
        lines.append(new(Line, (clean, number, (clean,), box, None, None, None, kept[-1:] in breaks)))
    return lines


def _pieces(text: str) -> tuple[list[str], Any]:
    """A page's text cut at its line breaks (CR LF or LF), and the length of the break after
    each piece (the last piece's is never used)."""
    if "\r" not in text:
        pieces = text.split("\n")
        return pieces, repeat(1, len(pieces))
    if text.count("\r\n") == text.count("\n"):  # every break a CR LF (pdfium's)
        pieces = text.split("\r\n")
        return pieces, repeat(2, len(pieces))
    pieces = text.replace("\r\n", "\n").split("\n")
    steps, offset = [], 0
    for raw in pieces:
        end = offset + len(raw)
        steps.append(2 if text[end : end + 2] == "\r\n" else 1)
        offset = end + steps[-1]
    return pieces, steps


def _content_size(page: Any) -> tuple[float, float]:
    """The page's width and height in its own (unrotated) coordinates, in which pdfium gives
    every box: a page turned by 90 or 270 degrees for display has them swapped."""
    width, height = page.get_size()
    if page.get_rotation() in (90, 270):
        width, height = height, width
    return float(width), float(height)


def _upright_textpage(page: Any) -> Any:
    """The page's pdfium text page, read the way its glyphs stand. pdfium orders a page's text as the
    page is displayed, so a page turned for display (`/Rotate`, as a viewer's "rotate page" saves it)
    whose glyphs are upright in the page's own coordinates came out in a scrambled order (lines
    reversed, a line's end before its start). Such a page is read unturned: its turn is set to 0 in
    memory (the file is not changed); every box is in the page's own coordinates either way. A page
    whose content is drawn turned to display upright (a landscape page made so) keeps its turn."""
    textpage = page.get_textpage()
    if page.get_rotation() == 0 or not _glyphs_upright(textpage):
        return textpage
    textpage.close()
    page.set_rotation(0)
    return page.get_textpage()


def _glyphs_upright(textpage: Any, sample: int = 64) -> bool:
    """Whether most of up to `sample` glyphs, spread over the page, are upright in the page's own
    coordinates (their text matrix neither turned, mirrored nor skewed)."""
    calls, handle = _calls(), textpage.raw
    count = calls.count(handle)
    matrix = (ctypes.c_float * 6)()
    upright = seen = 0
    for index in range(0, count, max(1, count // sample)):
        if chr(calls.unicode(handle, index)).isspace() or not calls.matrix(handle, index, matrix):
            continue
        a, b, c, d = matrix[0], matrix[1], matrix[2], matrix[3]
        seen += 1
        upright += abs(b) <= 0.01 * abs(a) and abs(c) <= 0.01 * abs(d) and a > 0 and d > 0
    return seen > 0 and 2 * upright > seen


def pdfium_chars(
    textpage: Any, height: float, settings: LayoutSettings = DEFAULT_SETTINGS, *,
    text: str | None = None, sample: ObjectSample | None = None,
) -> list[Char]:
    """A pdfium text page's printed characters, in content order, as layout Chars: text, loose
    box (font ascent to descent, advance width; top-left origin), effective font size (the
    text matrix applied), baseline, and whether a space (printed or generated by pdfium)
    follows. Glyphs not upright (rotated or vertical text) are left out. `text`: the page's
    `get_text_range()`, when the caller has it; `sample`: the document's `ObjectSample`. Every
    glyph's box is read (`_calls`); glyphs `content_words` would join come as one Char (see Word joins)."""
    calls, handle = _calls(), textpage.raw
    text = _page_text(calls, handle, textpage.get_text_range() if text is None else text)
    state = _GlyphState(calls, handle, height, settings.min_size, sample or ObjectSample())
    word_gap, tolerance, loose, unpack = settings.word_gap, settings.dedupe_tolerance, calls.loose, _RECT.unpack_from
    box, new, up = (ctypes.c_float * 4)(), tuple.__new__, height  # FS_RECTF: left, top, right, bottom
    chars: list[Char] = []
    append = chars.append
    parts: list[str] = []  # the word being assembled; its box (top and bottom as pdfium gives them,
    # bottom-left origin, turned at the end: height - max(tops) is min(height - top) exactly), size, baseline
    w_x0 = w_x1 = w_top = w_bottom = w_size = w_baseline = last_x0 = size = baseline = reach = 0.0
    s_top, s_bottom, last_char, upright, tracking = -1.0, -1.0, "", True, state.tracking  # s_: size read at
    text_object, t_object, sampling = calls.text_object, None, state.sampling  # t_: the text object read at
    for index, char in enumerate(text):
        if char.isspace():
            if parts:
                append(new(Char, ("".join(parts), w_x0, up - w_top, w_x1, up - w_bottom, w_size, w_baseline, True)))
                parts = []
            else:
                _space_after(chars)
            continue
        loose(handle, index, box)
        left, top, right, bottom = unpack(box)
        if tracking:  # the state changes only where the text object does (or while the sample is taken)
            current = text_object(handle, index)
            if current is None or current != t_object or sampling:
                size, baseline, upright, tracking, s_top, s_bottom = state.update(index, top, bottom, current)
                reach, t_object, sampling = word_gap * size, current, state.sampling
        elif top != s_top or bottom != s_bottom:
            size, baseline, upright, tracking, s_top, s_bottom = state.update(index, top, bottom, None)
            reach = word_gap * size
        if not upright:  # rotated, mirrored or vertical text is not part of horizontal rows
            continue
        if parts and size == w_size and baseline == w_baseline and left > last_x0 and left - w_x1 <= reach and not (
            char == last_char and left - last_x0 <= tolerance
        ):
            parts.append(char)
            w_x1 = right if right > w_x1 else w_x1
            w_top = top if top > w_top else w_top
            w_bottom = bottom if bottom < w_bottom else w_bottom
        else:
            if parts:
                append(new(Char, ("".join(parts), w_x0, up - w_top, w_x1, up - w_bottom, w_size, w_baseline, False)))
            parts = [char]
            w_x0, w_x1, w_top, w_bottom, w_size, w_baseline = left, right, top, bottom, size, baseline
        last_x0, last_char = left, char
    if parts:
        chars.append(Char("".join(parts), w_x0, up - w_top, w_x1, up - w_bottom, w_size, w_baseline, False))
    return chars


def _space_after(chars: list[Char]) -> None:
    """A space with no word before it: the last Char is followed by a space."""
    if chars and not chars[-1].space_after:
        chars[-1] = chars[-1]._replace(space_after=True)


def _page_text(calls: _Calls, handle: Any, text: str) -> str:
    """The page's text, one str character per pdfium character: characters beyond the BMP come
    from `get_text_range` as two UTF-16 units, and are then read one by one."""
    count = calls.count(handle)
    return text if len(text) == count else "".join(chr(calls.unicode(handle, i)) for i in range(count))


_RECT = struct.Struct("4f")
# Word joins in pdfium_chars: consecutive glyphs of the same size and baseline that touch (a gap of at most
# `word_gap` x the size), moving right, with no space between, are one word whatever the
# producer's runs; a glyph drawn over its twin (within `dedupe_tolerance`) starts a new Char,
# as layout's dedupe expects.


class _Calls(NamedTuple):
    """pdfium's per-character functions as bare ctypes function pointers (no argument types, so
    no conversion on each call: the text page's handle and ctypes buffers go in as they are).
    `text_object` is None where the binding lacks FPDFText_GetTextObject."""

    loose: Any
    matrix: Any
    origin: Any
    font_size: Any
    count: Any
    unicode: Any
    text_object: Any


@cache
def _calls() -> _Calls:
    import pypdfium2.raw as raw

    def bare(function: Any, restype: Any = ctypes.c_int) -> Any:
        pointer = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
        pointer.restype = restype
        return pointer

    text_object = getattr(raw, "FPDFText_GetTextObject", None)
    return _Calls(
        loose=bare(raw.FPDFText_GetLooseCharBox),
        matrix=bare(raw.FPDFText_GetMatrix),
        origin=bare(raw.FPDFText_GetCharOrigin),
        font_size=bare(raw.FPDFText_GetFontSize, ctypes.c_double),
        count=bare(raw.FPDFText_CountChars),
        unicode=bare(raw.FPDFText_GetUnicode, ctypes.c_uint),
        text_object=None if text_object is None else bare(text_object, ctypes.c_void_p),
    )


@dataclass(slots=True)
class ObjectSample:
    """Whether text objects are worth naming while a document's glyphs are read (see
    `_GlyphState`): None until a page has given `_OBJECT_SAMPLE` glyphs to decide on, then kept
    for the document's other pages, which are read without a sample of their own. Either way
    gives the same characters (a text object's glyphs share font size, matrix and baseline);
    only the number of reads differs."""

    track: bool | None = None


class _GlyphState:
    """Font size, baseline and orientation of the glyphs being read. They are read again (font
    size, text matrix, origin) only where the text object (one text-showing operator) and the
    loose top and bottom (the font's ascent and descent) both change.

    Naming text objects saves reads only where loose boxes vary by glyph (LibreOffice's fonts);
    where objects hold one glyph each (Chromium, Skia), or where boxes change only with the
    font (reportlab), it is dropped after a sample of `_OBJECT_SAMPLE` glyphs (`tracking`
    turns False; `update` is then called only where the loose top or bottom changes). The
    decision is recorded in the document's `sample`, and followed on its later pages."""

    def __init__(self, calls: _Calls, handle: Any, height: float, minimum: float, sample: ObjectSample) -> None:
        self._calls, self._handle, self._height, self._minimum = calls, handle, height, minimum
        self.tracking = calls.text_object is not None and sample.track is not False
        self._sample = sample if sample.track is None else None  # None: decided already
        self._object: int | None = None
        self._top = self._bottom = self._last_top = self._last_bottom = -1.0
        self._size = self._baseline = 0.0
        self._upright = True
        self._seen = self._objects = self._changes = 0
        self._matrix = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._xy = (ctypes.byref(self._x), ctypes.byref(self._y))

    @property
    def sampling(self) -> bool:
        """Whether this page takes the document's sample (every glyph then goes through `update`)."""
        return self.tracking and self._sample is not None

    def update(
        self, index: int, top: float, bottom: float, current: int | None
    ) -> tuple[float, float, bool, bool, float, float]:
        """At glyph `index`, whose loose box has this top and bottom (bottom-left origin) and whose
        text object is `current` (None when not tracking, or where pdfium names none):
        (size, baseline, upright, tracking, top, bottom), the last two the loose top and bottom
        the size and baseline were read at. While tracking (and the sample taken), a glyph of the
        text object of the glyph before it changes nothing: the caller may skip the call."""
        if current is None or current != self._object:
            if current is not None:
                self._objects += 1
            if top != self._top or bottom != self._bottom:
                self._read(index)
                self._top, self._bottom = top, bottom
            self._object = current
        if self.tracking and self._sample is not None:
            self._seen += 1
            if top != self._last_top or bottom != self._last_bottom:  # glyph to glyph, whatever the object
                self._changes += 1
                self._last_top, self._last_bottom = top, bottom
            seen = self._seen
            if seen == _OBJECT_SAMPLE:  # drop it for one glyph per object, or boxes that tell size changes alone
                self.tracking = not (self._objects > 0.8 * seen or self._changes < 0.2 * seen)
                self._sample.track, self._sample = self.tracking, None
        return self._size, self._baseline, self._upright, self.tracking, self._top, self._bottom

    def _read(self, index: int) -> None:
        calls, handle = self._calls, self._handle
        calls.matrix(handle, index, self._matrix)
        a, b, c, d = self._matrix[0], self._matrix[1], self._matrix[2], self._matrix[3]
        upright = abs(b) <= 0.01 * abs(a) and abs(c) <= 0.01 * abs(d) and a > 0 and d > 0
        calls.origin(handle, index, *self._xy)
        self._size = max(self._minimum, calls.font_size(handle, index) * (a * d) ** 0.5) if upright else 0.0
        self._baseline = self._height - self._y.value
        self._upright = upright


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
        self._sample = ObjectSample()
        self._kept: dict[int, tuple[Any, Any, float, str]] = {}

    def keep(self, number: int, page: Any, textpage: Any, height: float, text: str) -> None:
        """Keep the cheap pass's open page and text page, and the text it read (the first
        `_KEEP_PAGES` pages; about 0.4 MB each), or close them."""
        if len(self._kept) < _KEEP_PAGES:
            self._kept[number] = (page, textpage, height, text)
        else:
            textpage.close()
            page.close()

    def rows(self, number: int) -> list[Row]:
        """Rows of a page from pdfium's characters (see layout.py)."""
        kept = self._kept.get(number)
        if kept is not None:
            return rows_from_chars(pdfium_chars(kept[1], kept[2], text=kept[3], sample=self._sample), number)
        page = self._pdfium[number - 1]
        try:
            height = _content_size(page)[1]
            textpage = _upright_textpage(page)
            try:
                chars = pdfium_chars(textpage, height, sample=self._sample)
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
        for page, textpage, _, _ in self._kept.values():
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
