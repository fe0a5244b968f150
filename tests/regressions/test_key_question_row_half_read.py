"""Key-question rows read by half (fresh-user tester, round 3): a question printed with its value
cell empty, or a value printed with no question beside it (a row whose question is blank, a code
alone, a value on the row below its question) was dropped without a word, and `validate` rated the
standard from the rest. Such a row makes the set incomplete: a `key_questions_incomplete` warning,
so `validate` says not_checked. All fixture wording is invented."""

from __future__ import annotations

import pytest
from keyquestion_fixtures import run

REVIEWING = "units[0].standards[6].key_questions"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("kq-blank-value-last-row.txt", "safety of other people"),
        ("kq-blank-value-last-row.md", "safety of other people"),
        ("kq-value-without-question.txt", "41%"),
        ("kq-code-without-question.txt", "41%"),
        ("kq-value-on-row-below.md", "41%"),
    ],
)
def test_row_read_by_half_makes_the_set_incomplete(name: str, said: str) -> None:
    kqs, warnings = run(name)
    assert [k.percent for k in kqs["2.4"] if k.percent is not None][:2] == [66, 61]
    incomplete = [w for w in warnings if w.code == "key_questions_incomplete"]
    assert [w.field for w in incomplete] == [REVIEWING]
    assert said in incomplete[0].message
