"""patterns/ratings_table.yaml: the shapes of a ratings box's rows, validated on load.

The rows' regular expressions (a score, a standard's code, a domain heading, a rating column's
label) and the size limits of names, column headers and a box's prelude. Each pattern must
compile and carry the named groups `extract/ratings/table.py` reads; `<OUT_OF>` in a pattern
is replaced by `out_of` (see `expanded`).
"""

from __future__ import annotations

from pydantic import Field, field_validator

from .common import Strict, check_groups, check_regex
from .plain import OUT_OF, RatingsTableMethods


def _shape(value: str, *groups: str) -> str:
    """A pattern compiles (with a stand-in for `<OUT_OF>`) and has the named groups the extractor reads."""
    check_groups(value.replace(OUT_OF, "(?:/)"), *groups)
    return value


class RatingsTablePatterns(RatingsTableMethods, Strict):
    """The validated content of patterns/ratings_table.yaml (regex syntax of the `regex` module)."""

    version: int
    out_of: str
    score: str
    score_open: str
    score_label: str
    fraction: str
    code_only: str
    code_letter: str
    code_number: str
    standard: str
    code_within: str
    previous_note: str
    domain: str
    column: str
    max_name_words: int = Field(ge=1)
    max_column_words: int = Field(ge=1)
    max_prelude_rows: int = Field(ge=2)

    _o = field_validator("out_of")(lambda cls, v: check_regex(v))
    _c = field_validator("code_only", "code_letter", "code_number")(lambda cls, v: _shape(v))
    _s = field_validator("score")(lambda cls, v: _shape(v, "prefix", "score", "max", "rest"))
    _p = field_validator("score_open")(lambda cls, v: _shape(v, "prefix"))
    _l = field_validator("score_label")(lambda cls, v: _shape(v, "prefix", "rest"))
    _f = field_validator("fraction")(lambda cls, v: _shape(v, "score", "max"))
    _t = field_validator("standard")(lambda cls, v: _shape(v, "a", "b", "rest"))
    _w = field_validator("code_within")(lambda cls, v: _shape(v))
    _n = field_validator("previous_note")(lambda cls, v: check_regex(v))
    _d = field_validator("domain")(lambda cls, v: _shape(v, "d", "name"))
    _k = field_validator("column")(lambda cls, v: _shape(v, "this", "prev", "in", "year"))
