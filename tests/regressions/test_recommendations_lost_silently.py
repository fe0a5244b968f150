"""Recommendations lost without a word (a fresh tester, breaker8 cases 1 and 6).

A youth or thematic report whose recommendations are printed "(1)" or as bullets had none read, its
stated count ("we have made six recommendations") not read either, no warning, and `validate` said
ok: a report printing a recommendations section (its heading with a stated count or a "… should:"
lead-in under it) with no recommendation read now warns `recommendations_not_found` (the section
quoted), keeps the count it states, and is not fully checked.

A number touching its text ("10.embed …", large or monospaced type) was not an item: recommendations
10 and above were dropped. Such a line is read when the number continues the list. Fixtures:
tests/fixtures/recommendation_forms/make_recommendation_forms.py (the generator's own reports
reprinted with other CSS); the .txt reports are written here, their wording invented."""

from __future__ import annotations

import json
from pathlib import Path

import paths
import pytest

import docextract
from docextract import validate
from docextract.detect.classify import Detection
from docextract.extract.recommendations.extract import extract_recommendations
from docextract.read.open import read_document
from docextract.serialize.findings import FileFindings

FORMS = paths.FIXTURES / "recommendation_forms"
PRODUCERS = paths.FIXTURES / "producers"
THEMATIC = Detection(kind="thematic_inspection", framework=None, furniture=frozenset())


def _truth(name: str) -> list[tuple[int, str]]:
    truth = json.loads((PRODUCERS / name).read_text(encoding="utf-8"))
    return [(r["number"], r["text"]) for r in truth["recommendations"]]


@pytest.mark.parametrize("name", ["chromium-youth-paren-numbers.pdf", "chromium-youth-bullets.pdf"])
def test_youth_recommendations_in_a_form_not_read_are_warned(name: str) -> None:
    result = validate(FORMS / name)
    report = result.report
    assert report.kind == "youth_justice_inspection"
    assert report.recommendations == []
    assert report.stated_recommendation_count is not None and report.stated_recommendation_count.value == 6
    [missing] = [w for w in report.warnings if w.code == "recommendations_not_found"]
    assert missing.field == "recommendations" and missing.page is not None
    assert "stated count of 6" in missing.message and "should:" in missing.message
    assert missing.read is not None and "review access to accredited programmes" in missing.read
    assert "recommendation_count_mismatch" not in {i.code for i in result.issues}
    findings = FileFindings(file=name, issues=result.issues, report=report)
    assert not findings.fully_checked() and findings.verdict() != "ok"


def test_monospaced_numbers_touching_their_text_are_read() -> None:
    report = docextract.parse(FORMS / "chromium-thematic-mono-glued-numbers.pdf")
    assert [(r.number, r.text) for r in report.recommendations] == _truth("chromium-thematic.json")
    assert report.recommendations[9].addressee == "Home Office"


def _thematic(tmp_path: Path, body: str) -> tuple[list[tuple[int | None, str | None]], list[str]]:
    path = tmp_path / "thematic.txt"
    path.write_text(body, encoding="utf-8")
    with read_document(path) as doc:
        result, warnings = extract_recommendations(doc, THEMATIC, [])
    return [(r.number, r.text) for r in result.recommendations], [w.code for w in warnings]


def test_glued_number_read_only_when_it_continues_the_list(tmp_path: Path) -> None:
    items = "".join(f"{n}. review the rota of team {n}\n" for n in range(1, 10))
    recs, codes = _thematic(
        tmp_path,
        "Recommendations\nThe Home Office should:\n" + items + "10.Monitor the waiting lists\n"
        "11.agree a plan with partners\n14.review the hostel places\n",
    )
    assert [n for n, _ in recs] == list(range(1, 12))
    assert recs[9] == (10, "Monitor the waiting lists")
    assert recs[10] == (11, "agree a plan with partners")
    assert codes == ["recommendation_line_unread"]  # 14 continues nothing: not read, warned


def test_glued_first_item_after_a_lead_in(tmp_path: Path) -> None:
    recs, _ = _thematic(tmp_path, "Recommendations\nThe Home Office should:\n1.review the rota\n2.agree a plan\n")
    assert recs == [(1, "review the rota"), (2, "agree a plan")]


def test_section_number_touching_a_word_is_no_item(tmp_path: Path) -> None:
    recs, codes = _thematic(
        tmp_path, "Recommendations\nThe Home Office should:\n1. review the rota.\n1.1Leadership\n3.5million people\n"
    )
    assert recs == [(1, "review the rota.")]
    assert codes == []


def test_thematic_bullets_under_a_lead_in_warned_with_the_stated_count(tmp_path: Path) -> None:
    path = tmp_path / "thematic.txt"
    path.write_text(
        "Contents\nRecommendations\nFindings\n\fRecommendations\nWe have made three recommendations.\n"
        "The Home Office should:\n• review the rota\n• agree a plan\n• fund the hostels\n",
        encoding="utf-8",
    )
    with read_document(path) as doc:
        result, warnings = extract_recommendations(doc, THEMATIC, [])
    assert result.recommendations == []
    assert result.stated_count is not None and result.stated_count.value == 3
    [warning] = warnings
    assert warning.code == "recommendations_not_found" and warning.page == 2
    assert warning.read == "• review the rota"


def test_a_contents_entry_alone_is_no_recommendations_section(tmp_path: Path) -> None:
    recs, codes = _thematic(tmp_path, "Contents\nRecommendations\nFindings\nThe teams met weekly.\n")
    assert recs == [] and codes == []
