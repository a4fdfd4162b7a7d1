"""The list pages: rows from the services, status filter, column chooser, saved headers."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.settings import UiSettings
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.matches import MatchesPage
from mentordesk.ui.views.volunteers import VolunteersPage
from mentordesk.ui.views.youth import YouthPage

from .conftest import TODAY


def open_page(qtbot, page_class, services, settings):
    context = PageContext(services, settings, lambda: TODAY, QUndoStack(), Navigator(),
                          TaskRunner())
    page = page_class(context)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    page.ensure_loaded()
    qtbot.waitUntil(lambda: not page.loading)  # rows are read in the background
    return page


def visible_names(page, key="name"):
    column = page.model.column_index(key)
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


@pytest.mark.parametrize(
    "page_class, count",
    [(VolunteersPage, "5 volunteers"), (YouthPage, "4 young people"), (MatchesPage, "3 matches")],
)
def test_pages_load_their_rows(qtbot, services, ui_settings, page_class, count):
    page = open_page(qtbot, page_class, services, ui_settings)
    assert page.count_text() == count
    header = page.table.horizontalHeader()
    assert header.stretchLastSection()
    assert all(header.sectionSize(i) > 20 for i in range(header.count())
               if not header.isSectionHidden(i))
    assert page.table.isSortingEnabled()
    assert page.table.alternatingRowColors()


def test_status_filter_and_counts(qtbot, services, ui_settings):
    page = open_page(qtbot, VolunteersPage, services, ui_settings)
    page.set_filter("Ready to match")
    assert sorted(visible_names(page)) == ["Bea Brown", "Carl Cole"]
    assert page.count_text() == "2 of 5 volunteers shown"
    page.set_filter("Inquiry")
    assert visible_names(page) == ["Zoë Zimmer"]
    page.set_filter("All volunteers")
    assert page.shown_count() == 5


def test_search_and_selection_show_in_the_counts(qtbot, services, ui_settings):
    page = open_page(qtbot, YouthPage, services, ui_settings)
    page.set_search_text("GARCIA")
    assert visible_names(page) == ["Ana García"]
    page.table.selectRow(0)
    assert page.count_text() == "1 of 4 young people shown · 1 selected"


def test_an_empty_list_says_so(qtbot, empty_services, ui_settings):
    page = open_page(qtbot, MatchesPage, empty_services, ui_settings)
    assert page.count_text() == "0 matches"
    assert page.table.empty_text() == "No matches yet."


def test_a_search_that_finds_nothing_says_so(qtbot, services, ui_settings):
    page = open_page(qtbot, MatchesPage, services, ui_settings)
    page.set_search_text("nobody by this name")
    assert page.shown_count() == 0
    assert "No matches match" in page.table.empty_text()


def test_hidden_by_default_columns_can_be_shown(qtbot, services, ui_settings):
    page = open_page(qtbot, MatchesPage, services, ui_settings)
    assert not page.columns.is_visible("kind")
    page.columns.set_visible("kind", True)
    assert page.columns.is_visible("kind")
    assert page.table.columnWidth(page.model.column_index("kind")) > 20


def test_column_chooser_menu_hides_and_shows(qtbot, services, ui_settings):
    page = open_page(qtbot, VolunteersPage, services, ui_settings)
    menu = page.columns.menu()
    actions = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert actions["Email"].isChecked() and not actions["ID"].isChecked()
    actions["Email"].trigger()
    assert not page.columns.is_visible("email")
    page.set_search_text("jose@example")  # a hidden column is not searched
    assert page.shown_count() == 0
    actions["Email"].trigger()
    assert page.columns.is_visible("email")
    assert page.shown_count() == 1
    menu.deleteLater()


def test_the_last_visible_column_cannot_be_hidden(qtbot, services, ui_settings):
    page = open_page(qtbot, YouthPage, services, ui_settings)
    for key in ("ref", "born", "school", "programme", "status"):
        page.columns.set_visible(key, False)
    menu = page.columns.menu()
    name = next(a for a in menu.actions() if a.text() == "Name")
    assert name.isChecked() and not name.isEnabled()
    menu.deleteLater()


def test_header_state_is_restored_in_a_new_page(qtbot, services, tmp_path):
    path = tmp_path / "ui.ini"
    first = open_page(qtbot, VolunteersPage, services, UiSettings(path))
    first.columns.set_visible("phone", False)
    first.table.sortByColumn(first.model.column_index("city"), Qt.SortOrder.DescendingOrder)
    first.save_state()
    first.close()

    again = open_page(qtbot, VolunteersPage, services, UiSettings(path))
    assert not again.columns.is_visible("phone")
    header = again.table.horizontalHeader()
    assert header.sortIndicatorSection() == again.model.column_index("city")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert visible_names(again, "city")[:2] == ["York", "Leeds"]
    again.set_search_text("0113")  # the hidden phone column is not searched after restore
    assert again.shown_count() == 0


def test_reset_columns_brings_back_the_defaults(qtbot, services, ui_settings):
    page = open_page(qtbot, VolunteersPage, services, ui_settings)
    header = page.table.horizontalHeader()
    page.columns.set_visible("email", False)
    page.columns.set_visible("id", True)
    header.moveSection(header.visualIndex(page.model.column_index("city")), 0)
    page.columns.reset()
    assert page.columns.is_visible("email") and not page.columns.is_visible("id")
    assert [header.logicalIndex(v) for v in range(header.count())] == list(range(header.count()))
    assert ui_settings.header_state("volunteers", page.columns.keys()) is None


def test_selected_rows_are_the_row_objects_in_view_order(qtbot, services, ui_settings):
    page = open_page(qtbot, YouthPage, services, ui_settings)
    page.table.selectAll()
    assert [row.last_name for row in page.selected_rows()] == ["Dupont", "García", "Lee", "Ng"]
