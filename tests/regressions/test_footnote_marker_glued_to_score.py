"""A footnote marker printed right after the score is not part of it (tester round 4, finding 7).

"8/21" followed by a raised, smaller "1" (a footnote marker) comes out of the page's plain text as
"8/211" when the producer leaves no space between them (WeasyPrint, and Ghostscript re-distilling
Chromium): the layout told the marker apart by font size and baseline and read 8/21, but the check
that the score is printed compared it with the plain text and refused it ("'8/21' is not printed").
The score is read, as printed and after Ghostscript. Invented prose and places.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from html_print import ghostscript_copy

from docextract import parse

RATINGS = [("P 1.1", "Leadership", "Good"), ("P 1.2", "Staffing", "Requires improvement"),
           ("P 1.3", "Services", "Good"), ("P 2.1", "Assessment", "Requires improvement"),
           ("P 2.2", "Planning", "Inadequate"), ("P 2.3", "Implementation and delivery", "Requires improvement"),
           ("P 2.4", "Reviewing", "Requires improvement")]


def _html(score: str) -> str:
    rows = "".join(f"<tr><td>{code}</td><td>{name}</td><td>{rating}</td></tr>" for code, name, rating in RATINGS)
    return (
        "<html><head><style>@page{size:A4;margin:20mm} body{font-family:'DejaVu Sans',sans-serif;font-size:10pt}"
        "td{border:1px solid #888;padding:3pt} table{border-collapse:collapse;width:100%} .np{break-before:page}"
        "</style></head><body><p style='font-size:24pt'>An inspection of probation services in: Tollmarsh PDU</p>"
        "<p>HM Inspectorate of Probation, April 2025</p><h1 class='np'>Ratings</h1><table>"
        "<tr><td colspan='3'>Tollmarsh PDU</td></tr>"
        "<tr><td colspan='2'>Overall rating</td><td>Requires improvement</td></tr>"
        f"<tr><td colspan='2'>Score</td><td>{score}</td></tr>{rows}</table>"
        "<p style='font-size:8pt'><sup>1</sup> The score adds up the ratings of the seven standards.</p>"
        "</body></html>"
    )


def _pdf(tmp_path: Path, score: str, ghostscript: bool) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "printed.pdf"
    weasyprint.HTML(string=_html(score)).write_pdf(str(path))
    return ghostscript_copy(path, tmp_path) if ghostscript else path


@pytest.mark.parametrize("ghostscript", [False, True], ids=["weasyprint", "ghostscript"])
def test_a_score_with_a_footnote_marker_is_read(tmp_path: Path, ghostscript: bool) -> None:
    report = parse(_pdf(tmp_path, "8/21<sup>1</sup>", ghostscript))
    unit = report.units[0]
    assert (unit.score, unit.max_score) == (8, 21)
    assert not [w for w in report.warnings if w.field and "score" in w.field]


def test_a_marker_printed_as_big_as_the_score_is_not_taken_for_a_footnote(tmp_path: Path) -> None:
    # the control: "8/211" printed at one size and baseline is what the page prints, a misprint refused
    report = parse(_pdf(tmp_path, "8/211", False))
    assert (report.units[0].score, report.units[0].max_score) == (None, None)
    assert [w for w in report.warnings if w.field == "units[0].score"]
