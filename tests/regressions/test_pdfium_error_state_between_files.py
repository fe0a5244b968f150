"""Odd PDFs (../shared/inputs/odd-pdfs, read in place) always get the same result, whatever was
read before them in the same process, in `parse` and in `bulk`; a little real text is parsed as
`unknown` with a `little_text` warning, not refused; pdfminer tries before a file is corrupt.

Regression (issue 12): pdfium's last-error state made `zero-pages.pdf` read after
`encrypted-aes128.pdf` 'encrypted', and files with a few words 'scanned or image-only'."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
from corpus import shared_inputs
from rich.console import Console

from docextract import parse
from docextract.bulk import DATABASE_NAME, BulkOptions, run_bulk
from docextract.model.errors import DocextractError

Outcome = tuple[str, ...]

# what each file is (../shared/inputs/README.md) and the outcome it must always get
EXPECTED_CODES = {
    "encrypted-aes128.pdf": "encrypted",
    "zero-pages.pdf": "empty_pdf",
    "fuzzed-one-readable-page.pdf": "corrupt_pdf",  # pdfminer finds its page but no readable text
    "brotli-compressed-streams.pdf": "corrupt_pdf",  # a stream filter neither reader decodes
    "vertical-japanese-text.pdf": "little_text",
    "one-byte-identity-encoding.pdf": "little_text",
    "only-a-page-number.pdf": "little_text",
    "tiny-text.pdf": "little_text",
    "type3-cycle.pdf": "little_text",
}


def _outcome(path: Path) -> Outcome:
    try:
        report = parse(path)
    except DocextractError as exc:
        return (exc.code, exc.reason)
    assert report.units == [] and report.recommendations == [] and report.title is None
    return (report.kind, *(f"{w.code}: {w.message}" for w in report.warnings))


def test_same_outcome_in_either_order_in_one_process() -> None:
    files = shared_inputs("odd-pdfs")
    forward = {path.name: _outcome(path) for path in files}
    backward = {path.name: _outcome(path) for path in reversed(files)}
    assert forward == backward
    codes = {
        name: outcome[0] if outcome[0] != "unknown" else outcome[1].split(":")[0] for name, outcome in forward.items()
    }
    assert codes == {name: code for name, code in EXPECTED_CODES.items() if name in codes}
    assert set(codes) == set(EXPECTED_CODES)


def _bulk_errors(files: list[Path], out: Path) -> dict[str, tuple[str, str]]:
    options = BulkOptions(inputs=[str(f) for f in files], out_dir=out, jobs=1, tasks_per_worker=100)
    run_bulk(options, Console(file=io.StringIO(), width=120))
    with duckdb.connect(str(out / DATABASE_NAME), read_only=True) as con:
        rows = con.execute("SELECT path, code, message FROM errors").fetchall()
    return {Path(path).name: (code, message) for path, code, message in rows}


def test_same_outcome_in_either_order_in_bulk(tmp_path: Path) -> None:
    files = shared_inputs("odd-pdfs")
    forward = _bulk_errors(files, tmp_path / "forward")
    backward = _bulk_errors(list(reversed(files)), tmp_path / "backward")
    assert forward == backward
    assert set(forward) == set(EXPECTED_CODES)  # none is stored as a report
    for name, (code, message) in forward.items():
        expected = EXPECTED_CODES[name]
        if expected == "little_text":
            assert code == "not_a_report" and "characters of text" in message, name
        else:
            assert code == expected, name
