"""Key questions on small fixtures of our own (tests/fixtures/keyquestions): tables split over
pages, comparator columns, annexes of prompts, footnote markers, unreadable values, merging."""

from __future__ import annotations

import paths
import pytest
from keyquestion_fixtures import run

from docextract.detect.classify import Detection, detect
from docextract.extract.keyquestions.extract import _case_rules, candidate_pages, scan
from docextract.extract.keyquestions.scan import Header, Question, Scanner
from docextract.extract.keyquestions.tables import TableReader
from docextract.model.record import KeyQuestion
from docextract.read.layout import Cell, Row, union
from docextract.read.open import read_document
from docextract.rules.patterns import frameworks, keyquestion_patterns

FIXTURES = paths.FIXTURES / "keyquestions"
FRAMEWORK = "probation-pdu-2023"


def values(kqs: list[KeyQuestion]) -> list[tuple[str, int | None]]:
    return [(k.text, k.percent) for k in kqs]


def test_patterns_load_and_compile() -> None:
    patterns = keyquestion_patterns()
    assert patterns.version == 1 and patterns.header.current


@pytest.mark.parametrize("name", ["comparator-and-footnotes.txt", "kq-comparator-column.pdf"])
def test_comparator_column_and_footnote_markers(name: str) -> None:
    kqs, _ = run(name)
    code = "2.1" if name.endswith(".txt") else "2.2"
    got = [(k.percent, k.comparator_percent, k.comparator_label) for k in kqs[code]]
    expected = {
        "2.1": [(71, 80, "All regions"), (68, 77, "All regions"), (55, 69, "All regions")],
        "2.2": [(69, 75, "All regions"), (57, 71, "All regions"), (61, 66, "All regions")],
    }[code]
    assert got == expected
    assert all(k.text.endswith("?") and not any(ch.isdigit() for ch in k.text) for k in kqs[code])


def test_unreadable_value_is_null_with_warning_and_bookmark_error_removed() -> None:
    kqs, warnings = run("comparator-and-footnotes.txt")
    assert values(kqs["2.2"]) == [
        ("Does planning involve the person on probation enough?", 62),
        ("Does planning aim at less reoffending and lasting desistance?", None),
        ("Does planning attend to the safety of other people?", 58),
    ]
    assert any(w.code == "key_question_value_unreadable" and "'n/a'" in w.message for w in warnings)


@pytest.mark.parametrize("name", ["split-across-pages.txt", "kq-table-split-across-pages.pdf"])
def test_table_split_across_pages(name: str) -> None:
    kqs, _ = run(name)
    code = "2.3" if name.endswith(".txt") else "2.1"
    expected = [81, 73, 49] if code == "2.3" else [74, 63, 48]
    assert [k.percent for k in kqs[code]] == expected
    assert [k.page for k in kqs[code]] == [1, 2, 2]  # the table runs over the page break


def test_annex_prompts_codes_and_disagreement() -> None:
    kqs, warnings = run("annex-prompts.txt")
    reviewing = kqs["2.4"]
    assert [(k.code, k.percent) for k in reviewing] == [("2.4.1", 66), ("2.4.2", 59), ("2.4.3", 52)]
    assert [[(p.text, p.percent) for p in k.prompts] for k in reviewing] == [
        [
            ("Were barriers to engagement considered when reviewing?", 70),
            ("Was the person involved in reviewing their own progress?", 61),
        ],
        [
            ("Were changes in offending-related factors picked up?", 57),
            ("Did other agencies contribute to the review?", 64),
        ],
        [("Were changes in risk of harm picked up and acted on?", 50)],
    ]
    assert any(w.code == "key_question_percent_mismatch" and "53%" in w.message for w in warnings)
    assert any(w.code == "key_question_value_unreadable" and "without '%'" in w.message for w in warnings)
    assert not kqs["2.1"] and any(w.code == "key_questions_not_found" for w in warnings)


def test_annex_prompts_pdf_merges_pages() -> None:
    kqs, _ = run("kq-annex-prompts.pdf")
    reviewing = kqs["2.4"]
    assert [(k.percent, len(k.prompts)) for k in reviewing] == [(64, 2), (52, 1)]
    assert reviewing[0].page == 1 and reviewing[0].also_on_pages == [2]
    assert reviewing[0].bbox is not None
    assert [p.percent for p in reviewing[0].prompts] == [60, 71]


