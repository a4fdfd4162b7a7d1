"""Edit → Organisation settings…: the programmes (list, new, edit, archive) and the
organisation's rules, each change through the services and undoable."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import MentorDeskError
from ..commands import SetArchived, run_command
from ..context import PageContext
from ..forms.programme import ProgrammeForm
from ..models import RecordFilterProxy, RecordTableModel, RowRole
from ..models import columns as col
from ..views.table import RecordTableView
from .organisation_rules import RulesPanel


def programme_columns() -> list[col.Column]:
    return [
        col.text("name", "Programme", lambda p: p.name),
        col.enum_label("type", "Type", lambda p: p.type),
        col.text("day", "Meets", lambda p: " ".join(
            x for x in (p.meeting_day, p.meeting_time) if x)),
        col.yes_no("archived", "Archived", lambda p: p.archived_at is not None, yes="Archived"),
        col.text("address", "Address", lambda p: " ".join((p.address or "").split())),
    ]


class ProgrammesPanel(QWidget):
    """The programmes; `changed` after a change (and after its undo or redo)."""

    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.form: ProgrammeForm | None = None
        self.model = RecordTableModel(programme_columns(), self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = RecordTableView(self)
        self.table.setObjectName("programmesTable")
        self.table.setSelectionMode(RecordTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.proxy)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(lambda _index: self.edit())
        self.show_archived = QCheckBox("Show archived", self, objectName="programmesArchived")
        self.show_archived.toggled.connect(lambda _on: self.reload())
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (("new", "&New programme…", self.new),
                                 ("edit", "&Edit…", self.edit),
                                 ("archive", "&Archive", self.archive)):
            button = self.buttons[name] = QPushButton(text, self, objectName=f"{name}Programme")
            button.clicked.connect(lambda _=False, slot=slot: slot())
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the programmes again (a handful of rows), keeping the selection."""
        if not shiboken6.isValid(self):  # an undo after the dialog closed
            return
        current = self.current()
        wanted = select if select is not None else (current.id if current else None)
        self.model.set_rows(self.context.services.programmes.list(
            include_archived=self.show_archived.isChecked()))
        archived = self.model.column_index("archived")
        self.table.setColumnHidden(archived, not self.show_archived.isChecked())
        for column in range(self.model.columnCount() - 1):  # the address takes the rest
            self.table.resizeColumnToContents(column)
        self.table.set_empty_text("No programmes yet: New programme…")
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(RowRole).id == wanted:
                self.table.selectRow(row)
        self._chosen()

    def current(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _chosen(self, *_: Any) -> None:
        programme = self.current()
        self.buttons["edit"].setEnabled(programme is not None)
        self.buttons["archive"].setEnabled(programme is not None)
        restoring = programme is not None and programme.archived_at is not None
        self.buttons["archive"].setText("&Restore" if restoring else "&Archive")

    def _changed(self, select: int | None = None) -> None:
        self.reload(select)
        if shiboken6.isValid(self):
            self.changed.emit()

    def new(self) -> ProgrammeForm:
        return self._open(None)

    def edit(self) -> ProgrammeForm | None:
        programme = self.current()
        return None if programme is None else self._open(programme.id)

    def _open(self, programme_id: int | None) -> ProgrammeForm:
        form = self.form = ProgrammeForm(self.context, programme_id, changed=self._changed,
                                         parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda record_id: self._changed(record_id))
        form.finished.connect(lambda _=0: setattr(self, "form", None))
        form.open()
        return form

    def archive(self) -> bool:
        programme = self.current()
        if programme is None:
            return False
        archived = programme.archived_at is None
        if archived:
            answer = QMessageBox.question(
                self, "Archive programme",
                f"Archive {programme.name}? It leaves the lists and forms; its matches and "
                "sessions stay on record, and Edit → Undo brings it back.")
            if answer != QMessageBox.StandardButton.Yes:
                return False
        verb = "Archive" if archived else "Restore"
        command = SetArchived(self.context.services.programmes, programme.id, archived,
                              text=f"{verb} programme {programme.name}")
        try:
            run_command(self.context.undo, command)
        except MentorDeskError as exc:
            QMessageBox.warning(self, f"{verb} programme", str(exc))
            return False
        command.changed = self._changed
        self._changed(programme.id)
        return True


class OrganisationDialog(QDialog):
    """Programmes and rules in two tabs; `changed` when either changed."""

    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Organisation settings")
        self.setObjectName("organisationSettings")
        self.programmes = ProgrammesPanel(context, self)
        self.rules = RulesPanel(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.programmes, "&Programmes")
        self.tabs.addTab(self.rules, "&Rules")
        for panel in (self.programmes, self.rules):
            panel.changed.connect(self.changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        char, line = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.resize(char * 120, line * 38)

    def show_rules(self) -> None:
        self.tabs.setCurrentWidget(self.rules)

    def reject(self) -> None:
        """Close (Close, Esc, the title bar); rules edited but not saved are saved,
        dropped or kept open, as the coordinator says."""
        if self.isVisible() and self.rules.has_unsaved_changes():
            self.show_rules()
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self, "Organisation settings",
                "The rules have changes that are not saved. Save them before closing?",
                buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
            if answer == buttons.Cancel or (answer == buttons.Save and not self.rules.save()):
                return
        super().reject()
