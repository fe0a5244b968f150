"""The bulk output tables, derived from the record's pydantic models: one definition drives the DuckDB
DDL, the rows and the docs.

A table lists the model it flattens and the model fields that become its columns, by name: each
column's SQL type comes from the field's annotation (`int` INTEGER, `float` DOUBLE, `str` and
literals VARCHAR, `bool` BOOLEAN, `list[int]` INTEGER[]) and its meaning from the field's description
(or the words given here), and a row is built by reading those fields from an item (`Table.row`), so
a row can never fall out of step with the DDL. Besides the model's fields a table has key columns
(`sha256`, 1-based ordinals giving each row's position in the record, so (sha256, ordinals...) is
unique), copies of a parent's value (`unit_name`, `standard_code`) and, for the `reports` table,
values computed from the record (counts, the year and month of publication). Every table of located
items has the item's bounding box as `bbox_x0`, `bbox_top`, `bbox_x1`, `bbox_bottom` (PDF points,
origin top left; null where no box is known) just before its `page`.

`errors` and `files` describe input files, not records: their columns are written out here.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..model.record import (
    AddresseeTally,
    InspectionReport,
    KeyFact,
    KeyQuestion,
    ParseWarning,
    PreviousRecommendation,
    Prompt,
    Recommendation,
    Standard,
    Statement,
    ThematicSummary,
    Unit,
)
from ..validation.checks.issue import Issue

Context = Mapping[str, Any]
Getter = Callable[[Any, Context], Any]


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _same(value: object) -> object:
    return value


# How a value is stored in a column of each SQL type (what the DuckDB insert expects).
_STORE: dict[str, Callable[[Any], Any]] = {
    "VARCHAR": _as_text,
    "INTEGER": _int,
    "DOUBLE": _float,
    "BOOLEAN": _same,
    "INTEGER[]": lambda value: list(value or ()),
    "TIMESTAMP": _same,
    "JSON": _same,
    "BIGINT": _int,
}


@dataclass(frozen=True)
class Column:
    """A column: its name, DuckDB type and meaning, how its value is read from an item and the row's
    context (the sha256, ordinals and parents' values), and the model field it holds (`field`; None
    for keys, ordinals, copies, the box and computed values)."""

    name: str
    type: str
    doc: str
    get: Getter | None = None
    field: str | None = None

    def value(self, item: Any, context: Context) -> Any:
        """The column's value for `item`, converted for its type."""
        raw = context.get(self.name) if self.get is None else self.get(item, context)
        return _STORE[self.type](raw)


@dataclass(frozen=True)
class Table:
    """A table: its name and meaning, its key, its columns in order, whether DuckDB declares the key
    (only tables written by upsert), and the model whose items are its rows (None for `errors` and
    `files`)."""

    name: str
    doc: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    primary_key: bool = False
    model: type[BaseModel] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The table's column names, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def exported(self) -> tuple[str, ...]:
        """The columns written to Parquet and CSV (all but EXPORT_EXCLUDED_COLUMNS)."""
        return tuple(n for n in self.names if n not in EXPORT_EXCLUDED_COLUMNS.get(self.name, ()))

    def row(self, item: Any, **context: Any) -> tuple[Any, ...]:
        """One row: each column's value read from `item` (a model instance) or the `context`."""
        return tuple(c.value(item, context) for c in self.columns)


# --- columns from models ---------------------------------------------------------------------------


def _sql_type(annotation: Any) -> str:
    """The DuckDB type of a model field's annotation (None and Optional folded away)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        kinds = {_sql_type(a) for a in args}
        return kinds.pop() if len(kinds) == 1 else "VARCHAR"  # str | int: stored as text
    if origin is Literal:
        return "VARCHAR"
    if origin is list and get_args(annotation) == (int,):
        return "INTEGER[]"
    simple = {int: "INTEGER", float: "DOUBLE", str: "VARCHAR", bool: "BOOLEAN"}
    if annotation in simple:
        return simple[annotation]
    raise TypeError(f"no column type for {annotation!r}")


def _field_getter(name: str) -> Getter:
    return lambda item, context: getattr(item, name)


def _fields(model: type[BaseModel], *names: str, docs: Mapping[str, str] | None = None) -> tuple[Column, ...]:
    """Columns for the model's fields `names`, in that order ("bbox": the four box columns)."""
    columns: list[Column] = []
    for name in names:
        if name == "bbox":
            columns.extend(BBOX)
            continue
        field = model.model_fields[name]  # KeyError: not a field of the model
        doc = (docs or {}).get(name) or field.description
        if not doc:
            raise ValueError(f"{model.__name__}.{name}: a column needs a meaning")
        columns.append(Column(name, _sql_type(field.annotation), doc, _field_getter(name), name))
    return tuple(columns)


