"""Entry point of the reading layer: a path in, a Document out, or a DocextractError."""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .errors import DocextractError
from .pdf import read_pdf
from .textfile import read_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
WORD_SUFFIXES = {".docx"}


def read_document(path: str | Path) -> Document:
    name = str(path)
    file = Path(path)
    if not file.exists():
        raise DocextractError(name, "not_found", "no such file")
    if file.is_dir():
        raise DocextractError(name, "is_directory", "is a directory, not a report file")
    if file.suffix.lower() in WORD_SUFFIXES:
        from .wordfile import MAX_BYTES

        size = file.stat().st_size
        if size > MAX_BYTES:  # refused before reading it into memory
            raise DocextractError(
                name,
                "too_large",
                f"the document is {size / 1e6:.0f} MB; drafts over {MAX_BYTES // 2**20} MB are refused",
            )
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DocextractError(name, "unreadable", f"cannot read the file ({exc.strerror or exc})") from exc
    if not data:
        raise DocextractError(name, "empty", "the file is empty")
    suffix = file.suffix.lower()
    if data[:1024].lstrip().startswith(b"%PDF-") or suffix == ".pdf":
        return read_pdf(name, data)
    if suffix in WORD_SUFFIXES:
        from .wordfile import read_docx  # python-docx is imported only for Word drafts

        return read_docx(name, data)
    if suffix in TEXT_SUFFIXES:
        return read_text(name, data)
    raise DocextractError(
        name,
        "unsupported",
        f"unsupported file type '{suffix or 'none'}': expected a PDF, a Word .docx or a .txt/.md text",
    )
