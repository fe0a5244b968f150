"""A cover title set in a narrow panel (a fresh tester, Chromium with `p.title { width: 150pt }`):
its opening phrase split over two lines ("2023 Annual" / "Report: …") was not taken as the title,
so a later line was stored ("2023 Annual Report"); a title over six or seven lines was cut after
five with no warning ("…in: South Central National"). Prints made by
tests/fixtures/narrow_title/make_narrow_title.py from the generator's own reports."""

from __future__ import annotations

import json

import paths

from docextract import parse

HERE = paths.FIXTURES / "narrow_title"
PRODUCERS = paths.FIXTURES / "producers"


def _truth(name: str) -> str:
    title: str = json.loads((PRODUCERS / f"{name}.json").read_text(encoding="utf-8"))["title"]
    return title


def test_title_opening_split_over_two_lines_is_the_title() -> None:
    report = parse(HERE / "chromium-annual-title-150pt.pdf")
    assert report.title == _truth("chromium-annual") == "2023 Annual Report: inspections of probation services"
    where = report.provenance.title
    assert where is not None and where.page == 1 and where.bbox is not None
    assert where.bbox.bottom - where.bbox.top > 100  # the box holds all five lines of the panel


def test_title_over_six_lines_is_read_whole() -> None:
    report = parse(HERE / "chromium-reg2018-lines-words-annex-yearonly-title-narrow.pdf")
    assert report.title == _truth("chromium-reg2018-lines-words-annex-yearonly")
    assert not [w for w in report.warnings if w.field == "title"]


def test_title_longer_than_it_is_read_over_is_null_with_a_warning() -> None:
    report = parse(HERE / "chromium-reg2018-lines-words-annex-yearonly-title-40pt.pdf")
    assert report.title is None
    warning = next(w for w in report.warnings if w.field == "title")
    assert warning.code == "title_truncated" and warning.page == 1
    assert warning.read is not None and warning.read.startswith("An inspection of probation services in:")
    assert "goes on past the 8 lines" in warning.message
