"""The `parse` command's work without typer, and what every command does at its end.

`docextract parse FILE...` with nothing but file paths is the command people run most and wait
for. Typer imports click and builds every command's parameters before it runs one (~0.04 s CPU,
a tenth of a cold parse; issue 16, README *Start-up*), so the entry point (`docextract.command`)
hands such a command line (`plain_files`) straight to `main`; any other goes through typer
(`docextract.cli`), whose `parse` runs the same `parse_files`. Both end alike (`exit_code_of`,
`flush_and_exit`): same output, same lines on stderr, same exit codes.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .model.codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREADABLE
from .serialize import formats as output_formats

if TYPE_CHECKING:
    from .model.record import InspectionReport

STDIN = "-"
# The variable with which a shell asks typer for completions (typer: `_{PROG_NAME}_COMPLETE`).
COMPLETION_VARIABLE = "_DOCEXTRACT_COMPLETE"


def plain_files(args: Sequence[str]) -> bool:
    """Whether the words after `parse` are only file paths (at least one; none empty or starting
    with `-`, so no option, `--` or standard input), and no shell is asking for completions: the
    command line `main` runs as typer would."""
    return bool(args) and all(arg and not arg.startswith("-") for arg in args) and COMPLETION_VARIABLE not in os.environ


def main(files: Sequence[str]) -> None:
    """`docextract parse FILE...` (plain_files) without typer: the records as JSON on stdout.
    Ends the process (flush_and_exit)."""
    flush_and_exit(exit_code_of(lambda: parse_files(files, "json", None)))


def parse_files(files: Sequence[str], fmt: str, out: Path | None) -> int:
    """Parse `files` (paths, directories walked, `-` for stdin) and write their records in format
    `fmt` to `out` (atomically) or stdout; returns the exit code: 0, or EXIT_UNREADABLE when a
    file could not be read (one line on stderr each; the others are still written, but never a
    partial `out`) or `out` cannot be written. A reader gone from stdout (`| head`) is not an error."""
    reports, failed = parse_all(files)
    several = len(files) > 1 or any(f != STDIN and Path(f).is_dir() for f in files)
    # table on a terminal prints there itself (colour, its width) and returns ""
    text = output_formats.writer(fmt, "parse")(reports, several, terminal=out is None and sys.stdout.isatty())
    if out is not None:
        if failed:
            return EXIT_UNREADABLE  # never replace a good output with a partial one
        from .serialize.atomic import write_atomic

        try:
            write_atomic(out, text)
        except OSError as exc:
            error_line(f"{out}: cannot write output ({exc.strerror or exc})")
            return EXIT_UNREADABLE
    elif reports or not failed:  # nothing read: no empty "[]" beside the error
        try:
            sys.stdout.write(text)
        except BrokenPipeError:
            _quiet_stdout()
    return EXIT_UNREADABLE if failed else EXIT_OK


def parse_all(files: Sequence[str]) -> tuple[list[InspectionReport], bool]:
    """The records of every input parsed, and whether any failed (each failure one line on stderr;
    a directory given stands for its reports, and one without any is a failure)."""
    reports: list[InspectionReport] = []
    failed = False
    for item in collecting_after_the_first(inputs(files)):
        if item != STDIN and Path(item).is_dir():
            failed = True
            continue
        try:
            reports.append(_parse_one(item))
        except Exception as exc:  # one line naming the file, never a traceback
            from .model.errors import DocextractError

            error_line(str(exc) if isinstance(exc, DocextractError) else internal_error(item, exc))
            failed = True
    return reports, failed


def _parse_one(item: str) -> InspectionReport:
    from .pipeline import parse, parse_document
    from .read.open import read_bytes, read_stream

    if item == STDIN:
        with read_bytes("<stdin>", read_stream("<stdin>", sys.stdin.buffer)) as doc:
            return parse_document(doc)
    return parse(item)


def inputs(items: Sequence[str]) -> Iterator[str]:
    """FILE arguments as files to parse: `-` for standard input, directories walked recursively
    (a directory without reports is named on stderr and yielded itself, to be counted a failure)."""
    for item in items:
        path = Path(item)
        if item != STDIN and path.is_dir():
            from .bulk.inputs import expand

            found = expand([item]).files
            if not found:
                error_line(f"{item}: no report files (.pdf, .docx, .txt, .md) in this directory")
                yield item  # reported as a failure below
            yield from found
        else:
            yield item


_T = TypeVar("_T")


def collecting_after_the_first(items: Iterable[_T]) -> Iterator[_T]:
    """`items`, with the garbage collector turned back on once the first has been handled (or the
    loop ends): `docextract.command` keeps it off while a parse or validate run starts up.

    Turned on as it is, the collector's first pass would scan every object made so far (~70 000
    after a parse, ~0.02 s CPU) to find almost no garbage: the modules, classes and compiled
    patterns live to the end, and so does the first record. So they are moved to the collector's
    permanent generation first (`gc.freeze`), and only what comes after is ever scanned."""
    try:
        for item in items:
            yield item
            _collect_again()
    finally:
        _collect_again()


def _collect_again() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def error_line(message: str) -> None:
    """One line on stderr: `docextract: error: FILE: reason`."""
    sys.stderr.write(f"docextract: error: {message}\n")


def internal_error(file: Path | str, exc: Exception) -> str:
    """The one line for a bug met while reading `file`: the exception's type and message, and a request to report it."""
    return f"{file}: internal error, please report it ({type(exc).__name__}: {exc})"


def exit_code_of(command: Callable[[], int | None]) -> int:
    """Run `command` and give the process's exit code: what it returns or exits with (None: 0; a
    message: printed, 1), EXIT_INTERRUPTED on Ctrl-C, EXIT_OK when the reader of stdout went away
    (`| head`), EXIT_UNREADABLE (one line) when writing the output failed (a full disk)."""
    try:
        return command() or EXIT_OK
    except SystemExit as exc:
        if isinstance(exc.code, str):
            sys.stderr.write(exc.code + "\n")
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:  # writing the output failed (a full disk under `> file`): one line, never 0
        error_line(f"cannot write the output ({exc.strerror or exc})")
        return EXIT_UNREADABLE


def flush_and_exit(code: int) -> None:
    """Flush stdout and stderr, then end the process without the interpreter's teardown (~0.4 s of
    freeing objects after a parse); a flush that fails on a full disk is one line and never exit 0."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # a closed pipe (`| head`): nothing more to say
        _quiet_stdout()
    except OSError as exc:  # a full disk under `> file`: say so, never exit 0
        error_line(f"standard output: cannot write ({exc.strerror or exc})")
        code = code or EXIT_UNREADABLE
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stderr.flush()
    regexes = sys.modules.get("docextract.rules.regexes")  # loaded only by commands that parse
    if regexes is not None:
        regexes.save()  # os._exit skips atexit: keep this run's newly compiled patterns for the next
    os._exit(code)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: what is left in its buffer goes nowhere, without another error."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
