"""Learning circles (the second tab of Events & training): circles, their members
from several companies and branches, and their meetings (events of the circle)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QSplitter, QVBoxLayout, QWidget

from ...domain.errors import MentorDeskError
from ...services.events import CircleRow, PersonRow
from ..commands import CreateRecord, EditRecord, JoinCircle, LeaveCircle, run_command
from ..context import PageContext
from ..dialogs.attendance import ChecklistDialog
from ..dialogs.event_form import CircleForm
from ..tasks import show_error
from .event_tables import SmallTable, circle_columns, meeting_columns, member_columns, section


class CirclesPanel(QWidget):
    """Circles on the left; the chosen circle's members and meetings on the right."""

    changed = Signal()  # meetings or memberships changed: the page reloads its events
    updated = Signal()  # new rows are on show (tests wait for it)

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.loaded = False
        self._quiet = False
        self._generation = 0
        self._running = 0
        self.member_dialog: ChecklistDialog | None = None
        self.take_attendance_for: Callable[[int], None] = lambda _event_id: None
        self.new_meeting: Callable[[int], Any] = lambda _circle_id: None
        self.circles = SmallTable(self, "circlesTable", circle_columns(),
                                  ("name", Qt.SortOrder.AscendingOrder), stretch="name")
        self.members = SmallTable(self, "membersTable", member_columns(),
                                  ("name", Qt.SortOrder.AscendingOrder), stretch="company")
        self.meetings = SmallTable(self, "meetingsTable", meeting_columns(),
                                   ("date", Qt.SortOrder.DescendingOrder))
        self.meetings.view.activated.connect(lambda _index: self.meeting_attendance())
        left = section(self, "Learning circles", self.circles, [
            ("Ne&w circle…", self.new_circle, "newCircle"),
            ("Rena&me…", self.edit_circle, "editCircle")])
        members = section(self, "Members", self.members, [
            ("Add mem&bers…", self.add_members, "addMembers"),
            ("&Remove member…", self.remove_member, "removeMember")])
        meetings = section(self, "Meetings", self.meetings, [
            ("New meetin&g…", self.new_meeting_form, "newMeeting"),
            ("Atten&dance…", self.meeting_attendance, "meetingAttendance")])
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(members)
        right.addWidget(meetings)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split)
        self.circles.view.selectionModel().selectionChanged.connect(self._circle_chosen)

    # --- loading (off the GUI thread: the first queries of a session are slow) --------------

    @property
    def loading(self) -> bool:
        return self._running != 0

    def ensure_loaded(self) -> None:
        if not self.loaded and not self.loading:
            self.reload()

    def reload(self, select: int | None = None) -> None:
        """Circles, then the members and meetings of the chosen one (or of `select`)."""
        events, today = self.context.services.events, self.context.today()
        circle = self.current_circle()
        wanted = select if select is not None else (circle.id if circle else None)

        def work(_control):
            circles = events.circle_rows(today)
            ids = [c.id for c in circles]
            chosen = wanted if wanted in ids else (ids[0] if ids else None)
            return circles, chosen, self._details(chosen)

        self._start(work, lambda result: self._show(*result))

    def _details(self, circle_id: int | None) -> tuple[list[PersonRow], list]:
        """Members and meetings of a circle (runs in the worker)."""
        if circle_id is None:
            return [], []
        events = self.context.services.events
        members = [m for m in events.member_rows(circle_id, self.context.today())
                   if not _never(m)]
        return members, events.list_rows(circle_id=circle_id)

    def _start(self, work, show) -> None:
        self._generation += 1
        self._running = generation = self._generation

        def done(result) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._running = 0
                show(result)
                self.updated.emit()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._running = 0
                show_error(self, exc)

        self.context.tasks.run(work, done, failed)

    def _show(self, circles: list[CircleRow], chosen: int | None, details) -> None:
        self._quiet = True  # selecting the circle here must not read its details again
        try:
            self.circles.set_rows(circles, key=lambda r: r.id)
            self.circles.view.clearSelection()
            if chosen is not None:
                self.circles.select(lambda r: r.id, chosen)
        finally:
            self._quiet = False
        self.loaded = True
        self._show_details(details)

    def current_circle(self) -> CircleRow | None:
        return self.circles.current()

    def _circle_chosen(self, *_: Any) -> None:
        if self._quiet:
            return
        circle = self.current_circle()
        chosen = circle.id if circle else None
        self._start(lambda _control: self._details(chosen), self._show_details)

    def _show_details(self, details) -> None:
        members, meetings = details
        circle = self.current_circle()
        self.members.set_rows(members, key=lambda r: r.volunteer_id)
        self.meetings.set_rows(meetings, key=lambda r: r.id)
        empty = "Choose a circle." if circle is None else ""
        self.members.view.set_empty_text(empty or "No members yet: Add members…")
        self.meetings.view.set_empty_text(empty or "No meetings yet: New meeting…")

    # --- circles ----------------------------------------------------------------------------

    def _done(self) -> None:
        self.reload()
        self.changed.emit()

    def new_circle(self) -> CircleForm:
        def submit(values: dict[str, Any]) -> None:
            service = _CircleService(self.context.services.events)
            command = CreateRecord(service, values, text="New learning circle")
            run_command(self.context.undo, command)
            command.changed = self._done  # after an undo or redo
            self.reload(select=command.record_id)

        return self._open(CircleForm(submit, parent=self))

    def edit_circle(self) -> CircleForm | None:
        circle = self.current_circle()
        if circle is None:
            return None
        old = {"name": circle.name, "topic": circle.topic}

        def submit(values: dict[str, Any]) -> None:
            changes = {k: (old[k], v) for k, v in values.items() if v != old[k]}
            if changes:
                command = EditRecord(_CircleService(self.context.services.events), circle.id,
                                     changes, circle.version, text="Rename learning circle")
                run_command(self.context.undo, command)
                command.changed = self._done
                self.reload()

        return self._open(CircleForm(submit, old, parent=self))

    # --- members ------------------------------------------------------------------------------

    def add_members(self) -> None:
        circle = self.current_circle()
        if circle is None:
            return
        today = self.context.today()
        current = {m.volunteer_id for m in self.members.model.rows()
                   if m.left_on is None or m.left_on >= today}
        services = self.context.services
        self.context.tasks.run(
            lambda _control: [p for p in services.events.people(today)
                              if p.volunteer_id not in current],
            lambda rows: self._pick_members(circle, rows), parent=self)

    def _pick_members(self, circle: CircleRow, rows: list[PersonRow]) -> None:
        dialog = ChecklistDialog(
            f"Add members — {circle.name}",
            f"Tick the volunteers who join {circle.name} today. A circle brings together "
            "volunteers from several companies and branches.",
            rows, ok_text="Add members", parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._join(circle.id, dialog.checked_ids()))
        dialog.finished.connect(lambda _result: setattr(self, "member_dialog", None))
        self.member_dialog = dialog
        dialog.open()

    def _join(self, circle_id: int, volunteer_ids: list[int]) -> None:
        if volunteer_ids:
            names = "1 member" if len(volunteer_ids) == 1 else f"{len(volunteer_ids)} members"
            self._run(JoinCircle(self.context.services.events, circle_id, volunteer_ids,
                                 self.context.today(), text=f"Add {names}"))

    def remove_member(self) -> None:
        circle, member = self.current_circle(), self.members.current()
        if circle is None or member is None or member.left_on is not None:
            return
        answer = QMessageBox.question(
            self, "Remove member",
            f"Remove {member.name} from {circle.name}? Their membership ends today; "
            "the meetings they attended stay on record.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run(LeaveCircle(self.context.services.events, circle.id, member.volunteer_id,
                              self.context.today(), member.joined_on,
                              text=f"Remove {member.name} from {circle.name}"))

    def _run(self, command) -> None:
        """Make the change (undoable); after it, and after an undo or redo, read again."""
        try:
            run_command(self.context.undo, command)
        except MentorDeskError as exc:
            show_error(self, exc)
            return
        command.changed = self._done
        self._done()

    # --- meetings -----------------------------------------------------------------------------

    def new_meeting_form(self) -> Any:
        """The page's event form, set for a meeting of the chosen circle."""
        circle = self.current_circle()
        return None if circle is None else self.new_meeting(circle.id)

    def meeting_attendance(self) -> None:
        meeting = self.meetings.current()
        if meeting is not None:
            self.take_attendance_for(meeting.id)

    def _open(self, form):
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        return form


def _never(member: PersonRow) -> bool:
    """A membership taken back by Undo: it ended before it began."""
    return (member.joined_on is not None and member.left_on is not None
            and member.left_on < member.joined_on)


class _CircleService:
    """The event service's circle methods under the names the undo commands call."""

    what = "learning circle"

    def __init__(self, events):
        self.events = events

    def create(self, **fields):
        return self.events.create_circle(**fields)

    def update(self, circle_id: int, expected_version: int | None = None, **changes):
        return self.events.update_circle(circle_id, expected_version, **changes)

    def archive(self, circle_id: int) -> None:
        self.events.archive_circle(circle_id)

    def restore(self, circle_id: int) -> None:
        self.events.restore_circle(circle_id)
