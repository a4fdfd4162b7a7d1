"""The Sponsors page: companies and branches with their figures, forms, period, archive."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from mentordesk.services.participation import Period
from mentordesk.services.sessions import SessionEntry
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.sponsors import SponsorsPage

from .conftest import TODAY


@pytest.fixture
def active(services):
    """José (Acme Ltd, North) logs two sessions; North has a headcount of 40."""
    acme = services.sponsors.find("Acme Ltd")
    north = services.sponsors.branches(acme.id)[0]
    services.sponsors.update_branch(north.id, headcount=40)
    match = next(m for m in services.matches.list_rows() if m.volunteer == "José Álvarez")
    services.sessions.log_many([SessionEntry(match.id, date(2025, 6, 1), 60),
                                SessionEntry(match.id, date(2025, 7, 1), 90)])
    return services


@pytest.fixture
def page(qtbot, active, ui_settings):
    context = PageContext(active, ui_settings, lambda: TODAY, QUndoStack(), Navigator(),
                          TaskRunner())
    page = SponsorsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.ensure_loaded()
    wait(qtbot, page)
    yield page
    context.tasks.wait()  # no background read may outlive the test's database


def wait(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.loading and page.total_count() > 0)
    qtbot.waitUntil(lambda: page.current_company() is not None)


def cells(model, row: int) -> dict[str, str]:
    return {c.key: model.index(row, i).data() for i, c in enumerate(model.columns)}


def company_row(page, name: str) -> dict[str, str]:
    rows = [cells(page.model, r) for r in range(page.model.rowCount())]
    return next(r for r in rows if r["name"] == name)


def select_company(qtbot, page, name: str) -> None:
    column = page.model.column_index("name")
    for r in range(page.proxy.rowCount()):
        if page.proxy.index(r, column).data() == name:
            page.table.selectRow(r)
    qtbot.waitUntil(lambda: page.current_company().name == name)


def select_branch(page, name: str) -> None:
    for r in range(page.branch_proxy.rowCount()):
        if page.branch_proxy.index(r, 0).data() == name:
            page.branch_table.selectRow(r)
            return
    raise AssertionError(f"no branch {name!r}")


def test_companies_and_branches_with_their_figures(qtbot, qtmodeltester, page):
    assert page.count_text().startswith("2 companies")
    acme = company_row(page, "Acme Ltd")
    assert (acme["branches"], acme["volunteers"], acme["hours"], acme["contact"]) == (
        "1", "1", "2.5", "")
    assert company_row(page, "Zed Foods")["volunteers"] == "0"
    select_company(qtbot, page, "Acme Ltd")
    assert page.branch_model.rowCount() == 1
    north = cells(page.branch_model, 0)
    assert (north["name"], north["headcount"], north["volunteers"], north["rate"],
            north["hours"], north["sessions"], north["city"]) == (
        "North", "40", "1", "2.5%", "2.5", "2", "Leeds")
    assert "Acme Ltd" in page.branch_title.text()
    select_company(qtbot, page, "Zed Foods")
    assert page.branch_model.rowCount() == 0
    assert page.branch_table.empty_text() == "Zed Foods has no branches yet."
    for model in (page.model, page.proxy, page.branch_model, page.branch_proxy):
        qtmodeltester.check(model)


def test_changing_the_period_reads_the_figures_again(qtbot, page):
    page.period.set_period(Period(date(2025, 6, 15), TODAY))
    qtbot.waitUntil(lambda: not page.loading)
    qtbot.waitUntil(lambda: page.branch_model.rowCount() == 1)
    assert company_row(page, "Acme Ltd")["hours"] == "1.5"
    assert cells(page.branch_model, 0)["sessions"] == "1"
    assert page.period.preset.currentText() == "Custom dates"
    assert "15 Jun 2025" in page.branch_title.text()
    page.period.preset.setCurrentText("Last year")
    page.period.preset.activated.emit(page.period.preset.currentIndex())
    qtbot.waitUntil(lambda: not page.loading)
    assert page.period.period() == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert company_row(page, "Acme Ltd")["hours"] == "2.5"
    page.period.set_period(Period(date(2024, 1, 1), date(2024, 12, 31)))
    qtbot.waitUntil(lambda: not page.loading and company_row(page, "Acme Ltd")["hours"] == "0.0")
    assert company_row(page, "Acme Ltd")["volunteers"] == "0"


def test_new_company_refuses_a_blank_or_taken_name_then_saves(qtbot, page, active):
    form = page.new_company()
    assert form.isVisible() and form.windowTitle() == "New company"
    form.accept()
    assert form.isVisible()
    assert form.error_text("name") == "Enter the company name."
    form.editors["name"].widget.setText("acme ltd")
    form.accept()
    assert form.error_text("name") == "There is already a sponsor company called 'Acme Ltd'."
    form.editors["name"].widget.setText("Globex")
    form.editors["contact_name"].widget.setText("Gail Gray")
    form.editors["contact_email"].widget.setText("gail@@globex")
    form.accept()
    assert form.error_text("name") == ""
    assert "email" in form.error_text("contact_email")
    form.editors["contact_email"].widget.setText("Gail@Globex.example")
    form.accept()
    assert not form.isVisible()
    globex = active.sponsors.find("Globex")
    assert (globex.contact_name, globex.contact_email) == ("Gail Gray", "gail@globex.example")
    qtbot.waitUntil(lambda: page.current_company() is not None
                    and page.current_company().name == "Globex")
    # Edit → Undo archives the new company, Redo brings it back.
    page.context.undo.undo()
    qtbot.waitUntil(lambda: not page.loading and page.total_count() == 2)
    page.context.undo.redo()
    qtbot.waitUntil(lambda: not page.loading and page.total_count() == 3)


def test_edit_company(qtbot, page, active):
    select_company(qtbot, page, "Zed Foods")
    form = page.edit_company()
    assert form.editors["name"].widget.text() == "Zed Foods"
    form.editors["contact_name"].widget.setText("Zara Zed")
    form.accept()
    assert not form.isVisible()
    assert active.sponsors.find("Zed Foods").contact_name == "Zara Zed"
    qtbot.waitUntil(lambda: not page.loading and company_row(page, "Zed Foods")["contact"]
                    == "Zara Zed")
    assert page.current_company().name == "Zed Foods"  # the selection stays
    page.context.undo.undo()
    assert active.sponsors.find("Zed Foods").contact_name is None


def test_add_and_edit_branch_with_the_headcount_message(qtbot, page, active):
    select_company(qtbot, page, "Acme Ltd")
    form = page.add_branch()
    assert form.windowTitle() == "Add branch — Acme Ltd"
    form.editors["name"].widget.setText("South")
    for typed in ("-3", "12.5", "lots"):
        form.editors["headcount"].widget.setText(typed)
        form.accept()
        assert form.isVisible()
        assert form.error_text("headcount") == (
            "The headcount is a whole number of employees (0 or more).")
    form.editors["headcount"].widget.setText("1,200")
    form.accept()
    assert not form.isVisible()
    acme = active.sponsors.find("Acme Ltd")
    south = next(b for b in active.sponsors.branches(acme.id) if b.name == "South")
    assert south.headcount == 1200
    qtbot.waitUntil(lambda: not page.loading and page.branch_model.rowCount() == 2)

    select_branch(page, "South")
    form = page.edit_branch()
    assert form.editors["headcount"].widget.text() == QLocale().toString(1200)
    form.editors["headcount"].widget.setText("")
    form.editors["city"].widget.setText("Bristol")
    form.accept()
    assert not form.isVisible()
    edited = active.sponsors.get_branch(south.id)
    assert (edited.headcount, edited.city) == (None, "Bristol")
    qtbot.waitUntil(lambda: not page.loading and any(
        cells(page.branch_model, r)["city"] == "Bristol" for r in range(2)))
    south_row = next(cells(page.branch_model, r) for r in range(2)
                     if cells(page.branch_model, r)["name"] == "South")
    assert south_row["rate"] == "" and south_row["headcount"] == ""


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_archive_asks_first(qtbot, monkeypatch, page, active, answer):
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    select_company(qtbot, page, "Acme Ltd")
    select_branch(page, "North")
    page.archive_branch()
    assert asked[-1].startswith("Archive the North branch of Acme Ltd?")
    acme = active.sponsors.find("Acme Ltd")
    archived = answer == QMessageBox.StandardButton.Yes
    assert (active.sponsors.branches(acme.id) == []) is archived
    qtbot.waitUntil(lambda: not page.loading)
    page.archive_company()
    assert asked[-1].startswith("Archive Acme Ltd?")
    assert (active.sponsors.find("Acme Ltd").archived_at is not None) is archived
    qtbot.waitUntil(lambda: not page.loading and page.total_count() == (1 if archived else 2))
    if archived:
        page.context.undo.undo()  # the company comes back
        qtbot.waitUntil(lambda: not page.loading and page.total_count() == 2)
        assert page.context.undo.undoText() == "Archive North"


def test_double_click_opens_the_company_form(qtbot, page):
    select_company(qtbot, page, "Acme Ltd")
    index = page.table.currentIndex()
    page.table.activated.emit(index)
    dialogs = [w for w in page.children() if w.isWidgetType() and w.isWindow() and w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].windowTitle() == "Edit company"
    dialogs[0].reject()


def test_branch_table_keys_survive_sorting(qtbot, page):
    select_company(qtbot, page, "Acme Ltd")
    page.branch_table.sortByColumn(page.branch_model.column_index("hours"),
                                   Qt.SortOrder.DescendingOrder)
    select_branch(page, "North")
    assert page.current_branch().name == "North"


def test_the_window_lists_the_sponsors_page(qtbot, active, ui_settings):
    window = MainWindow(active, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_page("sponsors")
    assert isinstance(window.current_page(), SponsorsPage)
    qtbot.waitUntil(lambda: window.count_label.text().startswith("2 companies"))
    window.search.setText("zed")
    window.search.flush()
    assert window.current_page().shown_count() == 1
    window.close()
    window.tasks.wait()
