"""Fake bulk tasks for the pool tests, in a module that is cheap to import.

pebble's workers unpickle a task (here: import this module) while holding the pool's channel
lock, and a worker cannot send a result without that lock. A task module slow to import
(a test module importing duckdb, rich, typer, pytest…) would therefore hold back the other
worker's result on a busy machine, past its time limit: a spurious `timeout`. This module
imports only `docextract.bulk.task`, which the pool's forkserver has already loaded
(tests/regressions/test_pool_time_limit_counts_worker_import.py checks that it stays so).
"""

from __future__ import annotations

import os
import time

from docextract.bulk.task import Task, TaskResult


def fake_task(task: Task) -> TaskResult:
    """Hangs (60 s), crashes (exit code 7) or succeeds, by the task's file name."""
    if "hang" in task.path:
        time.sleep(60)
    if "crash" in task.path:
        os._exit(7)
    return TaskResult(task, error_code="fake", error_message=str(os.getpid()), worker=str(os.getpid()))
