"""The producer matrix (corpora/synth/producers.py): the same reports printed by reportlab,
fpdf2, WeasyPrint, headless Chromium, LibreOffice and a Ghostscript re-distillation, committed
under tests/fixtures/producers/ (``make fixtures`` regenerates them; needs the programs, never
run under CI). Each parses to its truth exactly; clean reports validate with no finding and the
defect reports with exactly the injected ones. Needs no browser."""

from __future__ import annotations

import json
import os
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import paths
import pytest
import records

from corpora.synth import fixtures as fx
from corpora.synth.generate import compose_report
from corpora.synth.producers import PRODUCERS, _from_pdf, _own_layout
from docextract.model.record import InspectionReport
from docextract.validation.run import ValidationResult

FIXTURES = paths.FIXTURES / "producers"
NAMES = [f"{producer}-{f.stem}" for producer in PRODUCERS for f in fx.FIXTURES]

# What docextract does not read exactly yet (issue 11), with the reason. Strict: a fixture that
# starts passing fails the run until its entry is removed here.
KNOWN_PARSE: dict[str, str] = {}
KNOWN_VALIDATE: dict[str, str] = {}


@cache
def truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def checked(name: str) -> ValidationResult:
    """The fixture parsed and validated (one read per process for every test: tests/support/records.py)."""
    return records.validated(FIXTURES / f"{name}.pdf")


def parsed(name: str) -> InspectionReport:
    return records.parsed(FIXTURES / f"{name}.pdf")


def _cases(known: dict[str, str]) -> list[Any]:
    return [pytest.param(name, id=name, marks=[pytest.mark.xfail(reason=known[name], strict=True)]
                         if name in known else []) for name in NAMES]


def view(record: dict[str, Any]) -> dict[str, Any]:
    """The fields the truth states, in one comparable shape (record dump or truth)."""
    stated = record.get("stated_recommendation_count")
    if isinstance(stated, dict):
        stated = stated.get("value")
    return {
        "kind": record["kind"], "framework": record["framework"], "title": record["title"],
        "published": record["published"],
        "units": [
            {"name": u["name"], "overall_rating": u["overall_rating"], "score": u["score"],
             "max_score": u["max_score"],
             "standards": [(s["code"], s["name"], s["rating"],
                            [(k["text"], k["percent"]) for k in s["key_questions"]]) for s in u["standards"]]}
            for u in record["units"]
        ],
        "recommendations": [(r["number"], r["unit"], r["addressee"], r["text"]) for r in record["recommendations"]],
        "stated_recommendation_count": stated,
    }  # fmt: skip


def test_known_faults_name_real_fixtures() -> None:
    assert set(KNOWN_PARSE) | set(KNOWN_VALIDATE) <= set(NAMES)


def test_every_producer_and_framework_is_committed() -> None:
    present = {p.stem for p in FIXTURES.glob("*.pdf")}
    assert present == set(NAMES)
    assert all((FIXTURES / f"{name}.json").is_file() for name in NAMES)
    frameworks = {truth(n)["framework"] for n in NAMES} | {truth(n)["kind"] for n in NAMES}
    assert {"probation-2018", "probation-pdu-2021", "probation-pdu-2023", "regional_letter"} <= frameworks
    assert {truth(n)["synth"]["producer"] for n in NAMES} == set(PRODUCERS)


def test_every_layout_variant_is_in_the_set() -> None:
    layouts = [truth(n)["synth"]["layout"] for n in NAMES]
    seen = {(key, str(value)) for lay in layouts for key, value in lay.items()}
    for wanted in [("ratings_table", "ruled"), ("ratings_table", "borderless"), ("ratings_table", "stacked"),
                   ("ratings_table", "lines"), ("score_format", "slash"), ("score_format", "spaced"),
                   ("score_format", "words"), ("rating_wrap", "True"), ("domain_after_recs", "True"),
                   ("published_style", "year_only"), ("kq_place", "annex"), ("kq_table", "comparator"),
                   ("kq_row_split", "True")]:
        assert wanted in seen, wanted


@pytest.mark.parametrize("name", _cases(KNOWN_PARSE))
def test_parses_to_its_truth(name: str) -> None:
    assert view(parsed(name).model_dump()) == view(truth(name))


@pytest.mark.parametrize("name", _cases(KNOWN_VALIDATE))
def test_validate_finds_exactly_the_injected(name: str) -> None:
    injected = Counter(item["type"] for item in truth(name)["known_inconsistencies"])
    found = Counter(issue.code for issue in checked(name).issues)
    assert set(found) == set(injected), (dict(found), dict(injected))


@pytest.mark.parametrize("name", NAMES)
def test_committed_truth_is_what_the_generator_makes(name: str) -> None:
    """The golden truth is today's generator's: after a generator change, run `make fixtures`
    (and review the diff). Pages are located in the committed PDF, so no browser is needed."""
    producer = truth(name)["synth"]["producer"]
    spec = next(f.spec(producer) for f in fx.FIXTURES if f"{producer}-{f.stem}" == name)
    composed = compose_report(spec)
    if producer in ("reportlab", "fpdf2"):
        made = _own_layout(composed, producer)
        assert made.pdf == (FIXTURES / f"{name}.pdf").read_bytes()  # byte-identical for a seed
    else:
        made = _from_pdf(composed, producer, (FIXTURES / f"{name}.pdf").read_bytes())
        if producer == "ghostscript":
            made.truth["synth"]["distilled_from"] = "reportlab"
    assert made.truth == truth(name)


def test_regeneration_is_an_explicit_switch_and_refused_under_ci(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert fx.main(["--out", str(tmp_path), "--producers", "reportlab"]) == 0  # a dry run writes nothing
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("CI", "true")
    assert fx.main(["--write", "--out", str(tmp_path), "--producers", "reportlab"]) == 2
    assert list(tmp_path.iterdir()) == []


def test_ci_does_not_regenerate_fixtures() -> None:
    if os.environ.get("CI"):
        assert fx.main(["--write", "--out", str(FIXTURES)]) == 2


def synth_view(record_units: list[dict[str, Any]]) -> list[Any]:
    """Every key question's value, comparison value and label, and its prompts, per standard."""
    return [
        [(s["code"], [(k["percent"], k["comparator_percent"], k["comparator_label"],
                       [(p["text"], p["percent"]) for p in k["prompts"]]) for k in s["key_questions"]])
         for s in u["standards"]]
        for u in record_units
    ]  # fmt: skip


@pytest.mark.parametrize("name", _cases(KNOWN_PARSE))
def test_comparators_and_prompts_as_printed(name: str) -> None:
    """The comparison column (in a standard's section or in the annex table) and the prompts
    against the generator's own account of what it printed (truth `synth.units`)."""
    units = [u.model_dump() for u in parsed(name).units]
    assert synth_view(units) == synth_view(truth(name)["synth"].get("units", []))
