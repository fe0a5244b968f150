"""patterns/reading.yaml: what normalisation folds and removes in a line's text (characters
folded, footnote markers, markdown and HTML residue of text conversions)."""

from pydantic import Field, field_validator, model_validator

from ..model.codes import RULE_SCHEMA
from .common import Strict, check_filled, check_regex, check_replacement, rule_error


class Guarded(Strict):
    """A pattern removed from a line, and `needs`: text every match holds (a line without it is
    not searched, for speed)."""

    pattern: str
    needs: str = Field(min_length=1)

    _v = field_validator("pattern")(lambda cls, v: check_regex(v))


class Replacement(Strict):
    """A pattern and its replacement (`\\1` names the pattern's first group)."""

    pattern: str
    replace: str

    @model_validator(mode="after")
    def _groups(self) -> "Replacement":
        check_replacement(check_regex(self.pattern), self.replace)
        return self


class BrokenLigatures(Strict):
    """A PDF whose ToUnicode map gives a wrong character for a ligature glyph ("oûending" for
    "offending"): the expansions a glyph may stand for, and the words that confirm one."""

    expansions: list[str] = Field(min_length=1)
    # distinct words, read with the character as the expansion, that must be known words
    min_words: int = Field(ge=1)
    # a word is known when the document prints it without the character, or it is listed here
    words: list[str] = Field(min_length=1)


class ReadingPatterns(Strict):
    """patterns/reading.yaml."""

    version: int
    fold: dict[str, str] = Field(min_length=1)
    sup_tag: Guarded
    footnote_superscripts: str
    footnote_after_question: Guarded
    markup: list[Replacement] = Field(min_length=1)
    # markup a name keeps when a draft is printed unrendered (read.normalize.clean_name)
    name_markup: list[Replacement] = Field(min_length=1)
    broken_ligatures: BrokenLigatures
    # last on a line, a hyphenation break (soft or typesetter's hyphen), not a hyphen of the words
    break_hyphens: list[str] = Field(default_factory=list)

    # <SUPERSCRIPTS>: the superscript digits, inside a character class
    _s = field_validator("footnote_superscripts")(lambda cls, v: check_filled(v, "<SUPERSCRIPTS>", "0"))

    @field_validator("fold")
    @classmethod
    def _one_character(cls, value: dict[str, str]) -> dict[str, str]:
        for char in value:
            if len(char) != 1:
                raise rule_error(RULE_SCHEMA, f"{char!r} is not one character (fold maps characters)", char)
        return value
