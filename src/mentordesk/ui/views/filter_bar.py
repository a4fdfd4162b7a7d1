"""The filters above a list: "Show", a date range, programme, company and branch.

One component for every list (the Sessions page's filters are this bar too).
It only holds the choices: `on_change()` is called after each change, and the
page applies them -- in its proxy (a row predicate, see Facets) or in the
database query (sessions). `state()` / `restore()` let the page remember the
choices through UiSettings. Choices of programme, company and branch are set
by the page when they are known; a remembered choice is kept until then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ..models.columns import short_date_format

NO_DATE = QDate(2000, 1, 1)  # the date boxes show "Any" at their minimum
IDS = ("programme", "sponsor", "branch")
Pairs = Iterable[tuple[int, str]]


@dataclass(frozen=True)
class FilterChoice:
    """One entry of the "Show" box: `accepts` tests a row (None: every row); `value`
    is what a page querying the database needs (a status); `dates(today)` narrows the
    date range (This month)."""

    label: str
    accepts: Callable[[Any], bool] | None = None
    value: Any = None
    dates: Callable[[date], tuple[date, date]] | None = None


def this_month(today: date) -> tuple[date, date]:
    return today.replace(day=1), today


def last_30_days(today: date) -> tuple[date, date]:
    return today - timedelta(days=29), today


def overlaps(span: tuple[date | None, date | None], start: date | None,
             end: date | None) -> bool:
    """Whether a row's days -- (first, last), last None while it goes on -- meet
    start..end. A row without a first day meets no range."""
    first, last = span
    if first is None:
        return False
    return (end is None or first <= end) and (start is None or last is None or last >= start)


class FilterBar(QWidget):
    """Show (always), then -- as the page asks -- From/To, Programme, Company, Branch."""

    def __init__(self, key: str, show: Sequence[FilterChoice | None],
                 on_change: Callable[[], None], parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today, dates: str | None = None,
                 programmes: bool = False, sponsors: bool = False, stretch: bool = False):
        super().__init__(parent)
        self.key, self._today, self._on_change = key, today, on_change
        self._quiet = False  # no on_change() (several changes at once)
        self._filling = False  # a box is being refilled: its index changes are not choices
        self._wanted: dict[str, int | None] = dict.fromkeys(IDS)
        self._branches: list[tuple[int, str, int]] = []
        self.choices: list[FilterChoice] = []
        self.show_box = QComboBox(self, objectName=f"{key}Filter")
        self.show_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for choice in show:
            if choice is None:
                self.show_box.insertSeparator(self.show_box.count())
            else:
                self.show_box.addItem(choice.label, len(self.choices))
                self.choices.append(choice)
        self.from_edit = self.to_edit = None
        self.boxes: dict[str, QComboBox] = {}
        fields: list[tuple[str, QWidget]] = [("&Show:", self.show_box)]
        if dates is not None:
            self.from_edit, self.to_edit = self._date_edit("From"), self._date_edit("To")
            self.from_edit.setToolTip(f"{dates} on or after this day")
            self.to_edit.setToolTip(f"{dates} on or before this day")
            fields += [("&From:", self.from_edit), ("&To:", self.to_edit)]
        for wanted, name, label, every in (
                (programmes, "programme", "&Programme:", "All programmes"),
                (sponsors, "sponsor", "&Company:", "All companies"),
                (sponsors, "branch", "&Branch:", "All branches")):
            if wanted:
                self.boxes[name] = self._id_box(name, every)
                fields.append((label, self.boxes[name]))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if stretch:
            layout.addStretch(1)  # to the right, beside a heading
        for text, widget in fields:
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addSpacing(6)
            layout.addWidget(label)
            layout.addWidget(widget)
        if not stretch:
            layout.addStretch(1)
        self.show_box.currentIndexChanged.connect(self._changed)
        for edit in (self.from_edit, self.to_edit):
            if edit is not None:
                edit.dateChanged.connect(self._changed)
        for name, box in self.boxes.items():
            box.currentIndexChanged.connect(lambda _=0, n=name: self._id_chosen(n))

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self, objectName=f"{self.key}{name}")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("Any")
        edit.setDisplayFormat(short_date_format())
        edit.setDate(NO_DATE)
        return edit

    def _id_box(self, name: str, every: str) -> QComboBox:
        box = QComboBox(self, objectName=f"{self.key}{name.capitalize()}")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(16)
        box.addItem(every, None)
        return box

    # --- what is chosen ---------------------------------------------------------------

    def choice(self) -> FilterChoice | None:
        data = self.show_box.currentData()
        return self.choices[data] if isinstance(data, int) else None

    def dates(self) -> tuple[date | None, date | None]:
        """The range to show: the boxes, narrowed by a "Show" choice of dates."""
        start = end = None
        if self.from_edit is not None and self.from_edit.date() != NO_DATE:
            start = self.from_edit.date().toPython()
        if self.to_edit is not None and self.to_edit.date() != NO_DATE:
            end = self.to_edit.date().toPython()
        choice = self.choice()
        if choice is not None and choice.dates is not None:
            first, last = choice.dates(self._today())
            start, end = max(start or first, first), min(end or last, last)
        return start, end

    def chosen(self, name: str) -> int | None:
        """The programme, sponsor or branch ID chosen (or remembered, until offered)."""
        box = self.boxes.get(name)
        if box is None:
            return None
        return box.currentData() if box.count() > 1 else self._wanted[name]

    # --- setting ----------------------------------------------------------------------------

    def set_show(self, label: str) -> None:
        index = self.show_box.findText(label)
        if index < 0:
            raise ValueError(f"There is no “Show” choice {label!r} on {self.key}")
        self.show_box.setCurrentIndex(index)

    def set_date_range(self, start: date | None, end: date | None) -> None:
        with self._batch():
            for edit, day in ((self.from_edit, start), (self.to_edit, end)):
                if edit is not None:
                    edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)

    def set_chosen(self, name: str, record_id: int | None) -> None:
        self._wanted[name] = record_id
        box = self.boxes[name]
        index = box.findData(record_id)
        if index >= 0:
            box.setCurrentIndex(index)
        elif box.count() <= 1:  # not offered yet: chosen once it is
            self._changed()

    def set_programmes(self, pairs: Pairs) -> None:
        self._fill("programme", sorted(set(pairs), key=lambda p: p[1].casefold()))

    def set_sponsors(self, pairs: Pairs, branches: Iterable[tuple[int, str, int]] = ()) -> None:
        self._branches = sorted(set(branches), key=lambda b: b[1].casefold())
        self._fill("sponsor", sorted(set(pairs), key=lambda p: p[1].casefold()))
        self._fill_branches()

    def _fill(self, name: str, pairs: list[tuple[int, str]]) -> None:
        box = self.boxes.get(name)
        if box is None:
            return
        wanted = self.chosen(name)
        self._filling = True
        try:
            while box.count() > 1:
                box.removeItem(1)
            for record_id, text in pairs:
                box.addItem(text, record_id)
            box.setCurrentIndex(max(box.findData(wanted), 0))
        finally:
            self._filling = False
        if box.currentData() != wanted:  # what was remembered is no longer there
            self._wanted[name] = None
            self._changed()

    def _fill_branches(self) -> None:
        box = self.boxes.get("branch")
        if box is None:
            return
        sponsor = self.chosen("sponsor")
        self._fill("branch", [(b, n) for b, n, s in self._branches if s == sponsor])
        box.setEnabled(sponsor is not None and box.count() > 1)

    def _id_chosen(self, name: str) -> None:
        if self._filling:
            return
        self._wanted[name] = self.boxes[name].currentData()
        with self._batch():
            if name == "sponsor":
                self._fill_branches()

    # --- remembered -----------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        choice = self.choice()
        start = end = None
        if self.from_edit is not None and self.from_edit.date() != NO_DATE:
            start = self.from_edit.date().toPython().isoformat()
        if self.to_edit is not None and self.to_edit.date() != NO_DATE:
            end = self.to_edit.date().toPython().isoformat()
        return {"show": choice.label if choice else None, "from": start, "to": end,
                **{name: self.chosen(name) for name in self.boxes}}

    def restore(self, state: dict[str, Any]) -> None:
        """Put remembered choices back (unknown ones are left as they are), then notify once."""
        with self._batch():
            if state.get("show") and self.show_box.findText(state["show"]) >= 0:
                self.set_show(state["show"])
            try:
                days = [date.fromisoformat(state[k]) if state.get(k) else None
                        for k in ("from", "to")]
            except (TypeError, ValueError):
                days = [None, None]
            self.set_date_range(*days)
            for name in self.boxes:
                value = state.get(name)
                if isinstance(value, int) or value is None:
                    self.set_chosen(name, value)

    # --- notifying --------------------------------------------------------------------------

    class _Batch:
        def __init__(self, bar: FilterBar):
            self.bar = bar

        def __enter__(self):
            self.outer = self.bar._quiet
            self.bar._quiet = True

        def __exit__(self, *exc):
            self.bar._quiet = self.outer
            if not self.outer:
                self.bar._changed()

    def _batch(self) -> FilterBar._Batch:
        """Several changes, one notification at the end."""
        return FilterBar._Batch(self)

    def _changed(self, *_: Any) -> None:
        if not self._quiet:
            self._on_change()
