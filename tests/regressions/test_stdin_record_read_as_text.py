"""Caught by a tester: `docextract parse X | docextract validate -` read the JSON record as the text
of a report (an `unknown_document` error), while the same record saved as a .json file validated
fine. A stream holding a JSON record is validated as a record (sniffed by its content)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from docextract.pipeline import parse, validate

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "tests" / "fixtures" / "validate" / "defects-pdu.txt"


def test_a_record_on_standard_input_is_validated_as_a_record() -> None:
    record = parse(REPORT).model_dump_json().encode()
    from_stream = validate(io.BytesIO(record))
    from_report = validate(REPORT)
    assert from_stream.report.kind != "unknown"
    assert [i.code for i in from_stream.issues] == [i.code for i in from_report.issues]
    done = subprocess.run(
        [sys.executable, "-m", "docextract", "validate", "-"], cwd=REPO, input=record, capture_output=True, timeout=120
    )
    assert done.returncode == 1, done.stderr  # the defects are found
    assert b"unknown_document" not in done.stdout
