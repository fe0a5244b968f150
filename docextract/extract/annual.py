"""Annual reports: the figures of the key-facts pages and the recommendation tallies of the
thematic inspections they summarise.

Keyed on words, not looks (patterns/annual.yaml):

- key facts lie between a "Key facts" heading and the next numbered chapter heading; a fact is
  a line that is only a figure ("234,827", "-13%", "£1.2 million") with its label on the next
  line(s), or a bullet that starts with a figure ("• 6 Thematic probation inspections");
- a thematic summary starts at "In July 2021, <publisher> published the … report", its title
  being the line(s) just before; it runs to the next summary or chapter heading. Its tally is
  read from the sentence that says how many recommendations the report "made" and the one after
  it ("– eight were agreed and six partly agreed", "(two for the Ministry of Justice and nine
  for HMPPS)").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from ..detect.classify import Detection
from ..model.codes import KEY_FACTS_NOT_FOUND
from ..model.record import AddresseeTally, KeyFact, KeyFactUnit, ParseWarning, ThematicSummary
from ..read.document import Document, Line
from ..read.normalize import collapse
from ..rules.patterns import annual_patterns, vocab
from ..rules.regexes import any_of, compiled
from . import addressees

_HEADING_BREAK = "\n\n"  # joins a heading to the next line in the summaries' text: a sentence ends there


@dataclass(frozen=True)
class _Compiled:
    kf_start: regex.Pattern[str]
    kf_end: regex.Pattern[str]
    figure: regex.Pattern[str]
    bullet: regex.Pattern[str]
    published: regex.Pattern[str]
    th_end: regex.Pattern[str]
    made: regex.Pattern[str]
    made_by: regex.Pattern[str]
    agreed: regex.Pattern[str]
    agreed_by: regex.Pattern[str]
    partly: regex.Pattern[str]
    not_agreed: regex.Pattern[str]
    item: regex.Pattern[str]
    words: dict[str, int]


@cache
def _compiled() -> _Compiled:
    rules = annual_patterns()
    words = {k.casefold(): v for k, v in vocab().words_between(rules.number_words.min, rules.number_words.max).items()}
    number = rules.number.replace("<NUMBER_WORDS>", any_of(words))

    def tpl(pattern: str) -> regex.Pattern[str]:
        return compiled(pattern.replace("<NUMBER>", f"(?:{number})"))

    th = rules.thematic
    kf = rules.key_facts
    return _Compiled(
        kf_start=compiled(kf.start),
        kf_end=compiled(kf.end),
        figure=compiled(kf.figure, regex.IGNORECASE),
        bullet=compiled(kf.bullet, regex.IGNORECASE),
        published=compiled(th.published),
        th_end=compiled(th.end),
        made=tpl(th.made),
        made_by=tpl(th.made_by),
        agreed=tpl(th.agreed),
        agreed_by=tpl(th.agreed_by),
        partly=tpl(th.partly),
        not_agreed=tpl(th.not_agreed),
        item=tpl(th.agreed_item),
        words=words,
    )


def _int(text: str) -> int:
    return int(text) if text.isdigit() else _compiled().words[text.casefold()]


# --- the lines of the body ----------------------------------------------------------------


def _body(doc: Document, detection: Detection) -> list[Line]:
    return [line for line in doc.lines() if line.text.strip() and not detection.is_furniture(line)]


def _margins(doc: Document, lines: Sequence[Line]) -> dict[int, float]:
    right: dict[int, float] = {}
    for line in lines:
        if line.bbox is not None:
            right[line.page] = max(right.get(line.page, 0.0), line.bbox[2])
    return right


def _wraps(line: Line, margins: dict[int, float]) -> bool:
    """Whether the line runs on to the next (PDF: it reaches the right margin; text: never)."""
    if line.bbox is None or line.page not in margins:
        return False
    rules = annual_patterns().key_facts
    return line.bbox[2] >= rules.wrap_share * margins[line.page] and not line.text.rstrip().endswith(
        tuple(rules.label_ends)
    )


# --- key facts --------------------------------------------------------------------------------


def _value(match: regex.Match[str]) -> tuple[float, KeyFactUnit]:
    rules = annual_patterns().key_facts
    number = float(match["number"].replace(rules.thousands, ""))
    scale = (match["scale"] or "").casefold()
    number *= rules.scales.get(scale, 1.0)
    if match["sign"] in rules.negative:
        number = -number
    unit: KeyFactUnit = "%" if match["percent"] else ("currency" if match["currency"] else "count")
    return (int(number) if number.is_integer() else number), unit


def key_fact_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines of the key-facts pages: after the 'Key facts' heading, to the next chapter heading."""
    rx = _compiled()
    start = next((i for i, line in enumerate(lines) if rx.kf_start.match(line.text.strip())), None)
    if start is None:
        return []
    end = next(
        (i for i in range(start + 1, len(lines)) if rx.kf_end.match(lines[i].text.strip())),
        len(lines),
    )
    return list(lines[start + 1 : end])


