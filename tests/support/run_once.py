"""Costly test inputs made once per pytest run and shared by every xdist worker of that run.

`made_once(factory, name, make)` gives a directory that `make(directory)` filled, made by the first
worker to ask and read by the others: the pattern of pytest-xdist's documentation ("Making
session-scoped fixtures execute only once"), a file lock beside the directory (`filelock`) so a
second worker waits for the first to finish instead of making its own. The directory lives in
the run's own temporary root (`pytest-N/`, the parent of each worker's `popen-gwK/`; the base
temporary directory itself without xdist), so nothing outlives the run and no two runs, nor two
sessions on one machine, ever share one. Name it after everything `make` depends on (the
generator's arguments): two different inputs must not share a name.

A `make` that raises leaves no directory behind (the next worker to ask tries again) and its
error reaches the test that asked.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

DONE = ".made"  # written once `make` has returned: a directory without it is a partial one


def run_root(factory: pytest.TempPathFactory) -> Path:
    """The temporary directory of this whole run, shared by its xdist workers."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`root/name`, filled by `make(root/name)` once per run (under a file lock: see the module)."""
    root = run_root(factory)
    target = root / name
    with FileLock(str(root / f"{name}.lock")):
        if not (target / DONE).is_file():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            try:
                make(target)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
            (target / DONE).touch()
    return target
