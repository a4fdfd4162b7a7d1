"""What every list page shares: title, filters (FilterBar), table, columns, counts.

Rows are read off the GUI thread when the page has a TaskRunner (every page in
the window has one): reload() returns at once and the rows arrive later, with
the selection kept, together with what they offer the filters (Facets.choices).
Without a runner, reload() reads synchronously. The filters' row test runs in
the proxy; their choices are remembered per page (SearchableList).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    SignalInstance,
)
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ..models import Column
from ..settings import UiSettings
from ..tasks import TaskRunner, show_error
from ..widgets.labels import heading
from .facets import Facets, any_of, status_choices
from .filter_bar import FilterChoice
from .header import TableColumns
from .list_rows import ListModel, PreparedRows, SortingProxy, fit_widths, prepare, sort_rows
from .searchable import SearchableList, count_summary
from .table import RecordTableView

# Re-exported: pages build their "Show" choices from these.
__all__ = ["FilterChoice", "ListPage", "any_of", "count_summary", "status_choices"]


class ListPage(SearchableList, QWidget):
    """A searchable, sortable, filterable table of service rows. Subclasses say what to load.

    `facets` (optional) adds a date range, programme, company and branch to the
    "Show" choices, on a row of their own under the title.
    """

    def __init__(
        self,
        *,
        key: str,
        title: str,
        noun: tuple[str, str],
        columns: Sequence[Column],
        filters: Sequence[FilterChoice | None],
        settings: UiSettings,
        sort: tuple[str, Qt.SortOrder],
        tasks: TaskRunner | None = None,
        facets: Facets | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.key, self.title, self.noun = key, title, noun
        self._ui_settings = settings
        self._search = ""
        self._loaded = False
        if tasks is None:  # pages built with a PageContext load in the background
            context = getattr(self, "context", None)
            tasks = getattr(context, "tasks", None)
        self._tasks = tasks
        self._generation = 0  # the newest reload; older results are dropped
        self._running = 0  # the generation being read in the background (0: none)
        self._pending_select: list[Any] | None = None
        self.load_error = ""
        self._fit_rows: PreparedRows | None = None
        self.model = ListModel(columns, self)
        self.proxy = SortingProxy(lambda column, order: sort_rows(self.model, column, order), self)
        self.proxy.setSourceModel(self.model)
        self.table = RecordTableView(self)
        self.table.setObjectName(f"{key}Table")
        self.table.setModel(self.proxy)
        self.columns = TableColumns(key, self.table, self.model, self.proxy, settings)
        self._sized = self.columns.restore(sort)
        self.facets = facets or Facets()
        self._own_row = facets is not None  # the filters take a row under the title
        self.filters = self.facets.bar(key, list(filters), self._filters_changed, self, today)
        self.filter_box = self.filters.show_box
        self._build_layout()
        self._connect()
        self.restore_filters()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(heading(self.title, self))
        top.addStretch(1)
        self.actions_layout = QHBoxLayout()  # pages put their buttons here
        top.addLayout(self.actions_layout)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        if self._own_row:
            layout.addWidget(self.filters)
        else:
            top.addSpacing(6)
            top.addWidget(self.filters)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        for signal in self.count_signals():
            signal.connect(self._counts_changed)
        self.table.activated.connect(self._activated)

    def count_signals(self) -> tuple[SignalInstance, ...]:
        """Qt's own signals after which count_text() may read differently.

        Watch these rather than a signal of ours: see mentordesk.ui (PySide6 6.12).
        """
        return (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted,
                self.proxy.rowsRemoved, self.table.selectionModel().selectionChanged)

    # --- loading ----------------------------------------------------------------

    def load_rows(self) -> list[Any]:
        """The rows to show, read through the services."""
        raise NotImplementedError

    def ensure_loaded(self) -> None:
        if not self._loaded and not self.loading:
            self.reload()

    @property
    def loading(self) -> bool:
        """A background read is under way (its rows are not shown yet)."""
        return self._running != 0

    def reload(self, select: Iterable[Any] | None = None) -> None:
        """Read the rows again, keeping the selection (or selecting the rows keyed `select`)."""
        if select is not None:
            self._pending_select = list(select)
        columns, (sort_column, descending) = self.model.columns, self.model.sort_state
        load, facets = self.load_rows, self.facets  # the worker touches no widget

        def work(_control: Any) -> PreparedRows:
            prepared = prepare(columns, load(), sort_column, descending)
            prepared.choices = facets.choices(prepared.rows)
            return prepared

        if self._tasks is None:
            self._show_rows(work(None))
            return
        self._generation += 1
        self._running = generation = self._generation

        def done(prepared: PreparedRows) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._running = 0
                self._show_rows(prepared)
                if self.model.sort_state != (sort_column, descending):  # sorted while reading
                    column, desc = self.model.sort_state
                    order = Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder
                    sort_rows(self.model, column, order)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._running = 0
                self.load_error = str(exc)
                self._counts_changed()
                if self._loaded:  # rows are on show: say that they were not read again
                    show_error(self, exc)

        self._counts_changed()
        self._tasks.run(work, done, failed)

    def _show_rows(self, prepared: PreparedRows) -> None:
        keep = self._pending_select
        if keep is None:
            keep = [self.row_key(r) for r in self.selected_rows()]
        current = self.table.currentIndex()
        current_key = (self.row_key(self.model.row_at(self.proxy.mapToSource(current).row()))
                       if current.isValid() else None)
        self._pending_select = None
        self.load_error = ""
        self.model.set_prepared(prepared)
        self._loaded = True
        self._offer_choices(prepared.choices)
        if keep:
            self.select_keys(keep, current=current_key if current_key in keep else None)
        if not self._sized and self.model.rowCount():
            self._sized = True  # widths come from the first rows, then they are the user's
            self._fit_rows = prepared
            if self.isVisible():  # fitting needs the real viewport
                self._fit()
        self._counts_changed()

    def _fit(self) -> None:
        if self._fit_rows is not None:
            fit_widths(self.table, self._fit_rows)
            self._fit_rows = None

    def row_key(self, row: Any) -> Any:
        """What identifies a row across reloads (the record ID)."""
        return getattr(row, "id", None)

    def select_keys(self, keys: Iterable[Any], current: Any = None) -> None:
        """Select the rows with these keys (those shown), scrolled into view."""
        wanted = set(keys)
        selection = QItemSelection()
        first: QModelIndex | None = None
        focus: QModelIndex | None = None
        last_column = self.model.columnCount() - 1
        for source_row, row in enumerate(self.model.rows()):
            key = self.row_key(row)
            if key not in wanted:
                continue
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
            if not index.isValid():
                continue
            selection.select(index, index.siblingAtColumn(last_column))
            if first is None or index.row() < first.row():
                first = index
            if key == current:
                focus = index
        chooser = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        chooser.clearSelection()
        target = focus or first
        if target is not None:
            target = target.siblingAtColumn(self._first_shown_column())
            chooser.setCurrentIndex(target, flags.NoUpdate)
            chooser.select(selection, flags.Select | flags.Rows)
            self.table.scrollTo(target)

    def _first_shown_column(self) -> int:
        header = self.table.horizontalHeader()
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                return logical
        return 0

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row(self.model.row_at(self.proxy.mapToSource(index).row()))

    def open_row(self, row: Any) -> None:
        """Double-click or Enter on a row; pages that open records override this."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()

    # --- search, filters, counts -------------------------------------------------

    def apply_search(self, text: str) -> None:
        self.proxy.set_search_text(text)

    def _offer_choices(self, choices: Any) -> None:
        if choices is None:
            return
        self.filters.set_programmes(choices.programmes)
        self.filters.set_sponsors(choices.sponsors, choices.branches)

    def _filters_changed(self) -> None:
        self.proxy.set_row_filter(self.facets.predicate(self.filters))
        self.remember_filters()

    def shown_count(self) -> int:
        return self.proxy.rowCount()

    def total_count(self) -> int:
        return self.model.rowCount()

    def counts_known(self) -> bool:
        return self._loaded or not self.loading

    def waiting_text(self) -> str:
        return f"Reading the {self.noun[1]}…"

    def _counts_changed(self, *_: Any) -> None:
        if self.load_error:
            empty = f"The {self.noun[1]} could not be read: {self.load_error}"
        elif self.loading and not self._loaded:
            empty = f"Reading the {self.noun[1]}…"
        elif self.total_count() == 0:
            empty = f"No {self.noun[1]} yet." if self._loaded else ""
        else:
            empty = f"No {self.noun[1]} match the search or the filters."
        self.table.set_empty_text(empty)

    def selected_rows(self) -> list[Any]:
        """The row objects selected in the table, top to bottom as shown."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.row_at(self.proxy.mapToSource(i).row()) for i in indexes]
