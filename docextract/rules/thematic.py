"""patterns/thematic.yaml: the inspectorates leading a joint thematic inspection."""

from pydantic import Field, field_validator

from .common import Strict, check_filled, check_groups, check_regex


class ThematicPatterns(Strict):
    """The schema of patterns/thematic.yaml."""

    version: int
    lead_by: str
    inspectorates: list[str] = Field(min_length=1)
    known: str
    separators: str
    wrap_lines: int = Field(ge=0)
    list_end: str = Field(min_length=1)
    trim: str
    min_listed: int = Field(ge=1)

    _s = field_validator("separators")(lambda cls, v: check_regex(v))
    _k = field_validator("known")(lambda cls, v: check_filled(v, "<INSPECTORATES>"))

    _v = field_validator("lead_by")(lambda cls, v: check_groups(v, "list"))
