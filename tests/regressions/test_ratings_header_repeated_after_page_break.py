"""A ratings table split mid-standards over a page break with its column header repeated atop
the next page (issue 11, tester round 4 h9, as browsers and word processors print a table
with a header row): the repeated header ended the box, which then held too few standards to be
a table (ratings_not_found, validate FAILED). Wanted: a row on the next page repeating the row
printed just above the box read as the header again, the table running on. Invented text reports."""

from __future__ import annotations

from pathlib import Path

from text_reports import COVER, RECOMMENDATIONS, STANDARDS, parse_pages

from docextract.pipeline import validate

HEADER = "Code\tStandard\tRating"


def _rows(standards: list[tuple[str, str, str]]) -> str:
    out = []
    for code, name, rating in standards:
        if code == "1.1":
            out.append("1. Organisational arrangements and activity")
        if code == "2.1":
            out.append("2. Service delivery")
        out.append(f"P {code}\t{name}\t{rating}")
    return "\n".join(out) + "\n"


BOX = "Brackenford PDU\nOverall rating\tRequires improvement\nScore\t8/21\n"
FIRST = f"Ratings\n{HEADER}\n{BOX}" + _rows(STANDARDS[:2])


def test_header_repeated_atop_the_next_page(tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, FIRST, f"{HEADER}\n" + _rows(STANDARDS[2:]), RECOMMENDATIONS)
    [unit] = report.units
    assert (unit.overall_rating, unit.score, unit.max_score) == ("Requires improvement", 8, 21)
    assert [(s.code, s.name, s.rating) for s in unit.standards] == STANDARDS
    # the ratings are all checked; the unit's name is not (the text report prints the header above the
    # unit's name, and the title's fallback "Brackenford PDU The Probation Service – Fennwick region" is
    # refused as a region line), and validate says so
    unchecked = [i.message for i in validate(tmp_path / "report.txt").issues if i.code == "not_checked"]
    assert [m for m in unchecked if "units[0].name" not in m] == []


def test_another_row_atop_the_next_page_still_ends_the_box(tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, FIRST, "Leadership and staffing\n" + _rows(STANDARDS[2:]), RECOMMENDATIONS)
    assert report.units == []  # two standards are no table: refused, as before
    assert "ratings_not_found" in [w.code for w in report.warnings]
