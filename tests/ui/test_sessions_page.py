"""The sessions page and its model: pages read on demand, filters, search, sort, opening."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from mentordesk.domain.enums import SessionMedium, SessionStatus
from mentordesk.services.sessions import SessionEntry, SessionQuery
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.models import sessions as session_models
from mentordesk.ui.models.sessions import SORTABLE, SessionTableModel, on_index, session_columns
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.sessions import SessionsPage

from .conftest import TODAY

D = date


@pytest.fixture
def logged(services):
    """Twelve sessions: ten for José and Émile (running), two for Bea and Ana (closed)."""
    by_volunteer = {m.volunteer: m for m in services.matches.list_rows()}
    running, closed = by_volunteer["José Álvarez"], by_volunteer["Bea Brown"]
    entries = [SessionEntry(running.id, D(2026, 1, 5) + timedelta(weeks=i), 30 + 10 * i)
               for i in range(8)]  # Mondays from 5 January to 23 February
    entries += [
        SessionEntry(running.id, D(2026, 2, 20), 60, status=SessionStatus.CANCELLED),
        SessionEntry(running.id, D(2026, 2, 27), 45, medium=SessionMedium.VIDEO,
                     notes="Talked about school"),
        SessionEntry(closed.id, D(2024, 3, 1), 90, status=SessionStatus.NO_SHOW),
        SessionEntry(closed.id, D(2024, 3, 8), 75, medium=SessionMedium.PHONE),
    ]
    services.sessions.log_many(entries)
    return {"running": running, "closed": closed}


def wait_loaded(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)


@pytest.fixture
def open_page(qtbot, services, ui_settings):
    """Pages on a context of their own; both are kept until every background read is over.

    (A TaskRunner garbage-collected with finished tasks still waiting for deleteLater
    crashes in ~QObject; in the window the runner lives as long as the window.)
    """
    kept = []

    def open_(navigator=None):
        context = PageContext(services, ui_settings, lambda: TODAY, QUndoStack(),
                              navigator or Navigator(), TaskRunner())
        page = SessionsPage(context)
        kept.append(page)
        qtbot.addWidget(page)
        page.resize(1100, 500)
        page.show()
        page.ensure_loaded()
        wait_loaded(qtbot, page)
        return page

    yield open_
    for page in kept:
        page.context.tasks.wait()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def column(page, key):
    index = page.model.column_index(key)
    return [page.model.index(r, index).data() for r in range(page.model.rowCount())]


def set_and_wait(qtbot, page, change):
    change()
    wait_loaded(qtbot, page)


# --- the model ---------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["ids", "offset", "empty"])
def test_model_passes_the_model_tester(qtmodeltester, services, logged, mode):
    model = SessionTableModel(session_columns(), SORTABLE)
    ids = services.sessions.query_ids()
    if mode == "ids":
        model.set_ids(ids, services.sessions.rows_for)
    elif mode == "offset":
        query = SessionQuery()
        model.set_source(len(ids), lambda o, n: services.sessions.query_rows(query, o, n))
    else:
        model.set_ids([], services.sessions.rows_for)
    qtmodeltester.check(model, force_py=True)
    model.set_ids(ids[:3], services.sessions.rows_for)  # a reset, watched by the tester
    assert model.rowCount() == 3


def test_model_reads_only_the_pages_shown(monkeypatch, services, logged):
    monkeypatch.setattr(session_models, "PAGE_SIZE", 5)
    asked = []

    def rows_for(ids):
        asked.append(list(ids))
        return services.sessions.rows_for(ids)

    model = SessionTableModel(session_columns(), SORTABLE)
    ids = services.sessions.query_ids()
    model.set_ids(ids, rows_for)
    assert model.rowCount() == 12 and asked == []
    date_col = model.column_index("date")
    assert model.index(11, date_col).data() == "2024-03-01"  # the oldest, last
    assert asked == [ids[10:12]]
    assert model.index(0, date_col).data() == "2026-02-27"
    model.index(1, date_col).data()
    assert asked == [ids[10:12], ids[0:5]]  # the first page once, not per row
    assert model.pages_read == 2


def test_a_session_removed_meanwhile_leaves_a_blank_line(services, logged):
    model = SessionTableModel(session_columns(), SORTABLE)
    ids = services.sessions.query_ids()
    model.set_ids(ids, services.sessions.rows_for)
    services.sessions.remove_many([ids[1]])
    assert model.row_at(1) is None
    assert model.index(1, model.column_index("volunteer")).data() == ""
    assert model.row_at(2).id == ids[2]


def test_unsortable_columns_refuse_and_sortable_ones_ask_the_page(qtbot, services):
    model = SessionTableModel(session_columns(), SORTABLE)
    with qtbot.waitSignal(model.sortRequested) as asked:
        model.sort(model.column_index("volunteer"), Qt.SortOrder.DescendingOrder)
    assert asked.args == ["volunteer", True]
    with qtbot.waitSignal(model.sortRefused):
        model.sort(model.column_index("notes"))


def test_only_newest_first_without_filters_is_paged_on_the_index():
    assert on_index(SessionQuery())
    assert on_index(SessionQuery(start=D(2026, 1, 1), end=D(2026, 1, 31)))
    assert not on_index(SessionQuery(search="ana"))
    assert not on_index(SessionQuery(status=SessionStatus.ATTENDED))
    assert not on_index(SessionQuery(sort="volunteer"))


# --- the page ---------------------------------------------------------------------

def test_page_shows_the_newest_sessions_first_with_counts(open_page, logged):
    page = open_page()
    assert page.count_text() == "12 sessions"
    dates = column(page, "date")
    assert dates[0] == "2026-02-27" and dates[-1] == "2024-03-01"
    assert column(page, "volunteer")[0] == "José Álvarez"
    assert column(page, "youth")[0] == "Émile Dupont"
    assert column(page, "duration")[0] == "45m"
    assert column(page, "notes")[0] == "Talked about school"
    assert page.table.isSortingEnabled()


def test_empty_database_says_how_to_start(open_page):
    page = open_page()
    assert page.count_text() == "0 sessions"
    assert "Log sessions…" in page.table.empty_text()


def test_show_filter_dates_and_programme(qtbot, open_page, logged, services):
    page = open_page()
    set_and_wait(qtbot, page, lambda: page.set_filter("Cancelled"))
    assert column(page, "status") == ["Cancelled"]
    assert page.count_text() == "1 of 12 sessions shown"
    set_and_wait(qtbot, page, lambda: page.set_filter("No-show"))
    assert column(page, "volunteer") == ["Bea Brown"]
    set_and_wait(qtbot, page, lambda: page.set_filter("This month"))  # TODAY is 1 March 2026
    assert page.shown_count() == 0
    set_and_wait(qtbot, page, lambda: page.set_filter("Last 30 days"))
    assert column(page, "date") == ["2026-02-27", "2026-02-23", "2026-02-20", "2026-02-16",
                                    "2026-02-09", "2026-02-02"]
    set_and_wait(qtbot, page, lambda: page.set_filter("All sessions"))
    set_and_wait(qtbot, page, lambda: page.set_date_range(D(2024, 1, 1), D(2024, 12, 31)))
    assert column(page, "date") == ["2024-03-08", "2024-03-01"]
    set_and_wait(qtbot, page, lambda: page.set_date_range(None, None))
    school = next(p for p in services.programmes.list() if p.name == "Reading Club")
    set_and_wait(qtbot, page, lambda: page.set_programme(school.id))
    assert set(column(page, "programme")) == {"Reading Club"}
    assert page.count_text() == "2 of 12 sessions shown"


def test_search_finds_volunteers_and_youth_without_accents(qtbot, open_page, logged):
    page = open_page()
    set_and_wait(qtbot, page, lambda: page.set_search_text("garcia"))
    assert set(column(page, "volunteer")) == {"Bea Brown"}
    assert page.search_text() == "garcia"
    set_and_wait(qtbot, page, lambda: page.set_search_text("emile alvarez"))
    assert page.shown_count() == 10
    set_and_wait(qtbot, page, lambda: page.set_search_text("nobody"))
    assert page.shown_count() == 0
    assert page.table.empty_text() == "No sessions match the search or the filters."
    set_and_wait(qtbot, page, lambda: page.set_search_text(""))
    assert page.count_text() == "12 sessions"


def test_header_click_sorts_in_the_database(qtbot, open_page, logged):
    page = open_page()
    header = page.table.horizontalHeader()
    duration = page.model.column_index("duration")
    set_and_wait(qtbot, page, lambda: page.table.sortByColumn(
        duration, Qt.SortOrder.AscendingOrder))
    assert page.query().sort == "duration" and not page.query().descending
    assert column(page, "duration")[:3] == ["30m", "40m", "45m"]
    set_and_wait(qtbot, page, lambda: page.table.sortByColumn(
        duration, Qt.SortOrder.DescendingOrder))
    assert column(page, "duration")[0] == "1h 40m"
    notes = page.model.column_index("notes")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(notes) + 5, 5))
    wait_loaded(qtbot, page)
    assert page.query().sort == "duration"
    assert header.sortIndicatorSection() == duration


def test_double_click_opens_the_match(qtbot, open_page, logged):
    navigator = Navigator()
    opened = []
    navigator.register("match", opened.append)
    page = open_page(navigator)
    index = page.model.index(0, page.model.column_index("volunteer"))
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [logged["running"].id]
    page.table.setCurrentIndex(page.model.index(11, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [logged["running"].id, logged["closed"].id]


def test_double_click_without_a_match_page_does_nothing(qtbot, open_page, logged):
    page = open_page()
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.isVisible() and page.count_text() == "12 sessions · 1 selected"


def test_the_log_button_opens_fast_entry(qtbot, open_page, logged):
    page = open_page()
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    dialog = page.entry_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Log sessions"
    assert page.log_action.shortcut().toString() == "Ctrl+Shift+L"
    dialog.reject()
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


# --- in the window ------------------------------------------------------------------------

def test_the_window_drives_search_counts_and_columns(qtbot, services, ui_settings, logged):
    from mentordesk.ui.main_window import MainWindow

    window = MainWindow(services, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_page("sessions")
    page = window.pages["sessions"]
    assert isinstance(page, SessionsPage)
    wait_loaded(qtbot, page)
    assert window.count_label.text() == "12 sessions"
    assert window.search.isEnabled() and window.search.placeholderText() == "Search sessions"
    window.search.setText("garcia")
    window.search.flush()
    wait_loaded(qtbot, page)
    assert window.count_label.text() == "2 of 12 sessions shown"
    assert page.search_text() == "garcia"
    window.show_page("volunteers")
    assert window.search.text() == ""
    window.show_page("sessions")
    assert window.search.text() == "garcia"  # each page keeps its own search
    window.fill_columns_menu()
    labels = [a.text() for a in window.columns_menu.actions() if a.isCheckable()]
    assert "Company · branch" in labels and "Notes" in labels
    employer = next(a for a in window.columns_menu.actions() if a.text() == "Company · branch")
    employer.setChecked(True)
    assert page.columns.is_visible("employer")
    window.close()
    assert ui_settings.header_state("sessions", page.columns.keys()) is not None