def _box(side: str) -> Getter:
    return lambda item, context: getattr(item.bbox, side) if getattr(item, "bbox", None) is not None else None


def _c(name: str, type_: str, doc: str, get: Getter | None = None) -> Column:
    """A column of the context (key, ordinal, a parent's value) or computed by `get`."""
    return Column(name, type_, doc, get)


BBOX = tuple(
    Column(f"bbox_{side}", "DOUBLE", f"bounding box: {meaning} (PDF points, origin top left; null if none)", _box(side))
    for side, meaning in (("x0", "left"), ("top", "top"), ("x1", "right"), ("bottom", "bottom"))
)
SHA = _c("sha256", "VARCHAR", "sha256 of the report file (hex): the report's key")
PAGE = "1-based page the value was read from"
RATING = "Outstanding, Good, Requires improvement or Inadequate"
ORDINAL = _c("ordinal", "INTEGER", "position in the report (1-based)")


# --- the reports table: one row per report, its metadata and counts -----------------------------------


def _published(part: int) -> Getter:
    def get(report: InspectionReport, context: Context) -> int | None:
        if not report.published:  # "YYYY-MM", or "YYYY" where the report gives only the year
            return None
        parts = [int(p) for p in report.published.split("-")]
        return parts[part] if len(parts) > part else None

    return get


def _tally(name: str) -> Getter:
    return lambda report, context: getattr(report.previous_recommendation_tally, name, None)


def _issues(report: InspectionReport, context: Context) -> int | None:
    issues = context.get("issues")
    return None if issues is None else len(issues)


_REPORT_DOCS = {
    "schema_version": "docextract record schema version",
    "docextract_version": "docextract version that parsed it",
    "kind": "pdu_inspection, regional_inspection, regional_letter, annual_report, ...",
    "framework": "inspection framework",
    "title": "title",
    "published": "publication month, YYYY-MM, or year, YYYY, where only the year is printed",
}
_META = _fields(InspectionReport, "schema_version", "docextract_version", docs=_REPORT_DOCS)
_DESCRIBED = _fields(InspectionReport, "kind", "framework", "title", "published", docs=_REPORT_DOCS)

REPORTS = Table(
    "reports",
    "One row per distinct report file parsed.",
    ("sha256",),
    (
        SHA,
        *_META,
        _c("path", "VARCHAR", "absolute path parsed (the first, if the same file is at several paths)"),
        _c("format", "VARCHAR", "pdf, docx or text", lambda r, c: r.source.format),
        _c("pages", "INTEGER", "page count", lambda r, c: r.source.pages),
        *_DESCRIBED,
        _c("published_year", "INTEGER", "year of publication", _published(0)),
        _c("published_month", "INTEGER", "month of publication (1-12); null for a year-only date", _published(1)),
        _c("unit_count", "INTEGER", "rated units", lambda r, c: len(r.units)),
        _c("recommendation_count", "INTEGER", "recommendations extracted", lambda r, c: len(r.recommendations)),
        _c(
            "stated_recommendation_count",
            "INTEGER",
            "the count of recommendations the report states",
            lambda r, c: r.stated_recommendation_count.value if r.stated_recommendation_count else None,
        ),
        _c(
            "stated_recommendation_count_page",
            "INTEGER",
            "page of that statement",
            lambda r, c: r.stated_recommendation_count.page if r.stated_recommendation_count else None,
        ),
        _c(
            "previous_recommendation_count",
            "INTEGER",
            "previous recommendations extracted",
            lambda r, c: len(r.previous_recommendations),
        ),
        _c(
            "previous_sufficient",
            "INTEGER",
            "stated tally of previous recommendations: sufficient progress",
            _tally("sufficient"),
        ),
        _c("previous_some", "INTEGER", "... some progress", _tally("some")),
        _c("previous_insufficient", "INTEGER", "... insufficient progress", _tally("insufficient")),
        _c("previous_transferred", "INTEGER", "... transferred", _tally("transferred")),
        _c("warning_count", "INTEGER", "parse warnings", lambda r, c: len(r.warnings)),
        _c("validated", "BOOLEAN", "validation was run (bulk --validate)", lambda r, c: c.get("issues") is not None),
        _c("validation_issue_count", "INTEGER", "validation findings (null when not validated)", _issues),
        _c("parse_seconds", "DOUBLE", "wall time of the parse"),
        _c("parsed_at", "TIMESTAMP", "when it was parsed (UTC)"),
        _c(
            "record",
            "JSON",
            "the whole record as JSON (not in the Parquet/CSV exports: see records.jsonl)",
            lambda r, c: r.model_dump_json(),
        ),
    ),
    primary_key=True,
    model=InspectionReport,
)

