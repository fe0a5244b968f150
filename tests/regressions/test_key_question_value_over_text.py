"""A key-question table whose questions run on under the value column, each percentage drawn over
its question's words (fresh-user tester's m2/m8/m9 PDFs): no key question was read at all. A
percentage printed inside a question's line, under the value column's header, is that row's
value; the question is read without it. Fixture: tests/fixtures/keyquestions/kq-value-over-question.pdf
(make_overprinted.py, invented wording)."""

from __future__ import annotations

from keyquestion_fixtures import run


def test_percentage_drawn_over_the_question_is_its_value() -> None:
    kqs, warnings = run("kq-value-over-question.pdf")
    assert [(k.text, k.percent) for k in kqs["2.1"]] == [
        ("Does assessment weigh what led the person to offend?", 68),
        ("Does assessment look at the person's own strengths and goals?", 74),
        ("Does assessment attend closely enough to the safety of other people?", 57),
    ]
    said = {w.code for w in warnings}
    assert said.isdisjoint({"key_question_value_unreadable", "key_question_text_cut", "key_questions_incomplete"})


def test_a_percentage_inside_a_question_whose_value_has_its_own_cell_stays_text() -> None:
    kqs, _ = run("kq-value-over-question.pdf")
    assert [(k.text, k.percent) for k in kqs["2.2"]] == [
        ("Did planning set at least 60% of the sessions the person needed?", 63),
        ("Does planning involve the person on probation enough?", 70),
        ("Does planning attend to the safety of other people?", 66),
    ]
