"""Command line: ``python -m corpora.synth --out DIR --count N --seed S [options]``."""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .defects import DEFECT_KINDS
from .generate import ReportSpec, compose_report
from .kinds import ANNUAL_DEFECTS, THEMATIC_DEFECTS
from .producers import PRODUCERS, ProducerError, produce_many
from .values import FRAMEWORK_CHOICES, OTHER_CHOICES, VARIANT_SETS

_SHORT = {"probation-2018": "reg2018", "probation-pdu-2021": "pdu2021", "probation-pdu-2023": "pdu2023",
          "youth-2018": "youth", "thematic_inspection": "thematic", "annual_report": "annual",
          "regional_letter": "letter"}


def derive_seed(seed: int, index: int) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}:{index}".encode()).digest()[:6], "big")


def _csv(value: str, allowed: Sequence[str], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if items == ["all"]:
        return list(allowed)
    bad = [v for v in items if v not in allowed]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown {what}: {', '.join(bad)} (choose from {', '.join(allowed)})")
    return items


def _pages(value: str) -> tuple[int, int]:
    low, _, high = value.partition("-")
    return int(low), int(high or low)


def _layout(value: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in value.split(","):
        key, _, raw = item.partition("=")
        out[key.strip()] = {"true": True, "false": False}.get(raw.strip().lower(), raw.strip())
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m corpora.synth", description=__doc__)
    p.add_argument("--out", required=True, type=Path, help="output directory")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--jobs", type=int, default=1, help="worker processes")
    p.add_argument("--defects", default="", help=f"comma list of {', '.join(DEFECT_KINDS)}, or 'all'")
    p.add_argument("--frameworks", default="all",
                   help=f"comma list of {', '.join(FRAMEWORK_CHOICES + OTHER_CHOICES)}, or 'all' (the rated "
                        "frameworks, drawn per report)")
    p.add_argument("--pages", type=_pages, default=None, help="target page range, e.g. 12-18")
    p.add_argument("--layout", type=_layout, default={}, help="force layout variants, e.g. ratings_table=stacked")
    p.add_argument("--name", default=None, help="file name stem (suffixed -NNNNN when --count > 1)")
    p.add_argument("--producer", default="reportlab", choices=PRODUCERS,
                   help="the program that prints the PDF (same report, same truth); see corpora/synth/producers.py")
    p.add_argument("--distil-from", default="reportlab", choices=[x for x in PRODUCERS if x != "ghostscript"],
                   help="with --producer ghostscript: whose PDF is re-distilled")
    p.add_argument("--variants", default="all", choices=VARIANT_SETS,
                   help="'all' (the default): also draw the layout variants added with the producer matrix "
                        "(score in words, code/name/rating on own lines, wrapped ratings, domain heading after "
                        "the recommendations, year-only date, annex key-question table, with its comparison "
                        "column where the report has one, key-question rows that may break across pages "
                        "in a .docx); 'classic': only the layouts from before it; 'all_kq_columns': 'all' and "
                        "key-question tables with case-count columns before the percentage or the percentage "
                        "column first (kq_columns)")
    p.add_argument("--sources", action="store_true", help="also write the HTML or .docx a producer printed")
    p.add_argument("--text", action="store_true",
                   help="also write NAME.txt (form feed between pages; reportlab and fpdf2 only)")
    p.add_argument("--quiet", action="store_true")
    return p


def specs(args: argparse.Namespace) -> list[ReportSpec]:
    frameworks = FRAMEWORK_CHOICES if args.frameworks == "all" else _csv(
        args.frameworks, FRAMEWORK_CHOICES + OTHER_CHOICES, "framework")
    every_defect = tuple(dict.fromkeys(DEFECT_KINDS + THEMATIC_DEFECTS + ANNUAL_DEFECTS))
    defects = _csv(args.defects, every_defect, "defect kind") if args.defects else []
    out = []
    for i in range(args.count):
        seed = derive_seed(args.seed, i)
        framework = random.Random(f"{seed}:framework").choice(frameworks)  # independent of the report's stream
        if args.name:
            name = args.name if args.count == 1 else f"{args.name}-{i:05d}"
        else:
            name = f"synth-{args.seed}-{i:05d}-{_SHORT[framework]}"
        out.append(ReportSpec(name, seed, framework, defects, args.pages, args.layout, args.variants,
                              args.producer))
    return out


def _write(out: Path, args: argparse.Namespace, chunk: list[ReportSpec]) -> list[str]:
    composed = [compose_report(spec) for spec in chunk]
    reports = produce_many(composed, args.producer, args.distil_from, out if args.sources else None)
    lines = []
    for report in reports:
        (out / f"{report.name}.pdf").write_bytes(report.pdf)
        (out / f"{report.name}.json").write_text(report.truth_json(), encoding="utf-8")
        if args.text:
            (out / f"{report.name}.txt").write_text(report.text, encoding="utf-8")
        lines.append(f"{report.name}: {report.truth['synth']['pages']} pages")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        todo = specs(args)
    except argparse.ArgumentTypeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.text and args.producer not in ("reportlab", "fpdf2"):
        print("error: --text needs a producer that uses the own layout (reportlab, fpdf2)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    # reports are printed in chunks (LibreOffice converts a chunk in one process)
    jobs = max(1, args.jobs)
    if args.producer == "libreoffice":  # one soffice start per worker and chunk
        size = min(25, -(-len(todo) // jobs))
    else:
        size = max(1, min(25, len(todo) // (jobs * 4))) if args.producer != "reportlab" else 1
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    work = [(args.out, args, chunk) for chunk in chunks]
    try:
        if args.jobs > 1 and len(chunks) > 1:
            with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
                done = pool.starmap(_write, work, chunksize=max(1, len(work) // (args.jobs * 8)))
        else:
            done = [_write(*w) for w in work]
    except ProducerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    lines = [line for chunk_lines in done for line in chunk_lines]
    elapsed = time.perf_counter() - start
    if not args.quiet:
        for line in lines:
            print(line)
    print(f"{len(todo)} reports ({args.producer}) in {elapsed:.1f} s ({elapsed / max(1, len(todo)):.3f} s per "
          f"report, {args.jobs} job(s))", file=sys.stderr)
    return 0