# --- the record's items ------------------------------------------------------------------------------

UNITS = Table(
    "units",
    "Rated units (a PDU, a region, ...): one row per unit of a report.",
    ("sha256", "unit_ordinal"),
    (
        SHA,
        _c("unit_ordinal", "INTEGER", "position of the unit in the report (1-based)"),
        *_fields(
            Unit,
            "name",
            "overall_rating",
            "score",
            "max_score",
            "bbox",
            "page",
            docs={
                "name": "the rated body (null when unreadable)",
                "overall_rating": RATING,
                "score": "overall score",
                "max_score": "maximum score",
            },
        ),
    ),
    model=Unit,
)

STANDARDS = Table(
    "standards",
    "Rated standards of each unit.",
    ("sha256", "unit_ordinal", "standard_ordinal"),
    (
        SHA,
        _c("unit_ordinal", "INTEGER", "the unit (units.unit_ordinal)"),
        _c("standard_ordinal", "INTEGER", "position of the standard in the unit (1-based)"),
        _c("unit_name", "VARCHAR", "the unit's name (copied for convenience)"),
        *_fields(
            Standard,
            "code",
            "domain",
            "name",
            "rating",
            "bbox",
            "page",
            "counted",
            docs={
                "code": "standard code, e.g. 2.1",
                "domain": "domain name",
                "name": "standard name",
                "rating": RATING,
                "counted": "whether the rating counts towards the score (false: youth 4.1 resettlement)",
            },
        ),
    ),
    model=Standard,
)

KEY_QUESTIONS = Table(
    "key_questions",
    "Key questions of each standard, with whole-sample percentages.",
    ("sha256", "unit_ordinal", "standard_ordinal", "question_ordinal"),
    (
        SHA,
        _c("unit_ordinal", "INTEGER", "the unit"),
        _c("standard_ordinal", "INTEGER", "the standard within the unit"),
        _c("question_ordinal", "INTEGER", "position of the question in the standard (1-based)"),
        _c("standard_code", "VARCHAR", "the standard's code (copied for convenience)"),
        *_fields(
            KeyQuestion,
            "code",
            "text",
            "percent",
            "comparator_percent",
            "comparator_label",
            "bbox",
            "page",
            "also_on_pages",
            docs={
                "code": "question code",
                "text": "question text",
                "comparator_percent": "comparator percentage",
                "comparator_label": "what the comparator is",
                "also_on_pages": "other pages printing the same question",
            },
        ),
    ),
    model=KeyQuestion,
)

PROMPTS = Table(
    "prompts",
    "Prompts under each key question.",
    ("sha256", "unit_ordinal", "standard_ordinal", "question_ordinal", "prompt_ordinal"),
    (
        SHA,
        _c("unit_ordinal", "INTEGER", "the unit"),
        _c("standard_ordinal", "INTEGER", "the standard within the unit"),
        _c("question_ordinal", "INTEGER", "the key question within the standard"),
        _c("prompt_ordinal", "INTEGER", "position of the prompt in the question (1-based)"),
        *_fields(Prompt, "text", "percent", "bbox", "page", docs={"text": "prompt text", "percent": "percentage"}),
    ),
    model=Prompt,
)

