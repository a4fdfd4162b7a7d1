"""What every list page shares: title, "Show" filter, table, columns, counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QLocale, Qt, SignalInstance
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..models import Column, RecordFilterProxy, RecordTableModel
from ..settings import UiSettings
from .header import TableColumns
from .table import RecordTableView


@dataclass(frozen=True)
class FilterChoice:
    """One entry of a page's "Show" box; `accepts` None shows every row."""

    label: str
    accepts: Callable[[Any], bool] | None = None


def status_choices(statuses: Iterable[Enum], get=lambda row: row.status) -> list[FilterChoice]:
    return [
        FilterChoice(s.label, lambda row, s=s: get(row) == s)  # type: ignore[attr-defined]
        for s in statuses
    ]


def any_of(statuses: Iterable[Enum], get=lambda row: row.status) -> Callable[[Any], bool]:
    wanted = frozenset(statuses)
    return lambda row: get(row) in wanted


class ListPage(QWidget):
    """A searchable, sortable table of service rows. Subclasses say what to load."""

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
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.key, self.title, self.noun = key, title, noun
        self._search = ""
        self._loaded = False
        self._fit_pending = False
        self.model = RecordTableModel(columns, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = RecordTableView(self)
        self.table.setObjectName(f"{key}Table")
        self.table.setModel(self.proxy)
        self.columns = TableColumns(key, self.table, self.model, self.proxy, settings)
        self._sized = self.columns.restore(sort)
        self.filter_box = QComboBox(self)
        self.filter_box.setObjectName(f"{key}Filter")
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._filters: list[FilterChoice] = []
        for choice in filters:
            if choice is None:
                self.filter_box.insertSeparator(self.filter_box.count())
            else:
                self.filter_box.addItem(choice.label, len(self._filters))
                self._filters.append(choice)
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        heading = QLabel(self.title, self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        show = QLabel("&Show:", self)
        show.setBuddy(self.filter_box)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(show)
        top.addWidget(self.filter_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        for signal in self.count_signals():
            signal.connect(self._counts_changed)
        self.filter_box.currentIndexChanged.connect(self._filter_chosen)

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
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.load_rows())
        self._loaded = True
        if not self._sized and self.model.rowCount():
            self._sized = True  # widths come from the first rows, then they are the user's
            self._fit_pending = not self.isVisible()  # fitting needs the real viewport
            if not self._fit_pending:
                self.columns.fit()
        self._counts_changed()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_pending = False
            self.columns.fit()

    def save_state(self) -> None:
        self.columns.save()

    # --- search, filter, counts -------------------------------------------------

    def search_text(self) -> str:
        return self._search

    def set_search_text(self, text: str) -> None:
        self._search = text
        self.proxy.set_search_text(text)

    def set_filter(self, label: str) -> None:
        index = self.filter_box.findText(label)
        if index < 0:
            raise ValueError(f"{self.title} has no “Show” choice {label!r}")
        self.filter_box.setCurrentIndex(index)

    def _filter_chosen(self, index: int) -> None:
        data = self.filter_box.itemData(index)
        choice = self._filters[data] if isinstance(data, int) else None
        self.proxy.set_row_filter(choice.accepts if choice else None)

    def shown_count(self) -> int:
        return self.proxy.rowCount()

    def total_count(self) -> int:
        return self.model.rowCount()

    def count_text(self) -> str:
        locale, shown, total = QLocale(), self.shown_count(), self.total_count()
        noun = self.noun[0] if total == 1 else self.noun[1]
        text = f"{locale.toString(total)} {noun}"
        if shown != total:
            text = f"{locale.toString(shown)} of {text} shown"
        selected = len(self.table.selectionModel().selectedRows())
        if selected:
            text += f" · {locale.toString(selected)} selected"
        return text

    def _counts_changed(self, *_: Any) -> None:
        if self.total_count() == 0:
            empty = f"No {self.noun[1]} yet." if self._loaded else ""
        else:
            empty = f"No {self.noun[1]} match the search or the “Show” choice."
        self.table.set_empty_text(empty)

    def selected_rows(self) -> list[Any]:
        """The row objects selected in the table, top to bottom as shown."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.row_at(self.proxy.mapToSource(i).row()) for i in indexes]
