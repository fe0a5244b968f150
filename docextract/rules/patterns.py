"""The rule files of `patterns/`, one cached accessor each, and `load_all()`: every file loaded,
validated against its schema (one module per file in this package) and checked against the
others.

| file | schema module | accessor |
|---|---|---|
| vocab.yaml | `rules/vocab.py` | `vocab()` |
| frameworks.yaml | `rules/frameworks.py` | `frameworks()` |
| ratings.yaml | `rules/ratings.py` | `ratings_patterns()` |
| detection.yaml | `rules/detection.py` | `detection_patterns()` |
| validation.yaml | `rules/validation.py` | `validation_patterns()` |
| keyquestions.yaml | `rules/keyquestions.py` | `keyquestion_patterns()` |
| bodies.yaml | `rules/bodies.py` | `bodies_patterns()` |
| recommendations.yaml | `rules/recommendations.py` | `recommendation_patterns()` |
| annual.yaml | `rules/annual.py` | `annual_patterns()` |
| metadata.yaml | `rules/metadata.py` | `metadata_patterns()` |
| thematic.yaml | `rules/thematic.py` | `thematic_patterns()` |
| plausibility.yaml | `rules/plausibility.py` | `plausibility_rules()` |
| nulls.yaml | `rules/nulls.py` | `nulls_patterns()` |
| ratings_table.yaml | `rules/ratings_table.py` | `ratings_table_patterns()` |
| keyquestions_scan.yaml | `rules/keyquestions_scan.py` | `keyquestion_scan_patterns()` |
| narrative_shapes.yaml | `rules/narrative_shapes.py` | `narrative_shapes()` |
| reading.yaml | `rules/reading.py` | `reading_patterns()` |
| tokenizer.yaml | `rules/tokenizer.py` | `tokenizer_patterns()` |
| evaluation.yaml | `rules/evaluation.py` | `evaluation_rules()` |

Every accessor gives its file as `load_all()` keeps it: validated, checked against the other
files, and made plain (`rules/plain.py`: the model's attributes and methods, without pydantic),
kept pickled in the cache directory while no file and no code of this package changes — so a
run with unchanged files imports no schema module (issue 16). Each raises `errors.RuleError`
(coded: file, key, reason) when a file breaks its schema or disagrees with another. The schema
classes are imported from here on first use (`patterns.Frameworks`); `load(name, model)` and
`check_all(folder)` validate and give the pydantic models themselves.
"""

from __future__ import annotations

import hashlib
import importlib
import pickle
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..model.codes import RULE_CROSS_FILE, RULE_UNKNOWN_RATING
from .errors import RuleError, RuleProblem, problem
from .loader import cache_dir, code_key, load, patterns_dir, store
from .plain import to_plain

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .annual import AnnualPatterns, KeyFactPatterns, ThematicTallyPatterns
    from .bodies import BodiesPatterns, BodyFamily, FixedBody
    from .detection import Cue, DetectionPatterns, KindCues, PublisherCues
    from .evaluation import EvaluationRules
    from .frameworks import Band, Framework, Frameworks, KeyQuestionBands, StandardRule
    from .keyquestions import KeyQuestionHeader, KeyQuestionPatterns
    from .keyquestions_scan import KeyQuestionScanPatterns
    from .metadata import MetadataPatterns, PublishedSource
    from .narrative_shapes import NarrativeShapes
    from .nulls import NullReason, NullsPatterns
    from .plausibility import NamedPattern, PlausibilityRules
    from .ratings import FuzzyWord, RatingsPatterns, RatingWord
    from .ratings_table import RatingsTablePatterns
    from .reading import ReadingPatterns
    from .recommendations import RecommendationPatterns
    from .thematic import ThematicPatterns
    from .tokenizer import TokenizerPatterns
    from .validation import VALIDATION_PLACEHOLDERS, ValidationPatterns
    from .vocab import Vocab

