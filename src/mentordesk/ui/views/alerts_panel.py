"""The dashboard's alerts: a table in the service's order (urgent first), a "Show"
box of the kinds with their counts, and double-click or Enter to open the record."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from ...services.dashboard import Alert, AlertKind, Severity
from ..context import Navigator
from ..models import RecordFilterProxy, RecordTableModel, RowRole
from ..models import columns as col
from ..widgets.labels import bold
from .table import RecordTableView

LIST_PAGES = {"volunteer": "volunteers", "youth": "youth", "match": "matches"}
_ICONS = {
    Severity.URGENT: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


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


class AlertsPanel(QWidget):
    """Title, "Show" box and the alerts table; `set_alerts` keeps the current alert."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None):
        super().__init__(parent)
        self.navigator = navigator
        self.known = False  # counts are shown once the first alerts are in
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
        show = QLabel("&Show:", self)
        show.setBuddy(self.kind_box)
        bar = QHBoxLayout()
        bar.addWidget(bold(QLabel("Alerts", self)))
        bar.addStretch(1)
        bar.addWidget(show)
        bar.addWidget(self.kind_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.alerts, 1)
        self.alerts.doubleClicked.connect(self.open_alert)
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self._fill_kinds()

    def set_alerts(self, alerts: tuple[Alert, ...]) -> None:
        first = not self.known
        self.known = True
        current = self.alerts.currentIndex().data(RowRole)
        self.model.set_rows(alerts)
        self.alerts.set_empty_text("Nothing needs your attention today.")
        if first:
            self._fit_columns()  # afterwards the widths are the user's
        self._fill_kinds()
        if current is not None:  # the same alert stays current across a refresh
            self._select(lambda a: (a.kind, a.record_kind, a.record_id)
                         == (current.kind, current.record_kind, current.record_id))

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
        known = self.known  # no counts before the first load

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
        navigator = self.navigator
        if not navigator.open_record(alert.record_kind, alert.record_id):
            navigator.show_page(LIST_PAGES[alert.record_kind])
