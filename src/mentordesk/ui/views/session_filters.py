"""The sessions page's filter bar: "Show", a date range and the programme."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ...domain.enums import SessionStatus
from ...services.sessions import SessionQuery
from ..models.columns import short_date_format

NO_DATE = QDate(2000, 1, 1)  # the date boxes show "Any" at their minimum
SHOW = ("All sessions", "Attended", "Cancelled", "No-show", "This month", "Last 30 days")
STATUS = {"Attended": SessionStatus.ATTENDED, "Cancelled": SessionStatus.CANCELLED,
          "No-show": SessionStatus.NO_SHOW}


class SessionFilters(QWidget):
    """Calls `on_change()` whenever a choice changes; `apply(query)` puts the choices in."""

    def __init__(self, programmes: Iterable[tuple[int, str]], today: Callable[[], date],
                 on_change: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._today, self._on_change = today, on_change
        self.show_box = QComboBox(self, objectName="sessionsFilter")
        self.show_box.addItems(SHOW)
        self.show_box.insertSeparator(4)
        self.from_edit, self.to_edit = self._date_edit("sessionsFrom"), self._date_edit("sessionsTo")
        self.programme_box = QComboBox(self, objectName="sessionsProgramme")
        self.programme_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.programme_box.setMinimumContentsLength(22)
        self.programme_box.addItem("All programmes", None)
        for programme_id, name in programmes:
            self.programme_box.addItem(name, programme_id)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)  # to the right, beside the heading
        for text, widget in (("&Show:", self.show_box), ("&From:", self.from_edit),
                             ("&To:", self.to_edit), ("&Programme:", self.programme_box)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addSpacing(6)
            layout.addWidget(label)
            layout.addWidget(widget)
        for box in (self.show_box, self.programme_box):
            box.currentIndexChanged.connect(lambda _=0: self._on_change())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _=None: self._on_change())

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self, objectName=name)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("Any")
        edit.setDisplayFormat(short_date_format())
        edit.setDate(NO_DATE)
        return edit

    def dates(self) -> tuple[date | None, date | None]:
        """The range to show: the boxes, narrowed by a "Show" choice of dates."""
        start = None if self.from_edit.date() == NO_DATE else self.from_edit.date().toPython()
        end = None if self.to_edit.date() == NO_DATE else self.to_edit.date().toPython()
        today = self._today()
        chosen = {"This month": (today.replace(day=1), today),
                  "Last 30 days": (today - timedelta(days=29), today)
                  }.get(self.show_box.currentText())
        if chosen:
            start = max(start or chosen[0], chosen[0])
            end = min(end or chosen[1], chosen[1])
        return start, end

    def apply(self, query: SessionQuery) -> SessionQuery:
        start, end = self.dates()
        return replace(query, start=start, end=end,
                       status=STATUS.get(self.show_box.currentText()),
                       programme_id=self.programme_box.currentData())

    def set_show(self, label: str) -> None:
        index = self.show_box.findText(label)
        if index < 0:
            raise ValueError(f"Sessions has no “Show” choice {label!r}")
        self.show_box.setCurrentIndex(index)

    def set_programme(self, programme_id: int | None) -> None:
        self.programme_box.setCurrentIndex(max(self.programme_box.findData(programme_id), 0))

    def set_date_range(self, start: date | None, end: date | None) -> None:
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
            edit.blockSignals(False)
        self._on_change()
