"""The table model and the sort/filter proxy, over real rows from the services (no view)."""

from datetime import date

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt

from mentordesk.domain.enums import MatchStatus, VolunteerStatus
from mentordesk.ui.models import RecordFilterProxy, RecordTableModel, RowRole, SortRole
from mentordesk.ui.models import columns as col
from mentordesk.ui.views.header import fit_cap
from mentordesk.ui.views.matches import match_columns
from mentordesk.ui.views.volunteers import volunteer_columns
from mentordesk.ui.views.youth import youth_columns

from .conftest import TODAY


def today() -> date:
    return TODAY


def page_models(services):
    return {
        "volunteers": (volunteer_columns(), services.volunteers.list_rows(TODAY)),
        "youth": (youth_columns(today), services.youth.list_rows()),
        "matches": (match_columns(today), services.matches.list_rows()),
    }


def make(columns, rows):
    model = RecordTableModel(columns)
    model.set_rows(rows)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def column_texts(proxy, key):
    column = proxy.sourceModel().column_index(key)
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


@pytest.mark.parametrize("page", ["volunteers", "youth", "matches"])
def test_models_pass_the_model_tester(qtmodeltester, services, page):
    columns, rows = page_models(services)[page]
    assert rows, "the fixture must give every page some rows"
    model, proxy = make(columns, rows)
    qtmodeltester.check(model)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    proxy.set_search_text("a")
    qtmodeltester.check(proxy)


def test_an_empty_model_passes_the_model_tester(qtmodeltester):
    model, proxy = make(volunteer_columns(), [])
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_roles_give_text_raw_values_and_the_row(services):
    rows = services.volunteers.list_rows(TODAY)
    model, _ = make(volunteer_columns(), rows)
    jose = next(r for r, row in enumerate(rows) if row.first_name == "José")
    training = model.index(jose, model.column_index("training"))
    assert training.data() == QLocale().toString(10.0, "f", 1)
    assert training.data(SortRole) == 600
    assert training.data(RowRole) is rows[jose]
    assert training.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(jose, model.column_index("ready")).data() == ""
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0


def test_numbers_sort_by_value_not_text(services):
    _, proxy = make(volunteer_columns(), services.volunteers.list_rows(TODAY))
    proxy.sort(proxy.sourceModel().column_index("training"), Qt.SortOrder.AscendingOrder)
    # As text "10.0" would come before "2.5"; as numbers it comes last.
    assert column_texts(proxy, "name") == [
        "Zoë Zimmer", "Anna Smith", "Bea Brown", "Carl Cole", "José Álvarez"
    ]


def test_dates_sort_as_dates_and_blanks_stay_last(services):
    _, proxy = make(match_columns(today), services.matches.list_rows())
    start = proxy.sourceModel().column_index("start")
    proxy.sort(start, Qt.SortOrder.AscendingOrder)
    # 1 Feb 2024 before 15 Jan 2025 (as dd/mm text 15/01 would sort first); no start last.
    assert column_texts(proxy, "volunteer") == ["Bea Brown", "José Álvarez", "Carl Cole"]
    proxy.sort(start, Qt.SortOrder.DescendingOrder)
    assert column_texts(proxy, "volunteer") == ["José Álvarez", "Bea Brown", "Carl Cole"]


def test_people_sort_by_last_name_without_regard_to_accents(services):
    _, proxy = make(volunteer_columns(), services.volunteers.list_rows(TODAY))
    proxy.sort(proxy.sourceModel().column_index("name"), Qt.SortOrder.AscendingOrder)
    assert column_texts(proxy, "name") == [
        "José Álvarez", "Bea Brown", "Carl Cole", "Anna Smith", "Zoë Zimmer"
    ]


def test_programme_ids_sort_naturally(services):
    _, proxy = make(youth_columns(today), services.youth.list_rows())
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert column_texts(proxy, "ref") == ["Y-9", "Y-10", "Y-11", "Y-100"]


