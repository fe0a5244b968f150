"""Speed and memory harness: docextract.parse against the floor and the naive approach.

    python -m benchmarks.run [--synth N] [--repeat R] [--bulk] [--naive-sample K] [PDF ...]
    python -m benchmarks.run --producers [--synth N] [--repeat R]

In one run, on the same files, it times per report:
  (a) floor  - bare pypdfium2 text extraction of every page;
  (b) naive  - pdfplumber extract_text() of every page;
  (c) parse  - docextract.parse (the whole parse: ratings, key questions, recommendations).
Each method runs in its own fresh process (so that peak resident memory is its own),
over every file, `--repeat` times; the report gives medians and spread, pages per
second and the ratios c/a and b/c. The naive pass is slow (~0.1 s a page), so on a
generated batch it runs on a sample of `--naive-sample` reports and b/c is computed on
that sample. With `--bulk` it also measures `docextract bulk` on the generated batch with
1 and 2 workers (reports per minute, pages per second, scaling, peak RSS per worker).
Results are printed as a table and written to benchmarks/results/<UTC time>.json.

With `--producers` it measures instead one row per PDF producer (the corpus, printed by
LibreOffice; generated reports, reportlab; the shared producer inputs printed by headless
Chromium and by LibreOffice from .docx; the fpdf2 fixture; committed producer fixtures
under tests/fixtures/producers/ when present): in one process pinned to one core, the
floor, the bound and the parse of each file alternate (A B C A B C ...) so machine noise
falls on all three, timed in CPU seconds; per file the medians, per producer the ratio
parse / floor over all its files, the median and the largest ratio of any one file, the
bound / floor (the floor plus one bare pdfium call per character of the pages the parse
lays out: the least any character-level reading of those pages can cost, see `_bound`)
and its largest ratio of any one file, and where a parse's time
goes (cheap pass, character reads, layout, the rest: one more parse of each file, timed
apart).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
WORK = ROOT / "benchmarks" / "work"
CORPUS = Path(os.environ.get("DOCEXTRACT_CORPUS", ROOT.parent / "shared" / "corpus")) / "pdf"
PRODUCERS = Path(os.environ.get("DOCEXTRACT_PRODUCERS", ROOT.parent / "shared" / "producers"))
FIXTURES = ROOT / "tests" / "fixtures"


# --- the three methods, run inside a worker process ----------------------------------


def _floor(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def _naive(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.flush_cache()
        return len(pdf.pages)


def _parse(path: str) -> int:
    import docextract

    return docextract.parse(path).source.pages


METHODS = {"floor": _floor, "naive": _naive, "parse": _parse}


def laid_out_pages(path: str) -> set[int]:
    """The pages (1-based) whose characters a parse of `path` reads and lays out into rows
    (`Document.layout_rows`), found by one parse with that method watched."""
    import docextract
    from docextract.read.document import Document

    original, pages = Document.layout_rows, set()

    def watched(self: Document, number: int) -> Any:
        pages.add(number)
        return original(self, number)

    Document.layout_rows = watched  # type: ignore[method-assign]
    try:
        docextract.parse(path)
    finally:
        Document.layout_rows = original  # type: ignore[method-assign]
    return pages


def _bound(path: str, pages: set[int]) -> int:
    """The floor plus the least a character-level reading layer must add: one pdfium call per
    character (its loose box, through a bare ctypes pointer into a reused buffer, as
    docextract's glyph loop reads it) on every page in `pages`, and nothing else (no font
    size, baseline or Python work per character). A parse that lays those pages out cannot
    cost less than this."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    loose = type(raw.FPDFText_GetLooseCharBox)(ctypes.cast(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p).value)
    count, box = raw.FPDFText_CountChars, (ctypes.c_float * 4)()
    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            if index + 1 in pages:
                handle = textpage.raw
                for char in range(count(handle)):
                    loose(handle, char, box)
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def worker(method: str, files: list[str], repeat: int) -> dict[str, Any]:
    """Time `method` on every file `repeat` times (after one warm-up call); report peak RSS."""
    function = METHODS[method]
    function(files[0])  # warm-up: imports, compiled patterns, spaCy pipeline
    times: dict[str, list[float]] = {f: [] for f in files}
    pages: dict[str, int] = {}
    for _ in range(repeat):
        for file in files:
            start = time.perf_counter()
            pages[file] = function(file)
            times[file].append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"times": times, "pages": pages, "peak_rss_mb": round(peak_kb / 1024, 1)}


