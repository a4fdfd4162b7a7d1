"""The youth form: create and edit a young person's record through undoable commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.enums import YouthStatus
from ..context import PageContext
from .base import FieldSpec, RecordForm, Section, enum_choices


def youth_sections(programmes: list[tuple[str, int]]) -> list[Section]:
    f = FieldSpec
    return [
        Section("Young person", [
            f("programme_ref", "Programme ID", placeholder="e.g. Y-0042",
              tip="The ID the programme gives the young person (printed on forms)"),
            f("first_name", "First name"),
            f("last_name", "Last name"),
            f("date_of_birth", "Date of birth", "date"),
            f("grade", "Grade", tip="School grade or year, when the date of birth is not known"),
            f("school", "School"),
            f("programme_id", "Programme", "choice", programmes, none_label="No programme"),
            f("status", "Status", "choice", enum_choices(YouthStatus)),
        ], column=0),
        Section("Guardian and consent", [
            f("guardian_name", "Guardian"),
            f("guardian_phone", "Guardian's phone"),
            f("guardian_email", "Guardian's email", placeholder="name@example.org"),
            f("consent_on", "Consent form on file", "date", none_label="Not on file",
              tip="The date of the signed consent form"),
        ], column=1),
        Section("Matching", [
            f("languages", "Languages", "tags", placeholder="e.g. English, Arabic"),
            f("interests", "Interests", "tags", placeholder="e.g. science, drawing"),
        ], column=1),
        Section("Notes", [f("notes", "Notes", "multiline")], wide=True),
    ]


class YouthForm(RecordForm):
    def __init__(self, context: PageContext, youth_id: int | None = None, *,
                 changed: Callable[[], None] | None = None, parent: QWidget | None = None):
        self.context, self.youth_id, self.changed = context, youth_id, changed
        programmes = [(p.name + (" (archived)" if p.archived_at else ""), p.id)
                      for p in context.services.programmes.list(include_archived=True)]
        super().__init__("New young person" if youth_id is None else "Edit young person",
                         youth_sections(programmes), today=context.today, parent=parent)
        self._version: int | None = None
        self._original: dict[str, Any] = {}
        if youth_id is not None:
            youth = context.services.youth.get(youth_id)
            self.setWindowTitle(f"Edit young person — {youth.full_name}")
            self._original = {key: getattr(youth, key) for key in self.editors}
            self._version = youth.version
            self.set_values(self._original)
        else:
            self.set_value("status", YouthStatus.WAITING)
        self.editors["programme_ref"].focus()

    def save(self) -> int | None:
        values = self.values()
        name = f"{values['first_name']} {values['last_name']}".strip()
        return self.save_record(self.context.undo, self.context.services.youth, self.youth_id,
                                values, self._original, self._version, "young person", name)
