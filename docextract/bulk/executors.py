"""Where tasks run: a process pool (pebble) with per-file time limits and worker recycling, or a Dask cluster.

Both executors take an iterable of tasks and yield results as they finish, holding only
the tasks in flight: the caller streams results to the writer, so memory stays bounded
however long the batch.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import signal
import time
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future
from concurrent.futures import TimeoutError as FutureTimeoutError
from concurrent.futures import wait as futures_wait
from typing import Any, Protocol

from ..model.codes import INTERNAL_ERROR, TIMEOUT, WORKER_CRASHED
from . import interrupt
from .task import Task, TaskResult, error_result, run_task

TaskFn = Callable[[Task], TaskResult]


class ExecutorError(Exception):
    """The executor cannot start (e.g. no Dask scheduler at that address)."""


class Executor(Protocol):
    """What runs the tasks: a process pool or a Dask cluster, yielding results as they finish."""

    def map(self, tasks: Iterable[Task]) -> Generator[TaskResult, None, None]:
        """Run every task; yield each result as it finishes (not in task order)."""


def _context() -> mp.context.BaseContext:
    # Not fork: the parent holds a DuckDB connection and threads. A forkserver with the parser
    # preloaded starts workers cheaply and safely; spawn elsewhere.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["docextract.bulk.task", "docextract.pipeline"])
        return ctx
    return mp.get_context("spawn")


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle


class ProcessPool:
    """`jobs` worker processes (pebble's ProcessPool). A task running past `timeout` seconds, counted
    from when a worker starts it (not from when it was queued, nor while a new worker imports), has
    its worker killed and replaced, and is recorded as `timeout`; a worker that dies is recorded as
    `worker_crashed`; each worker is retired after `tasks_per_worker` tasks so that any memory a
    parse leaves behind is returned to the system. At most 2 × `jobs` tasks are queued at a time."""

    def __init__(
        self,
        jobs: int,
        timeout: float,
        tasks_per_worker: int = 50,
        fn: TaskFn = run_task,
        poll: float = 0.5,
    ) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.tasks_per_worker = max(1, tasks_per_worker)
        self.fn = fn
        self.poll = poll
        self.scheduled = 0  # tasks handed to the pool so far

    @property
    def workers(self) -> int:
        """Worker processes the pool ran at a time: `jobs`, or fewer when there were fewer tasks
        (0 when none ran). Counted from the tasks scheduled, not from results: a run where every
        task timed out (each worker killed and replaced) still used them."""
        return min(self.jobs, self.scheduled)

    def map(self, tasks: Iterable[Task]) -> Generator[TaskResult, None, None]:
        """Run every task in pebble worker processes, each within the time limit; yield results as they finish."""
        import pebble  # imported here: only bulk runs need it

        pool = pebble.ProcessPool(
            max_workers=self.jobs,
            max_tasks=self.tasks_per_worker,
            initializer=_ignore_sigint,
            context=_context(),
        )
        pending = iter(tasks)
        in_flight: dict[Future[TaskResult], Task] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(in_flight) < 2 * self.jobs:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    in_flight[pool.schedule(self.fn, args=(task,), timeout=self.timeout)] = task
                    self.scheduled += 1
                if not in_flight:
                    return
                done, _ = futures_wait(list(in_flight), timeout=self.poll, return_when=FIRST_COMPLETED)
                interrupt.check()  # a Ctrl-C taken here, not inside pebble's or the futures' locks
                for future in done:
                    yield self._result(in_flight.pop(future), future)
        finally:
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join(timeout=10)

    def _result(self, task: Task, future: Future[TaskResult]) -> TaskResult:
        import pebble

        try:
            result = future.result()
        except FutureTimeoutError:
            return error_result(task, TIMEOUT, f"no result within the {self.timeout:g} s time limit", self.timeout)
        except pebble.ProcessExpired as exc:
            code = exc.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            return error_result(task, WORKER_CRASHED, f"the worker process died while parsing ({how})")
        except Exception as exc:  # the task could not be sent or its result not returned
            return error_result(task, INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"[:2000])
        return result


class DaskExecutor:
    """Runs the same tasks on an existing dask.distributed cluster, at most one task per worker
    thread in flight. A task past `timeout` is cancelled and recorded as `timeout` (Dask cannot
    kill a running thread: the worker thread stays busy until the parse returns)."""

    def __init__(
        self, scheduler: str, timeout: float, fn: TaskFn = run_task, poll: float = 0.5, connect_timeout: float = 10.0
    ) -> None:
        self.scheduler = scheduler
        self.timeout = timeout
        self.fn = fn
        self.poll = poll
        self.connect_timeout = connect_timeout
        self.client: Any = None

    def connect(self) -> None:
        """Connect to the scheduler. Raises ExecutorError (one line, no traceback) when it cannot."""
        if self.client is not None:
            return
        distributed: Any = importlib.import_module("distributed")  # optional: docextract[dask]
        try:
            self.client = distributed.Client(self.scheduler, timeout=self.connect_timeout)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ExecutorError(
                f"cannot connect to the Dask scheduler at {self.scheduler} within {self.connect_timeout:g} s ({reason})"
            ) from None

    def map(self, tasks: Iterable[Task]) -> Generator[TaskResult, None, None]:
        """Run every task on the Dask cluster, at most as many at once as it has threads; yield results as they
        finish."""
        distributed: Any = importlib.import_module("distributed")
        self.connect()
        client: Any = self.client
        try:
            slots = max(1, sum(client.nthreads().values()))
            pending = iter(tasks)
            in_flight: dict[Any, tuple[Task, float]] = {}
            exhausted = False
            while True:
                while not exhausted and len(in_flight) < slots:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    future = client.submit(self.fn, task, pure=False, key=f"docextract-{task.sha256}-{time.time_ns()}")
                    in_flight[future] = (task, time.monotonic())
                if not in_flight:
                    return
                with contextlib.suppress(TimeoutError):
                    distributed.wait(list(in_flight), timeout=self.poll, return_when="FIRST_COMPLETED")
                interrupt.check()
                now = time.monotonic()
                for future, (task, started) in list(in_flight.items()):
                    if future.done():
                        del in_flight[future]
                        if future.status == "finished":
                            yield future.result()
                        else:
                            try:
                                exc: Any = future.exception()
                            except Exception as error:  # cancelled futures raise here
                                exc = error
                            yield error_result(task, WORKER_CRASHED, f"dask task failed: {exc!r}"[:2000])
                    elif now - started > self.timeout:
                        del in_flight[future]
                        future.cancel()
                        yield error_result(
                            task, TIMEOUT, f"no result within the {self.timeout:g} s time limit", now - started
                        )
        finally:
            client.close()
            self.client = None
