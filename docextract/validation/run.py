"""`docextract validate`: recompute ratings and check a report's consistency before publication.

`check(report)` runs the checks on a record alone: the ratings checks read its values, the text
checks the statements it keeps of the report's text (`InspectionReport.statements`), so a record
read back from JSON gives the findings its PDF gives. `docextract.pipeline.validate(path)` reads
and parses a file, then calls it. The rules are data: patterns/frameworks.yaml and
patterns/validation.yaml.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..model.codes import CHECKS_NOT_RUN
from ..model.record import InspectionReport
from .checks import CHECKS, TEXT_CHECKS, Check, Context, Issue, issue
from .checks.locate import locate, sort_key
from .checks.notchecked import check_not_checked

__all__ = ["Issue", "NotRun", "ValidationResult", "check", "not_run", "validate_record"]


class NotRun(BaseModel):
    """A check that could not run on a record, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    check: str = Field(description="the check's name, e.g. 'narrative'")
    reason: str


class ValidationResult(BaseModel):
    """The record checked, its findings in document order, and the checks that could not run."""

    model_config = ConfigDict(extra="forbid")

    report: InspectionReport
    issues: list[Issue]
    not_run: list[NotRun] = Field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        """The findings of severity error."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """The findings of severity warning."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed) and every check ran."""
        return not self.errors and not self.not_run


def not_run(report: InspectionReport) -> list[NotRun]:
    """The checks that cannot run on `report`: the text checks, when the record keeps no statements
    of its text (written before docextract recorded them). None for a document not recognised
    (nothing is checked on it, and `not_checked` says so)."""
    if report.kind == "unknown" or report.statements is not None:
        return []
    reason = (
        f"the record (docextract {report.docextract_version}) keeps no statements of the report's text; "
        "parse the report again, or validate the PDF or Word draft"
    )
    return [NotRun(check=name, reason=reason) for name in TEXT_CHECKS]


def check(report: InspectionReport) -> list[Issue]:
    """Every check over the record (and the statements of its text); each finding located (page
    and box, line, or heading and paragraph, with a quotation) and sorted in document order. A
    record without statements gets one `checks_not_run` error naming the text checks not run."""
    ctx = Context(report=report)
    # a document not recognised has no values: the only finding is that nothing could be checked
    checks: tuple[Check, ...] = (check_not_checked,) if report.kind == "unknown" else CHECKS
    issues = sorted(locate(ctx, (found for run in checks for found in run(ctx))), key=sort_key)
    missing = not_run(report)
    if missing:
        names = ", ".join(m.check for m in missing)
        issues.append(issue(CHECKS_NOT_RUN, f"Could not run the text checks ({names}): {missing[0].reason}."))
    return issues


def validate_record(report: InspectionReport) -> ValidationResult:
    """Check a record alone (e.g. read back from `docextract parse` JSON)."""
    return ValidationResult(report=report, issues=check(report), not_run=not_run(report))
