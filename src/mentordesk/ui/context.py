"""What every page is given: the services, UI settings, the day, undo, navigation.

The main window builds one PageContext and hands it to each page; pages never
reach for globals (STYLE.md: one composition root, no registries).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QUndoStack

from ..services.container import Services
from .settings import UiSettings
from .tasks import TaskRunner


class Navigator:
    """How a page shows another page or opens a record without knowing the window.

    Pages that can open a kind of record ("volunteer", "youth", "match", ...)
    register an opener; alerts and links call open_record(kind, id). A page not
    built yet is `provide`d: the first record of its kind builds it (and so its opener).
    """

    def __init__(self, show_page: Callable[[str], None] | None = None):
        self._show_page = show_page
        self._openers: dict[str, Callable[[int], None]] = {}
        self._providers: dict[str, Callable[[], object]] = {}

    def bind(self, show_page: Callable[[str], None]) -> None:
        self._show_page = show_page

    def register(self, kind: str, opener: Callable[[int], None]) -> None:
        self._openers[kind] = opener

    def provide(self, kind: str, build: Callable[[], object]) -> None:
        """`build()` makes what registers the opener of `kind` (called on first need)."""
        self._providers[kind] = build

    def can_open(self, kind: str) -> bool:
        return kind in self._openers or kind in self._providers

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind not in self._openers and kind in self._providers:
            self._providers.pop(kind)()
        opener = self._openers.get(kind)
        if opener is None:
            return False
        opener(record_id)
        return True

    def show_page(self, key: str) -> None:
        if self._show_page is not None:
            self._show_page(key)


@dataclass(frozen=True)
class PageContext:
    services: Services
    settings: UiSettings
    today: Callable[[], date]
    undo: QUndoStack
    navigator: Navigator
    tasks: TaskRunner
