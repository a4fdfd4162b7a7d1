"""Help menu: the user guide (the packaged copy is docs/user-guide.md), keyboard shortcuts
read from the window's actions, About with version, database and licence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from mentordesk.ui.dialogs.help import GUIDE, ShortcutsDialog, UserGuideDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.settings import UiSettings

from .conftest import TODAY

DOCS_GUIDE = Path(__file__).resolve().parents[2] / "docs" / "user-guide.md"


@pytest.fixture
def window(qtbot, services, tmp_path):
    window = MainWindow(services, UiSettings(tmp_path / "ui.ini"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.tasks.wait()


def test_the_packaged_guide_is_the_one_in_docs():
    assert GUIDE.read_bytes() == DOCS_GUIDE.read_bytes()


def test_the_guide_covers_a_coordinators_day():
    text = DOCS_GUIDE.read_text(encoding="utf-8")
    for heading in ("Add a volunteer", "Record screening", "Make a match", "Log sessions",
                    "Support contacts", "Close a match", "Import", "Export", "Reports",
                    "Keyboard shortcuts"):
        assert f"## {heading}" in text


def test_help_user_guide_shows_the_markdown(qtbot, window):
    window.guide_action.trigger()
    dialog = window.dialogs["guide"]
    assert isinstance(dialog, UserGuideDialog) and dialog.isVisible()
    shown = dialog.browser.toPlainText()
    assert "MentorDesk — a coordinator's day" in shown
    assert "## " not in shown  # rendered, not the Markdown source
    window.guide_action.trigger()  # the one open is brought back, not a second one
    assert window.dialogs["guide"] is dialog
    dialog.reject()
    assert "guide" not in window.dialogs


def test_keyboard_shortcuts_come_from_the_menus(qtbot, window):
    window.shortcuts_action.trigger()
    dialog = window.dialogs["shortcuts"]
    assert isinstance(dialog, ShortcutsDialog)
    rows = dict((what, keys) for keys, what in dialog.rows)
    assert rows["File → Import…"] == "Ctrl+I"
    assert rows["File → Export…"] == "Ctrl+E"
    assert rows["File → Quit"] == "Ctrl+Q"
    assert rows["Edit → Undo"] == "Ctrl+Z"
    assert rows["View → Youth"] == "Ctrl+3"
    assert rows["Help → User guide"] == "F1"
    assert "Ctrl+M" in dialog.browser.toPlainText()
    dialog.reject()


def test_about_shows_version_database_and_licence(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.about_action.trigger()
    (text,) = shown
    assert "MentorDesk 0.1.0" in text
    assert str(window.services.db.path) in text
    assert "Licence: Proprietary." in text