__all__ = [
    "VALIDATION_PLACEHOLDERS",
    "AnnualPatterns",
    "Band",
    "BodiesPatterns",
    "BodyFamily",
    "Cue",
    "DetectionPatterns",
    "EvaluationRules",
    "FixedBody",
    "Framework",
    "Frameworks",
    "FuzzyWord",
    "KeyFactPatterns",
    "KeyQuestionBands",
    "KeyQuestionHeader",
    "KeyQuestionPatterns",
    "KeyQuestionScanPatterns",
    "KindCues",
    "MetadataPatterns",
    "NamedPattern",
    "NarrativeShapes",
    "NullReason",
    "NullsPatterns",
    "PlausibilityRules",
    "PublishedSource",
    "PublisherCues",
    "RatingWord",
    "RatingsPatterns",
    "RatingsTablePatterns",
    "ReadingPatterns",
    "RecommendationPatterns",
    "RuleError",
    "StandardRule",
    "ThematicPatterns",
    "ThematicTallyPatterns",
    "TokenizerPatterns",
    "ValidationPatterns",
    "Vocab",
    "annual_patterns",
    "bodies_patterns",
    "cache_dir",
    "detection_patterns",
    "evaluation_rules",
    "frameworks",
    "keyquestion_patterns",
    "keyquestion_scan_patterns",
    "load",
    "load_all",
    "metadata_patterns",
    "narrative_shapes",
    "nulls_patterns",
    "patterns_dir",
    "plausibility_rules",
    "ratings_patterns",
    "ratings_table_patterns",
    "reading_patterns",
    "recommendation_patterns",
    "thematic_patterns",
    "tokenizer_patterns",
    "validation_patterns",
    "vocab",
]

# Every rule file and its schema (module of this package, class), vocab.yaml first (the others
# are checked against it). The classes are imported only to validate (`schema`).
SCHEMAS: dict[str, tuple[str, str]] = {
    "vocab.yaml": ("vocab", "Vocab"),
    "frameworks.yaml": ("frameworks", "Frameworks"),
    "ratings.yaml": ("ratings", "RatingsPatterns"),
    "detection.yaml": ("detection", "DetectionPatterns"),
    "validation.yaml": ("validation", "ValidationPatterns"),
    "keyquestions.yaml": ("keyquestions", "KeyQuestionPatterns"),
    "bodies.yaml": ("bodies", "BodiesPatterns"),
    "recommendations.yaml": ("recommendations", "RecommendationPatterns"),
    "annual.yaml": ("annual", "AnnualPatterns"),
    "metadata.yaml": ("metadata", "MetadataPatterns"),
    "thematic.yaml": ("thematic", "ThematicPatterns"),
    "plausibility.yaml": ("plausibility", "PlausibilityRules"),
    "nulls.yaml": ("nulls", "NullsPatterns"),
    "ratings_table.yaml": ("ratings_table", "RatingsTablePatterns"),
    "keyquestions_scan.yaml": ("keyquestions_scan", "KeyQuestionScanPatterns"),
    "narrative_shapes.yaml": ("narrative_shapes", "NarrativeShapes"),
    "reading.yaml": ("reading", "ReadingPatterns"),
    "tokenizer.yaml": ("tokenizer", "TokenizerPatterns"),
    "evaluation.yaml": ("evaluation", "EvaluationRules"),
}

# The schema module of every class (and constant) named in __all__, imported on first use.
_SCHEMA_MODULE_OF = {
    **{cls: module for module, cls in SCHEMAS.values()},
    **dict.fromkeys(("KeyFactPatterns", "ThematicTallyPatterns"), "annual"),
    **dict.fromkeys(("BodyFamily", "FixedBody"), "bodies"),
    **dict.fromkeys(("Cue", "KindCues", "PublisherCues"), "detection"),
    **dict.fromkeys(("Band", "Framework", "KeyQuestionBands", "StandardRule"), "frameworks"),
    "KeyQuestionHeader": "keyquestions",
    "PublishedSource": "metadata",
    "NullReason": "nulls",
    "NamedPattern": "plausibility",
    **dict.fromkeys(("FuzzyWord", "RatingWord"), "ratings"),
    "VALIDATION_PLACEHOLDERS": "validation",
}


def __getattr__(name: str) -> Any:
    """A schema class (or constant) of __all__, imported from its module on first use."""
    module = _SCHEMA_MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __package__), name)


