"""Ctrl-C and SIGTERM while bulk parses are taken at safe points only (docextract/bulk/interrupt.py).

Regression: a Ctrl-C'd `docextract bulk` once hung for good in the suite, its workers gone: the
KeyboardInterrupt, raised at whatever instruction the main thread ran, can land inside pebble's or
`concurrent.futures.wait`'s lock handling and leave a lock held."""

from __future__ import annotations

import os
import signal

import pytest

from docextract.bulk import interrupt


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_is_recorded_and_raised_by_check(signum: int) -> None:
    before = signal.getsignal(signum)
    with pytest.raises(KeyboardInterrupt), interrupt.deferred():
        os.kill(os.getpid(), signum)  # delivered to this (main) thread: the handler only records it
        reached = True
        interrupt.check()
        reached = False
    assert reached
    assert signal.getsignal(signum) == before  # the previous handler back


def test_a_second_signal_raises_at_once() -> None:
    with pytest.raises(KeyboardInterrupt), interrupt.deferred():
        os.kill(os.getpid(), signal.SIGINT)
        first_recorded = True
        os.kill(os.getpid(), signal.SIGINT)
        first_recorded = False
    assert first_recorded


def test_a_request_not_checked_is_raised_on_leaving_and_forgotten_after() -> None:
    with pytest.raises(KeyboardInterrupt), interrupt.deferred():
        os.kill(os.getpid(), signal.SIGINT)
    with interrupt.deferred():
        interrupt.check()  # nothing pending from the run before
