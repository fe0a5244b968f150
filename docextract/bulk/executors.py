"""Where tasks run: a process pool with per-file time limits and worker recycling, or a Dask cluster.

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
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from .task import Task, TaskResult, error_result, run_task

TaskFn = Callable[[Task], TaskResult]


class Executor(Protocol):
    def map(self, tasks: Iterable[Task]) -> Generator[TaskResult, None, None]: ...


def _context() -> mp.context.BaseContext:
    # Not fork: the parent holds a DuckDB connection and threads. A forkserver with docextract
    # preloaded starts workers cheaply and safely; spawn elsewhere.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        # spacy (a docextract dependency, imported lazily by the parser) is the slow import:
        # preloading it once here saves each new worker ~1.5 s. Missing modules are ignored.
        ctx.set_forkserver_preload(["docextract.bulk.task", "spacy"])
        return ctx
    return mp.get_context("spawn")


def _worker_main(conn: Connection, fn: TaskFn, max_tasks: int) -> None:
    """Worker loop: take a task, send its result; exit after max_tasks or when the parent goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    for _ in range(max_tasks):
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            conn.send(fn(task))
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    done: int = 0


class ProcessPool:
    """`jobs` worker processes; a task running past `timeout` seconds has its worker killed and
    replaced (the file is recorded as `timeout`); each worker is retired after `tasks_per_worker`
    tasks so that any memory a parse leaves behind is returned to the system."""

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
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.started_workers = 0

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, self.fn, self.tasks_per_worker), daemon=True
        )
        process.start()
        child.close()
        self.started_workers += 1
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def _drop(self, worker: _Worker, kill: bool = False) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.conn.close()
        worker.process.join(timeout=5)
        self.workers.remove(worker)

    def map(self, tasks: Iterable[Task]) -> Generator[TaskResult, None, None]:
        pending = iter(tasks)
        exhausted = False
        try:
            while True:
                # Hand out work: idle workers first, new workers up to `jobs`.
                while not exhausted:
                    idle = next((w for w in self.workers if w.task is None), None)
                    if idle is None and len(self.workers) < self.jobs:
                        idle = self._spawn()
                    if idle is None:
                        break
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    try:
                        idle.conn.send(task)
                    except (BrokenPipeError, OSError):
                        self._drop(idle, kill=True)
                        pending = _prepend(task, pending)
                        continue
                    idle.task, idle.started = task, time.monotonic()
                busy = [w for w in self.workers if w.task is not None]
                if not busy:
                    if exhausted:
                        return
                    continue
                now = time.monotonic()
                next_deadline = min(w.started + self.timeout for w in busy)
                wait_for = max(0.0, min(self.poll, next_deadline - now))
                waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                wait(waitables, timeout=wait_for)
                for worker in busy:
                    yield from self._collect(worker)
        finally:
            self.shutdown()

    def _collect(self, worker: _Worker) -> Iterator[TaskResult]:
        task = worker.task
        assert task is not None
        result: TaskResult | None = None
        if worker.conn.poll():
            try:
                result = worker.conn.recv()
            except (EOFError, OSError):
                result = None
            if result is None:
                self._drop(worker, kill=True)
                yield _crashed(task, worker)
                return
            worker.task = None
            worker.done += 1
            if worker.done >= self.tasks_per_worker:
                self._drop(worker)  # it exits by itself after its last task
            yield result
            return
        if not worker.process.is_alive():
            self._drop(worker)
            yield _crashed(task, worker)
            return
        elapsed = time.monotonic() - worker.started
        if elapsed > self.timeout:
            self._drop(worker, kill=True)
            yield error_result(task, "timeout", f"no result within the {self.timeout:g} s time limit", elapsed)

    def shutdown(self) -> None:
        for worker in list(self.workers):
            if worker.task is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in list(self.workers):
            if worker.task is not None:
                worker.process.kill()
            else:
                worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._drop(worker, kill=True)


def _crashed(task: Task, worker: _Worker) -> TaskResult:
    code = worker.process.exitcode  # known once _drop has joined the process
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return error_result(task, "worker_crashed", f"the worker process died while parsing ({how})")


def _prepend(task: Task, rest: Iterator[Task]) -> Iterator[Task]:
    yield task
    yield from rest


class DaskExecutor:
    """Runs the same tasks on an existing dask.distributed cluster, at most one task per worker
    thread in flight. A task past `timeout` is cancelled and recorded as `timeout` (Dask cannot
    kill a running thread: the worker thread stays busy until the parse returns)."""

    def __init__(self, scheduler: str, timeout: float, fn: TaskFn = run_task, poll: float = 0.5) -> None:
        self.scheduler = scheduler
        self.timeout = timeout
        self.fn = fn
        self.poll = poll

    def map(self, tasks: Iterable[Task]) -> Generator[TaskResult, None, None]:
        distributed: Any = importlib.import_module("distributed")  # optional: docextract[dask]
        client: Any = distributed.Client(self.scheduler)
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
                            yield error_result(task, "worker_crashed", f"dask task failed: {exc!r}"[:2000])
                    elif now - started > self.timeout:
                        del in_flight[future]
                        future.cancel()
                        yield error_result(
                            task, "timeout", f"no result within the {self.timeout:g} s time limit", now - started
                        )
        finally:
            client.close()
