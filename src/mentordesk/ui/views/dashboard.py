"""The dashboard: headline figures, what needs attention today, and two charts.

Everything is read in one background task (services.dashboard.build); until it
arrives the page says "Loading…" quietly. Each alert opens its record on
double-click or Enter through the navigator.
"""

from __future__ import annotations

import logging
from datetime import date

import shiboken6
from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import MatchStatus
from ...domain.errors import MentorDeskError
from ...services.dashboard import Alert, AlertKind, Dashboard
from ..context import PageContext
from ..widgets.charts import Bar, BarChart, FigureTiles, HorizontalBarChart
from ..widgets.labels import heading
from .alerts_panel import (  # noqa: F401 (importable from here as before)
    LIST_PAGES,
    AlertsModel,
    AlertsPanel,
    AlertsView,
    alert_columns,
)

log = logging.getLogger(__name__)
TILES = (("active", "Active matches"), ("hours", "Hours this month"),
         ("length", "Average match length"), ("six", "Reached 6 months"),
         ("twelve", "Reached 12 months"), ("ready", "Ready to match"))


def hours_text(minutes: int) -> str:
    """Exact: '5,790 hours 45 minutes'."""
    hours, rest = divmod(minutes, 60)
    text = f"{QLocale().toString(hours)} hour{'' if hours == 1 else 's'}"
    return text + (f" {rest} minute{'' if rest == 1 else 's'}" if rest else "")


def day_text(day: date, fmt: str = "d MMMM yyyy") -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


