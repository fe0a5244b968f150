"""A report printed with widened word spaces gives the record of the same report printed without
(issue 11, producers and layouts not seen).

Chromium printing a style sheet with `letter-spacing: 0.4pt; word-spacing: 2pt` puts every space
between words beyond the layout's cell gap (0.5 em): each word became a cell, the key-question
scanner took an annex prompt table's wrapped header for questions, and the prompts were stored as
key questions of 2.1, 2.3 and 2.4 with their percentages (a false standard_rating_mismatch in
`validate`), with fragments ("information?") as questions of their own. Found by a fresh tester.
Fixture: tests/fixtures/spaced/make_spaced.py (the committed Chromium fixture's own HTML)."""

from __future__ import annotations

from paths import FIXTURES

from docextract import parse
from docextract.model.record import InspectionReport

SPACED = FIXTURES / "spaced" / "chromium-pdu2021-classic-word-spaced.pdf"
PLAIN = FIXTURES / "producers" / "chromium-pdu2021-classic.pdf"


def _key_questions(record: InspectionReport) -> list[tuple[str, str | None, str, int | None]]:
    return [
        (standard.code, question.code, question.text, question.percent)
        for unit in record.units
        for standard in unit.standards
        for question in standard.key_questions
    ]


def test_word_spaced_print_gives_the_plain_prints_key_questions() -> None:
    plain, spaced = parse(PLAIN), parse(SPACED)
    assert len(_key_questions(plain)) == 14  # the truth's key questions (the plain print is exact)
    assert _key_questions(spaced) == _key_questions(plain)
    assert [s.rating for u in spaced.units for s in u.standards] == [s.rating for u in plain.units for s in u.standards]


def test_justified_cells_give_no_garbled_question() -> None:
    # the same print with table cells justified too: a question stretched to within a few points of
    # its value column read the value and the header's "Current" into its text ("… on 85% probation?",
    # percent null) and the rest of a wrapped question as a question ("probation?"). Such a text is
    # refused (plausibility.yaml key_questions.forbidden_text); here the second, pdfplumber reading
    # then reads every question right
    justified = parse(FIXTURES / "spaced" / "chromium-pdu2021-classic-word-spaced-justified.pdf")
    assert _key_questions(justified) == _key_questions(parse(PLAIN))
