"""`validate --format text` (the default): findings for people, grouped by unit and standard."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ..model.record import InspectionReport
from ..validation.checks import Issue
from ..validation.checks.locate import sort_key
from .findings import FileFindings, count_words


def _standard_names(report: InspectionReport | None) -> dict[tuple[str | None, str], str]:
    if report is None:
        return {}
    return {(u.name, s.code): s.name for u in report.units for s in u.standards}


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def text_lines(results: Sequence[FileFindings], strict: bool = False) -> list[Text]:
    """Per file: findings grouped by unit and standard, groups and findings in document order
    (page, then place on the page), each with its location and a quotation; then a summary line.
    Styled for a terminal; `.plain` gives the same lines without colour."""
    out: list[Text] = []
    for result in results:
        if result.error is not None:
            out.append(Text(f"{result.file}: cannot be read: {result.error}", style="bold red"))
            continue
        names = _standard_names(result.report)
        groups: dict[tuple[str | None, str | None], list[Issue]] = {}
        for found in sorted(result.issues, key=sort_key):
            groups.setdefault((found.unit, found.standard), []).append(found)
        out.append(Text(result.file, style="bold"))
        for (unit, standard), issues in groups.items():  # groups in the order of their first finding
            title = unit or "Whole report"
            if standard is not None:
                title += f" › {standard} {names.get((unit, standard), '')}".rstrip()
            out.append(Text(f"  {title}", style="bold"))
            for found in issues:
                line = Text("    ")
                line.append(f"{found.location or '-':<8} ", style="cyan")
                line.append(f"{found.severity:<7} ", style=_SEVERITY_STYLE.get(found.severity, ""))
                line.append(f"{found.code}: {found.message}")
                out.append(line)
                if found.quotation:
                    out.append(Text(f"             “{found.quotation}”", style="dim"))
        verdict = result.verdict(strict)  # something not checked is never called 'ok'
        style = {"ok": "green", "FAILED": "red"}.get(verdict, "yellow")
        out.append(Text(f"{result.file}: {count_words(result.issues)} ({verdict})", style=style))
    if len(results) > 1:
        issues = [i for r in results for i in r.issues]
        unreadable = sum(r.error is not None for r in results)
        extra = f", {unreadable} unreadable" if unreadable else ""
        out.append(Text(f"{len(results)} files: {count_words(issues)}{extra}", style="bold"))
    return out


def render_text(results: Sequence[FileFindings], strict: bool = False) -> str:
    """The text report without colour (see `text_lines`)."""
    return "".join(line.plain + "\n" for line in text_lines(results, strict))
