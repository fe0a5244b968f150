"""Regression (fresh-user tester, wave 6): the two broken cross references of the South West
report's page 54 were placed under "3.1 Court reports and case allocation", though they are in
3.2 Statutory victim work's key-question table: that section's heading is printed "Statutory
victim work", without its code, and a section only started at a numbered heading. A standard's
section also starts at a line that is the standard's name alone; where the name is not one
standard's (two standards of the record share it) the text belongs to no standard: null, never a
wrong one."""

from __future__ import annotations

from pathlib import Path

from corpus import corpus_report
from records import validated
from text_reports import COVER, IMPRINT, RATINGS_ONE_LINE, parse_pages

from docextract.validation.run import check

BROKEN = "Error! Bookmark not defined."


def _pages(body: str) -> list[str]:
    return [COVER + IMPRINT + "\n", RATINGS_ONE_LINE.format(score=8), body]


def _placed(tmp_path: Path, body: str) -> list[str | None]:
    record = parse_pages(tmp_path, *_pages(body))
    return [i.standard for i in check(record) if i.code == "broken_cross_reference"]


def test_unnumbered_standard_heading_opens_its_section(tmp_path: Path) -> None:
    body = (
        "2.3. Implementation and delivery\n"
        "Practitioners delivered the planned work in most of the cases we looked at.\n"
        "Reviewing\n"
        "Reviews took account of changes in the person's circumstances.\n"
        f"Was the review informed by the views of the person on probation?{BROKEN}\n"
    )
    assert _placed(tmp_path, body) == ["2.4"]


def test_numbered_heading_still_opens_its_section(tmp_path: Path) -> None:
    body = f"2.3. Implementation and delivery\nPractitioners delivered the planned work in most of the cases.{BROKEN}\n"
    assert _placed(tmp_path, body) == ["2.3"]


def test_name_mentioned_inside_a_sentence_opens_no_section(tmp_path: Path) -> None:
    body = (
        "2.3. Implementation and delivery\n"
        "Work with partners was reviewed in the section on\n"
        "reviewing.\n"
        f"Practitioners delivered the planned work in most of the cases.{BROKEN}\n"
    )
    assert _placed(tmp_path, body) == ["2.3"]


def test_south_west_victim_work_references_under_3_2() -> None:
    path = corpus_report("2021-nps-south-west").pdf
    found = [i for i in validated(path).issues if i.code == "broken_cross_reference"]
    assert [(i.page, i.standard) for i in found] == [(54, "3.2"), (54, "3.2")]


def test_a_name_two_standards_share_opens_a_section_of_no_standard() -> None:
    """Where the record's standards of two codes share a name, a line printing it alone cannot say
    which: its section is no one standard's (null), never a guess."""
    from docextract.extract.sections import _names_alone

    known = {
        ("1.1", "leadership"): ["North PDU"],
        ("2.1", "leadership"): ["South PDU"],
        ("1.2", "staff"): ["North PDU", "South PDU"],
    }
    places = _names_alone(known)
    assert places["leadership"] == (None, None)
    assert places["staff"] == (None, "1.2")  # one standard, rated by two units: the standard, no one unit
