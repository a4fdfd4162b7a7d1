"""What the main window drives on a list page: search text, counts, filters, columns.

ListPage (rows in memory, filtered in a proxy) and the Sessions page (rows by
the page, filtered by the database) share these; each says how to search and
how many rows there are. The filter bar's choices are remembered per page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QLocale

from ..settings import UiSettings
from .filter_bar import FilterBar
from .header import TableColumns
from .table import RecordTableView


def count_summary(noun: tuple[str, str], shown: int, total: int, selected: int) -> str:
    """The status-bar line of a list: '1,234 of 150,137 sessions shown · 2 selected'."""
    locale = QLocale()
    text = f"{locale.toString(total)} {noun[0] if total == 1 else noun[1]}"
    if shown != total:
        text = f"{locale.toString(shown)} of {text} shown"
    if selected:
        text += f" · {locale.toString(selected)} selected"
    return text


class SearchableList:
    """A mixin for list pages (QWidgets) with `table`, `columns`, `filters`, `noun`."""

    key: str
    title: str
    noun: tuple[str, str]
    table: RecordTableView
    columns: TableColumns
    filters: FilterBar
    _ui_settings: UiSettings
    _search = ""

    # --- what a page says ----------------------------------------------------------

    def apply_search(self, text: str) -> None:
        raise NotImplementedError

    def shown_count(self) -> int:
        raise NotImplementedError

    def total_count(self) -> int:
        raise NotImplementedError

    def counts_known(self) -> bool:
        return True

    def loaded(self) -> bool:
        """Rows have been read at least once."""
        return bool(getattr(self, "_loaded", False))

    def waiting_text(self) -> str:
        return ""

    # --- search and counts ----------------------------------------------------------

    def search_text(self) -> str:
        return self._search

    def set_search_text(self, text: str) -> None:
        self._search = text
        self.apply_search(text)

    def count_text(self) -> str:
        if not self.counts_known():
            return self.waiting_text()
        return count_summary(self.noun, self.shown_count(), self.total_count(),
                             len(self.table.selectionModel().selectedRows()))

    def save_state(self) -> None:
        self.columns.save()

    # --- filters ----------------------------------------------------------------------

    def set_filter(self, label: str) -> None:
        """Choose a "Show" entry by its label."""
        self.filters.set_show(label)

    def set_date_range(self, start: date | None, end: date | None) -> None:
        self.filters.set_date_range(start, end)

    def set_programme(self, programme_id: int | None) -> None:
        self.filters.set_chosen("programme", programme_id)

    def set_sponsor(self, sponsor_id: int | None) -> None:
        self.filters.set_chosen("sponsor", sponsor_id)

    def set_branch(self, branch_id: int | None) -> None:
        self.filters.set_chosen("branch", branch_id)

    def remember_filters(self) -> None:
        self._ui_settings.set_list_filters(self.key, self.filters.state())

    def restore_filters(self) -> None:
        self.filters.restore(self._ui_settings.list_filters(self.key))

    def filter_state(self) -> dict[str, Any]:
        return self.filters.state()
