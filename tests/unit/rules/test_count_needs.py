"""validation.yaml `counts.needs`: `_counts` skips a sentence without it, so every match of every
count pattern must hold it (else a count would be lost without a word)."""

from docextract.extract.statements import _count_patterns
from docextract.rules.patterns import validation_patterns

SENTENCES = [
    "In 45 out of 72 cases (63%) the plan was reviewed.",
    "Staff said 63 per cent (45 of the 72) had been seen.",
    "Nine out of 12 respondents (75 per cent) agreed.",
    "Of the sample, 12 out of 20 (60.0%) met the standard.",
]


def test_every_count_match_holds_the_needed_text() -> None:
    needs = validation_patterns().counts.needs
    patterns, _ = _count_patterns()
    matches = [m.group() for text in SENTENCES for p in patterns for m in p.finditer(text)]
    assert len(matches) >= len(SENTENCES)  # each example is a count
    assert all(needs in match for match in matches)


def test_a_count_without_the_needed_text_is_no_count() -> None:
    needs = validation_patterns().counts.needs
    patterns, _ = _count_patterns()
    stripped = [text.replace(needs, " ") for text in SENTENCES]
    assert [m.group() for text in stripped for p in patterns for m in p.finditer(text)] == []
