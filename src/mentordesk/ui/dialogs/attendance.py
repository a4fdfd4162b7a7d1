"""A checklist of volunteers: take attendance at an event, or pick people for a circle.

ChecklistModel is a table of PersonRow (name, company, branch, what is recorded)
whose first column can be ticked; ChecklistFilter searches it as you type
(without regard to case or accents). The dialog only collects the ticks: the
page hands checked_ids() to the service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.values import name_key
from ...services.events import PersonRow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
HEADERS = ("Name", "Company", "Branch", "Recorded")


class ChecklistModel(QAbstractTableModel):
    """People with a tick each; `checked` holds the ticked volunteer IDs."""

    def __init__(self, rows: Sequence[PersonRow], checked: Iterable[int] = (), parent=None):
        super().__init__(parent)
        self._rows = list(rows)
        self._texts = [
            (r.name + (" (archived)" if r.archived else ""), r.sponsor or "", r.branch or "",
             r.status.label if r.status is not None else "")
            for r in self._rows
        ]
        self._keys = [name_key(" ".join(t[:3])) for t in self._texts]
        self.checked: set[int] = set(checked) & {r.volunteer_id for r in self._rows}

    def row_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def search_key(self, row: int) -> str:
        return self._keys[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemNeverHasChildren)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            ticked = self._rows[row].volunteer_id in self.checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        self.set_checked([index.row()], state == Qt.CheckState.Checked)
        return True

    def set_checked(self, rows: Iterable[int], ticked: bool) -> None:
        changed = []
        for row in rows:
            vid = self._rows[row].volunteer_id
            if (vid in self.checked) != ticked:
                (self.checked.add if ticked else self.checked.discard)(vid)
                changed.append(row)
        for row in changed:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return super().headerData(section, orientation, role)


class ChecklistFilter(QSortFilterProxyModel):
    """Every word typed must appear in the name, company or branch; optionally only
    the ticked rows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._ticked_only = False

    def _refilter(self, change) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search_text(self, text: str) -> None:
        terms = tuple(name_key(text).split())
        if terms != self._terms:
            self._refilter(lambda: setattr(self, "_terms", terms))

    def set_ticked_only(self, on: bool) -> None:
        if on != self._ticked_only:
            self._refilter(lambda: setattr(self, "_ticked_only", on))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self._ticked_only and model.row_at(source_row).volunteer_id not in model.checked:
            return False
        key = model.search_key(source_row)
        return all(term in key for term in self._terms)


class ChecklistDialog(QDialog):
    """Tick people in a searchable list; OK returns with checked_ids()."""

    def __init__(self, title: str, lead: str, rows: Sequence[PersonRow],
                 checked: Iterable[int] = (), *, ok_text: str = "Save",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = ChecklistModel(rows, checked, self)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("checklistSearch")
        self.search.setPlaceholderText("Search names, companies, branches")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search_text)
        self.table = QTableView(self)
        self.table.setObjectName("checklist")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((30, 26, 26)):  # fixed: measuring 2,000 rows is slow
            header.resizeSection(column, char * chars)
        self.table.activated.connect(self._toggle)
        self.count = QLabel(self)
        self.count.setObjectName("checklistCount")
        tick = QPushButton("&Tick all shown", self)
        tick.clicked.connect(lambda: self.tick_shown(True))
        clear = QPushButton("C&lear all shown", self)
        clear.clicked.connect(lambda: self.tick_shown(False))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ticked_only = QCheckBox("Show &only ticked", self)
        self.ticked_only.toggled.connect(self.proxy.set_ticked_only)
        row = QHBoxLayout()
        row.addWidget(tick)
        row.addWidget(clear)
        row.addSpacing(12)
        row.addWidget(self.ticked_only)
        row.addStretch(1)
        row.addWidget(self.count)
        intro = QLabel(lead, self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.model.dataChanged.connect(self._count_changed)
        self._count_changed()
        self.resize(char * 125, self.fontMetrics().height() * 36)

    def checked_ids(self) -> list[int]:
        return sorted(self.model.checked)

    def tick_shown(self, ticked: bool) -> None:
        rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row()
                for r in range(self.proxy.rowCount())]
        self.model.set_checked(rows, ticked)

    def _toggle(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        vid = self.model.row_at(row).volunteer_id
        self.model.set_checked([row], vid not in self.model.checked)

    def _count_changed(self, *_: Any) -> None:
        n = len(self.model.checked)
        self.count.setText("1 person ticked" if n == 1 else f"{n} people ticked")
