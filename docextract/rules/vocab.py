"""patterns/vocab.yaml: the one list of each vocabulary (rating words, report kinds, months,
number words, superscript digits), validated on load.

Every rule file naming a rating or a kind is checked against it (`common.KnownRating`,
`common.KnownKind`), and the code reads the words from here (`vocab()`), never from its own list.
"""

from typing import Any, get_args

from pydantic import Field, model_validator

from ..model.codes import RULE_VOCAB
from ..model.record import Kind, Rating
from .common import Strict, rule_error
from .plain import VocabMethods


class KindInfo(Strict):
    """What a report kind implies (vocab.yaml `kinds`)."""

    rated: bool = False
    one_unit: bool = False
    recommendations: bool = False
    may_recommend: bool = False


class Vocab(VocabMethods, Strict):
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


def literal_name(key: str) -> str:
    """The record type a vocabulary must agree with."""
    return {"ratings": "Rating", "kinds": "Kind"}[key]


def vocab() -> Vocab:
    """patterns/vocab.yaml, validated (`patterns.vocab`, which gives it without this module).
    Raises RuleError."""
    from .patterns import vocab as validated

    return validated()
