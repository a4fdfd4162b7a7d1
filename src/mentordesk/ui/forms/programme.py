"""The programme form: name, type, meeting day and time, address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.enums import ProgrammeType
from ..context import PageContext
from .base import FieldSpec, RecordForm, Section, enum_choices


def programme_sections() -> list[Section]:
    f = FieldSpec
    return [
        Section("Programme", [
            f("name", "Name"),
            f("type", "Type", "choice", enum_choices(ProgrammeType)),
            f("meeting_day", "Meeting day", placeholder="e.g. Tuesdays"),
            f("meeting_time", "Meeting time", placeholder="e.g. 16:00–17:30"),
            f("address", "Address", "multiline"),
        ]),
    ]


class ProgrammeForm(RecordForm):
    def __init__(self, context: PageContext, programme_id: int | None = None, *,
                 changed: Callable[[], None] | None = None, parent: QWidget | None = None):
        self.context, self.programme_id, self.changed = context, programme_id, changed
        super().__init__("New programme" if programme_id is None else "Edit programme",
                         programme_sections(), today=context.today, columns=1, parent=parent)
        self._version: int | None = None
        self._original: dict[str, Any] = {}
        if programme_id is not None:
            programme = context.services.programmes.get(programme_id)
            self.setWindowTitle(f"Edit programme — {programme.name}")
            self._original = {key: getattr(programme, key) for key in self.editors}
            self._version = programme.version
            self.set_values(self._original)
        self.editors["name"].focus()

    def save(self) -> int | None:
        values = self.values()
        return self.save_record(self.context.undo, self.context.services.programmes,
                                self.programme_id, values, self._original, self._version,
                                "programme", values["name"])
