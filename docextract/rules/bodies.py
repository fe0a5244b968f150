"""patterns/bodies.yaml: the bodies recommendations are addressed to (fixed names and
families of token patterns for spaCy's Matcher)."""

from typing import Any

from pydantic import Field, field_validator

from .common import Strict, check_regex


class FixedBody(Strict):
    """A body with fixed names: canonical name, entity label and the variants printed."""

    canonical: str = Field(min_length=2)
    label: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    variants: list[str] = Field(min_length=1)


def _check_token_pattern(pattern: list[str | dict[str, Any]]) -> list[str | dict[str, Any]]:
    if not pattern:
        raise ValueError("an empty token pattern")
    for token in pattern:
        if isinstance(token, str) and token != "NAME":
            raise ValueError(f"unknown token placeholder {token!r} (only 'NAME')")
        if isinstance(token, dict) and not token:
            raise ValueError("an empty token spec")
    return pattern


class BodyFamily(Strict):
    """A family of bodies named by a pattern (a PDU, a region): label, canonical form, words dropped, token patterns."""

    label: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    canonical: str = Field(pattern=r"\{name\}")
    drop: list[str]
    patterns: list[list[str | dict[str, Any]]] = Field(min_length=1)

    _v = field_validator("patterns")(lambda cls, v: [_check_token_pattern(p) for p in v])


def _check_token_regexes(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for token in tokens:
        for spec in token.values():
            if isinstance(spec, dict) and "REGEX" in spec:
                check_regex(str(spec["REGEX"]))
    return tokens


class BodiesPatterns(Strict):
    """The schema of patterns/bodies.yaml."""

    version: int
    name_tokens: list[dict[str, Any]] = Field(min_length=1)
    bodies: list[FixedBody]
    families: list[BodyFamily]

    _n = field_validator("name_tokens")(lambda cls, v: _check_token_regexes(v))

    @field_validator("bodies")
    @classmethod
    def _unique(cls, value: list[FixedBody]) -> list[FixedBody]:
        names = [b.canonical for b in value]
        if len(names) != len(set(names)):
            raise ValueError("duplicate canonical body names")
        return value
