"""The producer matrix: the same composed report (and the same truth) printed by each producer.

| producer | how |
|---|---|
| reportlab | the own layout engine drawn on reportlab's canvas (the default; pure Python) |
| fpdf2 | the same pages drawn with fpdf2 and embedded Liberation TrueType fonts |
| chromium | the report as HTML, printed by headless Chromium (as Chrome's and Edge's "Save as PDF") |
| weasyprint | the same HTML (plus contents page numbers) printed by WeasyPrint |
| libreoffice | the report as a python-docx Word document, converted by ``soffice --headless`` |
| ghostscript | another producer's PDF (reportlab unless ``distil_from``) re-distilled by ``gs -sDEVICE=pdfwrite`` |

Where the producer does its own layout, the pages of the truth's anchors (recommendations,
standards, injected defects) are found in the printed PDF's text. Deterministic for a seed
where the producer allows: reportlab, fpdf2 and the HTML/.docx sources are byte-identical;
Chromium, LibreOffice and Ghostscript stamp dates of their own.
Errors: ``ProducerError`` (a missing program, a failed or timed-out conversion).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .blocks import Block, Para, Table
from .fpdf_render import render_fpdf
from .generate import Composed, GeneratedReport, compose_report, finish, lay_out
from .render import page_texts, render_pdf

PRODUCERS: tuple[str, ...] = ("reportlab", "chromium", "libreoffice", "fpdf2", "weasyprint", "ghostscript")
EXTERNAL = {"chromium": "chromium", "libreoffice": "soffice", "ghostscript": "gs"}
TIMEOUT = 180


class ProducerError(RuntimeError):
    pass


def available(producer: str) -> bool:
    """True when the producer's program (if it needs one) is on PATH."""
    program = EXTERNAL.get(producer)
    return program is None or shutil.which(program) is not None


def print_with_chromium(html: str, target: Path) -> None:
    """`html` (a whole HTML document) printed to the PDF `target` by headless Chromium, the way the
    chromium producer prints (no browser header or footer, a throwaway profile): for fixture
    scripts that print a committed report's HTML again with a style sheet of their own. Raises
    ProducerError (no `chromium`, a failed or timed-out print)."""
    with tempfile.TemporaryDirectory(prefix="synth-print-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        _run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
              f"--user-data-dir={Path(tmp) / 'profile'}", f"--print-to-pdf={target}", page.as_uri()],
             f"{target.name}: chromium")


def _run(command: Sequence[str], what: str) -> None:
    if shutil.which(command[0]) is None:
        raise ProducerError(f"{what}: `{command[0]}` not found (Debian: apt-get install "
                            f"{ {'soffice': 'libreoffice-writer-nogui'}.get(command[0], command[0]) })")
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=TIMEOUT,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1577836800"})
    except subprocess.TimeoutExpired as exc:
        raise ProducerError(f"{what}: timed out after {TIMEOUT} s") from exc
    if done.returncode != 0:
        raise ProducerError(f"{what}: exit code {done.returncode}: {done.stderr.strip()[-300:]}")


# -- finding the pages of anchors in a printed PDF ------------------------------------------
def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _anchor_texts(blocks: list[Block]) -> list[tuple[str, str]]:
    out = []
    for block in blocks:
        if isinstance(block, Para) and block.anchor:
            out.append((block.anchor, "".join(t for t, s in block.runs if s != "sup")))
        elif isinstance(block, Table) and block.anchor:
            row = block.rows[min(block.header_rows, len(block.rows) - 1)]
            out.append((block.anchor, "".join(t for t, s in row[0].runs if s != "sup")))
    return out


