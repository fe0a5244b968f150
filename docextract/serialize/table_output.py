"""`parse --format table`: a record drawn as tables for people (rich)."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model.record import InspectionReport

if TYPE_CHECKING:  # rich loads when a table is drawn, not for JSON output
    from rich.console import Console, Group


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def render_tables(report: InspectionReport) -> Group:
    """A rich rendering for people: metadata, one table per rated unit with its key questions,
    recommendations, previous recommendations with their progress, lead inspectorates of a joint
    inspection, an annual report's key facts and thematic tallies, warnings."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Table | Text] = []
    head = Text()
    head.append(f"{report.title or '(untitled)'}\n", style="bold")
    head.append(
        f"kind {report.kind} · framework {report.framework or '-'} · published {report.published or '-'}"
        f" · {_pages(report.source.pages)} · {report.source.format}"
    )
    parts.append(head)
    for unit in report.units:
        score = f"{unit.score}/{unit.max_score}" if unit.score is not None else "score not printed"
        table = Table(
            title=f"{unit.name or '(unnamed unit)'}: {unit.overall_rating or '?'} ({score})", title_justify="left"
        )
        for column in ("code", "standard", "rating", "key questions", "lowest %", "page"):
            table.add_column(column, justify="right" if column in ("key questions", "lowest %", "page") else "left")
        questions = Table(title=f"{unit.name or '(unnamed unit)'}: key questions", title_justify="left")
        for column in ("standard", "code", "question", "%", "page"):
            questions.add_column(column, justify="right" if column in ("%", "page") else "left")
        for standard in unit.standards:
            percents = [kq.percent for kq in standard.key_questions if kq.percent is not None]
            count = str(len(standard.key_questions)) if standard.key_questions else "-"  # none: not a 0%
            lowest = f"{min(percents)}%" if percents else "-"
            table.add_row(standard.code, standard.name, standard.rating or "?", count, lowest, str(standard.page or ""))
            for kq in standard.key_questions:
                percent = f"{kq.percent}%" if kq.percent is not None else "?"
                questions.add_row(standard.code, kq.code or "", kq.text, percent, str(kq.page or ""))
        parts.append(table)
        if questions.row_count:
            parts.append(questions)
    if report.recommendations:
        recs = Table(title="Recommendations", title_justify="left")
        for column in ("no.", "unit", "addressee", "text", "page"):
            recs.add_column(column)
        for rec in report.recommendations:
            recs.add_row(str(rec.number or ""), rec.unit or "", rec.addressee or "", rec.text, str(rec.page or ""))
        parts.append(recs)
    if report.stated_recommendation_count is not None:
        parts.append(Text(f"Stated recommendation count: {report.stated_recommendation_count.value}"))
    if report.previous_recommendations:
        previous = Table(title="Previous inspection's recommendations", title_justify="left")
        for column in ("no.", "addressee", "text", "progress", "page"):
            previous.add_column(column)
        for prev in report.previous_recommendations:
            previous.add_row(
                str(prev.number or ""), prev.addressee or "", prev.text, prev.progress or "?", str(prev.page or "")
            )
        parts.append(previous)
    tally = report.previous_recommendation_tally
    if tally is not None:
        counts = ", ".join(
            f"{name} {value}"
            for name, value in (
                ("sufficient", tally.sufficient),
                ("some", tally.some),
                ("insufficient", tally.insufficient),
                ("transferred", tally.transferred),
            )
            if value is not None
        )
        parts.append(Text(f"Previous recommendations' progress as stated: {counts or '-'}"))
    if report.lead_inspectorates:
        parts.append(Text(f"Lead inspectorates: {'; '.join(report.lead_inspectorates)}"))
    if report.key_facts:
        facts = Table(title="Key facts", title_justify="left")
        for column in ("figure", "label", "value", "unit", "page"):
            facts.add_column(column, justify="right" if column in ("value", "page") else "left")
        for fact in report.key_facts:
            facts.add_row(fact.as_printed, fact.label, f"{fact.value:g}", fact.unit, str(fact.page or ""))
        parts.append(facts)
    if report.thematic_summaries:
        summaries = Table(title="Thematic inspections summarised", title_justify="left")
        for column in ("title", "made", "agreed", "partly", "not agreed", "page"):
            summaries.add_column(column, justify="left" if column == "title" else "right")
        for summary in report.thematic_summaries:
            cells = (summary.made, summary.agreed, summary.partly_agreed, summary.not_agreed, summary.page)
            summaries.add_row(summary.title, *("-" if value is None else str(value) for value in cells))
        parts.append(summaries)
    for warning in report.warnings:
        page = f" (page {warning.page})" if warning.page else ""
        parts.append(Text(f"warning {warning.code}{page}: {warning.message}", style="yellow"))
    return Group(*parts)


def print_tables(report: InspectionReport, console: Console) -> None:
    console.print(render_tables(report))


TABLE_WIDTH = 160  # columns of --format table when not on a terminal


def tables_text(reports: Sequence[InspectionReport], several: bool = True, terminal: bool | None = None) -> str:
    """`parse --format table`: on a terminal (`terminal`, default: standard output is one) the tables
    are printed there at its width, in colour, and "" is returned; otherwise (piped, or to a file) the
    plain text is returned, TABLE_WIDTH columns wide so that it does not wrap like an 80-column one."""
    from rich.console import Console

    if terminal is None:
        terminal = sys.stdout.isatty()
    if terminal:
        for report in reports:
            Console().print(render_tables(report))
        return ""
    buffer = io.StringIO()
    console = Console(file=buffer, width=TABLE_WIDTH, color_system=None, highlight=False)
    for report in reports:
        console.print(render_tables(report))
    return buffer.getvalue()