RECOMMENDATIONS = Table(
    "recommendations",
    "Recommendations made by the report.",
    ("sha256", "ordinal"),
    (
        SHA,
        ORDINAL,
        *_fields(
            Recommendation,
            "number",
            "unit",
            "addressee",
            "addressee_canonical",
            "addressee_as_printed",
            "text",
            "bbox",
            "page",
            docs={
                "number": "number as printed",
                "unit": "unit the recommendation belongs to",
                "addressee_canonical": "canonical name of that body",
                "addressee_as_printed": "the addressee as printed",
                "text": "recommendation text",
            },
        ),
    ),
    model=Recommendation,
)

PREVIOUS_RECOMMENDATIONS = Table(
    "previous_recommendations",
    "Recommendations of the previous inspection and the progress judged.",
    ("sha256", "ordinal"),
    (
        SHA,
        ORDINAL,
        *_fields(
            PreviousRecommendation,
            "number",
            "addressee",
            "text",
            "progress",
            "judgement",
            "bbox",
            "page",
            docs={
                "number": "number as printed",
                "addressee": "addressee",
                "text": "recommendation text",
                "progress": "sufficient, some, insufficient or transferred",
            },
        ),
    ),
    model=PreviousRecommendation,
)

KEY_FACTS = Table(
    "key_facts",
    "Annual reports: the figures of the key-facts pages.",
    ("sha256", "ordinal"),
    (
        SHA,
        ORDINAL,
        *_fields(
            KeyFact,
            "label",
            "value",
            "unit",
            "as_printed",
            "bbox",
            "page",
            docs={
                "label": "what the figure counts or measures, as printed",
                "value": "the figure as a number (-13 for '-13%', 1200000 for '£1.2 million')",
                "unit": "'%', 'count' or 'currency' (pounds)",
                "as_printed": "the figure as printed",
            },
        ),
    ),
    model=KeyFact,
)

_TALLY_DOCS = {
    "title": "title of the thematic inspection",
    "made": "recommendations made",
    "agreed": "recommendations agreed",
    "partly_agreed": "recommendations partly agreed",
    "not_agreed": "recommendations not agreed",
}

THEMATIC_SUMMARIES = Table(
    "thematic_summaries",
    "Annual reports: each thematic inspection summarised, with the recommendation tally it states "
    "(null where not stated).",
    ("sha256", "ordinal"),
    (
        SHA,
        ORDINAL,
        *_fields(
            ThematicSummary,
            "title",
            "made",
            "agreed",
            "partly_agreed",
            "not_agreed",
            "sentence",
            "bbox",
            "page",
            "title_page",
            docs=_TALLY_DOCS,
        ),
    ),
    model=ThematicSummary,
)

THEMATIC_ADDRESSEES = Table(
    "thematic_addressees",
    "Annual reports: a thematic inspection's tally per addressee, where the report states one.",
    ("sha256", "summary_ordinal", "ordinal"),
    (
        SHA,
        _c("summary_ordinal", "INTEGER", "the summary (thematic_summaries.ordinal)"),
        _c("ordinal", "INTEGER", "position in the summary (1-based)"),
        *_fields(
            AddresseeTally,
            "addressee",
            "made",
            "agreed",
            "partly_agreed",
            "not_agreed",
            docs={
                "addressee": "the body (canonical name where known)",
                "made": "recommendations made to it",
                "agreed": "of those, agreed",
                "partly_agreed": "of those, partly agreed",
                "not_agreed": "of those, not agreed",
            },
        ),
    ),
    model=AddresseeTally,
)

WARNINGS = Table(
    "warnings",
    "Parse warnings: things docextract expected but did not find, or found twice.",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position (1-based)"),
        *_fields(
            ParseWarning,
            "code",
            "message",
            "bbox",
            "page",
            docs={"code": "warning code (README: Codes)", "message": "message", "page": PAGE},
        ),
    ),
    model=ParseWarning,
)

