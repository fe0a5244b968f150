"""docextract: structured, validated data from HM Inspectorate of Probation inspection reports.

    from docextract import parse, validate
    report = parse("report.pdf")            # InspectionReport (pydantic); a path or a binary file object
    result = validate("draft.pdf")          # ValidationResult: .report, .issues, .ok

Importing the package is cheap: the parser, pydantic models and pattern files load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .model.errors import DocextractError

if TYPE_CHECKING:
    from .model.record import InspectionReport
    from .read.document import Document
    from .read.open import ReportSource
    from .validation.run import ValidationResult

__all__ = [
    "DocextractError",
    "InspectionReport",
    "ValidationResult",
    "__version__",
    "parse",
    "parse_document",
    "validate",
]


def parse(source: ReportSource) -> InspectionReport:
    """Parse one report into a record: see `docextract.pipeline.parse`.

    `source` is a path (PDF, Word draft .docx, or a .txt/.md text conversion) or a binary file object.
    Raises DocextractError (`.path`, `.code`, `.reason`) when it cannot be read."""
    from .pipeline import parse as _parse

    return _parse(source)


def validate(source: ReportSource) -> ValidationResult:
    """Parse one report and check it against the rating rules: see `docextract.pipeline.validate`.

    Returns a ValidationResult (`.report`, `.issues`, `.errors`, `.warnings`, `.ok`).
    Raises DocextractError when the file cannot be read."""
    from .pipeline import validate as _validate

    return _validate(source)


def parse_document(doc: Document) -> InspectionReport:
    """Parse a Document already read (see `docextract.read.open`)."""
    from .pipeline import parse_document as _parse_document

    return _parse_document(doc)


def __getattr__(name: str) -> Any:
    # The record's classes load on first use (building pydantic models costs start-up time).
    if name == "InspectionReport":
        from .model.record import InspectionReport

        return InspectionReport
    if name == "ValidationResult":
        from .validation.run import ValidationResult

        return ValidationResult
    raise AttributeError(f"module 'docextract' has no attribute {name!r}")
