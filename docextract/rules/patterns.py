"""Pattern and rule files (`patterns/*.yaml`): located, loaded once, validated on load.

The files live at the repository root in `patterns/` and are shipped inside the wheel
as `docextract/patterns/`. Each file is checked against a pydantic model when it is
loaded, so a malformed pattern fails loudly at start-up, not silently mid-parse.

No `from __future__ import annotations` here: pydantic would evaluate each field's annotation
string when the class is created, which costs ~8 ms CPU over these classes at every start-up
(issue 16). Define a model before the models naming it (or quote the name).
"""

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..model.record import Rating
from .regexes import compiled as _compiled

_M = TypeVar("_M", bound=BaseModel)


def patterns_dir() -> Path:
    """The installed copy inside the package, else the repository's (editable installs)."""
    package = Path(__file__).resolve().parent.parent  # docextract/ (this module is docextract/rules/patterns.py)
    for candidate in (package / "patterns", package.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("docextract patterns directory not found (expected docextract/patterns)")


def load(name: str, model: type[_M]) -> _M:
    """The pattern file `name` validated as `model`. Raises pydantic.ValidationError (or a YAML
    error) when the file breaks its model.

    Validating costs start-up time (YAML, then building and running the pydantic models), so a
    file once validated is kept, pickled, in the cache directory (see `cache_dir`), keyed by the
    file's bytes, the model and the code that defines it: any change to either is validated again.
    """
    path = patterns_dir() / name
    raw = path.read_bytes()
    cached = _cache_file(name, model, raw)
    if cached is not None:
        try:
            with cached.open("rb") as handle:
                value = pickle.load(handle)
            if type(value) is model:
                return value
        except Exception:  # absent, unreadable or stale: validate again
            pass
    import yaml  # only here: with the cache, a run never parses YAML (the import alone costs ~20 ms)

    data: Any = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~10× faster
    value = model.model_validate(data)
    if cached is not None:
        _store(cached, value)
    return value


def cache_dir() -> Path | None:
    """Where validated pattern files are kept: $DOCEXTRACT_CACHE (empty or "off" disables it),
    else $XDG_CACHE_HOME/docextract, else ~/.cache/docextract."""
    setting = os.environ.get("DOCEXTRACT_CACHE")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "false") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docextract"


@cache
def _code_key() -> str:
    """What the cached objects depend on besides the file: this module's source and the versions."""
    import pydantic

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{sys.version_info[:2]} {pydantic.VERSION} {pickle.HIGHEST_PROTOCOL}".encode())
    return digest.hexdigest()


def _cache_file(name: str, model: type[BaseModel], raw: bytes) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(raw)
    digest.update(f"{model.__module__}.{model.__qualname__} {_code_key()}".encode())
    return directory / f"patterns-{Path(name).stem}-{digest.hexdigest()[:32]}.pickle"