def run_method(method: str, files: list[str], repeat: int) -> dict[str, Any]:
    """Run a worker in a fresh process, pinned to one core where the OS allows it."""
    command = [sys.executable, "-m", "benchmarks.run", "--worker", method, "--repeat", str(repeat), *files]
    if hasattr(os, "sched_setaffinity") and Path("/usr/bin/taskset").exists():
        command = ["taskset", "-c", "0", *command]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(output.splitlines()[-1])
    return result


def interleaved(files: list[str], repeat: int) -> dict[str, Any]:
    """Floor, bound (`_bound`) and parse of each file alternated `repeat` times (A B C A B C),
    in CPU seconds, after one warm-up of each; returns per-file lists of the three, the page
    counts and the number of pages laid out."""
    laid_out = {file: laid_out_pages(file) for file in files}
    _floor(files[0])
    _bound(files[0], laid_out[files[0]])
    _parse(files[0])
    methods = {"floor": _floor, "bound": lambda f: _bound(f, laid_out[f]), "parse": _parse}
    times: dict[str, dict[str, list[float]]] = {f: {m: [] for m in methods} for f in files}
    pages: dict[str, int] = {}
    for file in files:
        for _ in range(repeat):
            for method, function in methods.items():
                start = time.process_time()
                pages[file] = function(file)
                times[file][method].append(time.process_time() - start)
    laid = sum(len(numbers) for numbers in laid_out.values())
    return {"times": times, "pages": pages, "laid_out": laid, "breakdown": breakdown(files)}


# The parts of a parse timed by `breakdown`: functions of docextract.read.pdf (looked up there at
# call time, so wrapping the module attribute times every call).
PARTS = {"_read_page": "cheap pass", "pdfium_chars": "character reads", "rows_from_chars": "layout"}


def breakdown(files: list[str]) -> dict[str, float]:
    """Where a parse's CPU time goes: one more parse of each file with timers around the reading
    layer's parts (the cheap text pass of every page, pdfium's characters of the table pages,
    their layout into rows); the rest is detection and extraction. Shares of the parse time,
    measured apart from the A B A B timings (the timers cost a little)."""
    import docextract
    from docextract.read import pdf

    totals = dict.fromkeys(PARTS.values(), 0.0)
    originals = {name: getattr(pdf, name) for name in PARTS}

    def timed(name: str) -> Any:
        function, part = originals[name], PARTS[name]

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                totals[part] += time.process_time() - start

        return wrapper

    for name in PARTS:
        setattr(pdf, name, timed(name))
    try:
        whole = 0.0
        for file in files:
            start = time.process_time()
            docextract.parse(file)
            whole += time.process_time() - start
    finally:
        for name, function in originals.items():
            setattr(pdf, name, function)
    shares = {part: seconds / whole for part, seconds in totals.items()} if whole else {}
    shares["detection and extraction"] = 1.0 - sum(shares.values())
    return shares


