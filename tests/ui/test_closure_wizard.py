"""The closure wizard: every page checks its answer inline; Finish closes the match."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWizard

from mentordesk.domain.enums import ClosureCategory, MatchStatus, VolunteerStatus, YouthStatus
from mentordesk.services.sessions import SessionEntry
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.dialogs.closure_wizard import ClosureWizard
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
def match_id(services):
    """José and Émile's running match, with a session on 20 Feb 2026."""
    match_id = next(r.id for r in services.matches.list_rows() if r.volunteer == "José Álvarez")
    services.sessions.log(SessionEntry(match_id, date(2026, 2, 20), 60))
    return match_id


def open_wizard(qtbot, services, match_id) -> ClosureWizard:
    wizard = ClosureWizard(services, services.matches.detail(match_id), TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def choose_reason(wizard, label):
    wizard.reason.setCurrentIndex(wizard.reason.findText(label))


def test_the_wizard_drives_every_page_and_closes_the_match(qtbot, services, match_id):
    wizard = open_wizard(qtbot, services, match_id)
    assert wizard.currentPage() is wizard.reason_page
    wizard.next()
    assert wizard.currentPage() is wizard.reason_page  # no reason yet
    assert wizard.reason_page.error.text() == "Choose a closure reason from the list."
    assert not wizard.reason_page.error.isHidden()

    choose_reason(wizard, "Volunteer moved away")
    wizard.next()
    assert wizard.currentPage() is wizard.category_page
    assert wizard.reason_page.error.isHidden()
    # the category comes from the reason's default, and can be changed
    assert wizard.category_page.chosen() is ClosureCategory.MENTOR_INITIATED
    wizard.category_page.choose(ClosureCategory.PROGRAMME_INITIATED)
    wizard.next()

    assert wizard.currentPage() is wizard.rematch_page
    wizard.next()
    assert wizard.rematch_page.error.text() == "Choose whether a rematch is possible."
    wizard.rematch_page.choose(False)
    wizard.next()

    assert wizard.currentPage() is wizard.date_page
    assert wizard.closure_date() == TODAY  # the default
    wizard.end_date.setDate(QDate(2026, 2, 10))
    wizard.next()
    assert wizard.currentPage() is wizard.date_page
    assert wizard.date_page.error.text() == (
        "This match has sessions or support contacts up to 2026-02-20; "
        "the closure date cannot be before them.")
    wizard.end_date.setDate(QDate(2026, 2, 27))
    wizard.next()

    assert wizard.currentPage() is wizard.note_page
    wizard.note.setPlainText("Final meeting held; closure letter sent.")
    wizard.next()

    assert wizard.currentPage() is wizard.summary_page
    summary = {wizard.summary.itemAt(r, wizard.summary.ItemRole.LabelRole).widget().text():
               wizard.summary.itemAt(r, wizard.summary.ItemRole.FieldRole).widget().text()
               for r in range(wizard.summary.rowCount())}
    assert summary == {
        "Match:": "José Álvarez & Émile Dupont (Community North)",
        "Reason:": "Volunteer moved away",
        "Initiated:": "The programme ended it",
        "Rematch:": "No",
        "Closure date:": "27 Feb 2026",
        "Note:": "Final meeting held; closure letter sent.",
    }
    assert services.matches.detail(match_id).status is MatchStatus.ACTIVE  # nothing stored yet
    wizard.button(QWizard.WizardButton.FinishButton).click()

    assert wizard.closed and not wizard.isVisible()
    detail = services.matches.detail(match_id)
    assert (detail.status, detail.end_date, detail.closure_reason) == (
        MatchStatus.CLOSED, date(2026, 2, 27), "Volunteer moved away")
    assert (detail.closure_category, detail.rematch_eligible, detail.closure_note) == (
        ClosureCategory.PROGRAMME_INITIATED, False, "Final meeting held; closure letter sent.")
    assert services.volunteers.get(detail.volunteer_id).status is VolunteerStatus.INACTIVE
    assert services.youth.get(detail.youth_id).status is YouthStatus.EXITED


def test_a_new_reason_fills_in_its_category_again(qtbot, services, match_id):
    wizard = open_wizard(qtbot, services, match_id)
    choose_reason(wizard, "Youth changed school")
    wizard.next()
    assert wizard.category_page.chosen() is ClosureCategory.YOUTH_INITIATED
    wizard.back()
    choose_reason(wizard, "Other")  # no default category: the choice is left to the user
    wizard.next()
    assert wizard.category_page.chosen() is None
    wizard.next()
    assert wizard.currentPage() is wizard.category_page
    assert wizard.category_page.error.text() == (
        "Choose who initiated the closure (completed, mentor, youth or programme).")


def test_a_failed_close_stays_on_the_summary_with_the_reason(qtbot, services, match_id):
    wizard = open_wizard(qtbot, services, match_id)
    choose_reason(wizard, "Accomplished goals / completed the commitment")
    for _ in range(2):
        wizard.next()
    wizard.rematch_page.choose(True)
    for _ in range(3):
        wizard.next()
    assert wizard.currentPage() is wizard.summary_page
    services.matches.update_plan(match_id, "Changed meanwhile")  # someone else edits the match
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and not wizard.closed
    assert "changed by someone else" in wizard.summary_page.error.text()
    assert services.matches.detail(match_id).status is MatchStatus.ACTIVE


def test_closing_from_the_match_page(qtbot, services, ui_settings, match_id):
    runner = TaskRunner()
    context = PageContext(services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(), runner)
    page = MatchDetailPage(context, match_id)
    qtbot.addWidget(page)
    page.show()
    page.step_buttons["Close match…"].click()
    wizard = page.dialog
    assert isinstance(wizard, ClosureWizard)
    choose_reason(wizard, "Formal closure at end of term")
    wizard.next()
    wizard.next()
    wizard.rematch_page.choose(True)
    wizard.next()
    wizard.next()
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert page.status.text() == "<b>Closed</b>"
    assert page.step_buttons == {}
    closure = page.facts.itemAt(page.facts.rowCount() - 1, page.facts.ItemRole.FieldRole)
    assert closure.widget().text() == "Formal closure at end of term; Completed; rematch: yes"
    assert services.volunteers.get(page.detail.volunteer_id).status is VolunteerStatus.ACCEPTED
    runner.wait()
