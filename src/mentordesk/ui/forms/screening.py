"""Record a screening check, or update one (through an undoable command)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.enums import CheckResult, CheckType
from ...services.volunteer_pipeline import CheckLine
from ..commands import EditRecord, run_command
from ..context import PageContext
from .base import FieldSpec, RecordForm, Section, enum_choices, field_changes

FIELDS = ("type", "provider", "requested_on", "completed_on", "expires_on", "result")


def check_sections() -> list[Section]:
    f = FieldSpec
    return [
        Section("Screening check", [
            f("type", "Check", "choice", enum_choices(CheckType)),
            f("provider", "Provider", placeholder="e.g. county police, office interview",
              tip="Who carried out the check; its contents are never stored"),
            f("requested_on", "Requested", "date"),
            f("completed_on", "Completed", "date", none_label="Not completed"),
            f("expires_on", "Expires", "date", none_label="Does not expire"),
            f("result", "Result", "choice", enum_choices(CheckResult)),
        ]),
    ]


class CheckForm(RecordForm):
    """A new check of `check_type` for the volunteer, or changes to `check` (a CheckLine)."""

    def __init__(self, context: PageContext, volunteer_id: int, *,
                 check: CheckLine | None = None, check_type: CheckType | None = None,
                 volunteer_name: str = "", changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None):
        self.context, self.volunteer_id, self.changed = context, volunteer_id, changed
        self.check = check
        self.volunteer_name = volunteer_name
        updating = check is not None and check.check_id is not None
        super().__init__("Update screening check" if updating else "Record screening check",
                         check_sections(), today=context.today, columns=1, parent=parent)
        self._original: dict[str, Any] = {}
        if updating:
            assert check is not None
            self._original = {key: getattr(check, key) for key in FIELDS}
            self.set_values(self._original)
            self.editors["completed_on"].focus()
        else:
            self.set_values({"type": check_type or CheckType.APPLICATION,
                             "requested_on": context.today(), "result": CheckResult.PENDING})
            self.editors["type"].focus()

    def save(self) -> int | None:
        values = self.values()
        volunteers = self.context.services.volunteers
        if not self._original:
            kind = values.pop("type")
            return volunteers.record_check(self.volunteer_id, kind, **values).id
        assert self.check is not None and self.check.check_id is not None
        changes = field_changes(self._original, values)
        if changes:
            label = self.check.type.label.lower()
            run_command(self.context.undo, EditRecord(
                volunteers, self.check.check_id, changes, self.check.version,
                method="update_check", changed=self.changed,
                text=f"Update {label} check of {self.volunteer_name}".strip()))
        return self.check.check_id
