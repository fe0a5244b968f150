"""patterns/metadata.yaml: where a report states its publication date, and the words that
leave a cover title unfinished."""

import regex
from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..model.codes import RULE_REGEX_GROUP_MISSING
from .common import Strict, check_groups, check_regex, rule_error, vocab_of
from .plain import PublishedSourceMethods, expand, placeholders

__all__ = ["MetadataPatterns", "PublishedSource", "expand", "placeholders"]


class PublishedSource(PublishedSourceMethods, Strict):
    """One place a report states its publication date (patterns/metadata.yaml)."""

    name: str
    precision: str = Field(pattern=r"^(month|year)$")
    scope: str = Field(pattern=r"^(front|front_and_back)$")
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _groups(cls, value: str, info: ValidationInfo) -> str:
        check_groups(expand(value, vocab_of(info)), "year")
        return value

    @model_validator(mode="after")
    def _month(self, info: ValidationInfo) -> "PublishedSource":
        if self.precision == "month" and "month" not in regex.compile(expand(self.pattern, vocab_of(info))).groupindex:
            raise rule_error(
                RULE_REGEX_GROUP_MISSING,
                f"published source {self.name!r} gives a month but its pattern has no 'month' group",
                "pattern",
            )
        return self


class MetadataPatterns(Strict):
    """patterns/metadata.yaml."""

    version: int
    published: list[PublishedSource] = Field(min_length=1)
    # a title's line ending in one of these words (or a colon) goes on: the title is not complete
    title_dangling_words: list[str] = Field(min_length=1)
    max_title_words: int = Field(ge=1)
    next_line_max_words: int = Field(ge=1)
    max_title_lines: int = Field(ge=2)
    title_stop: str
    subject: str

    _s = field_validator("title_stop")(lambda cls, v: check_regex(v))
    _g = field_validator("subject")(lambda cls, v: check_groups(v, "subject"))
