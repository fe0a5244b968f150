"""A word broken at a soft hyphen at a line end was stored with the hyphen (fresh-user tester,
issue 11: Chromium printed "safe-guarding", "accom-modation", "allo-cation" in recommendations,
with no warning). Chromium sets the hyphen of a soft-hyphen break as U+2010 (CSS's hyphenate
character), pdfium marks a break it judged one with U+FFFE/0x02, and a text layer may keep U+00AD:
each, last on a line, is a hyphenation break and the word is joined whole; a typed hyphen (U+002D)
is kept ("well-being"), unless the report prints the word whole elsewhere and never hyphenated.
The fixture is rendered here by Chromium and WeasyPrint; all its wording is invented for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from html_print import PRINTERS, print_html

from docextract import parse
from docextract.extract.recommendations.extract import join_lines

WORDS = ("safe&shy;guarding", "accom&shy;modation", "allo&shy;cation", "well-being", "multi-agency")
ITEMS = tuple(
    f"make sure that every {w} {w} {w} {w} {w} {w} plan is reviewed" for w in WORDS
)
STYLE = (
    "@page{size:A4;margin:20mm} body{font-family:'DejaVu Sans',sans-serif;font-size:10pt}"
    " p.num{width:11em;margin-left:24pt;text-indent:-20pt;hyphens:manual}"
)


def _html() -> str:
    items = "".join(f'<p class="num">{n}. {text}</p>' for n, text in enumerate(ITEMS, 1))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><style>{STYLE}</style></head><body>'
        '<p style="font-size:24pt">An inspection of probation services in: Millbeck PDU</p>'
        "<p>HM Inspectorate of Probation, June 2025</p>"
        "<h1>Recommendations</h1><p>In this inspection we have made five recommendations.</p>"
        f"<p>Millbeck PDU should:</p>{items}</body></html>"
    )


@pytest.mark.parametrize("printer", PRINTERS)
def test_soft_hyphen_break_joined_typed_hyphen_kept(tmp_path: Path, printer: str) -> None:
    report = parse(print_html(_html(), tmp_path, "softhyphen", printer))
    expected = [text.replace("&shy;", "") for text in ITEMS]
    assert [(r.number, r.text) for r in report.recommendations] == list(enumerate(expected, 1))


def test_join_lines_break_flags_and_words_printed_whole() -> None:
    assert join_lines(["child safe-", "guarding"], [True, False]) == "child safeguarding"
    assert join_lines(["child safe", "guarding"], [True, False]) == "child safeguarding"  # U+00AD folded away
    assert join_lines(["child well-", "being"], [False, False]) == "child well-being"
    assert join_lines(["child safe-", "guarding."], whole=frozenset({"safeguarding"})) == "child safeguarding."
    both = frozenset({"well-being", "wellbeing"})
    assert join_lines(["child well-", "being"], whole=both) == "child well-being"
