"""patterns/nulls.yaml: why a field can be null, and the warning that says so."""

from pydantic import Field

from .common import Strict


class NullReason(Strict):
    """Why a field can be null: the warning added when no parser warning names it."""

    field: str
    code: str
    reason: str
    adopt: list[str] = Field(default_factory=list)


class NullsPatterns(Strict):
    """The schema of patterns/nulls.yaml."""

    version: int
    provenance: list[str]
    fields: list[NullReason]