VALIDATION_ISSUES = Table(
    "validation_issues",
    "Validation findings (only with bulk --validate).",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position (1-based)"),
        *_fields(
            Issue,
            "code",
            "severity",
            "message",
            "unit",
            "standard",
            "bbox",
            "page",
            "expected",
            "found",
            "line",
            "paragraph",
            "row",
            "section",
            "quotation",
            docs={
                "code": "issue code (README: Codes)",
                "severity": "severity",
                "message": "message",
                "unit": "unit concerned",
                "standard": "standard concerned",
                "page": PAGE,
                "expected": "expected value (as text)",
                "found": "value found (as text)",
                "line": "text files: 1-based line; Word drafts: paragraph or table row through the document",
                "paragraph": "Word drafts: 1-based paragraph in its section (a table counts as one)",
                "row": "Word drafts: 1-based table row",
                "section": "Word drafts: the heading of the section",
                "quotation": "a short quotation of the text around the finding",
            },
        ),
    ),
    model=Issue,
)

STATEMENTS = Table(
    "statements",
    "The located facts of each report's running text that the text checks of `docextract validate` read "
    "(`InspectionReport.statements`): ratings stated in sentences, 'N out of M (P%)' counts, broken cross "
    "references, dates and date windows, and the lines record items were read from. `order`, `end` and "
    '`window` are SQL keywords: quote them ("order").',
    ("sha256", "ordinal"),
    (
        SHA,
        ORDINAL,
        *_fields(
            Statement,
            "kind",
            "text",
            "start",
            "end",
            "quotation",
            "order",
            "unit",
            "standard",
            "field",
            "rating",
            "part",
            "whole",
            "percent",
            "day",
            "month",
            "year",
            "window",
            "bbox",
            "page",
            "line",
            "section",
            "paragraph",
            "row",
            docs={
                "kind": "rating, count, cross_reference, date, date_window, window_start, window_end or source_line",
                "text": "the words as printed",
                "quotation": "the words with up to ~70 characters either side, as a finding quotes them",
                "day": "date: day of the month",
                "month": "date: month (1-12)",
                "year": "date: year (null where a window's start omits it)",
            },
        ),
    ),
    model=Statement,
)

# --- input files (not records) --------------------------------------------------------------------

ERRORS = Table(
    "errors",
    "Files that could not be made into a report. Retried on every run; cleared when one succeeds.",
    ("path",),
    (
        _c("path", "VARCHAR", "the file (absolute path, or the input as given when nothing matched it)"),
        _c("sha256", "VARCHAR", "sha256 of the file when it could be read"),
        _c("code", "VARCHAR", "error code (README: Codes): not_found, corrupt_pdf, not_a_report, timeout, ..."),
        _c("message", "VARCHAR", "what went wrong"),
        _c("docextract_version", "VARCHAR", "docextract version"),
        _c("recorded_at", "TIMESTAMP", "when (UTC)"),
    ),
    primary_key=True,
)

FILES = Table(
    "files",
    "Every input file seen and its sha256: duplicates are several paths with one sha256.",
    ("path",),
    (
        _c("path", "VARCHAR", "absolute path"),
        _c("sha256", "VARCHAR", "sha256 of its content (null when unreadable)"),
        _c("bytes", "BIGINT", "size"),
    ),
    primary_key=True,
)

TABLES: tuple[Table, ...] = (
    REPORTS,
    UNITS,
    STANDARDS,
    KEY_QUESTIONS,
    PROMPTS,
    RECOMMENDATIONS,
    PREVIOUS_RECOMMENDATIONS,
    KEY_FACTS,
    THEMATIC_SUMMARIES,
    THEMATIC_ADDRESSEES,
    WARNINGS,
    STATEMENTS,
    VALIDATION_ISSUES,
    ERRORS,
    FILES,
)
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
# Tables whose rows come from one parsed record (deleted and rewritten together).
REPORT_TABLES: tuple[Table, ...] = tuple(t for t in TABLES if t not in (ERRORS, FILES))
CHILD_TABLES: tuple[Table, ...] = REPORT_TABLES[1:]
EXPORT_EXCLUDED_COLUMNS: dict[str, tuple[str, ...]] = {"reports": ("record",)}


def markdown() -> str:
    """The table reference for the README."""
    out: list[str] = []
    for table in TABLES:
        out.append(f"#### `{table.name}`\n\n{table.doc} Key: `{', '.join(table.key)}`.\n")
        out.append("| column | type | meaning |\n|---|---|---|")
        out.extend(f"| `{c.name}` | {c.type} | {c.doc} |" for c in table.columns)
        out.append("")
    return "\n".join(out)
