"""The event form (training, learning-circle meeting, conference, social) and the
learning-circle form, with the services' messages beside their fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.enums import EventKind
from ..forms.base import FieldSpec, Submit
from .sponsor_form import SubmitForm

KINDS = [("Pre-match training" if k == EventKind.PRE_MATCH_TRAINING else k.label, k)
         for k in EventKind]


class EventForm(SubmitForm):
    """New or edited event. `circles`/`programmes`: (id, name) to choose from."""

    def __init__(self, submit: Submit, *, today: date,
                 programmes: Sequence[tuple[int, str]] = (),
                 circles: Sequence[tuple[int, str]] = (),
                 values: Mapping[str, Any] | None = None, parent: QWidget | None = None):
        editing = bool(values and values.get("title"))
        f = FieldSpec
        super().__init__("Edit event" if editing else "New event", [
            f("kind", "Kind", "choice", KINDS),
            f("title", "Title", placeholder="Safeguarding refresher"),
            f("topic", "Topic", "multiline"),
            f("event_date", "Date", "day"),
            f("duration_minutes", "Duration", "spin", minimum=0, maximum=24 * 60, step=15,
              suffix=" min",
              hint="At pre-match training it counts toward each attendee's training."),
            f("location", "Location"),
            f("programme_id", "Programme", "choice",
              [(name, pid) for pid, name in programmes], none_label="(all programmes)"),
            f("circle_id", "Learning circle", "choice",
              [(name, cid) for cid, name in circles], none_label="(none)"),
        ], submit, {"kind": EventKind.ONGOING_TRAINING, "event_date": today,
                    "duration_minutes": 90, **(values or {})}, parent, today=lambda: today)
        self.editors["kind"].widget.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _is_circle(self) -> bool:
        return self.value("kind") == EventKind.LEARNING_CIRCLE

    def _kind_changed(self) -> None:
        self.editors["circle_id"].widget.setEnabled(self._is_circle())

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["location"] = values["location"] or None
        if not self._is_circle():
            values["circle_id"] = None
        return values


class CircleForm(SubmitForm):
    """A learning circle: its name and what it is about."""

    def __init__(self, submit: Submit, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None):
        f = FieldSpec
        super().__init__(
            "Edit learning circle" if values else "New learning circle", [
                f("name", "Name", placeholder="Reading mentors"),
                f("topic", "Topic",
                  hint="Volunteers from several companies and branches learning together."),
            ], submit, values, parent)
