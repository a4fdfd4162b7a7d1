"""A table's columns as the user arranges them: shown or hidden, widths, order, sort.

The header context menu (and View → Columns) lists the columns with check marks;
the arrangement is saved through UiSettings and restored for the same columns.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView

from ..models import RecordFilterProxy, RecordTableModel
from ..settings import UiSettings

MIN_FIT_CHARS = 12  # a column cut down to fit is never narrower than this


def fit_cap(widths: list[int], room: int, floor: int) -> int:
    """The largest width cap that lets the columns fit in `room` (never below `floor`)."""
    if sum(widths) <= room or not widths:
        return max(widths, default=floor)
    ordered = sorted(widths)
    for n, width in enumerate(ordered):
        rest = len(ordered) - n  # columns at least this wide share what is left
        cap = (room - sum(ordered[:n])) // rest
        if cap <= width:
            return max(cap, floor)
    return max(ordered[-1], floor)


class TableColumns:
    def __init__(self, key: str, table: QTableView, model: RecordTableModel,
                 proxy: RecordFilterProxy, settings: UiSettings):
        self.key, self.table, self.model, self.proxy = key, table, model, proxy
        self._settings = settings
        self.header = table.horizontalHeader()
        self.header.customContextMenuRequested.connect(self._show_menu)

    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.model.columns)

    # --- shown and hidden -----------------------------------------------------------

    def is_visible(self, key: str) -> bool:
        return not self.table.isColumnHidden(self.model.column_index(key))

    def set_visible(self, key: str, visible: bool) -> None:
        column = self.model.column_index(key)
        self.table.setColumnHidden(column, not visible)
        if visible and self.table.columnWidth(column) < 24:
            self.table.resizeColumnToContents(column)
        self.sync_search()
        self.save()

    def sync_search(self) -> None:
        """Search what the user sees: hidden columns are left out."""
        shown = [i for i in range(self.model.columnCount()) if not self.table.isColumnHidden(i)]
        self.proxy.set_search_columns(shown)

    def menu(self, parent=None) -> QMenu:
        menu = QMenu("&Columns", parent or self.table)
        self.fill_menu(menu)
        return menu

    def fill_menu(self, menu: QMenu) -> None:
        """Checkable columns (the last visible one cannot be hidden), fit and reset."""
        visible = [c.key for c in self.model.columns if self.is_visible(c.key)]
        for column in self.model.columns:
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(column.key in visible)
            action.setEnabled(visible != [column.key])
            action.toggled.connect(lambda on, k=column.key: self.set_visible(k, on))
        menu.addSeparator()
        menu.addAction("&Fit columns to contents", self.fit)
        menu.addAction("&Reset columns", self.reset)

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.menu(self.table)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.header.mapToGlobal(pos))

    # --- widths -------------------------------------------------------------------------

    def fit(self) -> None:
        """Widths from the contents; if they overflow, only the widest columns give way."""
        widths = {
            i: max(self.table.sizeHintForColumn(i), self.header.sectionSizeHint(i))
            for i in range(self.header.count()) if not self.header.isSectionHidden(i)
        }
        floor = self.table.fontMetrics().averageCharWidth() * MIN_FIT_CHARS
        cap = fit_cap(list(widths.values()), self.table.viewport().width(), floor)
        for i, width in widths.items():
            self.header.resizeSection(i, min(width, cap))

    def reset(self) -> None:
        for logical, column in enumerate(self.model.columns):
            self.header.moveSection(self.header.visualIndex(logical), logical)
            self.table.setColumnHidden(logical, not column.visible)
        self.fit()
        self.sync_search()
        self._settings.clear_header_state(self.key)

    # --- remembered -----------------------------------------------------------------------

    def restore(self, default_sort: tuple[str, Qt.SortOrder]) -> bool:
        """Apply the saved arrangement (True) or the defaults (False)."""
        state = self._settings.header_state(self.key, self.keys())
        restored = state is not None and self.header.restoreState(state)
        if restored:
            self.table.sortByColumn(self.header.sortIndicatorSection(),
                                    self.header.sortIndicatorOrder())
        else:
            for i, column in enumerate(self.model.columns):
                self.table.setColumnHidden(i, not column.visible)
            self.table.sortByColumn(self.model.column_index(default_sort[0]), default_sort[1])
        self.sync_search()
        return restored

    def save(self) -> None:
        self._settings.set_header_state(self.key, self.keys(), self.header.saveState())
