"""Sorting on raw values and searching without regard to case or accents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...domain.values import name_key
from .records import RecordTableModel, SortRole

Index = QModelIndex | QPersistentModelIndex
RowPredicate = Callable[[Any], bool]


class RecordFilterProxy(QSortFilterProxyModel):
    """Sort by each column's raw value (empty values last, either direction) and filter.

    Search: every word typed must appear in some searched column; "jose" finds
    "José", "ana gar" finds "Ana García". The row filter (a status choice) is a
    predicate on the row object.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._row_filter: RowPredicate | None = None
        self._search_columns: frozenset[int] | None = None
        self.setSortRole(SortRole)  # what lessThan compares (read straight from the model)
        self.setDynamicSortFilter(True)  # re-sort when the rows are reloaded

    def _records(self) -> RecordTableModel:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel), "RecordFilterProxy needs a RecordTableModel"
        return model

    # --- what is filtered -------------------------------------------------------

    def search_text(self) -> str:
        return " ".join(self._terms)

    def set_search_text(self, text: str) -> None:
        terms = tuple(name_key(text).split())
        if terms != self._terms:
            self._refilter(lambda: setattr(self, "_terms", terms))

    def set_row_filter(self, predicate: RowPredicate | None) -> None:
        if predicate is not self._row_filter:
            self._refilter(lambda: setattr(self, "_row_filter", predicate))

    def set_search_columns(self, columns: Iterable[int] | None) -> None:
        """Search only these source columns (the visible ones); None searches all."""
        wanted = None if columns is None else frozenset(columns)
        if wanted != self._search_columns:
            self._refilter(lambda: setattr(self, "_search_columns", wanted))

    def _refilter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    # --- QSortFilterProxyModel ----------------------------------------------------

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self._records()
        if self._row_filter is not None and not self._row_filter(model.row_at(source_row)):
            return False
        if not self._terms:
            return True
        keys = model.search_keys(source_row)
        if self._search_columns is not None:
            keys = tuple(k for i, k in enumerate(keys) if i in self._search_columns)
        return all(any(term in key for key in keys) for term in self._terms)

    def lessThan(self, left: Index, right: Index) -> bool:
        values = self._records().sort_values(left.column())
        a, b = values[left.row()], values[right.row()]
        if a is None or b is None:
            # Qt flips the comparison for descending order; flip back so blanks stay last.
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            if a is None and b is None:
                return False
            return (a is None) == descending
        try:
            return a < b
        except TypeError:  # mixed types in one column: compare their text instead
            return str(a) < str(b)
