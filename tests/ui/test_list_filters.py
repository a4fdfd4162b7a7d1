"""Filters on the Volunteers, Youth and Matches lists: programme, company, branch, date
range and status, applied in the proxy, remembered per page; the Youth page's
"Find a mentor…". Expected rows come from plain SQL over the fixture data."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.settings import UiSettings
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.matches import MatchesPage
from mentordesk.ui.views.volunteers import VolunteersPage
from mentordesk.ui.views.youth import YouthPage

from .conftest import TODAY


def open_page(qtbot, page_class, services, settings, navigator=None):
    context = PageContext(services, settings, lambda: TODAY, QUndoStack(),
                          navigator or Navigator(), TaskRunner())
    page = page_class(context)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    page.ensure_loaded()
    qtbot.waitUntil(lambda: not page.loading)
    return page


def shown(page, key="name") -> list[str]:
    column = page.model.column_index(key)
    return sorted(page.proxy.index(r, column).data() for r in range(page.proxy.rowCount()))


def sql(services, query: str, **params) -> list:
    with services.db.engine.connect() as conn:
        return sorted(tuple(row) if len(row) > 1 else row[0]
                      for row in conn.execute(text(query), params))


def ids(services, table: str) -> dict[str, int]:
    return dict(sql(services, f"SELECT name, id FROM {table}"))


def test_volunteers_by_programme_company_branch(qtbot, qtmodeltester, services, ui_settings):
    page = open_page(qtbot, VolunteersPage, services, ui_settings)
    programmes, sponsors = ids(services, "programme"), ids(services, "sponsor")
    bar = page.filters
    # the choices are what the rows have
    assert [bar.boxes["programme"].itemText(i) for i in range(bar.boxes["programme"].count())] \
        == ["All programmes", "Community North", "Reading Club"]
    assert not bar.boxes["branch"].isEnabled()  # a company first
    for name, pid in programmes.items():
        page.set_programme(pid)
        assert shown(page) == sql(services, """
            SELECT DISTINCT v.first_name || ' ' || v.last_name FROM volunteer v
            JOIN match m ON m.volunteer_id = v.id
            WHERE m.programme_id = :p AND m.status != 'declined'""", p=pid), name
    page.set_programme(None)
    page.set_sponsor(sponsors["Acme Ltd"])
    assert shown(page) == ["José Álvarez"]
    assert bar.boxes["branch"].isEnabled()
    branches = [bar.boxes["branch"].itemText(i) for i in range(bar.boxes["branch"].count())]
    assert branches == ["All branches", "North"]
    north = sql(services, "SELECT id FROM branch WHERE name = 'North'")[0]
    page.set_branch(north)
    assert shown(page) == sql(services, """
        SELECT v.first_name || ' ' || v.last_name FROM volunteer v
        JOIN employment e ON e.volunteer_id = v.id
        WHERE e.branch_id = :b AND e.end_date IS NULL""", b=north)
    assert page.count_text() == "1 of 5 volunteers shown"
    page.set_sponsor(sponsors["Zed Foods"])  # another company: its branches, none chosen
    assert bar.chosen("branch") is None
    assert shown(page) == ["Bea Brown"]
    page.set_filter("Ready to match")  # the status choice and the others together
    assert shown(page) == ["Bea Brown"]
    page.set_filter("Inquiry")
    assert shown(page) == []
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_volunteers_by_date_of_application(qtbot, services, ui_settings):
    for row in services.volunteers.list_rows(TODAY):
        day = {"Brown": date(2025, 5, 1), "Smith": date(2025, 9, 1),
               "Cole": date(2026, 1, 10)}.get(row.last_name)
        if day:
            services.volunteers.update(row.id, applied_on=day)
    page = open_page(qtbot, VolunteersPage, services, ui_settings)
    page.set_date_range(date(2025, 6, 1), date(2025, 12, 31))
    assert shown(page) == sql(services, """
        SELECT first_name || ' ' || last_name FROM volunteer
        WHERE applied_on BETWEEN '2025-06-01' AND '2025-12-31'""") == ["Anna Smith"]
    page.set_date_range(date(2025, 6, 1), None)
    assert shown(page) == ["Anna Smith", "Carl Cole"]
    page.set_date_range(None, None)
    assert page.shown_count() == 5


def test_youth_by_programme_and_the_company_of_their_mentors(qtbot, services, ui_settings):
    page = open_page(qtbot, YouthPage, services, ui_settings)
    programmes, sponsors = ids(services, "programme"), ids(services, "sponsor")
    page.set_programme(programmes["Community North"])
    assert shown(page) == sql(services, """
        SELECT first_name || ' ' || last_name FROM youth WHERE programme_id = :p""",
                              p=programmes["Community North"])
    page.set_programme(None)
    for company, sponsor_id in sponsors.items():
        page.set_sponsor(sponsor_id)
        # mentors employed by the company on the day their match started
        assert shown(page) == sql(services, """
            SELECT DISTINCT y.first_name || ' ' || y.last_name FROM youth y
            JOIN match m ON m.youth_id = y.id
            JOIN employment e ON e.volunteer_id = m.volunteer_id
            WHERE e.sponsor_id = :s AND m.status != 'declined'
              AND (e.start_date IS NULL OR e.start_date <= COALESCE(m.start_date, m.proposed_on))
              AND (e.end_date IS NULL OR e.end_date >= COALESCE(m.start_date, m.proposed_on))""",
                                  s=sponsor_id), company


def test_matches_running_in_a_period(qtbot, services, ui_settings):
    page = open_page(qtbot, MatchesPage, services, ui_settings)
    rows = sql(services, """
        SELECT v.first_name, COALESCE(m.start_date, m.proposed_on), m.end_date, m.status
        FROM match m JOIN volunteer v ON v.id = m.volunteer_id""")

    def running(start: date, end: date) -> list[str]:
        found = []
        for name, first, last, status in rows:
            first = date.fromisoformat(str(first))
            last = date.fromisoformat(str(last)) if last else None
            if first <= end and (last is None or last >= start) and status != "declined":
                found.append(f"{name} ")
        return sorted(found)

    for start, end in ((date(2025, 3, 1), date(2025, 12, 31)),
                       (date(2024, 1, 1), date(2024, 12, 31)),
                       (date(2026, 2, 1), date(2026, 3, 1))):
        page.set_date_range(start, end)
        got = sorted(v.split(" ")[0] + " " for v in shown(page, "volunteer"))
        assert got == running(start, end), (start, end)
    page.set_date_range(None, None)
    page.set_sponsor(ids(services, "sponsor")["Zed Foods"])
    assert shown(page, "volunteer") == ["Bea Brown"]
    page.columns.set_visible("company", True)
    assert page.proxy.index(0, page.model.column_index("company")).data() == "Zed Foods"


def test_filters_are_remembered_per_page(qtbot, services, tmp_path):
    settings = UiSettings(tmp_path / "ui.ini")
    programmes = ids(services, "programme")
    first = open_page(qtbot, VolunteersPage, services, settings)
    first.set_filter("Matched")
    first.set_programme(programmes["Reading Club"])
    first.set_date_range(date(2024, 1, 1), None)
    youth = open_page(qtbot, YouthPage, services, settings)
    assert youth.filters.state()["programme"] is None  # each page its own
    first.close()

    again = open_page(qtbot, VolunteersPage, services, settings)
    assert again.filters.choice().label == "Matched"
    assert again.filters.chosen("programme") == programmes["Reading Club"]
    assert again.filters.dates() == (date(2024, 1, 1), None)
    assert again.filters.boxes["programme"].currentText() == "Reading Club"
    # applied to the rows read: nobody applied since 2024 (no application dates)
    assert again.shown_count() == 0
    again.set_date_range(None, None)
    assert again.shown_count() == len(sql(services, """
        SELECT DISTINCT v.id FROM volunteer v JOIN match m ON m.volunteer_id = v.id
        WHERE m.programme_id = :p AND v.status = 'matched'""", p=programmes["Reading Club"]))


def test_a_remembered_programme_that_is_gone_is_forgotten(qtbot, services, tmp_path):
    settings = UiSettings(tmp_path / "ui.ini")
    settings.set_list_filters("youth", {"programme": 999_999, "show": "No such choice"})
    page = open_page(qtbot, YouthPage, services, settings)
    assert page.filters.chosen("programme") is None
    assert page.shown_count() == 4
    assert settings.list_filters("youth")["programme"] is None


def test_find_a_mentor_for_the_young_person_selected(qtbot, services, tmp_path):
    window = MainWindow(services, UiSettings(tmp_path / "ui.ini"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("youth")
    page = window.pages["youth"]
    qtbot.waitUntil(lambda: not page.loading)
    assert not page.find_button.isEnabled()  # nobody selected yet
    texts = [a.text() for a in page.table.actions()]
    assert texts[:2] == ["&Open…", "&Find a mentor…"]  # the right-click menu
    assert page.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    ana = next(r for r in page.model.rows() if r.last_name == "García")
    page.select_keys([ana.id])
    assert page.find_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assistant = window.pages["matches"].assistant
    assert assistant is not None and assistant.isVisible()
    qtbot.waitUntil(lambda: assistant.ranking is not None)
    assert assistant.ranking.youth_id == ana.id
    assistant.reject()
    window.tasks.wait()


def test_find_a_mentor_needs_one_young_person(qtbot, services, ui_settings):
    opened = []
    navigator = Navigator()
    navigator.register("find_mentor", opened.append)
    page = open_page(qtbot, YouthPage, services, ui_settings, navigator)
    assert page.find_mentor() is False
    page.table.selectAll()
    assert page.find_mentor() is False and not page.find_action.isEnabled()
    page.table.clearSelection()
    page.table.selectRow(0)
    assert page.find_mentor() is True
    assert opened == [page.selected_rows()[0].id]


@pytest.mark.parametrize("page_class", [VolunteersPage, YouthPage, MatchesPage])
def test_filter_rows_are_laid_out_under_the_title(qtbot, services, ui_settings, page_class):
    page = open_page(qtbot, page_class, services, ui_settings)
    assert page.filters.isVisible()
    assert page.filters.y() > page.new_button.y()  # a row of its own, under the title
    assert page.filters.from_edit is not None and page.filters.boxes.keys() == {
        "programme", "sponsor", "branch"}
