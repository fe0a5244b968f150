"""HTML fixtures printed to PDF by a browser engine in a test: WeasyPrint (a dependency of the dev
extra) or headless Chromium (a Debian package: CI installs it, and a test fails without it under
CI, else is skipped)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PRINTERS = ("weasyprint", "chromium")


def print_html(html: str, tmp_path: Path, name: str, printer: str) -> Path:
    """`html` printed by `printer` ('weasyprint' or 'chromium') to `tmp_path`/`name`-`printer`.pdf;
    the path. Fails under CI (`CI=true`) when Chromium is not installed, skips otherwise."""
    path = tmp_path / f"{name}-{printer}.pdf"
    if printer == "weasyprint":
        import weasyprint

        weasyprint.HTML(string=html).write_pdf(path)
        return path
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is required under CI")
        pytest.skip("chromium not installed")
    source = tmp_path / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--no-pdf-header-footer", f"--print-to-pdf={path}", source.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def ghostscript_copy(path: Path, tmp_path: Path) -> Path:
    """`path` re-distilled by Ghostscript's pdfwrite to `tmp_path`/redistilled.pdf; the path. Fails
    under CI (`CI=true`) when `gs` is not installed, skips otherwise."""
    gs = shutil.which("gs")
    if gs is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("ghostscript (gs) is required under CI")
        pytest.skip("ghostscript (gs) not installed")
    copy = tmp_path / "redistilled.pdf"
    subprocess.run(
        [gs, "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-o", str(copy), str(path)],
        check=True, capture_output=True, timeout=300,
    )
    return copy
