"""The bulk pool's time limits under load: the flaky case of issue 16.

A task's time limit must start when a worker starts the task, not while a new worker process
is still importing (slow when the machine is busy). Here two CPU-bound processes load the
machine while the pool runs quick tasks with a tight limit next to one that hangs: every quick
task must succeed and only the hanging one time out. DOCEXTRACT_STRESS_ROUNDS sets the rounds
(default 2); `make stress` runs the pool tests 20 times over, two at a time under pytest-xdist.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from docextract.bulk.executors import ProcessPool
from docextract.bulk.task import Task, TaskResult

ROUNDS = int(os.environ.get("DOCEXTRACT_STRESS_ROUNDS", "2"))


def quick_or_hang(task: Task) -> TaskResult:
    """Module level so that pool workers can import it."""
    if "hang" in task.path:
        time.sleep(30)
    return TaskResult(task, error_code="fake", error_message="ok", worker=str(os.getpid()))


@pytest.fixture
def busy_machine() -> Iterator[None]:
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_time_limit_starts_with_the_task_under_load(busy_machine: None, round_: int) -> None:
    names = [f"ok-{i}" for i in range(8)] + ["hang"]
    tasks = [Task(sha256=n, path=n, paths=(n,)) for n in names]
    # one task per worker: every quick task is the first task of a freshly started process
    pool = ProcessPool(jobs=2, timeout=1.5, tasks_per_worker=1, fn=quick_or_hang, poll=0.05)
    results = {r.task.path: r for r in pool.map(tasks)}
    assert set(results) == set(names)
    assert results["hang"].error_code == "timeout"
    late = {n: (r.error_code, r.error_message) for n, r in results.items() if n != "hang" and r.error_code != "fake"}
    assert not late, late
