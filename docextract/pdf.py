"""PDF reading in two speeds.

1. A cheap text pass over every page with pypdfium2 (about a millisecond a page):
   lines of normalised text with their bounding boxes.
2. On demand, for the few pages that hold tables, rows rebuilt from pdfium's text runs
   of the same open document (runs.py, a few ms a page).
3. As a fallback for pages the fast rows leave in doubt, pdfplumber's character-level
   layout (words regrouped into rows, cells split at column gaps and ruling lines) and
   its table finder. A file pdfium reads but pdfplumber cannot simply has no fallback.

The file is read once into memory; both libraries work from those bytes.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import logging
from typing import Any

import pypdfium2 as pdfium

from .document import BoxTuple, Document, Line, Page
from .errors import DocextractError
from .normalize import normalize_text
from .runs import row_line, rows_from_runs

_MIN_TEXT_CHARS_PER_PAGE = 20
_RUN_BUFFER = 8192  # characters of one text run (a run is at most a line of a page)


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF's bytes into a Document, or raise DocextractError naming the reason."""
    head = data[:1024]
    if b"%PDF-" not in head:
        raise DocextractError(path, "not_pdf", "not a PDF file (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise DocextractError(path, "encrypted", "encrypted PDF: a password is required") from exc
        if "success" in message.lower():  # pdfium loads a page tree of no pages as 'Success'
            raise DocextractError(path, "empty_pdf", "the PDF has no pages") from exc
        raise DocextractError(path, "corrupt_pdf", f"corrupt or unreadable PDF ({message})") from exc
    try:
        pages = [_read_page(pdf, index) for index in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        pdf.close()
        raise DocextractError(path, "corrupt_pdf", f"corrupt or unreadable PDF ({exc})") from exc
    except BaseException:
        pdf.close()
        raise
    if not pages:
        pdf.close()
        raise DocextractError(path, "empty_pdf", "the PDF has no pages")
    characters = sum(len(line.text) for page in pages for line in page.lines)
    if characters < _MIN_TEXT_CHARS_PER_PAGE * len(pages) / 4 and characters < 200:
        pdf.close()
        raise DocextractError(path, "no_text", "no text layer: a scanned or image-only PDF cannot be parsed")
    layout = _Layout(data, pdf)
    return Document(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        pages=pages,
        _layout=layout.fast_lines,
        _precise=layout.lines,
        _tables=layout.tables,
        _runs=layout.runs,
        _close=layout.close,
    )


def _read_page(pdf: Any, index: int) -> Page:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            lines = _split_lines(text, textpage, index + 1, height)
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(number=index + 1, lines=lines, width=width, height=height)


def _split_lines(text: str, textpage: Any, number: int, height: float) -> list[Line]:
    """Split pdfium's text into lines; a line's box spans its first and last characters."""
    lines: list[Line] = []
    offset = 0
    char_count = textpage.count_chars()
    for raw in text.replace("\r\n", "\n").split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + (2 if text[end : end + 2] == "\r\n" else 1)
        clean = normalize_text(raw)
        if not clean:
            continue
        box = _line_box(raw, start, textpage, char_count, height)
        lines.append(Line(text=clean, page=number, cells=(clean,), bbox=box))
    return lines


def _line_box(raw: str, start: int, textpage: Any, char_count: int, height: float) -> BoxTuple | None:
    first = start + (len(raw) - len(raw.lstrip()))
    last = start + len(raw.rstrip()) - 1
    if not (0 <= first <= last < char_count):
        return None
    # loose boxes span the font's ascent to descent: equal heights for equal font sizes
    l0, b0, r0, t0 = textpage.get_charbox(first, loose=True)
    l1, b1, r1, t1 = textpage.get_charbox(last, loose=True)
    return (min(l0, l1), height - max(t0, t1), max(r0, r1), height - min(b0, b1))


class _Layout:
    """Page-level layout on demand: pdfium's text runs from the document already open, and
    pdfplumber over the same bytes, opened on first use, one page at a time."""

    def __init__(self, data: bytes, pdfium_doc: Any) -> None:
        self._data = data
        self._pdf: Any = None
        self._pdfium = pdfium_doc
        self._buffer: Any = None

    def _page(self, number: int) -> Any:
        if self._pdf is None:
            import pdfplumber  # imported lazily: most pages never need it

            # pdfminer logs every repair it makes to a damaged file; the fallback either works or is skipped
            logging.getLogger("pdfminer").setLevel(logging.ERROR)

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        return self._pdf.pages[number - 1]

    def lines(self, number: int) -> list[Line]:
        try:
            return self._plumber_lines(number)
        except Exception:  # pdfminer rejects some files pdfium reads: the fallback is then unavailable
            return []

    def tables(self, number: int) -> list[Any]:
        try:
            return list(self._page(number).find_tables())
        except Exception:
            return []

    def _plumber_lines(self, number: int) -> list[Line]:
        """pdfplumber's words, as runs, through the same row builder as the fast path."""
        page = self._page(number)
        words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
        runs = [(str(w["text"]), (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))) for w in words]
        page.flush_cache()
        return [row_line(row) for row in rows_from_runs(runs, number) if row.text]

    def fast_lines(self, number: int) -> list[Line]:
        """Rows of a page from pdfium's text runs (see runs.py)."""
        return [row_line(row) for row in rows_from_runs(self.runs(number), number) if row.text]

    def runs(self, number: int) -> list[tuple[str, BoxTuple]]:
        """pdfium's text runs of a page (a run: text of one style on one line, with its box, top-left
        origin). Cheap: about 5 ms a page. Text is raw (not normalised)."""
        page = self._pdfium[number - 1]
        try:
            height = float(page.get_size()[1])
            textpage = page.get_textpage()
            try:
                runs: list[tuple[str, BoxTuple]] = []
                for index in range(textpage.count_rects()):
                    left, bottom, right, top = textpage.get_rect(index)
                    text = self._bounded_text(textpage, left, top, right, bottom)
                    if "\n" in text:  # a raised marker of the next line bled in: keep the run's own line
                        text = max(text.replace("\r", "").split("\n"), key=len)
                    if text.strip():
                        runs.append((text, (left, height - top, right, height - bottom)))
            finally:
                textpage.close()
        finally:
            page.close()
        return runs

    def _bounded_text(self, textpage: Any, left: float, top: float, right: float, bottom: float) -> str:
        """pdfium's text inside a rectangle: one raw call into a reused buffer (the helper makes two)."""
        try:
            import pypdfium2.raw as raw

            if self._buffer is None:
                self._buffer = (ctypes.c_ushort * _RUN_BUFFER)()
            count = raw.FPDFText_GetBoundedText(textpage.raw, left, top, right, bottom, self._buffer, _RUN_BUFFER)
            if 0 < count < _RUN_BUFFER:
                return ctypes.string_at(self._buffer, 2 * count).decode("utf-16-le", "replace").rstrip("\x00")
        except (ImportError, AttributeError, ctypes.ArgumentError):
            pass
        return str(textpage.get_text_bounded(left, bottom, right, top))

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None