def schema(name: str) -> type[BaseModel]:
    """The schema class of rule file `name` (a key of SCHEMAS), its module imported."""
    module, cls = SCHEMAS[name]
    found: type[BaseModel] = getattr(importlib.import_module(f".{module}", __package__), cls)
    return found


@cache
def frameworks() -> Frameworks:
    """patterns/frameworks.yaml (rating rules of each framework)."""
    return cast("Frameworks", load_all()["frameworks.yaml"])


@cache
def ratings_patterns() -> RatingsPatterns:
    """patterns/ratings.yaml (words of ratings tables)."""
    return cast("RatingsPatterns", load_all()["ratings.yaml"])


@cache
def detection_patterns() -> DetectionPatterns:
    """patterns/detection.yaml (publisher and kind cues)."""
    return cast("DetectionPatterns", load_all()["detection.yaml"])


@cache
def validation_patterns() -> ValidationPatterns:
    """patterns/validation.yaml (the checks of `docextract validate`)."""
    return cast("ValidationPatterns", load_all()["validation.yaml"])


@cache
def keyquestion_patterns() -> KeyQuestionPatterns:
    """patterns/keyquestions.yaml (key-question tables)."""
    return cast("KeyQuestionPatterns", load_all()["keyquestions.yaml"])


@cache
def bodies_patterns() -> BodiesPatterns:
    """patterns/bodies.yaml (addressee bodies)."""
    return cast("BodiesPatterns", load_all()["bodies.yaml"])


@cache
def recommendation_patterns() -> RecommendationPatterns:
    """patterns/recommendations.yaml (recommendations and progress)."""
    return cast("RecommendationPatterns", load_all()["recommendations.yaml"])


@cache
def annual_patterns() -> AnnualPatterns:
    """patterns/annual.yaml (annual reports)."""
    return cast("AnnualPatterns", load_all()["annual.yaml"])


@cache
def metadata_patterns() -> MetadataPatterns:
    """patterns/metadata.yaml (publication date, title)."""
    return cast("MetadataPatterns", load_all()["metadata.yaml"])


@cache
def thematic_patterns() -> ThematicPatterns:
    """patterns/thematic.yaml (lead inspectorates)."""
    return cast("ThematicPatterns", load_all()["thematic.yaml"])


@cache
def plausibility_rules() -> PlausibilityRules:
    """patterns/plausibility.yaml (values no report can mean)."""
    return cast("PlausibilityRules", load_all()["plausibility.yaml"])


@cache
def nulls_patterns() -> NullsPatterns:
    """patterns/nulls.yaml (why a field is null)."""
    return cast("NullsPatterns", load_all()["nulls.yaml"])


@cache
def ratings_table_patterns() -> RatingsTablePatterns:
    """patterns/ratings_table.yaml (the rows of a ratings box)."""
    return cast("RatingsTablePatterns", load_all()["ratings_table.yaml"])


@cache
def keyquestion_scan_patterns() -> KeyQuestionScanPatterns:
    """patterns/keyquestions_scan.yaml (the rows of key-question tables)."""
    return cast("KeyQuestionScanPatterns", load_all()["keyquestions_scan.yaml"])


@cache
def narrative_shapes() -> NarrativeShapes:
    """patterns/narrative_shapes.yaml (how the narrative check composes its patterns)."""
    return cast("NarrativeShapes", load_all()["narrative_shapes.yaml"])


@cache
def reading_patterns() -> ReadingPatterns:
    """patterns/reading.yaml (characters folded, footnote markers and markup residue removed by normalisation)."""
    return cast("ReadingPatterns", load_all()["reading.yaml"])


@cache
def tokenizer_patterns() -> TokenizerPatterns:
    """patterns/tokenizer.yaml (spaCy's tokenizer and sentencizer on plain text, mirrored)."""
    return cast("TokenizerPatterns", load_all()["tokenizer.yaml"])


@cache
def evaluation_rules() -> EvaluationRules:
    """patterns/evaluation.yaml (how `docextract eval` compares a record with a truth file)."""
    return cast("EvaluationRules", load_all()["evaluation.yaml"])


