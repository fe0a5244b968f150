"""A finding of `docextract validate`: one place where a report contradicts its rules or itself."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..patterns import validation_patterns

Severity = Literal["error", "warning"]


class Issue(BaseModel):
    """One finding. `code` is stable; `message` is a sentence a person understands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    severity: Severity
    message: str
    unit: str | None = None
    standard: str | None = None
    page: int | None = None
    expected: str | int | None = None
    found: str | int | None = None


def issue(
    code: str,
    message: str,
    *,
    unit: str | None = None,
    standard: str | None = None,
    page: int | None = None,
    expected: str | int | None = None,
    found: str | int | None = None,
) -> Issue:
    """An Issue whose severity is the one `patterns/validation.yaml` gives its code."""
    info = validation_patterns().checks.get(code)
    if info is None:
        raise KeyError(f"check code {code!r} is not listed in patterns/validation.yaml")
    return Issue(
        code=code,
        severity="error" if info.severity == "error" else "warning",
        message=message,
        unit=unit,
        standard=standard,
        page=page,
        expected=expected,
        found=found,
    )
