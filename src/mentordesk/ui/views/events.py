"""The Events & training page: events with attendance taken from a checklist, and
(on a second tab) learning circles with their members and meetings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import AttendanceStatus, EventKind
from ...domain.errors import MentorDeskError
from ...services.events import EventRow, PersonRow
from ..commands import CreateRecord, EditRecord, SetArchived, SetAttendance, run_command
from ..context import PageContext
from ..dialogs.attendance import ChecklistDialog
from ..dialogs.event_form import EventForm
from ..models import columns as col
from ..tasks import show_error
from .circles import CirclesPanel
from .event_tables import event_columns, kind_label
from .list_page import FilterChoice, ListPage

EVENT_FIELDS = ("kind", "title", "topic", "event_date", "duration_minutes", "location",
                "programme_id", "circle_id")
TRAININGS = (EventKind.PRE_MATCH_TRAINING, EventKind.ONGOING_TRAINING)


def _differs(old: Any, new: Any) -> bool:
    return (old if old is not None else "") != (new if new is not None else "")


class EventsPage(ListPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None):
        self.context = context
        self.attendance_dialog: ChecklistDialog | None = None
        super().__init__(
            key="events", title="Events & training", noun=("event", "events"),
            columns=event_columns(),
            filters=[
                FilterChoice("All events"),
                FilterChoice("All trainings", lambda r: r.kind in TRAININGS),
                None,
                *[FilterChoice(kind_label(k), lambda r, k=k: r.kind == k) for k in EventKind],
            ],
            settings=context.settings, sort=("date", Qt.SortOrder.DescendingOrder), parent=parent,
        )
        # The buttons sit on the events tab, so a narrow window stays possible.
        events_tab = QWidget(self)
        bar = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for text, slot, name in (("&New event…", self.new_event, "newEvent"),
                                 ("Ed&it…", self.edit_event, "editEvent"),
                                 ("&Take attendance…", self.take_attendance, "takeAttendance"),
                                 ("&Archive…", self.archive_event, "archiveEvent")):
            button = QPushButton(text, events_tab)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, slot=slot: slot())
            bar.addWidget(button)
            self.buttons.append(button)
        bar.addStretch(1)
        self.circles = CirclesPanel(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("eventTabs")
        self.tabs.setDocumentMode(True)
        layout = self.layout()
        position = layout.indexOf(self.table)
        layout.removeWidget(self.table)
        column = QVBoxLayout(events_tab)
        column.setContentsMargins(0, 6, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        self.tabs.addTab(events_tab, "Events &list")
        self.tabs.addTab(self.circles, "Learning &circles")
        layout.insertWidget(position, self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.circles.take_attendance_for = self.take_attendance
        self.circles.new_meeting = lambda circle_id: self.new_event(
            {"kind": EventKind.LEARNING_CIRCLE, "circle_id": circle_id})
        self.circles.changed.connect(self.reload)

    # --- loading ------------------------------------------------------------------------

    def load_rows(self) -> list[EventRow]:
        return self.context.services.events.list_rows()

    def reload(self, select=None) -> None:
        super().reload(select)
        if self.circles.loaded:
            self.circles.reload()

    def show_circles(self) -> None:
        self.tabs.setCurrentWidget(self.circles)

    def _tab_changed(self, index: int) -> None:
        on_events = self.tabs.widget(index) is not self.circles
        self.filter_box.setEnabled(on_events)
        if not on_events:
            self.circles.ensure_loaded()

    def current_event(self) -> EventRow | None:
        rows = self.selected_rows()
        return rows[0] if rows else None

    # --- events -------------------------------------------------------------------------

    def _command(self, command, select_new: bool = False) -> None:
        command.changed = None
        run_command(self.context.undo, command)
        command.changed = self.reload  # after an undo or redo
        self.reload(select=[command.record_id] if select_new else None)

    def _form(self, submit, values: dict[str, Any] | None) -> EventForm:
        services = self.context.services
        form = EventForm(
            submit, today=self.context.today(), values=values, parent=self,
            programmes=[(p.id, p.name) for p in services.programmes.list()],
            circles=[(c.id, c.name) for c in services.events.circles()],
        )
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        return form

    def new_event(self, values: dict[str, Any] | None = None) -> EventForm:
        def submit(fields: dict[str, Any]) -> int:
            command = CreateRecord(self.context.services.events, fields, text="New event")
            self._command(command, select_new=True)
            return command.record_id

        return self._form(submit, values)

    def edit_event(self) -> EventForm | None:
        event = self.current_event()
        if event is None:
            return None
        old = {key: getattr(event, key) for key in EVENT_FIELDS}

        def submit(values: dict[str, Any]) -> None:
            changes = {k: (old[k], v) for k, v in values.items() if _differs(old[k], v)}
            if changes:
                self._command(EditRecord(self.context.services.events, event.id, changes,
                                         event.version, text="Edit event"))

        return self._form(submit, old)

    def open_row(self, row: Any) -> None:
        self.edit_event()

    def archive_event(self) -> None:
        event = self.current_event()
        if event is None:
            return
        answer = QMessageBox.question(
            self, "Archive event",
            f"Archive “{event.title}”? It leaves the list and its hours no longer count; "
            "Edit → Undo brings it back.")
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self._command(SetArchived(self.context.services.events, event.id, True,
                                          text="Archive event"))
            except MentorDeskError as exc:
                show_error(self, exc)

    # --- attendance ------------------------------------------------------------------------

    def take_attendance(self, event_id: int | None = None) -> None:
        """Read the sheet in the background, then open the checklist."""
        if event_id is None:
            event = self.current_event()
            if event is None:
                return
            event_id = event.id
        services = self.context.services
        self.context.tasks.run(
            lambda _control: (services.events.get(event_id), services.events.checklist(event_id)),
            lambda result: self._open_checklist(*result), parent=self)

    def _open_checklist(self, event, rows: list[PersonRow]) -> None:
        attended = [r.volunteer_id for r in rows if r.status == AttendanceStatus.ATTENDED]
        when = col.format_date(event.event_date)
        dialog = ChecklistDialog(
            f"Attendance — {event.title}",
            f"Tick everyone who came to “{event.title}” on {when}. Anyone recorded before "
            "and not ticked now is marked absent.",
            rows, attended, ok_text="Save attendance", parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._save_attendance(event, attended, dialog.checked_ids()))
        dialog.finished.connect(lambda _result: setattr(self, "attendance_dialog", None))
        self.attendance_dialog = dialog
        dialog.open()

    def _save_attendance(self, event, before: list[int], after: list[int]) -> None:
        """Undoable; undo gives the sheet back those who attended before."""
        try:
            self._command(SetAttendance(self.context.services.events, event.id, before, after,
                                        text=f"Attendance at {event.title}"))
        except MentorDeskError as exc:
            show_error(self, exc)
