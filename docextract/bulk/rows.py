"""Flatten one record (and its validation findings) into rows of the bulk tables.

Rows are plain tuples in the column order of `tables.py`, built by each table from its model's
fields (`Table.row`), so they pickle cheaply from a worker process to the writer and always match
the DDL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ..model.record import InspectionReport
from . import tables as T

Row = tuple[Any, ...]
Rows = dict[str, list[Row]]


def issue_row(sha: str, ordinal: int, issue: Any) -> Row:
    """A validation finding (an Issue) as a `validation_issues` row."""
    return T.VALIDATION_ISSUES.row(issue, sha256=sha, ordinal=ordinal)


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
    rows["reports"].append(
        T.REPORTS.row(
            report,
            sha256=sha,
            path=path,
            issues=issues,
            parse_seconds=round(parse_seconds, 3),
            parsed_at=(parsed_at or datetime.now(UTC)).replace(tzinfo=None),
        )
    )
    for u, unit in enumerate(report.units, 1):
        rows["units"].append(T.UNITS.row(unit, sha256=sha, unit_ordinal=u))
        for s, std in enumerate(unit.standards, 1):
            at = {"sha256": sha, "unit_ordinal": u, "standard_ordinal": s}
            rows["standards"].append(T.STANDARDS.row(std, unit_name=unit.name, **at))
            for q, kq in enumerate(std.key_questions, 1):
                rows["key_questions"].append(T.KEY_QUESTIONS.row(kq, question_ordinal=q, standard_code=std.code, **at))
                for p, prompt in enumerate(kq.prompts, 1):
                    rows["prompts"].append(T.PROMPTS.row(prompt, question_ordinal=q, prompt_ordinal=p, **at))
    items: list[tuple[T.Table, Sequence[Any]]] = [
        (T.RECOMMENDATIONS, report.recommendations),
        (T.PREVIOUS_RECOMMENDATIONS, report.previous_recommendations),
        (T.KEY_FACTS, report.key_facts),
        (T.THEMATIC_SUMMARIES, report.thematic_summaries),
        (T.WARNINGS, report.warnings),
        (T.STATEMENTS, report.statements or ()),
        (T.VALIDATION_ISSUES, issues or ()),
    ]
    for table, found in items:
        rows[table.name].extend(table.row(item, sha256=sha, ordinal=i) for i, item in enumerate(found, 1))
    for i, summary in enumerate(report.thematic_summaries, 1):
        rows["thematic_addressees"].extend(
            T.THEMATIC_ADDRESSEES.row(part, sha256=sha, summary_ordinal=i, ordinal=a)
            for a, part in enumerate(summary.by_addressee, 1)
        )
    return rows
