"""A key-question table row split by a page break (issue 11, Word drafts printed by LibreOffice:
a table row may break across pages). The question's first lines and its percentage at the foot of
one page, the rest of its words atop the next: the question was refused as "not printed on page N"
(its words run over two pages), or, when the page of its percentage held no question mark, that page
was never read and the question's rest became a question of its own without a value (the
standard's set lost). Wanted: the row joined across the break when the table runs on (header
repeated or not), the value's place the page it is printed on; where it cannot be joined, a
warning that the set is incomplete, never a silent loss or a value given to another question.
Fixtures: tests/fixtures/keyquestions/make_split_rows.py (invented wording)."""

from __future__ import annotations

from keyquestion_fixtures import run

from docextract.model.record import KeyQuestion, ParseWarning

REFUSALS = {
    "implausible_value",
    "key_question_text_cut",
    "key_questions_incomplete",
    "key_question_value_unreadable",
}  # (key_questions_not_found: a fixture prints only some standards' tables)


def _read(questions: list[KeyQuestion]) -> list[tuple[str, int | None, int | None]]:
    return [(q.text, q.percent, q.page) for q in questions]


def _refusals(warnings: list[ParseWarning]) -> list[str]:
    return [f"{w.code}: {w.message}" for w in warnings if w.code in REFUSALS]


def test_question_words_over_the_break_joined_with_the_value_on_its_page() -> None:
    kqs, warnings = run("kq-row-split-words-over-page-break.pdf")
    assert _read(kqs["2.1"]) == [
        ("Does assessment focus sufficiently on engaging the person on probation and their own circumstances?", 74, 1),
        ("Does assessment focus sufficiently on the factors linked to offending and desistance?", 63, 2),
        ("Does assessment focus sufficiently on keeping other people safe?", 48, 2),
    ]
    assert _read(kqs["2.2"]) == [
        ("Does planning focus sufficiently on engaging the person on probation?", 69, 2),
        ("Does planning focus sufficiently on reducing reoffending and supporting desistance?", 57, 2),
        ("Does planning focus sufficiently on keeping other people safe?", 61, 2),
    ]
    first = kqs["2.1"][0].bbox
    assert first is not None and first.top > 600  # at the foot of page 1, where its 74% is printed
    assert _refusals(warnings) == []


def test_value_printed_atop_the_next_page_is_placed_there() -> None:
    kqs, warnings = run("kq-row-split-value-on-next-page.pdf")
    assert _read(kqs["2.4"]) == [
        ("Does reviewing focus sufficiently on supporting the person's compliance and engagement?", 66, 2),
        ("Does reviewing focus sufficiently on supporting desistance?", 61, 2),
        ("Does reviewing focus sufficiently on keeping other people safe?", 52, 2),
    ]
    first = kqs["2.4"][0].bbox
    assert first is not None and first.top < 120  # the 66% atop page 2, not the question on page 1
    assert _refusals(warnings) == []


def test_row_joined_under_a_repeated_header_and_a_row_cut_at_the_foot_said() -> None:
    kqs, warnings = run("kq-row-split-under-repeated-header.pdf")
    assert [(q.text, q.percent, q.comparator_percent, q.page) for q in kqs["2.3"]] == [
        ("Is the sentence implemented effectively with a focus on engaging the person on probation?", 78, 70, 1),
        ("Does the implementation and delivery of services effectively support desistance?", 69, 72, 1),
        ("Does the implementation and delivery of services effectively support the safety of other people?", 55, 64, 1),
    ]
    # 2.4's last row runs to the foot of page 3 and page 4 does not continue it: its value is its own,
    # its text is kept as printed, and the set is said incomplete (the table may run on unread)
    assert _read(kqs["2.4"]) == [
        ("Does reviewing focus sufficiently on supporting compliance and engagement?", 60, 3),
        ("Does reviewing focus sufficiently on supporting desistance?", 57, 3),
        ("Does reviewing focus sufficiently on keeping", 41, 3),
    ]
    said = sorted((w.code, w.field) for w in warnings if w.code in REFUSALS)
    assert said == [
        ("key_question_text_cut", "units[0].standards[6].key_questions[2].text"),
        ("key_questions_incomplete", "units[0].standards[6].key_questions"),
    ]
    incomplete = next(w for w in warnings if w.code == "key_questions_incomplete")
    assert "Does reviewing focus sufficiently on keeping" in incomplete.message
    assert "page 3" in incomplete.message


def test_rest_of_row_beside_a_value_column_printed_first() -> None:
    # synth-20261201-00002-youth (LibreOffice): the % column printed left of the questions; the rest of
    # a row cut by the break, atop the next page under the repeated header, was taken for prose
    # running into the value column (it only runs right of it), so the question was cut short
    kqs, warnings = run("kq-row-split-value-column-first.pdf")
    assert _read(kqs["2.3"]) == [
        ("Is the sentence implemented effectively with a focus on engaging the person on probation?", 71, 1),
        ("Does the implementation and delivery of services effectively support desistance?", 66, 1),
        ("Does the implementation and delivery of services effectively support the safety of others?", 58, 2),
    ]
    assert _refusals(warnings) == []


def test_rest_of_row_below_a_wrapped_header_is_no_header_label() -> None:
    # synth-20261201-00025-pdu2023 (LibreOffice): the header's value columns wrap over three lines; the
    # rest of the row cut by the break, right below the repeated header under its "Key question"
    # column, was read as more of that column's label ("Key question on reducing reoffending and")
    kqs, warnings = run("kq-row-split-rest-below-wrapped-header.pdf")
    assert _read(kqs["2.2"]) == [
        ("Does planning focus sufficiently on engaging the person on probation?", 78, 1),
        ("Does planning focus sufficiently on reducing reoffending and supporting desistance?", 70, 1),
        ("Does planning focus sufficiently on keeping other people safe?", 63, 2),
    ]
    assert _refusals(warnings) == []