class DashboardPage(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.dashboard: Dashboard | None = None
        self.load_error = ""
        self._generation = 0
        self._running = 0
        self.status = QLabel("", self)
        self.status.setObjectName("dashboardStatus")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tile_grid = FigureTiles([caption for _, caption in TILES], self)
        self.tiles = dict(zip((key for key, _ in TILES), self.tile_grid.tiles))
        self.stages = QLabel("", self)
        self.stages.setObjectName("dashboardStages")
        self.stages.setWordWrap(True)
        self.alerts_panel = AlertsPanel(context.navigator, self)
        panel = self.alerts_panel  # its parts, as the page's own (tests and callers use them)
        self.kind_box, self.model, self.proxy = panel.kind_box, panel.model, panel.proxy
        self.alerts = panel.alerts
        self.hours_chart = BarChart("Hours per month (attended sessions)", self)
        self.hours_chart.setObjectName("hoursChart")
        self.status_chart = HorizontalBarChart("Matches by status", self)
        self.status_chart.setObjectName("statusChart")
        self._build_layout()
        self._show_loading()

    def _build_layout(self) -> None:
        title = heading("Dashboard", self)
        reload_button = QToolButton(self)
        reload_button.setText("Reload")
        reload_button.setToolTip("Read the figures and alerts again (F5)")
        reload_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.status, 1)
        top.addWidget(reload_button)
        charts = QWidget(self)
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 6)
        charts_layout.addWidget(self.hours_chart, 3)
        charts_layout.addWidget(self.status_chart, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(charts)
        splitter.addWidget(self.alerts_panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        layout.addWidget(self.tile_grid)
        layout.addWidget(self.stages)
        layout.addWidget(splitter, 1)
        # The window may be made smaller than the figures need: scroll, don't force it.
        scroll = QScrollArea(self)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- loading ------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """A background read is under way (as ListPage.loading)."""
        return self._running != 0

    def ensure_loaded(self) -> None:
        """Load when first shown; each later visit refreshes in the background (what
        needs attention changes as sessions and contacts are logged elsewhere), with
        the previous figures on show until the new ones arrive."""
        if not self.loading:
            self.reload()

    def reload(self) -> None:
        """Read everything again in the background; the newest request wins."""
        self._generation += 1
        generation = self._running = self._generation
        services, today = self.context.services, self.context.today()
        self.status.setText("Loading…" if self.dashboard is None else "Updating…")

        def done(dashboard: Dashboard) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._running = 0
                self.show_dashboard(dashboard)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._running = 0
                self._show_error(exc)

        self.context.tasks.run(lambda control: services.dashboard.build(today), done, failed,
                               parent=self)

    def _show_loading(self) -> None:
        self.status.setText("Loading…")
        for chart in (self.hours_chart, self.status_chart):
            chart.set_message("Loading…")
        self.alerts.set_empty_text("Loading…")

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, MentorDeskError):
            self.load_error = str(exc)
        else:
            log.error("the dashboard could not be read", exc_info=exc)
            self.load_error = "The dashboard could not be read; the details are in the log."
        self.status.setText(self.load_error)
        if self.dashboard is None:
            self.alerts.set_empty_text(self.load_error)
            for chart in (self.hours_chart, self.status_chart):
                chart.set_message("Not available.")

    # --- showing ----------------------------------------------------------------------------

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard, self.load_error = dashboard, ""
        self.status.setText(f"as of {day_text(dashboard.today)}")
        self._show_figures(dashboard)
        self.alerts_panel.set_alerts(dashboard.alerts)
        self._show_charts(dashboard)

    def _show_figures(self, d: Dashboard) -> None:
        f, locale = d.figures, QLocale()
        self.tiles["active"].set_figure(
            locale.toString(f.active_matches), "active, on hold or closing")
        first = d.today.replace(day=1)
        self.tiles["hours"].set_figure(
            locale.toString(f.minutes_this_month / 60, "f", 1),
            f"attended, {'' if d.today == first else day_text(first, 'd') + '–'}"
            f"{day_text(d.today, 'd MMM')}",
            f"{hours_text(f.minutes_this_month)} of attended sessions this month, up to today.")
        months = f.average_match_months
        self.tiles["length"].set_figure(
            "–" if months is None else f"{locale.toString(months, 'f', 1)} months",
            "running and closed matches",
            "From each match's start to its closure, or to today while it runs; "
            "the average in months of 30.4 days.")
        for key, n in (("six", 6), ("twelve", 12)):
            s = f.reaching(n)
            share = "–" if s.share is None else f"{locale.toString(round(s.share * 100))}%"
            self.tiles[key].set_figure(
                share, f"{locale.toString(s.reached)} of {locale.toString(s.could_have)} matches",
                f"Matches that lasted at least {n} months, among those that could have: "
                f"closed matches, and running ones that started at least {n} months ago.")
        self.tiles["ready"].set_figure(
            locale.toString(f.ready_to_match), "volunteers accepted and cleared",
            "Accepted volunteers whose screening is clear and pre-match training done.")
        parts = [f"{status.label} {locale.toString(n)}" for status, n in f.volunteers_by_stage]
        self.stages.setText("Volunteers by stage:  " + "  ·  ".join(parts))
        self.tile_grid.refit()  # wider figures may need two rows

    def _show_charts(self, d: Dashboard) -> None:
        locale = QLocale()
        bars = []
        for i, (month, minutes) in enumerate(d.hours_by_month):
            qdate = QDate(month.year, month.month, 1)
            bars.append(Bar(
                locale.toString(qdate, "MMM"), minutes / 60,
                locale.toString(round(minutes / 60)),
                f"{locale.toString(qdate, 'MMMM yyyy')}: {hours_text(minutes)}",
                sublabel=str(month.year) if i == 0 or month.month == 1 else ""))
        self.hours_chart.set_bars(bars)
        muted = (MatchStatus.CLOSED, MatchStatus.DECLINED)
        self.status_chart.set_bars([
            Bar(status.label, n, locale.toString(n),
                f"{status.label}: {locale.toString(n)} match{'' if n == 1 else 'es'}",
                muted=status in muted)
            for status, n in d.matches_by_status])

    # --- alerts ------------------------------------------------------------------------------

    def set_kind(self, kind: AlertKind | None) -> None:
        self.alerts_panel.set_kind(kind)

    def shown_alerts(self) -> list[Alert]:
        return self.alerts_panel.shown_alerts()

    def open_alert(self, index: QModelIndex) -> None:
        self.alerts_panel.open_alert(index)
