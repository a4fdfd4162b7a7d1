"""A list page of records a coordinator creates, opens and archives from the list.

Adds to ListPage: a "New …" button (Ctrl+N while the page is shown), Archive /
Restore of the selected rows (confirmed, undoable), "Show archived", and
double-click or Enter to open a record. After any change the rows are read
again in the background and the selection is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QMessageBox, QPushButton, QWidget

from ...domain.errors import MentorDeskError
from ..commands import CommandGroup, SetArchived, run_command
from ..context import PageContext
from ..models import columns as col
from .list_page import ListPage


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before a change (tests patch QMessageBox.question)."""
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def status_column(get: Callable[[Any], Enum], **kw: Any) -> col.Column:
    """The status label, with "archived" after it for archived records."""
    base = col.enum_label("status", "Status", get, **kw)
    return col.Column(
        base.key, base.header,
        lambda r: base.display(r) + (" (archived)" if getattr(r, "archived", False) else ""),
        base.sort_value, base.align, base.tooltip, base.header_tip, base.visible,
    )


class RecordListPage(ListPage):
    """Subclasses set `kind`, say how to load rows and how to open or create a record."""

    kind = "record"  # what the navigator knows this page's records as

    def __init__(self, context: PageContext, *, new_label: str, service: Any,
                 parent: QWidget | None = None, **kw: Any):
        self.context = context
        self.service = service
        self.include_archived = False
        super().__init__(tasks=context.tasks, today=context.today, parent=parent, **kw)
        self.new_button = QPushButton(new_label, self)
        self.new_button.setObjectName(f"{self.key}New")
        self.new_button.setToolTip(f"{new_label.rstrip('…')} (Ctrl+N)")
        self.new_button.clicked.connect(self.new_record)
        self.archive_button = QPushButton("Archive", self)
        self.archive_button.setObjectName(f"{self.key}Archive")
        self.archive_button.clicked.connect(self.archive_selected)
        self.show_archived = QCheckBox("Show archived", self)
        self.show_archived.setObjectName(f"{self.key}ShowArchived")
        self.show_archived.toggled.connect(self.set_show_archived)
        for widget in (self.new_button, self.archive_button, self.show_archived):
            self.actions_layout.addWidget(widget)
        self.new_action = QAction(new_label, self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_action.triggered.connect(self.new_record)
        self.addAction(self.new_action)  # active only while the page is shown
        self.archive_action = QAction("Archive", self.table)
        self.archive_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.archive_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.archive_action.triggered.connect(self.archive_selected)
        self.table.addAction(self.archive_action)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.proxy.modelReset.connect(self._selection_changed)
        self._selection_changed()
        context.navigator.register(self.kind, self.open_record)

    # --- what subclasses provide ----------------------------------------------------

    def make_form(self, record_id: int | None) -> QWidget:
        """The form for a new record (None) or an existing one; it has a `saved` signal."""
        raise NotImplementedError

    def open_record(self, record_id: int) -> QWidget:
        """Open a record (the navigator calls this too); the default is its form."""
        return self.edit_record(record_id)

    # --- actions --------------------------------------------------------------------

    def open_row(self, row: Any) -> None:
        self.open_record(row.id)

    def new_record(self) -> QWidget:
        return self._show_form(self.make_form(None))

    def edit_record(self, record_id: int) -> QWidget:
        return self._show_form(self.make_form(record_id))

    def _show_form(self, form: QWidget) -> QWidget:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda record_id: self.reload(select=[record_id]))
        form.open()  # window-modal, returns at once
        return form

    def record_changed(self) -> None:
        """Undo, redo or a save elsewhere changed records: read the rows again."""
        self.reload()

    def _selection_changed(self, *_: Any) -> None:
        rows = self.selected_rows()
        restoring = bool(rows) and all(getattr(r, "archived", False) for r in rows)
        self.archive_button.setText("Restore" if restoring else "Archive")
        self.archive_button.setEnabled(bool(rows))
        self.archive_action.setEnabled(bool(rows))
        self.archive_button.setToolTip(
            "Restore the selected records to the lists" if restoring
            else "Archive the selected records (Delete); nothing is deleted, and Undo restores"
        )

    def archive_selected(self) -> bool:
        rows = self.selected_rows()
        if not rows:
            return False
        restoring = all(getattr(r, "archived", False) for r in rows)
        rows = [r for r in rows if getattr(r, "archived", False) == restoring]
        noun = self.noun[0] if len(rows) == 1 else self.noun[1]
        names = rows[0].name if len(rows) == 1 else f"{len(rows)} {noun}"
        verb = "Restore" if restoring else "Archive"
        text = (f"Restore {names} to the lists?" if restoring else
                f"Archive {names}? Archived records leave the lists but nothing is deleted; "
                "Edit → Undo or “Show archived” brings them back.")
        if not confirm(self, f"{verb} {noun}", text):
            return False
        parts = [SetArchived(self.service, r.id, not restoring, text=f"{verb} {r.name}")
                 for r in rows]
        command = parts[0] if len(parts) == 1 else CommandGroup(f"{verb} {names}", parts)
        command.changed = self.record_changed
        try:
            run_command(self.context.undo, command)
        except MentorDeskError as exc:
            QMessageBox.warning(self, f"{verb} {noun}", str(exc))
            return False
        self.reload()
        return True

    def set_show_archived(self, on: bool) -> None:
        if on != self.include_archived:
            self.include_archived = on
            if self.show_archived.isChecked() != on:
                self.show_archived.setChecked(on)
            self.reload()
