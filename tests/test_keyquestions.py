"""Key questions on small fixtures of our own (tests/fixtures/keyquestions): tables split over
pages, comparator columns, annexes of prompts, footnote markers, unreadable values, merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from docextract.detect import Detection, detect
from docextract.keyquestions import _case_rules, candidate_pages, extract_key_questions, scan
from docextract.kqtables import TableReader
from docextract.models import KeyQuestion, ParseWarning, Standard, Unit
from docextract.patterns import frameworks, keyquestion_patterns
from docextract.reading import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "keyquestions"
FRAMEWORK = "probation-pdu-2023"


def run(name: str) -> tuple[dict[str, list[KeyQuestion]], list[ParseWarning]]:
    """Key questions of a fixture for a unit with the 2023 PDU standards (no ratings table needed)."""
    with read_document(FIXTURES / name) as doc:
        detection = Detection(kind="pdu_inspection", framework=FRAMEWORK, furniture=detect(doc).furniture)
        rules = frameworks().frameworks[FRAMEWORK].standards
        unit = Unit(name="Fixture PDU", page=1, standards=[Standard(code=r.code, name=r.name) for r in rules])
        warnings: list[ParseWarning] = []
        extract_key_questions(doc, detection, [unit], warnings)
    return {s.code: s.key_questions for s in unit.standards}, warnings


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
