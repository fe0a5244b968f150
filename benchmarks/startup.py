"""Start-up benchmark: how long a person waits for the `docextract` command, as fresh processes.

    python -m benchmarks.startup [--repeat R] [--module] [--imports] [--breakdown] [--json] [PDF]

Each case runs as a new process, interleaved with the baseline (B A B A …) so that load on a
shared machine hits both alike: the baseline is a bare Python that imports pypdfium2 and
reads the text of every page of the same PDF (the least any parse must do). The cases are
`docextract --version`, `docextract --help` and a cold `docextract parse PDF` (JSON to a
pipe), each run as the installed `docextract` script runs it (`--module`: as `python -m
docextract`), with docextract's modules compiled to bytecode first, as `pip install` leaves them.
It reports the median wall time and CPU time (user + system, from wait4) of each
and their ratios to the baseline's medians, against the targets of issue 16
(`--version` and `--help` ≤ 1.5×, cold parse ≤ 3×, judged on CPU time: wall time on a shared
machine measures the other sessions too). `--imports` adds what each heavy import costs,
`--breakdown` where a cold parse's CPU goes. Results go to
benchmarks/results/startup-<UTC time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CORPUS = Path(os.environ.get("DOCEXTRACT_CORPUS", ROOT.parent / "shared" / "corpus"))
DEFAULT_PDF = CORPUS / "pdf" / "2024-wakefield-pdu.pdf"

BASELINE = """
import sys
import pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
text = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
sys.stdout.write(str(sum(map(len, text))))
"""

TARGETS = {"--version": 1.5, "--help": 1.5, "parse": 3.0}  # on the CPU ratio (wall is shown too)

# Where a cold parse's CPU goes (--breakdown): fresh processes importing ever more of what the
# command loads, set up as the command sets itself up (docextract/command.py); each step's cost
# is its median minus the previous step's.
_AS_THE_COMMAND = (
    "import gc, os; gc.disable(); os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__'); "
    "from docextract.command import skip_plugin_loader; skip_plugin_loader()"
)
STEPS = {
    "Python and the docextract package": "",
    "pypdfium2": "import pypdfium2",
    "pydantic": "from pydantic import BaseModel, Field",
    "the record's models (built)": "import docextract.model.record",
    # `parse FILE...` runs without typer (docextract/parsing.py)
    "the parse command's entry": "import docextract.parsing",
    "the parser's modules, cached pattern files and regexes": "import docextract.pipeline",
}

# What each heavy import costs a fresh process (CPU seconds over a bare `python -c pass`),
# and what docextract uses it for (README, "Start-up").
IMPORTS = {
    "pypdfium2": "import pypdfium2",
    "pydantic + the record's models": "import docextract.model.record",
    "PyYAML (pattern files not cached)": "import yaml",
    "typer": "import typer",
    "rich tables": "import rich.console, rich.table",
    "pdfplumber": "import pdfplumber",
    "duckdb": "import duckdb",
    "dask.distributed": "import distributed",
    "spaCy (import)": "import spacy",
    "spaCy (import + blank pipeline)": "import docextract.extract.addressees as a; a.nlp()",
}


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process (output discarded, must exit 0)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {stderr}")
    return wall, usage.ru_utime + usage.ru_stime


# The `docextract` command as its installed script runs it (pip's console-script wrapper:
# `from docextract.command import main; main()`), what a person typing `docextract` waits for.
# `python -m docextract` costs ~5 ms CPU more (runpy and importlib.util): `--module` measures that.
SCRIPT = "import sys; from docextract.command import main; sys.exit(main())"


def cases(pdf: Path, module: bool = False) -> dict[str, list[str]]:
    command = [sys.executable, "-m", "docextract"] if module else [sys.executable, "-c", SCRIPT]
    return {
        "baseline": [sys.executable, "-c", BASELINE, str(pdf)],
        "--version": [*command, "--version"],
        "--help": [*command, "--help"],
        "parse": [*command, "parse", str(pdf)],
    }


def measure(pdf: Path, repeat: int, module: bool = False) -> dict[str, Any]:
    # As installed: pip compiles every module to bytecode at install time. (With
    # PYTHONDONTWRITEBYTECODE set, Python would otherwise compile docextract's source on every run.)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "docextract")], check=True)
    runs = cases(pdf, module)
    for argv in runs.values():  # warm the file cache and .pyc files
        _run(argv)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, argv in runs.items():
            if name != "baseline":
                times["baseline"].append(_run(runs["baseline"]))
                times[name].append(_run(argv))
    base_wall = statistics.median(t[0] for t in times["baseline"])
    base_cpu = statistics.median(t[1] for t in times["baseline"])
    results: dict[str, Any] = {}
    for name, samples in times.items():
        wall = statistics.median(t[0] for t in samples)
        cpu = statistics.median(t[1] for t in samples)
        results[name] = {
            "wall_median_s": round(wall, 4),
            "cpu_median_s": round(cpu, 4),
            "wall_ratio": round(wall / base_wall, 2),
            "cpu_ratio": round(cpu / base_cpu, 2),
            "target_ratio": TARGETS.get(name),
            "runs": len(samples),
        }
    return results


def import_costs(repeat: int) -> dict[str, float]:
    """Median CPU seconds each heavy import adds to a fresh process."""
    bare = [sys.executable, "-c", "pass"]
    costs: dict[str, list[float]] = {name: [] for name in IMPORTS}
    base: list[float] = []
    for _ in range(repeat):
        base.append(_run(bare)[1])
        for name, code in IMPORTS.items():
            costs[name].append(_run([sys.executable, "-c", code])[1])
    floor = statistics.median(base)
    return {name: round(statistics.median(values) - floor, 3) for name, values in costs.items()}


def breakdown(pdf: Path, repeat: int, module: bool = False) -> dict[str, float]:
    """Median CPU seconds each step of STEPS adds, then the parse itself (a cold parse's median
    minus all the steps: reading and extracting, the modules it imports on the way, the output)."""
    chains: dict[str, list[str]] = {}
    code = [_AS_THE_COMMAND]
    for name, statement in STEPS.items():
        if statement:
            code.append(statement)
        chains[name] = [sys.executable, "-c", "; ".join(code)]
    chains["the parse itself (reading, extracting, output)"] = cases(pdf, module)["parse"]
    samples: dict[str, list[float]] = {name: [] for name in chains}
    for argv in chains.values():
        _run(argv)
    for _ in range(repeat):
        for name, argv in chains.items():
            samples[name].append(_run(argv)[1])
    costs: dict[str, float] = {}
    previous = 0.0
    for name, values in samples.items():
        median = statistics.median(values)
        costs[name] = round(median - previous, 3)
        previous = median
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--module", action="store_true", help="run the command as `python -m docextract`")
    parser.add_argument("--imports", action="store_true", help="also measure what each heavy import costs")
    parser.add_argument("--breakdown", action="store_true", help="also measure where a cold parse's CPU goes")
    args = parser.parse_args(argv)
    if not args.pdf.is_file():
        raise SystemExit(f"{args.pdf}: no such file (set DOCEXTRACT_CORPUS or pass a PDF)")
    results = measure(args.pdf, args.repeat, args.module)
    record = {
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
        "pdf": args.pdf.name,
        "command": "python -m docextract" if args.module else "docextract (its installed script)",
        "results": results,
    }
    if args.imports:
        record["import_cpu_s"] = import_costs(max(3, args.repeat // 3))
    if args.breakdown:
        record["parse_cpu_breakdown_s"] = breakdown(args.pdf, args.repeat, args.module)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"startup-{record['when'].replace('-', '').replace(':', '')}.json"
    out.write_text(json.dumps(record, indent=2) + "\n")
    if args.json:
        print(json.dumps(record, indent=2))
        return 0
    met = True
    print(f"{'case':<10} {'wall s':>8} {'cpu s':>8} {'wall ×':>7} {'cpu ×':>7} {'target':>7}")
    for name, r in results.items():
        target = r["target_ratio"]
        ok = target is None or r["cpu_ratio"] <= target
        met = met and ok
        mark = "" if target is None else ("ok" if ok else "MISSED")
        print(
            f"{name:<10} {r['wall_median_s']:>8.3f} {r['cpu_median_s']:>8.3f} {r['wall_ratio']:>7.2f}"
            f" {r['cpu_ratio']:>7.2f} {target or '':>7} {mark}"
        )
    for name, cost in record.get("import_cpu_s", {}).items():
        print(f"import {name:<34} {cost:>6.3f} s CPU")
    for name, cost in record.get("parse_cpu_breakdown_s", {}).items():
        print(f"cold parse: {name:<56} {cost:>6.3f} s CPU")
    print(f"written to {out.relative_to(ROOT)}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
