"""The committed producer fixtures: every framework the generator knows × every producer.

``python -m corpora.synth.fixtures --write [--out tests/fixtures/producers] [--producers a,b]``
(``make fixtures``) regenerates them. They are golden files, reviewed by a person before they
are committed: nothing is written without ``--write``, and never under CI (``CI`` set), where
the command exits 2. Without ``--write`` it lists the fixtures it would make.

Each producer prints the same reports: one per framework (the regional letter, youth-2018, a
thematic inspection and an annual report too), each rated one with a fixed set of layout
variants so that together they cover every variant, a classic layout, and one report with six
kinds of defect injected. Short (``--pages 2-3``) to keep the files small.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .generate import ReportSpec, compose_report
from .producers import PRODUCERS, ProducerError, available, produce_many

DEFAULT_OUT = Path("tests/fixtures/producers")
PAGES = (2, 3)


@dataclass(frozen=True)
class Fixture:
    stem: str  # the file name after "<producer>-"
    seed: int
    framework: str
    layout: tuple[tuple[str, object], ...]
    defects: tuple[str, ...] = ()

    def spec(self, producer: str) -> ReportSpec:
        return ReportSpec(f"{producer}-{self.stem}", self.seed, self.framework, list(self.defects), PAGES,
                          dict(self.layout), "all", producer)


FIXTURES: tuple[Fixture, ...] = (
    Fixture("reg2018-lines-words-annex-yearonly", 101, "probation-2018",
            (("ratings_table", "lines"), ("score_format", "words"), ("kq_place", "annex"),
             ("published_style", "year_only"), ("kq_table", "comparator"), ("domain_after_recs", False))),
    Fixture("pdu2021-ruled-wrap-spaced-domainafter", 102, "probation-pdu-2021",
            (("ratings_table", "ruled"), ("rating_wrap", True), ("score_format", "spaced"),
             ("domain_after_recs", True), ("kq_table", "plain"), ("kq_place", "section"),
             ("published_style", "month"))),
    Fixture("pdu2023-borderless-wrap-words-comparator", 103, "probation-pdu-2023",
            (("ratings_table", "borderless"), ("rating_wrap", True), ("score_format", "words"),
             ("kq_table", "comparator"), ("kq_place", "section"), ("domain_after_recs", False),
             ("published_style", "month"), ("footnote_on_percent", True))),
    Fixture("letter-stacked-slash", 104, "regional_letter",
            (("ratings_table", "stacked"), ("score_format", "slash"), ("rating_wrap", False))),
    Fixture("pdu2021-classic", 105, "probation-pdu-2021",
            (("ratings_table", "ruled"), ("score_format", "slash"), ("rating_wrap", False),
             ("domain_after_recs", False), ("kq_place", "section"), ("published_style", "month"))),
    Fixture("youth-ruled-slash", 107, "youth-2018",
            (("ratings_table", "ruled"), ("score_format", "slash"), ("rating_wrap", False),
             ("domain_after_recs", False), ("kq_place", "section"), ("published_style", "month"))),
    Fixture("youth-lines-words-letter", 110, "youth-2018",  # a ratings box longer than a Letter page
            (("ratings_table", "lines"), ("score_format", "words"), ("page_size", "Letter"),
             ("font", "Helvetica"), ("rating_wrap", False), ("domain_after_recs", False), ("kq_place", "section"),
             ("published_style", "month"))),
    Fixture("thematic", 108, "thematic_inspection", ()),
    Fixture("annual", 109, "annual_report", ()),
    Fixture("pdu2023-defects", 106, "probation-pdu-2023",
            (("ratings_table", "ruled"), ("score_format", "slash"), ("rating_wrap", False),
             ("domain_after_recs", False), ("kq_place", "section"), ("published_style", "month")),
             ("standard_rating_mismatch", "score_mismatch", "numbering_gap", "broken_cross_reference",
              "recommendation_count_mismatch", "count_percent_mismatch")),
)
SOURCES = {"chromium": ".html", "libreoffice": ".docx"}  # kept beside the PDF for a person to look at


def write(out: Path, producers: Sequence[str]) -> list[Path]:
    """Regenerate the fixtures of ``producers`` in ``out``; returns the files written."""
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    for producer in producers:
        composed = [compose_report(f.spec(producer)) for f in FIXTURES]
        keep = out if producer in SOURCES else None
        for report in produce_many(composed, producer, keep_sources=keep):
            pdf, truth = out / f"{report.name}.pdf", out / f"{report.name}.json"
            pdf.write_bytes(report.pdf)
            truth.write_text(report.truth_json(), encoding="utf-8")
            written += [pdf, truth]
            if keep:
                written.append(out / f"{report.name}{SOURCES[producer]}")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m corpora.synth.fixtures", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--producers", default="all", help=f"comma list of {', '.join(PRODUCERS)}, or 'all'")
    p.add_argument("--write", action="store_true", help="regenerate the golden files (refused under CI)")
    args = p.parse_args(argv)
    producers = list(PRODUCERS) if args.producers == "all" else [x.strip() for x in args.producers.split(",")]
    unknown = [x for x in producers if x not in PRODUCERS]
    if unknown:
        print(f"error: unknown producer(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    if not args.write:
        for producer in producers:
            for f in FIXTURES:
                print(f"{args.out / f.spec(producer).name}.pdf")
        print("(dry run: pass --write to regenerate)", file=sys.stderr)
        return 0
    if os.environ.get("CI"):
        print("error: fixtures are golden files reviewed by a person: not regenerated under CI", file=sys.stderr)
        return 2
    missing = [x for x in producers if not available(x)]
    if missing:
        print(f"error: producer program(s) missing for: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        files = write(args.out, producers)
    except ProducerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(files)} files written to {args.out}; review `git diff --stat {args.out}` before committing",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
