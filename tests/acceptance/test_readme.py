"""Every example in README.md runs: the Python blocks, every `$ ` command line of the shell
blocks (as a real process, in a scratch directory holding the files the examples name), and the
SQL blocks (against the database the bulk example wrote).

A README example that needs a new input file gets it in `_scratch` below; one that cannot run
here goes in SKIP with the reason (the test fails when a SKIP entry is no longer in the README).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import corpus_report, corpus_root
from paths import REPO

README = REPO / "README.md"
SAMPLE = REPO / "examples" / "sample-pdu-report.pdf"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)

SKIP = {
    "duckdb out/docextract.duckdb": "the DuckDB shell is interactive (and not installed here); the SQL blocks run "
    "through the duckdb module instead",
    "python -m corpora.synth --out benchmarks/work/synth --count 1000 --seed 1 --jobs 2 --quiet": "a minute of "
    "generation for the benchmarks; the same generator runs in the examples above it",
}
# Examples whose documented exit code is not 0.
EXIT = {"docextract parse broken.pdf": 2}


def _blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README.read_text(encoding="utf-8")) if lang == language]


def _commands() -> list[str]:
    lines = [line for body in _blocks("") for line in body.splitlines() if line.startswith("$ ")]
    return [line[2:].split("  #")[0].strip() for line in lines]


def _scratch(root: Path) -> Path:
    """A working directory with the files the examples name, `docextract` and `python` on PATH."""
    work = root / "work"
    work.mkdir()
    (root / "shared").symlink_to(corpus_root().parent)  # ../shared/corpus as in the examples
    wakefield = corpus_report("2024-wakefield-pdu")
    for name in ("report.pdf", "draft.pdf"):
        shutil.copy(SAMPLE, work / name)
    shutil.copy(wakefield.text, work / "report.txt")
    (work / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntruncated")
    _docx(wakefield.text, work / "draft.docx")
    for folder, files in {
        "drafts": {"a.pdf": SAMPLE, "b.txt": wakefield.text},
        "archive": {"sample.pdf": SAMPLE, "wakefield.txt": wakefield.text},
        "more/2024": {"wakefield.pdf": wakefield.pdf},
        "reports": {"sample.pdf": SAMPLE, "wakefield.txt": wakefield.text},
    }.items():
        (work / folder).mkdir(parents=True)
        for name, source in files.items():
            shutil.copy(source, work / folder / name)
    bin_dir = root / "bin"
    bin_dir.mkdir()
    for name, command in (("docextract", "-m docextract "), ("python", "")):
        shim = bin_dir / name  # scripts, not symlinks: a venv's python must run from its own path
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" {command}"$@"\n')
        shim.chmod(0o755)
    return work


def _docx(text: Path, target: Path) -> None:
    """A Word draft: the paragraphs of a text conversion."""
    import docx

    document = docx.Document()
    for line in text.read_text(encoding="utf-8").splitlines():
        if line.strip() and "\f" not in line:
            document.add_paragraph(line.replace("\t", " "))
    document.save(str(target))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _scratch(tmp_path_factory.mktemp("readme"))


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{work.parent / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("DOCEXTRACT_CORPUS", None)  # the examples name ../shared/corpus
    return env


def test_skips_are_still_in_the_readme() -> None:
    commands = _commands()
    for command in SKIP:
        assert command in commands, f"SKIP entry no longer in README.md: {command}"


@pytest.mark.slow
def test_every_readme_command_runs(scratch: Path) -> None:
    commands = [c for c in _commands() if c not in SKIP]
    assert len(commands) >= 10
    for command in commands:
        result = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=scratch,
            env=_env(scratch),
            capture_output=True,
            text=True,
            timeout=600,
        )
        expected = EXIT.get(command, 0)
        assert result.returncode == expected, (
            f"README example `{command}` exited {result.returncode}, expected {expected} "
            f"(give it its input files in tests/acceptance/test_readme.py):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
        assert "Traceback" not in result.stderr, command
    # what the examples promised to write
    assert (scratch / "report.json").is_file() and (scratch / "records.jsonl").read_text().count("\n") == 2
    assert (scratch / "out" / "docextract.duckdb").is_file()


def test_readme_sql_runs_on_the_bulk_database(scratch: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    database = scratch / "out" / "docextract.duckdb"
    if not database.is_file():
        subprocess.run(
            ["docextract", "bulk", "archive/", "--out", "out/", "-q"], cwd=scratch, env=_env(scratch), check=True
        )
    blocks = _blocks("sql")
    assert blocks
    with duckdb.connect(str(database), read_only=True) as con:
        for sql in blocks:
            rows = con.execute(sql).fetchall()
            assert rows, sql


def test_readme_python_examples_run(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks("python")
    assert blocks
    monkeypatch.chdir(scratch)
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
