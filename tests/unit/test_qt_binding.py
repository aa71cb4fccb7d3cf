"""The Qt binding must not corrupt the interpreter: a guard against a known PySide6 bug.

PySide6 6.12.0 releases a reference to ``True`` it never took on every
``Signal.emit()`` from Python.  On Python 3.11 ``True`` is not immortal, so a
day of countdowns and list refreshes drives its count to zero and the app
aborts with "bool_dealloc".  pyproject pins a release without the bug; this
test fails if a future upgrade brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal(int)


def test_emitting_signals_keeps_the_interpreter_intact(qapp: object) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.happened.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.happened.emit(i)
    assert len(received) == 200
    assert sys.getrefcount(True) - before > -50
