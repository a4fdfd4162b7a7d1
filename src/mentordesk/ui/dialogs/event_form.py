"""The event form (training, learning-circle meeting, conference, social) and the
learning-circle form, with the services' messages beside their fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QSpinBox, QWidget

from ...domain.enums import EventKind
from .sponsor_form import FormDialog, Submit, line_edit

DATE_FORMAT = "d MMM yyyy"  # 12 Mar 2026: no day/month confusion in any locale


def combo(parent: QWidget, choices: Sequence[tuple[str, Any]], current: Any) -> QComboBox:
    box = QComboBox(parent)
    for label, value in choices:
        box.addItem(label, value)
    index = box.findData(current)
    box.setCurrentIndex(max(index, 0))
    return box


class EventForm(FormDialog):
    """New or edited event. `circles`/`programmes`: (id, name) to choose from."""

    def __init__(self, submit: Submit, *, today: date,
                 programmes: Sequence[tuple[int, str]] = (),
                 circles: Sequence[tuple[int, str]] = (),
                 values: Mapping[str, Any] | None = None, parent: QWidget | None = None):
        editing = bool(values and values.get("title"))
        values = dict(values or {})
        super().__init__("Edit event" if editing else "New event", submit, parent)
        kind = values.get("kind", EventKind.ONGOING_TRAINING)
        kinds = [("Pre-match training" if k == EventKind.PRE_MATCH_TRAINING else k.label, k)
                 for k in EventKind]
        self.add_field("kind", "&Kind:", combo(self, kinds, kind))
        self.add_field("title", "&Title:", line_edit(self, values.get("title"),
                                                     "Safeguarding refresher"))
        topic = QPlainTextEdit(values.get("topic") or "", self)
        topic.setTabChangesFocus(True)
        topic.setFixedHeight(topic.fontMetrics().lineSpacing() * 3 + 12)
        self.add_field("topic", "T&opic:", topic)
        day = values.get("event_date") or today
        when = QDateEdit(QDate(day), self)
        when.setCalendarPopup(True)
        when.setDisplayFormat(DATE_FORMAT)
        self.add_field("event_date", "&Date:", when)
        minutes = QSpinBox(self)
        minutes.setRange(0, 24 * 60)
        minutes.setSingleStep(15)
        minutes.setSuffix(" min")
        minutes.setValue(int(values.get("duration_minutes") or 90))
        self.add_field("duration_minutes", "D&uration:", minutes,
                       hint="At pre-match training it counts toward each attendee's training.")
        self.add_field("location", "&Location:", line_edit(self, values.get("location")))
        self.add_field("programme_id", "&Programme:",
                       combo(self, [("(all programmes)", None),
                                    *((name, pid) for pid, name in programmes)],
                             values.get("programme_id")))
        self.add_field("circle_id", "Learning &circle:",
                       combo(self, [("(none)", None), *((name, cid) for cid, name in circles)],
                             values.get("circle_id")))
        self.editors["kind"].currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        is_circle = self.editors["kind"].currentData() == EventKind.LEARNING_CIRCLE
        self.editors["circle_id"].setEnabled(is_circle)

    def values(self) -> dict[str, Any]:
        e = self.editors
        kind = e["kind"].currentData()
        return {
            "kind": kind,
            "title": e["title"].text(),
            "topic": e["topic"].toPlainText().strip(),
            "event_date": e["event_date"].date().toPython(),
            "duration_minutes": e["duration_minutes"].value(),
            "location": e["location"].text().strip() or None,
            "programme_id": e["programme_id"].currentData(),
            "circle_id": e["circle_id"].currentData() if kind == EventKind.LEARNING_CIRCLE
            else None,
        }


class CircleForm(FormDialog):
    """A learning circle: its name and what it is about."""

    def __init__(self, submit: Submit, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None):
        values = values or {}
        super().__init__("Edit learning circle" if values else "New learning circle", submit,
                         parent)
        self.add_field("name", "&Name:", line_edit(self, values.get("name"), "Reading mentors"))
        self.add_field("topic", "&Topic:", line_edit(self, values.get("topic")),
                       hint="Volunteers from several companies and branches learning together.")

    def values(self) -> dict[str, Any]:
        return {"name": self.editors["name"].text(), "topic": self.editors["topic"].text()}