@pytest.mark.parametrize("name", ["kq-table-split-across-pages.pdf", "kq-annex-prompts.pdf"])
def test_precise_reader_agrees_with_fast_reader(name: str) -> None:
    with read_document(FIXTURES / name) as doc:
        reader = TableReader(doc)
        detection = Detection(kind="pdu_inspection", framework=FRAMEWORK, furniture=detect(doc).furniture)
        rules, _ = _case_rules(detection)
        pages = list(range(1, doc.page_count + 1))
        fast = scan(doc, detection, rules, {}, pages, reader.rows)
        precise = scan(doc, detection, rules, {}, pages, reader.precise_rows)
    assert [(o.text, o.percent, len(o.prompts)) for o in fast] == [(o.text, o.percent, len(o.prompts)) for o in precise]


def test_candidate_pages_skip_prose() -> None:
    with read_document(FIXTURES / "kq-comparator-column.pdf") as doc:
        assert candidate_pages(doc) == [1]


# --- value columns named by their headers (tester defects 1, 2, 6, 8) --------------------


COLUMNS = ["kq-columns-by-header.txt", "kq-count-column-taken-as-percent.pdf"]


def _triples(kqs: list[KeyQuestion]) -> list[tuple[int | None, int | None, str | None]]:
    return [(k.percent, k.comparator_percent, k.comparator_label) for k in kqs]


@pytest.mark.parametrize("name", COLUMNS)
def test_case_count_column_is_never_a_percentage(name: str) -> None:
    kqs, warnings = run(name)
    assert _triples(kqs["2.1"]) == [(78, None, None), (72, None, None), (68, None, None)]
    assert not any("Does assessment" in w.message for w in warnings)


@pytest.mark.parametrize("name", COLUMNS)
def test_reversed_percent_and_count_columns(name: str) -> None:
    kqs, _ = run(name)
    assert _triples(kqs["2.2"]) == [(70, None, None), (61, None, None), (55, None, None)]


@pytest.mark.parametrize("name", COLUMNS)
def test_previous_inspection_column_left_of_this_inspection(name: str) -> None:
    kqs, _ = run(name)
    label = "2022 inspection"
    assert _triples(kqs["2.3"]) == [(80, 69, label), (75, 71, label), (66, 73, label)]


@pytest.mark.parametrize("name", COLUMNS)
def test_unit_name_column_and_bookmark_error_beside_a_percentage(name: str) -> None:
    kqs, warnings = run(name)
    reviewing = kqs["2.4"]
    assert [k.text for k in reviewing][2] == "Does reviewing consider the safety of other people?"
    got = _triples(reviewing)
    label = "England and Wales"
    if name.endswith(".pdf"):
        assert got == [(64, 70, label), (58, 66, label), (0, 61, label)]
    else:  # "58" without '%' under a column headed by the unit's name: not stored, and said so
        assert got == [(64, 70, label), (None, 66, label), (0, 61, label)]
        assert any(
            w.code == "key_question_value_unreadable" and "'58'" in w.message and "Fixture PDU" in w.message
            for w in warnings
        )


def test_value_in_unidentified_column_is_null_with_warning() -> None:
    """Two percentages under a header naming one column only: which is current cannot be told."""
    kqs, warnings = run("kq-unidentified-column.txt")
    assert [k.percent for k in kqs["2.1"]] == [None, 74]
    assert any(
        w.code == "key_question_value_unreadable" and "column" in w.message and "page 1" in w.message for w in warnings
    )


def test_every_null_percent_has_a_warning_naming_its_question() -> None:
    for name in [*COLUMNS, "kq-unidentified-column.txt", "comparator-and-footnotes.txt", "annex-prompts.txt"]:
        kqs, warnings = run(name)
        for kq in (k for ks in kqs.values() for k in ks if k.percent is None):
            assert any(kq.text[:40] in w.message for w in warnings), (name, kq.text)


