"""Long work off the GUI thread: run_in_background on QThreadPool.

The function runs in a worker thread and touches no widgets; it receives a
TaskControl to report progress and to ask whether the user pressed Cancel.
Results and errors come back to the GUI thread through queued signals, where
on_done / on_error run. With a label, a progress dialog with Cancel appears if
the work takes longer than a moment. (The shape follows Anki's QueryOp.) A result
whose runner is gone -- the app quit while the work ran -- is dropped quietly.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..domain.errors import MentorDeskError
from ..domain.progress import Cancelled

log = logging.getLogger(__name__)

SHOW_PROGRESS_AFTER_MS = 400


# Raised by TaskControl.check() when the user pressed Cancel (the Qt-free
# services raise the same class through domain.progress).
TaskCancelled = Cancelled


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
    """One per runner, living in the GUI thread as long as the runner does.

    Workers emit on it with their task's number; Qt queues the call to the GUI
    thread. No per-task QObject exists that could be deleted while a worker is
    still inside emit().
    """

    done = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int, str)


def _send(bridge: _Bridge, signal: str, *args: object) -> bool:
    """Emit on the runner's bridge from a worker; False (and nothing sent) when the runner
    is gone -- e.g. the app quit while the work ran: nobody is left to take the result."""
    try:
        if shiboken6.isValid(bridge):
            getattr(bridge, signal).emit(*args)
            return True
    except RuntimeError:  # deleted between the check and the emit
        if shiboken6.isValid(bridge):
            raise
    return False


class _Runnable(QRunnable):
    def __init__(self, number: int, fn: Callable[[TaskControl], Any], control: TaskControl,
                 bridge: _Bridge):
        super().__init__()
        self.setAutoDelete(True)
        self._number, self._fn, self._control, self._bridge = number, fn, control, bridge

    def run(self) -> None:
        try:
            result = self._fn(self._control)
        except BaseException as exc:  # handed to the GUI thread, never lost
            _send(self._bridge, "failed", self._number, exc)
        else:
            _send(self._bridge, "done", self._number, result)


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


class Task:
    """One background run: its control (progress, Cancel) and progress dialog."""

    def __init__(self, number: int, control: TaskControl,
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]):
        self.number = number
        self.control = control
        self.on_done, self.on_error = on_done, on_error
        self.finished = False
        self.dialog: QProgressDialog | None = None


class TaskRunner(QObject):
    """Starts background work and routes each result back to its task.

    Keep the runner alive while work runs (the main window owns one and waits
    for its pool when it closes).
    """

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._bridge.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._running: dict[int, Task] = {}
        self._numbers = itertools.count(1)

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
        number = next(self._numbers)
        bridge = self._bridge

        def report(done: int, total: int, text: str) -> None:
            if not _send(bridge, "progressed", number, done, total, text):
                control.cancel()  # the runner is gone: the work may stop at its next check

        control = TaskControl(report)
        task = Task(number, control, on_done, on_error or (lambda e: show_error(parent, e)))
        if label is not None:
            task.dialog = self._dialog(task, label, parent)
        self._running[number] = task
        self.pool.start(_Runnable(number, fn, control, bridge))
        return task

    def _finish(self, number: int) -> Task | None:
        task = self._running.pop(number, None)
        if task is None:
            return None
        task.finished = True
        if task.dialog is not None:
            task.dialog.reset()
            task.dialog.deleteLater()
            task.dialog = None
        return task

    @Slot(int, object)
    def _done(self, number: int, result: Any) -> None:
        task = self._finish(number)
        if task is not None:
            task.on_done(result)

    @Slot(int, object)
    def _failed(self, number: int, exc: BaseException) -> None:
        task = self._finish(number)
        if task is not None:
            task.on_error(exc)

    @Slot(int, int, int, str)
    def _progressed(self, number: int, done: int, total: int, text: str) -> None:
        task = self._running.get(number)
        if task is None or task.dialog is None:
            return
        dialog = task.dialog
        # The label first: setValue() on a modal dialog that is showing processes
        # events, and the task may finish (and drop its dialog) in there.
        if text:
            dialog.setLabelText(text)
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)

    def _dialog(self, task: Task, label: str, parent: QWidget | None) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        dialog.setWindowTitle("MentorDesk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.control.cancel)
        return dialog

    def cancel_all(self) -> None:
        """Ask every running task to stop (the work checks between its steps)."""
        for task in list(self._running.values()):
            task.control.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)
