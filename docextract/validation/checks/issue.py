"""A finding of `docextract validate`: one place where a report contradicts its rules or itself."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr

from ...model.record import BBox, Located
from ...rules.patterns import validation_patterns

Severity = Literal["error", "warning"]


class Issue(BaseModel):
    """One finding. `code` is stable; `message` is a sentence a person understands.

    Where it is: `page` and `bbox` (PDF points, origin top left) for PDFs; `line` (1-based) for
    text files; `section` (the heading) and `paragraph` (1-based within it; a table counts as one,
    `row` is then its 1-based row) for Word drafts. `quotation` is a short excerpt of the text
    around the place. `unit` and `standard` name the rated body and standard code where one applies.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    severity: Severity
    message: str
    unit: str | None = None
    standard: str | None = None
    page: int | None = None
    expected: str | int | None = None
    found: str | int | None = None
    bbox: BBox | None = None
    line: int | None = None
    section: str | None = None
    paragraph: int | None = None
    row: int | None = None
    quotation: str | None = None
    # evidence for checks.locate: a record item or a statement of its text (never serialised)
    _at: Located | None = PrivateAttr(default=None)
    _order: int = PrivateAttr(default=1 << 30)  # position in the document, for sorting

    @property
    def location(self) -> str:
        """Where, for people: "p. 54", "line 120", "'Recommendations', paragraph 3, row 2", or ""."""
        if self.section is not None or self.paragraph is not None:
            parts = [f"'{self.section}'" if self.section else "before the first heading"]
            if self.paragraph is not None:
                parts.append(f"paragraph {self.paragraph}")
            if self.row is not None:
                parts.append(f"row {self.row}")
            return ", ".join(parts)
        if self.line is not None:
            return f"line {self.line}"
        return f"p. {self.page}" if self.page is not None else ""


def issue(
    code: str,
    message: str,
    *,
    unit: str | None = None,
    standard: str | None = None,
    page: int | None = None,
    expected: str | int | None = None,
    found: str | int | None = None,
    at: Located | None = None,
) -> Issue:
    """An Issue whose severity is the one `patterns/validation.yaml` gives its code.

    `at` (the record item, or the statement of the text, the finding is about) lets checks.locate
    fill in the bbox, line or paragraph and the quotation."""
    info = validation_patterns().checks.get(code)
    if info is None:
        raise KeyError(f"check code {code!r} is not listed in patterns/validation.yaml")
    found_issue = Issue(
        code=code,
        severity="error" if info.severity == "error" else "warning",
        message=message,
        unit=unit,
        standard=standard,
        page=page,
        expected=expected,
        found=found,
    )
    found_issue._at = at
    return found_issue
