"""The Reports page's choices: which report, for which company and period, on what paper,
and the coordinator's highlights text for a sponsor's report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import add_months
from ...services.participation import Period
from .period_selector import CUSTOM, PeriodSelector

SPONSOR, PROGRAMME = "sponsor", "programme"
KINDS = {SPONSOR: "Sponsor impact report", PROGRAMME: "Programme report (board)"}
PAPERS = {"a4": "A4", "letter": "Letter"}


def report_presets(today: date) -> dict[str, Period]:
    """Whole quarters, half-years and years that have ended, and two running periods."""
    quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    half_start = date(today.year, 1 if today.month <= 6 else 7, 1)
    return {
        "Last quarter": Period(add_months(quarter_start, -3), quarter_start - timedelta(days=1)),
        "Last half-year": Period(add_months(half_start, -6), half_start - timedelta(days=1)),
        "Last year": Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        "Last 12 months": Period.last_12_months(today),
        "This year": Period(date(today.year, 1, 1), today),
    }


class ReportPeriodSelector(PeriodSelector):
    """The period selector with the presets reports are asked for (starts on the last
    quarter)."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(today, parent)
        self.preset.clear()
        self.preset.addItems([*report_presets(today()), CUSTOM])
        self.set_period(report_presets(today())["Last quarter"], notify=False)

    def _preset_chosen(self, index: int) -> None:
        chosen = report_presets(self._today()).get(self.preset.itemText(index))
        if chosen is not None:
            self.set_period(chosen)

    def _sync_preset(self) -> None:
        period = self.period()
        names = [name for name, p in report_presets(self._today()).items() if p == period]
        self.preset.setCurrentText(names[0] if names else CUSTOM)


@dataclass(frozen=True)
class ReportChoice:
    kind: str
    sponsor_id: int | None
    sponsor: str
    period: Period
    paper: str

    def title(self) -> str:
        who = f" · {self.sponsor}" if self.kind == SPONSOR else ""
        return f"{KINDS[self.kind]}{who}"

    def file_name(self) -> str:
        """A name for the PDF: "Acme Ltd impact report 2026-01-01 to 2026-03-31.pdf"."""
        what = f"{self.sponsor} impact report" if self.kind == SPONSOR else "Programme report"
        safe = "".join(c if c.isalnum() or c in " -_.&" else "_" for c in what).strip()
        return f"{safe} {self.period.start.isoformat()} to {self.period.end.isoformat()}.pdf"


class ReportOptions(QWidget):
    """Emits `changed` when the report, company, period or paper changes, and
    `highlights_edited` as the highlights text is typed."""

    changed = Signal()
    highlights_edited = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.setObjectName("reportKind")
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.sponsor = QComboBox(self)
        self.sponsor.setObjectName("reportSponsor")
        self.sponsor.setPlaceholderText("Loading…")
        self.sponsor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sponsor.setMinimumContentsLength(18)
        self.period = ReportPeriodSelector(today, self)
        self.paper = QComboBox(self)
        self.paper.setObjectName("reportPaper")
        for key, label in PAPERS.items():
            self.paper.addItem(label, key)
        self.highlights = QPlainTextEdit(self)
        self.highlights.setObjectName("reportHighlights")
        self.highlights.setPlaceholderText(
            "What should the company hear about this period? A story, a thank-you, what "
            "comes next. Printed in the report as you write it.")
        self.highlights.setTabChangesFocus(True)
        self.highlights_status = QLabel("", self)
        self.highlights_status.setObjectName("highlightsStatus")
        self.highlights_status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.highlights_status.setWordWrap(True)
        self._highlights_label = QLabel("Highlights from the &coordinator", self)
        self._highlights_label.setBuddy(self.highlights)
        self._build_layout()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.sponsor.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.period.changed.connect(self.changed.emit)
        self.paper.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.highlights.textChanged.connect(self._highlights_typed)
        self._loading_text = False
        self._kind_changed()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Report:", self.kind)
        form.addRow("&Sponsor:", self.sponsor)
        form.addRow(self.period)  # it brings its own "Period:" label
        form.addRow("Paper si&ze:", self.paper)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self._highlights_label)
        layout.addWidget(self.highlights, 100)
        layout.addWidget(self.highlights_status)
        layout.addStretch(1)  # takes the room when the highlights are hidden

    # --- the choice ------------------------------------------------------------------

    def choice(self) -> ReportChoice:
        kind = self.kind.currentData()
        sponsor_id = self.sponsor.currentData() if kind == SPONSOR else None
        return ReportChoice(kind, sponsor_id, self.sponsor.currentText() if sponsor_id else "",
                            self.period.period(), self.paper.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def set_paper(self, paper: str) -> None:
        self.paper.blockSignals(True)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.paper.blockSignals(False)

    def set_sponsors(self, sponsors: list[tuple[int, str]]) -> None:
        """Fill the company list, keeping the one chosen if it is still there."""
        current = self.sponsor.currentData()
        self.sponsor.blockSignals(True)
        self.sponsor.clear()
        for sponsor_id, name in sponsors:
            self.sponsor.addItem(name, sponsor_id)
        self.sponsor.setPlaceholderText("No sponsor company yet" if not sponsors else "")
        index = self.sponsor.findData(current) if current is not None else -1
        self.sponsor.setCurrentIndex(index if index >= 0 else (0 if sponsors else -1))
        self.sponsor.blockSignals(False)
        if self.sponsor.currentData() != current:
            self.changed.emit()

    def _kind_changed(self) -> None:
        sponsor = self.kind.currentData() == SPONSOR
        for widget in (self.sponsor, self.highlights, self.highlights_status,
                       self._highlights_label):
            widget.setVisible(sponsor)
        label = self.layout().itemAt(0).layout().labelForField(self.sponsor)
        if label is not None:
            label.setVisible(sponsor)
        self.changed.emit()

    # --- highlights ----------------------------------------------------------------------

    def set_highlights(self, text: str | None) -> None:
        """Show the stored text (None: still loading; the editor waits)."""
        self._loading_text = True
        self.highlights.setPlainText(text or "")
        self._loading_text = False
        self.highlights.setReadOnly(text is None)
        self.set_highlights_status("Loading…" if text is None else "")

    def highlights_text(self) -> str:
        return self.highlights.toPlainText()

    def set_highlights_status(self, text: str) -> None:
        self.highlights_status.setText(text)

    def _highlights_typed(self) -> None:
        if not self._loading_text:
            self.highlights_edited.emit()
