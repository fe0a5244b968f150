"""What every schema module of `docextract/rules/` shares: the strict base model, regular
expressions checked on load, and the vocabulary-checked word types (rating words, report kinds).

Checks raise pydantic's `PydanticCustomError` with a code of `errors.RULE_CODES` as its type;
the loader turns every error of a file into a coded `RuleProblem` (file, key, reason).

No `from __future__ import annotations` in the schema modules: pydantic would evaluate each
field's annotation string when its class is created, at every start-up (~8 ms, issue 16). A
model is defined before the models naming it; a method's return type naming its class is quoted.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import regex
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from ..model.codes import (
    RULE_REGEX_GROUP_MISSING,
    RULE_REGEX_INVALID,
    RULE_SCHEMA,
    RULE_TEMPLATE_PLACEHOLDER,
    RULE_UNKNOWN_KIND,
    RULE_UNKNOWN_RATING,
)
from ..model.record import Rating

if TYPE_CHECKING:
    from .vocab import Vocab


class Strict(BaseModel):
    """Base of every rule schema: unknown keys refused, values frozen.

    defer_build: a model's validator is built only when a file is validated, not on import
    (with the cache, most runs never validate)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def rule_error(code: str, reason: str, key: str = "") -> PydanticCustomError:
    """A validation error carrying a rule error code (errors.RULE_CODES) and a plain reason;
    `key`, when given, is appended to the place pydantic reports (a key below the validated model)."""
    return PydanticCustomError(code, "{reason}", {"reason": reason, "key": key})


def check_regex(value: str) -> str:
    """`value` if it compiles as a `regex` pattern, else a rule_regex_invalid error."""
    try:
        regex.compile(value)
    except regex.error as exc:
        raise rule_error(RULE_REGEX_INVALID, f"invalid regular expression {value!r}: {exc}") from exc
    return value


def check_each(values: list[str], check: Callable[[str], str]) -> list[str]:
    """Every pattern of a list checked by `check`; an error names the pattern's index."""
    for index, value in enumerate(values):
        try:
            check(value)
        except PydanticCustomError as exc:
            context = exc.context or {}
            raise rule_error(exc.type, str(context.get("reason", exc.message())), f"[{index}]") from exc
    return values


def check_regexes(values: list[str]) -> list[str]:
    """Every pattern of a list checked by `check_regex` (an error names its index)."""
    return check_each(values, check_regex)


def check_groups(value: str, *groups: str) -> str:
    """`value` if it compiles and has every named group in `groups` (its reader needs them)."""
    compiled = regex.compile(check_regex(value))
    missing = [g for g in groups if g not in compiled.groupindex]
    if missing:
        raise rule_error(RULE_REGEX_GROUP_MISSING, f"pattern {value!r} lacks the named group(s) {missing}")
    return value


def check_placeholder(value: str, placeholder: str) -> str:
    """`value` if the template holds `placeholder` (its reader fills it in), else a
    rule_template_placeholder error."""
    if placeholder not in value:
        raise rule_error(RULE_TEMPLATE_PLACEHOLDER, f"template {value!r} lacks the placeholder {placeholder}")
    return value


def check_filled(value: str, placeholder: str, stand_in: str = "x") -> str:
    """`value` if the template holds `placeholder` and compiles with `stand_in` in its place."""
    check_regex(check_placeholder(value, placeholder).replace(placeholder, stand_in))
    return value


def check_replacement(pattern: str, replace: str) -> str:
    """`replace` if it is empty (the match dropped) or `\\N` naming a group of `pattern` (the match
    replaced by that group), else a rule_regex_group_missing error."""
    groups = regex.compile(pattern).groups
    number = replace[1:] if replace.startswith("\\") else ""
    if replace and not (number.isdigit() and 1 <= int(number) <= groups):
        raise rule_error(
            RULE_REGEX_GROUP_MISSING,
            f"replacement {replace!r}: neither empty nor \\N naming one of the {groups} group(s) of {pattern!r}",
        )
    return replace


def vocab_of(info: ValidationInfo | None) -> "Vocab":
    """The vocabulary a file is checked against: the loader's (validation context), else the
    shipped patterns/vocab.yaml."""
    context = info.context if info is not None else None
    if isinstance(context, dict) and context.get("vocab") is not None:
        found: Vocab = context["vocab"]
        return found
    from .patterns import vocab

    return vocab()


def _known_rating(value: Any, info: ValidationInfo) -> Any:
    words = vocab_of(info).ratings
    if value not in words:
        raise rule_error(RULE_UNKNOWN_RATING, f"{value!r} is not a rating word of vocab.yaml ({', '.join(words)})")
    return value


def _known_kind(value: str, info: ValidationInfo) -> str:
    kinds = vocab_of(info).kinds
    if value not in kinds:
        raise rule_error(RULE_UNKNOWN_KIND, f"{value!r} is not a report kind of vocab.yaml ({', '.join(kinds)})")
    return value


# A rating word of patterns/vocab.yaml (checked before the record's Rating type).
KnownRating = Annotated[Rating, BeforeValidator(_known_rating)]
# A report kind of patterns/vocab.yaml.
KnownKind = Annotated[str, AfterValidator(_known_kind)]


class NumberRange(Strict):
    """The number words of vocab.yaml from `min` to `max` (inclusive)."""

    min: int = Field(ge=0)
    max: int

    @model_validator(mode="after")
    def _order(self) -> "NumberRange":
        if self.min > self.max:
            raise rule_error(RULE_SCHEMA, f"number words from {self.min} to {self.max}: an empty range")
        return self
