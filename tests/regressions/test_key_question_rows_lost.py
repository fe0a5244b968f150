"""Key-question rows lost without a word (fresh-user tester, issue 11 point 3): a question printed cut
short (no question mark) dropped with its percentage, and a standard whose printed codes skip one
rated from the rest. A lost row is kept as printed or said, and `validate` never rates a standard
from a partial set of its key questions. All fixture wording is invented."""

from __future__ import annotations

from typing import Any

import pytest
from keyquestion_fixtures import clean_pdu, run

from docextract.model.record import KeyQuestion, ParseWarning, Standard
from docextract.validation.run import check


def codes(issues: list[Any]) -> list[str]:
    return sorted(i.code for i in issues)


@pytest.mark.parametrize("name", ["kq-question-cut-short.txt", "kq-question-cut-short.pdf"])
def test_question_cut_short_keeps_its_row_and_says_so(name: str) -> None:
    kqs, warnings = run(name)
    first = kqs["2.3"][0]
    assert [k.percent for k in kqs["2.3"]] == [64, 71, 58]
    assert first.text.startswith("Is the order carried out") and not first.text.endswith("?")
    assert [k.percent for k in kqs["2.4"]] == [66, 61, 52]
    (cut,) = [w for w in warnings if w.code == "key_question_text_cut"]
    assert "Is the order carried out" in cut.message and cut.page == first.page
    assert cut.field == "units[0].standards[5].key_questions[0].text"


def test_gap_in_key_question_codes_is_a_warning_on_the_standard() -> None:
    kqs, warnings = run("kq-code-gap.txt")
    assert [k.code for k in kqs["2.1"]] == ["2.1.2", "2.1.3"]
    (gap,) = [w for w in warnings if w.code == "key_questions_incomplete"]
    assert gap.field == "units[0].standards[3].key_questions"
    assert "2.1.1" in gap.message
    assert [k.code for k in kqs["2.2"]] == ["2.2.1", "2.2.2", "2.2.3"]


@pytest.mark.parametrize(
    ("code", "field"),
    [
        ("key_questions_incomplete", "units[0].standards[5].key_questions"),
        ("implausible_value", "units[0].standards[5].key_questions[*]"),  # a question read but left out
    ],
)
def test_validate_does_not_rate_a_standard_whose_row_was_lost(code: str, field: str) -> None:
    # 2.3 is rated Inadequate; two of its rows read (71, 66) and one lost: the two would give a
    # false mismatch
    record = clean_pdu(**{"2.3": [71, 66]})
    assert "standard_rating_mismatch" in codes(check(record))  # rated from the rest: the fault
    record.warnings.append(ParseWarning(code=code, message="a row of 2.3 not read", page=3, field=field))
    found = check(record)
    assert "standard_rating_mismatch" not in codes(found) and "within_discretion" not in codes(found)
    assert [i.standard for i in found if i.code == "not_checked"] == ["2.3"]


def test_validate_finds_a_gap_in_printed_codes_by_itself() -> None:
    record = clean_pdu()  # 2.1 rated Requires improvement
    standard: Standard = record.units[0].standards[3]
    standard.key_questions = [  # 2.1.1 not read: the rest (lowest 85) would give a false mismatch
        KeyQuestion(code="2.1.2", text="Question two?", percent=90),
        KeyQuestion(code="2.1.3", text="Question three?", percent=85),
    ]
    found = check(record)
    assert "standard_rating_mismatch" not in codes(found)
    (not_checked,) = [i for i in found if i.code == "not_checked"]
    assert not_checked.standard == "2.1" and "2.1.1" in not_checked.message


def test_row_with_a_value_that_is_no_question_makes_the_set_incomplete() -> None:
    kqs, warnings = run("kq-row-not-a-question.txt")
    assert [k.percent for k in kqs["2.2"]] == [62, 58]
    (lost,) = [w for w in warnings if w.code == "key_questions_incomplete"]
    assert lost.field == "units[0].standards[4].key_questions"
    assert "Planning set out the work" in lost.message
