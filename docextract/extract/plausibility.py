"""Never a wrong value: plausibility rules and the provenance check (issue 11, part 3).

The rules are data (`patterns/plausibility.yaml`, with the frameworks of
`patterns/frameworks.yaml`); the functions here are pure and say why a value read
cannot be right, or return None/[] when it can:

- `score_problem`: the maximum is the framework's (3 × its counted standards), the score
  is 0 to the maximum;
- `percent_problem`: percentages are 0-100;
- `standard_code_problem` / `key_question_code_problem`: a standard's code belongs to
  the framework, a key question's code to its standard;
- `unit_name_problem`: a unit name holds no field label, date, score or rating word;
- `key_question_set_problems`: one standard has one set of key questions;
- `Provenance.found`: a value's text is on its page's plain text (its words, in order).

The extraction steps call them on what they read, try the other reading path when a
rule is broken, and refuse what still breaks one: the field is null (or the item left
out) with an `implausible_value` warning built by `refusal`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from ..model.codes import IMPLAUSIBLE_VALUE
from ..model.record import ParseWarning
from ..read.document import Document
from ..read.normalize import compact
from ..rules.patterns import plausibility_rules
from ..rules.regexes import compiled

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ..rules.patterns import Framework, PlausibilityRules

IMPLAUSIBLE = IMPLAUSIBLE_VALUE


def rules() -> PlausibilityRules:
    """The plausibility rules of patterns/plausibility.yaml."""
    return plausibility_rules()


class Refusal(NamedTuple):
    """A value read and refused: what (`field`), as read (`read`), where (`page`), why (`reason`)."""

    field: str
    read: str
    page: int | None
    reason: str

    def warning(self, confirmed: bool) -> ParseWarning:
        """The `implausible_value` warning of this refusal (`confirmed`: every reading path read the same)."""
        return refusal(self.field, self.read, self.page, self.reason, confirmed)


def refusal(field_name: str, read: str, page: int | None, reason: str, confirmed: bool = False) -> ParseWarning:
    """The `implausible_value` warning for a refused value: what was read, where and why.
    `confirmed`: every reading path read the same (the page prints it: a misprint, not a misreading)."""
    where = f" on page {page}" if page is not None else ""
    how = " (every reading path read the same)" if confirmed else ""
    return ParseWarning(
        code=IMPLAUSIBLE,
        message=f"{field_name}: read '{read}'{where}{how}, refused: {reason}",
        page=page,
        field=field_name,
        read=read,
        confirmed=confirmed,
    )


# --- scores and percentages ----------------------------------------------------------------


def framework_maximum(framework: Framework) -> int:
    """The framework's maximum score: points per standard × its counted standards. The count is
    the framework's `max_score` / points (frameworks.yaml keeps both; tests check they agree)."""
    return framework.max_score


def counted_standards(framework: Framework, variant: str | None = None) -> int:
    """Distinct codes of the framework's counted standards (of one variant, e.g. 'nps')."""
    return len({r.code for r in framework.standards if r.counted and r.variant in (None, variant)})


def score_problems(
    score: int | None, max_score: int | None, framework: Framework | None, not_rated: int = 0
) -> list[tuple[str, str]]:
    """Why a printed score cannot be right: [('max_score' | 'score', reason)], empty when it can.

    The maximum is the framework's (3 × its counted standards; without a framework, a multiple
    of 3), or, with `not_rated` counted standards printed 'Not rated', that less 3 × their number
    (they drop out, rating-rules §2); the score is 0 to the maximum (the framework's when the
    printed one is refused or absent)."""
    points = rules().scores.points_per_standard
    out: list[tuple[str, str]] = []
    top = max_score
    allowed = {framework_maximum(framework), framework_maximum(framework) - points * not_rated} if framework else set()
    if max_score is not None and framework is not None and max_score not in allowed:
        standards = framework_maximum(framework) // points
        out.append(
            ("max_score", f"the maximum score of this framework is {framework_maximum(framework)} "
             f"({points} × {standards} counted standards), not {max_score}")
        )  # fmt: skip
        top = framework_maximum(framework)
    elif max_score is not None and (max_score <= 0 or max_score % points):
        out.append(("max_score", f"a maximum score is {points} × the number of standards; {max_score} is not"))
        top = None
    if top is None and framework is not None:
        top = framework_maximum(framework)
    if score is not None and (score < 0 or (top is not None and score > top)):
        out.append(("score", f"a score is between 0 and its maximum, {top}"))
    return out


