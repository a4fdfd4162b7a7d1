"""List rows prepared off the GUI thread: order like the proxy's, no Python lessThan, selection kept."""

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mentordesk.domain.errors import DatabaseError
from mentordesk.ui.models import RecordFilterProxy
from mentordesk.ui.models import columns as col
from mentordesk.ui.views.list_page import FilterChoice, ListPage
from mentordesk.ui.views.list_rows import ordered, prepare
from mentordesk.ui.views.volunteers import VolunteersPage, volunteer_columns
from mentordesk.ui.views.youth import YouthPage

from .conftest import TODAY
from .test_forms import open_page, wait_loaded


def names(page, key="name"):
    column = page.model.column_index(key)
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def test_ordered_puts_blanks_last_either_way_and_is_stable():
    values = [3, None, 1, 3, None, 2]
    assert ordered(values, descending=False) == [2, 5, 0, 3, 1, 4]
    assert ordered(values, descending=True) == [0, 3, 5, 2, 1, 4]
    assert ordered([date(2020, 1, 1), "x", None], descending=False) == [0, 1, 2]  # text fallback
    assert ordered([], descending=True) == []


def test_prepare_sorts_and_computes_texts(services):
    rows = services.volunteers.list_rows(TODAY)
    columns = volunteer_columns()
    name = [c.key for c in columns].index("name")
    prepared = prepare(columns, rows, name, descending=True)
    assert [r.last_name for r in prepared.rows] == ["Zimmer", "Smith", "Cole", "Brown", "Álvarez"]
    assert prepared.display[0][name] == "Zoë Zimmer"
    assert prepared.search[0][name] == "zoe zimmer"
    assert prepared.widths[name][0] == "José Álvarez"  # the longest text is measured first


@pytest.fixture
def no_python_less_than(monkeypatch):
    calls = []
    original = RecordFilterProxy.lessThan

    def counting(self, left, right):
        calls.append(1)
        return original(self, left, right)

    monkeypatch.setattr(RecordFilterProxy, "lessThan", counting)
    return calls


def test_header_sort_keeps_the_selection_without_python_comparisons(
        qtbot, services, ui_settings, no_python_less_than):
    page = open_page(qtbot, VolunteersPage, services, ui_settings)
    assert names(page) == ["José Álvarez", "Bea Brown", "Carl Cole", "Anna Smith", "Zoë Zimmer"]
    bea = next(r for r in page.model.rows() if r.last_name == "Brown")
    page.select_keys([bea.id])
    page.table.sortByColumn(page.model.column_index("training"), Qt.SortOrder.DescendingOrder)
    assert names(page) == ["José Álvarez", "Carl Cole", "Bea Brown", "Anna Smith", "Zoë Zimmer"]
    assert [r.id for r in page.selected_rows()] == [bea.id]  # the selection followed its row
    page.table.sortByColumn(page.model.column_index("email"), Qt.SortOrder.DescendingOrder)
    assert names(page)[-1] == "Zoë Zimmer"  # no email: last, whichever the direction
    page.table.sortByColumn(page.model.column_index("email"), Qt.SortOrder.AscendingOrder)
    assert names(page)[-1] == "Zoë Zimmer"
    assert no_python_less_than == []


def test_filtering_keeps_the_order_and_a_reload_keeps_the_sort(qtbot, services, ui_settings):
    page = open_page(qtbot, YouthPage, services, ui_settings)
    page.table.sortByColumn(page.model.column_index("ref"), Qt.SortOrder.AscendingOrder)
    assert names(page, "ref") == ["Y-9", "Y-10", "Y-11", "Y-100"]
    page.set_search_text("y-1")
    assert names(page, "ref") == ["Y-10", "Y-11", "Y-100"]
    page.set_search_text("")
    assert names(page, "ref") == ["Y-9", "Y-10", "Y-11", "Y-100"]
    page.set_filter("Referred")
    page.set_filter("All young people")
    assert names(page, "ref") == ["Y-9", "Y-10", "Y-11", "Y-100"]
    services.youth.create(first_name="Lee", last_name="Park", programme_ref="Y-1")
    page.reload()
    wait_loaded(qtbot, page)
    assert names(page, "ref") == ["Y-1", "Y-9", "Y-10", "Y-11", "Y-100"]


class _Plain(ListPage):
    """A page without a PageContext: reads synchronously."""

    def __init__(self, rows, settings):
        self.rows = rows
        super().__init__(key="plain", title="Plain", noun=("thing", "things"),
                         columns=[col.text("name", "Name", lambda r: r.name)],
                         filters=[FilterChoice("All")], settings=settings,
                         sort=("name", Qt.SortOrder.AscendingOrder))

    def load_rows(self):
        if isinstance(self.rows, Exception):
            raise self.rows
        return self.rows


def test_without_a_task_runner_rows_are_read_at_once(qtbot, ui_settings):
    page = _Plain([SimpleNamespace(id=2, name="b"), SimpleNamespace(id=1, name="a")], ui_settings)
    qtbot.addWidget(page)
    page.reload()
    assert not page.loading and names(page) == ["a", "b"]


def test_a_failed_read_says_why(qtbot, services, ui_settings, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    page = open_page(qtbot, YouthPage, services, ui_settings)
    page.load_rows = lambda: (_ for _ in ()).throw(DatabaseError("The database is locked."))
    page.reload()
    wait_loaded(qtbot, page)
    assert shown == ["The database is locked."]
    assert page.total_count() == 4  # the rows read before stay

    empty = YouthPage(page.context)
    qtbot.addWidget(empty)
    empty.load_rows = page.load_rows
    empty.ensure_loaded()
    qtbot.waitUntil(lambda: not empty.loading)
    assert empty.table.empty_text() == "The young people could not be read: The database is locked."
    assert shown == ["The database is locked."]  # the first read says it in the table
