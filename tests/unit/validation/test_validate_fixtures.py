"""validate() and `docextract validate` on small hand-written text reports (tests/fixtures/validate)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import paths
import pytest
from typer.testing import CliRunner

from docextract.cli import app
from docextract.model.errors import DocextractError
from docextract.pipeline import validate
from docextract.rules.patterns import validation_patterns

FIXTURES = paths.FIXTURES / "validate"
CLEAN = FIXTURES / "clean-pdu.txt"
DEFECTS = FIXTURES / "defects-pdu.txt"
WARNINGS = FIXTURES / "warnings-pdu.txt"
runner = CliRunner()


def test_clean_fixture_has_no_errors() -> None:
    result = validate(CLEAN)
    assert result.report.framework == "probation-pdu-2023"
    assert result.errors == []
    assert result.ok
    # the fixture prints no key-question tables and no recommendations: only that may be reported
    assert {i.code for i in result.warnings} <= {"missing_value", "not_checked"}


def test_defects_fixture_fires_each_text_check() -> None:
    result = validate(DEFECTS)
    found = Counter(i.code for i in result.issues if i.code not in ("missing_value", "not_checked"))
    assert found == {
        "score_mismatch": 1,
        "narrative_rating_mismatch": 3,
        "broken_cross_reference": 1,
        "date_out_of_range": 2,
        "count_percent_mismatch": 1,
    }
    narrative = sorted((i.standard or "unit", i.expected, i.found) for i in result.issues if i.code.startswith("narr"))
    assert narrative == [
        ("2.1", "Good", "Outstanding"),
        ("2.4", "Inadequate", "Requires improvement"),  # "for this standard" under the 2.4 heading
        ("unit", "Requires improvement", "Good"),
    ]
    dates = sorted(str(i.found) for i in result.issues if i.code == "date_out_of_range")
    assert dates == ["2 September 2004", "4 October 2024"]
    (count,) = [i for i in result.issues if i.code == "count_percent_mismatch"]
    assert (count.expected, count.found) == ("75%", "57%")
    assert all(i.page == 1 for i in result.issues if i.code != "not_checked")
    lines = DEFECTS.read_text(encoding="utf-8").splitlines()
    for found in [i for i in result.issues if i.code != "not_checked"]:  # every finding: its line, a quotation
        assert found.line is not None and found.quotation, found
        if found.code in ("broken_cross_reference", "date_out_of_range", "count_percent_mismatch"):
            assert str(found.found).split()[0] in lines[found.line - 1], found


def test_previous_inspection_ratings_are_skipped() -> None:
    # both fixtures say the previous inspection rated reviewing 'Good' (the table says Inadequate)
    assert "previous inspection" in CLEAN.read_text(encoding="utf-8")
    assert not [i for i in validate(CLEAN).issues if i.code == "narrative_rating_mismatch"]


def test_unreadable_file_raises() -> None:
    with pytest.raises(DocextractError):
        validate(FIXTURES / "missing.txt")


# --- CLI ------------------------------------------------------------------------------------


def test_cli_exit_codes() -> None:
    assert runner.invoke(app, ["validate", str(CLEAN)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(WARNINGS)]).exit_code == 0
    assert runner.invoke(app, ["validate", "--strict", str(WARNINGS)]).exit_code == 1
    assert runner.invoke(app, ["validate", str(DEFECTS)]).exit_code == 1
    assert runner.invoke(app, ["validate", str(CLEAN), str(DEFECTS)]).exit_code == 1


def test_cli_unreadable_file_exits_2_and_keeps_going(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    result = runner.invoke(app, ["validate", str(missing), str(DEFECTS)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and "no such file" in lines[0]
    assert "broken_cross_reference" in result.stdout  # the second file was still checked
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_text_output_groups_and_summarises() -> None:
    out = runner.invoke(app, ["validate", str(DEFECTS)]).stdout
    lines = out.splitlines()
    assert lines[0] == str(DEFECTS)
    assert "  Harrowby Marsh PDU › 2.4 Reviewing" in lines
    assert "  Whole report" in lines
    assert lines[-1].startswith(f"{DEFECTS}: 5 errors, ") and lines[-1].endswith("(FAILED)")


def test_cli_json_is_always_a_list() -> None:
    one = json.loads(runner.invoke(app, ["validate", "--format", "json", str(DEFECTS)]).stdout)
    assert isinstance(one, list) and len(one) == 1  # a glob matching one file gives the same shape as several
    assert set(one[0]) == {"file", "ok", "fully_checked", "verdict", "issues"}
    assert one[0]["verdict"] == "FAILED"
    assert one[0]["ok"] is False
    assert set(one[0]["issues"][0]) == {
        "code", "severity", "message", "unit", "standard", "page", "expected", "found",
        "bbox", "line", "section", "paragraph", "row", "quotation",
    }  # fmt: skip
    several = json.loads(runner.invoke(app, ["validate", "-f", "json", str(CLEAN), str(DEFECTS)]).stdout)
    assert [(f["file"], f["ok"]) for f in several] == [(str(CLEAN), True), (str(DEFECTS), False)]


def test_cli_sarif() -> None:
    result = runner.invoke(app, ["validate", "--format", "sarif", str(DEFECTS)])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == list(validation_patterns().checks)
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    assert "informationUri" not in run["tool"]["driver"]  # no invented home page (fresh-user test)
    uri = os.path.relpath(DEFECTS)  # relative to the working directory, not resolved
    assert run["artifacts"] == [{"location": {"uri": uri, "uriBaseId": "SRCROOT"}}]
    xref = next(r for r in run["results"] if r["ruleId"] == "broken_cross_reference")
    assert xref["level"] == "error"
    assert rules[xref["ruleIndex"]] == "broken_cross_reference"
    location = xref["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == uri
    line = next(n for n, text in enumerate(DEFECTS.read_text().splitlines(), 1) if "Error!" in text)
    assert location["region"]["startLine"] == line
    assert "Error! Reference source not found." in location["region"]["snippet"]["text"]
    narrative = next(
        r for r in run["results"] if r["ruleId"] == "narrative_rating_mismatch" and r["properties"]["standard"]
    )
    assert narrative["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith("Harrowby Marsh PDU › ")


def test_cli_sarif_reports_unreadable_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "sarif", str(tmp_path / "gone.pdf")])
    assert result.exit_code == 2
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "no such file" in invocation["toolExecutionNotifications"][0]["message"]["text"]
