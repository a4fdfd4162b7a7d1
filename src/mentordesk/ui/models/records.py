"""One table model for every list: plain service rows in, columns from `Column` specs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.values import name_key
from .columns import Column

SortRole = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts on
SearchRole = Qt.ItemDataRole.UserRole + 2  # display text folded for search (no case/accents)
RowRole = Qt.ItemDataRole.UserRole + 3  # the row object itself

_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: a table's rows hang off it


class ColumnSpecs:
    """What a table model over `Column` specs answers the same way: its columns by key,
    and their headers (the header keeps the view's alignment: sort arrows overlap
    right-aligned text)."""

    _columns: tuple[Column, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self._columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def column_header(self, section: int, role: int) -> Any:
        """The header's text and tooltip (None for other roles)."""
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tip
        return None


class RecordTableModel(ColumnSpecs, QAbstractTableModel):
    """Read-only rows of plain dataclasses.

    Texts are computed once per load; sort values and search keys of a column the
    first time something sorts or searches (most columns are never sorted on).
    """

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[Any] = []
        self._display: list[tuple[str, ...]] = []
        self._sort: dict[int, list[Any]] = {}
        self._search: list[tuple[str, ...]] | None = None

    # --- content -------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._display = [tuple(c.display(r) for c in self._columns) for r in self._rows]
        self._sort = {}
        self._search = None
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def text(self, row: int, column: int) -> str:
        return self._display[row][column]

    def sort_values(self, column: int) -> list[Any]:
        """The raw sort value of every row in one column (index: source row)."""
        values = self._sort.get(column)
        if values is None:
            key = self._columns[column].sort_key
            values = self._sort[column] = [key(r) for r in self._rows]
        return values

    def sort_value(self, row: int, column: int) -> Any:
        return self.sort_values(column)[row]

    def search_keys(self, row: int) -> tuple[str, ...]:
        """Folded texts of a row, built the first time anyone searches."""
        if self._search is None:
            self._search = [tuple(name_key(t) for t in texts) for texts in self._display]
        return self._search[row]

    # --- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < len(self._columns)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][col]
        if role == SortRole:
            return self.sort_value(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[col].align
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._columns[col].tooltip
            return tip(self._rows[row]) if tip else None
        if role == SearchRole:
            return self.search_keys(row)[col]
        if role == RowRole:
            return self._rows[row]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return super().headerData(section, orientation, role)
        return self.column_header(section, role)
