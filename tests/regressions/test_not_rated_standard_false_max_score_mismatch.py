"""A standard printed "Not rated" (a PDU with no such work) was read as a standard named "Services Not
rated" with an unreadable rating, its printed maximum 18 refused as implausible and `validate` gave a
false `max_score_mismatch` (18 printed, 21 computed). rating-rules §2: a standard that is not rated
drops out of both the score and the maximum. A standard printed without a rating (a blank cell) still
counts: its printed maximum must include it (the injected `max_score_mismatch` defect keeps firing)."""

from __future__ import annotations

from pathlib import Path

from text_reports import COVER, RATINGS_ONE_LINE, RECOMMENDATIONS, parse_pages

from docextract import validate

NOT_RATED = RATINGS_ONE_LINE.replace("P 1.3\tServices\tGood", "P 1.3\tServices\tNot rated")
BLANK = RATINGS_ONE_LINE.replace("P 1.3\tServices\tGood", "P 1.3\tServices")


def _write(tmp_path: Path, ratings: str, score: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("\f".join([COVER, ratings.format(score=score), RECOMMENDATIONS]), encoding="utf-8")
    return path


def test_not_rated_standard_read_as_not_rated(tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, NOT_RATED.format(score="6/18"), RECOMMENDATIONS)
    [unit] = report.units
    services = unit.standards[2]
    assert (services.code, services.name, services.rating, services.counted) == ("1.3", "Services", None, False)
    assert (unit.score, unit.max_score) == (6, 18)
    codes = {w.code for w in report.warnings}
    assert "standard_not_rated" in codes
    assert not codes & {"rating_unreadable", "implausible_value"}


def test_not_rated_standard_drops_out_of_the_maximum(tmp_path: Path) -> None:
    found = validate(_write(tmp_path, NOT_RATED, "6/18")).issues
    assert [i.code for i in found if i.code in ("max_score_mismatch", "overall_band_mismatch")] == []
    assert [i.message for i in found if i.code == "missing_value" and i.standard == "1.3"] == []
    assert [i for i in found if i.severity == "error"] == []


def test_not_rated_standard_counted_in_the_maximum_is_a_mismatch(tmp_path: Path) -> None:
    found = validate(_write(tmp_path, NOT_RATED, "6/21")).issues
    assert [(i.code, i.expected, i.found) for i in found if i.code == "max_score_mismatch"] == [
        ("max_score_mismatch", 18, 21)
    ]


def test_blank_rating_still_counts_in_the_maximum(tmp_path: Path) -> None:
    found = validate(_write(tmp_path, BLANK, "6/18")).issues
    assert "max_score_mismatch" in [i.code for i in found]
