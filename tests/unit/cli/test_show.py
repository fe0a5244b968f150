"""`docextract show FILE --page N --png OUT`: the page with every extracted value's box drawn and labelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from corpora.synth.generate import ReportSpec, generate_report
from docextract.cli import app
from docextract.pipeline import parse
from docextract.read.pageimage import SCALE, PageRenderer, value_boxes

runner = CliRunner()


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("show") / "show-report.pdf"
    path.write_bytes(generate_report(ReportSpec("show-report", 3, "probation-pdu-2021", pages=(8, 10))).pdf)
    return path


def test_show_draws_every_value_of_the_ratings_page(report_pdf: Path, tmp_path: Path) -> None:
    report = parse(report_pdf)
    page = report.units[0].page
    assert page is not None
    boxes = value_boxes(report, page)
    assert len(boxes) >= 1 + len(report.units[0].standards)  # the unit and each standard
    out = tmp_path / "page.png"
    result = runner.invoke(app, ["show", str(report_pdf), "--page", str(page), "--png", str(out)])
    assert result.exit_code == 0, result.stderr
    listed = result.stdout.strip().splitlines()
    assert listed[-1] == f"{len(boxes)} values on page {page}: {out}"
    assert all(box.label in result.stdout for box in boxes)
    with PageRenderer(report_pdf) as renderer:
        bare = renderer.render(page)
    with Image.open(out) as drawn:
        image = drawn.convert("RGB")
    assert image.size == bare.size and image.width > 500
    for box in boxes:  # each box's left edge is drawn over the page (the outline differs from the bare page)
        x = round(box.bbox.x0 * SCALE)
        y = round((box.bbox.top + box.bbox.bottom) / 2 * SCALE)
        assert image.getpixel((x, y)) != bare.getpixel((x, y)), box.label


def test_show_refuses_what_it_cannot_draw(report_pdf: Path, tmp_path: Path) -> None:
    text = tmp_path / "report.txt"
    text.write_text("Inspection of probation services\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(text), "--page", "1", "--png", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "has no page images" in result.stderr
    result = runner.invoke(app, ["show", str(report_pdf), "--page", "999", "--png", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "out of range" in result.stderr
    assert not (tmp_path / "x.png").exists()
