"""The sessions page's filter bar: "Show", a date range and the programme.

The same FilterBar as every list; here the choices go into the database query
(SessionQuery) instead of a proxy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QWidget

from ...domain.enums import SessionStatus
from ...services.sessions import SessionQuery
from .filter_bar import NO_DATE, FilterBar, FilterChoice, last_30_days, this_month

__all__ = ["NO_DATE", "SHOW", "SessionFilters"]

SHOW: list[FilterChoice | None] = [
    FilterChoice("All sessions"),
    FilterChoice("Attended", value=SessionStatus.ATTENDED),
    FilterChoice("Cancelled", value=SessionStatus.CANCELLED),
    FilterChoice("No-show", value=SessionStatus.NO_SHOW),
    None,
    FilterChoice("This month", dates=this_month),
    FilterChoice("Last 30 days", dates=last_30_days),
]


class SessionFilters(FilterBar):
    """Calls `on_change()` whenever a choice changes; `apply(query)` puts the choices in."""

    def __init__(self, programmes: Iterable[tuple[int, str]], today: Callable[[], date],
                 on_change: Callable[[], None], parent: QWidget | None = None):
        super().__init__("sessions", SHOW, on_change, parent, today=today, dates="Sessions",
                         programmes=True, stretch=True)
        self.programme_box = self.boxes["programme"]
        self.programme_box.setMinimumContentsLength(22)
        self.set_programmes(programmes)

    def apply(self, query: SessionQuery) -> SessionQuery:
        start, end = self.dates()
        choice = self.choice()
        return replace(query, start=start, end=end,
                       status=choice.value if choice else None,
                       programme_id=self.chosen("programme"))

    def set_programme(self, programme_id: int | None) -> None:
        self.set_chosen("programme", programme_id)
