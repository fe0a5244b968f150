"""The reading layer's layout on character-level inputs: one class of producer behaviour each.

Characters are built as a PDF reader reports them (loose box from the font's ascent and
descent, advance width, font size, baseline, a space flag), so each test is the shape of
a real producer's output without the producer.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from docextract.read.layout import (
    Char,
    LayoutSettings,
    Row,
    content_words,
    dedupe_chars,
    is_footnote,
    rows_from_chars,
    words_from_chars,
)

SIZE = 10.0


def glyphs(
    text: str,
    x: float = 50.0,
    baseline: float = 100.0,
    size: float = SIZE,
    advance: float = 0.5,
    space: float = 0.28,
    flag_spaces: bool = True,
    kern: float = 0.0,
) -> list[Char]:
    """One Char per glyph of `text`, left to right. A space in `text` moves on by `space` em and,
    with `flag_spaces`, flags the previous glyph (a printed or generated space); `kern` (em)
    pulls every glyph towards its left neighbour (kerning: boxes overlap)."""
    chars: list[Char] = []
    for letter in text:
        if letter == " ":
            x += space * size
            if flag_spaces and chars:
                chars[-1] = chars[-1]._replace(space_after=True)
            continue
        if chars:
            x -= kern * size
        width = advance * size
        chars.append(Char(letter, x, baseline - 0.9 * size, x + width, baseline + 0.25 * size, size, baseline))
        x += width
    return chars


def texts(rows: list[Row]) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in rows]


def word_texts(chars: list[Char]) -> list[list[str]]:
    return [[w.text for w in line] for line in words_from_chars(chars)]


# --- one glyph per text run (Chromium, Skia) -------------------------------------------------


def test_one_glyph_per_run_gives_words_and_one_cell() -> None:
    chars = glyphs("Service: NPS in Tarrowby")
    assert word_texts(chars) == [["Service:", "NPS", "in", "Tarrowby"]]
    assert texts(rows_from_chars(chars, 1)) == [["Service: NPS in Tarrowby"]]


def test_glyphs_in_any_content_order_read_left_to_right() -> None:
    chars = glyphs("Overall rating Good")
    assert word_texts(list(reversed(chars))) == [["Overall", "rating", "Good"]]


def test_table_row_cells_at_column_gaps() -> None:
    chars = glyphs("2.2 Planning") + glyphs("Requires improvement", x=300.0)
    assert texts(rows_from_chars(chars, 2)) == [["2.2 Planning", "Requires improvement"]]


# --- kerned, overlapping and duplicated glyphs -------------------------------------------------


def test_kerned_overlapping_glyphs_are_not_repeated() -> None:
    chars = glyphs("NPS in Tarrowby", kern=0.07)  # "Ta": the a's box starts inside the T's
    assert word_texts(chars) == [["NPS", "in", "Tarrowby"]]


def test_glyph_drawn_twice_is_dropped() -> None:
    once = glyphs("Tarrowby")
    twice = once + [c._replace(x0=c.x0 + 0.3, x1=c.x1 + 0.3) for c in once]  # fake bold: drawn again, offset
    assert word_texts(twice) == [["Tarrowby"]]
    assert [c.text for c in dedupe_chars(sorted(twice, key=lambda c: c.x0))] == list("Tarrowby")


def test_same_letter_twice_in_a_word_is_kept() -> None:
    assert word_texts(glyphs("Tarrowby Hill")) == [["Tarrowby", "Hill"]]


# --- split numbers ------------------------------------------------------------------------------


def test_number_glyphs_touching_are_one_word() -> None:
    # tight ink boxes of "2" and "1" are ~1.5 pt apart; advance boxes touch
    chars = glyphs("Score 8/21") + glyphs("2.2.", x=200.0)
    assert word_texts(chars) == [["Score", "8/21", "2.2."]]
    assert texts(rows_from_chars(chars, 1)) == [["Score 8/21", "2.2."]]


def test_date_is_not_cut_from_its_label() -> None:
    chars = glyphs("Fieldwork started: October 2019")
    assert texts(rows_from_chars(chars, 1)) == [["Fieldwork started: October 2019"]]


# --- superscript footnote markers -------------------------------------------------------------


def test_superscript_marker_beside_a_one_is_told_by_size_and_baseline() -> None:
    # "2.1" at full size, then a marker "1" at 60% size raised by a third of an em: same digit,
    # different role. Ink height is never consulted (a "1" and a "6" have different ink).
    chars = glyphs("2.1") + glyphs("1", x=50.0 + 3 * 5.0, baseline=100.0 - 3.3, size=6.0)
    [line] = words_from_chars(chars)
    assert [(w.text, w.marker) for w in line] == [("2.1", False), ("¹", True)]
    [row] = rows_from_chars(chars, 1)
    assert row.cells[0].text == "2.1" and row.cells[0].raw == "2.1¹"


def test_marker_raised_half_an_em_joins_its_line() -> None:
    # reportlab's <super>: 80% size, baseline raised by half the font size
    chars = glyphs("All regions") + glyphs("1", x=50.0 + 10 * 5.0 + 2.8, baseline=95.0, size=8.0)
    [row] = rows_from_chars(chars, 1)
    assert [(c.text, c.raw) for c in row.cells] == [("All regions", "All regions¹")]


def test_full_size_digit_on_the_baseline_is_not_a_marker() -> None:
    chars = glyphs("Standard 1")
    assert [(w.text, w.marker) for w in words_from_chars(chars)[0]] == [("Standard", False), ("1", False)]


def test_small_digit_on_the_baseline_is_not_a_marker() -> None:
    chars = glyphs("Page") + glyphs("16", x=80.0, size=7.0)
    assert not any(w.marker for w in words_from_chars(chars)[0])


def test_marker_after_a_percentage_and_a_footnote_line() -> None:
    chars = glyphs("81%") + glyphs("16", x=50.0 + 15.0, baseline=96.7, size=6.0)
    chars += glyphs("16", x=50.0, baseline=196.7, size=6.0) + glyphs(
        "The answers in this table", x=57.0, baseline=200.0
    )
    rows = rows_from_chars(chars, 3)
    assert texts(rows) == [["81%"], ["The answers in this table"]]
    assert not is_footnote(rows[0]) and is_footnote(rows[1])



def test_marker_of_a_wrapped_line_in_tight_rows_stays_on_its_line() -> None:
    # line height 1.0: "people safe?" 9.8 pt under "keeping other"; its marker, 62% size and raised,
    # sits 5.7 pt below the upper line's baseline (within its tolerance) but above its own line's
    char = glyphs("keeping other", baseline=287.0)
    char += glyphs("safe?", baseline=296.6) + glyphs("5", x=50.0 + 25.5, baseline=292.7, size=5.8)
    lines = word_texts(char)
    assert lines == [["keeping", "other"], ["safe?", "⁵"]]
    assert texts(rows_from_chars(char, 1)) == [["keeping other"], ["safe?"]]


def test_small_word_below_a_line_with_no_line_under_it_stays() -> None:
    # nothing below to be raised on: the reading is unchanged
    chars = glyphs("Total") + glyphs("16", x=80.0, baseline=103.0, size=7.0)
    assert word_texts(chars) == [["Total", "16"]]

# --- missing space character ----------------------------------------------------------------


def test_missing_space_character_is_a_word_boundary_by_gap() -> None:
    chars = glyphs("Overall rating", flag_spaces=False)  # no printed and no generated space
    assert word_texts(chars) == [["Overall", "rating"]]
    assert texts(rows_from_chars(chars, 1)) == [["Overall rating"]]


def test_generated_space_is_a_word_boundary_without_a_gap() -> None:
    chars = glyphs("ab cd", space=0.0)  # the reader says a space is there, the glyphs touch
    assert word_texts(chars) == [["ab", "cd"]]


# --- rows ------------------------------------------------------------------------------------------


def test_wrapped_cell_beside_a_centred_cell_is_one_row() -> None:
    chars = glyphs("Requires", x=300.0, baseline=100.0) + glyphs("improvement", x=300.0, baseline=110.0)
    chars += glyphs("1.2 Staff", x=50.0, baseline=105.0)  # vertically centred beside both lines
    assert texts(rows_from_chars(chars, 1)) == [["1.2 Staff", "Requires improvement"]]


def test_wrapped_question_beside_a_centred_value_reads_line_by_line() -> None:
    # tight leading: the centred "81%" makes both printed lines of the question one row; their
    # words must not be interleaved by x position
    chars = glyphs("Does assessment focus sufficiently", x=100.0, baseline=100.0)
    chars += glyphs("on keeping people safe?", x=100.0, baseline=111.0)
    chars += glyphs("81%", x=400.0, baseline=105.5)
    assert texts(rows_from_chars(chars, 1)) == [["Does assessment focus sufficiently on keeping people safe?", "81%"]]


def test_centred_wrapped_cell_keeps_its_line_order() -> None:
    chars = glyphs("Requires", x=310.0, baseline=100.0) + glyphs("improvement", x=302.0, baseline=110.0)
    chars += glyphs("1.2 Staff", x=50.0, baseline=105.0)
    assert texts(rows_from_chars(chars, 1)) == [["1.2 Staff", "Requires improvement"]]


def test_lines_a_full_line_apart_are_rows() -> None:
    chars = glyphs("1.1 Leadership Good") + glyphs("1.2 Staff Good", baseline=114.0)
    assert texts(rows_from_chars(chars, 1)) == [["1.1 Leadership Good"], ["1.2 Staff Good"]]


def test_justified_prose_is_one_cell() -> None:
    chars = glyphs("the demand to demolish part of the building", space=0.75)  # spaces widened equally
    assert texts(rows_from_chars(chars, 1)) == [["the demand to demolish part of the building"]]


def test_figures_in_evenly_spaced_columns_stay_cells() -> None:
    chars = glyphs("0 0 0 0 0", space=3.0)
    assert texts(rows_from_chars(chars, 1)) == [["0", "0", "0", "0", "0"]]


def test_thresholds_scale_with_the_font_size() -> None:
    small = glyphs("Overall rating", size=6.0, flag_spaces=False)
    large = glyphs("Overall rating", size=24.0, flag_spaces=False)
    assert word_texts(small) == word_texts(large) == [["Overall", "rating"]]


def test_content_words_cut_at_a_step_back() -> None:
    chars = glyphs("ab")
    assert [w.text for w in content_words([chars[1], chars[0]])] == ["b", "a"]


# --- settings ---------------------------------------------------------------------------------------


def test_settings_are_validated() -> None:
    with pytest.raises(ValidationError):
        LayoutSettings(word_gap=0.6, cell_gap=0.5)
    with pytest.raises(ValidationError):
        LayoutSettings(marker_size=1.5)
    with pytest.raises(ValidationError):
        LayoutSettings(unknown=1)  # type: ignore[call-arg]


def test_settings_change_the_layout() -> None:
    chars = glyphs("2.2 Planning", space=1.0)
    assert texts(rows_from_chars(chars, 1)) == [["2.2", "Planning"]]
    assert texts(rows_from_chars(chars, 1, LayoutSettings(cell_gap=1.5))) == [["2.2 Planning"]]


# --- a page printed with widened word spaces (CSS word-spacing / letter-spacing) ----------------

_SPACED = 0.55  # em: every space of the page wider than the cell gap (0.5 em)


def _spaced_page(value_gap: float) -> list[Char]:
    """A key-question table printed with widened spaces: a question wrapped over two lines with its
    value `value_gap` em after its first line (its first space a little narrower, as a typeface's
    may be), and prose enough to measure the page's word space."""
    chars = glyphs("Does planning", space=0.45)
    chars += glyphs("focus sufficiently on", x=max(c.x1 for c in chars) + _SPACED * SIZE, space=_SPACED)
    end = max(c.x1 for c in chars)
    chars += glyphs("72%", x=end + value_gap * SIZE)
    chars += glyphs("supporting desistance?", baseline=114.0, space=_SPACED)
    for line in range(4):
        chars += glyphs("Inspectors found that planning was clear and well", baseline=140.0 + 14 * line, space=_SPACED)
    return chars


