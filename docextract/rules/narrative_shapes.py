"""patterns/narrative_shapes.yaml: how the narrative check composes its patterns, validated on load.

Each template compiles once its placeholders are filled with stand-ins and has the groups the
check reads (`rating`); `ratings()` and `standards()` fill them in for real.
"""

from __future__ import annotations

from pydantic import field_validator

from ..model.codes import RULE_TEMPLATE_PLACEHOLDER
from .common import Strict, check_groups, rule_error
from .plain import NarrativeShapesMethods


def _shape(value: str, *groups: str) -> str:
    """A template compiles with a stand-in for each placeholder and has the named groups read."""
    expanded = value.replace("<QUOTED>", "q").replace("<WORDS>", "w").replace("<NAMES>", "n")
    check_groups(expanded.replace("<THIS_STANDARD>", "t").replace("<ONE>", "o"), *groups)
    return value


def _needs(value: str, placeholder: str) -> str:
    if placeholder not in value:
        raise rule_error(RULE_TEMPLATE_PLACEHOLDER, f"template {value!r} lacks the placeholder {placeholder}")
    return value


class NarrativeShapes(NarrativeShapesMethods, Strict):
    """The validated content of patterns/narrative_shapes.yaml (templates with placeholders)."""

    version: int
    quoted_rating: str
    any_rating: str
    standard_name: str
    standard_list: str

    _r = field_validator("quoted_rating", "any_rating")(lambda cls, v: _shape(_needs(v, "<WORDS>"), "rating"))
    _n = field_validator("standard_name")(lambda cls, v: _shape(_needs(v, "<NAMES>")))
    _l = field_validator("standard_list")(lambda cls, v: _shape(_needs(v, "<ONE>")))
