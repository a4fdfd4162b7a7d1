"""The dashboard page: background load, figures, alerts that open records, charts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette, QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from mentordesk.domain.enums import MatchStatus
from mentordesk.services.dashboard import AlertKind, Severity
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.models import RowRole
from mentordesk.ui.main_window import DEFAULT_PAGE, MainWindow
from mentordesk.ui.views.dashboard import DashboardPage
from mentordesk.ui.widgets.charts import (
    Bar,
    BarChart,
    FigureTile,
    FigureTiles,
    HorizontalBarChart,
    nice_step,
)

from .conftest import TODAY



@pytest.fixture
def make_page(qtbot, services, ui_settings, runner):
    def make(services_=services):
        shown: list[str] = []
        navigator = Navigator(shown.append)
        context = PageContext(services_, ui_settings, lambda: TODAY, QUndoStack(), navigator,
                              runner)
        page = DashboardPage(context)
        page.shown_pages = shown
        qtbot.addWidget(page)
        page.resize(1100, 700)
        return page

    return make


def settle(qtbot, page):
    """Wait for the result, then for the worker itself: a task is done with only when
    its thread has returned (ui/tasks.py deletes the task as soon as the result is in)."""
    qtbot.waitUntil(lambda: page.dashboard is not None and not page.loading, timeout=10_000)
    page.context.tasks.wait()
    return page


def loaded(qtbot, page):
    page.ensure_loaded()
    return settle(qtbot, page)


def test_loads_in_the_background_with_a_quiet_loading_state(qtbot, make_page):
    page = make_page()
    assert page.status.text() == "Loading…"
    assert page.hours_chart.message() == "Loading…"
    page.ensure_loaded()
    assert page.loading and page.dashboard is None  # the GUI thread did not wait
    loaded(qtbot, page)
    assert page.status.text() == "as of 1 March 2026"
    assert page.tiles["active"].value() == "1"
    assert page.tiles["ready"].value() == "2"  # Bea (rematch eligible) and Carl
    assert page.tiles["length"].value().endswith(" months")
    assert page.tiles["twelve"].value() == "100%"  # the closed match lasted a year
    assert "Accepted 2" in page.stages.text() and "Matched 1" in page.stages.text()
    assert page.tiles["active"].accessibleName() == "Active matches: 1"


def test_alerts_are_listed_grouped_and_filterable_by_kind(qtbot, make_page):
    page = loaded(qtbot, make_page())
    kinds = [a.kind for a in page.shown_alerts()]
    assert sorted(kinds, key=list(AlertKind).index) == [
        AlertKind.CONTACT, AlertKind.NO_SESSION, AlertKind.READY, AlertKind.READY]
    assert page.kind_box.itemText(0) == "All alerts (4)"
    page.set_kind(AlertKind.READY)
    assert page.kind_box.currentText() == "Ready to match (2)"
    assert {a.kind for a in page.shown_alerts()} == {AlertKind.READY}
    assert len(page.shown_alerts()) == 2
    page.reload()  # the choice survives a reload
    settle(qtbot, page)
    assert page.kind_box.currentText() == "Ready to match (2)"
    page.set_kind(None)
    assert len(page.shown_alerts()) == 4


def test_first_column_shows_the_severity(qtbot, make_page):
    page = loaded(qtbot, make_page())
    index = page.proxy.index(0, 0)
    assert page.shown_alerts()[0].severity is Severity.URGENT  # urgent first
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Urgent"


def test_alerts_model_passes_the_model_tester(qtbot, qtmodeltester, make_page):
    page = loaded(qtbot, make_page())
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def _row_of(page, kind: AlertKind) -> int:
    return next(r for r, a in enumerate(page.shown_alerts()) if a.kind is kind)


def test_double_click_and_enter_open_the_record(qtbot, make_page):
    page = loaded(qtbot, make_page())
    opened = []
    page.context.navigator.register("match", lambda i: opened.append(("match", i)))
    page.context.navigator.register("volunteer", lambda i: opened.append(("volunteer", i)))
    page.show()
    qtbot.waitExposed(page)
    contact = page.shown_alerts()[_row_of(page, AlertKind.CONTACT)]
    rect = page.alerts.visualRect(page.proxy.index(_row_of(page, AlertKind.CONTACT), 2))
    viewport = page.alerts.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == []  # one click only selects
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [("match", contact.record_id)]
    ready = page.shown_alerts()[_row_of(page, AlertKind.READY)]
    page.alerts.setCurrentIndex(page.proxy.index(_row_of(page, AlertKind.READY), 0))
    page.alerts.setFocus()
    qtbot.keyClick(page.alerts, Qt.Key.Key_Return)
    assert opened[-1] == ("volunteer", ready.record_id)
    assert len(opened) == 2
    assert page.shown_pages == []


def test_a_refresh_keeps_the_figures_up_and_the_current_alert(qtbot, make_page, services):
    page = loaded(qtbot, make_page())
    row = [r for r, a in enumerate(page.shown_alerts()) if a.kind is AlertKind.READY][-1]
    chosen = page.shown_alerts()[row]
    page.alerts.setCurrentIndex(page.proxy.index(row, 0))
    services.volunteers.create(first_name="Nia", last_name="New", status="inquiry")
    page.ensure_loaded()  # each visit refreshes
    assert page.status.text() == "Updating…" and page.tiles["active"].value() == "1"
    settle(qtbot, page)
    assert "Inquiry 2" in page.stages.text()
    assert page.alerts.currentIndex().data(RowRole) == chosen


def test_without_an_opener_the_list_page_is_shown(qtbot, make_page):
    page = loaded(qtbot, make_page())
    page.open_alert(page.proxy.index(_row_of(page, AlertKind.READY), 1))
    page.open_alert(page.proxy.index(_row_of(page, AlertKind.CONTACT), 1))
    assert page.shown_pages == ["volunteers", "matches"]


def test_an_empty_database_says_nothing_needs_attention(qtbot, make_page, empty_services):
    page = loaded(qtbot, make_page(empty_services))
    assert page.model.rowCount() == 0
    assert page.alerts.empty_text() == "Nothing needs your attention today."
    assert page.tiles["length"].value() == "–" and page.tiles["six"].value() == "–"
    assert [b.value for b in page.hours_chart.bars()] == [0] * 12


def test_a_failed_read_is_one_quiet_line(qtbot, make_page, monkeypatch, services):
    def broken(today):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services.dashboard, "build", broken)
    page = make_page()
    page.ensure_loaded()
    qtbot.waitUntil(lambda: page.load_error != "")
    page.context.tasks.wait()
    assert page.status.text() == "The dashboard could not be read; the details are in the log."
    assert page.hours_chart.message() == "Not available."


def test_charts_show_the_service_series(qtbot, make_page):
    page = loaded(qtbot, make_page())
    bars = page.hours_chart.bars()
    months = [m for m, _ in page.dashboard.hours_by_month]
    assert len(bars) == 12 and months[-1] == date(2026, 3, 1)
    assert bars[-1].label == "Mar" and bars[0].sublabel == "2025" and bars[9].sublabel == "2026"
    assert [b.sublabel for b in bars].count("") == 10
    statuses = page.status_chart.bars()
    assert [b.label for b in statuses] == [s.label for s in MatchStatus]
    assert [b.value for b in statuses] == [1, 1, 0, 0, 1, 0]
    assert statuses[4].muted and not statuses[1].muted
    assert page.status_chart.accessibleDescription().startswith("Proposed: 1 match;")


# --- the chart widgets on their own -------------------------------------------------------

def _bars() -> list[Bar]:
    values = [0, 12.5, 40, 7, 1234, 980.25]
    return [Bar(f"M{i}", v, f"{v:,.0f}", f"month {i}: {v} hours", muted=i == 3,
                sublabel="2026" if i == 0 else "") for i, v in enumerate(values)]


def _colours(image: QImage) -> set[int]:
    step = max(1, image.width() // 80)
    return {image.pixel(x, y) for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}


@pytest.mark.parametrize("chart_class", [BarChart, HorizontalBarChart])
@pytest.mark.parametrize("dark", [False, True])
def test_charts_paint_with_the_palette(qtbot, chart_class, dark):
    chart = chart_class("Some figures")
    qtbot.addWidget(chart)
    if dark:
        palette = chart.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#8ab4f8"))
        chart.setPalette(palette)
    chart.setAutoFillBackground(True)
    chart.resize(520, 280)
    chart.set_bars(_bars())
    image = chart.grab().toImage()
    assert image.width() >= 520  # grab() is in device pixels: never smaller on high DPI
    colours = _colours(image)
    highlight = chart.palette().color(QPalette.ColorRole.Highlight).rgb()
    assert highlight in colours, "no bar drawn in the palette's highlight colour"
    assert len(colours) > 10  # text, grid and bars, not a blank panel
    background = QColor(image.pixel(2, image.height() - 2))
    assert (background.lightness() < 80) == dark
    assert "month 4: 1234 hours" in chart.accessibleDescription()
    assert chart.accessibleName() == "Some figures"


def test_bar_tooltips_follow_the_painted_bars(qtbot):
    chart = HorizontalBarChart("Status")
    qtbot.addWidget(chart)
    chart.resize(400, 260)
    chart.set_bars(_bars())
    chart.grab()  # paints, which lays out the bars
    tips = {chart.tip_at(200, y) for y in range(0, 260, 4)} - {""}
    assert tips == {b.tip for b in _bars()}


def test_a_chart_without_bars_shows_its_message(qtbot):
    chart = BarChart("Hours")
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    chart.set_message("Loading…")
    blank = BarChart("Hours")
    qtbot.addWidget(blank)
    blank.resize(300, 200)
    assert chart.grab().toImage() != blank.grab().toImage()
    assert chart.accessibleDescription() == "Loading…"
    assert chart.tip_at(150, 100) == ""


def test_nice_steps():
    assert [nice_step(v) for v in (0, 7, 40, 1234, 8373)] == [1, 2, 10, 500, 5000]


def test_figure_tile_is_accessible(qtbot):
    tile = FigureTile("Hours this month")
    qtbot.addWidget(tile)
    tile.set_figure("12.5", "attended", "12 hours 30 minutes")
    assert tile.accessibleName() == "Hours this month: 12.5"
    assert tile.toolTip() == "12 hours 30 minutes"


def test_tiles_wrap_into_rows_when_narrow(qtbot):
    holder = QWidget()  # as on the page: inside a layout, which may give it less room
    qtbot.addWidget(holder)
    grid = FigureTiles([f"Figure {i}" for i in range(6)], holder)
    QVBoxLayout(holder).addWidget(grid)
    holder.resize(1400, 160)
    holder.show()
    qtbot.waitUntil(lambda: grid.columns() == 6)
    for tile in grid.tiles:
        tile.set_figure("25.3 months", "running and closed matches")
    holder.resize(600, 300)
    qtbot.waitUntil(lambda: grid.columns() in (2, 3))
    assert grid.minimumSizeHint().width() < 600
    holder.resize(1400, 160)
    qtbot.waitUntil(lambda: grid.columns() == 6)


# --- in the window ----------------------------------------------------------------------------

def test_the_window_opens_on_the_dashboard(qtbot, services, ui_settings):
    window = MainWindow(services, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    assert DEFAULT_PAGE == "dashboard" and window.current_key() == "dashboard"
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    settle(qtbot, page)
    assert window.reload_action.isEnabled() and not window.search.isEnabled()
    services.volunteers.create(first_name="Nia", last_name="New", status="inquiry")
    window.reload_action.trigger()
    qtbot.waitUntil(lambda: "Inquiry 2" in page.stages.text())
    window.tasks.wait()
    window.close()
