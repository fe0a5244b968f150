"""A cover title wrapped over lines whose loose boxes overlap (LibreOffice sets a 24 pt title at
30 pt leading; pdfium's loose boxes run from ascent to descent, 31 pt tall) is one title.
Caught by tests/fixtures/producers/libreoffice-*: the title cut after its first line."""

from __future__ import annotations

from paths import FIXTURES

from docextract.extract.metadata import same_heading
from docextract.read.document import Line


def test_overlapping_loose_boxes_of_a_wrapped_title_are_one_heading() -> None:
    first = Line("An inspection of probation services in:", 1, (), (72.1, 221.8, 474.4, 253.3))
    second = Line("Ivyport and Marldale PDU", 1, (), (72.1, 251.8, 355.3, 283.3))
    assert same_heading(first, second)


def test_a_line_far_below_or_in_another_size_is_not_thesame_heading() -> None:
    first = Line("An inspection of probation services in:", 1, (), (72.1, 221.8, 474.4, 253.3))
    assert not same_heading(first, Line("HM Inspectorate of Probation", 1, (), (72.1, 372.0, 331.8, 386.5)))
    assert not same_heading(first, Line("Small print", 1, (), (72.1, 254.0, 200.0, 264.0)))
    assert not same_heading(first, Line("Overlapping too much", 1, (), (72.1, 230.0, 300.0, 261.5)))


def test_wrapped_title_whose_cheap_line_boxes_differ_in_height_is_one_title() -> None:
    """LibreOffice: the cover title's two lines are set in the same 24 pt font, but pdfium's loose
    character boxes make the first line 16.5 pt tall and the second 22.4 pt (the first does not
    end in a word that carries on): the title is still joined, judged on the character layout."""
    import json

    import docextract

    fixture = FIXTURES / "titles" / "libreoffice-title-wrapped-line-boxes-differ"
    truth = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    assert docextract.parse(fixture.with_suffix(".pdf")).title == truth["title"]
