"""Orchestration: read -> detect -> extract, into one validated InspectionReport."""

from __future__ import annotations

from . import __version__
from .annual import extract_annual
from .detect import detect
from .document import Document
from .explain import explain_nulls
from .keyquestions import extract_key_questions, units_from_key_questions
from .metadata import extract_metadata
from .models import InspectionReport, ParseWarning, Source
from .places import place_record
from .ratings import extract_units
from .reading import ReportSource, open_document
from .recommendations import extract_recommendations
from .thematic import lead_inspectorates

RATED_KINDS = {"pdu_inspection", "regional_inspection", "regional_letter", "youth_justice_inspection"}
# Kinds rating one body (the report's subject): its key questions belong to it without a ratings table.
ONE_UNIT_KINDS = {"pdu_inspection", "youth_justice_inspection"}


def parse(source: ReportSource) -> InspectionReport:
    """Parse one report into a record.

    `source` is a path (a PDF, or a .txt/.md text conversion) or a binary file object (read to
    its end; a PDF by its header, anything else as text). Raises DocextractError (with `.path`,
    `.code`, `.reason`) when it cannot be read; a readable non-report gives `kind="unknown"`."""
    with open_document(source) as doc:
        return parse_document(doc)


def parse_document(doc: Document) -> InspectionReport:
    detection = detect(doc)
    warnings: list[ParseWarning] = list(detection.warnings)
    source = Source(path=doc.path, sha256=doc.sha256, pages=doc.page_count, format=doc.format)
    if detection.kind == "unknown":  # not a publication docextract knows: no values at all
        return InspectionReport(docextract_version=__version__, source=source, kind="unknown", warnings=warnings)
    meta = extract_metadata(doc)
    warnings += meta.warnings
    units = extract_units(doc, detection, meta.subject, warnings)
    if not units and detection.kind in RATED_KINDS:
        warnings.append(
            ParseWarning(
                code="ratings_not_found", message=f"a {detection.kind} normally has a ratings table; none was found"
            )
        )
        if detection.kind in ONE_UNIT_KINDS:  # key questions printed as text are still kept per standard
            units = units_from_key_questions(doc, detection, meta.subject, warnings)
    else:
        extract_key_questions(doc, detection, units, warnings)
    recs = extract_recommendations(doc, detection, units, warnings)
    key_facts, summaries = extract_annual(doc, detection, warnings)
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
    return explain_nulls(place_record(report, doc))
