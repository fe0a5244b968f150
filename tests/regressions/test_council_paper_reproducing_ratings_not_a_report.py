"""Another body's paper about an inspection is not the inspectorate's publication (tester round 4, finding 5).

A council's scrutiny-committee paper ("Agenda item 7", "Report of the Director of ...") reproduces
the unit's ratings table and its recommendations and names the inspectorate and its web address in
its prose: those are mentions by someone else, not the publisher stating its own identity. Where
the front page states another author, only the inspectorate's own imprint makes it its publication;
the paper stays `unknown` with no values, as a PDF and as a Word document. Invented prose and places.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from paragraph_documents import write

from docextract import parse

RATINGS = [
    "Overall rating Requires improvement",
    "Score 8/21",
    "P 1.1 Leadership Good",
    "P 1.2 Staffing Requires improvement",
    "P 1.3 Services Good",
    "P 2.1 Assessment Requires improvement",
    "P 2.2 Planning Inadequate",
    "P 2.3 Implementation and delivery Requires improvement",
    "P 2.4 Reviewing Requires improvement",
]

BODY = [
    "This paper summarises for members the findings of the recent inspection of probation services in "
    "Hollin Vale PDU by HM Inspectorate of Probation, published in March 2025, and sets out how the "
    "council's services will support the unit's improvement plan.",
    "Summary of ratings",
    "The inspectorate rated the unit as follows.",
    *RATINGS,
    "Recommendations relevant to the council",
    "The inspectorate made five recommendations. The council should:",
    "1. agree with the probation delivery unit a protocol for sharing social care information within five days",
    "2. report progress to this committee in November 2025",
    "Members can read the inspection report on the inspectorate's website at justiceinspectorates.gov.uk/hmiprobation.",
]

HEADS = {
    "agenda": [
        "Tarnbridge County Council",
        "Community Safety Scrutiny Committee, 14 May 2025",
        "Agenda item 7: Inspection of probation services in Hollin Vale",
        "Report of the Director of Communities",
    ],
    "officer": ["Report of the Head of Community Safety", "Inspection of probation services in Hollin Vale PDU"],
    "meeting": [
        "Tarnbridge Community Safety Partnership Board",
        "Date of meeting: 2 June 2025",
        "Report author: Sam Idle, Partnership Manager",
        "Inspection of probation services in Hollin Vale PDU",
    ],
}


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("head", sorted(HEADS))
def test_a_paper_by_another_body_reproducing_the_ratings_is_unknown(tmp_path: Path, suffix: str, head: str) -> None:
    report = parse(write(HEADS[head] + BODY, tmp_path / f"paper{suffix}"))
    assert report.kind == "unknown"
    assert report.units == [] and report.recommendations == [] and report.title is None
    assert [w.code for w in report.warnings] == ["unknown_document"]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_inspectorate_s_own_cover_is_still_recognised(tmp_path: Path, suffix: str) -> None:
    # the control: the publisher's imprint on the cover states its own identity
    cover = ["An inspection of probation services in: Hollin Vale PDU", "HM Inspectorate of Probation, March 2025"]
    report = parse(write(cover + BODY, tmp_path / f"own{suffix}"))
    assert report.kind == "pdu_inspection"
