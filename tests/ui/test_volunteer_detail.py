"""The volunteer detail: screening checklist, recording checks until ready, verdict, training."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from mentordesk.domain.enums import CheckResult, CheckType, VolunteerStatus
from mentordesk.ui.views.volunteer_detail import VolunteerDetail
from mentordesk.ui.views.volunteers import VolunteersPage

from .conftest import TODAY
from .test_forms import open_page, row_of, wait_loaded


@pytest.fixture
def page(qtbot, services, ui_settings):
    return open_page(qtbot, VolunteersPage, services, ui_settings)


def states(detail):
    state = detail.checks.column_index("state")
    return {line.type: detail.checks.text(row, state)
            for row, line in enumerate(detail.checks.rows())}


def select_line(detail, check_type):
    row = next(i for i, line in enumerate(detail.checks.rows()) if line.type == check_type)
    detail.check_table.selectRow(row)


def test_double_click_opens_the_detail_once(qtbot, page):
    anna = row_of(page, "Smith")
    page.select_keys([anna.id])
    centre = page.table.visualRect(page.table.currentIndex()).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    [detail] = [d for d in page.findChildren(VolunteerDetail) if d.isVisible()]
    assert detail.windowTitle() == "Volunteer — Anna Smith"
    assert page.context.navigator.open_record("volunteer", anna.id)
    assert [d for d in page.findChildren(VolunteerDetail) if d.isVisible()] == [detail]
    detail.close()
    bea = row_of(page, "Brown")
    page.select_keys([bea.id])
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the selected record too
    [detail] = [d for d in page.findChildren(VolunteerDetail) if d.isVisible()]
    assert detail.windowTitle() == "Volunteer — Bea Brown"
    detail.close()


def test_record_checks_until_ready_to_match(qtbot, qtmodeltester, services, page):
    anna = row_of(page, "Smith")
    tip = page.model.data(page.model.index(page.model.rows().index(anna),
                                           page.model.column_index("ready")),
                          Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Not ready to match:\n• The status is applied")
    detail = page.open_record(anna.id)
    qtmodeltester.check(detail.checks)
    assert set(states(detail).values()) == {"Missing"}
    assert detail.verdict_text().startswith("Not ready to match: The status is applied;")
    assert "Pre-match training: 1.25 hours of 2 hours done." in detail.verdict_text()
    assert detail.training.text().startswith("✖ 1.25 of 2 hours done")

    form = detail.edit_details()  # accepted, with the training done elsewhere
    form.set_value("status", VolunteerStatus.ACCEPTED)
    form.set_value("prior_training_minutes", 150)
    form.accept()
    assert detail.training.text().startswith("✔ 2.5 of 2 hours done")

    done = date(2026, 2, 20)
    for check_type in (CheckType.APPLICATION, CheckType.INTERVIEW, CheckType.REFERENCES,
                       CheckType.CRIMINAL_RECORD):
        select_line(detail, check_type)
        form = detail.record_check()
        assert form.value("type") == check_type and form.value("requested_on") == TODAY
        form.set_values({"requested_on": date(2026, 2, 1), "completed_on": done,
                         "result": CheckResult.CLEAR, "provider": "Office"})
        form.accept()
        assert not form.isVisible()
        assert states(detail)[check_type] == "Clear"
    assert detail.verdict_text() == (
        "Not ready to match: Child abuse registry check has not been recorded.")

    select_line(detail, CheckType.CHILD_ABUSE_REGISTRY)
    form = detail.record_check()
    form.set_values({"result": CheckResult.CLEAR, "completed_on": None})
    form.accept()  # a result needs its completion date: the service says so, inline
    assert form.message("completed_on") == (
        "Enter the date the check was completed before recording its result.")
    form.set_values({"completed_on": done, "expires_on": done - timedelta(days=1)})
    form.accept()
    assert form.message("expires_on") == "The expiry date must be after the completion date."
    form.set_value("expires_on", date(2029, 2, 20))
    form.accept()
    assert detail.verdict_text() == "Ready to match"
    wait_loaded(qtbot, page)
    assert row_of(page, "Smith").ready_to_match  # the list followed
    detail.close()


def test_update_a_pending_check_and_undo(qtbot, services, page):
    anna = row_of(page, "Smith")
    check = services.volunteers.record_check(anna.id, CheckType.INTERVIEW,
                                             requested_on=date(2026, 2, 2))
    detail = page.open_record(anna.id)
    assert states(detail)[CheckType.INTERVIEW] == "Pending"
    assert not detail.update_button.isEnabled()
    select_line(detail, CheckType.INTERVIEW)
    assert detail.update_button.isEnabled()
    form = detail.check_activated()  # Enter on a pending line updates it
    assert form.windowTitle() == "Update screening check"
    form.set_values({"completed_on": date(2026, 2, 9), "result": CheckResult.CLEAR})
    form.accept()
    assert states(detail)[CheckType.INTERVIEW] == "Clear"
    undo = page.context.undo
    assert undo.undoText() == "Update interview check of Anna Smith"
    undo.undo()
    assert services.volunteers.get(anna.id) and states(detail)[CheckType.INTERVIEW] == "Pending"
    assert [c.result for c in services.volunteers.checks(anna.id)] == [CheckResult.PENDING]
    undo.redo()
    assert states(detail)[CheckType.INTERVIEW] == "Clear"
    assert check.id == services.volunteers.checks(anna.id)[0].id
    detail.close()


def test_expiry_warning_and_employment(qtbot, services, page):
    jose = row_of(page, "Álvarez")
    services.volunteers.record_check(
        jose.id, CheckType.CRIMINAL_RECORD, result=CheckResult.CLEAR,
        completed_on=date(2025, 3, 10), expires_on=TODAY + timedelta(days=12))
    detail = page.open_record(jose.id)
    assert states(detail)[CheckType.CRIMINAL_RECORD] == "Clear — expires soon"
    state = detail.checks.column_index("state")
    row = [line.type for line in detail.checks.rows()].index(CheckType.CRIMINAL_RECORD)
    tip = detail.checks.data(detail.checks.index(row, state), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("in 12 days: renew it.")
    assert detail.checks.data(detail.checks.index(row, state),
                              Qt.ItemDataRole.DecorationRole) is not None
    assert detail.pipeline.not_ready_reasons == ("The volunteer is already matched.",)
    assert "Criminal record check expires on 2026-03-13." in detail.verdict.text()
    assert detail.summary.text() == "Matched · Acme Ltd, North"
    assert detail.jobs.rowCount() == 1 and detail.jobs.text(0, 0) == "Acme Ltd"
    detail.close()