def test_statuses_sort_in_pipeline_order(services):
    _, proxy = make(volunteer_columns(), services.volunteers.list_rows(TODAY))
    proxy.sort(proxy.sourceModel().column_index("status"), Qt.SortOrder.AscendingOrder)
    order = list(VolunteerStatus)
    statuses = [proxy.index(r, 0).data(RowRole).status for r in range(proxy.rowCount())]
    assert statuses == sorted(statuses, key=order.index)
    assert statuses[0] == VolunteerStatus.INQUIRY


def test_search_ignores_case_and_accents(services):
    _, proxy = make(volunteer_columns(), services.volunteers.list_rows(TODAY))
    proxy.set_search_text("jose")
    assert column_texts(proxy, "name") == ["José Álvarez"]
    proxy.set_search_text("ZOE")
    assert column_texts(proxy, "name") == ["Zoë Zimmer"]
    proxy.set_search_text("alvarez acme")  # every word, in any column
    assert column_texts(proxy, "name") == ["José Álvarez"]
    proxy.set_search_text("alvarez zed")
    assert proxy.rowCount() == 0
    proxy.set_search_text("  ")
    assert proxy.rowCount() == 5


def test_search_looks_only_at_the_searched_columns(services):
    model, proxy = make(volunteer_columns(), services.volunteers.list_rows(TODAY))
    proxy.set_search_text("acme")
    assert proxy.rowCount() == 1
    company = model.column_index("company")
    proxy.set_search_columns(i for i in range(model.columnCount()) if i != company)
    assert proxy.rowCount() == 0
    proxy.set_search_columns(None)
    assert proxy.rowCount() == 1


def test_search_finds_dates_as_shown(services):
    _, proxy = make(youth_columns(today), services.youth.list_rows())
    proxy.set_search_text(col.format_date(date(2010, 11, 30)))
    assert column_texts(proxy, "name") == ["Ana García"]


def test_status_filter(services):
    _, proxy = make(match_columns(today), services.matches.list_rows())
    proxy.set_row_filter(lambda row: row.status == MatchStatus.CLOSED)
    assert column_texts(proxy, "volunteer") == ["Bea Brown"]
    proxy.set_search_text("jose")  # search and filter combine
    assert proxy.rowCount() == 0
    proxy.set_row_filter(None)
    assert column_texts(proxy, "volunteer") == ["José Álvarez"]


def test_reloading_rows_keeps_sort_and_filter(services):
    rows = services.volunteers.list_rows(TODAY)
    model, proxy = make(volunteer_columns(), rows[:2])
    proxy.sort(model.column_index("name"), Qt.SortOrder.DescendingOrder)
    proxy.set_row_filter(lambda row: row.status == VolunteerStatus.ACCEPTED)
    model.set_rows(rows)
    assert column_texts(proxy, "name") == ["Carl Cole", "Bea Brown"]


def test_dates_show_in_the_locale_with_a_four_digit_year():
    day = date(2012, 3, 4)
    assert col.format_date(day, QLocale("en_GB")) == "04/03/2012"
    assert col.format_date(day, QLocale("en_US")) == "3/4/2012"
    assert col.format_date(day, QLocale("de_DE")) == "04.03.2012"
    assert col.format_date(day, QLocale.c()) == "2012-03-04"
    assert col.format_date(None) == ""


def test_yes_no_and_natural_keys():
    ready = col.yes_no("r", "Ready", lambda row: row)
    assert (ready.display(True), ready.display(False)) == ("Yes", "")
    assert ready.sort_key(False) is False
    assert col.natural_key("Y-9") < col.natural_key("Y-10") < col.natural_key("y-100")
    assert col.natural_key("") is None


@pytest.mark.parametrize(
    "widths, room, cap",
    [
        ([100, 100], 300, 100),  # everything fits: nothing is cut
        ([50, 300, 400], 450, 200),  # the two widest share what the narrow one leaves
        ([50, 300, 400], 200, 80),  # never below the floor
        ([], 300, 80),
    ],
)
def test_fit_cap_cuts_only_the_widest_columns(widths, room, cap):
    assert fit_cap(widths, room, floor=80) == cap
