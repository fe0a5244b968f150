"""`parse --format table`: a record drawn as tables for people (rich)."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model.record import InspectionReport, Unit

if TYPE_CHECKING:  # rich loads when a table is drawn, not for JSON output
    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def render_tables(report: InspectionReport) -> Group:
    """A rich rendering for people: metadata, one table per rated unit with its key questions,
    recommendations, previous recommendations with their progress, lead inspectorates of a joint
    inspection, an annual report's key facts and thematic tallies, warnings."""
    from rich.console import Group

    parts: list[Table | Text] = [_head(report)]
    for unit in report.units:
        parts += _unit_parts(unit)
    parts += _recommendation_parts(report)
    parts += _previous_parts(report)
    if report.lead_inspectorates:
        parts.append(_text(f"Lead inspectorates: {'; '.join(report.lead_inspectorates)}"))
    parts += _annual_parts(report)
    for warning in report.warnings:
        page = f" (page {warning.page})" if warning.page else ""
        parts.append(_text(f"warning {warning.code}{page}: {warning.message}", style="yellow"))
    return Group(*parts)


def _text(text: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(text, style=style)


def _table(title: str, columns: Sequence[str], right: Sequence[str] = ()) -> Table:
    """An empty table titled `title` whose `columns` are left-justified but those in `right`."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, justify="right" if column in right else "left")
    return table


def _head(report: InspectionReport) -> Text:
    """The title, then kind, framework, publication date, pages and format on one line."""
    from rich.text import Text

    head = Text()
    head.append(f"{report.title or '(untitled)'}\n", style="bold")
    head.append(
        f"kind {report.kind} · framework {report.framework or '-'} · published {report.published or '-'}"
        f" · {_pages(report.source.pages)} · {report.source.format}"
    )
    return head


def _unit_parts(unit: Unit) -> list[Table | Text]:
    """A unit's ratings table (each standard's rating, its count of key questions and the lowest
    percentage), and its key questions' table when it has any."""
    score = f"{unit.score}/{unit.max_score}" if unit.score is not None else "score not printed"
    title = f"{unit.name or '(unnamed unit)'}: {unit.overall_rating or '?'} ({score})"
    columns = ("code", "standard", "rating", "key questions", "lowest %", "page")
    table = _table(title, columns, columns[3:])
    questions = _table(
        f"{unit.name or '(unnamed unit)'}: key questions", ("standard", "code", "question", "%", "page"), ("%", "page")
    )
    for standard in unit.standards:
        percents = [kq.percent for kq in standard.key_questions if kq.percent is not None]
        count = str(len(standard.key_questions)) if standard.key_questions else "-"  # none: not a 0%
        lowest = f"{min(percents)}%" if percents else "-"
        table.add_row(standard.code, standard.name, standard.rating or "?", count, lowest, str(standard.page or ""))
        for kq in standard.key_questions:
            percent = f"{kq.percent}%" if kq.percent is not None else "?"
            questions.add_row(standard.code, kq.code or "", kq.text, percent, str(kq.page or ""))
    return [table, questions] if questions.row_count else [table]


def _recommendation_parts(report: InspectionReport) -> list[Table | Text]:
    """The recommendations' table and the stated count, each when there is one."""
    parts: list[Table | Text] = []
    if report.recommendations:
        recs = _table("Recommendations", ("no.", "unit", "addressee", "text", "page"))
        for rec in report.recommendations:
            cells = (str(rec.number or ""), rec.unit or "", rec.addressee or "", rec.text or "", str(rec.page or ""))
            recs.add_row(*cells)
        parts.append(recs)
    if report.stated_recommendation_count is not None:
        parts.append(_text(f"Stated recommendation count: {report.stated_recommendation_count.value}"))
    return parts


def _previous_parts(report: InspectionReport) -> list[Table | Text]:
    """The previous inspection's recommendations with their progress, and the tally stated."""
    parts: list[Table | Text] = []
    if report.previous_recommendations:
        previous = _table("Previous inspection's recommendations", ("no.", "addressee", "text", "progress", "page"))
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
        parts.append(_text(f"Previous recommendations' progress as stated: {counts or '-'}"))
    return parts


def _annual_parts(report: InspectionReport) -> list[Table | Text]:
    """An annual report's key facts and its thematic inspections' tallies."""
    parts: list[Table | Text] = []
    if report.key_facts:
        facts = _table("Key facts", ("figure", "label", "value", "unit", "page"), ("value", "page"))
        for fact in report.key_facts:
            facts.add_row(fact.as_printed, fact.label, f"{fact.value:g}", fact.unit, str(fact.page or ""))
        parts.append(facts)
    if report.thematic_summaries:
        columns = ("title", "made", "agreed", "partly", "not agreed", "page")
        summaries = _table("Thematic inspections summarised", columns, columns[1:])
        for summary in report.thematic_summaries:
            cells = (summary.made, summary.agreed, summary.partly_agreed, summary.not_agreed, summary.page)
            summaries.add_row(summary.title, *("-" if value is None else str(value) for value in cells))
        parts.append(summaries)
    return parts


def print_tables(report: InspectionReport, console: Console) -> None:
    """Print the record's tables (`render_tables`) on `console`."""
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
