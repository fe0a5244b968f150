"""Recommendations on small synthetic fixtures: a recommendation split over a page break,
numbering restarting per unit in a letter, bullets with the number inside, a review of
previous recommendations; a reportlab PDF with hanging indents; the synthetic report
generator's output; the pattern files and helpers."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import paths
import pytest
import yaml
from corpus import canon
from paths import REPO
from pydantic import BaseModel, ValidationError

import docextract
from docextract.detect.classify import Detection, detect
from docextract.extract import addressees
from docextract.extract.recommendations.extract import (
    RecommendationsResult,
    clean_addressee,
    extract_recommendations,
    join_lines,
    number_value,
    same_body,
)
from docextract.model.record import ParseWarning, Unit
from docextract.read.open import read_document
from docextract.rules import patterns

FIXTURES = paths.FIXTURES / "recommendations"
HMPPS = "HM Prison and Probation Service (HMPPS)"

sys.path.insert(0, str(FIXTURES))
from make_pdf import render_hanging_indent  # noqa: E402


def extract(path: Path, *units: str) -> tuple[RecommendationsResult, list[ParseWarning]]:
    with read_document(path) as doc:
        return extract_recommendations(doc, detect(doc), [Unit(name=u) for u in units])


# --- .txt fixtures -----------------------------------------------------------------------


def test_recommendation_split_across_page_break() -> None:
    result, warnings = extract(FIXTURES / "page_break_split.txt", "Harrowmere PDU")
    recs = result.recommendations
    assert [r.number for r in recs] == list(range(1, 12))
    assert {r.unit for r in recs} == {"Harrowmere PDU"}
    # continued on the next page below the running header, which is left out
    assert recs[2].text == (
        "make sure that home visits are planned for each child living with a person on probation who "
        "poses a domestic abuse risk, and that the outcome is written up promptly"
    )
    assert recs[2].page == 1
    # a continuation starting with a capital, after a line ending mid-phrase ("… with")
    assert recs[4].text.endswith("share what they find with Regional Probation Director colleagues across the county")
    assert all("Inspection of probation services" not in r.text and "page" not in r.text for r in recs)
    hmpps = "Her Majesty's Prison and Probation Service"
    assert [r.addressee for r in recs[5:8]] == ["Harrowmere PDU", hmpps, hmpps]
    assert recs[6].addressee_as_printed == "Her Majesty's Prison and Probation Service (HMPPS)"
    assert recs[6].addressee_canonical == HMPPS
    assert recs[8].addressee == "Ministry of Justice" and recs[8].addressee_as_printed == "The Ministry of Justice"
    assert recs[-1].text == "confirm the lease on the second office building."
    assert result.stated_count is not None and result.stated_count.value == 11
    assert result.previous == [] and result.tally is None
    assert warnings == []


def test_numbering_restarts_per_unit() -> None:
    units = ("Alderbrook PDU", "Fenmoor PDU", "Kestrel Vale PDU")
    result, warnings = extract(FIXTURES / "restart_per_unit.txt", *units)
    got = [(r.number, r.unit, r.addressee) for r in result.recommendations]
    assert got == [
        (1, "Alderbrook PDU", "Alderbrook PDU"),
        (2, "Alderbrook PDU", "Alderbrook PDU"),
        (3, "Alderbrook PDU", "Alderbrook PDU"),
        (4, "Alderbrook PDU", "Probation Service – North Riding region"),
        (5, "Alderbrook PDU", "HM Prison and Probation Service"),
        (1, "Fenmoor PDU", "Fenmoor PDU"),
        (2, "Fenmoor PDU", "Fenmoor PDU"),
        (3, "Fenmoor PDU", "Ministry of Justice"),
        # no lead-in names the third unit: the restart of the numbering opens it
        (1, "Kestrel Vale PDU", "HM Prison and Probation Service"),
        (2, "Kestrel Vale PDU", "HM Prison and Probation Service"),
    ]
    canon_names = {r.addressee_as_printed: r.addressee_canonical for r in result.recommendations}
    assert canon_names["HM, Prison and Probation Service"] == HMPPS
    assert canon_names["HM Prison and Probation Service"] == HMPPS
    assert canon_names["Probation Service – North Riding region"] == "Probation Service – North Riding region"
    assert result.stated_count is None
    inferred = [w for w in warnings if w.code == "recommendation_unit_inferred"]
    assert len(inferred) == 1 and "Kestrel Vale PDU" in inferred[0].message


def test_restart_without_known_units_uses_the_named_pdu() -> None:
    """When the ratings did not give the units, a lead-in naming a PDU opens its run."""
    result, _ = extract(FIXTURES / "restart_per_unit.txt")
    assert [r.unit for r in result.recommendations] == ["Alderbrook PDU"] * 5 + ["Fenmoor PDU"] * 3 + [None] * 2


def test_bulleted_items_with_numbers_inside() -> None:
    result, _ = extract(FIXTURES / "bulleted_numbers.txt", "Moorcross PDU")
    recs = result.recommendations
    assert [r.number for r in recs] == [1, 2, 3, 4]
    assert recs[0].text.startswith("hold a monthly surgery")
    assert recs[1].text.startswith("check that each sentence plan")
    assert recs[2].text.startswith("introduce a waiting list")
    assert recs[3].text.endswith("and act on their answers.")
    # the numbered strengths list before the recommendations is not taken for one
    assert all("morale" not in r.text for r in recs)
    assert result.stated_count is None  # "a number of recommendations"


def test_previous_recommendations_and_tally() -> None:
    result, _ = extract(FIXTURES / "previous_progress.txt", "Probation Service – Saltmarsh region")
    previous = [(p.number, p.addressee, p.progress) for p in result.previous]
    assert previous == [
        (1, "Probation Service – Saltmarsh region", "sufficient"),
        (2, "Probation Service – Saltmarsh region", "some"),
        (3, "HM Prison and Probation Service", "insufficient"),
        (4, "HM Prison and Probation Service", "some"),
    ]
    assert result.previous[0].text == "strengthens the induction offered to agency staff"
    assert result.previous[2].judgement is not None and result.previous[2].judgement.startswith("HM Prison")
    assert result.tally is not None
    assert (result.tally.sufficient, result.tally.some, result.tally.insufficient) == (1, 2, 1)
    assert [r.number for r in result.recommendations] == [1, 2, 3]
    assert result.recommendations[2].addressee == "HM Prison and Probation Service"
    assert result.stated_count is not None and result.stated_count.value == 3


def test_report_without_recommendations(tmp_path: Path) -> None:
    path = tmp_path / "none.txt"
    path.write_text("An annual summary\nThe Ministry of Justice should work with partners.\n1. A heading\n")
    result, warnings = extract(path)
    assert result == RecommendationsResult() and warnings == []


def test_lead_in_wrapped_over_two_lines(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Recommendations\n"
        "Her Majesty's Prison and Probation Service and the Ministry of\n"
        "Justice should:\n"
        "1. agree who pays for the new reporting centre in Harrowmere.\n"
    )
    result, _ = extract(path, "Harrowmere PDU")
    [rec] = result.recommendations
    assert rec.addressee == "Her Majesty's Prison and Probation Service and the Ministry of Justice"
    assert rec.addressee_canonical is None  # two bodies: no one canonical name
    assert rec.unit == "Harrowmere PDU"


@pytest.mark.parametrize(
    ("first", "second", "addressee"),
    [
        (
            "Harrowmere PDU and",
            "HM Prison and Probation Service should:",
            "Harrowmere PDU and HM Prison and Probation Service",
        ),
        (
            "The Probation Service Midshire region, working with",
            "Harrowmere PDU, should:",
            "Probation Service Midshire region, working with Harrowmere PDU",
        ),
    ],
)
def test_joint_lead_in_wrapped_after_an_open_line(tmp_path: Path, first: str, second: str, addressee: str) -> None:
    """A lead-in whose first line stops mid-phrase ('… and', '… working with') is joined whole, even
    when its second line alone names a body; a joint addressee has no one canonical name (warned)."""
    path = tmp_path / "joint.txt"
    path.write_text(f"Recommendations\n{first}\n{second}\n1. open the reporting centre in Harrowmere.\n")
    result, warnings = extract(path, "Harrowmere PDU")
    [rec] = result.recommendations
    assert rec.addressee == addressee
    assert rec.addressee_canonical is None
    assert rec.unit == "Harrowmere PDU"
    [joint] = [w for w in warnings if w.code == "recommendation_addressee_joint"]
    assert joint.field == "recommendations[*].addressee_canonical" and joint.read == addressee


def test_joint_lead_in_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "joint.txt"
    path.write_text(
        "Recommendations\nHarrowmere PDU and HM Prison and Probation Service should:\n1. open the new centre.\n"
    )
    result, warnings = extract(path, "Harrowmere PDU")
    [rec] = result.recommendations
    assert rec.addressee == "Harrowmere PDU and HM Prison and Probation Service"
    assert rec.addressee_canonical is None
    assert "recommendation_addressee_joint" in [w.code for w in warnings]


def test_lettered_item_keeps_the_list(tmp_path: Path) -> None:
    """One item printed '1a.' loses neither the lead-in nor the other items: its number is null, warned."""
    path = tmp_path / "lettered.txt"
    path.write_text(
        "Recommendations\nHarrowmere PDU should:\n- 1a. open the new centre.\n- 2. hire more staff.\n"
        "- 3. review the rota.\n"
    )
    result, warnings = extract(path, "Harrowmere PDU")
    assert [r.number for r in result.recommendations] == [None, 2, 3]
    assert result.recommendations[0].text == "open the new centre."
    assert all(r.addressee == "Harrowmere PDU" for r in result.recommendations)
    [odd] = [w for w in warnings if w.code == "recommendation_number_unreadable"]
    assert odd.field == "recommendations[0].number" and odd.read == "1a"


def test_missing_recommendations_warned(tmp_path: Path) -> None:
    path = tmp_path / "pdu.txt"
    path.write_text("Recommendations\nThe unit was visited in the spring.\n")
    detection = Detection(kind="pdu_inspection", framework=None, furniture=frozenset())
    with read_document(path) as doc:
        _, warnings = extract_recommendations(doc, detection, [Unit(name="Harrowmere PDU")])
    assert [w.code for w in warnings] == ["recommendations_not_found"]


# --- a reportlab PDF: hanging indents, page break, bullet glyph -----------------------------


@pytest.fixture(scope="module")
def hanging_indent_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_hanging_indent(tmp_path_factory.mktemp("recs") / "hanging_indent.pdf")


def test_pdf_hanging_indent_and_page_break(hanging_indent_pdf: Path) -> None:
    result, warnings = extract(hanging_indent_pdf, "Wrenfield PDU")
    recs = result.recommendations
    assert [r.number for r in recs] == list(range(1, 8))
    assert recs[0].text.endswith("sick leave, so that nobody is left without a named officer")
    assert recs[2].text == (
        "set up a shared calendar of group programmes run by the partner charities in the county, "
        "and check each month that referrals are reaching them"
    )
    assert (recs[2].page, recs[3].page) == (1, 2)
    assert recs[3].text.startswith("give the duty team")  # "• 4. …"
    assert [r.addressee_canonical for r in recs[4:]] == ["Ministry of Justice", HMPPS, HMPPS]
    assert all(r.bbox is not None for r in recs)
    assert recs[0].bbox is not None and recs[0].bbox.x0 < 80 and recs[0].bbox.top > 100
    assert result.stated_count is not None and result.stated_count.value == 7
    assert result.stated_count.page == 1
    assert warnings == []


# --- the synthetic report generator --------------------------------------------------------


@pytest.fixture(scope="module")
def synth_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("synth")
    command = [sys.executable, "-m", "corpora.synth", "--out", str(out), "--count", "16", "--seed", "5"]
    command += ["--text", "--defects", "all", "--pages", "10-16", "--quiet"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-400:]
    reports = sorted(out.glob("*.json"))
    assert len(reports) == 16
    return reports


@pytest.mark.parametrize("suffix", [".pdf", ".txt"])
def test_synthetic_reports(synth_reports: list[Path], suffix: str) -> None:
    for truth_path in synth_reports:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        source = truth_path.with_suffix(suffix)
        if not source.exists():  # pragma: no cover - text output optional
            continue
        report = docextract.parse(source)
        got = [(r.number, r.addressee, canon(r.text)) for r in report.recommendations]
        want = [(r["number"], r["addressee"], canon(r["text"])) for r in truth["recommendations"]]
        assert got == want, source.name
        # units are compared where the ratings extraction read the units' names right
        if [u.name for u in report.units] == [u["name"] for u in truth["units"]]:
            assert [r.unit for r in report.recommendations] == [r["unit"] for r in truth["recommendations"]]
        stated = report.stated_recommendation_count
        assert (stated.value if stated else None) == truth["stated_recommendation_count"], source.name


# --- helpers and pattern files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "value"),
    [("nine", 9), ("13", 13), ("Thirteen", 13), ("twenty-one", 21), ("twenty", 20), ("a", None), ("several", None)],
)
def test_number_value(word: str, value: int | None) -> None:
    assert number_value(word) == value


@pytest.mark.parametrize(
    ("printed", "addressee"),
    [
        ("The Ministry of Justice", "Ministry of Justice"),
        ("Her Majesty's Prison and Probation Service (HMPPS)", "Her Majesty's Prison and Probation Service"),
        ("HM, Prison and Probation Service", "HM Prison and Probation Service"),
        ("The Probation Service – Wales region", "Probation Service – Wales region"),
        ("Harrowmere PDU", "Harrowmere PDU"),
    ],
)
def test_clean_addressee(printed: str, addressee: str) -> None:
    assert clean_addressee(printed) == addressee


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("HMPPS", HMPPS),
        ("Her Majesty's Prison and Probation Services", HMPPS),
        ("MoJ", "Ministry of Justice"),
        ("Swansea, Neath Port Talbot PDU", "Swansea, Neath Port Talbot PDU"),
        ("NPS in Wales", "National Probation Service – Wales division"),
        ("Probation Service – Kent, Surrey and Sussex region", "Probation Service – Kent, Surrey and Sussex region"),
        ("Dorset, Devon and Cornwall CRC", "Dorset, Devon and Cornwall CRC"),
        ("Durham Tees Valley Community Rehabilitation Company", "Durham Tees Valley CRC"),
    ],
)
def test_bodies_canonical(text: str, canonical: str) -> None:
    body = addressees.find_body(text)
    assert body is not None and body.canonical == canonical


def test_no_body_in_plain_words() -> None:
    assert addressees.find_body("make sure that agency staff complete training") is None


def test_pipeline_built_once() -> None:
    assert addressees.nlp() is addressees.nlp()


def test_sentences() -> None:
    got = [s for _, s in addressees.sentences("One sentence here. And a second one, which runs on.")]
    assert got == ["One sentence here.", "And a second one, which runs on."]


def test_join_lines_keeps_compound_words() -> None:
    assert (
        join_lines(["improve information-", "sharing with", "partners"]) == "improve information-sharing with partners"
    )
    assert join_lines(["the Probation Service –", "Wales region"]) == "the Probation Service – Wales region"


def test_same_body() -> None:
    assert same_body("Swansea Neath Port Talbot PDU", "Swansea, Neath Port Talbot PDU")
    assert same_body("Kent, Surrey and Sussex National Probation", "Kent, Surrey and Sussex National Probation Service")
    assert not same_body("Hove PDU", "Hove")  # too short to be taken for a cut-off name
    assert not same_body("Fenmoor PDU", "Alderbrook PDU")


def test_pattern_files_load() -> None:
    bodies = patterns.bodies_patterns()
    assert any(b.canonical == HMPPS for b in bodies.bodies)
    assert {f.label for f in bodies.families} >= {"PDU", "CRC", "NPS_DIVISION", "PROBATION_REGION"}
    rules = patterns.recommendation_patterns()
    assert [c.progress for c in rules.progress][:3] == ["insufficient", "sufficient", "some"]


Mutation = Callable[[dict[str, object]], None]


def _set(path: tuple[str, ...], value: object) -> Mutation:
    def mutate(data: dict[str, object]) -> None:
        target: object = data
        for key in path[:-1]:
            assert isinstance(target, dict)
            target = target[key]
        assert isinstance(target, dict)
        target[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    ("file", "model", "mutate"),
    [
        ("recommendations.yaml", patterns.RecommendationPatterns, _set(("item",), r"^(?P<number>\d+)\. ")),
        ("recommendations.yaml", patterns.RecommendationPatterns, _set(("stated_count",), "(unclosed")),
        (
            "recommendations.yaml",
            patterns.RecommendationPatterns,
            _set(("progress",), [{"progress": "partial", "pattern": "x"}]),
        ),
        ("bodies.yaml", patterns.BodiesPatterns, _set(("families",), [{"label": "PDU", "canonical": "no name"}])),
    ],
)
def test_malformed_pattern_files_fail(file: str, model: type[BaseModel], mutate: Mutation) -> None:
    data = yaml.safe_load((patterns.patterns_dir() / file).read_text(encoding="utf-8"))
    mutate(data)
    with pytest.raises(ValidationError):
        model.model_validate(data)


def test_family_pattern_placeholder_is_checked() -> None:
    data = yaml.safe_load((patterns.patterns_dir() / "bodies.yaml").read_text(encoding="utf-8"))
    data["families"][0]["patterns"] = [["PLACE", {"LOWER": "pdu"}]]
    with pytest.raises(ValidationError, match="unknown token placeholder"):
        patterns.BodiesPatterns.model_validate(data)