def _store(target: Path, value: object) -> bool:
    """Pickle `value` to `target` atomically; False when it cannot (a cache that cannot be
    written is simply not used)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


class _Strict(BaseModel):
    # defer_build: a model's validator is built only when a file is validated, not on import
    # (with the cache, most runs never validate).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _check_regex(value: str) -> str:
    try:
        regex.compile(value)
    except regex.error as exc:  # pragma: no cover - exercised by test_patterns
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from exc
    return value


# --- frameworks.yaml -------------------------------------------------------------------


class Band(_Strict):
    min: int
    rating: Rating


class KeyQuestionBands(_Strict):
    status: str
    bands: list[Band]
    discretion_points: int


class StandardRule(_Strict):
    code: str = Field(pattern=r"^\d\.\d$")
    name: str
    case_based: bool
    variant: str | None = None
    counted: bool = True


class Framework(_Strict):
    description: str
    max_score: int
    bands_status: str
    overall_bands: list[Band]
    leadership_cap: bool
    domains: dict[str, str | list[str]]
    standards: list[StandardRule]

    def domain_names(self, number: str) -> list[str]:
        value = self.domains.get(number)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)


class Frameworks(_Strict):
    version: int
    ratings: dict[Rating, int]
    key_question_bands: KeyQuestionBands
    frameworks: dict[str, Framework]


# --- ratings.yaml ----------------------------------------------------------------------


class FuzzyWord(_Strict):
    compact: str = Field(pattern=r"^[a-z0-9]+$")
    max_edits: int = Field(ge=0, le=4)


class RatingWord(FuzzyWord):
    canonical: Rating


class RatingsPatterns(_Strict):
    version: int
    ratings: list[RatingWord]
    labels: dict[str, FuzzyWord]
    name_noise: list[str]

    _v = field_validator("name_noise")(lambda cls, v: [_check_regex(p) for p in v])


# --- detection.yaml --------------------------------------------------------------------


class Cue(_Strict):
    scope: str = Field(pattern=r"^(front|opening|any)$")
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: _check_regex(v))


class KindCues(_Strict):
    match: str = Field(pattern=r"^(all|any)$")
    cues: list[Cue]


class PublisherCues(_Strict):
    """How an HM Inspectorate of Probation publication is recognised (detection.yaml `publisher`)."""

    opening_pages: int = Field(ge=1)
    opening_lines: int = Field(ge=1)
    closing_pages: int = Field(ge=0)
    imprint: list[str]
    min_groups: int = Field(ge=1)
    groups: dict[str, list[str]]
    # the cover title: a `furniture` cue counted only on the opening pages
    cover_title: list[str]
    # a heading opening a list of cited works: its lines (to the page's end, or the section's end
    # in a Word document) are citations, not the publication's own identity
    citation_headings: list[str]
    # a line citing a work (a year in brackets, a quoted title, a numbered note naming the publisher)
    citation_lines: list[str]

    @field_validator("imprint", "cover_title", "citation_headings", "citation_lines")
    @classmethod
    def _imprint(cls, value: list[str]) -> list[str]:
        return [_check_regex(v) for v in value]

    @field_validator("groups")
    @classmethod
    def _groups(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {name: [_check_regex(v) for v in patterns] for name, patterns in value.items()}


class DetectionPatterns(_Strict):
    version: int
    publisher: PublisherCues
    little_text_characters: int = Field(ge=0)
    kinds: dict[str, KindCues]
    title_start: str

    _v = field_validator("title_start")(lambda cls, v: _check_regex(v))


@cache
def frameworks() -> Frameworks:
    return load("frameworks.yaml", Frameworks)


@cache
def ratings_patterns() -> RatingsPatterns:
    return load("ratings.yaml", RatingsPatterns)


@cache
def detection_patterns() -> DetectionPatterns:
    return load("detection.yaml", DetectionPatterns)


# --- validation.yaml (docextract validate) ---------------------------------------------

# Placeholders the validation checks fill in before compiling; checked here with stand-ins.
VALIDATION_PLACEHOLDERS = {
    "<RATING>": "(?P<rating>x)",
    "<RATING_ANY>": "(?P<rating>x)",
    "<STANDARDS>": "x",
    "<DATE>": "x",
    "<NUMBER>": "x",
}


def _check_template(value: str) -> str:
    expanded = value
    for placeholder, stand_in in VALIDATION_PLACEHOLDERS.items():
        expanded = expanded.replace(placeholder, stand_in)
    _check_regex(expanded)
    return value


class CheckInfo(_Strict):
    severity: str = Field(pattern=r"^(error|warning)$")
    summary: str
    help: str | None = None  # the rule in plain words (SARIF rule help, the HTML review report)


class LeadershipRule(_Strict):
    name: str
    capped_rating: Rating
    minimum: Rating

    _v = field_validator("name")(lambda cls, v: _check_regex(v))


class NarrativePatterns(_Strict):
    rating_words: list[Rating]
    previous: str
    cue: str
    aliases: dict[str, list[str]]
    this_standard: str
    heading: str
    standard: list[str]
    unit: list[str]
    unit_line: str

    _v = field_validator("previous", "cue", "this_standard", "heading")(lambda cls, v: _check_regex(v))
    _t = field_validator("standard", "unit")(lambda cls, v: [_check_template(p) for p in v])
    _u = field_validator("unit_line")(lambda cls, v: _check_template(v))


class DatePatterns(_Strict):
    date: str
    window: str
    context: str
    max_years_apart: int = Field(ge=0)

    _v = field_validator("date", "context")(lambda cls, v: _check_regex(v))
    _t = field_validator("window")(lambda cls, v: _check_template(v))


class CountPatterns(_Strict):
    patterns: list[str]
    number_words: dict[str, int]
    tolerance: float = Field(gt=0)

    _t = field_validator("patterns")(lambda cls, v: [_check_template(p) for p in v])


class SectionPatterns(_Strict):
    """validation.yaml `sections`: where a standard's section of the text opens and closes."""

    heading: str
    end: str

    _v = field_validator("heading", "end")(lambda cls, v: _check_regex(v))


