"""Key questions of a fixture of tests/fixtures/keyquestions read for one unit with the 2023 PDU
standards (no ratings table needed), and a consistent hand-built 2023 PDU record: shared by the
key-question regression tests."""

from __future__ import annotations

import paths

from docextract.detect.classify import Detection, detect
from docextract.extract.keyquestions.extract import extract_key_questions
from docextract.model.record import InspectionReport, KeyQuestion, ParseWarning, Source, Standard, Unit
from docextract.read.open import read_document
from docextract.rules.patterns import frameworks

FIXTURES = paths.FIXTURES / "keyquestions"
FRAMEWORK = "probation-pdu-2023"


def run(name: str) -> tuple[dict[str, list[KeyQuestion]], list[ParseWarning]]:
    """The key questions by standard code of fixture `name`, and the warnings of their reading."""
    with read_document(FIXTURES / name) as doc:
        detection = Detection(kind="pdu_inspection", framework=FRAMEWORK, furniture=detect(doc).furniture)
        rules = frameworks().frameworks[FRAMEWORK].standards
        unit = Unit(name="Fixture PDU", page=1, standards=[Standard(code=r.code, name=r.name) for r in rules])
        [filled], warnings = extract_key_questions(doc, detection, [unit])
    assert all(not s.key_questions for s in unit.standards)  # the unit given is left as it is
    return {s.code: s.key_questions for s in filled.standards}, warnings


def clean_pdu(**percents: list[int]) -> InspectionReport:
    """A consistent 2023 PDU: 2+1+1+1+1+0+0 = 6/21, Requires improvement; `percents` maps a
    case-based standard's code to other key-question percentages (its rating kept)."""
    rows = [
        ("1.1", "Leadership", "Good", []),
        ("1.2", "Staffing", "Requires improvement", []),
        ("1.3", "Services", "Requires improvement", []),
        ("2.1", "Assessment", "Requires improvement", [79, 90, 56]),
        ("2.2", "Planning", "Requires improvement", [67, 77, 62]),
        ("2.3", "Implementation and delivery", "Inadequate", [51, 49, 33]),
        ("2.4", "Reviewing", "Inadequate", [62, 46, 41]),
    ]
    standards = []
    for code, name, rating, marks in rows:
        marks = percents.get(code, marks)
        questions = [KeyQuestion(text=f"Question {n} of {code}?", percent=p) for n, p in enumerate(marks, 1)]
        standards.append(Standard(code=code, name=name, rating=rating, page=3, key_questions=questions))
    unit = Unit(
        name="Northgate PDU", overall_rating="Requires improvement", score=6, max_score=21, standards=standards, page=3
    )
    return InspectionReport(
        docextract_version="test",
        source=Source(path="hand-built.pdf", sha256="0" * 64, pages=20, format="pdf"),
        kind="pdu_inspection",
        framework=FRAMEWORK,
        units=[unit],
        statements=[],  # a hand-built record has no text to state anything
    )
