"""Recognition first: only an HM Inspectorate of Probation publication gets a kind, a framework
and values; anything else is `unknown`, with a warning, no values, and `validate` fails it.

The real non-reports are read in place from ../shared/inputs/nonreports (README there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import shared_inputs
from paths import REPO
from typer.testing import CliRunner

from docextract import parse
from docextract.cli import app
from docextract.pipeline import validate

NO_VALUES = {
    "framework": None,
    "title": None,
    "published": None,
    "units": [],
    "recommendations": [],
    "stated_recommendation_count": None,
    "previous_recommendations": [],
    "previous_recommendation_tally": None,
}

# Invented prose: a letter and a note that have the shape of a report's parts but no publisher.
LETTER = """Flat 3, 12 Orchard Row
Lowbridge LB1 2XY
14 March 2026
Dear Ms Carter,
I am writing to apply for the post of records officer advertised on your website. In my
current post I look after the filing of case papers and the annual report of our charity.
Reviewers should:
1. read the attached statement before the interview
2. contact my referees only after an offer is made
3. note that I can start in May
I look forward to hearing from you and thank you for your time and your consideration.
Yours sincerely
Sam Porter
"""
IMPRINT = "HM Inspectorate of Probation\n"


def _values(report: object) -> dict[str, object]:
    data = report.model_dump()  # type: ignore[attr-defined]
    return {key: data[key] for key in NO_VALUES}


def test_every_shared_nonreport_is_unknown_with_no_values_and_fails_validation() -> None:
    runner = CliRunner()
    problems: list[str] = []
    for pdf in shared_inputs("nonreports"):
        report = parse(pdf)
        if report.kind != "unknown":
            problems.append(f"{pdf.name}: kind {report.kind}")
        if _values(report) != NO_VALUES:
            problems.append(f"{pdf.name}: values extracted {_values(report)}")
        if not {w.code for w in report.warnings} & {"unknown_document", "little_text"}:
            problems.append(f"{pdf.name}: no warning says it is not recognised")
        result = validate(pdf)
        if result.ok or [i.code for i in result.issues] != ["not_checked"]:
            problems.append(f"{pdf.name}: validate {[(i.code, i.severity) for i in result.issues]}")
        for flags in ([], ["--strict"]):
            done = runner.invoke(app, ["validate", *flags, str(pdf)])
            if done.exit_code != 1:
                problems.append(f"{pdf.name}: validate {flags} exit {done.exit_code}")
    assert problems == []


def test_letter_shape_without_the_publisher_is_unknown(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    report = parse(path)
    assert report.kind == "unknown"
    assert _values(report) == NO_VALUES  # "Reviewers should:" + a list are not recommendations
    assert [w.code for w in report.warnings] == ["unknown_document"]
    assert "publisher cues found: none" in report.warnings[0].message


def test_the_same_letter_from_the_publisher_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(IMPRINT + LETTER, encoding="utf-8")
    assert parse(path).kind == "regional_letter"


def test_a_name_in_prose_alone_is_not_the_publisher(tmp_path: Path) -> None:
    # an academic page citing the inspectorate once in its text is not its publication
    text = "A study of supervision\n" + LETTER.replace(
        "In my", "I have read reports of HM Inspectorate of Probation. In my"
    )
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    assert parse(path).kind == "unknown"


def test_name_and_web_address_together_recognise_the_publisher(tmp_path: Path) -> None:
    text = (
        "A note on our standards\nPublished for HM Inspectorate of Probation staff\n"
        "www.justiceinspectorates.gov.uk/hmiprobation\n" + LETTER
    )
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    assert parse(path).kind == "regional_letter"


def test_little_text_is_unknown_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("HM Inspectorate of Probation\nPage 13\n", encoding="utf-8")
    report = parse(path)
    assert report.kind == "unknown"
    assert [w.code for w in report.warnings] == ["little_text"]
    result = validate(path)
    assert not result.ok
    assert [(i.code, i.severity, i.found) for i in result.issues] == [("not_checked", "error", "little_text")]


@pytest.mark.slow
def test_a_wrong_printed_maximum_does_not_change_the_framework(tmp_path: Path) -> None:
    """Regression (issue 12): probation-2018 reports with a misprinted maximum were read as 2023
    PDU inspections, their 3.1/3.2 key questions merged into 2.4."""
    import subprocess
    import sys

    repo = REPO
    base = [sys.executable, "-m", "corpora.synth", "--count", "8", "--seed", "5", "--frameworks", "probation-2018"]
    for name, extra in (("defects", ["--defects", "max_score_mismatch"]), ("clean", [])):
        done = subprocess.run(
            [*base, "--out", str(tmp_path / name), "--quiet", "--pages", "8-10", *extra],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-500:]
    pdfs = sorted((tmp_path / "defects").glob("*.pdf"))
    assert len(pdfs) == 8
    for pdf in pdfs:
        defect, clean = parse(pdf), parse(tmp_path / "clean" / pdf.name)
        assert (
            (defect.kind, defect.framework)
            == (clean.kind, clean.framework)
            == (
                "regional_inspection",
                "probation-2018",
            )
        ), pdf.name
        shape = [[(s.code, len(s.key_questions)) for s in u.standards] for u in defect.units]
        assert shape == [[(s.code, len(s.key_questions)) for s in u.standards] for u in clean.units], pdf.name


def test_a_report_without_its_ratings_table_is_not_ok_under_strict(tmp_path: Path) -> None:
    """Regression (issue 12): a report whose ratings table was removed passed `validate --strict`."""
    text = (
        "An inspection of probation services in:\nBrackenford PDU\n" + IMPRINT.strip() + ", March 2025\n"
        "We inspected the work of the unit with people on probation over three weeks, and we read the cases "
        "of a sample of people supervised by its practitioners, who told us about their caseloads.\n"
    ) * 3
    path = tmp_path / "no-ratings.txt"
    path.write_text(text, encoding="utf-8")
    result = validate(path)
    assert result.report.kind == "pdu_inspection"
    assert ("not_checked", "ratings_not_found") in {(i.code, i.found) for i in result.issues}
    runner = CliRunner()
    assert runner.invoke(app, ["validate", "--strict", str(path)]).exit_code == 1
