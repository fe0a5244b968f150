"""Entry point of the reading layer: a path (or bytes) in, a Document out, or a DocextractError."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..model.codes import EMPTY, IS_DIRECTORY, NOT_A_FILE, NOT_FOUND, TOO_LARGE, UNREADABLE, UNSUPPORTED
from ..model.errors import DocextractError
from .document import Document
from .textfile import read_text

ReportSource = str | os.PathLike[str] | BinaryIO
"""What `parse` and `validate` take: a path, or a binary file object open for reading."""

STREAM_NAME = "<stream>"

MAX_BYTES = 100 * 1024 * 1024
"""The largest document read (a report is a few MB): larger is `too_large`, refused before it is read."""

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
WORD_SUFFIXES = {".docx"}


def open_document(source: ReportSource) -> Document:
    """A path or a binary file object (read to its end, not closed) as a Document.
    Raises DocextractError when it cannot be read; TypeError for a text-mode file object."""
    if isinstance(source, str | os.PathLike):
        return read_document(os.fspath(source))
    data = source.read(MAX_BYTES + 1)  # a pipe is read up to the cap, never without end
    if isinstance(data, bytes) and len(data) > MAX_BYTES:
        raise DocextractError(STREAM_NAME, TOO_LARGE, f"the stream holds over {MAX_BYTES // 2**20} MB: refused")
    if not isinstance(data, bytes):
        raise TypeError("parse() needs a path or a binary file object (open the file with 'rb')")
    name = getattr(source, "name", None)
    if isinstance(name, str) and not name.startswith("<"):
        return read_bytes(name, data, Path(name).suffix.lower() or None)
    return read_bytes(STREAM_NAME, data)


def read_stream(name: str, stream: BinaryIO) -> bytes:
    """All of a binary stream (standard input: a pipe), read up to `MAX_BYTES`. Raises
    DocextractError `too_large` when it holds more, rather than filling the memory."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DocextractError(name, TOO_LARGE, f"the stream holds over {MAX_BYTES // 2**20} MB: refused")
    return data


def read_document(path: str | Path) -> Document:
    """The Document of the file at `path`, by its type (PDF by its header, .docx, else text). Raises DocextractError
    (`not_found`, `is_directory`, or the reader's code)."""
    name = str(path)
    file = Path(path)
    if not file.exists():
        raise DocextractError(name, NOT_FOUND, "no such file")
    if file.is_dir():
        raise DocextractError(name, IS_DIRECTORY, "is a directory, not a report file")
    check_regular(name)
    size = file.stat().st_size
    if size > MAX_BYTES:  # refused before reading it into memory
        raise DocextractError(
            name, TOO_LARGE, f"the document is {size / 1e6:.0f} MB; documents over {MAX_BYTES // 2**20} MB are refused"
        )
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DocextractError(name, UNREADABLE, f"cannot read the file ({exc.strerror or exc})") from exc
    return read_bytes(name, data, file.suffix.lower())


def check_regular(name: str) -> None:
    """Raise DocextractError `not_a_file` unless `name` is a regular file (after symlinks): a FIFO
    would block its reader for ever, a device (/dev/zero) never end."""
    try:
        mode = os.stat(name).st_mode
    except OSError as exc:
        raise DocextractError(name, UNREADABLE, f"cannot read the file ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        raise DocextractError(name, NOT_A_FILE, "not a regular file (a FIFO, device or socket): refused")


def read_bytes(name: str, data: bytes, suffix: str | None = None) -> Document:
    """A document from bytes already read. `suffix` is the file's (".pdf", ".txt" ...); None for a
    stream (standard input, a file object), where anything not a PDF is read as text."""
    if not data:
        raise DocextractError(name, EMPTY, "the file is empty")
    if data[:1024].lstrip().startswith(b"%PDF-") or suffix == ".pdf":
        from .pdf import read_pdf  # pypdfium2 only for PDFs

        return read_pdf(name, data)
    if suffix in WORD_SUFFIXES or (suffix is None and data[:4] == b"PK\x03\x04"):  # a .docx is a zip
        from .wordfile import read_docx  # python-docx is imported only for Word drafts

        return read_docx(name, data)
    if suffix is None or suffix in TEXT_SUFFIXES:
        return read_text(name, data)
    raise DocextractError(
        name,
        UNSUPPORTED,
        f"unsupported file type '{suffix or 'none'}': expected a PDF, a Word .docx or a .txt/.md text",
    )
