"""The match page: facts, next support contact due, timeline, quick logs, plan undo, status."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from mentordesk.domain.enums import ContactMethod, ContactParty, MatchStatus, SessionMedium
from mentordesk.services.sessions import SessionEntry
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.match_detail import MatchDetailPage

from .conftest import TODAY


@pytest.fixture(autouse=True)
def english_dates():
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def context(services, ui_settings):
    runner = TaskRunner()
    yield PageContext(services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(), runner)
    runner.wait()


@pytest.fixture
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    return said


def match_of(services, volunteer: str) -> int:
    return next(r.id for r in services.matches.list_rows() if r.volunteer == volunteer)


def open_page(qtbot, context, match_id) -> MatchDetailPage:
    page = MatchDetailPage(context, match_id)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    return page


def timeline(page):
    rows = [page.timeline.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row())
            for r in range(page.proxy.rowCount())]
    return [(e.kind, e.day) for e in rows]


def test_the_page_shows_the_match_its_timeline_and_the_overdue_contact(
        qtbot, qtmodeltester, context, services):
    match_id = match_of(services, "José Álvarez")
    services.sessions.log(SessionEntry(match_id, date(2026, 2, 10), 60))
    services.sessions.log(SessionEntry(match_id, date(2026, 2, 17), 90, SessionMedium.VIDEO))
    page = open_page(qtbot, context, match_id)
    assert page.heading.text() == "José Álvarez & Émile Dupont"
    assert "Community North" in page.subheading.text()
    assert page.status.text() == "<b>Active</b>"
    assert list(page.step_buttons) == ["Put on hold", "Begin closing", "Close match…"]
    # BBBS cadence: the first contact was due two weeks after the start (15 Jan 2025)
    assert page.contact_due.text() == "<b>Overdue by 396 days</b> (was due 29 Jan 2025)"
    assert timeline(page) == [("session", date(2026, 2, 17)), ("session", date(2026, 2, 10))]
    qtmodeltester.check(page.timeline)
    column = page.timeline.column_index("minutes")
    assert page.proxy.index(0, column).data() == "1h 30m"
    facts = {page.facts.itemAt(r, page.facts.ItemRole.LabelRole).widget().text():
             page.facts.itemAt(r, page.facts.ItemRole.FieldRole).widget().text()
             for r in range(page.facts.rowCount())}
    assert facts["Match length:"] == "1 year 1 month (13 months)"
    assert facts["Sessions:"] == "2 attended, 2.5 hours; last on 17 Feb 2026"


def test_log_a_session_from_the_page(qtbot, context, services):
    match_id = match_of(services, "José Álvarez")
    page = open_page(qtbot, context, match_id)
    changed = []
    page.changed.connect(changed.append)
    page.open_log_session()
    dialog = page.dialog
    dialog.date.setDate(QDate(2024, 12, 1))
    dialog.duration.setText("1:30")
    assert dialog.duration_hint.text() == "= 1h 30m"
    dialog.accept()
    assert dialog.isVisible()  # refused, with the service's sentence under the form
    assert dialog.error.text() == (
        "The session date 2024-12-01 is before the match started (2025-01-15).")
    dialog.date.setDate(QDate(2026, 2, 24))
    dialog.duration.setText("1.5")
    dialog.accept()
    assert "hours or minutes" in dialog.error.text()
    dialog.duration.setText("1.5h")
    dialog.medium.setCurrentIndex(dialog.medium.findData(SessionMedium.PHONE))
    dialog.notes.setPlainText("Homework by phone")
    dialog.accept()
    assert not dialog.isVisible() and page.dialog is None
    stored = services.sessions.for_match(match_id)
    assert [(s.session_date, s.duration_minutes, s.medium, s.notes) for s in stored] == [
        (date(2026, 2, 24), 90, SessionMedium.PHONE, "Homework by phone")]
    assert timeline(page) == [("session", date(2026, 2, 24))]
    assert changed == [match_id]


def test_log_a_support_contact_from_the_page(qtbot, context, services):
    match_id = match_of(services, "José Álvarez")
    page = open_page(qtbot, context, match_id)
    page.open_log_contact()
    dialog = page.dialog
    dialog.party.setCurrentIndex(dialog.party.findData(ContactParty.GUARDIAN))
    dialog.method.setCurrentIndex(dialog.method.findData(ContactMethod.VIDEO))
    dialog.duration.setText("20")
    dialog.rating.setCurrentIndex(4)
    dialog.concerns.setPlainText("Missed two meetings")
    dialog.follow_up.setChecked(True)
    dialog.follow_up_date.setDate(QDate(2026, 2, 1))
    dialog.accept()
    assert dialog.error.text() == "The follow-up date must be after the contact."
    dialog.follow_up_date.setDate(QDate(2026, 3, 15))
    dialog.accept()
    assert not dialog.isVisible()
    [contact] = services.contacts.for_match(match_id)
    assert (contact.contact_date, contact.party, contact.method, contact.made) == (
        TODAY, ContactParty.GUARDIAN, ContactMethod.VIDEO, True)
    assert (contact.duration_minutes, contact.rating, contact.concerns, contact.follow_up_due) == (
        20, 4, "Missed two meetings", date(2026, 3, 15))
    assert timeline(page) == [("contact", TODAY)]
    # a year on, contacts are quarterly (BBBS): the next one is due three months later
    assert page.contact_due.text() == "Due 1 Jun 2026"


def test_plan_edits_undo_and_redo(qtbot, context, services, warnings):
    match_id = match_of(services, "José Álvarez")
    page = open_page(qtbot, context, match_id)
    assert not page.save_plan.isEnabled()
    page.plan.setPlainText("Read one book a month")
    assert page.save_plan.isEnabled()
    page.commit_plan()
    assert services.matches.detail(match_id).plan == "Read one book a month"
    assert not page.save_plan.isEnabled()
    assert context.undo.undoText() == f"Edit the plan of match #{match_id}"
    context.undo.undo()
    assert services.matches.detail(match_id).plan == ""
    assert page.plan.toPlainText() == ""
    context.undo.redo()
    assert page.plan.toPlainText() == "Read one book a month"
    # someone else changes the plan meanwhile: undo refuses instead of writing over it
    services.matches.update_plan(match_id, "Their plan")
    context.undo.undo()
    assert warnings and "changed by someone else" in warnings[0]
    assert services.matches.detail(match_id).plan == "Their plan"
    assert page.plan.toPlainText() == "Their plan"
    assert context.undo.count() == 0  # the stale step was dropped


def test_status_buttons_follow_the_lifecycle(qtbot, context, services):
    match_id = match_of(services, "José Álvarez")
    page = open_page(qtbot, context, match_id)
    page.step_buttons["Put on hold"].click()
    assert services.matches.detail(match_id).status is MatchStatus.ON_HOLD
    assert list(page.step_buttons) == ["Resume", "Begin closing", "Close match…"]
    page.step_buttons["Begin closing"].click()
    assert list(page.step_buttons) == ["Resume", "Close match…"]
    page.step_buttons["Resume"].click()
    assert services.matches.detail(match_id).status is MatchStatus.ACTIVE


def test_start_a_proposed_match_and_say_why_not_in_one_sentence(
        qtbot, context, services, warnings):
    match_id = match_of(services, "Carl Cole")
    page = open_page(qtbot, context, match_id)
    assert list(page.step_buttons) == ["Start match", "Decline…"]
    assert page.start_date.isVisible()
    assert page.contact_due.text() == "Not needed: the match is not running"
    assert not page.log_session.isEnabled()
    page.start_date.setDate(QDate(2023, 1, 2))  # before Carl's screening was done
    page.step_buttons["Start match"].click()
    assert warnings[0].startswith(
        "The match cannot start yet: application check is still pending; interview check")
    assert warnings[0].count(".") == 1 and warnings[0].endswith(".")
    assert services.matches.detail(match_id).status is MatchStatus.PROPOSED
    page.start_date.setDate(QDate(2026, 3, 1))
    page.step_buttons["Start match"].click()
    detail = services.matches.detail(match_id)
    assert (detail.status, detail.start_date) == (MatchStatus.ACTIVE, date(2026, 3, 1))
    assert page.log_session.isEnabled()


def test_decline_asks_first(qtbot, context, services, monkeypatch):
    match_id = match_of(services, "Carl Cole")
    page = open_page(qtbot, context, match_id)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    page.step_buttons["Decline…"].click()
    assert services.matches.detail(match_id).status is MatchStatus.PROPOSED
    page.step_buttons["Decline…"].click()
    assert services.matches.detail(match_id).status is MatchStatus.DECLINED
    assert page.step_buttons == {}