def extract_key_facts(doc: Document, detection: Detection) -> list[KeyFact]:
    """Every figure of the key-facts pages with its label, value, unit, page and box."""
    rx = _compiled()
    lines = key_fact_lines(_body(doc, detection))
    margins = _margins(doc, lines)
    limit = annual_patterns().key_facts.max_label_lines
    bullet_mark = compiled(annual_patterns().key_facts.bullet_mark)
    facts: list[KeyFact] = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        bullet = rx.bullet.match(text)
        if bullet:
            value, unit = _value(bullet)
            as_printed = text[bullet.start("number") - (1 if bullet["sign"] else 0) : bullet.start("label")].strip()
            as_printed = bullet_mark.sub("", as_printed)
            facts.append(
                KeyFact(label=collapse(bullet["label"]), value=value, unit=unit, as_printed=as_printed,
                        page=line.page, bbox=line.box)
            )
            continue
        figure = rx.figure.match(text)
        if not figure:
            continue
        label: list[Line] = []
        for following in lines[index + 1 : index + 1 + limit]:
            ftext = following.text.strip()
            if rx.figure.match(ftext) or rx.bullet.match(ftext) or bullet_mark.match(ftext):
                break
            label.append(following)
            if not _wraps(following, margins):
                break
        if not label:
            continue
        value, unit = _value(figure)
        facts.append(
            KeyFact(label=collapse(" ".join(part.text for part in label)), value=value, unit=unit,
                    as_printed=text, page=line.page, bbox=line.box)
        )
    return facts


# --- thematic summaries ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    text: str
    line: Line


def _sentences(lines: Sequence[Line]) -> list[_Sentence]:
    """The lines joined into text and cut into sentences, each with the line it starts on."""
    text = ""
    starts: list[tuple[int, Line]] = []
    for index, line in enumerate(lines):
        if text:
            text += _HEADING_BREAK if _heading(line, lines[index - 1]) else " "
        starts.append((len(text), line))
        text += line.text.strip()
    out: list[_Sentence] = []
    offset = 0
    sentence_end = compiled(annual_patterns().sentences.sentence_end)
    for piece in (p for chunk in text.split(_HEADING_BREAK) for p in sentence_end.split(chunk)):
        if not piece.strip():
            continue
        at = text.index(piece, offset)
        offset = at + len(piece)
        line = next(ln for start, ln in reversed(starts) if start <= at)
        out.append(_Sentence(piece, line))
    return out


def _heading(line: Line, previous: Line) -> bool:
    """Whether `previous` is a heading of its own: short, without closing punctuation, and followed
    by a line starting a sentence."""
    before = previous.text.strip()
    rules = annual_patterns().sentences
    return (
        len(before.split()) <= rules.heading_words
        and not before.endswith(tuple(rules.heading_not_ending))
        and line.text.strip()[:1].isupper()
    )


def _title(lines: Sequence[Line], index: int, floor: int) -> tuple[str, Line] | None:
    """The title printed just before a summary's 'published' line: that line, and those before
    it while the later one starts in lower case (a wrapped title)."""
    first = index - 1
    if first < floor:
        return None
    most = annual_patterns().thematic.title_lines
    while first - 1 >= floor and index - first < most and lines[first].text[:1].islower():
        first -= 1
    parts = lines[first:index]
    if parts[0].text.rstrip().endswith(tuple(annual_patterns().thematic.title_not_ending)):
        return None
    return collapse(" ".join(p.text for p in parts)), parts[0]


