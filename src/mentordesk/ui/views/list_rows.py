"""Rows made ready off the GUI thread, sorted without a Python call per comparison.

A list of 2,000 volunteers costs the GUI thread several hundred milliseconds if
display texts are computed there and QSortFilterProxyModel calls a Python
lessThan some 20,000 times. Here the worker computes texts, search keys and
the order; the GUI thread only swaps the lists in. Clicking a header sorts
with Python's sorted() on the column's raw values (the same order as
RecordFilterProxy.lessThan: empty values last in either direction), then
reorders the rows with layoutChanged so selection and scroll position stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from ...domain.values import name_key
from ..models import Column, RecordFilterProxy, RecordTableModel
from .header import MIN_FIT_CHARS, fit_cap

FIT_ROWS = 300  # like the header's resize precision: widths come from the top rows
FIT_CANDIDATES = 12  # texts per column measured in pixels (the longest by length)


def ordered(values: Sequence[Any], descending: bool) -> list[int]:
    """Row positions sorted by value, stable, with empty (None) values last."""
    present = [i for i, v in enumerate(values) if v is not None]
    missing = [i for i, v in enumerate(values) if v is None]
    try:
        present.sort(key=values.__getitem__, reverse=descending)
    except TypeError:  # mixed types in one column: compare their text instead
        present.sort(key=lambda i: str(values[i]), reverse=descending)
    return present + missing


@dataclass
class PreparedRows:
    rows: list[Any]
    display: list[tuple[str, ...]]
    search: list[tuple[str, ...]]
    sort: dict[int, list[Any]]  # column → sort value per row (for the sorted column)
    widths: dict[int, list[str]]  # column → the longest texts among the top rows
    choices: Any = None  # what the rows offer the filter bar (Facets.choices), if asked


def prepare(columns: Sequence[Column], rows: Sequence[Any], sort_column: int,
            descending: bool) -> PreparedRows:
    """Everything the model needs, in display order; safe to run in a worker thread."""
    rows = list(rows)
    sort: dict[int, list[Any]] = {}
    if 0 <= sort_column < len(columns):
        key = columns[sort_column].sort_key
        values = [key(r) for r in rows]
        order = ordered(values, descending)
        rows = [rows[i] for i in order]
        sort[sort_column] = [values[i] for i in order]
    display = [tuple(c.display(r) for c in columns) for r in rows]
    search = [tuple(name_key(t) for t in texts) for texts in display]
    top = display[:FIT_ROWS]
    widths = {
        c: sorted({texts[c] for texts in top}, key=len, reverse=True)[:FIT_CANDIDATES]
        for c in range(len(columns))
    }
    return PreparedRows(rows, display, search, sort, widths)


class ListModel(RecordTableModel):
    """A RecordTableModel that takes prepared rows and reorders them in place.

    `sort_state` (column, descending) is the order the page shows; set_rows()
    keeps to it, since the proxy does not sort.
    """

    sort_state: tuple[int, bool] = (-1, False)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.set_prepared(prepare(self.columns, rows, *self.sort_state))

    def set_prepared(self, prepared: PreparedRows) -> None:
        self.beginResetModel()
        self._rows = prepared.rows
        self._display = prepared.display
        self._search = prepared.search
        self._sort = dict(prepared.sort)
        self.endResetModel()

    def reorder(self, order: list[int]) -> None:
        """Show the rows in `order` (old positions); selections follow their rows."""
        if order == list(range(len(order))):
            return
        self.layoutAboutToBeChanged.emit()
        new_position = {old: new for new, old in enumerate(order)}
        before = self.persistentIndexList()
        after = [self.index(new_position[i.row()], i.column()) for i in before]
        self._rows = [self._rows[i] for i in order]
        self._display = [self._display[i] for i in order]
        if self._search is not None:
            self._search = [self._search[i] for i in order]
        self._sort = {c: [values[i] for i in order] for c, values in self._sort.items()}
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


class SortingProxy(RecordFilterProxy):
    """Filters like RecordFilterProxy; a sort request reorders the source rows instead.

    The proxy itself never sorts (its sort column stays -1), so no Python
    lessThan runs; the page's `sort_rows(column, order)` does the work.
    """

    def __init__(self, sort_rows: Callable[[int, Qt.SortOrder], None], parent=None):
        super().__init__(parent)
        self._sort_rows = sort_rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_rows(column, order)


def sort_rows(model: ListModel, column: int, order: Qt.SortOrder) -> None:
    descending = order == Qt.SortOrder.DescendingOrder
    model.sort_state = (column, descending)
    if 0 <= column < model.columnCount() and model.rowCount():
        model.reorder(ordered(model.sort_values(column), descending))


def fit_widths(table: QTableView, prepared: PreparedRows) -> None:
    """Column widths from the longest texts (a few measured per column, not every cell)."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    option = QStyleOptionViewItem()
    option.initFrom(table)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, table) + 1
    widths = {}
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        texts = prepared.widths.get(column, [])
        content = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        widths[column] = max(content + 2 * margin + 1, header.sectionSizeHint(column))
    floor = metrics.averageCharWidth() * MIN_FIT_CHARS
    room = table.viewport().width()
    bar = table.verticalScrollBar()
    rows_height = table.verticalHeader().defaultSectionSize() * table.model().rowCount()
    if not bar.isVisible() and rows_height > table.viewport().height():
        room -= table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
    cap = fit_cap(list(widths.values()), room, floor)
    for column, width in widths.items():
        header.resizeSection(column, min(width, cap))
