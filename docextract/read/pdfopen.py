"""Opening a PDF, and classifying a failure from the call that failed.

pdfium keeps its last error in process-wide state that only a failed load sets: pypdfium2
reads it also when a document loads with no pages, so one file's error ('password') used to
be reported for the next one. Here a load is one raw call and its result alone decides:

- pdfium loads it with pages: the normal, fast path (pdf.py);
- pdfium refuses it for its password: `encrypted`;
- pdfium refuses it otherwise, or finds no pages: pdfminer (through pdfplumber) tries before
  anything is called corrupt. pdfminer finding pages with text gives a Document read from
  pdfminer's characters; its own refusal names the reason (`encrypted`, `empty_pdf`,
  `corrupt_pdf`), with both readers' words, so a file gets the same code and message
  whatever was read before it.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model.codes import CORRUPT_PDF, EMPTY_PDF, ENCRYPTED, NO_TEXT
from ..model.errors import DocextractError
from .document import Document, Page, Precise

if TYPE_CHECKING:
    from pdfplumber.page import Page as PlumberPage
    from pdfplumber.pdf import PDF

# pdfium's load errors (FPDF_GetLastError right after a load that returned no document)
_PDFIUM_ERRORS = {
    1: "unknown error",
    2: "file not found or could not be opened",
    3: "not a PDF or corrupted",
    4: "password required or incorrect",
    5: "unsupported security scheme",
    6: "page not found or content error",
}
_PASSWORD = 4
_ENCRYPTED_REASON = "encrypted PDF: a password is required"


def open_pdfium(path: str, data: bytes) -> tuple[Any | None, str]:
    """Open the bytes with pdfium: (PdfDocument, "") when it has pages, else (None, why pdfium
    could not read it). Raises DocextractError `encrypted` when pdfium asks for a password.
    The caller keeps `data` alive as long as the document is open."""
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw:
        code = int(pdfium_c.FPDF_GetLastError())  # set by this failed load: it is this call's error
        if code == _PASSWORD:
            raise DocextractError(path, ENCRYPTED, _ENCRYPTED_REASON)
        return None, f"pdfium: {_PDFIUM_ERRORS.get(code, f'error {code}')}"
    if pdfium_c.FPDF_GetPageCount(raw) < 1:
        pdfium_c.FPDF_CloseDocument(raw)
        return None, "pdfium: no pages"
    return pdfium.PdfDocument(raw), ""


def read_with_pdfminer(path: str, data: bytes, pdfium_reason: str) -> Document:
    """Read a PDF pdfium could not open (or read no text from) with pdfminer, through pdfplumber:
    pages of lines from pdfminer's characters, through the same layout as pdfium's.

    Raises DocextractError: `encrypted`; `empty_pdf` when neither reader finds a page;
    `no_text` when pages are found but no text at all (a scanned PDF); `corrupt_pdf` when
    pdfminer cannot read the file either (the message names both readers' reasons)."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pdf, plumber_pages = _open_with_pdfminer(path, data, pdfium_reason)
    try:
        pages, rows_by_page, failures = _pdfminer_pages(plumber_pages)
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        if failures:
            detail = "; ".join(failures[:3])
            raise DocextractError(
                path,
                CORRUPT_PDF,
                f"corrupt or unreadable PDF ({pdfium_reason}; pdfminer finds {len(pages)} page(s) "
                f"but cannot read their text: {detail})",
            )
        raise DocextractError(path, NO_TEXT, "no text layer: a scanned or image-only PDF cannot be parsed")
    return Document(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        pages=pages,
        _rows=lambda number: rows_by_page.get(number, []),
        _precise=lambda number: Precise(rows_by_page.get(number, [])),
    )


def _open_with_pdfminer(path: str, data: bytes, pdfium_reason: str) -> tuple[PDF, list[PlumberPage]]:
    """The PDF opened by pdfplumber and its pages (at least one); DocextractError `encrypted`,
    `empty_pdf` or `corrupt_pdf` otherwise."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        plumber_pages = list(pdf.pages)
    except Exception as exc:
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError) or isinstance(
            cause, PDFPasswordIncorrect | PDFEncryptionError
        ):
            raise DocextractError(path, ENCRYPTED, _ENCRYPTED_REASON) from exc
        raise DocextractError(
            path, CORRUPT_PDF, f"corrupt or unreadable PDF ({pdfium_reason}; pdfminer: {_reason(exc)})"
        ) from exc
    if not plumber_pages:
        pdf.close()
        if pdfium_reason == "pdfium: no pages":
            raise DocextractError(path, EMPTY_PDF, "the PDF has no pages")
        raise DocextractError(path, CORRUPT_PDF, f"corrupt or unreadable PDF ({pdfium_reason}; pdfminer: no pages)")
    return pdf, plumber_pages


def _pdfminer_pages(plumber_pages: Sequence[PlumberPage]) -> tuple[list[Page], dict[int, Any], list[str]]:
    """The pages of lines read from pdfminer's characters, each page's rows by number, and why a
    damaged page could not be read (the others are still read)."""
    from .layout import row_line, rows_from_chars
    from .pdf import plumber_chars

    pages: list[Page] = []
    failures: list[str] = []
    rows_by_page: dict[int, Any] = {}
    for number, plumber_page in enumerate(plumber_pages, start=1):
        try:
            rows = rows_from_chars(plumber_chars(plumber_page), number)
        except Exception as exc:  # a damaged page: the others may still be read
            failures.append(f"page {number}: {_reason(exc)}")
            rows = []
        finally:
            plumber_page.flush_cache()
        rows_by_page[number] = rows
        width, height = float(plumber_page.width), float(plumber_page.height)
        pages.append(Page(number=number, lines=[row_line(r) for r in rows if r.text], width=width, height=height))
    return pages, rows_by_page, failures


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
