"""Long work off the GUI thread, so the window never freezes.

A *job* is a plain function ``job(cancel, progress) -> result`` that imports no
Qt: ``cancel`` is a :class:`threading.Event` the job checks between steps,
``progress(done, total)`` reports how far it got.  Database jobs open their own
session inside the job (a session belongs to one thread).  Workers never touch
widgets: results, errors and progress come back to the GUI thread through
queued signals, and the callbacks run there.

Database jobs run one at a time on their own pool (SQLite has one writer);
other work (sync, reports, network) runs on a second pool.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Job = Callable[[threading.Event, Progress], Any]

# Progress updates closer together than this are dropped (the last one always passes).
PROGRESS_INTERVAL_S = 0.05


class Pool(Enum):
    DATABASE = "database"
    OTHER = "other"


class JobCancelled(Exception):
    """Raised by :meth:`TaskRunner.run_blocking` when the user cancelled the job."""


class Task(QObject):
    """One submitted job, living in the GUI thread.

    The worker emits the private ``_raw_*`` signals; they reach this object's
    slots by queued connection, so the public signals and callbacks fire on the
    GUI thread.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()  # after any of the three above

    _raw_progress = Signal(int, int)
    _raw_result = Signal(object)
    _raw_error = Signal(object)

    def __init__(self, job: Job, parent: QObject | None = None):
        super().__init__(parent)
        self.job = job
        self.cancel_event = threading.Event()
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._raw_progress.connect(self._on_progress, queued)
        self._raw_result.connect(self._on_result, queued)
        self._raw_error.connect(self._on_error, queued)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def was_cancelled(self) -> bool:
        return self.cancel_event.is_set()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.finished:
            self.progressed.emit(done, total)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self.finished = True
        self.result = result
        if self.was_cancelled:
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)
        self.done.emit()

    @Slot(object)
    def _on_error(self, error: object) -> None:
        self.finished = True
        self.error = error if isinstance(error, BaseException) else RuntimeError(str(error))
        if self.was_cancelled:
            self.cancelled.emit()
        else:
            self.failed.emit(self.error)
        self.done.emit()


class _Worker(QRunnable):
    """Runs in a pool thread: calls the job, hands everything back by signal."""

    def __init__(self, task: Task):
        super().__init__()
        self.task = task
        self._last_emit = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_emit >= PROGRESS_INTERVAL_S:
            self._last_emit = now
            self.task._raw_progress.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self.task.job(self.task.cancel_event, self._progress)
        except BaseException as exc:
            if not self.task.was_cancelled:
                log.exception("background job failed")
            self.task._raw_error.emit(exc)
        else:
            self.task._raw_result.emit(result)


class TaskRunner(QObject):
    """The application's one way to run long work."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pools = {Pool.DATABASE: QThreadPool(self), Pool.OTHER: QThreadPool(self)}
        self._pools[Pool.DATABASE].setMaxThreadCount(1)
        self._pools[Pool.OTHER].setMaxThreadCount(
            max(2, QThreadPool.globalInstance().maxThreadCount())
        )
        self._running: set[Task] = set()

    def submit(
        self,
        job: Job,
        *,
        pool: Pool = Pool.DATABASE,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> Task:
        """Start ``job``; the callbacks run on the GUI thread.

        With an ``owner`` (the page that asked), the job is cancelled when the owner
        is destroyed and no callback runs after that: a page closed while its query
        ran never has its deleted widgets touched.
        """
        task = Task(job, self)

        def guarded(callback: Callable[..., None]) -> Callable[..., None]:
            if owner is None:
                return callback
            return lambda *args: callback(*args) if shiboken6.isValid(owner) else None

        if owner is not None:
            owner.destroyed.connect(task.cancel)
        if on_result:
            task.succeeded.connect(guarded(on_result))
        if on_error:
            task.failed.connect(guarded(on_error))
        if on_progress:
            task.progressed.connect(guarded(on_progress))
        if on_cancelled:
            task.cancelled.connect(guarded(on_cancelled))
        self._running.add(task)
        task.done.connect(lambda: self._running.discard(task))
        worker = _Worker(task)
        worker.setAutoDelete(True)
        self._pools[pool].start(worker)
        return task

    def run_with_progress(
        self,
        job: Job,
        label: str,
        parent: QWidget | None = None,
        *,
        pool: Pool = Pool.DATABASE,
    ) -> Any:
        """Run ``job`` while a modal progress dialog shows; return its result.

        Raises the job's exception, or :class:`JobCancelled` when the user pressed
        Cancel.  The GUI keeps painting meanwhile (a local event loop runs).
        """
        dialog = ProgressDialog(label, parent)
        task = self.submit(job, pool=pool, on_progress=dialog.set_progress)
        dialog.canceled.connect(task.cancel)
        loop = QEventLoop()
        task.done.connect(loop.quit)
        dialog.show()
        if not task.finished:
            loop.exec()
        cancelled = task.was_cancelled
        dialog.canceled.disconnect(task.cancel)  # closing a QProgressDialog emits canceled
        dialog.close()
        dialog.deleteLater()
        if cancelled:
            raise JobCancelled()
        if task.error is not None:
            raise task.error
        return task.result

    def wait_for_all(self, msecs: int = -1) -> bool:
        """Block until the pools are idle (shutting down, tests)."""
        return all(p.waitForDone(msecs) for p in self._pools.values())


class ProgressDialog(QProgressDialog):
    """A modal progress window whose Cancel button asks the job to stop."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(label, self.tr("Cancel"), 0, 0, parent)
        self.setWindowTitle(self.tr("Please wait"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)

    @Slot(int, int)
    def set_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.setRange(0, 0)  # busy indicator
            return
        self.setRange(0, total)
        self.setValue(min(done, total))
