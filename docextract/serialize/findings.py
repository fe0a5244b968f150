"""The findings of `docextract validate` for each file, the file's verdict and the command's exit code:
what every findings format (text, json, sarif, junit, html) writes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model.codes import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, MISSING_VALUE, NOT_CHECKED, RULES_UNKNOWN
from ..model.record import InspectionReport
from ..validation.checks import Issue

# Findings that say part of a report was not checked (unreadable values, no known framework's rules,
# a value a rule needs missing, so the rule could not be applied: `missing_value`, e.g. a rating that
# cannot be recomputed without its key-question percentages): a file with one is never called 'ok'
# in any format, even when it does not fail (fresh-user tester, wave 6).
UNCHECKED = frozenset({NOT_CHECKED, RULES_UNKNOWN, MISSING_VALUE})
# The verdict words (`FileFindings.verdict`): output wording, the same in every format.
OK = "ok"
FAILED = "FAILED"
NOT_FULLY_CHECKED = "passed, not fully checked"
UNREADABLE_VERDICT = "cannot be read"


@dataclass
class FileFindings:
    """The findings for one file, or why it could not be read. `archive` names the bulk archive the
    record was read from (`validate out/docextract.duckdb`), `file` then being the path the report was
    parsed from: the file itself was not read (no page images in the HTML review)."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    report: InspectionReport | None = None
    error: str | None = None
    archive: str | None = None

    def failing(self, strict: bool = False) -> list[Issue]:
        """The findings that fail the file: errors, and warnings too when `strict`."""
        return [i for i in self.issues if strict or i.severity == "error"]

    def ok(self, strict: bool = False) -> bool:
        """Whether the file was read and no finding fails it (the exit code's test: a file with only
        `not_checked`/`missing_value` warnings passes, but its `verdict` is never 'ok')."""
        return self.error is None and not self.failing(strict)

    def fully_checked(self) -> bool:
        """Whether every check could run: the file was read and no finding says part was not checked
        (`UNCHECKED`: not read, no rules known, or a value a rule needs missing)."""
        return self.error is None and not any(i.code in UNCHECKED for i in self.issues)

    def verdict(self, strict: bool = False) -> str:
        """The file's verdict, the same in every format: 'cannot be read', 'FAILED', 'passed, not fully
        checked' (it passes, but something could not be read or checked) or 'ok'."""
        if self.error is not None:
            return UNREADABLE_VERDICT
        if not self.ok(strict):
            return FAILED
        return OK if self.fully_checked() else NOT_FULLY_CHECKED


def exit_code(results: Sequence[FileFindings], strict: bool = False) -> int:
    """2 if a file could not be read, else 1 if any file fails, else 0."""
    if any(r.error is not None for r in results):
        return EXIT_UNREADABLE
    return EXIT_OK if all(r.ok(strict) for r in results) else EXIT_FINDINGS


def count_words(issues: Sequence[Issue]) -> str:
    """'2 errors, 1 warning': the findings counted by severity, for a summary line."""
    errors = sum(i.severity == "error" for i in issues)
    warnings = len(issues) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
