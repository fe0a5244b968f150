"""Tests of the synthetic report generator (corpora.synth), independent of the docextract parser."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import yaml
from paths import REPO

from corpora.synth import GeneratedReport, ReportSpec, generate_report
from corpora.synth.cli import derive_seed, main
from corpora.synth.defects import DEFECT_KINDS

RULES = yaml.safe_load((REPO / "patterns" / "frameworks.yaml").read_text(encoding="utf-8"))
TRUTH_KEYS = {"file", "kind", "framework", "title", "published", "units", "recommendations",
              "stated_recommendation_count", "known_inconsistencies", "synth"}
SMALL = (8, 10)  # target pages: keeps every report at its structural minimum (fast)
CHOICES = ("probation-2018", "probation-pdu-2021", "probation-pdu-2023", "regional_letter")
COUNT_PERCENT = re.compile(r"(\d+) out of (\d+) [a-z ]*?\((\d+)%\)")


@cache
def make(framework: str, seed: int = 11, defects: tuple[str, ...] = (),
         layout: tuple[tuple[str, object], ...] = ()) -> GeneratedReport:
    spec = ReportSpec(f"t-{framework}-{seed}", seed, framework, list(defects), SMALL, dict(layout))
    return generate_report(spec)


def pdf_text(report: GeneratedReport) -> str:
    return _pdf_text(report.pdf)


@cache
def _pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def band(bands: list[dict[str, Any]], value: int) -> str:
    return str([b["rating"] for b in bands if value >= b["min"]][-1])


def percent(yes: int, total: int) -> int:
    return (200 * yes + total) // (2 * total)


# -- determinism -------------------------------------------------------------------------------

def test_same_seed_gives_identical_truth_and_pdf() -> None:
    spec = ReportSpec("det", 1234, "probation-pdu-2021", ["numbering_gap"], SMALL)
    a, b = generate_report(spec), generate_report(spec)
    assert a.truth_json() == b.truth_json()
    assert a.pdf == b.pdf
    assert a.text == b.text
    other = generate_report(ReportSpec("det", 1235, "probation-pdu-2021", ["numbering_gap"], SMALL))
    assert other.truth_json() != a.truth_json()


def test_cli_is_deterministic_across_jobs(tmp_path: Path) -> None:
    args = ["--count", "3", "--seed", "5", "--pages", "8-10", "--text", "--quiet"]
    assert main(["--out", str(tmp_path / "a"), *args]) == 0
    assert main(["--out", str(tmp_path / "b"), "--jobs", "2", *args]) == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 9
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_cli_rejects_unknown_defect(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--defects", "no_such_kind"]) == 2


# -- frameworks ----------------------------------------------------------------------------------

@pytest.mark.parametrize("choice", CHOICES)
def test_framework_structure(choice: str) -> None:
    report = make(choice)
    truth = report.truth
    assert set(truth) == TRUTH_KEYS
    fw = RULES["frameworks"][truth["framework"]]
    expected_kind = {"probation-2018": "regional_inspection", "regional_letter": "regional_letter"}
    assert truth["kind"] == expected_kind.get(choice, "pdu_inspection")
    text = flat(pdf_text(report))
    for unit in truth["units"]:
        assert unit["max_score"] == fw["max_score"]
        codes = [s["code"] for s in unit["standards"]]
        assert len(codes) == fw["max_score"] // 3
        assert len(set(codes)) == len(codes)
    if choice == "regional_letter":
        assert truth["framework"] in ("probation-pdu-2021", "probation-pdu-2023")
        assert truth["title"] is None
        assert 2 <= len(truth["units"]) <= 3
        assert "Annexe one – Recommendations" in text and "Annexe two - PDU ratings" in text
        for unit in truth["units"]:
            numbers = [r["number"] for r in truth["recommendations"] if r["unit"] == unit["name"]]
            assert numbers == list(range(1, len(numbers) + 1))  # numbering restarts per PDU
            assert f"{unit['name']} should:" in text
    else:
        assert truth["framework"] == choice
        assert truth["title"] == f"An inspection of probation services in: {truth['units'][0]['name']}"
        assert f"HM Inspectorate of Probation, {dt.date.fromisoformat(truth['published'] + '-01'):%B %Y}" in text
        assert 8 <= truth["synth"]["pages"] <= 30
    if truth["framework"] == "probation-pdu-2023" and choice != "regional_letter":
        assert "P 2.1. Assessment" in text
    if choice == "probation-pdu-2021":
        assert "2.1. Court work" in text
    if choice == "probation-2018":
        third = {s["name"] for s in truth["units"][0]["standards"] if s["code"].startswith("3.")}
        assert third in ({"Court reports and case allocation", "Statutory victim work"},
                         {"Unpaid work", "Through the Gate"})


def test_default_lengths_are_realistic() -> None:
    pages = {}
    for choice in ("probation-pdu-2023", "regional_letter"):
        report = generate_report(ReportSpec("len", 77, choice))
        pages[choice] = report.truth["synth"]["pages"]
    assert 25 <= pages["probation-pdu-2023"] <= 70
    assert 6 <= pages["regional_letter"] <= 16


# -- layout variants ------------------------------------------------------------------------------

VARIANTS: list[tuple[str, object]] = [
    ("page_size", "A4"), ("page_size", "Letter"), ("font", "Helvetica"), ("font", "Times"),
    ("heading_colour", "navy"), ("heading_colour", "teal"), ("heading_colour", "plum"), ("heading_colour", "black"),
    ("ratings_table", "ruled"), ("ratings_table", "borderless"), ("ratings_table", "stacked"),
    ("kq_table", "plain"), ("kq_table", "comparator"), ("kq_wrap", "wide"), ("kq_wrap", "narrow"),
    ("split_table", True), ("split_table", False), ("footnote_on_percent", True),
    ("footnote_on_percent", False), ("repeat_header", True), ("repeat_header", False),
]


@pytest.mark.parametrize(("key", "value"), VARIANTS)
def test_layout_variant(key: str, value: object) -> None:
    extra = (("footnote_on_percent", False),) if key == "kq_table" else ()
    report = make("probation-pdu-2023", 21, layout=((key, value), *extra))
    assert report.truth["synth"]["layout"][key] == value
    text = pdf_text(report)
    pdf = pdfium.PdfDocument(report.pdf)
    width, height = pdf[0].get_size()
    pdf.close()
    unit = report.truth["units"][0]
    if key == "page_size":
        assert (round(width), round(height)) == ((595, 842) if value == "A4" else (612, 792))
    elif key == "font":
        assert (b"/Times-Roman" in report.pdf) == (value == "Times")
    elif key == "ratings_table":
        ratings_page = report.text.split("\f")[3]
        if value == "stacked":
            assert "\t" not in ratings_page
            assert f"Score {unit['score']}/{unit['max_score']}" in ratings_page
        else:
            assert f"\t{unit['name']}\tScore\t{unit['score']}/{unit['max_score']}" in ratings_page
            assert "\tAssessment\t" in ratings_page
    elif key == "kq_table":
        body = re.split(r"[\n\f]Annexe 1: Methodology\n", report.text)[0]
        assert ("Current inspection" in body) == (value == "comparator")
        kq = report.truth["synth"]["units"][0]["standards"][-1]["key_questions"][0]
        assert (kq["comparator_percent"] is not None) == (value == "comparator")
        if value == "comparator":
            assert kq["comparator_label"] == "All PDUs inspected"
            assert f"{kq['percent']}%\t{kq['comparator_percent']}%" in report.text
        else:
            assert "Key question\tPercentage 'Yes'" in report.text
    elif key == "split_table":
        kq_splits = [s for s in report.truth["synth"]["split_tables"] if s["table"].startswith("kq-")]
        assert bool(kq_splits) == value
    elif key == "footnote_on_percent":
        assert bool(re.search(r"\d%\d", text)) == value
        assert bool(re.search(r"\d%[⁰¹²³⁴⁵⁶⁷⁸⁹]", report.text)) == value


def test_split_table_repeats_header_when_asked() -> None:
    report = make("probation-pdu-2023", 21, layout=(("split_table", True), ("repeat_header", True)))
    split = next(s for s in report.truth["synth"]["split_tables"] if s["table"].startswith("kq-"))
    page = report.text.split("\f")[split["continues_on_page"] - 1]
    assert page.startswith("Key question\tPercentage 'Yes'") or page.startswith("Comparison with")


# -- clean reports are consistent -----------------------------------------------------------------

@pytest.mark.parametrize("choice", CHOICES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clean_report_is_consistent(choice: str, seed: int) -> None:
    report = make(choice, seed)
    truth = report.truth
    assert truth["known_inconsistencies"] == []
    fw = RULES["frameworks"][truth["framework"]]
    kq_bands = RULES["key_question_bands"]["bands"]
    for unit in truth["units"]:
        ratings = {s["code"]: s["rating"] for s in unit["standards"]}
        for s in unit["standards"]:
            assert s["rating"] in RULES["ratings"]
            if s["key_questions"]:
                assert s["rating"] == band(kq_bands, min(k["percent"] for k in s["key_questions"]))
        assert unit["score"] == sum(RULES["ratings"][r] for r in ratings.values())
        assert unit["overall_rating"] == band(fw["overall_bands"], unit["score"])
        if fw["leadership_cap"] and ratings["1.1"] == "Outstanding":
            case = [s["rating"] for s in unit["standards"] if s["code"].startswith("2.")]
            assert all(RULES["ratings"][r] >= 2 for r in case)
        numbers = [r["number"] for r in truth["recommendations"] if r["unit"] == unit["name"]]
        assert numbers == list(range(1, len(numbers) + 1))
    stated = truth["stated_recommendation_count"]
    assert stated is None or stated == len(truth["recommendations"])
    for kq_unit in truth["synth"]["units"]:
        for s in kq_unit["standards"]:
            for kq in s["key_questions"]:
                assert kq["percent"] == percent(kq["yes"], kq["total"])
    for match in COUNT_PERCENT.finditer(report.text):
        yes, total, pct = map(int, match.groups())
        assert percent(yes, total) == pct, match.group(0)
    assert "Error!" not in report.text
    published = dt.date.fromisoformat(truth["published"] + "-01")
    fieldwork = dt.date.fromisoformat(truth["synth"]["fieldwork_start"])
    assert fieldwork < published
    for start, end in truth["synth"]["sample_windows"]:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        assert a <= b < fieldwork and (fieldwork - a).days < 400
    for year in re.findall(r"\b(19\d\d|20\d\d)\b", report.text):
        assert abs(int(year) - published.year) <= 2, year


# -- defects ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", DEFECT_KINDS)
def test_each_defect_is_injected_and_listed_once(kind: str) -> None:
    report = make("probation-pdu-2023", 31, (kind,))
    truth = report.truth
    assert [i["type"] for i in truth["known_inconsistencies"]] == [kind]
    assert truth["synth"]["defects_skipped"] == []
    inc = truth["known_inconsistencies"][0]
    assert inc["detail"] and isinstance(inc["where"], dict)
    unit = truth["units"][0]
    bad_counts = [m for m in COUNT_PERCENT.finditer(report.text)
                  if percent(int(m.group(1)), int(m.group(2))) != int(m.group(3))]
    assert len(bad_counts) == (1 if kind == "count_percent_mismatch" else 0)
    assert ("Error!" in report.text) == (kind == "broken_cross_reference")
    if kind == "missing_value":
        std = next(s for s in unit["standards"] if s["code"] == inc["where"]["code"])
        assert std["rating"] is None
    if kind == "recommendation_count_mismatch":
        assert truth["stated_recommendation_count"] != len(truth["recommendations"])
    if kind == "max_score_mismatch":
        assert f"{unit['score']}/{unit['max_score']}" in flat(pdf_text(report))
        assert unit["max_score"] != 21
    if kind == "narrative_rating_mismatch":
        assert f"rated as '{inc['where']['said']}'" in flat(pdf_text(report))
    if kind in ("numbering_gap", "numbering_duplicate"):
        numbers = [r["number"] for r in truth["recommendations"]]
        assert numbers != list(range(1, len(numbers) + 1))
    if "page" in inc["where"]:
        assert 1 <= inc["where"]["page"] <= truth["synth"]["pages"]


def test_all_defects_together() -> None:
    report = make("probation-pdu-2021", 41, tuple(DEFECT_KINDS))
    types = [i["type"] for i in report.truth["known_inconsistencies"]]
    assert sorted(types) == sorted(DEFECT_KINDS)


def test_inapplicable_defects_are_skipped_and_recorded() -> None:
    report = make("probation-2018", 41, ("leadership_cap", "score_mismatch"))
    assert [i["type"] for i in report.truth["known_inconsistencies"]] == ["score_mismatch"]
    assert report.truth["synth"]["defects_skipped"] == ["leadership_cap"]


# -- the PDF carries the truth ----------------------------------------------------------------------

@pytest.mark.parametrize("choice", CHOICES)
def test_pdf_text_contains_truth_values(choice: str) -> None:
    report = make(choice, 51, layout=(("kq_wrap", "narrow"),))
    text = flat(pdf_text(report))
    for unit in report.truth["units"]:
        assert unit["name"] in text
        assert f"{unit['score']}/{unit['max_score']}" in text
        assert unit["overall_rating"] in text
        for s in unit["standards"]:
            assert s["name"] in text
            for kq in s["key_questions"]:
                assert kq["text"] in text
                assert f"{kq['percent']}%" in text
    for rec in report.truth["recommendations"]:
        assert f"{rec['number']}. {rec['text']}" in text
    pages = report.truth["synth"]["pages"]
    assert report.text.count("\f") == pages - 1
    assert all(1 <= r["page"] <= pages for r in report.truth["synth"]["recommendations"])


def test_recommendation_pages_are_right() -> None:
    report = make("probation-pdu-2021", 61)
    pdf = pdfium.PdfDocument(report.pdf)
    try:
        for rec, where in zip(report.truth["recommendations"], report.truth["synth"]["recommendations"],
                              strict=True):
            page_text = flat(pdf[where["page"] - 1].get_textpage().get_text_range())
            assert rec["text"][:40] in page_text
    finally:
        pdf.close()


# -- the committed example --------------------------------------------------------------------

def test_example_matches_documented_command() -> None:
    example = REPO / "examples" / "sample-pdu-report.json"
    spec = ReportSpec("sample-pdu-report", derive_seed(7, 0), "probation-pdu-2023", [], (10, 12))
    report = generate_report(spec)
    assert json.loads(report.truth_json()) == json.loads(example.read_text(encoding="utf-8"))
    pdf = REPO / "examples" / "sample-pdu-report.pdf"
    assert pdf.stat().st_size < 200_000
    assert 10 <= report.truth["synth"]["pages"] <= 20
