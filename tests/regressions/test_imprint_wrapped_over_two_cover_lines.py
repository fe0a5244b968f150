"""A narrow cover wraps the publisher's imprint over two lines ("HM Inspectorate of Probation, May"
/ "2025"; issue 11, fresh-user tester, Chromium print of a narrow page): no one line was the
imprint, only the name cue was found, and the report was classed unknown with nothing extracted.
Wanted: an imprint wrapped over two consecutive lines of one page is the imprint; two lines that
only together hold more than the imprint are not."""

from __future__ import annotations

import pytest

from docextract.detect.classify import publisher_cues
from docextract.read.document import Document, Line, Page


def _cover(texts: list[str]) -> Document:
    pages = [texts, ["Foreword", "We visited the delivery unit over two weeks."], ["Contents"]]
    built = [Page(n, [Line(t, n, (t,)) for t in lines]) for n, lines in enumerate(pages, start=1)]
    return Document(path="cover.txt", sha256="0" * 64, format="text", pages=built)


@pytest.mark.parametrize(
    "wrapped",
    [
        ["HM Inspectorate of Probation, May", "2025"],
        ["HM Inspectorate of", "Probation, May 2025"],
        ["Published by HM Inspectorate of", "Probation"],
    ],
)
def test_imprint_wrapped_over_two_lines_is_the_imprint(wrapped: list[str]) -> None:
    cover = ["An inspection of", "probation", "services in:", "Brackenford", "PDU", *wrapped, "Fieldwork took place"]
    assert "imprint" in publisher_cues(_cover(cover))


def test_two_lines_holding_more_than_the_imprint_are_not_it() -> None:
    cover = ["A study of supervision", "HM Inspectorate of Probation, May", "2025 saw a change in the work of staff"]
    assert "imprint" not in publisher_cues(_cover(cover))
