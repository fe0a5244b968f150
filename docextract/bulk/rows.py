"""Flatten one record (and its validation findings) into rows of the bulk tables.

Rows are plain tuples in the column order of `tables.py`, so they pickle cheaply from a
worker process to the writer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ..model.record import InspectionReport
from . import tables as T

Row = tuple[Any, ...]
Rows = dict[str, list[Row]]


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def issue_row(sha: str, ordinal: int, issue: Any) -> Row:
    """A validation finding (any object with the Issue attributes) as a `validation_issues` row."""
    page = getattr(issue, "page", None)
    return (
        sha,
        ordinal,
        _as_text(getattr(issue, "code", None)),
        _as_text(getattr(issue, "severity", None)),
        _as_text(getattr(issue, "message", None)),
        _as_text(getattr(issue, "unit", None)),
        _as_text(getattr(issue, "standard", None)),
        page if isinstance(page, int) else None,
        _as_text(getattr(issue, "expected", None)),
        _as_text(getattr(issue, "found", None)),
        *(_int(getattr(issue, name, None)) for name in ("line", "paragraph", "row")),
        _as_text(getattr(issue, "section", None)),
        _as_text(getattr(issue, "quotation", None)),
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def report_rows(
    report: InspectionReport,
    *,
    path: str,
    parse_seconds: float,
    issues: Sequence[Any] | None = None,
    parsed_at: datetime | None = None,
) -> Rows:
    """All rows for one report. `issues` is None when validation was not run."""
    sha = report.source.sha256
    rows: Rows = {t.name: [] for t in T.REPORT_TABLES}
    year = month = None
    if report.published:  # "YYYY-MM", or "YYYY" where the report gives only the year
        parts = [int(part) for part in report.published.split("-")]
        year, month = parts[0], (parts[1] if len(parts) > 1 else None)
    stated = report.stated_recommendation_count
    tally = report.previous_recommendation_tally
    rows["reports"].append(
        (
            sha,
            report.schema_version,
            report.docextract_version,
            path,
            report.source.format,
            report.source.pages,
            report.kind,
            report.framework,
            report.title,
            report.published,
            year,
            month,
            len(report.units),
            len(report.recommendations),
            stated.value if stated else None,
            stated.page if stated else None,
            len(report.previous_recommendations),
            tally.sufficient if tally else None,
            tally.some if tally else None,
            tally.insufficient if tally else None,
            tally.transferred if tally else None,
            len(report.warnings),
            issues is not None,
            len(issues) if issues is not None else None,
            round(parse_seconds, 3),
            (parsed_at or datetime.now(UTC)).replace(tzinfo=None),
            report.model_dump_json(),
        )
    )
    for u, unit in enumerate(report.units, 1):
        rows["units"].append((sha, u, unit.name, unit.overall_rating, unit.score, unit.max_score, unit.page))
        for s, std in enumerate(unit.standards, 1):
            rows["standards"].append(
                (sha, u, s, unit.name, std.code, std.domain, std.name, std.rating, std.page, std.counted)
            )
            for q, kq in enumerate(std.key_questions, 1):
                rows["key_questions"].append(
                    (
                        sha,
                        u,
                        s,
                        q,
                        std.code,
                        kq.code,
                        kq.text,
                        kq.percent,
                        kq.comparator_percent,
                        kq.comparator_label,
                        kq.page,
                        list(kq.also_on_pages),
                    )
                )
                for p, prompt in enumerate(kq.prompts, 1):
                    rows["prompts"].append((sha, u, s, q, p, prompt.text, prompt.percent, prompt.page))
    for i, rec in enumerate(report.recommendations, 1):
        rows["recommendations"].append(
            (
                sha,
                i,
                rec.number,
                rec.unit,
                rec.addressee,
                rec.addressee_canonical,
                rec.addressee_as_printed,
                rec.text,
                rec.page,
            )
        )
    for i, prev in enumerate(report.previous_recommendations, 1):
        rows["previous_recommendations"].append(
            (sha, i, prev.number, prev.addressee, prev.text, prev.progress, prev.judgement, prev.page)
        )
    for i, fact in enumerate(report.key_facts, 1):
        rows["key_facts"].append((sha, i, fact.label, fact.value, fact.unit, fact.as_printed, fact.page))
    for i, summary in enumerate(report.thematic_summaries, 1):
        rows["thematic_summaries"].append(
            (sha, i, summary.title, summary.made, summary.agreed, summary.partly_agreed, summary.not_agreed,
             summary.sentence, summary.page, summary.title_page)
        )
        for a, part in enumerate(summary.by_addressee, 1):
            rows["thematic_addressees"].append(
                (sha, i, a, part.addressee, part.made, part.agreed, part.partly_agreed, part.not_agreed)
            )
    for i, warning in enumerate(report.warnings, 1):
        rows["warnings"].append((sha, i, warning.code, warning.message, warning.page))
    for i, issue in enumerate(issues or (), 1):
        rows["validation_issues"].append(issue_row(sha, i, issue))
    for table in T.REPORT_TABLES:
        width = len(table.columns)
        assert all(len(r) == width for r in rows[table.name]), table.name
    return rows
