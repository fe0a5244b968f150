"""Layout variants that failed whatever the producer (issue 11): a score written in words or
broken over two lines, a ratings table with the code, name and rating each on its own line,
a rating wrapped in its cell, a numbered domain heading right after the last recommendation,
and publication dates from every source a report gives. Each is a small invented report in
a text conversion (the same classes of fault in PDFs: tests/acceptance/test_producers.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from text_reports import (
    COVER,
    EXPECTED,
    IMPRINT,
    RATINGS_ONE_LINE,
    RECOMMENDATIONS,
    STANDARDS,
    parse_pages,
    unit_ratings,
)


@pytest.mark.parametrize(
    "score",
    ["8/21", "8 / 21", "8 out of 21", ": 8 out of 21", "8 of 21", "8 out o\nf 21", "8 out\nof 21", "\n8/21"],
)
def test_score_written_any_way(score: str, tmp_path: Path) -> None:
    block = RATINGS_ONE_LINE.replace("Score\t{score}", f"Score\t{score}".replace("\t:", ":\t"))
    report = parse_pages(tmp_path, COVER, block, RECOMMENDATIONS)
    assert unit_ratings(report) == EXPECTED
    assert {r.unit for r in report.recommendations} == {"Brackenford PDU"}


@pytest.mark.parametrize("label", ["Overall score", "Total score", "Overall score:"])
def test_overall_score_label_is_not_the_unit_name(label: str, tmp_path: Path) -> None:
    block = RATINGS_ONE_LINE.format(score="8/21").replace("Score\t8/21", f"{label}\t8/21")
    report = parse_pages(tmp_path, COVER, block, RECOMMENDATIONS)
    assert unit_ratings(report) == EXPECTED


def test_name_and_rating_both_wrapped_in_their_cells(tmp_path: Path) -> None:
    block = RATINGS_ONE_LINE.format(score="8/21").replace(
        "P 2.3\tImplementation and delivery\tRequires improvement",
        "P 2.3\tImplementation and\tRequires\n\tdelivery\timprovement",
    )
    report = parse_pages(tmp_path, COVER, block, RECOMMENDATIONS)
    assert unit_ratings(report) == EXPECTED


def test_code_name_and_rating_each_on_their_own_line(tmp_path: Path) -> None:
    rows = ["Ratings", "Brackenford PDU", "Score 8/21", "Overall rating", "Requires improvement"]
    for code, name, rating in STANDARDS:
        if code == "1.1":
            rows.append("1. Organisational arrangements and activity")
        if code == "2.1":
            rows.append("2. Service delivery")
        rows += [f"P {code}", name, rating]
    report = parse_pages(tmp_path, COVER, "\n".join(rows) + "\n", RECOMMENDATIONS)
    assert unit_ratings(report) == EXPECTED


def test_rating_wrapped_in_its_cell(tmp_path: Path) -> None:
    block = (
        RATINGS_ONE_LINE.format(score="8/21")
        .replace("\tRequires improvement", "\tRequires\n\t\timprovement")
        .replace("Overall rating\tRequires\n\t\timprovement", "Overall rating\tRequires\n\timprovement")
    )
    assert block.count("improvement") == 5
    report = parse_pages(tmp_path, COVER, block, RECOMMENDATIONS)
    assert unit_ratings(report) == EXPECTED
    assert not [w for w in report.warnings if w.code in {"rating_unreadable", "overall_rating_unreadable"}]


def test_rating_word_wrapped_mid_word(tmp_path: Path) -> None:
    block = RATINGS_ONE_LINE.format(score="8/21")
    block = block.replace("Staffing\tRequires improvement", "Staffing\tRequires improve-\n\t\tment")
    report = parse_pages(tmp_path, COVER, block, RECOMMENDATIONS)
    assert unit_ratings(report) == EXPECTED


def test_a_lone_rating_word_after_a_rated_row_is_not_joined(tmp_path: Path) -> None:
    """'Good' then 'Good' on the next row: two ratings, not one; nothing is joined."""
    block = RATINGS_ONE_LINE.format(score="8/21")
    report = parse_pages(tmp_path, COVER, block, RECOMMENDATIONS)
    assert unit_ratings(report) == EXPECTED


@pytest.mark.parametrize(
    "after",
    [
        "2. Service delivery\n2.2. Planning\nPlanning is well-informed and personalised.\nGood\n",
        "2. Service delivery\nPlanning is well-informed and personalised.\n",
        "2.\tService delivery\n",
    ],
)
def test_numbered_domain_heading_after_the_last_recommendation(after: str, tmp_path: Path) -> None:
    report = parse_pages(tmp_path, COVER, RATINGS_ONE_LINE.format(score="8/21"), RECOMMENDATIONS, after)
    assert [(r.number, r.addressee, r.text) for r in report.recommendations] == [
        (1, "Brackenford PDU", "reduce the time people wait for a first appointment with their practitioner"),
        (2, "Brackenford PDU", "make sure that every assessment draws on information from partner agencies"),
        (3, "HM Prison and Probation Service", "provide enough qualified staff for the workload of the unit"),
    ]


@pytest.mark.parametrize(
    ("cover", "published"),
    [
        ("HM Inspectorate of Probation, March 2025", "2025-03"),
        ("Published: 14 March 2025", "2025-03"),
        ("Published: March 2025", "2025-03"),
        ("Date of publication: 3 March 2025", "2025-03"),
        ("14 March 2025", "2025-03"),
        ("Date: 14 March 2025", "2025-03"),
        ("Published: 14/03/2025", "2025-03"),
        ("HM Inspectorate of Probation, Mar. 2025", "2025-03"),
        ("HM Inspectorate of Probation, March 20 25", "2025-03"),
        ("© Crown copyright 2025", "2025"),
        ("(c) Crown copyright 2025", "2025"),
        ("Published by: HM Inspectorate of Probation, 1 Example Street, Manchester", None),
    ],
)
def test_published_from_every_source(cover: str, published: str | None, tmp_path: Path) -> None:
    text = COVER.replace("HM Inspectorate of Probation, March 2025", f"{cover}\n{IMPRINT}")
    report = parse_pages(tmp_path, text, RATINGS_ONE_LINE.format(score="8/21"), RECOMMENDATIONS)
    assert report.published == published


def test_month_source_wins_over_the_copyright_year(tmp_path: Path) -> None:
    sources = f"© Crown copyright 2025\nPublished: 2 April 2025\n{IMPRINT}"
    text = COVER.replace("HM Inspectorate of Probation, March 2025", sources)
    report = parse_pages(tmp_path, text, RATINGS_ONE_LINE.format(score="8/21"), RECOMMENDATIONS)
    assert report.published == "2025-04"


def test_copyright_year_on_the_back_cover(tmp_path: Path) -> None:
    text = COVER.replace("HM Inspectorate of Probation, March 2025", IMPRINT)
    back = "Published by HM Inspectorate of Probation\n© Crown copyright 2025\n"
    pages = [text, RATINGS_ONE_LINE.format(score="8/21"), RECOMMENDATIONS, "Background\nProse.\n", "Annex\n", back]
    assert parse_pages(tmp_path, *pages).published == "2025"
