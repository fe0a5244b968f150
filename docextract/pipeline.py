"""Orchestration: read -> detect -> extract, into one validated InspectionReport; `validate` then checks it.

    result = validate("draft.pdf")      # reads once, parses, runs every check
    result.report, result.issues, result.ok
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__
from .detect.classify import Detection, detect
from .extract.annual import extract_annual
from .extract.explain import explain_nulls
from .extract.keyquestions.extract import extract_key_questions, units_from_key_questions
from .extract.metadata import extract_metadata
from .extract.places import place_record
from .extract.provenance import place_warnings, trace
from .extract.ratings.table import extract_units
from .extract.recommendations.extract import extract_recommendations
from .extract.thematic import lead_inspectorates
from .model.codes import RATINGS_NOT_FOUND
from .model.record import InspectionReport, ParseWarning, Source, Unit
from .read.document import Document
from .read.open import ReportSource, open_document
from .rules.patterns import load_all
from .rules.vocab import vocab

if TYPE_CHECKING:
    from .validation.run import ValidationResult


def parse(source: ReportSource) -> InspectionReport:
    """Parse one report into a record.

    `source` is a path (a PDF, or a .txt/.md text conversion) or a binary file object (read to
    its end; a PDF by its header, anything else as text). Raises DocextractError (with `.path`,
    `.code`, `.reason`) when it cannot be read; a readable non-report gives `kind="unknown"`."""
    with open_document(source) as doc:
        return parse_document(doc)


def parse_document(doc: Document) -> InspectionReport:
    """Detect, extract and explain one opened document: the extractors run in order, each a pure
    function returning its items and warnings, composed here into the record. Every rule file is
    loaded and cross-checked first (once per process): a broken one raises RuleError."""
    load_all()
    detection = detect(doc)
    warnings: list[ParseWarning] = list(detection.warnings)
    source = Source(path=doc.path, sha256=doc.sha256, pages=doc.page_count, format=doc.format)
    if detection.kind == "unknown":  # not a publication docextract knows: no values at all
        return InspectionReport(docextract_version=__version__, source=source, kind="unknown", warnings=warnings)
    meta = extract_metadata(doc)
    warnings += meta.warnings
    units, found = _units(doc, detection, meta.subject)
    warnings += found
    recs, found = extract_recommendations(doc, detection, units)
    warnings += found
    (key_facts, summaries), found = extract_annual(doc, detection)
    warnings += found
    report = InspectionReport(
        docextract_version=__version__,
        source=source,
        kind=detection.kind,
        framework=detection.framework,
        title=meta.title,
        published=meta.published,
        lead_inspectorates=lead_inspectorates(doc, detection),
        units=units,
        recommendations=recs.recommendations,
        stated_recommendation_count=recs.stated_count,
        previous_recommendations=recs.previous,
        previous_recommendation_tally=recs.tally,
        key_facts=key_facts,
        thematic_summaries=summaries,
        warnings=warnings,
    )
    report = trace(report, doc, detection, meta)  # span, source text, origin; the metadata's places
    return place_warnings(explain_nulls(place_record(report, doc)))


def _units(doc: Document, detection: Detection, subject: str | None) -> tuple[list[Unit], list[ParseWarning]]:
    """The rated units with their key questions, and the warnings of their reading. Where a kind
    that is rated has no ratings table, a one-unit kind keeps its key questions printed as text."""
    units, warnings = extract_units(doc, detection, subject)
    if units or detection.kind not in vocab().kinds_where("rated"):
        units, found = extract_key_questions(doc, detection, units)
        return units, warnings + found
    message = f"a {detection.kind} normally has a ratings table; none was found"
    warnings.append(ParseWarning(code=RATINGS_NOT_FOUND, message=message))
    if detection.kind in vocab().kinds_where("one_unit"):  # key questions printed as text are still kept per standard
        units, found = units_from_key_questions(doc, detection, subject)
        warnings += found
    return units, warnings


def validate(source: ReportSource) -> ValidationResult:
    """Read and parse one report (a path or a binary file object, as `parse` takes), then check
    it against patterns/frameworks.yaml and patterns/validation.yaml. Raises DocextractError if
    it cannot be read."""
    from .validation.run import ValidationResult, check  # the checks load only when asked for

    with open_document(source) as doc:
        report = parse_document(doc)
        return ValidationResult(report=report, issues=check(report, doc))
