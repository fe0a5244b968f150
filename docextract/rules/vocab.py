"""patterns/vocab.yaml: the one list of each vocabulary (rating words, report kinds, months,
number words, superscript digits), validated on load.

Every rule file naming a rating or a kind is checked against it (`common.KnownRating`,
`common.KnownKind`), and the code reads the words from here (`vocab()`), never from its own list.
"""

from functools import cache
from typing import Any, get_args

from pydantic import Field, model_validator

from ..model.codes import RULE_VOCAB
from ..model.record import Kind, Rating
from .common import Strict, rule_error
from .loader import load


class KindInfo(Strict):
    """What a report kind implies (vocab.yaml `kinds`)."""

    rated: bool = False
    one_unit: bool = False
    recommendations: bool = False


class Vocab(Strict):
    """patterns/vocab.yaml. Lists are ordered as the file gives them (ratings worst to best,
    months from January); words are unique."""

    version: int
    ratings: list[str] = Field(min_length=2)
    kinds: dict[str, KindInfo] = Field(min_length=1)
    months: list[str] = Field(min_length=12, max_length=12)
    number_words: dict[str, int] = Field(min_length=1)
    tens: dict[str, int]
    superscript_digits: str = Field(min_length=10, max_length=10)

    @model_validator(mode="after")
    def _words(self) -> "Vocab":
        for key in ("ratings", "months"):
            words: list[str] = getattr(self, key)
            repeated = sorted({w for w in words if words.count(w) > 1})
            if repeated:
                raise rule_error(RULE_VOCAB, f"{key}: {repeated} listed twice")
        record_types: dict[str, Any] = {"ratings": Rating, "kinds": Kind}
        for key, literal in record_types.items():
            listed, typed = set(getattr(self, key)), set(get_args(literal))
            if listed != typed:
                raise rule_error(
                    RULE_VOCAB,
                    f"{key} {sorted(listed)} differ from the record's type {literal_name(key)} {sorted(typed)}"
                    " (model/record.py): change both",
                )
        return self

    def kinds_where(self, what: str) -> frozenset[str]:
        """The kinds whose KindInfo flag `what` ('rated', 'one_unit', 'recommendations') is set."""
        return frozenset(k for k, info in self.kinds.items() if getattr(info, what))

    def month_number(self, word: str) -> int | None:
        """1-12 for a month's name or its first three letters in any case ('sept' -> 9), else None."""
        key = word.casefold()[:3]
        return next((i for i, m in enumerate(self.months, start=1) if m[:3].casefold() == key), None)

    def number_value(self, word: str) -> int | None:
        """'13' -> 13, 'nine' -> 9, 'twenty' -> 20, 'twenty-one' -> 21; None for anything else
        ('a', 'several')."""
        word = word.casefold().strip()
        if word.isdigit():
            return int(word)
        if word in self.number_words:
            return self.number_words[word]
        if word in self.tens:
            return self.tens[word]
        tens, _, unit = word.partition("-")
        if tens in self.tens and 0 < self.number_words.get(unit, 0) < 10:
            return self.tens[tens] + self.number_words[unit]
        return None

    def words_between(self, low: int, high: int) -> dict[str, int]:
        """The number words (number_words and tens) whose value is from `low` to `high`."""
        return {w: n for w, n in (self.number_words | self.tens).items() if low <= n <= high}

    def to_superscript(self) -> dict[int, int]:
        """A str.translate table from the digits 0-9 to their superscripts."""
        return str.maketrans("0123456789", self.superscript_digits)


def literal_name(key: str) -> str:
    """The record type a vocabulary must agree with."""
    return {"ratings": "Rating", "kinds": "Kind"}[key]


@cache
def vocab() -> Vocab:
    """patterns/vocab.yaml, validated (cached for the process). Raises RuleError."""
    return load("vocab.yaml", Vocab)