def producer_sets(synth: int, seed: int) -> list[tuple[str, list[str]]]:
    """The files of each producer that are present (a missing set is left out)."""
    sets: list[tuple[str, list[str]]] = [
        ("LibreOffice (corpus)", sorted(str(p) for p in CORPUS.glob("*.pdf"))),
        ("reportlab (generated)", generate(synth, seed) if synth else []),
        ("Chromium (shared producers)", sorted(str(p) for p in PRODUCERS.glob("chromium-*.pdf"))),
        ("LibreOffice .docx (shared producers)", sorted(str(p) for p in PRODUCERS.glob("libreoffice-*.pdf"))),
        ("fpdf2 (fixture)", sorted(str(p) for p in (FIXTURES / "other_producer").glob("*.pdf"))),
    ]
    committed: dict[str, list[str]] = {}
    for path in sorted((FIXTURES / "producers").rglob("*.pdf")):
        parts = path.relative_to(FIXTURES / "producers").parts  # PRODUCER/... or PRODUCER-NAME.pdf
        producer = parts[0] if len(parts) > 1 else path.stem.split("-")[0]
        committed.setdefault(producer, []).append(str(path))
    sets.extend((f"{name} (fixtures)", files) for name, files in committed.items())
    return [(name, files) for name, files in sets if files]


def run_producers(synth: int, seed: int, repeat: int) -> list[dict[str, Any]]:
    """One row per producer: parse / floor in CPU time, medians of interleaved runs."""
    rows: list[dict[str, Any]] = []
    for name, files in producer_sets(synth, seed):
        command = [sys.executable, "-m", "benchmarks.run", "--worker", "interleaved", "--repeat", str(repeat), *files]
        if hasattr(os, "sched_setaffinity") and Path("/usr/bin/taskset").exists():
            command = ["taskset", "-c", "0", *command]
        output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
        result = json.loads(output.splitlines()[-1])
        medians = {f: {m: statistics.median(v) for m, v in result["times"][f].items()} for f in files}
        ratios = {f: medians[f]["parse"] / medians[f]["floor"] for f in files if medians[f]["floor"] > 0}
        bounds = {f: medians[f]["bound"] / medians[f]["floor"] for f in ratios}
        pages = sum(result["pages"].values())
        floor = sum(m["floor"] for m in medians.values())
        parse = sum(m["parse"] for m in medians.values())
        bound = sum(m["bound"] for m in medians.values())
        worst = max(ratios, key=lambda f: ratios[f])
        rows.append({
            "producer": name, "files": len(files), "pages": pages, "laid_out_pages": result["laid_out"],
            "bound_over_floor": round(bound / floor, 2), "max_file_bound": round(max(bounds.values()), 2),
            "floor_ms_per_page": round(1000 * floor / pages, 2), "parse_ms_per_page": round(1000 * parse / pages, 2),
            "parse_over_floor": round(parse / floor, 2), "max_file_ratio": round(ratios[worst], 2),
            "max_file": Path(worst).name, "repeat": repeat,
            "median_file_ratio": round(statistics.median(ratios.values()), 2),
            "breakdown": {part: round(share, 3) for part, share in result["breakdown"].items()},
        })  # fmt: skip
    return rows


def print_producers(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="docextract parse / floor (pypdfium2 text) per producer, CPU time, A B A B medians")
    columns = ("producer", "files", "pages", "laid out", "floor ms/page", "parse ms/page", "bound/floor",
               "max file bound", "parse/floor", "median file", "max file")  # fmt: skip
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(row["producer"], str(row["files"]), str(row["pages"]), str(row["laid_out_pages"]),
                      f"{row['floor_ms_per_page']:.2f}", f"{row['parse_ms_per_page']:.2f}",
                      f"{row['bound_over_floor']:.2f}x", f"{row['max_file_bound']:.2f}x",
                      f"{row['parse_over_floor']:.2f}x", f"{row['median_file_ratio']:.2f}x",
                      f"{row['max_file_ratio']:.2f}x {row['max_file']}")  # fmt: skip
    Console().print(table)
    parts = Table(title="where a parse's CPU time goes, in units of the floor (parse/floor x share)")
    names = list(rows[0]["breakdown"]) if rows else []
    for column in ("producer", *names):
        parts.add_column(column)
    for row in rows:
        ratio = row["parse_over_floor"]
        parts.add_row(row["producer"], *(f"{ratio * row['breakdown'][n]:.2f}" for n in names))
    Console().print(parts)


