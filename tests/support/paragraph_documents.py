"""One paragraph a line, written as a small document of the kind its suffix names: Markdown (.md),
Word (.docx, python-docx) or PDF (anything else, WeasyPrint; the test is skipped without it).
Shared by the regression tests of papers that are not inspectorate reports."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest


def write(lines: list[str], path: Path) -> Path:
    """`lines` written to `path` as paragraphs; returns `path`."""
    if path.suffix == ".md":
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    elif path.suffix == ".docx":
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(str(path))
    else:
        weasyprint = pytest.importorskip("weasyprint")
        html = "".join(f"<p>{line}</p>" for line in lines)
        weasyprint.HTML(string=f"<html><body style='font: 11pt sans-serif'>{html}</body></html>").write_pdf(str(path))
    return path
