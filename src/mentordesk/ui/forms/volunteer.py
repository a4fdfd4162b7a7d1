"""The volunteer form: create and edit, employer with history, through undoable commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.enums import VolunteerStatus
from ..commands import CommandGroup, CreateRecord, EditRecord, SetEmployer, run_command
from ..context import PageContext
from .base import ChoiceEditor, FieldSpec, RecordForm, Section, enum_choices, field_changes

EMPLOYER_KEYS = ("sponsor_id", "branch_id", "employed_since")


def volunteer_sections(sponsors: list[tuple[str, int]]) -> list[Section]:
    f = FieldSpec
    return [
        Section("Person", [
            f("first_name", "First name"),
            f("last_name", "Last name"),
            f("email", "Email", placeholder="name@example.org"),
            f("phone", "Phone"),
            f("city", "City"),
            f("postcode", "Postcode"),
            f("status", "Status", "choice", enum_choices(VolunteerStatus),
              tip="Where the volunteer is in the pipeline, from inquiry to matched"),
        ], column=0),
        Section("Employer", [
            f("sponsor_id", "Company", "choice", sponsors, none_label="No employer"),
            f("branch_id", "Branch", "choice", none_label="No branch"),
            f("employed_since", "Since", "date", errors=("since",),
              tip="The day the volunteer started at this company and branch; "
                  "hours before it count for the previous employer"),
        ], column=0),
        Section("Matching", [
            f("languages", "Languages", "tags", placeholder="e.g. English, Spanish"),
            f("interests", "Interests", "tags", placeholder="e.g. football, reading"),
            f("availability", "Availability", "tags", placeholder="e.g. weekday evenings"),
            f("preferences", "Preferences", placeholder="e.g. prefers a younger mentee"),
            f("drives_youth", "Drives young people (needs a driving record check)", "check"),
        ], column=1),
        Section("Training and consent", [
            f("prior_training_minutes", "Prior training", "hours",
              tip="Pre-match training done before MentorDesk or elsewhere"),
            f("consent_named_in_reports", "May be named in sponsor reports", "check"),
        ], column=1),
        Section("Notes", [f("notes", "Notes", "multiline")], wide=True),
    ]


def _label(record: Any) -> str:
    """Archived companies and branches stay choosable (a volunteer may still work there)."""
    return f"{record.name} (archived)" if record.archived_at is not None else record.name


class VolunteerForm(RecordForm):
    """New volunteer (volunteer_id None) or an existing one; saves go on context.undo."""

    def __init__(self, context: PageContext, volunteer_id: int | None = None, *,
                 changed: Callable[[], None] | None = None, parent: QWidget | None = None):
        self.context, self.volunteer_id, self.changed = context, volunteer_id, changed
        services = context.services
        sponsors = [(_label(s), s.id) for s in services.sponsors.list(include_archived=True)]
        super().__init__("New volunteer" if volunteer_id is None else "Edit volunteer",
                         volunteer_sections(sponsors), today=context.today, parent=parent)
        self.branches: ChoiceEditor = self.editors["branch_id"]  # type: ignore[assignment]
        self._version: int | None = None
        self._original: dict[str, Any] = {}
        if volunteer_id is not None:
            self._load(volunteer_id)
        else:
            self.set_value("status", VolunteerStatus.INQUIRY)
            self._fill_branches(None)
        self.editors["sponsor_id"].widget.currentIndexChanged.connect(self._company_chosen)
        self.branches.widget.currentIndexChanged.connect(self._employer_edited)
        self.editors["first_name"].focus()

    def _load(self, volunteer_id: int) -> None:
        services = self.context.services
        volunteer = services.volunteers.get(volunteer_id)
        self.setWindowTitle(f"Edit volunteer — {volunteer.full_name}")
        values = {key: getattr(volunteer, key) for key in self.editors
                  if key not in EMPLOYER_KEYS}
        employment = services.volunteers.employer_on(volunteer_id, self.context.today())
        values["sponsor_id"] = employment.sponsor_id if employment else None
        values["branch_id"] = employment.branch_id if employment else None
        values["employed_since"] = employment.start_date if employment else None
        self._fill_branches(values["sponsor_id"])
        self.set_values(values)
        self._version = volunteer.version
        self._original = values

    def _fill_branches(self, sponsor_id: int | None) -> None:
        branches = [] if sponsor_id is None else self.context.services.sponsors.branches(
            sponsor_id, include_archived=True)
        self.branches.set_choices([(_label(b), b.id) for b in branches])
        self.branches.widget.setEnabled(bool(branches))

    def _company_chosen(self) -> None:
        self._fill_branches(self.value("sponsor_id"))
        self._employer_edited()

    def _employer_edited(self) -> None:
        """A new employer starts today unless the coordinator says otherwise."""
        moved = self._original and self._employer() != self._original_employer()
        if moved and self.value("employed_since") == self._original.get("employed_since"):
            self.set_value("employed_since", self.context.today())

    def _employer(self) -> tuple[int | None, int | None]:
        return self.value("sponsor_id"), self.value("branch_id")

    def _original_employer(self) -> tuple[int | None, int | None]:
        return self._original.get("sponsor_id"), self._original.get("branch_id")

    # --- saving ------------------------------------------------------------------------

    def save(self) -> int | None:
        values = self.values()
        sponsor_id, branch_id, since = (values.pop(k) for k in EMPLOYER_KEYS)
        name = f"{values['first_name']} {values['last_name']}".strip()
        volunteers = self.context.services.volunteers
        if self.volunteer_id is None:
            fields = dict(values)
            if sponsor_id is not None:
                fields.update(sponsor_id=sponsor_id, branch_id=branch_id, employed_since=since)
            command = CreateRecord(volunteers, fields, text=f"New volunteer {name}",
                                   changed=self.changed)
            run_command(self.context.undo, command)
            return command.record_id
        parts = []
        changes = field_changes(self._original, values)
        if changes:
            parts.append(EditRecord(volunteers, self.volunteer_id, changes, self._version,
                                    text=f"Edit volunteer {name}", changed=self.changed))
        if (sponsor_id, branch_id) != self._original_employer():
            parts.append(SetEmployer(volunteers, self.volunteer_id, sponsor_id, branch_id, since,
                                     text=f"Change employer of {name}", changed=self.changed))
        if parts:
            command = parts[0] if len(parts) == 1 else CommandGroup(
                f"Edit volunteer {name}", parts, changed=self.changed)
            run_command(self.context.undo, command)
        return self.volunteer_id