# --- summaries ------------------------------------------------------------------------


def per_file(result: dict[str, Any]) -> dict[str, float]:
    return {file: statistics.median(values) for file, values in result["times"].items()}


def spread(values: list[float]) -> float:
    """Relative spread of repeated timings: (max - min) / median."""
    middle = statistics.median(values)
    return (max(values) - min(values)) / middle if middle else 0.0


def summarise(name: str, files: list[str], results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    medians = {method: per_file(result) for method, result in results.items()}
    pages = results["parse"]["pages"]
    total_pages = sum(pages[f] for f in files)
    summary: dict[str, Any] = {"set": name, "reports": len(files), "pages": total_pages, "methods": {}}
    for method, result in results.items():
        covered = [f for f in files if f in medians[method]]
        seconds = sum(medians[method][f] for f in covered)
        covered_pages = sum(pages[f] for f in covered)
        summary["methods"][method] = {
            "reports": len(covered),
            "seconds_total": round(seconds, 4),
            "median_seconds_per_report": round(statistics.median(medians[method][f] for f in covered), 4),
            "max_seconds_per_report": round(max(medians[method][f] for f in covered), 4),
            "median_relative_spread": round(statistics.median(spread(result["times"][f]) for f in covered), 3),
            "pages_per_second": round(covered_pages / seconds, 1) if seconds else None,
            "peak_rss_mb": result["peak_rss_mb"],
        }
    parse, floor = medians["parse"], medians["floor"]
    summary["parse_over_floor"] = round(sum(parse.values()) / sum(floor.values()), 2)
    if "naive" in medians:
        sample = list(medians["naive"])
        summary["naive_over_parse"] = round(sum(medians["naive"][f] for f in sample) / sum(parse[f] for f in sample), 1)
    largest = max(files, key=lambda f: pages[f])
    summary["largest_report"] = {
        "file": Path(largest).name,
        "pages": pages[largest],
        "parse_median_s": round(parse[largest], 4),
        "floor_median_s": round(floor[largest], 4),
    }
    return summary


# --- bulk throughput --------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    children: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == pid:
            children.append(int(entry.name))
    return children + [d for c in children for d in _descendants(c)]


def _hwm_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_bulk(files: list[str], jobs: int, pages: int) -> dict[str, Any]:
    """Time `docextract bulk` on the files; sample worker processes' peak RSS from /proc."""
    with tempfile.TemporaryDirectory(prefix="docextract-bench-") as out:
        command = [sys.executable, "-m", "docextract.cli", "bulk", *files, "--out", out, "--jobs", str(jobs)]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak: dict[int, float] = {}
        while process.poll() is None:
            for pid in _descendants(process.pid):
                peak[pid] = max(peak.get(pid, 0.0), _hwm_mb(pid))
            time.sleep(0.25)
        seconds = time.perf_counter() - start
        if process.returncode not in (0, 3):
            raise RuntimeError(f"bulk failed ({process.returncode}): {process.stderr.read() if process.stderr else ''}")
    return {
        "jobs": jobs,
        "seconds": round(seconds, 2),
        "reports_per_minute": round(len(files) / seconds * 60, 1),
        "pages_per_second": round(pages / seconds, 1),
        "peak_rss_mb_per_worker": round(max(peak.values()), 1) if peak else None,
    }


# --- inputs and report --------------------------------------------------------------------


def generate(count: int, seed: int) -> list[str]:
    target = WORK / f"synth-{count}-{seed}"
    pdfs = sorted(str(p) for p in target.glob("*.pdf"))
    if len(pdfs) < count:
        subprocess.run(
            [sys.executable, "-m", "corpora.synth", "--out", str(target), "--count", str(count), "--seed", str(seed),
             "--jobs", str(os.cpu_count() or 1), "--quiet"],
            cwd=ROOT, check=True,
        )  # fmt: skip
        pdfs = sorted(str(p) for p in target.glob("*.pdf"))
    return pdfs[:count]


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()}


