"""Choose a period: a preset (the last 12 months, this year, last year) or two dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ...services.participation import Period
from ..forms.editors import LONG_DATE_FORMAT as DATE_FORMAT
from ..forms.editors import date_edit
CUSTOM = "Custom dates"


def presets(today: date) -> dict[str, Period]:
    return {
        "Last 12 months": Period.last_12_months(today),
        "This year": Period(date(today.year, 1, 1), today),
        "Last year": Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    }


class PeriodSelector(QWidget):
    """Emits `changed` once the coordinator has settled on a period."""

    changed = Signal()
    SETTLE_MS = 350  # typing a date changes it several times: wait for the last

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.preset = QComboBox(self)
        self.preset.setObjectName("periodPreset")
        self.preset.addItems([*presets(today()), CUSTOM])
        self.start = self._date_edit("periodStart")
        self.end = self._date_edit("periodEnd")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SETTLE_MS)
        self._timer.timeout.connect(self.changed.emit)
        label = QLabel("&Period:", self)
        label.setBuddy(self.preset)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.preset)
        layout.addWidget(QLabel("from", self))
        layout.addWidget(self.start)
        layout.addWidget(QLabel("to", self))
        layout.addWidget(self.end)
        self.set_period(Period.last_12_months(today()), notify=False)
        self.preset.activated.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = date_edit(self)
        edit.setObjectName(name)
        return edit

    def period(self) -> Period:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return Period(min(start, end), max(start, end))

    def set_period(self, period: Period, notify: bool = True) -> None:
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day))
            edit.blockSignals(False)
        self._sync_preset()
        if notify:
            self._timer.stop()
            self.changed.emit()

    def _preset_chosen(self, index: int) -> None:
        chosen = presets(self._today()).get(self.preset.itemText(index))
        if chosen is not None:
            self.set_period(chosen)

    def _dates_edited(self) -> None:
        self._sync_preset()
        self._timer.start()

    def _sync_preset(self) -> None:
        period = self.period()
        names = [name for name, p in presets(self._today()).items() if p == period]
        self.preset.setCurrentText(names[0] if names else CUSTOM)

    def text(self) -> str:
        p = self.period()
        locale = QLocale()
        return (f"{locale.toString(QDate(p.start), DATE_FORMAT)} to "
                f"{locale.toString(QDate(p.end), DATE_FORMAT)}")
