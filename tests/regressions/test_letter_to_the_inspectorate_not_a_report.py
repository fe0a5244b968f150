"""A letter addressed TO the inspectorate is not its publication (tester defect 4, round 3).

A council's reply to the Chief Inspector prints the inspectorate's name and address in the
recipient's block ("To: ..." up to "Dear ...") and greets "Dear Chief Inspector": those are the
addressee, not the publisher stating its own identity. The letter stays `unknown`, as a text file,
a PDF and a Word document alike; an inspectorate letter (its own letterhead above "To:") is still
recognised. Invented prose and places throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from paragraph_documents import write

from docextract import parse

BODY = [
    "Thank you for your letter of 3 February 2025 and the report published on "
    "justiceinspectorates.gov.uk/hmiprobation. The council welcomes the findings and notes that the "
    "unit was rated Requires improvement overall. " * 2,
    "Ashby Vale PDU should:",
    "1. agree a housing plan with the council so that nobody leaves custody without an address",
    "2. review the supervision of practitioners new to the service every quarter",
    "Our scrutiny panel will review progress in the autumn and write to you again.",
    "Yours sincerely,",
    "Director of Community Services, Wenlow District Council",
]

TO_BLOCK = [
    "Wenlow District Council",
    "Town Hall, Wenlow WN2 4QQ",
    "9 April 2025",
    "To: Chief Inspector of Probation",
    "HM Inspectorate of Probation",
    "1st Floor Civil Justice Centre",
    "1 Bridge Street West",
    "Manchester M3 3FX",
    "Dear Chief Inspector,",
    "Response to the inspection of probation services in: Ashby Vale PDU",
]

# no "To:" label: the recipient's block is only known from the greeting to the inspectorate
NO_LABEL = [
    "Wenlow District Council",
    "Town Hall, Wenlow WN2 4QQ",
    "9 April 2025",
    "HM Chief Inspector of Probation",
    "HM Inspectorate of Probation",
    "1 Bridge Street West",
    "Manchester M3 3FX",
    "Dear Chief Inspector,",
]

OWN_LETTER = [
    "HM Inspectorate of Probation",
    "1st Floor Civil Justice Centre, 1 Bridge Street West, Manchester M3 3FX",
    "9 April 2025",
    "To:",
    "Jo Marsh, Regional Probation Director",
    "Dear Jo,",
]


@pytest.mark.parametrize("suffix", [".md", ".pdf", ".docx"])
@pytest.mark.parametrize("head", [TO_BLOCK, NO_LABEL], ids=["to-label", "greeting-only"])
def test_a_letter_to_the_chief_inspector_is_unknown(tmp_path: Path, suffix: str, head: list[str]) -> None:
    report = parse(write(head + BODY, tmp_path / f"letter{suffix}"))
    assert report.kind == "unknown"
    assert report.recommendations == []
    assert [w.code for w in report.warnings] == ["unknown_document"]


@pytest.mark.parametrize("suffix", [".md", ".pdf"])
def test_the_inspectorate_s_own_letter_is_still_recognised(tmp_path: Path, suffix: str) -> None:
    # the control: the inspectorate's letterhead above the recipient's block is its own identity
    report = parse(write(OWN_LETTER + BODY, tmp_path / f"own{suffix}"))
    assert report.kind == "regional_letter"
