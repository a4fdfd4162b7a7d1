"""Background work: results and errors come back to the GUI thread; Cancel stops it."""

import threading
import time

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QPushButton

from mentordesk.domain.errors import ValidationError
from mentordesk.ui.tasks import TaskCancelled, TaskRunner


def test_result_arrives_in_the_gui_thread(qtbot, runner):
    gui = threading.get_ident()
    seen = {}

    def work(control):
        seen["worker"] = threading.get_ident()
        return 42

    def done(result):
        seen["done"] = (result, threading.get_ident())

    runner.run(work, done)
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    assert seen["done"] == (42, gui)
    assert seen["worker"] != gui
    assert runner.running() == 0


def test_errors_go_to_on_error_not_to_a_traceback(qtbot, runner):
    errors = []
    runner.run(lambda c: (_ for _ in ()).throw(ValidationError("Bad value.")),
               lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "Bad value."


def test_cancel_stops_the_work(qtbot, runner):
    outcome = []
    started = threading.Event()

    def work(control):
        started.set()
        for i in range(500):
            control.progress(i, 500, f"Row {i}")
            control.check()
            time.sleep(0.01)
        return "finished"

    task = runner.run(work, outcome.append, outcome.append, label="Working…")
    assert started.wait(5)
    task.control.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert isinstance(outcome[0], TaskCancelled)
    assert runner.running() == 0


def test_progress_dialog_follows_progress_and_its_cancel_button_cancels(qtbot, runner):
    outcome = []
    release = threading.Event()

    def work(control):
        control.progress(3, 10, "Step three")
        release.wait(5)
        control.check()
        return "done"

    task = runner.run(work, outcome.append, outcome.append, label="Working…")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.value() == 3, timeout=5000)
    assert task.dialog.maximum() == 10 and task.dialog.labelText() == "Step three"
    task.dialog.findChild(QPushButton).click()  # what the user does
    release.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert isinstance(outcome[0], TaskCancelled)


def test_a_result_is_dropped_quietly_when_the_runner_is_gone(qapp, capfd):
    """The app quits while work runs: the worker's result has nobody to go to."""
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    release, delivered, stopped = threading.Event(), [], []

    def answer(control):
        release.wait(5)
        return 42

    def reporting(control):
        release.wait(5)
        for step in range(100):
            control.progress(step, 100)
            if control.cancelled():
                stopped.append(step)
                return None
            time.sleep(0.005)
        return "finished"

    runner.run(answer, delivered.append)
    runner.run(reporting, delivered.append)
    runner.run(lambda control: release.wait(5) and 1 / 0, delivered.append, delivered.append)
    shiboken6.delete(runner)  # what quitting does to the window and its runner
    release.set()
    assert pool.waitForDone(10_000)
    QApplication.processEvents()
    assert delivered == []
    assert stopped == [0]  # the first report found nobody listening: the work was cancelled
    assert "Signal source has been deleted" not in capfd.readouterr().err
