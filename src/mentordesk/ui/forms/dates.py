"""Dates in forms: the date box every dialog uses, and the editors for a date that
may be missing ("no date") and for one that is always given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from ..models.columns import short_date_format
from .spec import Editor, FieldSpec

LONG_DATE_FORMAT = "d MMM yyyy"  # 12 Mar 2026: no day/month confusion in any locale


def date_edit(parent: QWidget, day: date | None = None) -> QDateEdit:
    """A date box with a calendar, in the long format; `day` None leaves Qt's default."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(LONG_DATE_FORMAT)
    if day is not None:
        edit.setDate(QDate(day.year, day.month, day.day))
    return edit


class DateEditor(Editor):
    """A date or no date: the box in front says whether there is one."""

    NO_DATE = QDate(1900, 1, 1)

    def __init__(self, spec: FieldSpec, parent: QWidget, today: Callable[[], date]):
        self._today = today
        self.widget = QWidget(parent)
        self.has_date = QCheckBox(self.widget)
        self.has_date.setToolTip("Untick for no date")
        self.edit = QDateEdit(self.widget)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(short_date_format())
        self.edit.setMinimumDate(self.NO_DATE)
        self.edit.setSpecialValueText(spec.none_label or "No date")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 48)
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.has_date)
        layout.addWidget(self.edit, 1)
        self.widget.setFocusProxy(self.has_date)
        self._last = today()
        self.has_date.toggled.connect(self._toggled)
        self.set_value(None)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on:
            if self.edit.date() == self.NO_DATE:
                self.edit.setDate(QDate(self._last.year, self._last.month, self._last.day))
        else:
            if self.edit.date() != self.NO_DATE:
                self._last = self.edit.date().toPython()
            self.edit.setDate(self.NO_DATE)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.has_date.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.has_date.setChecked(False)
            self._toggled(False)
        else:
            self.edit.setDate(QDate(value.year, value.month, value.day))
            self.has_date.setChecked(True)
            self._toggled(True)


class DayEditor(Editor):
    """A date that is always given (an event's day)."""

    def __init__(self, spec: FieldSpec, parent: QWidget, today: Callable[[], date]):
        self.widget = date_edit(parent, today())

    def value(self) -> date:
        return self.widget.date().toPython()

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.widget.setDate(QDate(value.year, value.month, value.day))
