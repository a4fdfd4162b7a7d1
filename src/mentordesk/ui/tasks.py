"""Long work off the GUI thread: run_in_background on QThreadPool.

The function runs in a worker thread and touches no widgets; it receives a
TaskControl to report progress and to ask whether the user pressed Cancel.
Results and errors come back to the GUI thread through queued signals, where
on_done / on_error run. With a label, a progress dialog with Cancel appears if
the work takes longer than a moment. (The shape follows Anki's QueryOp.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..domain.errors import MentorDeskError

log = logging.getLogger(__name__)

SHOW_PROGRESS_AFTER_MS = 400


class TaskCancelled(MentorDeskError):
    """Raised by TaskControl.check() when the user pressed Cancel."""

    def __init__(self) -> None:
        super().__init__("Cancelled; nothing was changed.")


class TaskControl:
    """Handed to the background function: progress out, cancellation in."""

    def __init__(self, report: Callable[[int, int, str], None]):
        self._report = report
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._report(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here (raising TaskCancelled) if the user pressed Cancel."""
        if self._cancel.is_set():
            raise TaskCancelled()


class _Bridge(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues to here."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], control: TaskControl, bridge: _Bridge):
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._control, self._bridge = fn, control, bridge

    def run(self) -> None:
        try:
            result = self._fn(self._control)
        except BaseException as exc:  # handed to the GUI thread, never lost
            self._bridge.failed.emit(exc)
        else:
            self._bridge.done.emit(result)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """One sentence for the user; details of unexpected errors go to the log."""
    if isinstance(exc, TaskCancelled):
        return
    if isinstance(exc, MentorDeskError):
        QMessageBox.warning(parent, "MentorDesk", str(exc))
        return
    log.error("unexpected error in background work", exc_info=exc)
    QMessageBox.critical(
        parent, "MentorDesk",
        f"Something went wrong and the work was not finished ({exc}). Nothing was changed.",
    )


class Task(QObject):
    """One background run; keep it (the runner does) until it has finished."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.bridge = _Bridge(self)
        self.control = TaskControl(
            lambda done, total, text: self.bridge.progressed.emit(done, total, text))
        self.finished = False
        self.dialog: QProgressDialog | None = None


class TaskRunner(QObject):
    """Starts background work and keeps each task alive until it reports back."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def running(self) -> int:
        return len(self._running)

    def run(
        self,
        fn: Callable[[TaskControl], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str | None = None,
        parent: QWidget | None = None,
    ) -> Task:
        task = Task(self)
        if label is not None:
            task.dialog = self._dialog(task, label, parent)

        def finish() -> None:
            task.finished = True
            self._running.discard(task)
            if task.dialog is not None:
                task.dialog.reset()
                task.dialog.deleteLater()
                task.dialog = None
            task.deleteLater()

        @Slot(object)
        def done(result: Any) -> None:
            finish()
            on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            finish()
            (on_error or (lambda e: show_error(parent, e)))(exc)

        task.bridge.done.connect(done, Qt.ConnectionType.QueuedConnection)
        task.bridge.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self._running.add(task)
        self.pool.start(_Runnable(fn, task.control, task.bridge))
        return task

    def _dialog(self, task: Task, label: str, parent: QWidget | None) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        dialog.setWindowTitle("MentorDesk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.control.cancel)

        def progressed(done: int, total: int, text: str) -> None:
            if task.dialog is None:
                return
            task.dialog.setMaximum(max(total, 0))
            task.dialog.setValue(min(done, total) if total > 0 else 0)
            if text:
                task.dialog.setLabelText(text)

        task.bridge.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
        return dialog

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)
