"""Checks run from the record alone: `validate record.json` gives exactly the findings of
`validate report.pdf` (codes, messages, pages, boxes, quotations and order), and a record that
keeps no statements of its text says which checks could not run instead of passing.

The generated defect reports are proved the same way in test_validate_synth.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import records
from corpus import corpus_report, report_names
from paths import REPO
from producers import REPORTS, producer_report

from docextract.model.record import InspectionReport
from docextract.pipeline import read_record, validate
from docextract.serialize.json_output import to_json
from docextract.validation.checks import TEXT_CHECKS
from docextract.validation.run import check


def findings(issues: list[Any]) -> list[dict[str, Any]]:
    return [issue.model_dump(mode="json") for issue in issues]


def assert_same_from_record(report_file: Path, tmp_path: Path) -> list[dict[str, Any]]:
    """Validate the report, write its record as `parse -f json` does, validate that: the same."""
    from_report = validate(report_file)
    record = tmp_path / f"{report_file.stem}.json"
    record.write_text(to_json(from_report.report), encoding="utf-8")
    from_record = validate(record)
    assert from_record.report.statements is not None
    assert findings(from_record.issues) == findings(from_report.issues), report_file.name
    assert from_record.not_run == [] and from_record.ok == from_report.ok
    return findings(from_report.issues)


@pytest.mark.parametrize("name", report_names())
def test_corpus_record_gives_the_reports_findings(name: str, tmp_path: Path) -> None:
    found = assert_same_from_record(corpus_report(name).pdf, tmp_path)
    if name == "2021-nps-south-west":  # the known defects, text checks included, from the record
        assert [f["code"] for f in found] == ["recommendation_count_mismatch"] + ["broken_cross_reference"] * 2
        assert [f["page"] for f in found] == [16, 54, 54]
    if name == "2024-wakefield-pdu":
        assert [(f["code"], f["found"]) for f in found] == [("date_out_of_range", "29 January 2004")]


@pytest.mark.parametrize("name", REPORTS)
def test_producer_record_gives_the_reports_findings(name: str, tmp_path: Path) -> None:
    pdf, truth = producer_report(name)
    docx = pdf.with_suffix(".docx")  # the Word draft LibreOffice printed it from, where there is one
    for path in [pdf, docx] if docx.is_file() else [pdf]:
        codes = {f["code"] for f in assert_same_from_record(path, tmp_path)}
        assert set(truth["expected_errors"]) <= codes, path.name  # the expected findings, from the record too


def test_statements_locate_the_text_they_state() -> None:
    report = records.parsed(corpus_report("2021-nps-south-west").pdf)
    assert report.statements is not None
    broken = [s for s in report.statements if s.kind == "cross_reference"]
    assert [(s.text, s.page) for s in broken] == [("Error! Bookmark not defined.", 54)] * 2
    for statement in broken:
        assert statement.bbox is not None and statement.start is not None and statement.end is not None
        assert statement.quotation is not None and statement.text in statement.quotation
        # 3.2 Statutory victim work: its heading is printed without its code
        assert (statement.unit, statement.standard) == ("South West National Probation Service", "3.2")
    rated = [s for s in report.statements if s.kind == "rating"]
    assert rated and all(s.field and s.rating for s in rated)
    windows = [s for s in report.statements if s.kind.startswith("window_")]
    assert windows and all(s.day and s.month and s.window for s in windows)


def _without_statements(record: InspectionReport) -> InspectionReport:
    data = json.loads(to_json(record))
    del data["statements"]  # a record written before docextract kept statements
    return InspectionReport.model_validate(data)


def test_record_without_statements_lists_the_checks_not_run(tmp_path: Path) -> None:
    old = _without_statements(records.parsed(corpus_report("2021-nps-south-west").pdf))
    issues = check(old)
    assert [i.code for i in issues if i.code == "broken_cross_reference"] == []  # could not run ...
    (not_run,) = [i for i in issues if i.code == "checks_not_run"]  # ... and it says so, as an error
    assert not_run.severity == "error" and all(name in not_run.message for name in TEXT_CHECKS)
    path = tmp_path / "old.json"
    path.write_text(old.model_dump_json(exclude={"statements"}), encoding="utf-8")
    result = validate(path)
    assert [n.check for n in result.not_run] == list(TEXT_CHECKS)
    assert all("keeps no statements" in n.reason for n in result.not_run)
    assert not result.ok


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "docextract", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_cli_validates_a_record_written_by_parse(tmp_path: Path) -> None:
    pdf = corpus_report("2024-wakefield-pdu").pdf
    record = tmp_path / "wakefield.json"
    assert _cli("parse", str(pdf), "-f", "json", "-o", str(record)).returncode == 0
    from_pdf = _cli("validate", str(pdf), "--format", "json")
    from_record = _cli("validate", str(record), "--format", "json")
    assert from_record.returncode == from_pdf.returncode == 0  # its one finding is a warning

    def issues(done: subprocess.CompletedProcess[str]) -> Any:
        return [entry["issues"] for entry in json.loads(done.stdout)]

    assert issues(from_record) == issues(from_pdf) != [[]]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "not a docextract record"),
        ('{"kind": "pdu_inspection"}', "not a docextract record (docextract_version: Field required)"),
        ("[]", "holds a list"),
    ],
)
def test_a_file_that_is_not_a_record_is_refused(content: str, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(Exception) as raised:
        read_record(path)
    assert getattr(raised.value, "code", None) == "not_a_record" and reason in str(raised.value)
    done = _cli("validate", str(path))
    assert done.returncode == 2 and f"{path}: " in done.stderr and reason in done.stderr
