"""`docextract validate`: recompute ratings and check a report's consistency before publication.

`check(report, doc)` runs the checks on a record already parsed (and, when given, the
document's text); `docextract.pipeline.validate(path)` reads and parses a file, then calls it.
The rules are data: patterns/frameworks.yaml and patterns/validation.yaml.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..model.record import InspectionReport
from ..read.document import Document
from .checks import CHECKS, Context, Issue
from .checks.locate import locate, sort_key
from .checks.notchecked import check_not_checked

__all__ = ["Issue", "ValidationResult", "check"]


class ValidationResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    report: InspectionReport
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors


def check(report: InspectionReport, doc: Document | None = None) -> list[Issue]:
    """Every check over the record and, when `doc` is given, its text; each finding located (page and
    box, line, or heading and paragraph, with a quotation) and sorted in document order."""
    ctx = Context(report=report, doc=doc)
    # a document not recognised has no values: the only finding is that nothing could be checked
    checks = (check_not_checked,) if report.kind == "unknown" else CHECKS
    issues = locate(ctx, (found for run in checks for found in run(ctx)))
    return sorted(issues, key=sort_key)

