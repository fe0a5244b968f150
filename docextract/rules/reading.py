"""patterns/reading.yaml: what normalisation removes from a line's text (footnote numbers)."""

from pydantic import field_validator

from .common import Strict, check_regex


class ReadingPatterns(Strict):
    """patterns/reading.yaml."""

    version: int
    footnote_after_question: str

    _v = field_validator("footnote_after_question")(lambda cls, v: check_regex(v))
