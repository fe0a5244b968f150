"""Errors that name the file and the reason; the CLI turns them into one line and exit code 2."""

from __future__ import annotations


class DocextractError(Exception):
    """A document could not be read. `code` is stable and machine-readable (the `input` codes of
    `model.codes`); the message, one line, is `PATH: CODE: reason`, as `bulk` reports a failed file."""

    def __init__(self, path: str, code: str, reason: str) -> None:
        super().__init__(f"{path}: {code}: {reason}")
        self.path = path
        self.code = code
        self.reason = reason
