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
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import MatchStatus
from ...domain.errors import MentorDeskError
from ...services.dashboard import Alert, AlertKind, Dashboard, Severity
from ..context import PageContext
from ..models import RecordFilterProxy, RecordTableModel, RowRole
from ..models import columns as col
from ..widgets.charts import Bar, BarChart, FigureTiles, HorizontalBarChart
from .table import RecordTableView

log = logging.getLogger(__name__)

LIST_PAGES = {"volunteer": "volunteers", "youth": "youth", "match": "matches"}
_ICONS = {
    Severity.URGENT: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
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


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def alert_columns() -> list[col.Column]:
    return [
        col.Column("kind", "Alert", lambda a: a.kind.label, tooltip=lambda a: a.severity.label,
                   header_tip="Urgent first, then by kind and date"),
        col.date_column("day", "Date", lambda a: a.day,
                        header_tip="When it was due, expires, last happened or falls"),
        col.text("text", "Details", lambda a: a.text),
    ]


class AlertsModel(RecordTableModel):
    """The alerts, with the severity as an icon (and tooltip) in the first column."""

    def __init__(self, parent: QWidget):
        super().__init__(alert_columns(), parent)
        style = parent.style()
        self._icons = {s: style.standardIcon(p) for s, p in _ICONS.items()}

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 0
                and 0 <= index.row() < self.rowCount()):
            return self._icons[self.row_at(index.row()).severity]
        return super().data(index, role)


class AlertsView(RecordTableView):
    """Enter opens the current alert on every platform (double-click does too)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.doubleClicked.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


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
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("alertKinds")
        self.kind_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model = AlertsModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.alerts = AlertsView(self)
        self.alerts.setObjectName("alertsTable")
        self.alerts.setModel(self.proxy)
        self.alerts.setSelectionMode(self.alerts.SelectionMode.SingleSelection)
        # In the service's order (urgent first, then by kind and date): sorting 500
        # rows in Python on every reload would cost more than it gives.
        self.alerts.setSortingEnabled(False)
        self.alerts.horizontalHeader().setSortIndicatorShown(False)
        self.alerts.setAccessibleName("Alerts")
        self.hours_chart = BarChart("Hours per month (attended sessions)", self)
        self.hours_chart.setObjectName("hoursChart")
        self.status_chart = HorizontalBarChart("Matches by status", self)
        self.status_chart.setObjectName("statusChart")
        self._build_layout()
        self.alerts.doubleClicked.connect(self.open_alert)
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self._fill_kinds()
        self._show_loading()

    def _build_layout(self) -> None:
        heading = _bold(QLabel("Dashboard", self), 1.35)
        reload_button = QToolButton(self)
        reload_button.setText("Reload")
        reload_button.setToolTip("Read the figures and alerts again (F5)")
        reload_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.status, 1)
        top.addWidget(reload_button)
        alerts_title = _bold(QLabel("Alerts", self))
        show = QLabel("&Show:", self)
        show.setBuddy(self.kind_box)
        bar = QHBoxLayout()
        bar.addWidget(alerts_title)
        bar.addStretch(1)
        bar.addWidget(show)
        bar.addWidget(self.kind_box)
        charts = QWidget(self)
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 6)
        charts_layout.addWidget(self.hours_chart, 3)
        charts_layout.addWidget(self.status_chart, 2)
        alerts = QWidget(self)
        alerts_layout = QVBoxLayout(alerts)
        alerts_layout.setContentsMargins(0, 6, 0, 0)
        alerts_layout.addLayout(bar)
        alerts_layout.addWidget(self.alerts, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(charts)
        splitter.addWidget(alerts)
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
        first = self.dashboard is None
        self.dashboard, self.load_error = dashboard, ""
        self.status.setText(f"as of {day_text(dashboard.today)}")
        self._show_figures(dashboard)
        current = self.alerts.currentIndex().data(RowRole)
        self.model.set_rows(dashboard.alerts)
        self.alerts.set_empty_text("Nothing needs your attention today.")
        if first:
            self._fit_columns()  # afterwards the widths are the user's
        self._fill_kinds()
        if current is not None:  # the same alert stays current across a refresh
            self._select(lambda a: (a.kind, a.record_kind, a.record_id)
                         == (current.kind, current.record_kind, current.record_id))
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

    def _fit_columns(self) -> None:
        """Kind and date as wide as their longest text (measured, not scanned); the
        details take the rest."""
        fm, style = self.alerts.fontMetrics(), self.alerts.style()
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        pad = 4 * style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        kinds = max(fm.horizontalAdvance(k.label) for k in AlertKind)
        self.alerts.setColumnWidth(0, max(kinds + icon + pad, fm.horizontalAdvance("Alert") + 40))
        self.alerts.setColumnWidth(
            1, fm.horizontalAdvance(col.format_date(date(2026, 12, 28))) + pad)

    def _fill_kinds(self) -> None:
        current = self.kind_box.currentData()
        counts = {kind: 0 for kind in AlertKind}
        for alert in self.model.rows():
            counts[alert.kind] += 1
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        known = self.dashboard is not None  # no counts before the first load

        def label(text: str, n: int) -> str:
            return f"{text} ({QLocale().toString(n)})" if known else text

        self.kind_box.addItem(label("All alerts", sum(counts.values())), None)
        for kind, n in counts.items():
            self.kind_box.addItem(label(kind.label, n), kind.value)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(current)))
        self.kind_box.blockSignals(False)
        self._kind_chosen()

    def set_kind(self, kind: AlertKind | None) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(None if kind is None else kind.value))

    def _kind_chosen(self, *_: object) -> None:
        value = self.kind_box.currentData()
        self.proxy.set_row_filter(None if value is None else (lambda a: a.kind.value == value))

    def shown_alerts(self) -> list[Alert]:
        return [self.proxy.index(r, 0).data(RowRole) for r in range(self.proxy.rowCount())]

    def _select(self, wanted) -> None:
        for row, alert in enumerate(self.shown_alerts()):
            if wanted(alert):
                self.alerts.setCurrentIndex(self.proxy.index(row, 0))
                self.alerts.scrollTo(self.proxy.index(row, 0))
                return

    def open_alert(self, index: QModelIndex) -> None:
        alert: Alert | None = index.data(RowRole) if index.isValid() else None
        if alert is None:
            return
        navigator = self.context.navigator
        if not navigator.open_record(alert.record_kind, alert.record_id):
            navigator.show_page(LIST_PAGES[alert.record_kind])
