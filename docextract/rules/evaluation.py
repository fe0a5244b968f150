"""patterns/evaluation.yaml: how `docextract eval` compares a record with a truth file."""

from pydantic import Field, field_validator

from ..model.codes import RULE_SCHEMA
from ..model.record import InspectionReport
from .common import Strict, check_regex, rule_error


def _record_fields(names: list[str]) -> list[str]:
    for index, name in enumerate(names):
        if name not in InspectionReport.model_fields:
            raise rule_error(RULE_SCHEMA, f"{name!r} is not a field of the record (model/record.py)", f"[{index}]")
    return names


class EvaluationRules(Strict):
    """The schema of patterns/evaluation.yaml."""

    version: int
    metadata_fields: list[str] = Field(min_length=1)
    year_only: str

    _m = field_validator("metadata_fields")(lambda cls, v: _record_fields(v))
    _y = field_validator("year_only")(lambda cls, v: check_regex(v))
