"""The main window builds only the page it opens on; the others when first needed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentordesk.db import open_database
from mentordesk.services.container import Services
from mentordesk.ui.context import Navigator
from mentordesk.ui.main_window import OPENED_BY, PAGE_CLASSES, PAGES, MainWindow
from mentordesk.ui.settings import UiSettings

from .conftest import TODAY
from .test_main_window import page_loaded

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def make_window(qtbot, services, tmp_path):
    def make(page: str | None = None, services_=services) -> MainWindow:
        window = MainWindow(services_, UiSettings(tmp_path / "ui.ini"), today=lambda: TODAY)
        qtbot.addWidget(window)
        window.show()
        if page is not None:
            window.show_page(page)
        qtbot.waitUntil(lambda: page_loaded(window.current_page()))
        return window

    return make


def test_a_new_window_builds_only_the_page_it_opens_on(qtbot, make_window, services):
    fresh = Services.for_database(services.db)  # nothing built yet
    window = make_window(services_=fresh)
    assert list(window.pages) == ["dashboard"] and window.stack.count() == 1
    assert window.current_page().dashboard is not None  # and that page has its figures
    assert fresh.built() == ("dashboard",)
    window.show_page("youth")
    qtbot.waitUntil(lambda: window.count_label.text() == "4 young people")
    assert list(window.pages) == ["dashboard", "youth"] and window.stack.count() == 2
    assert window.stack.currentWidget() is window.pages["youth"]
    assert set(fresh.built()) == {"dashboard", "youth"}
    window.show_page("dashboard")  # back: the page built before, not a second one
    assert window.stack.count() == 2 and window.current_page() is window.pages["dashboard"]


def test_the_first_page_reads_once_the_window_is_painted(qtbot, services, tmp_path):
    window = MainWindow(services, UiSettings(tmp_path / "ui.ini"), today=lambda: TODAY)
    qtbot.addWidget(window)
    page = window.current_page()
    assert window.tasks.running() == 0 and page.dashboard is None  # not before it is seen
    window.show()
    qtbot.waitUntil(lambda: page.dashboard is not None)
    window.show_page("volunteers")  # on screen: a page reads as soon as it is shown
    assert window.current_page().loading
    qtbot.waitUntil(lambda: window.count_label.text() == "5 volunteers")


def test_a_window_closed_before_its_first_paint_reads_nothing(qtbot, services, tmp_path):
    window = MainWindow(services, UiSettings(tmp_path / "ui.ini"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.close()
    qtbot.wait(50)
    assert window.tasks.running() == 0 and window.current_page().dashboard is None


def test_asking_for_a_page_builds_it_without_showing_it(make_window):
    window = make_window()
    matches = window.pages["matches"]
    assert isinstance(matches, PAGE_CLASSES["matches"])
    assert window.current_key() == "dashboard" and not matches.isVisible()
    assert not matches.loaded()  # read when first shown, as before
    assert window.pages.get("sessions") is None and "sessions" not in window.pages
    with pytest.raises(KeyError):
        window.pages["nowhere"]


def test_opened_by_names_the_page_that_registers_each_kind(qtbot, make_window, monkeypatch):
    registered: list[tuple[str, str]] = []
    building: list[str] = []
    original = Navigator.register

    def register(self, kind, opener):
        registered.append((building[-1] if building else "window", kind))
        original(self, kind, opener)

    monkeypatch.setattr(Navigator, "register", register)
    window = make_window()
    for key, _ in PAGES:
        building.append(key)
        window.pages[key]
    assert sorted(kind for _, kind in registered) == sorted(OPENED_BY)
    assert {kind: key for key, kind in registered} == OPENED_BY


def test_a_record_opens_from_a_page_not_built_yet(qtbot, make_window, services):
    window = make_window()
    match_id = services.matches.list_rows()[0].id
    assert window.navigator.can_open("match") and "matches" not in window.pages
    assert window.navigator.open_record("match", match_id)
    matches = window.pages["matches"]
    detail = matches.windows[match_id]
    qtbot.waitUntil(detail.isVisible)
    assert window.current_key() == "dashboard"  # the window stays where it was
    detail.close()
    assert not window.navigator.open_record("volunteer_pet", 1)


def test_organisation_changes_and_closing_touch_only_the_pages_built(qtbot, make_window):
    from mentordesk.ui.dialogs.import_wizard import refresh_pages

    window = make_window("volunteers")
    window.organisation_changed()
    refresh_pages(window)  # after an import: the pages built read again
    qtbot.waitUntil(lambda: not window.current_page().loading)
    assert list(window.pages) == ["dashboard", "volunteers"]
    window.close()
    assert list(window.pages) == ["dashboard", "volunteers"]
    assert window.settings.last_page() == "volunteers"


def test_a_fresh_start_imports_only_the_first_pages_modules(tmp_path):
    """In a fresh interpreter: the window on the dashboard imports no other page's module,
    none of the menus' dialogs and only the services the dashboard uses."""
    db_path = tmp_path / "fresh.sqlite"
    open_database(db_path).dispose()
    code = f"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication
QStandardPaths.setTestModeEnabled(True)
app = QApplication([])
from mentordesk.db import open_database
from mentordesk.services.container import Services
from mentordesk.ui.main_window import PAGE_CLASSES, MainWindow
from mentordesk.ui.settings import UiSettings

def loaded(prefix):
    return sorted(m[len(prefix):] for m in sys.modules if m.startswith(prefix))

services = Services.for_database(open_database({str(db_path)!r}))
window = MainWindow(services, UiSettings({str(tmp_path / 'ui.ini')!r}))
window.show()
while window.current_page().dashboard is None:  # painted, then the page reads
    app.processEvents()
    window.tasks.wait(50)
pages = [k for k in loaded("mentordesk.ui.views.") if k in PAGE_CLASSES]
"reports" in PAGE_CLASSES
first = [pages, loaded("mentordesk.ui.dialogs."), loaded("mentordesk.services."),
         list(services.built())]
window.show_page("sessions")
then = [k for k in loaded("mentordesk.ui.views.") if k in PAGE_CLASSES]
print(json.dumps([first, then]))
window.tasks.wait()
os._exit(0)
"""
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    (pages, dialogs, service_modules, built), then = json.loads(
        done.stdout.strip().splitlines()[-1])
    assert pages == ["dashboard"]
    assert dialogs == []
    for heavy in ("imports", "exports", "reports", "matching", "maintenance", "sessions"):
        assert heavy not in service_modules
    assert built == ["dashboard"]
    assert then == ["dashboard", "sessions"]