def page_texts_of(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def locate_anchors(blocks: list[Block], pdf: bytes) -> tuple[dict[str, int], int]:
    """Page (1-based) of each anchored block in a printed PDF, searched in document order for
    the block's first characters (white space ignored); and the page count. Anchors not found
    are left out."""
    texts = [_fold(t) for t in page_texts_of(pdf)]
    starts = []
    total = 0
    for t in texts:
        starts.append(total)
        total += len(t)
    whole = "".join(texts)
    anchors: dict[str, int] = {}
    cursor = 0
    for anchor, text in _anchor_texts(blocks):
        folded = _fold(text)
        for size in (40, 16):
            key = folded[:size]
            at = whole.find(key, cursor) if key else -1
            if at >= 0:
                anchors[anchor] = max(i for i, s in enumerate(starts) if s <= at) + 1
                cursor = at + 1
                break
    return anchors, len(texts)


# -- producers ------------------------------------------------------------------------------
def source_of(composed: Composed, producer: str) -> tuple[str, bytes]:
    """The source file a producer prints: (suffix, bytes) — HTML for browsers, .docx for LibreOffice."""
    from .docx_writer import to_docx
    from .html_writer import to_html

    lay = composed.look
    if producer == "libreoffice":
        return ".docx", to_docx(composed.blocks, lay, composed.title, composed.header)
    html = to_html(composed.blocks, lay, composed.title, composed.header, weasy=producer == "weasyprint")
    return ".html", html.encode("utf-8")


def _from_pdf(composed: Composed, producer: str, pdf: bytes) -> GeneratedReport:
    anchors, pages = locate_anchors(composed.blocks, pdf)
    return finish(composed, pdf, producer, anchors, pages, {"split_tables": None})


def _own_layout(composed: Composed, producer: str) -> GeneratedReport:
    engine = lay_out(composed)
    pdf = (render_fpdf if producer == "fpdf2" else render_pdf)(engine, composed.title)
    splits = [{"table": anchor, "continues_on_page": page} for anchor, page in engine.splits]
    return finish(composed, pdf, producer, engine.anchors, len(engine.pages), {"split_tables": splits},
                  "\f".join(page_texts(engine)))


def produce_many(composed: Sequence[Composed], producer: str, distil_from: str = "reportlab",
                 keep_sources: Path | None = None) -> list[GeneratedReport]:
    """Print every composed report with one producer (LibreOffice converts them in one process).
    ``keep_sources``: a directory where the HTML/.docx sources are also written."""
    if producer not in PRODUCERS:
        raise ProducerError(f"unknown producer {producer!r} (choose from {', '.join(PRODUCERS)})")
    if producer in ("reportlab", "fpdf2"):
        return [_own_layout(c, producer) for c in composed]
    if producer == "ghostscript":
        if distil_from == "ghostscript":
            raise ProducerError("ghostscript re-distils another producer's output")
        base = produce_many(composed, distil_from)
        with tempfile.TemporaryDirectory(prefix="synth-gs-") as tmp:
            out = []
            for c, report in zip(composed, base, strict=True):
                src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
                src.write_bytes(report.pdf)
                _run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                      f"-sOutputFile={dst}", str(src)], f"{c.spec.name}: ghostscript")
                generated = _from_pdf(c, "ghostscript", dst.read_bytes())
                generated.truth["synth"]["distilled_from"] = distil_from
                out.append(generated)
            return out
    sources = [source_of(c, producer) for c in composed]
    if keep_sources is not None:
        for c, (suffix, data) in zip(composed, sources, strict=True):
            (keep_sources / f"{c.spec.name}{suffix}").write_bytes(data)
    if producer == "weasyprint":
        import weasyprint  # type: ignore[import-untyped]

        return [_from_pdf(c, producer, weasyprint.HTML(string=data.decode("utf-8")).write_pdf())
                for c, (_, data) in zip(composed, sources, strict=True)]
    with tempfile.TemporaryDirectory(prefix=f"synth-{producer}-") as tmp:
        work = Path(tmp)
        paths = []
        for n, (suffix, data) in enumerate(sources):
            path = work / f"r{n:05d}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        if producer == "chromium":
            for path in paths:
                _run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                      f"--user-data-dir={work / 'profile'}", f"--print-to-pdf={path.with_suffix('.pdf')}",
                      path.as_uri()], f"{path.name}: chromium")
        else:
            for chunk in range(0, len(paths), 50):
                _run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                      "--convert-to", "pdf", "--outdir", str(work), *map(str, paths[chunk:chunk + 50])],
                     "libreoffice")
        out = []
        for c, path in zip(composed, paths, strict=True):
            pdf = path.with_suffix(".pdf")
            if not pdf.exists():
                raise ProducerError(f"{c.spec.name}: {producer} wrote no PDF")
            out.append(_from_pdf(c, producer, pdf.read_bytes()))
        return out


def produce(spec_or_composed: Composed, producer: str, distil_from: str = "reportlab") -> GeneratedReport:
    """One report printed by one producer."""
    return produce_many([spec_or_composed], producer, distil_from)[0]


__all__ = ["PRODUCERS", "ProducerError", "available", "compose_report", "locate_anchors", "produce",
           "produce_many", "source_of"]
