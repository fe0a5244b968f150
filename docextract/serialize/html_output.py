"""The HTML review report of `docextract validate --html review.html`: one self-contained file.

For people checking drafts before publication: a summary of every file, then per file each finding
with its rule in plain words, where it is, a quotation with the words marked, and for PDFs a crop of
the page (rendered with pypdfium2) with the place highlighted; then the recomputation laid out
(key-question percentages → band → stated rating; standards → score → band → stated overall).
Images are inline `data:` URIs and the styles inline: the file loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from .._version import __version__
from ..model.record import InspectionReport, Unit
from ..rules.patterns import frameworks, validation_patterns
from ..validation.checks import Context, Issue
from ..validation.checks.context import score_of
from ..validation.checks.ratings import band_of, band_range, mean_band
from .atomic import write_atomic
from .findings import FileFindings

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;margin:0;
 color:#1b1b1b;background:#f4f5f7;line-height:1.45}
header{background:#1d3557;color:#fff;padding:18px 28px}header h1{margin:0;font-size:1.5em}
header p{margin:4px 0 0;opacity:.85}main{max-width:1180px;margin:0 auto;padding:16px 24px}
table{border-collapse:collapse;margin:8px 0 16px;background:#fff}th,td{border:1px solid #d0d4da;
 padding:4px 8px;text-align:left;vertical-align:top}th{background:#e9ecef}
section.file{background:#fff;border-radius:6px;padding:12px 20px;margin:18px 0;box-shadow:0 1px 3px #0002}
.finding{border-left:6px solid #999;margin:14px 0;padding:8px 14px;background:#fafafa}
.finding.error{border-color:#c1121f}.finding.warning{border-color:#e9a100}
.badge{display:inline-block;border-radius:3px;padding:1px 7px;font-size:.8em;font-weight:600;color:#fff;
 text-transform:uppercase}.badge.error{background:#c1121f}.badge.warning{background:#b07900}
.ok{color:#2d6a4f;font-weight:600}.failed{color:#c1121f;font-weight:600}.unchecked{color:#9c6644;font-weight:600}
code{background:#eef;padding:0 4px;border-radius:3px}.rule{color:#444;font-size:.93em}
blockquote{margin:6px 0;padding:6px 12px;background:#fff;border-left:3px solid #bbb;font-style:italic}
mark{background:#ffe066;padding:0 2px}.where{font-weight:600;color:#1d3557}
img.crop{display:block;max-width:100%;border:1px solid #ccc;margin:8px 0}
.mismatch{background:#ffe3e3}.muted{color:#777}
"""


def write_review(path: str | Path, results: Sequence[FileFindings], strict: bool = False) -> None:
    """Write the review report for `results` to `path` (atomically). Raises OSError if it cannot."""
    write_atomic(path, render_review(results, strict))


