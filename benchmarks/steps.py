"""Where a warm parse's CPU goes, step by step of `pipeline.parse_document`, and code A against B.

    python -m benchmarks.steps [--repeat R] [FILE ...]                              # this tree
    python -m benchmarks.steps --against DIR [--tree DIR] [--rounds N] [FILE ...]    # A against B

Each step of the pipeline (opening and the cheap pass, detection, metadata, ratings, key
questions, recommendations, the annual extractors, provenance, places, nulls, statements) is
timed in CPU seconds by wrapping the names `docextract.pipeline` calls (the reading layer's
character reads and layout of table pages apart, wherever they run; a step's time excludes the
steps it calls); a file's step time is the median over `--repeat` parses (after one warm-up
parse of every file), a step's figure the sum of those medians over the files. With
`--against`, a worker process of each tree (A: `--against`; B: `--tree`, this tree by default)
runs in turn, A B A B ... for `--rounds` rounds, each pinned to one core where possible, so
machine noise falls on both; the table gives the medians over rounds and the ratio B / A. The
default files: the corpus, the shared producer inputs and the committed producer fixtures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    ROOT.parent / "shared" / "corpus" / "pdf",
    ROOT.parent / "shared" / "producers",
    ROOT / "tests" / "fixtures" / "producers",
]
# the names pipeline.py calls, grouped into the steps reported (several names may share a step)
STEPS = {
    "open_document": "read (open + cheap pass)",
    "detect": "detect",
    "extract_metadata": "metadata",
    "extract_units": "ratings",
    "extract_key_questions": "key questions",
    "units_from_key_questions": "key questions",
    "extract_recommendations": "recommendations",
    "extract_annual": "annual",
    "lead_inspectorates": "annual",
    "trace": "provenance",
    "place_record": "places + nulls",
    "explain_nulls": "places + nulls",
    "place_warnings": "places + nulls",
    "extract_statements": "statements",
}
# parts of the reading layer's table pages (timed inside "read", and again wherever rows are made lazily)
READ_PARTS = {"pdfium_chars": "character reads", "rows_from_chars": "layout"}


def default_files() -> list[str]:
    """Every PDF of the default sets that is present."""
    return [str(p) for folder in FILES if folder.exists() for p in sorted(folder.rglob("*.pdf"))]


def _timers(current: dict[str, float]) -> None:
    """Wrap the names of STEPS (in docextract.pipeline) and READ_PARTS (in docextract.read.pdf) so
    that each call adds its CPU time to `current[step]`, less the time of the wrapped calls it makes."""
    from docextract import pipeline
    from docextract.read import pdf

    active: list[str] = []  # the steps running, innermost last

    def timed(module: Any, name: str, step: str) -> None:
        function = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            active.append(step)
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                active.pop()
                current[step] = current.get(step, 0.0) + elapsed
                if active:
                    current[active[-1]] = current.get(active[-1], 0.0) - elapsed

        setattr(module, name, wrapper)

    for module, names in ((pipeline, STEPS), (pdf, READ_PARTS)):
        for name, step in names.items():
            if hasattr(module, name):
                timed(module, name, step)


def measure(files: list[str], repeat: int) -> dict[str, float]:
    """Per step, the sum over files of the median CPU seconds of `repeat` parses (in this process)."""
    from docextract import pipeline

    current: dict[str, float] = {}
    _timers(current)

    def once(file: str) -> dict[str, float]:
        current.clear()
        start = time.process_time()
        pipeline.parse(file)
        current["whole parse"] = time.process_time() - start
        current["the rest"] = current["whole parse"] - sum(v for k, v in current.items() if k != "whole parse")
        return dict(current)

    for file in files:
        once(file)
    per_file: dict[str, list[dict[str, float]]] = {file: [] for file in files}
    for _ in range(repeat):
        for file in files:
            per_file[file].append(once(file))
    totals: dict[str, float] = {}
    for runs in per_file.values():
        for step in {s for run in runs for s in run}:
            totals[step] = totals.get(step, 0.0) + statistics.median(run.get(step, 0.0) for run in runs)
    return totals


def run_worker(tree: Path, files: list[str], repeat: int) -> dict[str, float]:
    """`measure` in a fresh process with `tree` first on the path (pinned to one core if possible)."""
    command = [sys.executable, "-m", "benchmarks.steps", "--worker", "--repeat", str(repeat), *files]
    if hasattr(os, "sched_setaffinity") and Path("/usr/bin/taskset").exists():
        command = ["taskset", "-c", "0", *command]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    output = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(output.splitlines()[-1])
    return result


def table(columns: dict[str, dict[str, float]]) -> str:
    """Steps as rows, one column of milliseconds per tree (and B / A for two)."""
    names = list(columns)
    steps = sorted({s for c in columns.values() for s in c}, key=lambda s: -max(c.get(s, 0) for c in columns.values()))
    lines = ["step".ljust(28) + "".join(n.rjust(12) for n in names) + ("   B/A" if len(names) == 2 else "")]
    for step in steps:
        values = [columns[n].get(step, 0.0) for n in names]
        line = step.ljust(28) + "".join(f"{1000 * v:12.1f}" for v in values)
        if len(values) == 2 and values[0]:
            line += f"  {values[1] / values[0]:5.2f}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="a tree with the code to compare (A)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="a tree with the code to measure (B)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files = args.files or default_files()
    if args.worker:
        print(json.dumps(measure(files, args.repeat)))
        return 0
    if not args.against:
        print(table({"ms": run_worker(args.tree.resolve(), files, args.repeat)}))
        return 0
    rounds: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for _ in range(args.rounds):
        rounds["A"].append(run_worker(args.against.resolve(), files, args.repeat))
        rounds["B"].append(run_worker(args.tree.resolve(), files, args.repeat))
    medians = {
        name: {step: statistics.median(r.get(step, 0.0) for r in runs) for step in {s for r in runs for s in r}}
        for name, runs in rounds.items()
    }
    print(f"{len(files)} files; A = {args.against}, B = {args.tree}; CPU ms, medians of {args.rounds} rounds")
    print(table(medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
