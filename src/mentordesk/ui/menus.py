"""The main window's menus: File (FileActions), Edit, View and Help.

The window keeps the actions tests and other code reach for (undo_action,
find_action, columns_menu, reload_action, organisation_action, guide_action,
shortcuts_action, about_action); the dialogs they open are kept on the window
while open (window.dialogs[name]).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from .about import show_about

if TYPE_CHECKING:
    from .dialogs.organisation import OrganisationDialog
    from .main_window import MainWindow


def build_menus(window: MainWindow, pages: tuple[tuple[str, str], ...]) -> None:
    menus = window.menuBar()
    window.file_actions.fill(menus.addMenu("&File"))
    _edit_menu(window)
    _view_menu(window, pages)
    _help_menu(window)


def _edit_menu(window: MainWindow) -> None:
    edit = window.menuBar().addMenu("&Edit")
    window.undo_action = window.undo_stack.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = window.undo_stack.createRedoAction(window, "&Redo")
    window.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
    edit.addAction(window.undo_action)
    edit.addAction(window.redo_action)
    edit.addSeparator()
    window.find_action = edit.addAction("&Find…", QKeySequence.StandardKey.Find,
                                        window.focus_search)
    edit.addSeparator()
    window.organisation_action = edit.addAction(
        "&Organisation settings…", lambda: open_dialog(window, "organisation", _organisation))
    window.organisation_action.setMenuRole(QAction.MenuRole.PreferencesRole)


def _view_menu(window: MainWindow, pages: tuple[tuple[str, str], ...]) -> None:
    view = window.menuBar().addMenu("&View")
    window.page_actions = QActionGroup(window)
    for number, (key, title) in enumerate(pages, start=1):
        action = view.addAction(title.replace("&", "&&"))
        action.setCheckable(True)
        action.setData(key)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _=False, k=key: window.show_page(k))
        window.page_actions.addAction(action)
    view.addSeparator()
    window.columns_menu = view.addMenu("&Columns")
    window.columns_menu.aboutToShow.connect(window.fill_columns_menu)
    window.reload_action = view.addAction("&Reload", QKeySequence.StandardKey.Refresh,
                                          window.reload_page)


def _help_menu(window: MainWindow) -> None:
    help_ = window.menuBar().addMenu("&Help")
    window.guide_action = help_.addAction(
        "&User guide", QKeySequence.StandardKey.HelpContents,
        lambda: open_dialog(window, "guide", _guide))
    window.shortcuts_action = help_.addAction(
        "&Keyboard shortcuts", lambda: open_dialog(window, "shortcuts", _shortcuts))
    help_.addSeparator()
    window.about_action = help_.addAction(
        "&About MentorDesk", lambda: show_about(window, window.services.db.label))
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    about_qt = help_.addAction("About &Qt", QApplication.aboutQt)
    about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)


def _menus(window: MainWindow):
    return [a.menu() for a in window.menuBar().actions() if a.menu() is not None]


# The dialogs' modules are imported when a dialog is first opened, not with the window.
def _guide(window: MainWindow) -> QDialog:
    from .dialogs.help import UserGuideDialog

    return UserGuideDialog(window)


def _shortcuts(window: MainWindow) -> QDialog:
    from .dialogs.help import ShortcutsDialog

    return ShortcutsDialog(_menus(window), window)


def _organisation(window: MainWindow) -> OrganisationDialog:
    from .dialogs.organisation import OrganisationDialog

    dialog = OrganisationDialog(window.context, window)
    dialog.changed.connect(window.organisation_changed)
    return dialog


def open_dialog(window: MainWindow, name: str, make) -> QDialog:
    """Show the window's dialog `name` (the one open already, brought to the front)."""
    dialog = window.dialogs.get(name)
    if dialog is not None and shiboken6.isValid(dialog):
        dialog.activateWindow()  # to the front
        return dialog
    dialog = window.dialogs[name] = make(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _=0: window.dialogs.pop(name, None))
    dialog.open()
    return dialog
