"""Edit → Undo/Redo: QUndoCommand subclasses whose redo/undo only call services.

A command is done once by `execute()` (the form calls it and shows what the
service refuses, inline); only then is it pushed, and the stack's first
redo() does nothing. Later undo/redo calls go through the services with the
version each record had after the last step, so a record someone else changed
in between is never overwritten: the service raises ConflictError, the command
reports that one sentence and leaves the stack.

    command = EditRecord(services.volunteers, 7, {"city": ("Leeds", "York")}, version=3)
    run_command(context.undo, command)   # raises ValidationError etc.; pushes on success
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox

from ..domain.errors import MentorDeskError
from .command_versions import STEPS

log = logging.getLogger(__name__)

Report = Callable[[str], None]
Changed = Callable[[], None]


def warn(message: str) -> None:
    """The default way a failed undo or redo tells the user (patch in tests)."""
    QMessageBox.warning(None, "MentorDesk", message)


class ServiceCommand(QUndoCommand):
    """One change made through the services; subclasses say how to do and undo it."""

    def __init__(self, text: str, *, report: Report | None = None,
                 changed: Changed | None = None):
        super().__init__(text)
        self.report = report
        self.changed = changed
        self.error: str | None = None  # the last refusal, for tests and the log
        self._executed = False

    # --- what subclasses write ----------------------------------------------------

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    # --- the stack's side -----------------------------------------------------------

    def execute(self) -> None:
        """Make the change the first time; errors propagate to the caller (a form)."""
        self.do()
        self._executed = True

    def redo(self) -> None:
        if self._executed:  # push() calls redo(): execute() already did the work
            self._executed = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except MentorDeskError as exc:
            self.error = str(exc)
            log.info("undo/redo of %r refused: %s", self.text(), exc)
            self.setObsolete(True)  # the stack drops a command that cannot be replayed
            (self.report or warn)(self.error)
            return
        self.error = None
        if self.changed is not None:
            self.changed()


def run_command(stack: QUndoStack, command: ServiceCommand) -> ServiceCommand:
    """Execute `command` (raising what the services raise), then push it for Undo."""
    command.execute()
    stack.push(command)
    return command


def _note_step(service: Any, record_id: int, step: Any) -> None:
    """An archive or restore said (version before, after): remember it as ours."""
    if isinstance(step, tuple):
        STEPS.record(service, record_id, *step)


def _changed_values(changes: Mapping[str, tuple[Any, Any]], which: int) -> dict[str, Any]:
    return {key: pair[which] for key, pair in changes.items()}


class EditRecord(ServiceCommand):
    """Change some fields of one record: `changes` maps field → (old, new).

    `method` names the service's update method (update, update_check, ...), which
    takes (record_id, expected_version=..., **fields) and returns the record.
    """

    def __init__(self, service: Any, record_id: int, changes: Mapping[str, tuple[Any, Any]],
                 version: int | None, *, text: str = "Edit", method: str = "update",
                 report: Report | None = None, changed: Changed | None = None):
        super().__init__(text, report=report, changed=changed)
        self.service, self.record_id, self.method = service, record_id, method
        self.changes = dict(changes)
        self.version = version  # what the record's version must be for the next step

    def _update(self, values: dict[str, Any]) -> None:
        # Versions our own later commands made (an archive and its undo) are skipped.
        expected = STEPS.latest(self.service, self.record_id, self.version)
        record = getattr(self.service, self.method)(
            self.record_id, expected_version=expected, **values
        )
        self.version = getattr(record, "version", None)
        STEPS.record(self.service, self.record_id, expected, self.version)

    def do(self) -> None:
        self._update(_changed_values(self.changes, 1))

    def revert(self) -> None:
        self._update(_changed_values(self.changes, 0))


class CreateRecord(ServiceCommand):
    """Create a record; undo archives it and redo restores it (nothing is deleted)."""

    def __init__(self, service: Any, fields: Mapping[str, Any], *, text: str = "Create",
                 report: Report | None = None, changed: Changed | None = None):
        super().__init__(text, report=report, changed=changed)
        self.service = service
        self.fields = dict(fields)
        self.record_id: int | None = None

    def do(self) -> None:
        if self.record_id is None:
            self.record_id = self.service.create(**self.fields).id
        else:
            _note_step(self.service, self.record_id, self.service.restore(self.record_id))

    def revert(self) -> None:
        assert self.record_id is not None
        _note_step(self.service, self.record_id, self.service.archive(self.record_id))


class SetArchived(ServiceCommand):
    """Archive (or restore) a record; undo does the opposite."""

    def __init__(self, service: Any, record_id: int, archived: bool = True, *,
                 text: str | None = None, report: Report | None = None,
                 changed: Changed | None = None):
        what = getattr(service, "what", "record")
        super().__init__(text or f"{'Archive' if archived else 'Restore'} {what}",
                         report=report, changed=changed)
        self.service, self.record_id, self.archived = service, record_id, archived

    def _set(self, archived: bool) -> None:
        step = (self.service.archive if archived else self.service.restore)(self.record_id)
        _note_step(self.service, self.record_id, step)

    def do(self) -> None:
        self._set(self.archived)

    def revert(self) -> None:
        self._set(not self.archived)


def ArchiveRecord(service: Any, record_id: int, **kw: Any) -> SetArchived:
    return SetArchived(service, record_id, True, **kw)


def RestoreRecord(service: Any, record_id: int, **kw: Any) -> SetArchived:
    return SetArchived(service, record_id, False, **kw)


class SetEmployer(ServiceCommand):
    """From `since` on the volunteer works for sponsor/branch; undo takes that change back."""

    def __init__(self, volunteers: Any, volunteer_id: int, sponsor_id: int | None,
                 branch_id: int | None, since: date | None, *, text: str = "Change employer",
                 report: Report | None = None, changed: Changed | None = None):
        super().__init__(text, report=report, changed=changed)
        self.volunteers, self.volunteer_id = volunteers, volunteer_id
        self.sponsor_id, self.branch_id, self.since = sponsor_id, branch_id, since

    def do(self) -> None:
        self.volunteers.set_employer(self.volunteer_id, self.sponsor_id, self.branch_id,
                                     self.since)

    def revert(self) -> None:
        self.volunteers.undo_employer_change(self.volunteer_id, self.since)


class CommandGroup(ServiceCommand):
    """Several service changes that undo and redo as one step (e.g. fields + employer).

    If one part is refused, the parts already done are taken back, so the group
    is all or nothing as far as the services allow.
    """

    def __init__(self, text: str, parts: Sequence[ServiceCommand], *,
                 report: Report | None = None, changed: Changed | None = None):
        super().__init__(text, report=report, changed=changed)
        self.parts = list(parts)

    def _run(self, steps: list[tuple[Callable[[], None], Callable[[], None]]]) -> None:
        done: list[Callable[[], None]] = []
        for step, back in steps:
            try:
                step()
            except MentorDeskError:
                for undo in reversed(done):
                    try:
                        undo()
                    except MentorDeskError:  # leave the rest as it is; the error says why
                        log.warning("could not take back part of %r", self.text())
                raise
            done.append(back)

    def do(self) -> None:
        self._run([(p.do, p.revert) for p in self.parts])

    def revert(self) -> None:
        self._run([(p.revert, p.do) for p in reversed(self.parts)])


class SetSetting(ServiceCommand):
    """One organisation setting from `old` to `new` (SettingsService.set)."""

    def __init__(self, settings: Any, key: str, old: Any, new: Any, **kw: Any):
        super().__init__(kw.pop("text", f"Change the setting {key}"), **kw)
        self.settings, self.key, self.old, self.new = settings, key, old, new

    def do(self) -> None:
        self.settings.set(self.key, self.new)

    def revert(self) -> None:
        self.settings.set(self.key, self.old)


class SetAttendance(ServiceCommand):
    """An event's attendance sheet: `after` attended (the others recorded absent);
    undo puts back the sheet exactly as it was, records it lacked included."""

    def __init__(self, events: Any, event_id: int, before: Iterable[int], after: Iterable[int],
                 **kw: Any):
        super().__init__(kw.pop("text", "Take attendance"), **kw)
        self.events, self.event_id = events, event_id
        self.before, self.after = sorted(before), sorted(after)
        self.sheet: dict[int, Any] | None = None  # volunteer -> status, as first found

    def do(self) -> None:
        if self.sheet is None:
            self.sheet = {a.volunteer_id: a.status for a in self.events.attendance(self.event_id)}
        self.events.set_attendance(self.event_id, self.after)

    def revert(self) -> None:
        self.events.restore_attendance(self.event_id, self.sheet or {})


class JoinCircle(ServiceCommand):
    """Volunteers join a learning circle on `day`; undo puts their memberships back
    as they were (a new member's row removed, a former member's dates restored)."""

    def __init__(self, events: Any, circle_id: int, volunteer_ids: Iterable[int], day: date,
                 **kw: Any):
        super().__init__(kw.pop("text", "Add members"), **kw)
        self.events, self.circle_id, self.day = events, circle_id, day
        self.volunteer_ids = sorted(volunteer_ids)
        self.former: dict[int, tuple[date | None, date | None] | None] | None = None

    def do(self) -> None:
        if self.former is None:
            found = {m.volunteer_id: (m.joined_on, m.left_on)
                     for m in self.events.members(self.circle_id)}
            self.former = {vid: found.get(vid) for vid in self.volunteer_ids}
        self.events.add_members(self.circle_id, self.volunteer_ids, joined_on=self.day)

    def revert(self) -> None:
        self.events.restore_memberships(self.circle_id, self.former or {})


class LeaveCircle(ServiceCommand):
    """A member leaves a circle on `day`; undo makes them a member again since `joined`."""

    def __init__(self, events: Any, circle_id: int, volunteer_id: int, day: date,
                 joined: date | None, **kw: Any):
        super().__init__(kw.pop("text", "Remove member"), **kw)
        self.events, self.circle_id, self.volunteer_id = events, circle_id, volunteer_id
        self.day, self.joined = day, joined

    def do(self) -> None:
        self.events.remove_member(self.circle_id, self.volunteer_id, left_on=self.day)

    def revert(self) -> None:
        self.events.add_members(self.circle_id, [self.volunteer_id], joined_on=self.joined)
