"""Ctrl-C and SIGTERM while `docextract bulk` parses: taken at safe points of the parse loop only.

Python raises KeyboardInterrupt in the main thread at whatever instruction it is running. While
reports are parsed, that is mostly library code that works with threads: pebble's pool schedules
tasks and its threads set the futures' results, `concurrent.futures.wait` holds each future's lock
while it registers a waiter, rich's live display holds its console lock. An interrupt landing
between such a lock's acquire and release can leave it held, and the run then waits forever on it
(seen once in the suite: a Ctrl-C'd run hung with its workers already gone). So inside `deferred()`
the signal only records the request; `check()`, called by the executors after each wait and by the
parse loop after each result, raises KeyboardInterrupt there (within the executor's poll, 0.5 s).
A second signal before that raises at once: a user who presses Ctrl-C twice is not kept waiting.
Signal handlers can be set on the main thread only: elsewhere `deferred()` changes nothing.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_requested = threading.Event()


def check() -> None:
    """Raise KeyboardInterrupt if Ctrl-C or SIGTERM came since `deferred()` began."""
    if _requested.is_set():
        raise KeyboardInterrupt


def _record(signum: int, frame: FrameType | None) -> None:
    if _requested.is_set():  # the second one: the user insists
        raise KeyboardInterrupt
    _requested.set()


@contextlib.contextmanager
def handlers(handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    """`handler` for Ctrl-C and SIGTERM within the block, the previous handlers put back on leaving.
    Signal handlers can be set on the main thread only: elsewhere nothing changes (signals go to it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, handler) for number in SIGNALS}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Within the block, Ctrl-C and SIGTERM are recorded and raised by `check()` (see the module);
    the previous handlers are put back on leaving, and a request not yet raised is then raised."""
    _requested.clear()
    try:
        with handlers(_record):
            yield
    finally:
        requested = _requested.is_set()
        _requested.clear()
    if requested:
        raise KeyboardInterrupt
