"""patterns/thematic.yaml: the inspectorates leading a joint thematic inspection."""

from pydantic import Field, field_validator

from .common import Strict, check_groups, check_regex


class ThematicPatterns(Strict):
    """The schema of patterns/thematic.yaml."""

    version: int
    lead_by: str
    inspectorates: list[str] = Field(min_length=1)
    separators: str

    _s = field_validator("separators")(lambda cls, v: check_regex(v))

    _v = field_validator("lead_by")(lambda cls, v: check_groups(v, "list"))