def test_reversed_columns_page_not_scanned() -> None:
    """A page whose key-question lines end in a case count (after the percentage) is still read."""
    kqs, _ = run("kq-reversed-columns-page-not-scanned.txt")
    assert _triples(kqs["2.2"]) == [(70, None, None), (61, None, None), (55, None, None)]


def test_annex_head_percent_null_no_warning() -> None:
    """A key question printed only as the head of a prompts table has no percentage: a warning says so."""
    kqs, warnings = run("kq-annex-head-percent-null-no-warning.txt")
    [kq] = kqs["2.3"]
    assert kq.percent is None and len(kq.prompts) == 2
    assert any(
        w.code == "key_question_value_unreadable" and kq.text[:40] in w.message and "page 1" in w.message
        for w in warnings
    )


def test_annex_comparator_column_read_by_its_header_across_standard_rows() -> None:
    """An annex table holding every standard as rows (standard headings inside the table, the
    header repeated on the next page), its comparison column left of the current one: each value
    is read by the header of its column, never by its position, and the comparison keeps its label."""
    kqs, warnings = run("kq-annex-comparator-column-by-header.pdf")
    label = "All areas"
    assert _triples(kqs["2.1"]) == [(81, 70, label), (77, 66, label), (84, 68, label)]
    assert _triples(kqs["2.2"]) == [(73, 62, label), (79, 64, label), (70, 58, label)]
    assert _triples(kqs["2.3"]) == [(88, 74, label), (83, 69, label), (80, 67, label)]
    assert _triples(kqs["2.4"]) == [(61, 49, label), (72, 59, label), (63, 48, label)]
    assert not [w for w in warnings if w.code == "key_question_value_unreadable"]


def test_wrapped_header_with_a_long_unit_name_keeps_its_columns() -> None:
    """Header cells wrapped onto a second line that is long as a whole (the question column's
    header names a long unit): that line still continues the header, so "Current" / "inspection"
    names the current column and the comparison keeps its label."""
    kqs, _ = run("kq-wrapped-header-long-unit-name.pdf")
    label = "All PDUs inspected"
    assert _triples(kqs["2.3"]) == [(66, 72, label), (59, 64, label), (71, 60, label)]


def _row(page: int, top: float, *cells: tuple[str, float, float]) -> Row:
    """A visual row of one printed line (12 pt high) whose cells are (text, left, right) in points."""
    boxes = [(text, (x0, top, x1, top + 12.0)) for text, x0, x1 in cells]
    return Row(page, tuple(Cell(text, text, box) for text, box in boxes), union([box for _, box in boxes]))


@pytest.mark.parametrize("gap", [49.0, 9.0])
def test_header_keeps_its_columns_over_a_short_line_further_down_under_one(gap: float) -> None:
    """A header wrapped over three lines at a page's foot, the second line of a footnote (no marker
    of its own) printed `gap` points below it under its second column: that line is no part of the
    header, which keeps both value columns for the rows atop the next page (issue 11, kqbreak6)."""
    detection = Detection(kind="pdu_inspection", framework="probation-pdu-2023", furniture=frozenset())
    scanner = Scanner(detection, frameworks().frameworks["probation-pdu-2023"].standards)
    header = [
        _row(5, 660, ("Current", 76, 112), ("All PDUs", 157, 200), ("Comparison with the", 238, 330)),
        _row(5, 672, ("inspection", 76, 126), ("inspected", 157, 210), ("region's PDUs", 238, 300)),
        _row(5, 684, ("inspected", 238, 285)),
    ]
    footnote = _row(5, 696 + gap, ("explains the bands.", 72, 236))
    rows = [_row(6, 76, ("67%", 76, 96), ("57%", 157, 177), ("Does planning focus on keeping", 238, 396)),
            _row(6, 88, ("other people safe?", 238, 330))]
    scanner.feed([*header, footnote, *rows])
    events = scanner.finish()
    [columns] = [[(c.label, c.kind) for c in e.columns] for e in events if isinstance(e, Header)]
    assert columns == [("Current inspection", "current"), ("All PDUs inspected", "comparator")]
    [question] = [e for e in events if isinstance(e, Question)]
    assert [v.raw for v in question.values] == ["67%", "57%"]
