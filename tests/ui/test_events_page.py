"""The Events & training page: events, the attendance checklist, learning circles."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from mentordesk.domain.enums import AttendanceStatus, EventKind
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.events import EventsPage

from .conftest import TODAY


def volunteer_ids(services) -> dict[str, int]:
    return {r.name: r.id for r in services.volunteers.list_rows(TODAY)}


@pytest.fixture
def data(services):
    people = volunteer_ids(services)
    ev = services.events
    training = ev.create(kind=EventKind.PRE_MATCH_TRAINING, title="Pre-match training",
                         event_date=date(2026, 2, 10), duration_minutes=120)
    ev.set_attendance(training.id, [people["José Álvarez"], people["Bea Brown"]])
    ev.create(kind=EventKind.SOCIAL, title="Picnic", event_date=date(2025, 7, 4),
              duration_minutes=180, location="Park")
    circle = ev.create_circle("Reading mentors", topic="Books")
    ev.create_circle("Artists")
    ev.add_members(circle.id, [people["José Álvarez"], people["Bea Brown"]],
                   joined_on=date(2026, 1, 1))
    meeting = ev.create(kind=EventKind.LEARNING_CIRCLE, title="January meeting",
                        event_date=date(2026, 1, 20), duration_minutes=60, circle_id=circle.id)
    ev.set_attendance(meeting.id, [people["Bea Brown"]])
    return {"training": training, "circle": circle, "meeting": meeting, "people": people}


@pytest.fixture
def page(qtbot, services, data, ui_settings):
    context = PageContext(services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(),
                          TaskRunner())
    page = EventsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.ensure_loaded()
    qtbot.waitUntil(lambda: not page.loading and page.total_count() > 0)
    yield page
    context.tasks.wait()  # no background read may outlive the test's database


def column(page, key: str) -> list[str]:
    c = page.model.column_index(key)
    return [page.proxy.index(r, c).data() for r in range(page.proxy.rowCount())]


def select_event(page, title: str) -> None:
    titles = column(page, "title")
    page.table.selectRow(titles.index(title))
    assert page.current_event().title == title


def test_events_newest_first_with_attendance_and_kind_filter(qtmodeltester, page):
    assert column(page, "title") == ["Pre-match training", "January meeting", "Picnic"]
    assert column(page, "attended") == ["2", "1", "0"]
    assert column(page, "kind") == ["Pre-match training", "Learning circle", "Social"]
    assert column(page, "hours") == ["2.0", "1.0", "3.0"]
    page.set_filter("Social")
    assert column(page, "title") == ["Picnic"]
    page.set_filter("All trainings")
    assert column(page, "title") == ["Pre-match training"]
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_new_event_form_shows_the_message_then_saves(qtbot, page, services, data):
    form = page.new_event()
    assert not form.editors["circle_id"].widget.isEnabled()
    form.editors["title"].widget.setText("Safeguarding refresher")
    form.editors["duration_minutes"].widget.setValue(0)
    form.editors["event_date"].widget.setDate(QDate(2026, 3, 12))
    form.accept()
    assert form.isVisible()
    assert form.error_text("duration_minutes") == "An event lasts between a minute and a day."
    kind = form.editors["kind"].widget
    kind.setCurrentIndex(kind.findData(EventKind.LEARNING_CIRCLE))
    assert form.editors["circle_id"].widget.isEnabled()
    circles = form.editors["circle_id"].widget
    circles.setCurrentIndex(circles.findData(data["circle"].id))
    form.editors["duration_minutes"].widget.setValue(75)
    form.editors["location"].widget.setText("  Library ")
    form.accept()
    assert not form.isVisible()
    created = next(e for e in services.events.list() if e.title == "Safeguarding refresher")
    assert (created.kind, created.event_date, created.duration_minutes, created.location,
            created.circle_id) == (EventKind.LEARNING_CIRCLE, date(2026, 3, 12), 75, "Library",
                                   data["circle"].id)
    qtbot.waitUntil(lambda: not page.loading and page.total_count() == 4)
    assert page.current_event().title == "Safeguarding refresher"
    page.context.undo.undo()  # the new event is archived
    qtbot.waitUntil(lambda: not page.loading and page.total_count() == 3)


def test_edit_event(qtbot, page, services):
    select_event(page, "Picnic")
    form = page.edit_event()
    assert form.windowTitle() == "Edit event"
    assert form.editors["duration_minutes"].widget.value() == 180
    form.editors["title"].widget.setText("Summer picnic")
    form.accept()
    assert not form.isVisible()
    qtbot.waitUntil(lambda: not page.loading and "Summer picnic" in column(page, "title"))
    assert [e.location for e in services.events.list() if e.title == "Summer picnic"] == ["Park"]


def test_attendance_checklist_saves_and_marks_the_unticked_absent(
        qtbot, qtmodeltester, page, services, data):
    people = data["people"]
    select_event(page, "Pre-match training")
    page.take_attendance()
    qtbot.waitUntil(lambda: page.attendance_dialog is not None)
    dialog = page.attendance_dialog
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    assert dialog.checked_ids() == sorted([people["José Álvarez"], people["Bea Brown"]])
    assert dialog.count.text() == "2 people ticked"
    assert dialog.model.rowCount() == 5
    dialog.search.setText("alvarez")  # accents and case do not matter
    assert dialog.proxy.rowCount() == 1
    assert dialog.proxy.index(0, 1).data() == "Acme Ltd"
    assert dialog.proxy.index(0, 2).data() == "North"
    dialog.search.setText("carl")
    dialog.tick_shown(True)
    dialog.search.clear()
    bea = next(r for r in range(dialog.model.rowCount())
               if dialog.model.row_at(r).name == "Bea Brown")
    assert dialog.model.setData(dialog.model.index(bea, 0), Qt.CheckState.Unchecked,
                                Qt.ItemDataRole.CheckStateRole)
    dialog.ticked_only.setChecked(True)
    assert dialog.proxy.rowCount() == 2
    dialog.accept()
    statuses = {a.volunteer_id: a.status for a in services.events.attendance(data["training"].id)}
    assert statuses == {
        people["José Álvarez"]: AttendanceStatus.ATTENDED,
        people["Carl Cole"]: AttendanceStatus.ATTENDED,
        people["Bea Brown"]: AttendanceStatus.ABSENT,
    }
    qtbot.waitUntil(lambda: not page.loading and column(page, "attended")[0] == "2")
    # The sheet opens again with what was saved; Cancel changes nothing.
    page.take_attendance()
    qtbot.waitUntil(lambda: page.attendance_dialog is not None)
    again = page.attendance_dialog
    bea_row = next(r for r in range(again.model.rowCount())
                   if again.model.row_at(r).name == "Bea Brown")
    assert again.model.index(bea_row, 3).data() == "Absent"
    again.tick_shown(False)
    again.reject()
    assert len([a for a in services.events.attendance(data["training"].id)
                if a.status == AttendanceStatus.ATTENDED]) == 2


def test_learning_circles_show_members_from_several_companies(
        qtbot, qtmodeltester, monkeypatch, page, services, data):
    circles = page.circles
    with qtbot.waitSignal(circles.updated):
        page.show_circles()
    assert not any(b.isVisible() for b in page.buttons)
    names = [circles.circles.proxy.index(r, 0).data()
             for r in range(circles.circles.proxy.rowCount())]
    assert names == ["Artists", "Reading mentors"]
    with qtbot.waitSignal(circles.updated):
        circles.circles.select(lambda r: r.id, data["circle"].id)
    members = circles.members
    rows = [[members.proxy.index(r, c).data() for c in range(3)]
            for r in range(members.proxy.rowCount())]
    assert rows == [["José Álvarez", "Acme Ltd", "North"], ["Bea Brown", "Zed Foods", ""]]
    meeting = circles.meetings.proxy
    assert [meeting.index(r, 3).data() for r in range(meeting.rowCount())] == ["January meeting"]
    for table in (circles.circles, circles.members, circles.meetings):
        qtmodeltester.check(table.model)
        qtmodeltester.check(table.proxy)

    # Add a member through the checklist (only people not in the circle are offered).
    circles.add_members()
    qtbot.waitUntil(lambda: circles.member_dialog is not None)
    dialog = circles.member_dialog
    offered = sorted(dialog.model.row_at(r).name for r in range(dialog.model.rowCount()))
    assert offered == ["Anna Smith", "Carl Cole", "Zoë Zimmer"]
    dialog.search.setText("zoe")
    dialog.tick_shown(True)
    with qtbot.waitSignal(circles.updated):
        dialog.accept()
    assert members.proxy.rowCount() == 3
    current = services.events.members(data["circle"].id, TODAY)
    assert data["people"]["Zoë Zimmer"] in {m.volunteer_id for m in current}

    # Remove one, after saying yes.
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a: QMessageBox.StandardButton.Yes))
    bea = next(r for r in range(members.proxy.rowCount())
               if members.proxy.index(r, 0).data() == "Bea Brown")
    members.view.selectRow(bea)
    with qtbot.waitSignal(circles.updated):
        circles.remove_member()
    left = [m for m in services.events.members(data["circle"].id)
            if m.volunteer_id == data["people"]["Bea Brown"]]
    assert left[0].left_on == TODAY
    assert members.proxy.index(bea, 4).data() != ""


def test_new_circle_and_a_meeting_for_it(qtbot, page, services):
    with qtbot.waitSignal(page.circles.updated):
        page.show_circles()
    form = page.circles.new_circle()
    form.editors["name"].widget.setText("reading MENTORS")
    form.accept()
    assert "already a learning circle" in form.error_text("name")
    form.editors["name"].widget.setText("Numbers club")
    with qtbot.waitSignal(page.circles.updated):
        form.accept()
    assert page.circles.current_circle().name == "Numbers club"
    meeting = page.circles.new_meeting_form()
    assert meeting.editors["kind"].widget.currentData() == EventKind.LEARNING_CIRCLE
    assert meeting.editors["circle_id"].widget.currentText() == "Numbers club"
    meeting.editors["title"].widget.setText("First meeting")
    with qtbot.waitSignal(page.circles.updated):
        meeting.accept()
    assert page.circles.meetings.proxy.rowCount() == 1
    rename = page.circles.edit_circle()
    rename.editors["name"].widget.setText("Numbers circle")
    with qtbot.waitSignal(page.circles.updated):
        rename.accept()
    assert page.circles.current_circle().name == "Numbers circle"
    with qtbot.waitSignal(page.circles.updated):
        page.context.undo.undo()  # the old name again
    assert page.circles.current_circle().name == "Numbers club"


def test_the_window_lists_the_events_page(qtbot, services, data, ui_settings):
    window = MainWindow(services, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_page("events")
    assert isinstance(window.current_page(), EventsPage)
    qtbot.waitUntil(lambda: window.count_label.text() == "3 events")
    window.close()
    window.tasks.wait()


def attended(services, event_id: int) -> set[int]:
    return {a.volunteer_id for a in services.events.attendance(event_id)
            if a.status == AttendanceStatus.ATTENDED}


def test_attendance_is_undoable(qtbot, page, services, data):
    people, training = data["people"], data["training"].id
    before = attended(services, training)
    sheet = {a.volunteer_id: a.status for a in services.events.attendance(training)}
    select_event(page, "Pre-match training")
    page.take_attendance()
    qtbot.waitUntil(lambda: page.attendance_dialog is not None)
    dialog = page.attendance_dialog
    dialog.tick_shown(False)
    dialog.search.setText("carl")
    dialog.tick_shown(True)
    dialog.accept()
    assert attended(services, training) == {people["Carl Cole"]}
    undo = page.context.undo
    assert undo.undoText() == "Attendance at Pre-match training"
    undo.undo()
    assert attended(services, training) == before
    # exactly the sheet it was: Carl, newly ticked, has no record again (not "absent")
    assert {a.volunteer_id: a.status for a in services.events.attendance(training)} == sheet
    assert people["Carl Cole"] not in sheet
    qtbot.waitUntil(lambda: not page.loading and column(page, "attended")[0] == "2")
    undo.redo()
    assert attended(services, training) == {people["Carl Cole"]}


def member_names(circles) -> list[str]:
    members = circles.members.proxy
    return sorted(members.index(r, 0).data() for r in range(members.rowCount()))


def current_members(services, circle_id: int) -> set[int]:
    return {m.volunteer_id for m in services.events.members(circle_id, TODAY)}


def join(qtbot, page, circle_id: int, search: str) -> None:
    """On the circles tab, add the people `search` finds to the circle."""
    circles = page.circles
    with qtbot.waitSignal(circles.updated):
        page.show_circles()
    with qtbot.waitSignal(circles.updated):
        circles.circles.select(lambda r: r.id, circle_id)
    circles.add_members()
    qtbot.waitUntil(lambda: circles.member_dialog is not None)
    dialog = circles.member_dialog
    dialog.search.setText(search)
    dialog.tick_shown(True)
    with qtbot.waitSignal(circles.updated):
        dialog.accept()


def test_joining_and_leaving_a_circle_are_undoable(qtbot, monkeypatch, page, services, data):
    people, circle_id = data["people"], data["circle"].id
    circles, undo = page.circles, page.context.undo
    start = current_members(services, circle_id)
    join(qtbot, page, circle_id, "anna")
    assert current_members(services, circle_id) == start | {people["Anna Smith"]}
    assert undo.undoText() == "Add 1 member"
    with qtbot.waitSignal(circles.updated):
        undo.undo()
    assert current_members(services, circle_id) == start
    assert people["Anna Smith"] not in {  # never a member: no membership row at all
        m.volunteer_id for m in services.events.members(circle_id)}
    assert "Anna Smith" not in member_names(circles)
    assert circles.circles.current().members == len(start)
    with qtbot.waitSignal(circles.updated):
        undo.redo()
    assert current_members(services, circle_id) == start | {people["Anna Smith"]}

    # Bea leaves; undo makes her a member again since the day she first joined.
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a: QMessageBox.StandardButton.Yes))
    bea = next(r for r in range(circles.members.proxy.rowCount())
               if circles.members.proxy.index(r, 0).data() == "Bea Brown")
    circles.members.view.selectRow(bea)
    with qtbot.waitSignal(circles.updated):
        circles.remove_member()
    [membership] = [m for m in services.events.members(circle_id)
                    if m.volunteer_id == people["Bea Brown"]]
    assert membership.left_on == TODAY  # her membership ends today
    with qtbot.waitSignal(circles.updated):
        undo.undo()
    [membership] = [m for m in services.events.members(circle_id)
                    if m.volunteer_id == people["Bea Brown"]]
    assert (membership.joined_on, membership.left_on) == (date(2026, 1, 1), None)


def test_a_former_member_who_rejoins_gets_the_old_dates_back_on_undo(qtbot, page, services,
                                                                      data):
    people, circle_id = data["people"], data["circle"].id
    services.events.remove_member(circle_id, people["Bea Brown"], left_on=date(2026, 2, 1))
    circles, undo = page.circles, page.context.undo
    join(qtbot, page, circle_id, "bea")
    assert people["Bea Brown"] in current_members(services, circle_id)
    with qtbot.waitSignal(circles.updated):
        undo.undo()
    [membership] = [m for m in services.events.members(circle_id)
                    if m.volunteer_id == people["Bea Brown"]]
    assert (membership.joined_on, membership.left_on) == (date(2026, 1, 1), date(2026, 2, 1))
