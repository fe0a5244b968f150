"""A task module that is slow to import, like the parser in a fresh worker on a busy machine.

Used by tests/regressions/test_pool_time_limit_counts_worker_import.py: the pool's time limit
must not count this import.
"""

from __future__ import annotations

import os
import time

from docextract.bulk.task import Task, TaskResult

IMPORT_SECONDS = 3.5
time.sleep(IMPORT_SECONDS)


def quick_or_hang(task: Task) -> TaskResult:
    if "hang" in task.path:
        time.sleep(30)
    return TaskResult(task, error_code="fake", error_message="ok", worker=str(os.getpid()))
