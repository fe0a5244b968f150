"""Youth justice inspections (youth-2018) from the generator: every layout variant parses exactly
(docextract eval, PDF and text), validates with the /36 bands, every injected defect is found
at the right standard, and resettlement (4.1) is rated but never counted."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from corpora.synth import ReportSpec, generate_report
from corpora.synth.defects import DEFECT_KINDS
from docextract.eval.evaluate import FAMILIES, evaluate
from docextract.pipeline import parse, validate

VARIANTS = list(
    itertools.product(("ruled", "borderless", "stacked"), ("plain", "comparator"), ("wide", "narrow"), (False, True))
)
STYLES = ({"page_size": "A4", "font": "Helvetica"}, {"page_size": "Letter", "font": "Times"})
# youth rules have no leadership cap: every other defect applies
YOUTH_DEFECTS = [d for d in DEFECT_KINDS if d != "leadership_cap"]
TEXT_LEVEL = {"broken_cross_reference", "count_percent_mismatch", "date_out_of_range"}


def _write(out: Path, spec: ReportSpec, text: bool = True) -> Path:
    report = generate_report(spec)
    (out / f"{report.name}.pdf").write_bytes(report.pdf)
    (out / f"{report.name}.json").write_text(report.truth_json(), encoding="utf-8")
    if text:
        (out / f"{report.name}.txt").write_text(report.text, encoding="utf-8")
    return out / f"{report.name}.pdf"


@pytest.fixture(scope="module")
def clean_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("youth")
    for n, ((table, kq, wrap, split), style) in enumerate(itertools.product(VARIANTS, STYLES)):
        layout: dict[str, object] = {"ratings_table": table, "kq_table": kq, "kq_wrap": wrap, "split_table": split,
                                     "footnote_on_percent": n % 3 == 0, "repeat_header": n % 2 == 0, **style}
        _write(out, ReportSpec(f"youth-{n:02d}", 9000 + n, "youth-2018", [], (8, 10), layout))
    return out


def test_at_least_forty_youth_reports_in_every_layout(clean_dir: Path) -> None:
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(clean_dir.glob("*.json"))]
    assert len(truths) >= 40
    assert {t["kind"] for t in truths} == {"youth_justice_inspection"}
    seen = {(t["synth"]["layout"]["ratings_table"], t["synth"]["layout"]["kq_table"], t["synth"]["layout"]["kq_wrap"],
             t["synth"]["layout"]["split_table"]) for t in truths}
    assert seen == set(VARIANTS)
    assert {t["synth"]["variant"] for t in truths} == {"joint_working", "ocd_policy"}  # both forms of 3.4


@pytest.mark.slow
def test_youth_reports_parse_exactly(clean_dir: Path) -> None:
    result = evaluate(clean_dir, clean_dir)
    assert result.failed == []
    assert result.documents == 2 * len(list(clean_dir.glob("*.pdf")))  # PDFs and their texts
    for family in FAMILIES:
        tally = result.strict[family]
        assert (family, tally.matched) == (family, tally.expected), family
        assert tally.predicted == tally.expected, family


def test_youth_reports_validate_with_the_36_point_bands(clean_dir: Path) -> None:
    for pdf in sorted(clean_dir.glob("*.pdf"))[::4]:
        result = validate(pdf)
        assert [(i.code, i.message) for i in result.issues] == [], pdf.name
        [unit] = result.report.units
        assert (result.report.framework, unit.max_score) == ("youth-2018", 36)
        counted = [s for s in unit.standards if s.counted]
        assert len(counted) == 12
        assert unit.score == sum(("Inadequate", "Requires improvement", "Good", "Outstanding").index(s.rating or "")
                                 for s in counted)


def test_resettlement_is_rated_but_never_counted(clean_dir: Path) -> None:
    for pdf in sorted(clean_dir.glob("*.pdf"))[:6]:
        [unit] = parse(pdf).units
        resettlement = [s for s in unit.standards if s.code == "4.1"]
        assert [(s.name, s.counted, s.rating is not None) for s in resettlement] == [
            ("Resettlement policy and provision", False, True)
        ]


@cache
def _defect_reports(out: Path) -> list[Path]:
    return [_write(out, ReportSpec(f"youth-defects-{n:02d}", 7100 + n, "youth-2018", YOUTH_DEFECTS, (8, 10)), False)
            for n in range(10)]


def test_every_injected_defect_is_found_at_its_standard(tmp_path: Path) -> None:
    problems: list[str] = []
    kinds: set[str] = set()
    for pdf in _defect_reports(tmp_path):
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        result = validate(pdf)
        injected = Counter(item["type"] for item in truth["known_inconsistencies"])
        found = Counter(issue.code for issue in result.issues)
        kinds |= set(injected)
        problems += [f"{pdf.name}: {code} injected, not found" for code in injected if not found[code]]
        problems += [f"{pdf.name}: {code} found, not injected" for code in found if code not in injected]
        for item in truth["known_inconsistencies"]:
            where, same = item["where"], [i for i in result.issues if i.code == item["type"]]
            if item["type"] in TEXT_LEVEL:  # findings in the text are located by page
                if where.get("page") not in {i.page for i in same}:
                    problems.append(f"{pdf.name}: {item['type']} expected on page {where.get('page')}")
            elif where.get("standard") is not None and where["standard"] not in {i.standard for i in same}:
                problems.append(f"{pdf.name}: {item['type']} expected at {where['standard']}, "
                                f"found at {sorted(str(i.standard) for i in same)}")
    assert problems == []
    assert kinds == set(YOUTH_DEFECTS)
