"""Recommendations lost without a word (a fresh tester, breaker8 cases 1 and 6).

A youth or thematic report whose recommendations are printed "(1)" or as bullets had none read, its
stated count ("we have made six recommendations") not read either, no warning, and `validate` said
ok. "(1)" is now a numbered item ("R1." is not: "R10e. mbed" would give a wrong text); bullets
and "(a)" under a lead-in of the recommendations section are items whose number is null (warned).
A report printing a recommendations section (its heading with a stated count or a "… should:"
lead-in under it) with still no recommendation read ("i.", "R1.", a table) warns
`recommendations_not_found` (the section quoted), keeps the count it states, and is not fully
checked.

A number touching its text ("10.embed …", large or monospaced type) was not an item: recommendations
10 and above were dropped. Such a line is read when the number continues the list. Fixtures:
tests/fixtures/recommendation_forms/make_recommendation_forms.py (the generator's own reports
reprinted with other CSS); the .txt reports are written here, their wording invented."""

from __future__ import annotations

import json
from pathlib import Path

import paths

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


def test_youth_recommendations_numbered_in_brackets_are_read() -> None:
    result = validate(FORMS / "chromium-youth-paren-numbers.pdf")
    report = result.report
    assert report.kind == "youth_justice_inspection"
    assert [(r.number, r.text) for r in report.recommendations] == _truth("chromium-youth-ruled-slash.json")
    assert report.stated_recommendation_count is not None and report.stated_recommendation_count.value == 6
    assert not [i for i in result.issues if i.severity == "error"]


def test_youth_bulleted_recommendations_are_read_numbers_null() -> None:
    """Bullets under the lead-ins of the recommendations section: read in order, each number null
    (`recommendation_unnumbered`), compared with the stated count."""
    result = validate(FORMS / "chromium-youth-bullets.pdf")
    report = result.report
    recs = report.recommendations
    assert [r.text for r in recs] == [text for _, text in _truth("chromium-youth-ruled-slash.json")]
    assert {r.number for r in recs} == {None}
    assert recs[0].addressee == "Brammere and District Youth Justice Service"
    unnumbered = [w for w in report.warnings if w.code == "recommendation_unnumbered"]
    assert [w.field for w in unnumbered] == ["recommendations[*].number"]
    assert report.stated_recommendation_count is not None and report.stated_recommendation_count.value == 6
    assert "recommendation_count_mismatch" not in {i.code for i in result.issues}


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


def test_items_in_a_form_not_read_warned_with_the_stated_count(tmp_path: Path) -> None:
    """Items numbered 'i.', 'ii.' under a section's lead-in: none read, the section warned and
    quoted, its count kept, and the report not fully checked."""
    path = tmp_path / "thematic.txt"
    path.write_text(
        "Contents\nRecommendations\nFindings\n\fRecommendations\nWe have made three recommendations.\n"
        "The Home Office should:\ni. review the rota\nii. agree a plan\niii. fund the hostels\n",
        encoding="utf-8",
    )
    with read_document(path) as doc:
        result, warnings = extract_recommendations(doc, THEMATIC, [])
    assert result.recommendations == []
    assert result.stated_count is not None and result.stated_count.value == 3
    [warning] = warnings
    assert warning.code == "recommendations_not_found" and warning.page == 2
    assert warning.field == "recommendations" and warning.read == "i. review the rota"
    assert "stated count of 3" in warning.message and "The Home Office should:" in warning.message


def test_thematic_bullets_and_letters_read_only_in_the_section(tmp_path: Path) -> None:
    recs, codes = _thematic(
        tmp_path,
        "Findings\nStaff should:\n• keep notes\n\fRecommendations\nThe Home Office should:\n• review the rota\n"
        "• agree a plan\nThe police should:\n(a) fund the hostels\nBackground\nThe police should:\n• walk more\n",
    )
    assert recs == [(None, "review the rota"), (None, "agree a plan"), (None, "fund the hostels")]
    assert codes == ["recommendation_number_unreadable"]  # "(a)": kept as printed, number null


def test_validate_not_ok_when_the_section_lists_nothing_read(tmp_path: Path) -> None:
    path = tmp_path / "thematic.txt"
    path.write_text(
        "A thematic inspection of the supervision of stalking\nHM Inspectorate of Probation\nThis thematic "
        "inspection looked at how staff supervise people convicted of stalking. We read case records, met staff "
        "and managers, and spoke with the victims who wished to talk to us about their experience.\n\fRecommendations\n"
        "We have made two recommendations.\nThe Home Office should:\ni. review the rota\nii. agree a plan\n",
        encoding="utf-8",
    )
    result = validate(path)
    assert result.report.kind == "thematic_inspection"
    assert "recommendations_not_found" in {w.code for w in result.report.warnings}
    findings = FileFindings(file=str(path), issues=result.issues, report=result.report)
    assert not findings.fully_checked() and findings.verdict() != "ok"


def test_a_contents_entry_alone_is_no_recommendations_section(tmp_path: Path) -> None:
    recs, codes = _thematic(tmp_path, "Contents\nRecommendations\nFindings\nThe teams met weekly.\n")
    assert recs == [] and codes == []
