"""The sessions table: 150,000 rows without holding 150,000 objects.

The model knows how many rows there are and how to read one page of them: by
offset (when the database can page on an index: newest first) or from the
ordered ids of the sessions (read once, off the GUI thread, for every other
order or filter) by primary key. A page is read when the view first shows one
of its rows, in a few milliseconds; only the pages seen lately are kept. Sorting
is done by the database: a header click asks the page (through `sortRequested`)
to read the ids again in the new order.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...domain.durations import format_duration
from ...services.sessions import SessionQuery, SessionRow
from . import columns as col
from .columns import Column
from .records import ColumnSpecs, RowRole

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
PAGE_SIZE = 200
KEEP_PAGES = 64  # about 13,000 rows held at most
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

FetchRows = Callable[[Sequence[int]], list[SessionRow]]
ReadPage = Callable[[int, int], Sequence[SessionRow | None]]


class SessionTableModel(ColumnSpecs, QAbstractTableModel):
    """Read-only rows by the page over an ordered list of session ids.

    `sort_keys` maps a column key to the service's sort key; columns without one
    cannot be sorted (a click on them is refused and `sortRefused` says so).
    """

    sortRequested = Signal(str, bool)  # service sort key, descending
    sortRefused = Signal()

    def __init__(self, columns: Sequence[Column], sort_keys: dict[str, str], parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._sort_keys = dict(sort_keys)
        self._count = 0
        self._read: ReadPage = lambda offset, limit: []
        # page -> its rows (None: a session removed meanwhile) and their texts
        self._pages: OrderedDict[int, list[SessionRow | None]] = OrderedDict()
        self._texts: dict[int, list[tuple[str, ...]]] = {}
        self.pages_read = 0  # how many pages were read from the database (for tests)

    # --- content -------------------------------------------------------------

    def sort_key(self, column: int) -> str | None:
        if not 0 <= column < len(self._columns):
            return None
        return self._sort_keys.get(self._columns[column].key)

    def set_source(self, count: int, read_page: ReadPage,
                   first_rows: Sequence[SessionRow] = ()) -> None:
        """Show `count` rows; read_page(offset, limit) reads a page when it is first shown.

        `first_rows` are rows already read for the top of the list.
        """
        self.beginResetModel()
        self._count, self._read = count, read_page
        self._pages.clear()
        self._texts.clear()
        if first_rows or not count:
            self._keep(0, list(first_rows[:PAGE_SIZE]))
        self.endResetModel()

    def set_ids(self, ids: Sequence[int], fetch_rows: FetchRows,
                first_rows: Sequence[SessionRow] = ()) -> None:
        """Show these sessions in this order; rows are read by id, a page at a time."""

        def read(offset: int, limit: int) -> list[SessionRow | None]:
            wanted = ids[offset:offset + limit]
            by_id = {r.id: r for r in fetch_rows(wanted)}
            return [by_id.get(i) for i in wanted]  # a session removed meanwhile: a gap

        self.set_source(len(ids), read, first_rows)

    def forget_rows(self) -> None:
        """Read rows again when next shown (after they may have been edited)."""
        self._pages.clear()
        self._texts.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._count - 1, len(self._columns) - 1))

    def _page(self, page: int) -> list[SessionRow | None]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        self.pages_read += 1
        return self._keep(page, list(self._read(page * PAGE_SIZE, PAGE_SIZE)))

    def _keep(self, page: int, rows: list[SessionRow | None]) -> list[SessionRow | None]:
        size = min(PAGE_SIZE, max(self._count - page * PAGE_SIZE, 0))
        rows = (rows + [None] * size)[:size]  # rows gone since the count: blank lines
        self._pages[page] = rows
        self._texts[page] = [tuple(c.display(r) for c in self._columns) if r else
                             ("",) * len(self._columns) for r in rows]
        while len(self._pages) > KEEP_PAGES:
            self._texts.pop(self._pages.popitem(last=False)[0], None)
        return rows

    def row_at(self, row: int) -> SessionRow | None:
        if not 0 <= row < self._count:
            return None
        return self._page(row // PAGE_SIZE)[row % PAGE_SIZE]

    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # --- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ToolTipRole, RowRole):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.DisplayRole:
            number = index.row()
            if not 0 <= number < self._count:
                return None
            page = number // PAGE_SIZE
            if page not in self._texts:
                self._page(page)
            return self._texts[page][number % PAGE_SIZE][index.column()]
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        return row

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return super().headerData(section, orientation, role)
        return self.column_header(section, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the database's job: ask for the ids again in the new order."""
        key = self.sort_key(column)
        if key is None:
            self.sortRefused.emit()
            return
        self.sortRequested.emit(key, order == Qt.SortOrder.DescendingOrder)


def session_columns() -> list[col.Column]:
    return [
        col.identifier("id", "ID", lambda r: r.id, visible=False, align=col.RIGHT),
        col.date_column("date", "Date", lambda r: r.session_date),
        col.text("volunteer", "Volunteer", lambda r: r.volunteer),
        col.text("youth", "Youth", lambda r: r.youth),
        col.text("programme", "Programme", lambda r: r.programme),
        col.text("employer", "Company · branch", lambda r: r.employer, visible=False,
                 header_tip="The volunteer's employer on the session date (not sortable)"),
        col.number("duration", "Duration", lambda r: r.duration_minutes, fmt=format_duration),
        col.enum_label("medium", "Medium", lambda r: r.medium),
        col.enum_label("status", "Status", lambda r: r.status),
        col.text("notes", "Notes", lambda r: r.notes, header_tip="Not sortable"),
        col.identifier("match", "Match", lambda r: r.match_id, visible=False, align=col.RIGHT,
                       header_tip="Not sortable"),
    ]


# Column key -> service sort key; columns missing here cannot be sorted.
SORTABLE = {k: k for k in ("id", "date", "volunteer", "youth", "programme", "duration",
                           "medium", "status")}


def on_index(query: SessionQuery) -> bool:
    """Can the database page this query by offset on an index, at any depth, in milliseconds?"""
    return (query.sort in ("date", "id") and not query.search and query.status is None
            and query.programme_id is None and query.medium is None)
