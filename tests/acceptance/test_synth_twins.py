"""Generated reports with defects against their clean twins (same seed, no defects), and the
null-has-a-warning property (issue 12).

- A defect changes nothing but itself: kind, framework, units, standards and key questions
  parse the same as the clean twin's, for every framework and every defect kind.
- `validate` finds each injected defect at its own unit and standard, and nothing else.
- Every null value of every record (200 generated reports with defects) has a warning naming
  its field (docextract.extract.explain).

Generated once per session into a temporary directory (about a minute on two cores).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import records
from paths import REPO

from corpora.synth.defects import DEFECT_KINDS
from docextract import parse
from docextract.extract.explain import explains, unexplained_nulls
from docextract.model.record import InspectionReport
from docextract.validation.checks import Issue

FRAMEWORKS = ("probation-2018", "probation-pdu-2021", "probation-pdu-2023", "regional_letter", "youth-2018")
TWINS = 5  # per framework, with their clean twins
PROPERTY_TOTAL = 200  # reports with defects for the null property


def _generate(out: Path, framework: str, count: int, *extra: str) -> list[Path]:
    command = [sys.executable, "-m", "corpora.synth", "--out", str(out), "--count", str(count), "--seed", "5"]
    command += ["--frameworks", framework, "--pages", "8-12", "--jobs", "2", "--quiet", *extra]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-500:]
    return sorted(out.glob("*.pdf"))


@pytest.fixture(scope="session")
def batches(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[Path], list[Path]]]:
    """Per framework: (reports with every defect kind, clean twins of the first TWINS of them)."""
    root = tmp_path_factory.mktemp("twins")
    count = PROPERTY_TOTAL // len(FRAMEWORKS)
    out: dict[str, tuple[list[Path], list[Path]]] = {}
    for framework in FRAMEWORKS:
        defects = _generate(root / f"defects-{framework}", framework, count, "--defects", "all")
        clean = _generate(root / f"clean-{framework}", framework, TWINS)
        out[framework] = (defects, clean)
    return out


def _shape(report: InspectionReport) -> tuple[Any, ...]:
    units = [
        (u.name, [(s.code, s.name, [(k.code, k.text) for k in s.key_questions]) for s in u.standards])
        for u in report.units
    ]
    return (report.kind, report.framework, units)


def _at_its_place(injected: dict[str, Any], found: Issue) -> bool:
    where = injected["where"]
    return (
        found.code == injected["type"] and found.unit == where.get("unit") and found.standard == where.get("standard")
    )  # (not the page: the generator records the page a split table starts on, not the one printing it)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_defects_change_nothing_but_themselves(
    batches: dict[str, tuple[list[Path], list[Path]]], framework: str
) -> None:
    _, clean = batches[framework]
    problems: list[str] = []
    injected_kinds: set[str] = set()
    for twin in clean:
        pdf = twin.parent.parent / f"defects-{framework}" / twin.name
        result = records.validated(pdf)
        if _shape(result.report) != _shape(parse(twin)):
            problems.append(f"{pdf.name}: parses differently from its clean twin")
        injected = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["known_inconsistencies"]
        injected_kinds |= {item["type"] for item in injected}
        for item in injected:
            if not any(_at_its_place(item, found) for found in result.issues):
                problems.append(f"{pdf.name}: {item['type']} at {item['where']} not found there")
        for found in result.issues:
            if not any(_at_its_place(item, found) for item in injected):
                problems.append(
                    f"{pdf.name}: {found.code} ({found.unit}, {found.standard}, p.{found.page}) not injected"
                )
    assert problems == []
    assert injected_kinds  # every twin carries defects


def test_every_defect_kind_is_exercised(batches: dict[str, tuple[list[Path], list[Path]]]) -> None:
    kinds: set[str] = set()
    for _, clean in batches.values():
        for twin in clean:
            truth = json.loads(
                (twin.parent.parent / twin.parent.name.replace("clean-", "defects-") / twin.name)
                .with_suffix(".json")
                .read_text(encoding="utf-8")
            )
            kinds |= {item["type"] for item in truth["known_inconsistencies"]}
    assert kinds == set(DEFECT_KINDS)


def test_every_null_has_a_warning_naming_its_field(batches: dict[str, tuple[list[Path], list[Path]]]) -> None:
    reports = [pdf for defects, _ in batches.values() for pdf in defects]
    assert len(reports) == PROPERTY_TOTAL
    problems: dict[str, list[str]] = {}
    nulls = 0
    for pdf in reports:
        report = records.parsed(pdf)  # the twins above were read once already
        missing = unexplained_nulls(report)
        if missing:
            problems[pdf.name] = missing[:5]
        for warning in report.warnings:
            if warning.field is not None and warning.field != "*":
                assert warning.message, warning  # the reason
        nulls += sum(1 for w in report.warnings if w.field)
    assert problems == {}
    assert nulls > 0  # the batch has null values to explain (hidden ratings, refused maxima...)


def test_field_paths_match_items_and_wildcards() -> None:
    assert explains("units[0].standards[4].rating", "units[0].standards[4].rating")
    assert not explains("units[0].standards[4].rating", "units[0].standards[3].rating")
    assert explains(
        "units[*].standards[*].key_questions[*].comparator_*", "units[1].standards[2].key_questions[0].comparator_label"
    )
    assert explains("units[0]", "units[0].standards[1].rating")  # an item explains what it holds
    assert not explains("units[0]", "units[1].name")
    assert explains("*", "title")
    assert not explains(None, "title")
