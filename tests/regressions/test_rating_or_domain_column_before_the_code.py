"""Ratings tables whose standard's code is not the row's first cell (issue 11, tester round 4:
h12 "rating column printed first", d3 "domain name in a vertically merged first column, no
header row"): the table was not found at all (ratings_not_found, validate FAILED) and, in the
Word draft, the framework was not recognised. Wanted: the cells before the code read as what
they are, a rating column (one rating, or one per inspection's column told apart by the header
only) or the domain's heading; ratings on both sides of a row's name are refused, never guessed.
Invented reports in a text conversion (tab-separated cells)."""

from __future__ import annotations

from pathlib import Path

from text_reports import COVER, RECOMMENDATIONS, STANDARDS, parse_pages, unit_ratings

from docextract.extract.explain import unexplained_nulls
from docextract.pipeline import validate

DOMAINS = {"1": "1. Organisational arrangements and activity", "2": "2. Service delivery"}
BOX = ["Ratings", "Brackenford PDU", "Score\t8/21", "Overall rating\tRequires improvement"]
EXPECTED = [("Brackenford PDU", "Requires improvement", 8, 21, STANDARDS)]
PREVIOUS = ["Inadequate", "Good", "Good", "Inadequate", "Outstanding", "Good", "Good"]


def _box(row: str, headings: bool = True, header: str | None = None) -> str:
    rows = [*BOX, *([header] if header else [])]
    for (code, name, rating), before in zip(STANDARDS, PREVIOUS, strict=True):
        domain = DOMAINS[code[0]]
        if headings and code.endswith(".1"):
            rows.append(domain)
        rows.append(row.format(code=code, name=name, rating=rating, domain=domain, before=before))
    return "\n".join(rows) + "\n"


def test_rating_column_printed_before_the_code(tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, _box("{rating}\tP {code}\t{name}"), RECOMMENDATIONS)
    assert report.framework == "probation-pdu-2023"
    assert unit_ratings(report) == EXPECTED
    assert [s.domain for s in report.units[0].standards][::3] == [
        "Organisational arrangements and activity", "Service delivery", "Service delivery"]


def test_domain_name_in_a_merged_first_column_without_a_header_row(tmp_path: Path) -> None:
    # a merged cell is read into every row it spans (Word's vertical merge): no heading row of its own
    report = parse_pages(tmp_path, COVER, _box("{domain}\tP {code}\t{name}\t{rating}", headings=False),
                         RECOMMENDATIONS)
    assert report.framework == "probation-pdu-2023"
    assert unit_ratings(report) == EXPECTED
    assert [s.domain for s in report.units[0].standards] == [
        "Organisational arrangements and activity"] * 3 + ["Service delivery"] * 4


def test_two_rating_columns_before_the_code_told_by_their_header(tmp_path: Path) -> None:
    header = "Previous inspection\tThis inspection\tStandard"
    report = parse_pages(tmp_path, COVER, _box("{before}\t{rating}\tP {code}\t{name}", header=header),
                         RECOMMENDATIONS)
    assert [(s.code, s.name, s.rating) for s in report.units[0].standards] == STANDARDS


def test_two_rating_columns_before_the_code_without_a_header_are_refused(tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, _box("{before}\t{rating}\tP {code}\t{name}"), RECOMMENDATIONS)
    path = tmp_path / "report.txt"  # written by parse_pages
    assert [s.rating for s in report.units[0].standards] == [None] * 7
    assert len([w for w in report.warnings if w.code == "rating_column_unknown"]) == 7
    assert unexplained_nulls(report) == []
    assert "not_checked" in [issue.code for issue in validate(path).issues]


def test_ratings_on_both_sides_of_the_name_are_refused(tmp_path: Path) -> None:
    # which side is this inspection's no header says: no table is read, never a guess
    report = parse_pages(tmp_path, COVER, _box("{before}\tP {code}\t{name}\t{rating}"), RECOMMENDATIONS)
    assert report.units == []
    assert "ratings_not_found" in [w.code for w in report.warnings]
    assert "not_checked" in [issue.code for issue in validate(tmp_path / "report.txt").issues]
