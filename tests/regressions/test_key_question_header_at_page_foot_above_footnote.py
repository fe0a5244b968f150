"""A key-question table whose header (three lines, the % columns first) ends one page and whose
rows start the next, the page's footnotes printed between them (issue 11, fresh producer batch
of seed 20261130 with `--variants all_kq_columns`: report 9, youth, standard 3.2).

The second line of a footnote ("methodology annexe explains the bands.", no marker of its own)
stood under the header's second column and was read as the rest of that column's label ("All
services inspected methodology annexe …"): the label no longer named a comparison, the column
was dropped, and atop the next page each row's second percentage "cannot be placed under the
columns 'Current inspection'": the three key questions refused (`not_checked`), never guessed.

A header's wrapped line is the line right below it (within a table's row gap), not any short
line further down under one of its columns: the whole header is carried over the page break to
the rows atop the next page, whatever the producer. Printed by the project's generator
(reportlab and fpdf2 from its own layout, and a Ghostscript copy of the reportlab PDF); the test
first checks that the generator still draws the case (header at page 19's foot, rows atop 20).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corpus import canon

import docextract
from corpora.synth import ReportSpec
from corpora.synth.cli import derive_seed
from corpora.synth.generate import compose_report
from corpora.synth.producers import ProducerError, produce_many
from docextract.read.open import read_document

SEED = derive_seed(20261130, 9)  # report 9 of the batch: synth-20261130-00009-youth
STANDARD = "3.2"
FIRST_ROW = "Does out-of-court planning focus on"


def _print(tmp_path: Path, producer: str) -> tuple[Path, dict[str, object]]:
    spec = ReportSpec("kq-header-at-foot", SEED, "youth-2018", [], (10, 20), {}, "all_kq_columns", producer)
    try:
        [report] = produce_many([compose_report(spec)], producer)
    except ProducerError as exc:  # a producer program not installed
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip(str(exc))
    path = tmp_path / f"{report.name}.pdf"
    path.write_bytes(report.pdf)
    return path, report.truth


def _header_at_foot_rows_atop_next(path: Path) -> bool:
    """Whether 3.2's header prints at a page's foot and its first row atop the next page."""
    with read_document(path) as doc:
        for number in range(1, doc.page_count):
            texts = [line.text for line in doc.page(number).lines]
            heading = next((i for i, t in enumerate(texts) if t.startswith(f"{STANDARD}. ")), None)
            if heading is None or not any(t.startswith("Current") for t in texts[heading:]):
                continue
            after_header = texts[heading:]
            rows_here = any(FIRST_ROW in t and "%" in t for t in after_header)
            following = [line.text for line in doc.page(number + 1).lines[:4]]
            return not rows_here and any(FIRST_ROW in t and "%" in t for t in following)
    return False


def _truth_questions(truth: dict[str, object], code: str) -> list[tuple[str | None, int]]:
    units = truth["units"]
    assert isinstance(units, list)
    [standard] = [s for s in units[0]["standards"] if s["code"] == code]
    return [(canon(q["text"]), q["percent"]) for q in standard["key_questions"]]


@pytest.mark.parametrize("producer", ["reportlab", "fpdf2", "ghostscript"])
def test_header_at_page_foot_carried_whole_to_rows_atop_next_page(tmp_path: Path, producer: str) -> None:
    path, truth = _print(tmp_path, producer)
    layout = truth["synth"]["layout"]  # type: ignore[index]
    assert layout["kq_columns"] == "percent_first"  # the case the generator drew for this seed
    assert _header_at_foot_rows_atop_next(path), "the generator no longer breaks 3.2's table after its header"

    report = docextract.parse(path)
    [unit] = report.units
    [standard] = [s for s in unit.standards if s.code == STANDARD]
    got = [(canon(q.text), q.percent) for q in standard.key_questions]
    assert got == _truth_questions(truth, STANDARD)
    assert not [w for w in report.warnings if w.code == "key_question_value_unreadable"]
    for other in unit.standards:  # every other standard's key questions read as before: to the truth
        assert [(canon(q.text), q.percent) for q in other.key_questions] == _truth_questions(truth, other.code)
