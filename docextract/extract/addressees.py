"""Addressee bodies and sentences: a small spaCy pipeline, built once per process.

`spacy.blank("en")` with a `sentencizer` and an `entity_ruler` fed from
`patterns/bodies.yaml`: fixed bodies (HMPPS, the Ministry of Justice …) as phrase patterns
with their canonical name as the entity id, and open-ended families (PDUs, Probation
Service regions, NPS divisions, CRCs) as token patterns whose canonical name is built
from the matched text. spaCy is imported on first use only, and only ever run on the few
lines and sentences that need it (lead-ins, count and progress sentences).

Importing spaCy and building the pipeline costs about a second, so the plain cases are
resolved without it, giving exactly what the pipeline would give (tests/unit/extract/test_addressees_fast.py
checks this against spaCy): a lead-in that is, as a whole, one of the fixed names or a family
pattern over plain words (`resolve_body`), and a passage whose only sentence ends are a full
stop, '!' or '?' after a plain lower-case word and before a single space and a capital
(`split_sentences`). Anything else (abbreviations, numbers with points, hyphenated or
apostrophised names, a name inside a longer text) goes to spaCy. What the tokenizer and
sentencizer do with plain text is data (patterns/tokenizer.yaml).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import regex

from ..read.normalize import collapse
from ..rules.patterns import bodies_patterns, tokenizer_patterns
from ..rules.regexes import compiled

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ..rules.patterns import BodiesPatterns, BodyFamily

_FAMILY_ID = "family:"


class Body(NamedTuple):
    """A body recognised in a piece of text."""

    text: str
    label: str
    canonical: str
    start: int
    end: int


def expand(pattern: list[str | dict[str, Any]]) -> list[dict[str, Any]]:
    """A family's token pattern with the NAME placeholder spelled out (bodies.yaml `name_tokens`)."""
    name_tokens = bodies_patterns().name_tokens
    tokens: list[dict[str, Any]] = []
    for token in pattern:
        if token == "NAME":
            tokens.extend(dict(t) for t in name_tokens)
        elif isinstance(token, dict):
            tokens.append(dict(token))
    return tokens


def ruler_patterns(rules: BodiesPatterns) -> list[dict[str, Any]]:
    """The entity ruler's patterns from patterns/bodies.yaml: every fixed body's names and every family's token
    patterns."""
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


# --- without spaCy: the cases patterns resolve exactly ------------------------------------------

def _tokens(text: str) -> list[str] | None:
    """The text's spaCy tokens, when it is made only of plain pieces (tokenizer.yaml `plain_piece`:
    a word, perhaps with a possessive and a comma split off) separated by single spaces."""
    if not text or text != text.strip() or "  " in text:
        return None
    rules = tokenizer_patterns()
    plain = compiled(rules.plain_piece)
    tokens: list[str] = []
    for piece in text.split(" "):
        if not plain.match(piece):
            return None
        comma = len(piece) > 1 and piece.endswith(rules.comma)
        word = piece[: -len(rules.comma)] if comma else piece
        possessive = len(rules.possessive)
        tokens += [word[:-possessive], word[-possessive:]] if word.endswith(rules.possessive) else [word]
        if comma:
            tokens.append(rules.comma)
    return tokens


def _token_matches(spec: dict[str, Any], token: str) -> bool | None:
    """Whether one token spec matches; None when the spec uses a key this matcher does not know."""
    for key, want in spec.items():
        if key == "OP":
            continue
        if key not in ("LOWER", "TEXT"):
            return None
        value = token.lower() if key == "LOWER" else token
        if isinstance(want, str):
            if value != want:
                return False
        elif isinstance(want, dict) and want and set(want) <= {"REGEX", "IN"}:
            if "REGEX" in want and not _token_regex(str(want["REGEX"])).search(value):
                return False
            if "IN" in want and value not in want["IN"]:
                return False
        else:
            return None
    return True


@cache
def _token_regex(pattern: str) -> re.Pattern[str]:
    """A token spec's REGEX, compiled once (as spaCy's matcher uses it: `re.search`)."""
    return re.compile(pattern)


@cache
def _family_patterns() -> tuple[tuple[BodyFamily, tuple[list[dict[str, Any]], ...]], ...]:
    """Each family of patterns/bodies.yaml with its token patterns expanded (`expand`), once."""
    return tuple((family, tuple(expand(p) for p in family.patterns)) for family in bodies_patterns().families)


def _full_match(pattern: list[dict[str, Any]], tokens: list[str]) -> bool | None:
    """Whether the token pattern matches all of `tokens` (None: pattern not understood)."""
    unknown = False

    def match(p: int, t: int) -> bool:
        nonlocal unknown
        if p == len(pattern):
            return t == len(tokens)
        spec = pattern[p]
        op = spec.get("OP")
        if op not in (None, "?", "*"):
            unknown = True
            return False
        if op in ("?", "*") and match(p + 1, t):
            return True
        if t == len(tokens):
            return False
        ok = _token_matches(spec, tokens[t])
        if ok is None:
            unknown = True
            return False
        if not ok:
            return False
        return match(p if op == "*" else p + 1, t + 1)

    found = match(0, 0)
    return None if unknown and not found else found