class ValidationPatterns(_Strict):
    version: int
    checks: dict[str, CheckInfo]
    cross_references: list[str]
    leadership: LeadershipRule
    key_questions_expected_kinds: list[str]
    multi_unit_kinds: list[str]
    narrative: NarrativePatterns
    dates: DatePatterns
    counts: CountPatterns
    not_checked: dict[str, str]
    sections: SectionPatterns
    nothing_checked: list[str]
    rules_not_checked: list[str]

    _v = field_validator("cross_references")(lambda cls, v: [_check_regex(p) for p in v])


@cache
def validation_patterns() -> ValidationPatterns:
    return load("validation.yaml", ValidationPatterns)


# --- keyquestions.yaml -----------------------------------------------------------------


class KeyQuestionHeader(_Strict):
    """Header vocabularies of key-question value columns (regular expressions, validated on load)."""

    current: list[str] = Field(min_length=1)
    comparator: list[str] = Field(min_length=1)
    count: list[str] = Field(min_length=1)
    percentages: list[str] = Field(min_length=1)
    starts: list[str]
    question_column: str

    _v = field_validator("current", "comparator", "count", "percentages", "starts")(
        lambda cls, v: [_check_regex(p) for p in v]
    )
    _q = field_validator("question_column")(lambda cls, v: _check_regex(v))


class KeyQuestionPatterns(_Strict):
    version: int
    percent: str
    value_token: str
    bare_number: str
    no_value: list[str]
    noise: list[str]
    noise_start: str
    noise_tail: str
    code: str
    heading: str
    header: KeyQuestionHeader
    question_starts: list[str]
    same_question_similarity: float = Field(gt=0, le=1)
    max_question_rows: int = Field(ge=1)
    max_question_chars: int = Field(ge=20)

    _v = field_validator("percent", "value_token", "bare_number", "code", "heading", "noise_start", "noise_tail")(
        lambda cls, v: _check_regex(v)
    )
    _n = field_validator("noise")(lambda cls, v: [_check_regex(p) for p in v])


@cache
def keyquestion_patterns() -> KeyQuestionPatterns:
    return load("keyquestions.yaml", KeyQuestionPatterns)


# --- bodies.yaml and recommendations.yaml (recommendations) ----------------------------


class FixedBody(_Strict):
    canonical: str = Field(min_length=2)
    label: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    variants: list[str] = Field(min_length=1)


def _check_token_pattern(pattern: list[str | dict[str, Any]]) -> list[str | dict[str, Any]]:
    if not pattern:
        raise ValueError("an empty token pattern")
    for token in pattern:
        if isinstance(token, str) and token != "NAME":
            raise ValueError(f"unknown token placeholder {token!r} (only 'NAME')")
        if isinstance(token, dict) and not token:
            raise ValueError("an empty token spec")
    return pattern


class BodyFamily(_Strict):
    label: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    canonical: str = Field(pattern=r"\{name\}")
    drop: list[str]
    patterns: list[list[str | dict[str, Any]]] = Field(min_length=1)

    _v = field_validator("patterns")(lambda cls, v: [_check_token_pattern(p) for p in v])


