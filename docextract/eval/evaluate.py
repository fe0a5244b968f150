"""Field-level accuracy against ground truth (TRUTH-FORMAT JSON), the way GROBID reports it.

For each report `NAME.pdf` (or `.txt`/`.md`) with a truth file `NAME.json`, every field
family is turned into a multiset of items; precision, recall and F1 are computed over
all reports together, both strictly (values as printed) and after normalisation
(case, white space and punctuation folded).
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from ..model.errors import DocextractError
from ..pipeline import parse
from ..rules.patterns import evaluation_rules
from ..rules.regexes import compiled

Item = tuple[Any, ...]
# Keys only a docextract record has: a truth directory holding these compares docextract with itself.
RECORD_KEYS = ("docextract_version", "schema_version")


class TruthError(Exception):
    """The truth directory cannot serve as ground truth (the CLI exits 2)."""


@dataclass(frozen=True)
class Miss:
    """One item of one document that the parse and the truth disagree on (after normalisation):
    `missed` is in the truth but not the parse, `extra` in the parse but not the truth."""

    file: str
    family: str
    kind: str  # "missed" or "extra"
    item: Item


FAMILIES = ("metadata", "ratings", "scores", "key_questions", "recommendations")
SUFFIXES = (".pdf", ".txt", ".md")
_PUNCT = regex.compile(r"[\p{P}\p{S}]+")


def normalise(value: Any) -> Any:
    """Case, white space, quotes, dashes and punctuation folded; non-strings unchanged."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def published_as_truth(value: str | None, truth: str | None) -> str | None:
    """The record's `published` in the precision of the truth (TRUTH-FORMAT: `published` is the
    month of publication, "YYYY-MM", null where the report prints none). A year-only value
    ("2019", from "© Crown copyright 2019") states no month: against a month truth (or a null one)
    it counts as no month, null; against a year-only truth ("2019") it is compared as it is."""
    year_only = compiled(evaluation_rules().year_only)  # patterns/evaluation.yaml
    if value is not None and year_only.match(value) and not (truth is not None and year_only.match(truth)):
        return None
    return value


def _units(record: dict[str, Any]) -> list[dict[str, Any]]:
    return list(record.get("units") or [])


def items(record: dict[str, Any], family: str) -> list[Item]:
    """The items of one field family, from a record or a truth file (same shape)."""
    if family == "metadata":
        return [(key, record.get(key)) for key in evaluation_rules().metadata_fields]
    if family == "ratings":
        out: list[Item] = []
        for unit in _units(record):
            out.append((unit["name"], "overall", unit.get("overall_rating")))
            out.extend((unit["name"], s["code"], s["name"], s.get("rating")) for s in unit.get("standards", []))
        return out
    if family == "scores":
        return [(u["name"], u.get("score"), u.get("max_score")) for u in _units(record)]
    if family == "key_questions":
        return [
            (unit["name"], standard["code"], kq["text"], kq.get("percent"))
            for unit in _units(record)
            for standard in unit.get("standards", [])
            for kq in standard.get("key_questions", [])
        ]
    if family == "recommendations":
        return [
            (r.get("number"), r.get("unit"), r.get("addressee"), r["text"]) for r in record.get("recommendations", [])
        ]
    raise ValueError(f"unknown field family {family!r}")


@dataclass
class Tally:
    """Counts of one field family: values matched, predicted and expected, and the rates from them."""

    matched: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, predicted: Iterable[Item], expected: Iterable[Item]) -> None:
        """Count one document's predicted and expected values (multisets: a value twice must match twice)."""
        got, want = Counter(predicted), Counter(expected)
        self.matched += sum((got & want).values())
        self.predicted += sum(got.values())
        self.expected += sum(want.values())

    @property
    def precision(self) -> float:
        """Matched over predicted (1.0 when nothing was predicted)."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Matched over expected (1.0 when nothing was expected)."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0.0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """The result of an evaluation: tallies per field family (strict and normalised), documents, failures, timing."""

    strict: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FAMILIES})
    normalised: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FAMILIES})
    documents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    missing_truth: list[str] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    misses: list[Miss] = field(default_factory=list)

    @property
    def seconds_per_page(self) -> float:
        """Seconds of parsing per page (0.0 when no page was read)."""
        return self.seconds / self.pages if self.pages else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The evaluation as JSON-ready data: per family precision, recall, F1 and counts, and the run's figures."""
        def table(tallies: dict[str, Tally]) -> dict[str, dict[str, float | int]]:
            return {
                name: {"precision": round(t.precision, 4), "recall": round(t.recall, 4), "f1": round(t.f1, 4),
                       "matched": t.matched, "predicted": t.predicted, "expected": t.expected}
                for name, t in tallies.items()
            }  # fmt: skip

        return {
            "documents": self.documents,
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "missing_truth": self.missing_truth,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "seconds_per_page": round(self.seconds_per_page, 5),
            "strict": table(self.strict),
            "normalised": table(self.normalised),
            "misses": [{"file": m.file, "family": m.family, "kind": m.kind, "item": list(m.item)} for m in self.misses],
        }