def percent_problem(percent: int | None) -> str | None:
    """Why a percentage cannot be right (outside 0-100), or None."""
    bounds = rules().percent
    if percent is None or bounds.min <= percent <= bounds.max:
        return None
    return f"a percentage is between {bounds.min} and {bounds.max}"


# --- codes --------------------------------------------------------------------------------------


def standard_code_problem(code: str, framework: Framework | None) -> str | None:
    """Why a standard's code cannot be one of the framework's, or None (always None without one)."""
    if framework is None:
        return None
    codes = sorted({rule.code for rule in framework.standards})
    if code in codes:
        return None
    return f"standard {code} is not one of the framework's ({', '.join(codes)})"


def key_question_code_problem(code: str | None, standard: str | None) -> str | None:
    """Why a key question's code ('2.1.3') cannot belong to its standard ('2.1'), or None."""
    if code is None or standard is None or not rules().key_questions.code_of_standard:
        return None
    if code.startswith(standard + "."):
        return None
    return f"key question {code} does not belong to standard {standard}"


def key_question_count_problem(standard: str, limit: int, kept: int, pages: str) -> str:
    """Why questions read after a standard's own (in a later table, or on a later page of its table)
    are not more key questions of `standard` ('2.5 Reviewing'): the framework gives it at most
    `limit` (patterns/frameworks.yaml `key_questions`), `kept` were read before them (on `pages`)
    and they are none of them."""
    where = f" on page {pages}" if pages and "," not in pages else f" on pages {pages}" if pages else ""
    return (
        f"standard {standard} has at most {limit} key questions in this framework; {kept} were read{where} and "
        "what was read here, printed after them (in a later table or on a later page), is none of them (prompts "
        "whose key question, or the heading of another standard, is on a page missing or unreadable, or a key "
        "question printed again in other words)"
    )


def key_question_numbered_problem(standard: str, codes: Sequence[str | None], pages: str) -> str:
    """Why questions printed without a code after a standard's numbered ones (in a later table, or on
    a later page of its table) are not more key questions of `standard` ('3.2 Statutory victim
    work'), whose key questions were read numbered (`codes`, on `pages`): a report numbering its key
    questions numbers each (plausibility.yaml `key_questions.numbered_set`)."""
    shown = ", ".join(code for code in codes if code)
    where = f" on page {pages}" if pages and "," not in pages else f" on pages {pages}" if pages else ""
    return (
        f"standard {standard}'s key questions are printed numbered ({shown}{where}) and what was read here, "
        "printed after them without a number (in a later table or on a later page), is none of them (prompts "
        "whose key question is on a page missing or unreadable, or a key question printed again in other words)"
    )


def key_question_text_problem(text: str, percent: int | None) -> str | None:
    """Why a key question's text cannot be one: it holds a value column's header word or starts in
    lower case, or, with no `percent` read, it holds a percentage (plausibility.yaml
    `key_questions.forbidden_text`, `forbidden_text_without_value`). None when it can be."""
    checks = _named("key_questions", "forbidden_text")
    if percent is None:
        checks += _named("key_questions", "forbidden_text_without_value")
    for label, pattern in checks:
        match = pattern.search(text)
        if match:
            kind = label.removeprefix("a ").removeprefix("an ")
            return f"a key question's text holds no {kind} ('{match.group(0).strip() or text[:1]}')"
    return None


# --- unit names ----------------------------------------------------------------------------------


