"""The organisation's rules (Edit → Organisation settings, second tab): its name, the
support-contact cadence, the required checks, pre-match training, expiry warnings.

The fields are the forms' own (FieldsPanel); Save puts one undoable command on
the stack per save (a group of SetSetting), and SettingsService says what it
refuses, under the field.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...domain.cadence import PRESETS
from ...domain.enums import CheckType
from ...domain.errors import MentorDeskError
from ..commands import CommandGroup, SetSetting, run_command
from ..context import PageContext
from ..forms.editors import FieldSpec
from ..forms.fields import FieldsPanel, Section, field_changes
from ..forms.messages import quiet_label

KEYS = ("organisation_name", "cadence", "required_checks", "driving_check_for_drivers",
        "training_minutes", "expiry_warning_days")
LABELS = {"organisation_name": "organisation name", "cadence": "support-contact cadence",
          "required_checks": "required checks", "driving_check_for_drivers": "driving checks",
          "training_minutes": "pre-match training", "expiry_warning_days": "expiry warnings"}


def rules_sections() -> list[Section]:
    f = FieldSpec
    checks = [(t.label, t.value) for t in CheckType if t != CheckType.DRIVING_RECORD]
    return [
        Section("Organisation", [
            f("organisation_name", "Name", placeholder="e.g. Northside Mentoring",
              hint="Printed on reports."),
        ]),
        Section("Support contacts", [
            f("cadence", "Cadence", "choice", [(c.name, k) for k, c in PRESETS.items()],
              hint="When the next check-in with each match is due; an overdue one is a "
                   "dashboard alert."),
        ]),
        Section("Screening and training", [
            f("required_checks", "Required checks", "checks", checks),
            f("driving_check_for_drivers",
              "A driving record check for volunteers who drive young people", "check"),
            f("training_minutes", "Pre-match training", "hours", minimum=0,
              hint="MENTOR: at least 2 hours in person; 6 or more is promising."),
            f("expiry_warning_days", "Warn of expiring checks", "spin", minimum=0,
              maximum=365, suffix=" days ahead"),
        ]),
    ]


class RulesPanel(QWidget):
    """`changed` after a save (and after an undo or redo of one)."""

    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.fields = FieldsPanel(rules_sections(), today=context.today, columns=1, parent=self)
        cadence = self.fields.editors["cadence"].widget
        for i, cad in enumerate(PRESETS.values()):
            cadence.setItemData(i, cad.source, Qt.ItemDataRole.ToolTipRole)  # its source
        self.status = quiet_label("", self)
        self.status.setObjectName("rulesStatus")
        self.save_button = QPushButton("&Save settings", self, objectName="saveRules")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert", self, objectName="revertRules")
        self.revert_button.setToolTip("Put back the settings as they are stored")
        self.revert_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields, 1)
        layout.addLayout(buttons)
        self._stored: dict[str, Any] = {}
        self.load()

    def load(self) -> None:
        """Show the settings as stored."""
        stored = self.context.services.settings.all()
        self._stored = {key: stored[key] for key in KEYS}
        self.fields.clear_messages()
        self.fields.set_values(self._stored)

    def has_unsaved_changes(self) -> bool:
        return bool(field_changes(self._stored, self.fields.values()))

    def save(self) -> bool:
        self.fields.clear_messages()
        changes = field_changes(self._stored, self.fields.values())
        if not changes:
            self.status.setText("Nothing to save: the settings are as stored.")
            return True
        settings = self.context.services.settings
        parts = [SetSetting(settings, key, old, new, text=f"Change the {LABELS[key]}")
                 for key, (old, new) in changes.items()]
        command = parts[0] if len(parts) == 1 else CommandGroup(
            "Change the organisation settings", parts)
        try:
            run_command(self.context.undo, command)
        except MentorDeskError as exc:
            self.fields.show_error(exc)
            return False
        command.changed = self._undone
        self.load()
        names = ", ".join(LABELS[k] for k in changes)
        self.status.setText(f"Saved: {names}. Edit → Undo takes it back.")
        self.changed.emit()
        return True

    def _undone(self) -> None:
        if not shiboken6.isValid(self):  # undone after the dialog was closed
            return
        self.load()
        self.status.setText("The settings changed (undo or redo).")
        self.changed.emit()
