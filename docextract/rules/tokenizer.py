"""patterns/tokenizer.yaml: what spaCy's English tokenizer and sentencizer do with plain text,
mirrored by the spaCy-free paths of `extract/addressees.py`."""

from pydantic import Field, field_validator

from .common import Strict, check_groups, check_regex


class TokenizerPatterns(Strict):
    """The schema of patterns/tokenizer.yaml."""

    version: int
    plain_piece: str
    possessive: str = Field(min_length=1)
    comma: str = Field(min_length=1, max_length=1)
    sentence_marks: str = Field(min_length=1)
    plain_end: str
    abbreviations: list[str] = Field(min_length=1)
    kept_lower: int = Field(ge=0)
    kept_upper: int = Field(ge=0)
    other_sentence_marks: str

    _p = field_validator("plain_piece")(lambda cls, v: check_regex(v))
    _e = field_validator("plain_end")(lambda cls, v: check_groups(v, "word", "mark"))
