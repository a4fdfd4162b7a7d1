"""Log a support contact: the coordinator's check-in with a match's volunteer, youth or guardian."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.durations import parse_duration
from ...domain.enums import ContactMethod, ContactParty
from ...domain.errors import MentorDeskError
from ...services.container import Services
from ...services.matches import MatchDetail
from ..forms.editors import date_edit
from ..forms.messages import error_label, show_error
from .match_forms import default_day

RATINGS = ("Not rated", "1 – poor", "2 – weak", "3 – fair", "4 – good", "5 – excellent")
PARTIES = {
    ContactParty.VOLUNTEER: "The volunteer",
    ContactParty.YOUTH: "The young person",
    ContactParty.GUARDIAN: "The parent or guardian",
    ContactParty.JOINT: "Together (joint)",
}


class LogContactDialog(QDialog):
    """Accepting stores the contact through SupportContactService.log; errors stay inline."""

    def __init__(self, services: Services, detail: MatchDetail, today: date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.detail = services, detail
        self.logged_id: int | None = None
        self.setWindowTitle(f"Log a support contact — {detail.volunteer} & {detail.youth}")
        day = default_day(detail, today)
        self.date = date_edit(self, day)
        self.party = QComboBox(self)
        for party, label in PARTIES.items():
            self.party.addItem(label, party)
        self.method = QComboBox(self)
        for method in ContactMethod:
            self.method.addItem(method.label, method)
        self.method.setCurrentIndex(self.method.findData(ContactMethod.PHONE))
        self.made = QCheckBox("Contact was made (uncheck for a message left, no answer)", self)
        self.made.setChecked(True)
        self.duration = QLineEdit(self)
        self.duration.setPlaceholderText("optional: 20, 0:20 or 1h")
        self.rating = QComboBox(self)
        self.rating.addItems(RATINGS)
        self.rating.setToolTip("How the relationship is going, as you judge it from this contact")
        self.concerns = QPlainTextEdit(self)
        self.concerns.setPlaceholderText("Anything that worries you or the family (optional)")
        self.concerns.setTabChangesFocus(True)
        self.concerns.setFixedHeight(self.fontMetrics().height() * 4)
        self.follow_up = QCheckBox("&Follow up by", self)
        self.follow_up_date = date_edit(self, day + timedelta(days=14))
        self.follow_up_date.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_date.setEnabled)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Notes (optional)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Log contact")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up)
        follow.addWidget(self.follow_up_date, 1)
        form = QFormLayout()
        form.addRow("&Date:", self.date)
        form.addRow("&With whom:", self.party)
        form.addRow("&Method:", self.method)
        form.addRow("", self.made)
        form.addRow("D&uration:", self.duration)
        form.addRow("&Relationship:", self.rating)
        form.addRow("&Concerns:", self.concerns)
        form.addRow("", follow)
        form.addRow("&Notes:", self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            text = self.duration.text().strip()
            minutes = parse_duration(text) if text else None
            contact = self.services.contacts.log(
                self.detail.id, contact_date=self.date.date().toPython(),
                party=self.party.currentData(), method=self.method.currentData(),
                made=self.made.isChecked(), duration_minutes=minutes,
                rating=self.rating.currentIndex() or None,
                concerns=self.concerns.toPlainText().strip(),
                follow_up_due=(self.follow_up_date.date().toPython()
                               if self.follow_up.isChecked() else None),
                notes=self.notes.toPlainText().strip(),
            )
        except MentorDeskError as exc:
            show_error(self.error, str(exc))
            return
        self.logged_id = contact.id
        super().accept()