@dataclass(frozen=True)
class Rules:
    """Every rule file, validated and checked against the others (`load_all`)."""

    files: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.files[name]


@cache
def vocab() -> Vocab:
    """patterns/vocab.yaml (rating words, report kinds, months, number words)."""
    return cast("Vocab", load_all()["vocab.yaml"])


@cache
def load_all() -> Rules:
    """Every rule file of `patterns/`, validated, checked against the others and made plain
    (`plain.to_plain`), for the process; kept pickled in the cache directory (`cache_dir`), keyed
    by every file's bytes and the code of this package (`loader.code_key`), so a change to either
    validates and checks them all again. Raises RuleError naming the first file at fault."""
    folder = patterns_dir()
    target = _plain_cache({name: (folder / name).read_bytes() for name in SCHEMAS})
    if target is not None:
        try:
            with target.open("rb") as handle:
                files = pickle.load(handle)
            if isinstance(files, dict) and list(files) == list(SCHEMAS):
                return Rules(files)
        except Exception:  # absent, unreadable or stale: validate again
            pass
    files = {name: to_plain(model) for name, model in check_all(folder).files.items()}
    if target is not None:
        store(target, files)
    return Rules(files)


def _plain_cache(raw: dict[str, bytes]) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(code_key().encode())
    for name, data in raw.items():
        digest.update(f"\0{name}\0{len(data)}\0".encode() + data)
    return directory / f"rules-{digest.hexdigest()[:32]}.pickle"


def check_all(folder: Path) -> Rules:
    """The rule files of `folder` validated (`load`: the pydantic models) and cross-checked (no
    process cache; tests use it on copies of `patterns/`). Raises RuleError: the problems of the
    first file that breaks its schema, else every disagreement between files."""
    files = {name: load(name, schema(name), folder) for name in SCHEMAS}
    problems = cross_file_problems(files)
    if problems:
        raise RuleError(problems)
    return Rules(files)


def cross_file_problems(files: dict[str, Any]) -> list[RuleProblem]:
    """Disagreements between validated rule files (code rule_cross_file, or rule_unknown_rating
    for a rating word list missing a word of vocab.yaml)."""
    words: Vocab = files["vocab.yaml"]
    rules: Frameworks = files["frameworks.yaml"]
    out: list[RuleProblem] = []
    points = max(rules.ratings.values())
    plausible: PlausibilityRules = files["plausibility.yaml"]
    if plausible.scores.points_per_standard != points:
        out.append(problem(
            RULE_CROSS_FILE, "plausibility.yaml", "scores.points_per_standard",
            f"{plausible.scores.points_per_standard} points per standard, but frameworks.yaml gives the best"
            f" rating {points}",
        ))  # fmt: skip
    rated = words.kinds_where("rated")
    for name, framework in rules.frameworks.items():
        if framework.kind not in rated:
            out.append(problem(
                RULE_CROSS_FILE, "frameworks.yaml", f"frameworks.{name}.kind",
                f"{framework.kind!r} is not a rated kind of vocab.yaml ({', '.join(sorted(rated))})",
            ))  # fmt: skip
    checks: ValidationPatterns = files["validation.yaml"]
    for key in ("key_questions_expected_kinds", "multi_unit_kinds"):
        for index, kind in enumerate(getattr(checks, key)):
            if kind not in rated:
                out.append(problem(
                    RULE_CROSS_FILE, "validation.yaml", f"{key}[{index}]",
                    f"{kind!r} is not a rated kind of vocab.yaml ({', '.join(sorted(rated))})",
                ))  # fmt: skip
    spelled: RatingsPatterns = files["ratings.yaml"]
    lists = {
        ("ratings.yaml", "ratings"): {w.canonical for w in spelled.ratings},
        ("validation.yaml", "narrative.rating_words"): set(checks.narrative.rating_words),
    }
    for (file, key), listed in lists.items():
        missing = [r for r in words.ratings if r not in listed]
        if missing:
            out.append(
                problem(RULE_UNKNOWN_RATING, file, key, f"the rating word(s) {missing} of vocab.yaml are missing")
            )
    return out
