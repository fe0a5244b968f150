"""The bulk output tables: one definition drives the DuckDB DDL, the row tuples and the docs.

Every table is keyed by the report's sha256 (the file's content hash). Child tables carry
1-based ordinals giving each row's position in the record, so (sha256, ordinals...) is unique.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    primary_key: bool = False  # declared in DuckDB (only on tables written by upsert)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def exported(self) -> tuple[str, ...]:
        """The columns written to Parquet and CSV (all but EXPORT_EXCLUDED_COLUMNS)."""
        return tuple(n for n in self.names if n not in EXPORT_EXCLUDED_COLUMNS.get(self.name, ()))


def _c(name: str, type_: str, doc: str) -> Column:
    return Column(name, type_, doc)


SHA = _c("sha256", "VARCHAR", "sha256 of the report file (hex): the report's key")
PAGE = _c("page", "INTEGER", "1-based page the value was read from")

REPORTS = Table(
    "reports",
    "One row per distinct report file parsed.",
    ("sha256",),
    (
        SHA,
        _c("schema_version", "VARCHAR", "docextract record schema version"),
        _c("docextract_version", "VARCHAR", "docextract version that parsed it"),
        _c("path", "VARCHAR", "absolute path parsed (the first, if the same file is at several paths)"),
        _c("format", "VARCHAR", "pdf or text"),
        _c("pages", "INTEGER", "page count"),
        _c("kind", "VARCHAR", "pdu_inspection, regional_inspection, regional_letter, annual_report, ..."),
        _c("framework", "VARCHAR", "inspection framework"),
        _c("title", "VARCHAR", "title"),
        _c("published", "VARCHAR", "publication month, YYYY-MM, or year, YYYY, where only the year is printed"),
        _c("published_year", "INTEGER", "year of publication"),
        _c("published_month", "INTEGER", "month of publication (1-12); null for a year-only date"),
        _c("unit_count", "INTEGER", "rated units"),
        _c("recommendation_count", "INTEGER", "recommendations extracted"),
        _c("stated_recommendation_count", "INTEGER", "the count of recommendations the report states"),
        _c("stated_recommendation_count_page", "INTEGER", "page of that statement"),
        _c("previous_recommendation_count", "INTEGER", "previous recommendations extracted"),
        _c("previous_sufficient", "INTEGER", "stated tally of previous recommendations: sufficient progress"),
        _c("previous_some", "INTEGER", "... some progress"),
        _c("previous_insufficient", "INTEGER", "... insufficient progress"),
        _c("previous_transferred", "INTEGER", "... transferred"),
        _c("warning_count", "INTEGER", "parse warnings"),
        _c("validated", "BOOLEAN", "validation was run (bulk --validate)"),
        _c("validation_issue_count", "INTEGER", "validation findings (null when not validated)"),
        _c("parse_seconds", "DOUBLE", "wall time of the parse"),
        _c("parsed_at", "TIMESTAMP", "when it was parsed (UTC)"),
        _c("record", "JSON", "the whole record as JSON (not in the Parquet/CSV exports: see records.jsonl)"),
    ),
    primary_key=True,
)

UNITS = Table(
    "units",
    "Rated units (a PDU, a region, ...): one row per unit of a report.",
    ("sha256", "unit_ordinal"),
    (
        SHA,
        _c("unit_ordinal", "INTEGER", "position of the unit in the report (1-based)"),
        _c("name", "VARCHAR", "the rated body (null when unreadable)"),
        _c("overall_rating", "VARCHAR", "Outstanding, Good, Requires improvement or Inadequate"),
        _c("score", "INTEGER", "overall score"),
        _c("max_score", "INTEGER", "maximum score"),
        PAGE,
    ),
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
        _c("code", "VARCHAR", "standard code, e.g. 2.1"),
        _c("domain", "VARCHAR", "domain name"),
        _c("name", "VARCHAR", "standard name"),
        _c("rating", "VARCHAR", "Outstanding, Good, Requires improvement or Inadequate"),
        PAGE,
        _c("counted", "BOOLEAN", "whether the rating counts towards the score (false: youth 4.1 resettlement)"),
    ),
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
        _c("code", "VARCHAR", "question code"),
        _c("text", "VARCHAR", "question text"),
        _c("percent", "INTEGER", "whole-sample percentage 'Yes'"),
        _c("comparator_percent", "INTEGER", "comparator percentage"),
        _c("comparator_label", "VARCHAR", "what the comparator is"),
        PAGE,
        _c("also_on_pages", "INTEGER[]", "other pages printing the same question"),
    ),
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
        _c("text", "VARCHAR", "prompt text"),
        _c("percent", "INTEGER", "percentage"),
        PAGE,
    ),
)

RECOMMENDATIONS = Table(
    "recommendations",
    "Recommendations made by the report.",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position in the report (1-based)"),
        _c("number", "INTEGER", "number as printed"),
        _c("unit", "VARCHAR", "unit the recommendation belongs to"),
        _c("addressee", "VARCHAR", "the body named in the '... should:' lead-in"),
        _c("addressee_canonical", "VARCHAR", "canonical name of that body"),
        _c("addressee_as_printed", "VARCHAR", "the addressee as printed"),
        _c("text", "VARCHAR", "recommendation text"),
        PAGE,
    ),
)

PREVIOUS_RECOMMENDATIONS = Table(
    "previous_recommendations",
    "Recommendations of the previous inspection and the progress judged.",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position in the report (1-based)"),
        _c("number", "INTEGER", "number as printed"),
        _c("addressee", "VARCHAR", "addressee"),
        _c("text", "VARCHAR", "recommendation text"),
        _c("progress", "VARCHAR", "sufficient, some, insufficient or transferred"),
        _c("judgement", "VARCHAR", "the sentence the progress was read from"),
        PAGE,
    ),
)

KEY_FACTS = Table(
    "key_facts",
    "Annual reports: the figures of the key-facts pages.",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position in the report (1-based)"),
        _c("label", "VARCHAR", "what the figure counts or measures, as printed"),
        _c("value", "DOUBLE", "the figure as a number (-13 for '-13%', 1200000 for '£1.2 million')"),
        _c("unit", "VARCHAR", "'%', 'count' or 'currency' (pounds)"),
        _c("as_printed", "VARCHAR", "the figure as printed"),
        PAGE,
    ),
)

THEMATIC_SUMMARIES = Table(
    "thematic_summaries",
    "Annual reports: each thematic inspection summarised, with the recommendation tally it states "
    "(null where not stated).",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position in the report (1-based)"),
        _c("title", "VARCHAR", "title of the thematic inspection"),
        _c("made", "INTEGER", "recommendations made"),
        _c("agreed", "INTEGER", "recommendations agreed"),
        _c("partly_agreed", "INTEGER", "recommendations partly agreed"),
        _c("not_agreed", "INTEGER", "recommendations not agreed"),
        _c("sentence", "VARCHAR", "the sentence(s) the tally was read from"),
        PAGE,
        _c("title_page", "INTEGER", "page of the summary's title"),
    ),
)

THEMATIC_ADDRESSEES = Table(
    "thematic_addressees",
    "Annual reports: a thematic inspection's tally per addressee, where the report states one.",
    ("sha256", "summary_ordinal", "ordinal"),
    (
        SHA,
        _c("summary_ordinal", "INTEGER", "the summary (thematic_summaries.ordinal)"),
        _c("ordinal", "INTEGER", "position in the summary (1-based)"),
        _c("addressee", "VARCHAR", "the body (canonical name where known)"),
        _c("made", "INTEGER", "recommendations made to it"),
        _c("agreed", "INTEGER", "of those, agreed"),
        _c("partly_agreed", "INTEGER", "of those, partly agreed"),
        _c("not_agreed", "INTEGER", "of those, not agreed"),
    ),
)

WARNINGS = Table(
    "warnings",
    "Parse warnings: things docextract expected but did not find, or found twice.",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position (1-based)"),
        _c("code", "VARCHAR", "warning code"),
        _c("message", "VARCHAR", "message"),
        PAGE,
    ),
)

VALIDATION_ISSUES = Table(
    "validation_issues",
    "Validation findings (only with bulk --validate).",
    ("sha256", "ordinal"),
    (
        SHA,
        _c("ordinal", "INTEGER", "position (1-based)"),
        _c("code", "VARCHAR", "issue code"),
        _c("severity", "VARCHAR", "severity"),
        _c("message", "VARCHAR", "message"),
        _c("unit", "VARCHAR", "unit concerned"),
        _c("standard", "VARCHAR", "standard concerned"),
        PAGE,
        _c("expected", "VARCHAR", "expected value (as text)"),
        _c("found", "VARCHAR", "value found (as text)"),
        _c("line", "INTEGER", "text files: 1-based line; Word drafts: paragraph or table row through the document"),
        _c("paragraph", "INTEGER", "Word drafts: 1-based paragraph in its section (a table counts as one)"),
        _c("row", "INTEGER", "Word drafts: 1-based table row"),
        _c("section", "VARCHAR", "Word drafts: the heading of the section"),
        _c("quotation", "VARCHAR", "a short quotation of the text around the finding"),
    ),
)

ERRORS = Table(
    "errors",
    "Files that could not be made into a report. Retried on every run; cleared when one succeeds.",
    ("path",),
    (
        _c("path", "VARCHAR", "the file (absolute path, or the input as given when nothing matched it)"),
        _c("sha256", "VARCHAR", "sha256 of the file when it could be read"),
        _c("code", "VARCHAR", "error code: not_found, corrupt_pdf, no_text, not_a_report, timeout, ..."),
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
