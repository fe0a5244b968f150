"""Generated reports: every injected defect fires its check, and nothing else fires.

The generator (corpora.synth) records exactly what it injected in `known_inconsistencies`;
its clean reports must give no finding at all."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import records
from paths import REPO

from corpora.synth.defects import DEFECT_KINDS
from docextract.pipeline import validate


def _generate(out: Path, count: int, seed: int, *extra: str) -> list[Path]:
    command = [sys.executable, "-m", "corpora.synth", "--out", str(out), "--count", str(count), "--seed", str(seed)]
    done = subprocess.run([*command, "--quiet", *extra], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    return sorted(out.glob("*.pdf"))


@pytest.fixture(scope="module")
def with_defects(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _generate(tmp_path_factory.mktemp("defects"), 12, 5, "--defects", "all")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _generate(tmp_path_factory.mktemp("clean"), 8, 6, "--pages", "8-10")


@pytest.mark.slow
def test_every_injected_defect_fires_and_nothing_else(with_defects: list[Path]) -> None:
    injected_kinds: set[str] = set()
    problems: list[str] = []
    for pdf in with_defects:
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        result = records.validated(pdf)
        assert [u.name for u in result.report.units] == [u["name"] for u in truth["units"]], pdf.name
        injected = Counter(item["type"] for item in truth["known_inconsistencies"])
        found = Counter(issue.code for issue in result.issues)
        injected_kinds |= set(injected)
        problems += [f"{pdf.name}: {code} injected, not found" for code in injected if not found[code]]
        problems += [f"{pdf.name}: {code} found, not injected" for code in found if code not in injected]
    assert problems == []
    assert injected_kinds == set(DEFECT_KINDS)  # the batch exercises every check


def test_clean_reports_give_no_findings(clean: list[Path]) -> None:
    for pdf in clean:
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        assert truth["known_inconsistencies"] == []
        result = validate(pdf)
        assert [(i.code, i.message) for i in result.issues] == [], pdf.name


@pytest.mark.parametrize(("framework", "seed"), [("probation-2018", 2), ("probation-pdu-2023", 3), ("youth-2018", 4)])
def test_finding_in_annex_table_is_placed_at_its_standard(tmp_path: Path, framework: str, seed: int) -> None:
    """A broken reference printed in a key question of the annex table, whose standard rows print
    the standard's rating beside its code and name ("2.3. Planning  Good", or "Requires" with
    "improvement" wrapped below): the finding names that unit and standard, as in a section."""
    from corpora.synth import ReportSpec, generate_report

    spec = ReportSpec("annex-ref", seed, framework, ["broken_cross_reference"], (3, 4),
                      {"kq_place": "annex", "rating_wrap": False}, "all")
    report = generate_report(spec)
    pdf = tmp_path / "annex-ref.pdf"
    pdf.write_bytes(report.pdf)
    [injected] = report.truth["known_inconsistencies"]
    assert injected["where"].get("key_question")  # the reference is in a key question's cell
    found = [(i.code, i.unit, i.standard) for i in validate(pdf).issues]
    assert found == [("broken_cross_reference", injected["where"]["unit"], injected["where"]["standard"])]


def test_records_give_the_reports_findings(with_defects: list[Path], tmp_path: Path) -> None:
    """`validate record.json` (the record `parse -f json` writes) gives every finding of `validate
    report.pdf`, the text checks' included, at the same place with the same quotation."""
    from docextract.serialize.json_output import to_json

    for pdf in with_defects:
        from_pdf = records.validated(pdf)
        record = tmp_path / f"{pdf.stem}.json"
        record.write_text(to_json(from_pdf.report), encoding="utf-8")
        from_record = validate(record)
        assert [i.model_dump() for i in from_record.issues] == [i.model_dump() for i in from_pdf.issues], pdf.name
        assert from_record.not_run == []
