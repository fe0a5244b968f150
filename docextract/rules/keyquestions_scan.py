"""patterns/keyquestions_scan.yaml: the shapes of key-question table rows, validated on load.

Templates may hold `<VALUE>` (keyquestions.yaml's `value_token`) and `<STARTS>` (its
`question_starts`, escaped and joined as alternatives); `expanded` fills them in. Each pattern
must compile (with stand-ins for the placeholders) and carry the groups the scanner reads.
"""

from __future__ import annotations

from pydantic import field_validator

from .common import Strict, check_groups
from .plain import STARTS, VALUE, KeyQuestionScanMethods


def _shape(value: str, *groups: str) -> str:
    """A template compiles with stand-ins for its placeholders and has the named groups read."""
    check_groups(value.replace(VALUE, "x").replace(STARTS, "x"), *groups)
    return value


class KeyQuestionScanPatterns(KeyQuestionScanMethods, Strict):
    """The validated content of patterns/keyquestions_scan.yaml (regex syntax of the `regex` module)."""

    version: int
    value_cell: str
    trailing_values: str
    question_start: str
    label_footnote: str
    residue_start: str
    residue_marker: str
    percent_line: str
    question_value_line: str
    value_question_line: str
    inner_value: str

    _v = field_validator(
        "value_cell",
        "question_start",
        "label_footnote",
        "residue_start",
        "residue_marker",
        "percent_line",
        "question_value_line",
        "value_question_line",
        "inner_value",
    )(lambda cls, v: _shape(v))
    _t = field_validator("trailing_values")(lambda cls, v: _shape(v, "text", "values"))
