"""One volunteer's way to a match: screening checklist, training, employment, verdict.

Opened by double-clicking a volunteer (or navigator.open_record("volunteer", id)).
Everything shown comes from VolunteerService.pipeline(); checks are recorded and
updated through the check form, details edited through the volunteer form.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.volunteer_pipeline import CheckLine, EmploymentLine, VolunteerPipeline
from ..context import PageContext
from ..forms.messages import error_colour
from ..forms.screening import CheckForm
from ..forms.volunteer import VolunteerForm
from ..models import RecordTableModel
from ..models import columns as col
from ..widgets.labels import bold, heading
from .volunteer_checks import (  # noqa: F401 (importable from here as before)
    STATE_ICON,
    STATE_TEXT,
    ChecklistModel,
    check_columns,
    detail_table,
    employment_columns,
)

def _hours(minutes: int) -> str:
    return QLocale().toString(minutes / 60, "g", 4)


class VolunteerDetail(QDialog):
    """A window per volunteer; `changed` tells the list that something was saved."""

    def __init__(self, context: PageContext, volunteer_id: int, *,
                 changed: Callable[[], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("volunteerDetail")
        self.context, self.volunteer_id, self.changed = context, volunteer_id, changed
        self.pipeline: VolunteerPipeline | None = None
        self.name = heading("", self)
        self.summary = QLabel(self)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict.setMargin(6)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks = ChecklistModel(check_columns(context.today), self)
        self.check_table = detail_table(self.checks, self)
        self.check_table.setObjectName("checklist")
        self.check_table.activated.connect(lambda _index: self.check_activated())
        self.record_button = QPushButton("&Record check…", self)
        self.record_button.clicked.connect(self.record_check)
        self.update_button = QPushButton("&Update check…", self)
        self.update_button.clicked.connect(self.update_check)
        self.edit_button = QPushButton("&Edit details…", self)
        self.edit_button.clicked.connect(self.edit_details)
        self.training = QLabel(self)
        self.training.setObjectName("training")
        self.training.setWordWrap(True)
        self.jobs = RecordTableModel(employment_columns(), self)
        self.job_table = detail_table(self.jobs, self)
        self.job_table.setObjectName("employment")
        self.job_table.setMaximumHeight(self.fontMetrics().height() * 7)
        self._build_layout()
        self.check_table.selectionModel().selectionChanged.connect(self._check_chosen)
        self.refresh()
        self.check_table.setMinimumHeight((self.fontMetrics().height() + 8) * 8 + 4)
        self.resize(self.fontMetrics().averageCharWidth() * 130, self.fontMetrics().height() * 48)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name)
        names.addWidget(self.summary)
        top.addLayout(names, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.update_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(bold(QLabel("Screening", self)))
        layout.addWidget(self.check_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(bold(QLabel("Pre-match training", self)))
        layout.addWidget(self.training)
        layout.addWidget(bold(QLabel("Employment history", self)))
        layout.addWidget(self.job_table)
        layout.addWidget(close)

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the volunteer's pipeline again (a handful of small queries)."""
        chosen = self.selected_line()
        p = self.pipeline = self.context.services.volunteers.pipeline(
            self.volunteer_id, self.context.today())
        self.setWindowTitle(f"Volunteer — {p.name}")
        self.name.setText(p.name)
        current = next((e for e in p.employments if e.end_date is None), None)
        parts = [p.status.label, _employer_text(current)]
        if p.drives_youth:
            parts.append("drives young people")
        if p.archived:
            parts.append("archived")
        self.summary.setText(" · ".join(x for x in parts if x))
        self._show_verdict(p)
        self.checks.set_rows(p.checks)
        self.check_table.setCurrentIndex(QModelIndex())  # no focus frame until the user moves
        self.check_table.resizeColumnsToContents()
        self.check_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if chosen is not None:
            for row, line in enumerate(p.checks):
                if line.type == chosen.type:
                    self.check_table.selectRow(row)
        self._show_training(p)
        self.jobs.set_rows(p.employments)
        self.job_table.resizeColumnsToContents()
        self._check_chosen()

    def _show_verdict(self, p: VolunteerPipeline) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if p.ready_to_match:
            colour = "#a5d6a7" if dark else "#1b5e20"
            html = f"<b style='color:{colour}'>✔ Ready to match</b>"
        else:
            html = (f"<b style='color:{error_colour(self).name()}'>✖ Not ready to match</b><ul "
                    "style='margin:2px 0 0 -20px'>"
                    + "".join(f"<li>{escape(r)}</li>" for r in p.not_ready_reasons) + "</ul>")
        if p.warnings:
            html += "<p style='margin-top:4px'>⚠ " + "<br>⚠ ".join(
                escape(w) for w in p.warnings) + "</p>"
        self.verdict.setText(html)

    def verdict_text(self) -> str:
        """The verdict as plain text (for tests and the clipboard)."""
        p = self.pipeline
        assert p is not None
        if p.ready_to_match:
            return "Ready to match"
        return "Not ready to match: " + " ".join(p.not_ready_reasons)

    def _show_training(self, p: VolunteerPipeline) -> None:
        done, needed = p.training_minutes, p.required_training_minutes
        mark = "✔" if done >= needed else "✖"
        lines = [f"{mark} {_hours(done)} of {_hours(needed)} hours done"]
        if p.prior_training_minutes:
            lines.append(f"Before MentorDesk or elsewhere: {_hours(p.prior_training_minutes)} h")
        for t in p.trainings:
            lines.append(f"{col.format_date(t.event_date)} {t.title}: {_hours(t.minutes)} h")
        if len(lines) == 1:
            lines.append("No pre-match training recorded yet.")
        self.training.setText("\n".join(lines))

    # --- checks --------------------------------------------------------------------------

    def selected_line(self) -> CheckLine | None:
        rows = self.check_table.selectionModel().selectedRows() if self.pipeline else []
        return self.checks.row_at(rows[0].row()) if rows else None

    def _check_chosen(self, *_: Any) -> None:
        line = self.selected_line()
        self.update_button.setEnabled(line is not None and line.check_id is not None)

    def check_activated(self) -> CheckForm:
        line = self.selected_line()
        if line is not None and line.check_id is not None and line.state == "pending":
            return self.update_check()
        return self.record_check()

    def record_check(self) -> CheckForm:
        line = self.selected_line()
        if line is None and self.pipeline is not None:  # the first step not yet clear
            line = next((c for c in self.pipeline.checks if c.state != "clear"), None)
        return self._open(CheckForm(self.context, self.volunteer_id,
                                    check_type=line.type if line else None,
                                    volunteer_name=self.name.text(), parent=self))

    def update_check(self) -> CheckForm:
        line = self.selected_line()
        return self._open(CheckForm(self.context, self.volunteer_id, check=line,
                                    volunteer_name=self.name.text(),
                                    changed=self._changed, parent=self))

    def edit_details(self) -> VolunteerForm:
        return self._open(VolunteerForm(self.context, self.volunteer_id,
                                        changed=self._changed, parent=self))

    def _open(self, form: Any) -> Any:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda _id: self._changed())
        form.open()
        return form

    def _changed(self) -> None:
        """Saved or undone: the list reads its rows again and refreshes open details."""
        if self.changed is not None:
            self.changed()
        elif shiboken6.isValid(self):  # an undo may come after the window closed
            self.refresh()


def _employer_text(employment: EmploymentLine | None) -> str:
    if employment is None:
        return "no employer recorded"
    return ", ".join(x for x in (employment.sponsor, employment.branch) if x)