def _fold(family_items: list[Item]) -> list[Item]:
    return [tuple(normalise(value) for value in item) for item in family_items]


def _misses(
    name: str, family: str, got: list[Item], folded_got: list[Item], want: list[Item], folded_want: list[Item]
) -> list[Miss]:
    """Items in one side but not the other after normalisation, shown as printed."""
    out: list[Miss] = []
    for kind, mine, theirs, originals in (
        ("missed", folded_want, folded_got, want),
        ("extra", folded_got, folded_want, got),
    ):
        unmatched = Counter(mine) - Counter(theirs)
        for folded, original in zip(mine, originals, strict=True):
            if unmatched[folded] > 0:
                unmatched[folded] -= 1
                out.append(Miss(name, family, kind, original))
    return out


def pairs(reports_dir: Path, truth_dir: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """(report, truth) pairs by file stem; reports without a truth file are listed apart."""
    found: list[tuple[Path, Path]] = []
    missing: list[str] = []
    for path in sorted(p for p in reports_dir.iterdir() if p.suffix.lower() in SUFFIXES):
        truth = truth_dir / f"{path.stem}.json"
        if truth.is_file():
            found.append((path, truth))
        else:
            missing.append(str(path))
    return found, missing


def evaluate(reports_dir: Path, truth_dir: Path, progress: Callable[[Path], None] | None = None) -> Evaluation:
    """Parse every report with a truth file and score it. Raises TruthError when a truth file is a
    docextract record (the truth directory is docextract's own output, not ground truth)."""
    result = Evaluation()
    found, result.missing_truth = pairs(reports_dir, truth_dir)
    for path, truth_path in found:
        if progress is not None:
            progress(path)
        result.documents += 1
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            if isinstance(truth, dict) and any(key in truth for key in RECORD_KEYS):
                raise TruthError(
                    f"{truth_path}: a docextract record (it has {', '.join(k for k in RECORD_KEYS if k in truth)}), "
                    "not ground truth: comparing docextract with its own output proves nothing"
                )
            expected = {family: items(truth, family) for family in FAMILIES}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            result.failed.append((str(truth_path), f"unreadable truth file ({type(exc).__name__}: {exc})"))
            continue
        start = time.perf_counter()
        try:
            report = parse(path)
        except DocextractError as exc:
            result.failed.append((str(path), exc.reason))
            predicted: dict[str, Any] = {}
        else:
            result.seconds += time.perf_counter() - start
            result.pages += report.source.pages
            predicted = report.model_dump()
            predicted["published"] = published_as_truth(predicted.get("published"), truth.get("published"))
            if predicted.get("stated_recommendation_count") is not None:
                predicted["stated_recommendation_count"] = predicted["stated_recommendation_count"]["value"]
        for family in FAMILIES:
            got = items(predicted, family) if predicted else []
            want = expected[family]
            result.strict[family].add(got, want)
            folded_got, folded_want = _fold(got), _fold(want)
            result.normalised[family].add(folded_got, folded_want)
            result.misses += _misses(path.name, family, got, folded_got, want, folded_want)
    return result


def render(result: Evaluation, title: str = "docextract field-level accuracy") -> Any:
    """A rich table: precision, recall and F1 per field family, strict and normalised."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    for column in ("field family", "expected", "P strict", "R strict", "F1 strict", "P norm.", "R norm.", "F1 norm."):
        table.add_column(column, justify="left" if column == "field family" else "right")
    for family in FAMILIES:
        strict, norm = result.strict[family], result.normalised[family]
        table.add_row(
            family, str(strict.expected),
            *(f"{100 * v:.1f}" for v in (strict.precision, strict.recall, strict.f1)),
            *(f"{100 * v:.1f}" for v in (norm.precision, norm.recall, norm.f1)),
        )  # fmt: skip
    footer = Text(
        f"{result.documents} documents, {len(result.failed)} failed, {result.pages} pages, "
        f"{result.seconds_per_page * 1000:.1f} ms per page"
        + (f"; {len(result.missing_truth)} without truth (skipped)" if result.missing_truth else "")
    )
    failures = [Text(f"failed: {file}: {reason}", style="red") for file, reason in result.failed]
    return Group(table, footer, *failures)


def render_misses(result: Evaluation) -> Any:
    """Every document and field that missed (normalised comparison), grouped by document."""
    from rich.text import Text

    if not result.misses:
        return Text("misses: none (every expected item found, nothing extra)")
    text = Text(f"misses ({len(result.misses)}; compared after normalisation, shown as printed):\n")
    current = None
    for miss in sorted(result.misses, key=lambda m: (m.file, FAMILIES.index(m.family), m.kind)):
        if miss.file != current:
            current = miss.file
            text.append(f"{miss.file}\n", style="bold")
        values = " | ".join("-" if v is None else str(v) for v in miss.item)
        text.append(f"  {miss.family} {miss.kind}: {values}\n", style="red" if miss.kind == "missed" else "yellow")
    return text
