"""A ratings box whose overall-rating row is the last row of a page, its score and standards
overleaf (issue 11, tester round 4 h4, h17: a table split over two pages): the page holding only
the overall row was never read, so the overall rating was null and `validate` could not check
the band (not_checked), nor find a misprinted one. Wanted: the page before a ratings page read
too when it ends with the box's first rows (a score or overall-rating row, label and value only);
a sentence saying a rating at a page's foot is no such row. Invented text reports."""

from __future__ import annotations

from pathlib import Path

from text_reports import COVER, RECOMMENDATIONS, STANDARDS, parse_pages

from docextract.pipeline import validate

HEAD = "Ratings\nBrackenford PDU\nOverall rating\t{overall}\n"
REST = "Score\t8/21\n" + "".join(
    (("1. Organisational arrangements and activity\n" if code == "1.1" else "")
     + ("2. Service delivery\n" if code == "2.1" else "") + f"P {code}\t{name}\t{rating}\n")
    for code, name, rating in STANDARDS
)


def test_overall_rating_at_the_foot_of_the_page_before(tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, HEAD.format(overall="Requires improvement"), REST, RECOMMENDATIONS)
    [unit] = report.units
    assert (unit.name, unit.overall_rating, unit.score, unit.max_score) == (
        "Brackenford PDU", "Requires improvement", 8, 21)
    assert [(s.code, s.name, s.rating) for s in unit.standards] == STANDARDS
    assert "overall_rating_unreadable" not in [w.code for w in report.warnings]
    assert "not_checked" not in [i.code for i in validate(tmp_path / "report.txt").issues]


def test_misprinted_overall_rating_over_the_break_is_found(tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, HEAD.format(overall="Good"), REST, RECOMMENDATIONS)
    assert report.units[0].overall_rating == "Good"  # as printed; validate says it is wrong
    assert "overall_band_mismatch" in [i.code for i in validate(tmp_path / "report.txt").issues]


def test_a_sentence_saying_a_rating_at_a_page_foot_is_not_the_box(tmp_path: Path) -> None:
    prose = "Ratings\nWe looked at the work of the unit.\nThe overall rating is Good\n"
    report = parse_pages(tmp_path, COVER, prose, "Ratings\nBrackenford PDU\n" + REST, RECOMMENDATIONS)
    [unit] = report.units
    assert unit.overall_rating is None
    assert (unit.score, unit.max_score) == (8, 21)