def render_review(results: Sequence[FileFindings], strict: bool = False) -> str:
    """The whole HTML document as a string."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # no network: nothing may be fetched, whatever a quotation contains
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>docextract review</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>Pre-publication review</h1><p>docextract {html.escape(__version__)} · {now}</p></header>",
        "<main>",
        _summary(results, strict),
    ]
    parts += [_file_section(index, result, strict) for index, result in enumerate(results)]
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _counts(issues: Sequence[Issue]) -> tuple[int, int]:
    errors = sum(i.severity == "error" for i in issues)
    return errors, len(issues) - errors


def _summary(results: Sequence[FileFindings], strict: bool) -> str:
    rows = []
    for index, result in enumerate(results):
        if result.error is not None:
            verdict = f'<span class="failed">cannot be read: {_e(result.error)}</span>'
            errors = warnings = "–"
        else:
            e, w = _counts(result.issues)
            errors, warnings = str(e), str(w)
            word = result.verdict(strict)
            css = {"ok": "ok", "FAILED": "failed"}.get(word, "unchecked")
            verdict = f'<span class="{css}">{_e(word)}</span>'
        title = result.report.title if result.report is not None and result.report.title else ""
        rows.append(
            f'<tr><td><a href="#file-{index}">{_e(result.file)}</a></td><td>{_e(title)}</td>'
            f"<td>{errors}</td><td>{warnings}</td><td>{verdict}</td></tr>"
        )
    total_errors, total_warnings = _counts([i for r in results for i in r.issues])
    return (
        f'<h2>Summary</h2><p id="summary">{len(results)} file{"s" * (len(results) != 1)}: {total_errors} '
        f"error{'s' * (total_errors != 1)}, {total_warnings} warning{'s' * (total_warnings != 1)}"
        f"{' (warnings fail: --strict)' if strict else ''}.</p>"
        "<table><tr><th>file</th><th>title</th><th>errors</th><th>warnings</th><th>verdict</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _file_section(index: int, result: FileFindings, strict: bool) -> str:
    out = [f'<section class="file" id="file-{index}"><h2>{_e(result.file)}</h2>']
    if result.error is not None:
        out.append(f'<p class="failed">This file cannot be read: {_e(result.error)}</p></section>')
        return "".join(out)
    report = result.report
    if report is not None:
        out.append(
            f"<p>{_e(report.title or '(untitled)')} · kind <code>{_e(report.kind)}</code> · framework "
            f"<code>{_e(report.framework or 'unknown')}</code> · {_pages(report)}</p>"
        )
    errors, warnings = _counts(result.issues)
    out.append(f"<h3>Findings: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}</h3>")
    if not result.issues:
        out.append('<p class="ok">No findings: every check passed on what could be read.</p>')
    from_file = report is not None and report.source.format == "pdf" and result.archive is None
    crops = _Crops(result.file) if from_file else None
    try:
        out += [_finding(found, crops) for found in result.issues]
    finally:
        if crops is not None:
            crops.close()
    if report is not None and report.units:
        out.append(_recomputation(report))
    out.append("</section>")
    return "".join(out)


def _pages(report: InspectionReport) -> str:
    if report.source.format == "docx":
        return "Word draft (places are section headings and paragraph numbers)"
    return f"{report.source.pages} page{'s' * (report.source.pages != 1)} ({_e(report.source.format)})"


def _finding(found: Issue, crops: _Crops | None) -> str:
    info = validation_patterns().checks.get(found.code)
    rule = info.help or info.summary if info is not None else ""
    where = found.location or "no single place"
    about = " › ".join(part for part in (found.unit, found.standard) if part)
    parts = [
        f'<div class="finding {_e(found.severity)}" data-code="{_e(found.code)}">',
        f'<p><span class="badge {_e(found.severity)}">{_e(found.severity)}</span> <code>{_e(found.code)}</code> '
        f'<span class="where">{_e(where)}</span>{" · " + _e(about) if about else ""}</p>',
        f"<p>{_e(found.message)}</p>",
    ]
    if found.quotation:
        parts.append(f"<blockquote>{_marked(found.quotation, found.found)}</blockquote>")
    if found.expected is not None or found.found is not None:
        parts.append(
            f'<p class="muted">expected: <b>{_e(found.expected if found.expected is not None else "–")}</b> · '
            f"found: <b>{_e(found.found if found.found is not None else '–')}</b></p>"
        )
    if crops is not None and found.page is not None and found.bbox is not None:
        data = crops.crop(found)
        if data is not None:
            parts.append(
                f'<img class="crop" alt="page {found.page}, the place highlighted" '
                f'src="data:image/png;base64,{base64.b64encode(data).decode("ascii")}">'
            )
    if rule:
        parts.append(f'<p class="rule"><b>The rule:</b> {_e(rule)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _marked(quotation: str, found: object) -> str:
    """The quotation, escaped, with the value found marked where it appears."""
    text = str(found) if found is not None else ""
    at = quotation.find(text) if text else -1
    if at < 0:
        return _e(quotation)
    return _e(quotation[:at]) + f"<mark>{_e(text)}</mark>" + _e(quotation[at + len(text) :])


class _Crops:
    """Page crops of one PDF, each page rendered once."""

    def __init__(self, path: str) -> None:
        from ..read.pageimage import PageRenderer

        self._renderer: PageRenderer | None
        try:
            self._renderer = PageRenderer(path)
        except Exception:  # the findings are still worth showing without images
            self._renderer = None
        self._pages: dict[int, object] = {}

    def crop(self, found: Issue) -> bytes | None:
        from PIL import Image

        from ..read.pageimage import highlight_crop, png_bytes

        if self._renderer is None or found.page is None or found.bbox is None:
            return None
        try:
            if found.page not in self._pages:
                self._pages[found.page] = self._renderer.render(found.page)
            page = self._pages[found.page]
            assert isinstance(page, Image.Image)
            box = found.bbox
            if isinstance(found.found, str | int) and not isinstance(found.found, bool):
                # the value itself, where the page prints it inside the place found
                box = self._renderer.find_box(found.page, str(found.found), found.bbox) or box
            return png_bytes(highlight_crop(page, box))
        except Exception:
            return None

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()


def _recomputation(report: InspectionReport) -> str:
    ctx = Context(report=report)
    framework = ctx.framework
    out = ["<h3>Recomputation</h3>"]
    if framework is None:
        out.append(
            '<p class="muted">No rating rules are known for this report\'s framework: nothing was recomputed.</p>'
        )
        return "".join(out)
    kq = frameworks().key_question_bands
    for unit in report.units:
        out.append(f"<h4>{_e(unit.name or '(unnamed unit)')}</h4>")
        out.append(
            "<table><tr><th>standard</th><th>key-question % (lowest marked)</th><th>band of the lowest</th>"
            "<th>stated rating</th><th>score</th></tr>"
        )
        for standard in unit.standards:
            percents = [q.percent for q in standard.key_questions if q.percent is not None]
            band = "–"
            mismatch = False
            if percents and ctx.case_based(standard):
                lowest = min(percents)
                computed = band_of(lowest, kq.bands)
                band = f"{computed} ({band_range(computed, kq.bands, 100)}%)"
                mismatch = standard.rating is not None and computed != standard.rating
            shown = ", ".join(f"<b>{p}</b>" if percents and p == min(percents) else str(p) for p in percents) or "–"
            score = str(score_of(standard.rating)) if standard.rating is not None and ctx.counted(standard) else "–"
            out.append(
                f"<tr{' class=mismatch' if mismatch else ''}><td>{_e(standard.code)} {_e(standard.name)}</td>"
                f"<td>{shown}</td><td>{_e(band)}</td><td>{_e(standard.rating or '–')}</td><td>{score}</td></tr>"
            )
        out.append("</table>")
        out.append(_overall(ctx, unit))
    return "".join(out)


def _overall(ctx: Context, unit: Unit) -> str:
    framework = ctx.framework
    assert framework is not None
    listed = [s for s in unit.standards if ctx.counted(s)]
    rated = [s for s in listed if s.rating is not None]
    if not listed:
        return ""
    total = sum(score_of(s.rating) for s in rated if s.rating is not None)
    top = 3 * len(listed)
    steps = [f"standards sum to <b>{total}</b>" + ("" if len(rated) == len(listed) else " (some unrated)")]
    if unit.score is not None:
        steps.append(f"printed score <b>{unit.score}/{unit.max_score if unit.max_score is not None else '?'}</b>")
    score = unit.score if unit.score is not None else total
    if top == framework.max_score:
        computed = band_of(score, framework.overall_bands)
        steps.append(f"band {band_range(computed, framework.overall_bands, top)} → <b>{_e(computed)}</b>")
    else:
        computed = mean_band(score, len(listed))
        steps.append(f"mean of {len(listed)} standards → <b>{_e(computed)}</b>")
    stated = unit.overall_rating
    verdict = "✓" if stated == computed else "✗"
    steps.append(f"stated overall <b>{_e(stated or '–')}</b> {verdict}")
    return f'<p class="{"ok" if stated == computed else "failed"}">' + " → ".join(steps) + "</p>"