def unit_name_problem(name: str | None) -> str | None:
    """Why a unit name cannot be one: it holds a field label, a date, a score or a rating word,
    or is longer than any unit name. None when it can be."""
    if not name:
        return None
    spec = rules().unit_name
    if len(name.split()) > spec.max_words:
        return f"a unit name has at most {spec.max_words} words"
    for forbidden in _named("unit_name", "forbidden"):
        match = forbidden[1].search(name)
        if match:
            return f"a unit name holds no {forbidden[0].removeprefix('a ').removeprefix('an ')} ('{match.group(0)}')"
    return None


def standard_name_problem(name: str | None) -> str | None:
    """Why a standard's name cannot be one: it holds a rating word (a rating column read into the
    name; plausibility.yaml `standard_name`). None when it can be."""
    if not name:
        return None
    for label, pattern in _named("standard_name", "forbidden"):
        match = pattern.search(name)
        if match:
            return f"a standard's name holds no {label.removeprefix('a ').removeprefix('an ')} ('{match.group(0)}')"
    return None


@cache
def _named(section: str, name: str) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """The (name, compiled pattern) pairs of plausibility.yaml's list `section.name`."""
    return tuple((item.name, compiled(item.pattern)) for item in getattr(getattr(rules(), section), name))


# --- key-question sets ------------------------------------------------------------------------


@cache
def _subject() -> regex.Pattern[str]:
    return compiled(rules().key_questions.subject)


def question_subject(text: str, keywords: dict[str, str]) -> str | None:
    """The standard a question names by its opening words ('Does planning focus …' -> '2.2'), or None."""
    match = _subject().match(text)
    if match is None:
        return None
    return keywords.get(compact(match.group("subject")))


def key_question_set_problems(
    standard: str, questions: Sequence[tuple[str | None, str]], keywords: dict[str, str]
) -> list[str]:
    """Why (code, text) questions cannot all be one standard's set: a code or question twice,
    or a question that opens with another case-based standard's name. Empty when they can."""
    problems: list[str] = []
    codes = [code for code, _ in questions if code]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        problems.append(f"key question {', '.join(repeated)} printed twice under standard {standard}")
    texts = [compact(text) for _, text in questions]
    if len(set(texts)) < len(texts):
        problems.append(f"a key question appears twice under standard {standard}")
    others = {s for _, text in questions if (s := question_subject(text, keywords)) not in (None, standard)}
    others |= {s for _, text in questions for s in _names_only_others(text, standard, keywords)}
    if others:
        problems.append(f"questions of standard {', '.join(sorted(others))} are under standard {standard}")
    return problems


# A question names a standard by a word opening with the first letters of its keyword ("implemented",
# "implementation"; "reviewed", "reviewing"), among its opening words (the question's subject: "Is the
# sentence implemented …"; a later word is its object: "… reflected in release planning?").
_STEM = 5
_OPENING = 4


def _names_only_others(text: str, standard: str, keywords: dict[str, str]) -> set[str]:
    """The other case-based standards a question names in its opening words, when it names none of its
    own standard's, of its own domain ("Is the sentence implemented effectively …" under 2.2 Planning:
    {'2.3'}); empty when it names its own or none (fresh-user tester round 5: a two-column page read row by row put
    2.3's questions under 2.2)."""
    stems = {word[:_STEM]: code for word, code in keywords.items()}
    opening = words(text)[:_OPENING]
    named = {code for word in opening for stem, code in stems.items() if word.startswith(stem)}
    domain = standard.split(".")[0]
    # only the standards of its own domain (2.1-2.4: the stages of one case): a later domain's standard
    # may ask about a stage ("Does resettlement planning address …" under 3.2 Through the Gate)
    return set() if standard in named else {code for code in named if code.split(".")[0] == domain}


# --- provenance --------------------------------------------------------------------------------