def test_widened_word_spaces_keep_words_in_one_cell() -> None:
    # Chromium with letter-spacing and word-spacing: every word was a cell ("supporting" | "desistance?")
    rows = rows_from_chars(_spaced_page(value_gap=3.0), 1)
    assert texts(rows)[:2] == [["Does planning focus sufficiently on", "72%"], ["supporting desistance?"]]
    assert texts(rows)[2] == ["Inspectors found that planning was clear and well"]


def test_a_value_close_after_widened_spaces_is_still_its_own_cell() -> None:
    # the page's word space joins words of letters only: a gap beyond the cell gap before "72%" cuts
    rows = rows_from_chars(_spaced_page(value_gap=0.65), 1)  # within the page's word space (0.55 + 0.15)
    assert texts(rows)[0] == ["Does planning focus sufficiently on", "72%"]


def test_unequal_gaps_are_no_word_space() -> None:
    # columns of words at differing gaps (a table, not spaced prose): each stays a cell
    chars: list[Char] = []
    for line, gaps in enumerate([(0.6, 1.2, 0.9), (1.5, 0.7, 1.9), (0.8, 1.4, 0.65), (1.1, 0.75, 1.6)] * 2):
        x, baseline = 50.0, 100.0 + 14 * line
        for word, gap in zip(("Alpha", "Beta", "Gamma", "Delta"), (*gaps, 0.0), strict=True):
            chars += glyphs(word, x=x, baseline=baseline)
            x = max(c.x1 for c in chars) + gap * SIZE
    assert all(len(row) == 4 for row in texts(rows_from_chars(chars, 1)))
