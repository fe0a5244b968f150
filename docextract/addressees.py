"""Addressee bodies and sentences: a small spaCy pipeline, built once per process.

`spacy.blank("en")` with a `sentencizer` and an `entity_ruler` fed from
`patterns/bodies.yaml`: fixed bodies (HMPPS, the Ministry of Justice …) as phrase patterns
with their canonical name as the entity id, and open-ended families (PDUs, Probation
Service regions, NPS divisions, CRCs) as token patterns whose canonical name is built
from the matched text. spaCy is imported on first use only, and only ever run on the few
lines and sentences that need it (lead-ins, count and progress sentences).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .normalize import collapse
from .patterns import BodiesPatterns, BodyFamily, bodies_patterns

# A place name inside a family pattern: a capitalised word, then capitalised words,
# "and", "of", "upon", "&" or commas ("Swansea, Neath Port Talbot", "Kent, Surrey and Sussex").
NAME_TOKENS: tuple[dict[str, Any], ...] = (
    {"TEXT": {"REGEX": r"^[A-Z][\w'.-]*$"}},
    {"TEXT": {"REGEX": r"^(?:[A-Z][\w'.-]*|and|of|upon|&|,)$"}, "OP": "*"},
)
_FAMILY_ID = "family:"


@dataclass(frozen=True)
class Body:
    """A body recognised in a piece of text."""

    text: str
    label: str
    canonical: str
    start: int
    end: int


def expand(pattern: list[str | dict[str, Any]]) -> list[dict[str, Any]]:
    """A family's token pattern with the NAME placeholder spelled out."""
    tokens: list[dict[str, Any]] = []
    for token in pattern:
        if token == "NAME":
            tokens.extend(dict(t) for t in NAME_TOKENS)
        elif isinstance(token, dict):
            tokens.append(dict(token))
    return tokens


def ruler_patterns(rules: BodiesPatterns) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for body in rules.bodies:
        for variant in (body.canonical, *body.variants):
            patterns.append({"label": body.label, "pattern": variant, "id": body.canonical})
    for family in rules.families:
        for pattern in family.patterns:
            patterns.append({"label": family.label, "pattern": expand(pattern), "id": _FAMILY_ID + family.label})
    return patterns


@cache
def nlp() -> Any:
    """The pipeline, built on first use and then shared by the whole process."""
    import spacy  # imported lazily: documents without recommendations never need it

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    ruler: Any = pipeline.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    ruler.add_patterns(ruler_patterns(bodies_patterns()))
    return pipeline


@cache
def _families() -> dict[str, BodyFamily]:
    return {family.label: family for family in bodies_patterns().families}


def family_canonical(family: BodyFamily, text: str) -> str:
    """`Probation Service – Wales region` -> name `Wales` -> the family's canonical format."""
    words = text.split()
    drop = {d.casefold() for d in family.drop}
    while words and words[0].casefold().strip(",") in drop:
        words.pop(0)
    while words and words[-1].casefold().strip(",") in drop:
        words.pop()
    name = collapse(" ".join(words)).strip(" ,")
    return family.canonical.replace("{name}", name) if name else collapse(text)


def bodies_in(text: str) -> list[Body]:
    """Every body named in the text, in order."""
    pipeline = nlp()
    doc = pipeline.get_pipe("entity_ruler")(pipeline.make_doc(text))
    families = _families()
    found: list[Body] = []
    for ent in doc.ents:
        ident = str(ent.ent_id_)
        label = str(ent.label_)
        span = str(ent.text)
        if ident.startswith(_FAMILY_ID) and label in families:
            canonical = family_canonical(families[label], span)
        else:
            canonical = ident or span
        found.append(Body(span, label, canonical, int(ent.start_char), int(ent.end_char)))
    return found


def find_body(text: str) -> Body | None:
    """The longest body named in the text (the lead-in's addressee), if any."""
    found = bodies_in(text)
    return max(found, key=lambda b: (b.end - b.start, -b.start)) if found else None


def sentences(text: str) -> list[tuple[int, str]]:
    """The text split into sentences: (start offset, sentence). Only the sentencizer runs."""
    pipeline = nlp()
    doc = pipeline.get_pipe("sentencizer")(pipeline.make_doc(text))
    return [(int(s.start_char), str(s.text).strip()) for s in doc.sents if str(s.text).strip()]
