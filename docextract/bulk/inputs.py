"""Turn the command's INPUT arguments (files, directories, globs) into files, then into content hashes."""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..model.codes import NOT_A_FILE, UNREADABLE

# What a directory walk picks up: the formats `docextract parse` reads.
REPORT_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".md", ".markdown", ".text"})
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Expanded:
    """The inputs of a run expanded: the files found, and the inputs that named nothing."""

    files: list[str]  # absolute paths, in a stable order, each once
    unmatched: list[str]  # inputs that named nothing


@dataclass(frozen=True)
class Hashed:
    """One input file with its content's sha256 and size in bytes, or why it could not be read."""

    path: str
    sha256: str | None
    size: int | None
    error: str | None = None  # why it could not be read
    code: str = UNREADABLE  # the error's code (README: Codes)


def _walk(directory: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root, n) for n in sorted(names) if not n.startswith(".") and Path(n).suffix.lower() in REPORT_SUFFIXES
        )
    return found


def expand(inputs: Sequence[str]) -> Expanded:
    """Files as given (any suffix), directories walked recursively for report files, globs matched.

    Glob matches are kept when they are report files (.pdf, .docx, .txt, .md) or directories (walked
    like a named directory); `**` recurses. A file named outright is taken whatever its suffix.
    """
    files: list[str] = []
    seen: set[str] = set()
    unmatched: list[str] = []

    def add(paths: Iterable[Path]) -> None:
        for p in paths:
            key = str(p.absolute())
            if key not in seen:
                seen.add(key)
                files.append(key)

    for item in inputs:
        path = Path(item).expanduser()
        if path.is_dir():
            add(_walk(path))
        elif path.exists():
            add([path])
        elif _GLOB_CHARS & set(item):
            matches = sorted(glob.glob(str(path), recursive=True))
            for match in matches:
                m = Path(match)
                if m.is_dir():
                    add(_walk(m))
                elif m.is_file() and m.suffix.lower() in REPORT_SUFFIXES:
                    add([m])
            if not matches:
                unmatched.append(item)
        else:
            unmatched.append(item)
    return Expanded(files, unmatched)


def hash_file(path: str) -> Hashed:
    """The sha256 and size of one file, read in 1 MiB chunks; the reason instead when it cannot be read."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block the hashing for ever
            return Hashed(path, None, None, "not a regular file (a FIFO, device or socket): refused", NOT_A_FILE)
        with open(path, "rb") as handle:
            size = 0
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        return Hashed(path, None, None, f"cannot read the file ({exc.strerror or exc})")
    return Hashed(path, digest.hexdigest(), size)


def hash_files(paths: Sequence[str], on_done: Callable[[Hashed], None] | None = None) -> list[Hashed]:
    """sha256 of every file (threads: hashlib releases the GIL), in input order."""
    results: list[Hashed] = []
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 2) + 2)) as pool:
        for hashed in pool.map(hash_file, paths):
            results.append(hashed)
            if on_done is not None:
                on_done(hashed)
    return results
