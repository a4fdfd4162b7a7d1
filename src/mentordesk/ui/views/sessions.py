"""The sessions page: every mentoring session, filtered and sorted by the database.

150,000 sessions stay smooth: the page reads off the GUI thread (context.tasks)
only what the first screen needs -- the count and the top rows, or the ordered ids
for orders and filters the database cannot page on an index -- and the model reads
further rows a page at a time as they scroll into view. The main window drives
search and counts through the same methods a ListPage has.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...services.sessions import SessionQuery, SessionRow
from ..context import PageContext
from ..models.sessions import PAGE_SIZE, SORTABLE, SessionTableModel, on_index, session_columns
from ..widgets.labels import heading
from .header import TableColumns
from .searchable import SearchableList
from .session_filters import SessionFilters
from .table import RecordTableView

FIT_ROWS = 50


class _DatabaseSearch:
    """TableColumns tells a proxy which columns to search; here the database searches names."""

    def set_search_columns(self, columns: Any) -> None:
        pass


class SessionsPage(SearchableList, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._ui_settings = context.settings
        self.key, self.title, self.noun = "sessions", "Sessions", ("session", "sessions")
        self._search = ""
        self._query = SessionQuery()
        self._loaded = self._loading = self._again = False
        self._sized = False
        self._total = 0
        self.model = SessionTableModel(session_columns(), SORTABLE, self)
        self.table = RecordTableView(self)
        self.table.setObjectName("sessionsTable")
        self.table.setModel(self.model)
        # Widths are fitted to the first screenful: 300 rows (the lists' sample) took 120 ms.
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.columns = TableColumns(self.key, self.table, self.model, _DatabaseSearch(),
                                    context.settings)
        self._build_filters()
        self._build_layout()
        self._connect()
        self._sized = self.columns.restore(("date", Qt.SortOrder.DescendingOrder))
        self.restore_filters()

    # --- construction -------------------------------------------------------------

    def _build_filters(self) -> None:
        programmes = [(p.id, p.name) for p in self.context.services.programmes.list()]
        self.filters = SessionFilters(programmes, self.context.today, self._filters_changed, self)
        self.log_action = QAction("&Log sessions…", self)
        self.log_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.log_action.setToolTip("Type a week's sign-in sheet (Ctrl+Shift+L)")
        self.log_action.triggered.connect(self.open_entry)
        self.addAction(self.log_action)
        self.log_button = QPushButton("Log sessions…", self, objectName="logSessions")
        self.log_button.setToolTip(self.log_action.toolTip())
        self.log_button.clicked.connect(self.log_action.trigger)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(heading(self.title, self))
        # The filters take the room there is (in a narrow window, the last ones are cut off).
        self.filters.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.filters, 1)
        top.addSpacing(12)
        top.addWidget(self.log_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.model.sortRequested.connect(self._sort_requested)
        self.model.sortRefused.connect(self._sort_refused)
        self.table.doubleClicked.connect(self._open_match)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self._open_current,
                      context=Qt.ShortcutContext.WidgetShortcut)
        for signal in self.count_signals():
            signal.connect(self._counts_changed)

    def count_signals(self) -> tuple:
        return (self.model.modelReset, self.table.selectionModel().selectionChanged)

    # --- what is shown ----------------------------------------------------------------

    def query(self) -> SessionQuery:
        return self._query

    def _filters_changed(self) -> None:
        self._set_query(self.filters.apply(self._query))
        self.remember_filters()

    def _sort_requested(self, key: str, descending: bool) -> None:
        self._set_query(replace(self._query, sort=key, descending=descending))

    def _sort_refused(self) -> None:
        """A click on a column the database cannot sort: put the arrow back."""
        header = self.table.horizontalHeader()
        column = self.model.column_index(self._query.sort)
        order = Qt.SortOrder.DescendingOrder if self._query.descending else \
            Qt.SortOrder.AscendingOrder
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _set_query(self, query: SessionQuery) -> None:
        if query != self._query:
            self._query = query
            if self._loaded or self._loading:
                self.reload()

    # --- loading (off the GUI thread) ----------------------------------------------

    def ensure_loaded(self) -> None:
        if not self._loaded and not self._loading:
            self.reload()

    @property
    def loading(self) -> bool:
        """A background read is under way (like ListPage.loading)."""
        return self._loading

    def reload(self) -> None:
        """Read the sessions again off the GUI thread; while one read runs, the next waits.

        Newest first with no filter but dates, the database pages by offset on an
        index: only the count and the top rows are read. Any other order or filter
        reads the ordered ids once; rows are then read by id, a page at a time.
        """
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        if not self._loaded:
            self.table.set_empty_text("Loading sessions…")
        query, service = self._query, self.context.services.sessions
        programmes = self.context.services.programmes

        def read(_control) -> tuple:
            choices = [(p.id, p.name) for p in programmes.list()]  # they may have changed
            if on_index(query):
                count = service.query_count(query)
                return count, service.query_rows(query, 0, PAGE_SIZE), service.count(), choices
            ids = service.query_ids(query)
            return ids, service.rows_for(ids[:PAGE_SIZE]), service.count(), choices

        def done(result: tuple) -> None:
            if not shiboken6.isValid(self):  # the page was closed meanwhile
                return
            self._loading = False
            if self._again:  # the query changed while reading: read again
                self.reload()
                return
            found, first, total, choices = result
            self.filters.set_programmes(choices)
            if isinstance(found, int):
                self._show(total, lambda: self.model.set_source(
                    found, lambda offset, limit: service.query_rows(query, offset, limit), first))
            else:
                self._show(total, lambda: self.model.set_ids(found, service.rows_for, first))

        self.context.tasks.run(read, done, self._load_failed)

    def _show(self, total: int, fill) -> None:
        self._total, self._loaded = total, True
        fill()
        if not self._sized and self.model.rowCount() and self.isVisible():
            self._sized = True
            self.columns.fit()
        self._counts_changed()

    def _load_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._loading = False
        self.table.set_empty_text(f"The sessions could not be read: {exc}")
        if self._again:
            self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized and self.model.rowCount():
            self._sized = True
            self.columns.fit()

    # --- search and counts (driven by the main window) -------------------------------

    def apply_search(self, text: str) -> None:
        self._set_query(replace(self._query, search=text.strip()))

    def shown_count(self) -> int:
        return self.model.rowCount()

    def total_count(self) -> int:
        return self._total

    def counts_known(self) -> bool:
        return self._loaded

    def _counts_changed(self, *_: Any) -> None:
        if not self._loaded:
            return
        if self._total == 0:
            self.table.set_empty_text("No sessions yet. Log a sign-in sheet with “Log sessions…”.")
        else:
            self.table.set_empty_text("No sessions match the search or the filters.")

    # --- opening ------------------------------------------------------------------------

    def selected_rows(self) -> list[SessionRow]:
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [r for r in (self.model.row_at(i.row()) for i in indexes) if r is not None]

    def _open_match(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and row.match_id is not None:
            self.context.navigator.open_record("match", row.match_id)

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_match(index)

    def open_entry(self) -> None:
        from ..dialogs.session_entry import SessionEntryDialog

        dialog = SessionEntryDialog(self.context, self, on_saved=self.reload)
        dialog.open()
        self.entry_dialog = dialog