def print_table(summaries: list[dict[str, Any]], bulk: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="docextract parse vs floor (pypdfium2 text) and naive (pdfplumber every page)")
    for column in ("set", "method", "reports", "median s/report", "max s/report", "spread", "pages/s", "peak RSS MB"):
        table.add_column(column)
    for summary in summaries:
        for method, m in summary["methods"].items():
            table.add_row(summary["set"], method, str(m["reports"]), f"{m['median_seconds_per_report']:.4f}",
                          f"{m['max_seconds_per_report']:.4f}", f"{m['median_relative_spread']:.2f}",
                          str(m["pages_per_second"]), str(m["peak_rss_mb"]))  # fmt: skip
    console = Console()
    console.print(table)
    for summary in summaries:
        largest = summary["largest_report"]
        console.print(
            f"{summary['set']}: parse/floor = {summary['parse_over_floor']}x, "
            f"naive/parse = {summary.get('naive_over_parse', '-')}x; largest report "
            f"{largest['file']} ({largest['pages']} pages): parse {largest['parse_median_s']} s, "
            f"floor {largest['floor_median_s']} s"
        )
    for row in bulk:
        console.print(
            f"bulk --jobs {row['jobs']}: {row['reports_per_minute']} reports/min, "
            f"{row['pages_per_second']} pages/s, peak RSS/worker {row['peak_rss_mb_per_worker']} MB"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", help="PDFs to measure (default: the shared corpus)")
    parser.add_argument("--synth", type=int, default=200, help="generated reports to add (0: none)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-sample", type=int, default=10)
    parser.add_argument("--bulk", action="store_true", help="also measure docextract bulk with 1 and 2 workers")
    parser.add_argument("--producers", action="store_true", help="one row per PDF producer: parse / floor")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "interleaved":
        print(json.dumps(interleaved(args.files, args.repeat)))
        return 0
    if args.worker:
        print(json.dumps(worker(args.worker, args.files, args.repeat)))
        return 0
    if args.producers:
        rows = run_producers(args.synth, args.seed, args.repeat)
        print_producers(rows)
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        record = {"when": stamp, "machine": machine(), "producers": rows}
        (RESULTS / f"producers-{stamp}.json").write_text(json.dumps(record, indent=2) + "\n")
        print(f"results written to {RESULTS / ('producers-' + stamp + '.json')}")
        return 0

    sets: list[tuple[str, list[str], int]] = []
    corpus = args.files or sorted(str(p) for p in CORPUS.glob("*.pdf"))
    if corpus:
        sets.append(("corpus", corpus, args.repeat))
    synth = generate(args.synth, args.seed) if args.synth else []
    if synth:
        sets.append((f"synth-{len(synth)}", synth, max(1, args.repeat // 2)))
    summaries = []
    for name, files, repeat in sets:
        results = {
            "floor": run_method("floor", files, repeat),
            "parse": run_method("parse", files, repeat),
            "naive": run_method("naive", files if name == "corpus" else files[: args.naive_sample], 1),
        }
        summaries.append(summarise(name, files, results))
    bulk: list[dict[str, Any]] = []
    if args.bulk and synth:
        pages = summaries[-1]["pages"]
        bulk = [run_bulk(synth, jobs, pages) for jobs in (1, 2)]
        bulk[1]["scaling"] = round(bulk[1]["reports_per_minute"] / bulk[0]["reports_per_minute"], 2)
    print_table(summaries, bulk)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {"when": stamp, "machine": machine(), "sets": summaries, "bulk": bulk}
    (RESULTS / f"{stamp}.json").write_text(json.dumps(record, indent=2) + "\n")
    print(f"results written to {RESULTS / (stamp + '.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
