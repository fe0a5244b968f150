"""The generated batch of tests/acceptance/test_synth_twins.py and test_synth_null_warnings.py
(issue 12): per framework, reports with every defect kind and clean twins (same seed, no defects)
of the first of them, made once per run for every xdist worker (run_once.py).

`batches(factory)` -> {framework: (reports with defects, clean twins)}: sorted PDF paths; each
report's truth (`known_inconsistencies` included) beside it as `.json`. About 17 s of CPU (two
generator processes at a time).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPO
from run_once import made_once

FRAMEWORKS = ("probation-2018", "probation-pdu-2021", "probation-pdu-2023", "regional_letter", "youth-2018")
TWINS = 5  # per framework, with their clean twins
PROPERTY_TOTAL = 200  # reports with defects for the null property
SEED = 5

Batches = dict[str, tuple[list[Path], list[Path]]]


def _pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def _generate(out: Path, framework: str, count: int, *extra: str) -> None:
    command = [sys.executable, "-m", "corpora.synth", "--out", str(out), "--count", str(count), "--seed", str(SEED)]
    command += ["--frameworks", framework, "--pages", "8-12", "--jobs", "2", "--quiet", *extra]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-500:]


def _make(root: Path) -> None:
    count = PROPERTY_TOTAL // len(FRAMEWORKS)
    for framework in FRAMEWORKS:
        _generate(root / f"defects-{framework}", framework, count, "--defects", "all")
        _generate(root / f"clean-{framework}", framework, TWINS)


def batches(factory: pytest.TempPathFactory) -> Batches:
    """Per framework: (reports with every defect kind, clean twins of the first TWINS of them)."""
    key = f"twins-seed{SEED}-{PROPERTY_TOTAL}-{TWINS}-{'-'.join(FRAMEWORKS)}"  # everything _make depends on
    root = made_once(factory, key, _make)
    return {f: (_pdfs(root / f"defects-{f}"), _pdfs(root / f"clean-{f}")) for f in FRAMEWORKS}
