"""Detection: what kind of report this is, which rating framework it uses, and which
lines are page furniture (running headers, footers, page numbers).

Everything is decided from the document's words, never from its file name or looks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, cast

import regex

from ..model.codes import LITTLE_TEXT, UNKNOWN_DOCUMENT
from ..model.record import Kind, ParseWarning
from ..read.document import FOOTNOTES_SECTION, BoxTuple, Document, Line, Page
from ..read.fuzzy import as_rating, cells_before_code
from ..read.normalize import compact
from ..rules.patterns import detection_patterns, frameworks, ratings_patterns, vocab
from ..rules.regexes import compiled

if TYPE_CHECKING:  # the schema classes load only to validate a changed rule file
    from ..rules.patterns import Cue, KindCues

FRONT_LINES = 40
# placed furniture (`placed_furniture`): the share of a page's height at its top and at its foot
# where running headers and footers are looked for, and how far (pt) one line's height may move
_MARGIN_BAND = 0.12
_SAME_HEIGHT = 3.0
OPENING_PAGES = 3
OPENING_LINES = 200
_DIGIT = compiled(r"\d")


@dataclass(frozen=True)
class Detection:
    """What detection decided: the kind of publication, its framework (None if none), the page furniture, warnings."""

    kind: Kind
    framework: str | None
    furniture: frozenset[str]
    warnings: list[ParseWarning] = field(default_factory=list)
    # running lines printed with the page's number ("HM Inspectorate of Probation, May 2025 4"):
    # their words without the number (`running_furniture`)
    running: frozenset[str] = frozenset()
    # the pages printed right after a page missing or unreadable, each with why (`page_gaps`)
    gaps: dict[int, str] = field(default_factory=dict)
    # lines printed at the same height in a page's top or bottom margin on many pages, whatever
    # their place in reading order or their wrap (`placed_furniture`): (page, text) -> heights
    placed: Mapping[tuple[int, str], tuple[float, ...]] = field(default_factory=dict)

    def is_furniture(self, line: Line) -> bool:
        """Whether a line is page furniture: a running header or footer, or a page number."""
        return self.is_furniture_text(line.text) or self.is_placed(line)

    def is_placed(self, line: Line) -> bool:
        """Whether a line is one of a running header's or footer's lines found by their place
        (`placed_furniture`): the same text on its page at the height one was read at."""
        return is_placed(line, self.placed)

    def is_furniture_text(self, text: str) -> bool:
        """A running header or footer (with or without the page's number), or a page number."""
        return text in self.furniture or is_page_number(text) or is_running(text, self.running)


def is_placed(line: Line, placed: Mapping[tuple[int, str], tuple[float, ...]]) -> bool:
    """Whether `line` is one of the `placed` furniture lines (`placed_furniture`): its text on its
    page, its vertical centre within half a line (at least 3 pt) of where that line was read (a
    page's character layout boxes differ a little from the cheap pass's)."""
    heights = placed.get((line.page, line.text))
    if heights is None:
        return False
    if line.bbox is None:
        return True
    centre = (line.bbox[1] + line.bbox[3]) / 2
    slack = max(_SAME_HEIGHT, (line.bbox[3] - line.bbox[1]) / 2)
    return any(abs(centre - height) <= slack for height in heights)


def is_running(text: str, running: frozenset[str]) -> bool:
    """Whether `text` is one of the `running` lines (`running_furniture`) with a page number before
    or after its words (the words alone, as on the cover, are not)."""
    if not running:
        return False
    words = without_page_number(text)
    return words != text and words in running


def without_page_number(text: str) -> str:
    """`text` less a page number printed before or after its words ("HM Inspectorate of Probation,
    May 2025 4" -> "HM Inspectorate of Probation, May 2025"; patterns/detection.yaml `running_number`);
    `text` itself when it has none."""
    return str(_running_number().sub("", text)).strip()


@cache
def _running_number() -> regex.Pattern[str]:
    return compiled(detection_patterns().running_number)


def is_page_number(text: str) -> bool:
    """Whether `text` is a page number alone ('12', 'Page 12', '12 of 40', '12/40'; patterns/detection.yaml)."""
    return _page_number().match(text) is not None


@cache
def _page_number() -> regex.Pattern[str]:
    return compiled(detection_patterns().page_number)


def front_lines(doc: Document) -> list[Line]:
    """The cover: the first page's first lines (the first lines of a one-page text)."""
    return [line for page in doc.pages[:2] for line in page.lines][:FRONT_LINES]


def opening_lines(doc: Document) -> list[Line]:
    """The opening pages' first lines, where the publisher and the kind are printed."""
    return [line for page in doc.pages[:OPENING_PAGES] for line in page.lines][:OPENING_LINES]


def detect(doc: Document) -> Detection:
    """Whether this is an HM Inspectorate of Probation publication first (publisher cues, as data
    in patterns/detection.yaml), and only then its kind and framework. Anything not recognised is
    `unknown`, with no framework and a warning saying why."""
    furniture = find_furniture(doc)
    characters = sum(len(line.text) for line in doc.lines())
    little = detection_patterns().little_text_characters
    if characters < little:
        warning = ParseWarning(
            code=LITTLE_TEXT,
            message=f"only {characters} characters of text (a report has at least {little}): "
            "parsed as 'unknown', nothing extracted",
            field="*",
        )
        return Detection(kind="unknown", framework=None, furniture=furniture, warnings=[warning])
    found = publisher_cues(doc)
    author = other_author(doc)
    if not recognised(found) or (author is not None and "imprint" not in found):
        cues = ", ".join(sorted(found)) or "none"
        by = f"; a paper by another body, its front page reads '{author}'" if author is not None else ""
        warning = ParseWarning(
            code=UNKNOWN_DOCUMENT,
            message="not recognised as an HM Inspectorate of Probation publication (publisher cues found: "
            f"{cues}{by}): parsed as 'unknown', nothing extracted",
            field="*",
        )
        return Detection(kind="unknown", framework=None, furniture=furniture, warnings=[warning])
    framework = detect_framework(doc)
    kind = detect_kind(doc, framework)
    if kind == "unknown":
        warning = ParseWarning(
            code=UNKNOWN_DOCUMENT,
            message="an HM Inspectorate of Probation publication, but not of a kind docextract reads: "
            "parsed as 'unknown', nothing extracted",
            field="*",
        )
        return Detection(kind="unknown", framework=None, furniture=furniture, warnings=[warning])
    return Detection(
        kind=kind, framework=framework, furniture=furniture, running=running_furniture(doc), gaps=page_gaps(doc),
        placed=placed_furniture(doc),
    )


def publisher_cues(doc: Document) -> set[str]:
    """The groups of publisher cues found (`imprint`, `name`, `address`, `web`, `furniture`), in the
    opening pages and the last pages (a back cover): only in lines where a publication states its
    own identity, never in lines citing another work (`own_identity_lines`); the cover title counts
    only on the opening pages. Patterns: patterns/detection.yaml `publisher`."""
    cues = detection_patterns().publisher
    opening_pages = {page.number for page in doc.pages[: cues.opening_pages]}
    closing_pages = {page.number for page in doc.pages[max(cues.opening_pages, doc.page_count - cues.closing_pages) :]}
    own = own_identity_lines(doc, sorted(opening_pages | closing_pages))
    opening = [line for line in own if line.page in opening_pages][: cues.opening_lines]
    texts = [line.text for line in opening] + [line.text for line in own if line.page in closing_pages]
    found: set[str] = set()
    if any(_compiled(p).search(text) for p in cues.imprint for text in texts + _wrapped(own, opening_pages)):
        found.add("imprint")
    for group, patterns in cues.groups.items():
        if any(_compiled(p).search(text) for p in patterns for text in texts):
            found.add(group)
    if any(_compiled(p).search(line.text) for p in cues.cover_title for line in opening):
        found.add("furniture")
    return found


def _wrapped(lines: Sequence[Line], pages: set[int]) -> list[str]:
    """Each two consecutive lines of one page of `pages` joined: an imprint a narrow cover wraps
    ("HM Inspectorate of Probation, May" / "2025") is matched whole (the imprint patterns are
    anchored at both ends, so two lines holding more than it do not match)."""
    return [f"{a.text} {b.text}" for a, b in pairwise(lines) if a.page == b.page and a.page in pages]


def own_identity_lines(doc: Document, pages: Sequence[int] | None = None) -> list[Line]:
    """The document's lines (of `pages`, ascending; all by default) less those citing another work:
    the lines under a heading opening a list of cited works ("Background papers", "References",
    "Notes"...) to the end of its page (in a Word document: of its section; footnotes too), and
    lines that cite wherever they are (a year in brackets, a quoted report title, a numbered note
    naming the publisher). Whether a line cites depends on its own page or section only. A letter's
    addressee is not its publisher either (`addressee_lines`)."""
    cues = detection_patterns().publisher

    def heading(text: str | None) -> bool:
        return text is not None and any(_compiled(p).search(text.strip()) for p in cues.citation_headings)

    own: list[Line] = []
    citing_page: int | None = None
    lines = list(doc.lines(pages))
    addressee = addressee_lines([line.text for line in lines])
    for index, line in enumerate(lines):
        if index in addressee:
            continue
        section = line.place.section if line.place is not None else None
        if heading(line.text):
            citing_page = line.page
            continue
        in_section = section is not None and (heading(section) or section == FOOTNOTES_SECTION)
        citing = in_section if section is not None else citing_page == line.page
        if citing or any(_compiled(p).search(line.text) for p in cues.citation_lines):
            continue
        own.append(line)
    return own


def addressee_lines(texts: Sequence[str]) -> set[int]:
    """Indexes of the lines of `texts` naming a letter's addressee: from a line opening a recipient
    block ("To:") to the greeting ("Dear ..."), at most `recipient_lines` lines; and every line above
    a greeting addressing the inspectorate ("Dear Chief Inspector": a letter written TO it, whose
    letterhead is someone else's). Patterns: patterns/detection.yaml `publisher`."""
    cues = detection_patterns().publisher

    def matches(patterns: list[str], text: str) -> bool:
        return any(_compiled(p).search(text.strip()) for p in patterns)

    greetings = [i for i, text in enumerate(texts) if matches(cues.greeting, text)]
    to_inspectorate = [i for i in greetings if matches(cues.greeting_to_inspectorate, texts[i])]
    found: set[int] = set(range(to_inspectorate[-1] + 1)) if to_inspectorate else set()
    for start, text in enumerate(texts):
        if not matches(cues.recipient_start, text):
            continue
        end = next((i for i in greetings if i > start), len(texts))
        if end - start <= cues.recipient_lines:
            found.update(range(start, end + 1))
    return found


def other_author(doc: Document) -> str | None:
    """The front-page line stating another body as the document's author (a committee meeting, an
    agenda item, "Report of the Director of ..."), or None. In such a paper the inspectorate's name
    and address are mentions by someone else: only its imprint makes it the inspectorate's
    publication (`detect`). Patterns: patterns/detection.yaml `publisher.other_author`."""
    cues = detection_patterns().publisher
    pages = [page.number for page in doc.pages[:1]]
    for line in own_identity_lines(doc, pages)[: cues.other_author_lines]:
        if any(_compiled(p).search(line.text.strip()) for p in cues.other_author):
            return line.text.strip()
    return None


def recognised(found: set[str]) -> bool:
    """A publisher imprint alone, or cues of at least `min_groups` groups."""
    return "imprint" in found or len(found) >= detection_patterns().publisher.min_groups


@cache
def _compiled(pattern: str) -> regex.Pattern[str]:
    return compiled(pattern)


def find_furniture(doc: Document) -> frozenset[str]:
    """Lines repeated at the top or bottom of many pages: running headers and footers."""
    if doc.page_count < 3:
        return frozenset()
    counts: Counter[str] = Counter()
    for page in doc.pages:
        counts.update(_edge_texts(page))
    threshold = _furniture_threshold(doc)
    return frozenset(text for text, n in counts.items() if n >= threshold and len(text) < 120)


def running_furniture(doc: Document) -> frozenset[str]:
    """The words of running headers and footers printed with the page's number: lines at the top
    or bottom of many pages that are the same words once a page number before or after them is
    left out ("HM Inspectorate of Probation, May 2025 3", "... 4"), whatever the words (the
    imprint, the unit's name, a title). Only lines that carry a number are counted: the words
    alone elsewhere (the imprint on the cover) stay in the reading flow."""
    if doc.page_count < 3:
        return frozenset()
    counts: Counter[str] = Counter()
    for page in doc.pages:
        keys = {without_page_number(text) for text in _edge_texts(page)}
        counts.update(key for key in keys if key and key not in _edge_texts(page))
    threshold = _furniture_threshold(doc)
    return frozenset(key for key, n in counts.items() if n >= threshold and 4 <= len(key) < 120)


def placed_furniture(doc: Document) -> dict[tuple[int, str], tuple[float, ...]]:
    """Running headers and footers found by their place: lines in a page's top or bottom margin
    band (`_MARGIN_BAND` of its height) whose words, less a page number before or after them, are
    printed at the same height (within `_SAME_HEIGHT` pt) on a third of the pages (at least three),
    wherever they fall in reading order and however the running text wraps (each of a two-line
    header's lines repeats at its own height). (page, text) -> the vertical centres read there.
    Only PDF pages with a size and line boxes are looked at; the same words elsewhere on a page
    (the cover's title, its imprint) are not at that place and stay."""
    if doc.page_count < 3:
        return {}
    seen: dict[str, list[tuple[int, str, float]]] = {}
    for page in doc.pages:
        for line in _margin_lines(page):
            key = without_page_number(line.text)
            if line.bbox is not None and key and len(key) < 120 and not is_page_number(line.text):
                seen.setdefault(key, []).append((page.number, line.text, (line.bbox[1] + line.bbox[3]) / 2))
    threshold = _furniture_threshold(doc)
    placed: dict[tuple[int, str], list[float]] = {}
    for found in seen.values():
        if len({number for number, _, _ in found}) < threshold:
            continue
        for reference in {centre for _, _, centre in found}:
            near = [item for item in found if abs(item[2] - reference) <= _SAME_HEIGHT]
            if len({number for number, _, _ in near}) >= threshold:
                for number, text, centre in near:
                    placed.setdefault((number, text), []).append(centre)
    _add_unwrapped(doc, placed)
    return {key: tuple(sorted(set(centres))) for key, centres in placed.items()}


def _add_unwrapped(doc: Document, placed: dict[tuple[int, str], list[float]]) -> None:
    """Add to `placed` the margin lines printing on one line what is wrapped onto two elsewhere
    (the cover's running header, with no other header beside it to narrow it): the words of two
    placed lines one right below the other, in one column, on another page."""
    joined: set[str] = set()
    for page in doc.pages:
        lines = sorted((line for line in _margin_lines(page) if (page.number, line.text) in placed),
                       key=lambda line: line.bbox[1] if line.bbox else 0.0)
        for upper, lower in combinations(lines, 2):  # two headers side by side interleave
            if upper.bbox and lower.bbox and _next_line_of(upper.bbox, lower.bbox):
                joined.add(without_page_number(f"{upper.text} {lower.text}"))
    for page in doc.pages:
        for line in _margin_lines(page):
            if line.bbox and (page.number, line.text) not in placed and without_page_number(line.text) in joined:
                placed[(page.number, line.text)] = [(line.bbox[1] + line.bbox[3]) / 2]


def _next_line_of(upper: BoxTuple, lower: BoxTuple) -> bool:
    """The lower box is the next line of the upper one's paragraph: right below it (less than its
    height apart) in the same column (the same left or right edge)."""
    height = upper[3] - upper[1]
    same_column = abs(upper[0] - lower[0]) <= _SAME_HEIGHT or abs(upper[2] - lower[2]) <= _SAME_HEIGHT
    return height > 0 and -height / 2 <= lower[1] - upper[3] <= height and same_column


def _margin_lines(page: Page) -> list[Line]:
    """A PDF page's lines whose box lies in its top or bottom margin band."""
    if not page.height:
        return []
    band = page.height * _MARGIN_BAND
    return [line for line in page.lines
            if line.bbox is not None and (line.bbox[3] <= band or line.bbox[1] >= page.height - band)]


def _edge_texts(page: Page) -> set[str]:
    """The texts of a page's first two and last two lines (where running headers and footers are read)."""
    return {line.text for line in page.lines[:2] + page.lines[-2:]}


def _furniture_threshold(doc: Document) -> int:
    """On how many pages a line must repeat to be furniture: a third of them, at least three."""
    return max(3, doc.page_count // 3)


def page_gaps(doc: Document) -> dict[int, str]:
    """The pages of a PDF printed right after a page missing or unreadable, each with why: its printed
    page number runs on from the one before by more than one ("printed page numbers skip from 21 to
    23"), or the page before has no text at all (its text drawn as outlines or an image). Only where
    the pages print their numbers (a line that is only a number among a page's first or last two,
    for most pages the page's place plus one offset): a page runs on from the one before when it
    prints the next number; a jump counts only when the page after it, if any, prints the number
    after (a footnote's number at a page's foot is never taken for a jump). Empty for other formats
    and for PDFs whose pages are not numbered."""
    if doc.format != "pdf" or doc.page_count < 3:
        return {}
    printed = {page.number: _printed_numbers(page) for page in doc.pages}
    offsets = Counter(number - page for page, numbers in printed.items() for number in numbers)
    if not offsets:
        return {}
    offset, seen = offsets.most_common(1)[0]
    if seen < doc.page_count // 2:
        return {}  # not a numbered document
    gaps: dict[int, str] = {}
    last: int | None = None  # the last page printing its number
    for page in range(1, doc.page_count + 1):
        numbers = printed[page]
        if page + offset in numbers:
            last = page
            continue
        last_page = page == doc.page_count
        jump = sorted(n for n in numbers if n > page + offset and (last_page or n + 1 in printed[page + 1]))
        if jump and last == page - 1:
            gaps[page] = f"printed page numbers skip from {last + offset} to {jump[0]}"
            offset, last = jump[0] - page, page
        elif not doc.page(page).lines and 1 < page < doc.page_count:
            gaps[page + 1] = f"page {page} has no text (drawn as outlines or an image)"
    return gaps


def _printed_numbers(page: Page) -> set[int]:
    """The numbers a page prints alone on one of its first two or last two lines ("21", "Page 21",
    "21 of 40"): its page number among them, or a footnote's."""
    out: set[int] = set()
    for line in page.lines[:2] + page.lines[-2:]:
        if is_page_number(line.text):  # its first number ("Page 21", "21 of 40", "21/40")
            first = next((word for word in line.text.replace("/", " ").split() if word.isdigit()), None)
            if first is not None:
                out.add(int(first))
    return out


def detect_framework(doc: Document) -> str | None:
    """The framework whose standards the document prints as 'code name' lines.

    Decided from the standards present (codes and names) only, never from a printed number
    (a misprinted maximum score must not switch the framework): the framework explaining the
    most printed standards, less those it does not know, wins; at least 60% of its standards
    must be printed. Alternative numberings of one standard (CRC '3.1'/'4.1 Unpaid work')
    count once: a framework has `max_score / 3` standards.
    """
    keys = standard_keys(doc)
    by_first = _by_first_character(keys)
    best: dict[str, tuple[int, float, frozenset[tuple[str, str]]]] = {}
    for name, framework in frameworks().frameworks.items():
        variants: set[str | None] = {rule.variant for rule in framework.standards if rule.variant} or {None}
        expected = max(1, framework.max_score // max(frameworks().ratings.values()))
        for variant in variants:
            rules = [r for r in framework.standards if r.variant in (None, variant) and r.counted]
            printed = frozenset((r.code, r.name) for r in rules if _printed(keys, by_first, r.code, r.name))
            codes = len({code for code, _ in printed})
            if name not in best or (codes, -len(printed)) > (best[name][0], -len(best[name][2])):
                best[name] = (codes, codes / expected, printed)
    everything = frozenset().union(*(found for _, _, found in best.values()))
    scored = [
        (codes - len({code for code, _ in everything - found}), share, name)
        for name, (codes, share, found) in best.items()
        if share >= 0.6
    ]
    return max(scored)[2] if scored else None


def _by_first_character(keys: Sequence[str]) -> dict[str, list[str]]:
    """The keys by the first character of the code they may open with: their own first character,
    and for a key opening with "p" ("p21assessment") also the next one."""
    index: dict[str, list[str]] = {}
    for key in keys:
        index.setdefault(key[:1], []).append(key)
        if key[:1] == "p" and key[1:2] != "p":
            index.setdefault(key[1:2], []).append(key)
    return index


def _printed(keys: Sequence[str], by_first: dict[str, list[str]], code: str, name: str) -> bool:
    """`printed_standard` over the keys that can open with the standard's code (all when it has none)."""
    code_key = compact(code)
    candidates = by_first.get(code_key[:1], []) if code_key else keys
    return printed_standard(candidates, code_key, compact(name))


def standard_keys(doc: Document) -> list[str]:
    """Compact 'code name [rating]' keys of the lines that may print a standard: lines opening with
    a standard's number ("2.1", "P 2.1") or printing it after a rating or domain column
    (`cells_before_code`: the part from the code on), and a number alone on its line joined to the next line
    (a table whose code, name and rating each sit on their own line)."""
    texts = [line.text for line in doc.lines()]
    rules = detection_patterns()
    standard_key, code_only = compiled(rules.standard_key), compiled(rules.code_only)
    keys: list[str] = []
    pairs: list[str] = []
    for index, text in enumerate(texts):
        if _DIGIT.search(text) is None:  # both keys open with a digit: compact() only where one is
            continue
        key = compact(text)
        if standard_key.match(key):
            keys.append(key)
        elif (before := cells_before_code(text)) is not None:  # a rating or domain column printed first
            keys.append(compact(before[0]))
        elif index + 1 < len(texts) and code_only.match(key):
            pairs.append(key + compact(texts[index + 1]))
    return keys + pairs


def printed_standard(keys: Sequence[str], code: str, name: str) -> bool:
    """Whether some line is the standard's 'code name' (optionally 'P' prefixed), then nothing, a
    rating or ratings (a previous inspection's beside this one's), or the code, rating(s) and name
    (a table printing the rating column before the name)."""
    for line in keys:
        for prefix in (code, "p" + code):
            if not line.startswith(prefix):
                continue
            rest = _after_ratings(line[len(prefix) :])
            if rest.startswith(name) and _ratings_only(rest[len(name) :]):
                return True
    return False


def _after_ratings(key: str) -> str:
    """`key` without the rating words it opens with (compact text)."""
    words = [word.compact for word in ratings_patterns().ratings]
    while True:
        opening = next((w for w in words if key.startswith(w) and len(key) > len(w)), None)
        if opening is None:
            return key
        key = key[len(opening) :]


def _ratings_only(rest: str) -> bool:
    """Whether compact `rest` is empty, ratings, or ratings then the first part of a wrapped one."""
    words = [word.compact for word in ratings_patterns().ratings]
    while rest:
        if as_rating(rest) is not None or _rating_start(rest):
            return True
        opening = next((w for w in words if rest.startswith(w)), None)
        if opening is None:
            return False
        rest = rest[len(opening) :]
    return True


def _rating_start(rest: str) -> bool:
    """The first word(s) of a rating wrapped in its cell ('requires' of 'Requires / improvement')."""
    return len(rest) >= 4 and any(word.compact.startswith(rest) for word in ratings_patterns().ratings)


def _matches(doc: Document, kind: KindCues) -> bool:
    scopes = {
        "front": [line.text for line in front_lines(doc)],
        "opening": [line.text for line in opening_lines(doc)],
    }

    def found(cue: Cue) -> bool:
        texts = scopes.get(cue.scope)
        lines = texts if texts is not None else [line.text for line in doc.lines()]
        pattern = compiled(cue.pattern, regex.MULTILINE)
        return any(pattern.search(text) for text in lines)

    results = (found(cue) for cue in kind.cues)
    return all(results) if kind.match == "all" else any(results)


def several_units_kind(doc: Document, detection: Detection, names: Sequence[str | None]) -> Kind | None:
    """The kind a report detected as a one-unit kind (vocab.yaml `one_unit`: it rates one body) is
    read as when its ratings name several units (`names`, the units read; two distinct names at
    least): the first kind of detection.yaml `several_units` whose cues are found, else None (also
    for one unit, or a kind rating several)."""
    if detection.kind not in vocab().kinds_where("one_unit") or len({n for n in names if n}) < 2:
        return None
    for entry in detection_patterns().several_units:
        if _matches(doc, entry):
            return cast(Kind, entry.kind)
    return None


def detect_kind(doc: Document, framework: str | None) -> Kind:
    """The kind of a recognised publication: from its cues (patterns/detection.yaml), else from
    the framework of the standards it prints."""
    kinds = detection_patterns().kinds

    def hit(kind: str) -> bool:
        return kind in kinds and _matches(doc, kinds[kind])

    before, after = detection_patterns().kind_order()
    for kind in before:
        if hit(kind):
            return cast(Kind, kind)
    known = frameworks().frameworks.get(framework) if framework is not None else None
    if known is not None:
        return cast(Kind, known.kind)
    for kind in after:
        if hit(kind):
            return cast(Kind, kind)
    return "unknown"
