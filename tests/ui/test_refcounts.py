"""Guard against PySide6 6.12.0's SignalInstance.emit() reference bug.

In 6.12.0, emit() from Python returned True without taking a reference to it;
on Python 3.11 the interpreter aborts after about a thousand emits. pyproject
excludes that release; these tests fail if a broken release comes back.
"""

import subprocess
import sys

from mentordesk.ui.main_window import MainWindow

from .conftest import TODAY

EMITS = """
import sys
from PySide6.QtCore import QObject, Signal
class Source(QObject):
    fired = Signal(int)
source = Source()
before = sys.getrefcount(True)
for i in range(20_000):
    source.fired.emit(i)
print(before - sys.getrefcount(True))
"""


def test_python_emits_keep_their_references():
    result = subprocess.run([sys.executable, "-c", EMITS], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 10


def test_working_the_window_does_not_leak_references_to_true(qtbot, services, ui_settings):
    window = MainWindow(services, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["volunteers"]
    before = sys.getrefcount(True)
    for i in range(100):
        window.search.setText("a" if i % 2 else "")
        window.search.flush()
        page.table.sortByColumn(i % 5, page.table.horizontalHeader().sortIndicatorOrder())
        page.set_filter("Ready to match" if i % 2 else "All volunteers")
        page.table.selectRow(i % 3)
        window.show_page("youth" if i % 2 else "volunteers")
    assert before - sys.getrefcount(True) < 50
