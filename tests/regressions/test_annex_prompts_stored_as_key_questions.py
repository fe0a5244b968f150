"""Prompt rows of a key-question annex stored as key questions (a fresh tester, issue 11: "never a
wrong value"). When the page announcing them (the annex heading, the key question they sit under) is
missing, unreadable or misread, the prompt rows atop the next page were read as key questions of the
standard before them, with their percentages ("Does the plan address …?" 65% under 2.5 Reviewing).

A standard has at most the framework's number of key questions (patterns/frameworks.yaml
`key_questions`): questions of a later table that are none of those already read, and would make
more, are left out with an `implausible_value` warning on the standard's key questions (what was
read, on which page, why), so `validate` does not call the report ok.

Fixtures: tests/fixtures/annex_pages/make_annex_pages.py (committed producer fixtures with an annex
page taken out or printed as a picture), tests/fixtures/spaced/make_spaced.py (the youth fixture
printed with justified, letter-spaced cells); the real South West report (../shared/corpus) with one
of its annex pages taken out at test time, in a temporary folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from corpus import canon, corpus_report
from paths import FIXTURES
from records import parsed, validated

from docextract.model.record import InspectionReport

ANNEX = FIXTURES / "annex_pages"
CASES = [  # fixture, its source's truth, the standard the prompt rows were stored under
    (ANNEX / "libreoffice-pdu2021-classic-without-p15.pdf", "libreoffice-pdu2021-classic", "2.5"),
    (ANNEX / "libreoffice-pdu2021-classic-p15-image.pdf", "libreoffice-pdu2021-classic", "2.5"),
    (ANNEX / "reportlab-pdu2021-classic-without-p15.pdf", "reportlab-pdu2021-classic", "2.5"),
    (ANNEX / "chromium-youth-lines-words-letter-without-p23.pdf", "chromium-youth-lines-words-letter", "2.4"),
    (
        ANNEX / "libreoffice-reg2018-lines-words-annex-yearonly-without-p18.pdf",
        "libreoffice-reg2018-lines-words-annex-yearonly",
        "3.2",
    ),
    (  # not the annex: the page holding 3.2 and 3.3's heading gone, 3.3's table runs on under 3.1's
        ANNEX / "libreoffice-youth-lines-words-letter-without-p16.pdf",
        "libreoffice-youth-lines-words-letter",
        "3.1",
    ),
    (
        FIXTURES / "spaced" / "chromium-youth-lines-words-letter-justified.pdf",
        "chromium-youth-lines-words-letter",
        "2.2",
    ),
]


def _truth(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / "producers" / f"{name}.json").read_text(encoding="utf-8"))


def wrong_key_questions(record: InspectionReport, truth: dict[str, Any]) -> list[str]:
    """Every key question stored that is not one of its standard's in the truth, or whose percentage
    differs from the truth's (a null is not wrong: it is said)."""
    wrong: list[str] = []
    for unit, true_unit in zip(record.units, truth["units"], strict=True):
        expected = {s["code"]: s["key_questions"] for s in true_unit["standards"]}
        for standard in unit.standards:
            known = {canon(k["text"]): k["percent"] for k in expected.get(standard.code, [])}
            for question in standard.key_questions:
                text = canon(question.text)
                if text not in known:
                    wrong.append(f"{standard.code}: '{question.text}' ({question.percent}) is none of its own")
                elif question.percent is not None and question.percent != known[text]:
                    wrong.append(f"{standard.code}: '{question.text}' {question.percent}, not {known[text]}")
    return wrong


def refused_under(record: InspectionReport, code: str) -> list[str]:
    """The messages of `implausible_value` warnings on standard `code`'s key questions, or on questions
    read right after a page missing or unreadable that no standard was given (`units[*]`)."""
    unit = record.units[0]
    position = [s.code for s in unit.standards].index(code)
    fields = (f"units[0].standards[{position}].key_questions", "units[*].standards[*].key_questions")
    return [w.message for w in record.warnings if w.code == "implausible_value" and (w.field or "").startswith(fields)]


@pytest.mark.parametrize(("path", "truth", "standard"), CASES, ids=[c[0].stem for c in CASES])
def test_orphan_prompt_rows_are_never_key_questions(path: Path, truth: str, standard: str) -> None:
    record = parsed(path)
    assert wrong_key_questions(record, _truth(truth)) == []
    refused = refused_under(record, standard)
    assert refused, f"no refusal said on {standard}'s key questions"
    assert all(("none of" in message or "cannot be told" in message) and "page" in message for message in refused)


@pytest.mark.parametrize(("path", "truth", "standard"), CASES[:2], ids=[c[0].stem for c in CASES[:2]])
def test_the_standards_own_key_questions_are_kept(path: Path, truth: str, standard: str) -> None:
    record = parsed(path)
    (true_standard,) = [s for s in _truth(truth)["units"][0]["standards"] if s["code"] == standard]
    (read,) = [s for s in record.units[0].standards if s.code == standard]
    assert [(canon(k.text), k.percent) for k in read.key_questions] == [
        (canon(k["text"]), k["percent"]) for k in true_standard["key_questions"]
    ]


@pytest.mark.parametrize("path", [c[0] for c in CASES[:2]], ids=[c[0].stem for c in CASES[:2]])
def test_validate_does_not_call_the_report_ok(path: Path) -> None:
    # `not_checked` findings: the page missing or unreadable, and the rows read atop the next page
    # (serialize/findings.UNCHECKED: the verdict is never 'ok')
    result = validated(path)
    found = sorted(i.found or "" for i in result.issues if i.code == "not_checked")
    assert found == ["implausible_value", "pages_missing"]
    assert any("page 16" in i.message or "page 15" in i.message for i in result.issues if i.code == "not_checked")


def test_a_missing_page_is_said() -> None:
    record = parsed(ANNEX / "libreoffice-pdu2021-classic-without-p15.pdf")
    (gap,) = [w for w in record.warnings if w.code == "pages_missing"]
    assert gap.page == 15 and "skip from 14 to 16" in gap.message
    record = parsed(ANNEX / "libreoffice-pdu2021-classic-p15-image.pdf")
    (gap,) = [w for w in record.warnings if w.code == "pages_missing"]
    assert gap.page == 16 and "page 15 has no text" in gap.message
    record = parsed(FIXTURES / "producers" / "libreoffice-pdu2021-classic.pdf")
    assert not [w for w in record.warnings if w.code == "pages_missing"]


@pytest.mark.parametrize(
    ("page", "standard"),
    [
        (63, "3.2"),  # 2.2's annex heads (with their own wording) read under 3.2, the last heading before
        (65, "2.3"),  # 2.4's annex head read under 2.3
        (66, "2.4"),  # 2.4's first key question in the annex's words: no fourth key question
    ],
)
def test_real_report_without_an_annex_page(tmp_path: Path, page: int, standard: str) -> None:
    report = corpus_report("2021-nps-south-west")
    source = pdfium.PdfDocument(report.pdf)
    cut = pdfium.PdfDocument.new()
    cut.import_pages(source, [i for i in range(len(source)) if i != page - 1])
    path = tmp_path / f"south-west-without-p{page}.pdf"
    cut.save(path)
    record = parsed(path)
    truth = report.truth
    (read,) = [s for s in record.units[0].standards if s.code == standard]
    (true,) = [s for s in truth["units"][0]["standards"] if s["code"] == standard]
    expected = [canon(k["text"]) for k in true["key_questions"]]
    assert [canon(k.text) for k in read.key_questions] == expected
    assert wrong_key_questions(record, truth) == []
    assert [w.page for w in record.warnings if w.code == "pages_missing"] == [page]
