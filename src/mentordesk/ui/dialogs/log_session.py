"""Log one session of a match: date, duration as people type it, medium, status, notes."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.durations import format_duration, parse_duration
from ...domain.enums import SessionMedium, SessionStatus
from ...domain.errors import MentorDeskError
from ...services.container import Services
from ...services.matches import MatchDetail
from ...services.sessions import EntryError, SessionEntry
from ..forms.editors import date_edit
from ..forms.messages import error_label, show_error
from .match_forms import default_day


class LogSessionDialog(QDialog):
    """Accepting stores the session through SessionService.log; errors stay inline."""

    def __init__(self, services: Services, detail: MatchDetail, today: date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.detail = services, detail
        self.logged_id: int | None = None
        self.setWindowTitle(f"Log a session — {detail.volunteer} & {detail.youth}")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self.date = date_edit(self, default_day(detail, today))
        self.duration = QLineEdit(self)
        self.duration.setPlaceholderText("90, 1:30 or 1.5h")
        self.duration.setToolTip("Minutes (90), hours and minutes (1:30, 1h 30m) or hours (1.5h)")
        self.duration.textChanged.connect(self._duration_hint)
        self.duration_hint = QLabel(self)
        self.duration_hint.setObjectName("durationHint")
        self.duration_hint.setMinimumWidth(self.fontMetrics().horizontalAdvance("= 23h 59m"))
        self.medium = QComboBox(self)
        for medium in SessionMedium:
            self.medium.addItem(medium.label, medium)
        self.status = QComboBox(self)
        for status in SessionStatus:
            self.status.addItem(status.label.replace("No show", "No-show"), status)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("What you did together (optional)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 5)
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Log session")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Date:", self.date)
        duration = QHBoxLayout()
        duration.addWidget(self.duration, 1)
        duration.addWidget(self.duration_hint)
        duration_label = QLabel("D&uration:", self)
        duration_label.setBuddy(self.duration)
        form.addRow(duration_label, duration)
        form.addRow("&Medium:", self.medium)
        form.addRow("&Status:", self.status)
        form.addRow("&Notes:", self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.duration.setFocus()

    def _duration_hint(self, text: str) -> None:
        try:
            minutes = parse_duration(text)
        except MentorDeskError:
            self.duration_hint.setText("")
        else:
            self.duration_hint.setText(f"= {format_duration(minutes)}")

    def accept(self) -> None:
        try:
            minutes = parse_duration(self.duration.text())
            entry = SessionEntry(
                match_id=self.detail.id, session_date=self.date.date().toPython(),
                duration_minutes=minutes, medium=self.medium.currentData(),
                status=self.status.currentData(), notes=self.notes.toPlainText().strip())
            session = self.services.sessions.log(entry)
        except EntryError as exc:
            show_error(self.error, str(exc.error))
            return
        except MentorDeskError as exc:
            show_error(self.error, str(exc))
            if getattr(exc, "field", None) == "duration_minutes":
                self.duration.setFocus()
            return
        self.logged_id = session.id
        super().accept()
