"""The import wizard's two tables: the file's columns with the field each one
imports as (the coordinator changes it), and the preview's rows with what each
would do and why a rejected one cannot be imported.

`preview_lines` is plain Python over the plan's rows: the wizard builds the lines
in the worker that made the plan, so showing 10,000 rows costs the GUI thread
only a model reset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ...importing.kinds import Kind
from ...importing.mapping import ColumnMapping, with_column
from ...importing.plan import REJECTED, RowPlan
from ...importing.rows import cell_text
from ...importing.table import SheetTable
from .columns import LEFT, RIGHT
from .records import ROOT, Index

STATUS_LABELS = {"new": "New", "changed": "Changed", "unchanged": "Unchanged",
                 "rejected": "Rejected"}
NOT_IMPORTED = "Don't import"
SAMPLES = 3  # sample values shown per column
SAMPLE_ROWS = 50  # ... looked for among this many rows
LONGEST_VALUE = 60  # characters of a changed value shown in the preview


def field_label(kind: Kind, name: str) -> str:
    """'email' -> 'Email'; names that are not fields ('criminal_record check') made readable."""
    try:
        return kind.field(name).label
    except KeyError:
        text = name.replace("_", " ").strip()
        return text[:1].upper() + text[1:]


def _shown(value: Any) -> str:
    text = getattr(value, "label", None) or cell_text(value)
    if not text:
        return "(empty)"
    return text if len(text) <= LONGEST_VALUE else text[:LONGEST_VALUE - 1] + "…"


# --- the mapping -----------------------------------------------------------------------


class MappingModel(QAbstractTableModel):
    """One row per column of the file: its header, a few sample values, the field it
    imports as (editable: the field's name under EditRole, None to leave it out)."""

    HEADER, SAMPLE, FIELD = range(3)
    mapping_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind: Kind | None = None
        self.mapping: ColumnMapping | None = None
        self._headers: tuple[str, ...] = ()
        self._samples: list[str] = []
        self.choices: list[tuple[str, str | None]] = []

    def set_mapping(self, kind: Kind, table: SheetTable, mapping: ColumnMapping) -> None:
        self.beginResetModel()
        self.kind, self.mapping, self._headers = kind, mapping, tuple(table.headers)
        rows = table.rows[:SAMPLE_ROWS]
        self._samples = []
        for index in range(len(self._headers)):
            cells = (r.values[index] if index < len(r.values) else None for r in rows)
            found = [t for t in (cell_text(c).strip() for c in cells) if t][:SAMPLES]
            self._samples.append(" · ".join(found))
        self.choices = [(NOT_IMPORTED, None)] + [(f.label, f.name) for f in kind.fields]
        self.endResetModel()

    def field_of(self, row: int) -> str | None:
        return self.mapping.columns.get(row) if self.mapping else None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 3

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.FIELD else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._headers):
            return None
        row, column = index.row(), index.column()
        name = self.field_of(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.HEADER:
                return self._headers[row]
            if column == self.SAMPLE:
                return self._samples[row]
            return field_label(self.kind, name) if name else NOT_IMPORTED
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return name
        if role == Qt.ItemDataRole.ForegroundRole and name is None and column != self.FIELD:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.FIELD
                or self.mapping is None or value == self.field_of(index.row())):
            return False
        self.mapping = with_column(self.mapping, self.kind, index.row(), value or None)
        # Another column may have given the field up: every row can change.
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.FIELD))
        self.mapping_changed.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 3:
            return ("Column in the file", "First values", "Imports as")[section]
        return super().headerData(section, orientation, role)


# --- the preview -----------------------------------------------------------------------


class PreviewLine(NamedTuple):
    """A tuple of plain values: the cycle collector stops tracking it, so 10,000 of them
    cost its full passes (which stall the GUI thread too) nothing."""

    row: int  # the row number the user sees in the spreadsheet
    status: str  # new / changed / unchanged / rejected
    record: str  # who or what the row is about
    column: str  # the column at fault (rejected rows)
    value: str  # the cell as typed (rejected rows)
    detail: str  # the problem, or what changes, or notes


def _changes(kind: Kind, plan: RowPlan) -> list[str]:
    return [f"{field_label(kind, name)}: {_shown(before)} → {_shown(after)}"
            for name, (before, after) in plan.changes.items()]


def preview_lines(rows: Sequence[RowPlan], kind: Kind) -> list[PreviewLine]:
    """One line per problem of a rejected row; one line for any other row, saying what
    changes (changed rows) and what is worth knowing (notes)."""
    lines = []
    for plan in rows:
        if plan.status == REJECTED:
            for problem in plan.problems or ():
                lines.append(PreviewLine(plan.row, plan.status, plan.record,
                                         problem.column or "", problem.value, problem.message))
            if not plan.problems:
                lines.append(PreviewLine(plan.row, plan.status, plan.record, "", "", ""))
            continue
        changes = _changes(kind, plan) if plan.status == "changed" else []
        detail = [("; ".join(changes) + ".")] if changes else []
        lines.append(PreviewLine(plan.row, plan.status, plan.record, "", "",
                                 " ".join(detail + list(plan.notes))))
    return lines


class PreviewModel(QAbstractTableModel):
    """The preview's lines, all of them or those of one status (`set_status`)."""

    HEADERS = ("Row", "Status", "Record", "Column", "Value", "Problem or change")

    def __init__(self, rejected_colour: QColor, parent=None):
        super().__init__(parent)
        self._all: list[PreviewLine] = []
        self._lines: list[PreviewLine] = []
        self._status: str | None = None
        self._rejected_colour = rejected_colour

    def set_lines(self, lines: Sequence[PreviewLine]) -> None:
        self.beginResetModel()
        self._all = list(lines)
        self._lines = self._filtered()
        self.endResetModel()

    def set_status(self, status: str | None) -> None:
        """Show the lines of one status (None: every line)."""
        self.beginResetModel()
        self._status = status
        self._lines = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[PreviewLine]:
        if self._status is None:
            return self._all
        return [line for line in self._all if line.status == self._status]

    def line(self, row: int) -> PreviewLine:
        return self._lines[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column < 5:
                return None
            return (str(line.row), STATUS_LABELS.get(line.status, line.status), line.record,
                    line.column, line.value, line.detail)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column == 0 else LEFT
        if (role == Qt.ItemDataRole.ForegroundRole and line.status == REJECTED
                and column in (1, 5)):
            return self._rejected_colour
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return super().headerData(section, orientation, role)
