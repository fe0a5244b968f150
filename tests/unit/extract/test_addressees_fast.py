"""The spaCy-free paths of `addressees` give exactly what the spaCy pipeline gives, or defer to it.

`resolve_body` and `split_sentences` exist so that a cold parse need not import spaCy (about
a second); they may answer only where the answer is certain. Checked here against the real
pipeline on every line and paragraph of the corpus text conversions and on every name of
patterns/bodies.yaml (with the phrases built around them).
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from corpus import corpus_report, report_names

from docextract.extract import addressees
from docextract.rules.patterns import bodies_patterns


def _spacy_sentences(text: str) -> list[tuple[int, str]]:
    pipeline = addressees.nlp()
    doc = pipeline.get_pipe("sentencizer")(pipeline.make_doc(text))
    return [(int(s.start_char), str(s.text).strip()) for s in doc.sents if str(s.text).strip()]


def _spacy_body(text: str) -> addressees.Body | None:
    found = addressees.bodies_in(text)
    return max(found, key=lambda b: (b.end - b.start, -b.start)) if found else None


@cache
def _corpus_passages() -> list[str]:
    passages: list[str] = []
    for name in report_names():
        text = corpus_report(name).text.read_text(encoding="utf-8")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        passages += paragraphs
        passages += [" ".join(p.split()) for p in paragraphs]
        passages += [line for line in text.splitlines() if line.strip()]
    return passages


def test_sentences_without_spacy_match_spacy() -> None:
    passages = _corpus_passages()
    resolved = 0
    for text in passages:
        fast = addressees.split_sentences(text)
        if fast is not None:
            resolved += 1
            assert fast == _spacy_sentences(text), text[:200]
    assert resolved > len(passages) / 2  # the patterns do most of the work


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met the team. They agreed.",  # an abbreviation the tokenizer keeps whole
        "The rate was 3.5 per cent. It fell.",  # a decimal
        "See www.example.gov.uk for more.",  # dots inside a word
        'It said "no." Then it stopped.',  # a quote after the full stop
        "First sentence.  Second after two spaces.",
        "A line.\nAnother line.",
        "Reviewed by the RPD. Four were made.",
        "Dated 12 Jan. The next day.",
    ],
)
def test_sentences_defer_or_agree(text: str) -> None:
    fast = addressees.split_sentences(text)
    assert fast is None or fast == _spacy_sentences(text)


def test_the_abbreviation_list_covers_the_tokenizer_exceptions() -> None:
    pipeline = addressees.nlp()
    kept = {k[:-1] for k in pipeline.tokenizer.rules if re.fullmatch(r"[A-Za-z0-9]+[.!?]", k)}
    for word in kept:
        assert not addressees._splits_off(word), word


def _body_phrases() -> list[str]:
    rules = bodies_patterns()
    names = [v for body in rules.bodies for v in (body.canonical, *body.variants)]
    places = ["Wakefield", "South West", "Swansea, Neath and Port Talbot", "Kent, Surrey and Sussex", "Wales"]
    built = [
        *(f"{p} PDU" for p in places),
        *(f"Probation Service – {p} region" for p in places),
        *(f"Probation Service - {p}" for p in places),
        *(f"NPS in {p}" for p in places),
        *(f"{p} CRC" for p in places),
        *(f"{p} Youth Offending Service" for p in places),
        "the Probation Service – Wales region",
        "Stoke-on-Trent PDU",
        "HMPPS and the Ministry of Justice",
        "Her Majesty's Prison and Probation Service",
        "Regional Probation Director for Wales",
        "wakefield pdu",
    ]
    return names + [n.upper() for n in names] + built


@pytest.mark.parametrize("text", _body_phrases())
def test_bodies_without_spacy_match_spacy(text: str) -> None:
    fast = addressees.resolve_body(text)
    if fast is not False:
        assert fast == _spacy_body(text)


def test_bodies_the_corpus_needs_resolve_without_spacy() -> None:
    for text in ("Wakefield PDU", "Her Majesty's Prison and Probation Service", "Probation Service – Wales region"):
        assert addressees.resolve_body(text) is not False, text
