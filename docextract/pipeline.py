"""Orchestration: read -> detect -> extract, into one validated InspectionReport; `validate` then checks it.

    result = validate("draft.pdf")      # reads once, parses, runs every check
    result.report, result.issues, result.ok
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pydantic import ValidationError

from ._version import __version__
from .detect.classify import Detection, detect, several_units_kind
from .extract.explain import explain_nulls
from .extract.keyquestions.extract import extract_key_questions, units_from_key_questions
from .extract.metadata import extract_metadata
from .extract.places import place_record
from .extract.provenance import place_warnings, trace
from .extract.ratings.table import extract_units
from .extract.recommendations.extract import extract_recommendations
from .extract.statements import extract_statements
from .extract.thematic import lead_inspectorates
from .model.codes import (
    IS_DIRECTORY,
    KIND_FROM_UNITS,
    NOT_A_RECORD,
    NOT_FOUND,
    OVERALL_RATING_UNREADABLE,
    PAGES_MISSING,
    RATING_UNREADABLE,
    RATINGS_NOT_FOUND,
    SCORE_NOT_PRINTED,
    UNREADABLE,
)
from .model.errors import DocextractError
from .model.record import InspectionReport, KeyFact, ParseWarning, Source, ThematicSummary, Unit
from .read.document import Document
from .read.open import STREAM_NAME, ReportSource, check_regular, open_document
from .rules.patterns import load_all, vocab

if TYPE_CHECKING:
    from .validation.run import ValidationResult


def parse(source: ReportSource) -> InspectionReport:
    """Parse one report into a record.

    `source` is a path (a PDF, or a .txt/.md text conversion) or a binary file object (read to
    its end; a PDF by its header, anything else as text). Raises DocextractError (with `.path`,
    `.code`, `.reason`) when it cannot be read; a readable non-report gives `kind="unknown"`."""
    with collector_paused(), open_document(source) as doc:
        return parse_document(doc)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (as it was, after). A parse makes hundreds of
    thousands of short-lived objects (characters, words, rows, matches) and almost no cycles:
    reference counting frees them, and the collections their allocations set off cost ~10% of a
    warm parse without finding garbage. What cycles a parse leaves are collected at the next
    collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_document(doc: Document) -> InspectionReport:
    """Detect, extract and explain one opened document: the extractors run in order, each a pure
    function returning its items and warnings, composed here into the record. Every rule file is
    loaded and cross-checked first (once per process): a broken one raises RuleError."""
    load_all()
    detection = detect(doc)
    warnings: list[ParseWarning] = list(detection.warnings)
    source = Source(path=doc.path, sha256=doc.sha256, pages=doc.page_count, format=doc.format)
    if detection.kind == "unknown":  # not a publication docextract knows: no values at all
        return InspectionReport(
            docextract_version=__version__, source=source, kind="unknown", warnings=warnings, statements=[]
        )
    warnings += doc.warnings  # what reading changed (a broken ligature repaired)
    warnings += [_gap(page, why) for page, why in sorted(detection.gaps.items())]
    meta = extract_metadata(doc, detection)
    warnings += meta.warnings
    units, found = _units(doc, detection, meta.subject)
    several = several_units_kind(doc, detection, [unit.name for unit in units])
    if several is not None:  # a one-unit kind rating several units: read again as the kind it prints cues of
        warnings.append(_kind_from_units(detection.kind, several, units))
        detection = replace(detection, kind=several)
        units, found = _units(doc, detection, meta.subject)
    warnings += found
    recs, found = extract_recommendations(doc, detection, units)
    warnings += found
    (key_facts, summaries), found = _annual(doc, detection)
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
    report = place_warnings(explain_nulls(place_record(report, doc)))
    statements, more = extract_statements(doc, report, detection)
    return report.model_copy(update={"statements": statements, "warnings": report.warnings + more})


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
        warnings += found + _table_not_read(units)
    return units, warnings


def _gap(page: int, why: str) -> ParseWarning:
    """The `pages_missing` warning of a page printed right after one missing or unreadable."""
    return ParseWarning(
        code=PAGES_MISSING,
        message=f"a page is missing or unreadable before page {page} ({why}): what it printed is not read, "
        "and no key-question table or standard heading is run on across it",
        page=page,
    )


def _kind_from_units(detected: str, kind: str, units: list[Unit]) -> ParseWarning:
    """The `kind_from_units` warning: a report detected as `detected` (a kind rating one body) whose
    ratings name several `units` is read as `kind` (patterns/detection.yaml `several_units`)."""
    names = ", ".join(f"'{unit.name}'" for unit in units if unit.name)
    return ParseWarning(
        code=KIND_FROM_UNITS,
        message=f"kind: detected as {detected}, a kind rating one body, but its ratings name {len(units)} units "
        f"({names}) and it prints the cues of a {kind} (patterns/detection.yaml several_units): read as a {kind}",
        field="kind",
    )


def _table_not_read(units: list[Unit]) -> list[ParseWarning]:
    """Why the ratings, score and overall rating of units kept from their key questions are null: no
    ratings table was read (`ratings_not_found`), not that the report prints none (fresh-user tester
    round 4, finding 10: "prints no readable score" said of a report printing its score)."""
    why = "not read: no ratings table was found (ratings_not_found), so the unit's {} unknown (it may be printed)"
    warnings: list[ParseWarning] = []
    for index in range(len(units)):
        for field, code, what in (
            ("score", SCORE_NOT_PRINTED, "score is"),
            ("max_score", SCORE_NOT_PRINTED, "maximum score is"),
            ("overall_rating", OVERALL_RATING_UNREADABLE, "overall rating is"),
            ("standards[*].rating", RATING_UNREADABLE, "standards' ratings are"),
        ):
            path = f"units[{index}].{field}"
            warnings.append(ParseWarning(code=code, message=f"{path}: {why.format(what)}", field=path))
    return warnings


def _annual(
    doc: Document, detection: Detection
) -> tuple[tuple[list[KeyFact], list[ThematicSummary]], list[ParseWarning]]:
    """`extract_annual`: the key facts and thematic summaries of an annual report, none for any
    other kind, whose parse then never imports their extractor (~2 ms CPU of a cold parse: start-up, issue 16)."""
    if detection.kind != "annual_report":
        return ([], []), []
    from .extract.annual import extract_annual

    return extract_annual(doc, detection)


RECORD_SUFFIXES = {".json"}


def validate(source: ReportSource) -> ValidationResult:
    """Read and parse one report (a path or a binary file object, as `parse` takes), then check
    it against patterns/frameworks.yaml and patterns/validation.yaml; a path ending in .json is a
    record already parsed (`docextract parse -f json`), checked alone, with the same findings as
    its report. Raises DocextractError if it cannot be read."""
    from .validation.run import validate_record  # the checks load only when asked for

    if isinstance(source, str | os.PathLike) and Path(source).suffix.lower() in RECORD_SUFFIXES:
        return validate_record(read_record(source))
    if not isinstance(source, str | os.PathLike) and _holds_record(source):
        name = getattr(source, "name", None)
        return validate_record(record_from_bytes(name if isinstance(name, str) else STREAM_NAME, source.read()))
    with collector_paused(), open_document(source) as doc:
        report = parse_document(doc)
    return validate_record(report)


def read_record(path: str | os.PathLike[str]) -> InspectionReport:
    """A record written by `docextract parse -f json` (one JSON object), read back and validated
    against the model. Raises DocextractError: `not_found`, `is_directory`, `unreadable`, or
    `not_a_record` (not JSON, a list, or not a record of this schema: the first problem named)."""
    name = os.fspath(path)
    file = Path(path)
    if not file.exists():
        raise DocextractError(name, NOT_FOUND, "no such file")
    if file.is_dir():
        raise DocextractError(name, IS_DIRECTORY, "is a directory, not a record file")
    check_regular(name)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DocextractError(name, UNREADABLE, f"cannot read the file ({exc.strerror or exc})") from exc
    return record_from_bytes(name, data)


def _holds_record(stream: BinaryIO) -> bool:
    """Whether a seekable binary stream holds a JSON object (a record, `docextract parse -f json`),
    sniffed from its first bytes and rewound; a report's text or a PDF never starts with '{'."""
    if not stream.seekable():
        return False
    start = stream.tell()
    head = stream.read(1024)
    stream.seek(start)
    return isinstance(head, bytes) and head.lstrip()[:1] in (b"{", b"[")


def record_from_bytes(name: str, data: bytes) -> InspectionReport:
    """A record (one JSON object) from bytes read from `name`. Raises DocextractError `not_a_record`."""
    if data.lstrip().startswith(b"["):
        raise DocextractError(name, NOT_A_RECORD, "holds a list: validate one record (one JSON object) per file")
    try:
        return InspectionReport.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        reason = f"not a docextract record ({where}: {first['msg']})"
        raise DocextractError(name, NOT_A_RECORD, reason) from None
