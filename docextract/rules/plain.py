"""Validated rule files as plain objects: what a run reads once the files are known good.

A rule file is validated by its pydantic schema (one module per file in this package), but
creating the ~50 schema classes costs a cold `docextract parse` ~0.02 s CPU (issue 16, README
*Start-up*) although a run whose files are unchanged never validates anything. So the accessors
of `rules/patterns.py` give each file's model converted by `to_plain` — `Plain` objects with
the same attributes, read-only, equal and hashed by their values as the frozen models are, and
the models' methods (the `...Methods` classes below, which the schema classes inherit too) —
and `patterns.load_all` keeps them, once every file has passed its schema and the checks
between files, pickled in the cache directory: unchanged files and code then import no schema
module at all. This module imports neither pydantic nor a schema module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    from .frameworks import StandardRule
    from .keyquestions import KeyQuestionPatterns
    from .vocab import KindInfo, Vocab

OUT_OF = "<OUT_OF>"  # ratings_table.yaml: where a pattern takes `out_of`
VALUE = "<VALUE>"  # keyquestions_scan.yaml: keyquestions.yaml's `value_token`
STARTS = "<STARTS>"  # keyquestions_scan.yaml: keyquestions.yaml's `question_starts`, as alternatives


class Plain:
    """The values of a validated rule model as attributes (nested models are Plain too; lists and
    dicts as validated). Read-only; equal to another of its class with the same values, and hashed
    by them (a list among them makes it unhashable), as the frozen pydantic models are."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only (a validated rule file)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only (a validated rule file)")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plain):
            return NotImplemented
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({values})"


# --- the methods of the schema classes (inherited by them and by their plain twins) -------------


class VocabMethods:
    """vocab.yaml's lookups (`rules/vocab.py`, Vocab)."""

    if TYPE_CHECKING:
        kinds: dict[str, KindInfo]
        months: list[str]
        number_words: dict[str, int]
        tens: dict[str, int]
        superscript_digits: str

    def kinds_where(self, what: str) -> frozenset[str]:
        """The kinds whose KindInfo flag `what` ('rated', 'one_unit', 'recommendations') is set."""
        return frozenset(k for k, info in self.kinds.items() if getattr(info, what))

    def month_number(self, word: str) -> int | None:
        """1-12 for a month's name or its first three letters in any case ('sept' -> 9), else None."""
        key = word.casefold()[:3]
        return next((i for i, m in enumerate(self.months, start=1) if m[:3].casefold() == key), None)

    def number_value(self, word: str) -> int | None:
        """'13' -> 13, 'nine' -> 9, 'twenty' -> 20, 'twenty-one' -> 21; None for anything else
        ('a', 'several')."""
        word = word.casefold().strip()
        if word.isdigit():
            return int(word)
        if word in self.number_words:
            return self.number_words[word]
        if word in self.tens:
            return self.tens[word]
        tens, _, unit = word.partition("-")
        if tens in self.tens and 0 < self.number_words.get(unit, 0) < 10:
            return self.tens[tens] + self.number_words[unit]
        return None

    def words_between(self, low: int, high: int) -> dict[str, int]:
        """The number words (number_words and tens) whose value is from `low` to `high`."""
        return {w: n for w, n in (self.number_words | self.tens).items() if low <= n <= high}

    def to_superscript(self) -> dict[int, int]:
        """A str.translate table from the digits 0-9 to their superscripts."""
        return str.maketrans("0123456789", self.superscript_digits)


class DetectionMethods:
    """detection.yaml's kind order (`rules/detection.py`, DetectionPatterns)."""

    if TYPE_CHECKING:
        kinds: dict[str, Any]
        before_framework: list[str]

    def kind_order(self) -> tuple[list[str], list[str]]:
        """The kinds tried before the framework's kind, and those tried after it (file order)."""
        return list(self.before_framework), [k for k in self.kinds if k not in self.before_framework]


class FrameworkMethods:
    """A framework's domains, variants and counted standards (`rules/frameworks.py`, Framework)."""

    if TYPE_CHECKING:
        domains: dict[str, str | list[str]]
        standards: list[StandardRule]

    def domain_names(self, number: str) -> list[str]:
        """The names of domain `number` ("2"), one or several (a framework's variants)."""
        value = self.domains.get(number)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)

    def variants(self) -> list[str | None]:
        """The report variants of the framework ([None] when it has none)."""
        found = list(dict.fromkeys(s.variant for s in self.standards if s.variant))
        return list(found) or [None]

    def counted_standards(self, variant: str | None) -> int:
        """The standards a report of `variant` counts towards its score: the common ones by code,
        the variant's own by name (a CRC report numbers the same standard 3.x or 4.x)."""
        common = {s.code for s in self.standards if s.counted and s.variant is None}
        own = {s.name for s in self.standards if s.counted and variant is not None and s.variant == variant}
        return len(common) + len(own)


class KeyQuestionScanMethods:
    """keyquestions_scan.yaml's templates filled in (`rules/keyquestions_scan.py`)."""

    def expanded(self, words: KeyQuestionPatterns, name: str) -> str:
        """Template `name` with `<VALUE>` and `<STARTS>` filled in from `words` (keyquestions.yaml)."""
        value: str = getattr(self, name)
        starts = "|".join(regex.escape(word) for word in words.question_starts)
        return value.replace(VALUE, words.value_token).replace(STARTS, starts)