_WORD = compiled(r"[\p{L}\p{N}]+")


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits) of a text, punctuation dropped."""
    return [w.casefold() for w in _WORD.findall(text)]


@dataclass
class Provenance:
    """Checks that a value's text is printed on its page: the page's plain text (the cheap
    pass for PDFs, the lines for text files), read once per page; for a PDF, also the page's
    layout rows (footnote markers told apart by font size and baseline)."""

    doc: Document
    _words: dict[int, list[str]] = field(default_factory=dict)
    _compact: dict[int, str] = field(default_factory=dict)
    _layout: dict[int, list[str]] = field(default_factory=dict)

    def _page_words(self, number: int) -> list[str]:
        """The words of the page's plain text (only when its compact text did not settle it)."""
        if number not in self._words:
            self._words[number] = words(self.doc.page(number).text)
        return self._words[number]

    def _page_compact(self, number: int) -> str:
        if number not in self._compact:
            self._compact[number] = compact(self.doc.page(number).text)
        return self._compact[number]

    def _layout_words(self, number: int) -> list[str]:
        """The words of the page's layout rows (PDF only): the plain text glues a footnote marker
        printed with no space to the word before it ("8/21" and a raised "1" read "8/211"); the
        layout tells it apart by font size and baseline and leaves it out of a row's text."""
        if number not in self._layout:
            self._layout[number] = words("\n".join(row.text for row in self.doc.layout_rows(number)))
        return self._layout[number]

    def printed_as(self, text: str, page: int) -> str | None:
        """What the page's plain text prints in place of `text` when `text` is not found whole: its
        first piece of text starting `text` and running on ("8/211" for "8/21", a footnote marker
        glued to it), or None. For a refusal's reason: it says what was read."""
        if not 1 <= page <= self.doc.page_count or not text:
            return None
        return next((piece for piece in self.doc.page(page).text.split() if piece.startswith(text) and piece != text),
                    None)

    def found(self, text: str, page: int | None, pages_after: int = 0) -> bool:
        """Whether `text` is on `page` (or up to `pages_after` pages later, for text running over a
        page break): its words in order, at most `max_gap_words` other words between two of them,
        or its compact form (letters and digits) as one piece. True when there is no page to check."""
        if page is None or not 1 <= page <= self.doc.page_count:
            return True
        wanted = words(text)
        if not wanted:
            return True
        last = min(self.doc.page_count, page + pages_after)
        if not any(ch.isdigit() for ch in text):
            joined = "".join(self._page_compact(number) for number in range(page, last + 1))
            if compact(text) in joined:
                return True  # words run together or broken apart by extraction; numbers only whole
        page_words = [word for number in range(page, last + 1) for word in self._page_words(number)]
        gap = rules().provenance.max_gap_words
        if in_order(wanted, page_words, gap) or in_order(wanted, self._layout_words(page), gap):
            return True
        if last == page:
            return False
        # a text cut by the page break (a table row split over two pages): its first words on `page`,
        # the rest from the next page on (the page foot and running header between them skipped)
        first = self._page_words(page)
        return any(
            in_order(wanted[:cut], first, gap) and self.found(" ".join(wanted[cut:]), page + 1, last - page - 1)
            for cut in range(1, len(wanted))
        )


def in_order(wanted: Sequence[str], page_words: Sequence[str], max_gap: int) -> bool:
    """Whether `wanted` occurs in `page_words` in order, each word at most `max_gap` words after
    the previous one (words broken apart by extraction, e.g. 'improvem ent', are joined back)."""
    if not wanted:
        return True
    for start, word in enumerate(page_words):
        if not word or not wanted[0].startswith(word):
            continue
        if _match_from(wanted, page_words, start, max_gap):
            return True
    return False


def _match_from(wanted: Sequence[str], page_words: Sequence[str], start: int, max_gap: int) -> bool:
    position = start
    for target in wanted:
        found = False
        for candidate in range(position, min(len(page_words), position + max_gap + 1)):
            end = _spell(target, page_words, candidate)
            if end is not None:
                position, found = end, True
                break
        if not found:
            return False
    return True


def _spell(target: str, page_words: Sequence[str], index: int) -> int | None:
    """The index after the page words from `index` that spell `target` whole (one word, or a
    word broken into pieces), or None."""
    text = ""
    for position in range(index, min(len(page_words), index + 4)):
        text += page_words[position]
        if text == target:
            return position + 1
        if not target.startswith(text):
            return None
    return None
