"""The main window's pages: their order, their classes, and building them on first use.

A new window builds only the page it opens on. Every other page's module
(ui/views/<key>.py) is imported, and the page built, when it is first shown or asked
for (`window.pages[key]`); the navigator builds the page that opens a kind of record
(OPENED_BY). Nothing a coordinator sees depends on when a page was built.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from importlib import import_module

from PySide6.QtWidgets import QWidget

# (key, sidebar title); Ctrl+1 … Ctrl+8 follow this order.
PAGES = (
    ("dashboard", "Dashboard"), ("volunteers", "Volunteers"), ("youth", "Youth"),
    ("matches", "Matches"), ("sessions", "Sessions"), ("sponsors", "Sponsors"),
    ("events", "Events & training"), ("reports", "Reports"),
)
PAGE_KEYS = [key for key, _ in PAGES]
# Each page's class, in ui/views/<key>.py, built as PageClass(context, parent).
# A page that is a ListPage gets the search field, column chooser and counts.
PAGE_CLASS_NAMES = {
    "dashboard": "DashboardPage", "volunteers": "VolunteersPage", "youth": "YouthPage",
    "matches": "MatchesPage", "sessions": "SessionsPage", "sponsors": "SponsorsPage",
    "events": "EventsPage", "reports": "ReportsPage",
}
# The kinds of record the navigator opens, and the page that opens each (it registers
# its opener when built; tests/ui/test_main_window_lazy.py keeps this table true).
OPENED_BY = {"volunteer": "volunteers", "youth": "youth", "match": "matches",
             "find_mentor": "matches"}
# A new window opens on what needs attention today.
DEFAULT_PAGE = "dashboard"


class _PageClasses(Mapping[str, "type[QWidget]"]):
    """The page classes by key; a page's module is imported when its class is asked for."""

    def __getitem__(self, key: str) -> type[QWidget]:
        return getattr(import_module(f"{__package__}.views.{key}"), PAGE_CLASS_NAMES[key])

    def __contains__(self, key: object) -> bool:  # without importing the page's module
        return key in PAGE_CLASS_NAMES

    def __iter__(self) -> Iterator[str]:
        return iter(PAGE_CLASS_NAMES)

    def __len__(self) -> int:
        return len(PAGE_CLASS_NAMES)


PAGE_CLASSES: Mapping[str, type[QWidget]] = _PageClasses()


class Pages(dict[str, QWidget]):
    """A window's pages built so far, by key: `pages[key]` builds a page on first use;
    iterating, `values()`, `get` and `in` see only the pages built."""

    def __init__(self, build: Callable[[str], QWidget]):
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        if key not in PAGE_CLASSES:
            raise KeyError(key)
        page = self[key] = self._build(key)
        return page


def searchable(page: QWidget) -> bool:
    """A list page: search, columns and counts (ListPage and the Sessions page)."""
    # A page can only be a SearchableList once that module is imported (by the page's).
    module = sys.modules.get(f"{__package__}.views.searchable")
    return module is not None and isinstance(page, module.SearchableList)