class BodiesPatterns(_Strict):
    version: int
    bodies: list[FixedBody]
    families: list[BodyFamily]

    @field_validator("bodies")
    @classmethod
    def _unique(cls, value: list[FixedBody]) -> list[FixedBody]:
        names = [b.canonical for b in value]
        if len(names) != len(set(names)):
            raise ValueError("duplicate canonical body names")
        return value


def _check_groups(value: str, *groups: str) -> str:
    compiled = regex.compile(_check_regex(value))
    missing = [g for g in groups if g not in compiled.groupindex]
    if missing:
        raise ValueError(f"pattern {value!r} lacks the named group(s) {missing}")
    return value


class RecommendationHeadings(_Strict):
    section: str
    current: str
    previous: str

    _v = field_validator("section", "current", "previous")(lambda cls, v: _check_regex(v))


class LeadInPatterns(_Strict):
    should: str
    labelled: str
    previous: str
    this_body: str
    max_words: int = Field(ge=2)
    unit_labels: list[str]

    _b = field_validator("should", "labelled", "previous")(lambda cls, v: _check_groups(v, "body"))
    _v = field_validator("this_body")(lambda cls, v: _check_regex(v))


class ContinuesAfter(_Strict):
    words: list[str]
    marks: list[str]


class Cleanup(_Strict):
    pattern: str
    replace: str

    _v = field_validator("pattern")(lambda cls, v: _check_regex(v))


class ProgressCue(_Strict):
    progress: str = Field(pattern=r"^(?:sufficient|some|insufficient|transferred)$")
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: _check_regex(v))


class NumberedHeading(_Strict):
    """A numbered line that ends the list of recommendations: a domain heading, not an item."""

    standard_heading: str
    max_words: int = Field(ge=1)
    similarity: float = Field(gt=0, le=1)
    larger_than: float = Field(gt=1)

    _v = field_validator("standard_heading")(lambda cls, v: _check_groups(v, "domain"))


class RecommendationPatterns(_Strict):
    version: int
    headings: RecommendationHeadings
    lead_ins: LeadInPatterns
    item: str
    numbered_heading: NumberedHeading
    continues_after: ContinuesAfter
    addressee_cleanup: list[Cleanup]
    stated_count: str
    progress: list[ProgressCue] = Field(min_length=1)
    tally: str
    tally_transferred: str

    _i = field_validator("item")(lambda cls, v: _check_groups(v, "number", "text"))
    _s = field_validator("stated_count", "tally_transferred")(lambda cls, v: _check_groups(v, "count"))
    _t = field_validator("tally")(lambda cls, v: _check_groups(v, "progress", "count"))


@cache
def bodies_patterns() -> BodiesPatterns:
    return load("bodies.yaml", BodiesPatterns)


@cache
def recommendation_patterns() -> RecommendationPatterns:
    return load("recommendations.yaml", RecommendationPatterns)


# --- annual.yaml (annual reports) --------------------------------------------------------


class KeyFactPatterns(_Strict):
    start: str
    end: str
    figure: str
    bullet: str
    max_label_lines: int = Field(ge=1)

    _v = field_validator("start", "end")(lambda cls, v: _check_regex(v))
    _f = field_validator("figure")(lambda cls, v: _check_groups(v, "sign", "currency", "number", "scale", "percent"))
    _b = field_validator("bullet")(lambda cls, v: _check_groups(v, "number", "label"))


class ThematicTallyPatterns(_Strict):
    published: str
    end: str
    made: str
    made_by: str
    agreed: str
    agreed_by: str
    partly: str
    not_agreed: str

    _p = field_validator("published")(lambda cls, v: _check_groups(v, "who"))
    _e = field_validator("end")(lambda cls, v: _check_regex(v))
    _t = field_validator("made", "made_by", "agreed", "agreed_by", "partly", "not_agreed")(
        lambda cls, v: _check_template(v)
    )


class AnnualPatterns(_Strict):
    version: int
    key_facts: KeyFactPatterns
    thematic: ThematicTallyPatterns
    number_words: dict[str, int]


@cache
def annual_patterns() -> AnnualPatterns:
    return load("annual.yaml", AnnualPatterns)


