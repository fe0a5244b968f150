"""Generated reports with defects against their clean twins (same seed, no defects) (issue 12).

- A defect changes nothing but itself: kind, framework, units, standards and key questions
  parse the same as the clean twin's, for every framework and every defect kind.
- `validate` finds each injected defect at its own unit and standard, and nothing else.

The batch (tests/support/twins.py) is generated once per run and shared with
test_synth_null_warnings.py, which proves every null of its 200 reports has a warning.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import records
import twins
from twins import FRAMEWORKS, Batches

from corpora.synth.defects import DEFECT_KINDS
from docextract import parse
from docextract.extract.explain import explains
from docextract.model.record import InspectionReport
from docextract.validation.checks import Issue


@pytest.fixture(scope="session")
def batches(tmp_path_factory: pytest.TempPathFactory) -> Batches:
    """Per framework: (reports with every defect kind, clean twins of the first of them)."""
    return twins.batches(tmp_path_factory)


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


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_defects_change_nothing_but_themselves(batches: Batches, framework: str) -> None:
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


def test_every_defect_kind_is_exercised(batches: Batches) -> None:
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