@cache
def _fixed_names() -> dict[str, tuple[str, str]]:
    """Lower-cased fixed name or variant -> (label, canonical)."""
    names: dict[str, tuple[str, str]] = {}
    for body in bodies_patterns().bodies:
        for variant in (body.canonical, *body.variants):
            names[variant.lower()] = (body.label, body.canonical)
    return names


@lru_cache(maxsize=1 << 10)
def resolve_body(text: str) -> Body | Literal[False]:
    """The body the pipeline would find when `text` as a whole is one plain name; False when
    patterns cannot say (spaCy must decide). Kept for the last 1,024 texts asked (a pure function
    of the text and bodies.yaml, loaded once a process): a report's recommendations name the same
    few bodies again and again (372 asks, 180 texts, over the 60 producer fixtures one by one)."""
    tokens = _tokens(text)
    if tokens is None:
        return False
    found: list[Body] = []
    fixed = _fixed_names().get(text.lower())
    if fixed is not None:
        found.append(Body(text, fixed[0], fixed[1], 0, len(text)))
    for family, patterns in _family_patterns():
        for pattern in patterns:
            matched = _full_match(pattern, tokens)
            if matched is None:
                return False
            if matched:
                found.append(Body(text, family.label, family_canonical(family, text), 0, len(text)))
                break
    if len(found) == 1:
        return found[0]
    return False  # nothing covers the whole text (a name inside it?), or a tie: spaCy decides


class _Sentences(NamedTuple):
    """patterns/tokenizer.yaml's sentence rules, ready to apply."""

    marks: str
    plain_end: regex.Pattern[str]
    abbreviations: frozenset[str]
    kept_lower: int
    kept_upper: int
    other_marks: frozenset[str]


@cache
def _sentence_rules() -> _Sentences:
    rules = tokenizer_patterns()
    return _Sentences(
        marks=rules.sentence_marks,
        plain_end=compiled(rules.plain_end),
        abbreviations=frozenset(rules.abbreviations),
        kept_lower=rules.kept_lower,
        kept_upper=rules.kept_upper,
        other_marks=frozenset(rules.other_sentence_marks),
    )


def _splits_off(word: str) -> bool:
    """Whether the tokenizer separates a full stop from this word."""
    rules = _sentence_rules()
    if word.isdigit() or (word.isupper() and len(word) > rules.kept_upper):
        return True
    if len(word) <= rules.kept_lower and word.islower():
        return False  # "a." ... "z.", "vs." are kept whole
    return word not in rules.abbreviations


def _marks_in(text: str, marks: str) -> list[int]:
    """The offsets of every sentence mark in the text."""
    found: list[int] = []
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    return found


def split_sentences(text: str) -> list[tuple[int, str]] | None:
    """Sentences as the spaCy sentencizer gives them, or None when the text has a sentence
    mark that is not a plain end (spaCy must decide)."""
    rules = _sentence_rules()
    if any(not c.isascii() and c in rules.other_marks for c in text):
        return None
    # a plain end: the mark's offset -> where the next sentence starts
    ends = {m.start("mark"): m.end() for m in rules.plain_end.finditer(text) if _splits_off(m["word"])}
    body = text.rstrip().rstrip(rules.marks)  # marks ending the text start no sentence
    if any(at not in ends for at in _marks_in(body, rules.marks)):
        return None
    out: list[tuple[int, str]] = []
    starts = [0, *sorted(ends.values())]
    for start, stop in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[start:stop]
        if chunk.strip():  # the first sentence starts at 0, leading white space and all
            out.append((start, chunk.strip()))
    return out


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
    resolved = resolve_body(text)
    if resolved is not False:
        return resolved
    found = bodies_in(text)
    return max(found, key=lambda b: (b.end - b.start, -b.start)) if found else None


def names_several(text: str) -> bool:
    """Whether the text names more than one body ('Wakefield PDU and HM Prison and Probation
    Service'): two entities with different canonical names. A text that is, as a whole, one
    plain name (`resolve_body`) names one."""
    if resolve_body(text) is not False:
        return False
    return len({body.canonical for body in bodies_in(text)}) > 1


def sentences(text: str) -> list[tuple[int, str]]:
    """The text split into sentences: (start offset, sentence). Only the sentencizer runs, and
    only when the text has a sentence mark that is not a plain end."""
    plain = split_sentences(text)
    if plain is not None:
        return plain
    pipeline = nlp()
    doc = pipeline.get_pipe("sentencizer")(pipeline.make_doc(text))
    return [(int(s.start_char), str(s.text).strip()) for s in doc.sents if str(s.text).strip()]