def _canonical(name: str) -> str:
    body = addressees.find_body(name)
    return body.canonical if body is not None else collapse(name)


def _by_addressee(made_sentence: str, following: Sequence[str]) -> list[AddresseeTally]:
    rx = _compiled()
    tallies: dict[str, AddresseeTally] = {}
    for match in rx.made_by.finditer(made_sentence):
        name = _canonical(match["body"])
        tallies[name] = AddresseeTally(addressee=name, made=_int(match["n"]))
    for sentence in following:
        for match in rx.agreed_by.finditer(sentence):
            for part in regex.split(annual_patterns().thematic.list_separator, match["list"].strip()):
                item = rx.item.match(part.strip())
                if not item:
                    continue
                name = _canonical(item["body"])
                current = tallies.get(name) or AddresseeTally(addressee=name)
                amount = current.made if item["n"].casefold() in annual_patterns().thematic.every else _int(item["n"])
                tallies[name] = current.model_copy(update={"agreed": amount})
    return list(tallies.values())


def _tally(sentences: Sequence[_Sentence], title: str, title_line: Line) -> ThematicSummary:
    rx = _compiled()
    for index, sentence in enumerate(sentences):
        made = rx.made.search(sentence.text)
        if not made:
            continue
        window = [s.text for s in sentences[index : index + 2]]
        joined = " ".join(window)

        def first(pattern: regex.Pattern[str], joined: str = joined) -> int | None:
            found = pattern.search(joined)
            return _int(found["n"]) if found else None

        by = _by_addressee(sentence.text, window)
        agreed = first(rx.agreed)
        if agreed is None and by and all(t.agreed is not None for t in by):
            agreed = sum(t.agreed or 0 for t in by)
        partly, refused = first(rx.partly), first(rx.not_agreed)
        used = [sentence.text] + [
            s for s in window[1:] if any(p.search(s) for p in (rx.agreed, rx.agreed_by, rx.partly, rx.not_agreed))
        ]
        return ThematicSummary(
            title=title,
            made=_int(made["n"]),
            agreed=agreed,
            partly_agreed=partly,
            not_agreed=refused,
            by_addressee=by,
            sentence=collapse(" ".join(used)),
            page=sentence.line.page,
            bbox=sentence.line.box,
            title_page=title_line.page,
        )
    return ThematicSummary(title=title, page=title_line.page, bbox=title_line.box, title_page=title_line.page)


def extract_thematic_summaries(doc: Document, detection: Detection) -> list[ThematicSummary]:
    """One summary per thematic inspection the annual report describes, in order."""
    rx = _compiled()
    lines = _body(doc, detection)
    joined = [line.text.strip() + " " + (lines[i + 1].text.strip() if i + 1 < len(lines) else "")
              for i, line in enumerate(lines)]
    starts = [i for i, text in enumerate(joined) if rx.published.match(text)]
    summaries: list[ThematicSummary] = []
    for n, start in enumerate(starts):
        floor = starts[n - 1] + 1 if n else 0
        found = _title(lines, start, floor)
        if found is None:
            continue
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        end = next((i for i in range(start + 1, stop) if rx.th_end.match(lines[i].text.strip())), stop)
        title, title_line = found
        body = [line for line in lines[start:end] if not _is_footnote_text(line)]
        summaries.append(_tally(_sentences(body), title, title_line))
    return summaries


def _is_footnote_text(line: Line) -> bool:
    """A footnote marker alone on its line (the footnote's text is kept: it never states a tally)."""
    return line.text.strip().isdigit()


def extract_annual(
    doc: Document, detection: Detection
) -> tuple[tuple[list[KeyFact], list[ThematicSummary]], list[ParseWarning]]:
    """The key facts and thematic summaries of an annual report (empty for other kinds), and a
    `key_facts_not_found` warning when an annual report has no key-facts pages."""
    if detection.kind != "annual_report":
        return ([], []), []
    facts = extract_key_facts(doc, detection)
    warnings = [] if facts else [ParseWarning(code=KEY_FACTS_NOT_FOUND, message="no key-facts pages were found")]
    return (facts, extract_thematic_summaries(doc, detection)), warnings