# --- metadata.yaml ---------------------------------------------------------------------

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# Placeholders of patterns/metadata.yaml: a month's name or abbreviation; a year, perhaps split.
METADATA_PLACEHOLDERS = {
    "<MONTH>": "(?:" + "|".join(f"{m[:3]}(?:{m[3:]})?" if len(m) > 3 else m for m in MONTHS) + ")\\.?",
    "<YEAR>": "(?:19|20)\\s?\\d\\s?\\d",
}


def _expand(pattern: str) -> str:
    for placeholder, expansion in METADATA_PLACEHOLDERS.items():
        pattern = pattern.replace(placeholder, expansion)
    return pattern


class PublishedSource(_Strict):
    """One place a report states its publication date (patterns/metadata.yaml)."""

    name: str
    precision: str = Field(pattern=r"^(month|year)$")
    scope: str = Field(pattern=r"^(front|front_and_back)$")
    pattern: str

    @property
    def compiled(self) -> regex.Pattern[str]:
        return _compiled(_expand(self.pattern))

    @field_validator("pattern")
    @classmethod
    def _groups(cls, value: str) -> str:
        _check_groups(_expand(value), "year")
        return value

    def model_post_init(self, _context: Any) -> None:
        if self.precision == "month" and "month" not in self.compiled.groupindex:
            raise ValueError(f"published source {self.name!r} gives a month but its pattern has no 'month' group")


class MetadataPatterns(_Strict):
    version: int
    published: list[PublishedSource] = Field(min_length=1)
    # a title's line ending in one of these words (or a colon) goes on: the title is not complete
    title_dangling_words: list[str] = Field(min_length=1)


@cache
def metadata_patterns() -> MetadataPatterns:
    return load("metadata.yaml", MetadataPatterns)


# --- thematic.yaml (thematic inspections) --------------------------------------------------


class ThematicPatterns(_Strict):
    version: int
    lead_by: str
    inspectorates: list[str] = Field(min_length=1)

    _v = field_validator("lead_by")(lambda cls, v: _check_groups(v, "list"))


@cache
def thematic_patterns() -> ThematicPatterns:
    return load("thematic.yaml", ThematicPatterns)


# --- plausibility.yaml ("never a wrong value") --------------------------------------------


class NamedPattern(_Strict):
    name: str
    pattern: str

    _v = field_validator("pattern")(lambda cls, v: _check_regex(v))


class ScoreRules(_Strict):
    points_per_standard: int = Field(ge=1)


class PercentRange(_Strict):
    min: int
    max: int

    def model_post_init(self, _context: Any) -> None:
        if self.min > self.max:
            raise ValueError(f"percent range {self.min}-{self.max} is empty")


class UnitNameRules(_Strict):
    max_words: int = Field(ge=1)
    forbidden: list[NamedPattern] = Field(min_length=1)


class StandardNameRules(_Strict):
    forbidden: list[NamedPattern] = Field(min_length=1)


class KeyQuestionRules(_Strict):
    code_of_standard: bool
    subject: str

    _v = field_validator("subject")(lambda cls, v: _check_groups(v, "subject"))


class ProvenanceRules(_Strict):
    max_gap_words: int = Field(ge=0)


class PlausibilityRules(_Strict):
    """patterns/plausibility.yaml: what no report can mean, whatever it printed."""

    version: int
    scores: ScoreRules
    percent: PercentRange
    unit_name: UnitNameRules
    standard_name: StandardNameRules
    key_questions: KeyQuestionRules
    provenance: ProvenanceRules


@cache
def plausibility_rules() -> PlausibilityRules:
    return load("plausibility.yaml", PlausibilityRules)


# --- nulls.yaml (every null value has a warning) -----------------------------------------


class NullReason(_Strict):
    """Why a field can be null: the warning added when no parser warning names it."""

    field: str
    code: str
    reason: str
    adopt: list[str] = Field(default_factory=list)


class NullsPatterns(_Strict):
    version: int
    provenance: list[str]
    fields: list[NullReason]


@cache
def nulls_patterns() -> NullsPatterns:
    return load("nulls.yaml", NullsPatterns)