class RatingsTableMethods:
    """ratings_table.yaml's patterns made ready (`rules/ratings_table.py`)."""

    if TYPE_CHECKING:
        out_of: str

    def expanded(self, name: str) -> str:
        """Pattern `name` (a field holding a pattern) with `<OUT_OF>` replaced: ready to compile."""
        value: str = getattr(self, name)
        return value.replace(OUT_OF, self.out_of)


class NarrativeShapesMethods:
    """narrative_shapes.yaml's templates filled in (`rules/narrative_shapes.py`)."""

    if TYPE_CHECKING:
        quoted_rating: str
        any_rating: str
        standard_name: str
        standard_list: str

    def ratings(self, words: str) -> tuple[str, str]:
        """(a quoted rating word, a quoted or bare one) for `words`, an alternation of rating words."""
        quoted = self.quoted_rating.replace("<WORDS>", words)
        return quoted, self.any_rating.replace("<QUOTED>", quoted).replace("<WORDS>", words)

    def standards(self, names: str, this_standard: str) -> tuple[str, str]:
        """(one standard named, a list of them) for `names`, an alternation of the unit's standards'
        names, and `this_standard`, the pattern of "this standard"."""
        one = self.standard_name.replace("<NAMES>", names).replace("<THIS_STANDARD>", this_standard)
        return one, self.standard_list.replace("<ONE>", one)


class KeyQuestionRulesMethods:
    """plausibility.yaml's key-question code rules applied (`rules/plausibility.py`, KeyQuestionRules)."""

    if TYPE_CHECKING:
        codes_consecutive: bool

    def missing_codes(self, standard: str, codes: Iterable[str | None]) -> list[str]:
        """The codes a standard's printed key-question codes skip ('2.3.1' when '2.3.2' and '2.3.3'
        are read): a row of its table not read. Empty when no code is read, when they run on from
        1, or when `codes_consecutive` is off."""
        if not self.codes_consecutive:
            return []
        prefix = standard + "."
        numbers = {int(tail) for code in codes if code and (tail := code.removeprefix(prefix)).isdigit()}
        return [f"{prefix}{n}" for n in range(1, max(numbers, default=0)) if n not in numbers]


def placeholders(words: Vocab) -> dict[str, str]:
    """The placeholders of metadata.yaml: <MONTH> a month's name or its abbreviation (vocab.yaml
    months, with an optional full stop), <YEAR> a year, perhaps split by a space ("20 19")."""
    months = "|".join(f"{m[:3]}(?:{m[3:]})?" if len(m) > 3 else m for m in words.months)
    return {"<MONTH>": f"(?:{months})\\.?", "<YEAR>": "(?:19|20)\\s?\\d\\s?\\d"}


def expand(pattern: str, words: Vocab) -> str:
    """`pattern` with its placeholders replaced (see `placeholders`)."""
    for placeholder, expansion in placeholders(words).items():
        pattern = pattern.replace(placeholder, expansion)
    return pattern


class PublishedSourceMethods:
    """A metadata.yaml publication-date source compiled (`rules/metadata.py`, PublishedSource)."""

    if TYPE_CHECKING:
        pattern: str

    @property
    def compiled(self) -> regex.Pattern[str]:
        """The pattern with its placeholders expanded, compiled."""
        from .patterns import vocab
        from .regexes import compiled

        return compiled(expand(self.pattern, vocab()))


# The plain twin of each schema class with methods (the others' twin is Plain itself).
class PlainVocab(VocabMethods, Plain):
    """vocab.yaml, validated."""


class PlainDetectionPatterns(DetectionMethods, Plain):
    """detection.yaml, validated."""


class PlainFramework(FrameworkMethods, Plain):
    """A framework of frameworks.yaml, validated."""


class PlainKeyQuestionScanPatterns(KeyQuestionScanMethods, Plain):
    """keyquestions_scan.yaml, validated."""


class PlainRatingsTablePatterns(RatingsTableMethods, Plain):
    """ratings_table.yaml, validated."""


class PlainNarrativeShapes(NarrativeShapesMethods, Plain):
    """narrative_shapes.yaml, validated."""


class PlainPublishedSource(PublishedSourceMethods, Plain):
    """A publication-date source of metadata.yaml, validated."""


class PlainKeyQuestionRules(KeyQuestionRulesMethods, Plain):
    """plausibility.yaml's key-question rules, validated."""


TWINS: dict[type, type[Plain]] = {
    VocabMethods: PlainVocab,
    DetectionMethods: PlainDetectionPatterns,
    FrameworkMethods: PlainFramework,
    KeyQuestionScanMethods: PlainKeyQuestionScanPatterns,
    RatingsTableMethods: PlainRatingsTablePatterns,
    NarrativeShapesMethods: PlainNarrativeShapes,
    PublishedSourceMethods: PlainPublishedSource,
    KeyQuestionRulesMethods: PlainKeyQuestionRules,
}


def to_plain(value: Any) -> Any:
    """`value` (a validated model, or what one holds) with every model made Plain (its twin when
    its class has methods): the fields pydantic set, lists and dicts of them converted alike,
    anything else as it is. Raises TypeError for a model with private attributes or extra
    values, which would not survive the conversion."""
    fields = getattr(type(value), "__pydantic_fields__", None)
    if fields is not None:
        if getattr(value, "__pydantic_private__", None) or getattr(value, "__pydantic_extra__", None):
            raise TypeError(f"{type(value).__name__}: private or extra values are not kept by to_plain")
        twin = next((TWINS[base] for base in type(value).__mro__ if base in TWINS), Plain)
        return twin(**{name: to_plain(getattr(value, name)) for name in fields})
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, tuple | set | frozenset):
        return type(value)(to_plain(item) for item in value)
    return value
