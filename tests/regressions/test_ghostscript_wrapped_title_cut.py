"""Wrapped cover titles survive Ghostscript re-distillation, and a title that may be cut is never
stored silently (tester defect 5: `gs -sDEVICE=pdfwrite` copies of Chromium PDFs gave "An inspection
of the National Probation Service in" for "... in Tarrowby": gs rewrites the fonts' ascent and
descent, so the boxes of a wrapped title's lines overlap)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import paths
import pytest

from docextract import parse

FIXTURES = paths.FIXTURES / "producers"
WRAPPED = ("chromium-reg2018-lines-words-annex-yearonly", "chromium-youth-ruled-slash", "chromium-thematic")
IMPRINT = "HM Inspectorate of Probation, March 2025\n"
BODY = ("This report sets out what we found when we inspected the work of the service this year, "
        "and what should be done next by those who lead it.\n") * 4


def _gs() -> str:
    gs = shutil.which("gs")
    if gs is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("ghostscript (gs) is required under CI")
        pytest.skip("ghostscript (gs) not installed")
    return gs


@pytest.mark.slow
@pytest.mark.parametrize("name", WRAPPED)
def test_wrapped_cover_title_survives_ghostscript_redistillation(tmp_path: Path, name: str) -> None:
    source = FIXTURES / f"{name}.pdf"
    truth = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    copy = tmp_path / f"{name}.pdf"
    subprocess.run([_gs(), "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-o", str(copy), str(source)],
                   check=True, capture_output=True, timeout=300)
    assert parse(source).title == truth["title"]
    report = parse(copy)
    assert report.title == truth["title"]
    assert not [w for w in report.warnings if w.code == "title_truncated"]


def test_a_title_wrapped_after_a_dangling_word_is_joined_in_text(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text("An inspection of the National Probation Service in\nTarrowby\n" + IMPRINT + BODY,
                    encoding="utf-8")
    report = parse(path)
    assert report.title == "An inspection of the National Probation Service in Tarrowby"


def test_a_title_ending_in_a_dangling_word_is_null_with_a_warning(tmp_path: Path) -> None:
    # the rest of the title is not to be found: never stored silently as "... Service in"
    path = tmp_path / "cut.txt"
    path.write_text("An inspection of the National Probation Service in\n" + IMPRINT + BODY, encoding="utf-8")
    report = parse(path)
    assert report.title is None
    warning = next(w for w in report.warnings if w.code == "title_truncated")
    assert "An inspection of the National Probation Service in" in warning.message
    assert warning.field == "title" and warning.page == 1
    assert [w.code for w in report.warnings if w.field == "title"] == ["title_truncated"]  # adopted, once
