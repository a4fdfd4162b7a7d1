"""Help → User guide (the guide shipped in the package, shown as Markdown) and
Help → Keyboard shortcuts (read from the window's own actions, so it stays true)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDE = Path(__file__).resolve().parents[2] / "assets" / "guide" / "user-guide.md"
# Keys that belong to pages and forms rather than to a menu.
PAGE_KEYS = (
    ("Ctrl+N", "A new record on the page on show"),
    ("Enter, double-click", "Open the selected record"),
    ("Delete", "Archive the selected records"),
    ("Ctrl+Shift+L", "Log a week's sessions (Sessions page)"),
    ("Ctrl+M", "Find a mentor for the young person selected (Youth page)"),
    ("Esc", "Clear the search; close a form without saving"),
    ("Ctrl+Enter", "Save the form (also in a notes box)"),
)


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


class TextDialog(QDialog):
    """A window of read-only text with a Close button."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        char, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.resize(char * 96, line * 40)


class UserGuideDialog(TextDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("MentorDesk user guide", parent)
        self.setObjectName("userGuide")
        self.browser.setMarkdown(guide_text())


def menu_shortcuts(menus: Iterable[QMenu]) -> list[tuple[str, str]]:
    """(keys, what) of every menu action that has a shortcut, in menu order."""
    found = []
    for menu in menus:
        for action in menu.actions():
            if action.menu() is not None:
                found += menu_shortcuts([action.menu()])
            elif not action.shortcut().isEmpty():
                found.append((action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                              _plain(menu.title(), action)))
    return found


def _plain(menu_title: str, action: QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return f"{menu_title.replace('&', '')} → {text}"


class ShortcutsDialog(TextDialog):
    def __init__(self, menus: Iterable[QMenu], parent: QWidget | None = None):
        super().__init__("Keyboard shortcuts", parent)
        self.setObjectName("shortcuts")
        self.rows = menu_shortcuts(menus) + list(PAGE_KEYS)
        cells = "".join(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
                        for keys, what in self.rows)
        self.browser.setHtml(
            "<h3>Keyboard shortcuts</h3><table cellspacing='0' cellpadding='4'>"
            f"{cells}</table>")
        self.resize(self.width() * 2 // 3, self.height() * 3 // 4)
