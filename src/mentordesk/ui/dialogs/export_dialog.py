"""File → Export…: rosters (volunteers, youth, matches, sessions, all) and the sponsor
participation workbook, with the same choices as `mentordesk export`.

    open_export_dialog(context, parent)

The coordinator picks what to export and the filters, then "Export…" asks where
to save it (QFileDialog) and the export runs through context.tasks with progress
and Cancel; the window never freezes. The result ("Wrote …") shows in the dialog
with "Open the file". Errors are one sentence under the choices; nothing is
written then (services/exports.py writes to a temporary file and moves it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLabel, QPushButton, QVBoxLayout, QWidget,
)

from ...domain.errors import MentorDeskError
from ...domain.progress import Cancelled
from ...services.exports import STATUS_ENUMS, ExportResult
from ...services.participation import Period
from ...services.rosters import FULL, LIMITED, RosterFilters
from ..context import PageContext
from ..forms.editors import date_edit
from ..forms.messages import error_label, quiet_label
from ..forms.messages import show_error as show_line
from ..tasks import show_error

PARTICIPATION = "participation"
WHAT = [("Volunteers", "volunteers"), ("Youth", "youth"), ("Matches", "matches"),
        ("Sessions (hours log)", "sessions"), ("All rosters, one sheet each", "all"),
        ("Sponsor participation workbook", PARTICIPATION)]
FILE_NAMES = {"volunteers": "Volunteers", "youth": "Youth", "matches": "Matches",
              "sessions": "Sessions", "all": "Rosters", PARTICIPATION: "Participation"}
XLSX = ("Excel workbook (*.xlsx)", "xlsx")
CSV = ("CSV, UTF-8 (*.csv)", "csv")
SPONSOR_NOTE = ("For a sponsor: no youth names or details, and volunteers who did not "
                "consent are not named.")


def open_export_dialog(context: PageContext, parent: QWidget | None) -> None:
    """Show the export dialog (one per window: it keeps the last choices and result)."""
    dialog = parent.findChild(ExportDialog) if parent is not None else None
    if dialog is None:
        dialog = ExportDialog(context, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


def _combo(parent: QWidget, name: str, items) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    for text, data in items:
        box.addItem(text, data)
    return box


class ExportDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        services = context.services
        self.what = _combo(self, "exportWhat", WHAT)
        self.programme = _combo(self, "exportProgramme", [("Any programme", None)] + [
            (p.name, p.id) for p in services.programmes.list()])
        self.sponsor = _combo(self, "exportSponsor", [("Any sponsor", None)] + [
            (s.name, s.id) for s in services.sponsors.list()])
        self.branch = _combo(self, "exportBranch", [("Any branch", None)])
        self.status = _combo(self, "exportStatus", [("Any status", None)])
        self.privacy = _combo(self, "exportPrivacy", [
            ("Full (for the coordinator)", FULL),
            ("Limited: first name and last initial", LIMITED)])
        self.format = _combo(self, "exportFormat", [XLSX, CSV])
        period = Period.last_12_months(context.today())
        self.use_period = QCheckBox("Only &from", self)
        self.use_period.setObjectName("exportUsePeriod")
        self.start, self.end = date_edit(self, period.start), date_edit(self, period.end)
        self.start.setObjectName("exportStart")
        self.end.setObjectName("exportEnd")
        self.archived = QCheckBox("Include &archived records", self)
        self.note = quiet_label("", self)
        self.error = error_label(self, "exportError")
        self.result = QLabel(self)
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.export_button = self.buttons.addButton("&Export…", action)
        self.open_button = QPushButton("&Open the file", self)
        self.buttons.addButton(self.open_button, action)
        self.open_button.hide()
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        self.open_button.clicked.connect(self.open_file)
        self._layout()
        self.what.currentIndexChanged.connect(self._refresh)
        self.sponsor.currentIndexChanged.connect(self._sponsor_changed)
        self.use_period.toggled.connect(self._refresh)
        self.last: ExportResult | None = None
        self.task = None
        self._refresh()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Export:", self.what)
        form.addRow("&Programme:", self.programme)
        form.addRow("&Sponsor:", self.sponsor)
        form.addRow("&Branch:", self.branch)
        period = QHBoxLayout()
        for widget in (self.use_period, self.start, QLabel("to", self), self.end):
            period.addWidget(widget)
        period.addStretch()
        form.addRow("Period:", period)
        form.addRow("S&tatus:", self.status)
        form.addRow("&Youth details:", self.privacy)
        form.addRow("&Format:", self.format)
        form.addRow("", self.archived)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.note, self.error, self.result, self.buttons):
            layout.addWidget(widget)

    # --- what the choices allow -------------------------------------------------------------

    def kind(self) -> str:
        return self.what.currentData()

    def _sponsor_changed(self) -> None:
        self.branch.clear()
        self.branch.addItem("Any branch", None)
        sponsor_id = self.sponsor.currentData()
        if sponsor_id is not None:
            for branch in self.context.services.sponsors.branches(sponsor_id):
                self.branch.addItem(branch.name, branch.id)
        self._refresh()

    def _refresh(self) -> None:
        kind = self.kind()
        participation = kind == PARTICIPATION
        status = self.status.currentData()
        self.status.clear()
        self.status.addItem("Any status", None)
        for member in STATUS_ENUMS.get(kind, ()):
            self.status.addItem(member.label, member.value)
        if status is not None and self.status.findData(status) >= 0:
            self.status.setCurrentIndex(self.status.findData(status))
        self.status.setEnabled(kind in STATUS_ENUMS)
        self.privacy.setEnabled(kind in ("youth", "matches", "all"))
        for widget in (self.programme, self.archived, self.branch):
            widget.setEnabled(not participation)
        self.branch.setEnabled(not participation and self.sponsor.currentData() is not None)
        self.use_period.setChecked(self.use_period.isChecked() or participation)
        self.use_period.setEnabled(not participation)
        for edit in (self.start, self.end):
            edit.setEnabled(self.use_period.isChecked())
        csv_ok = kind not in ("all", PARTICIPATION)
        self.format.model().item(1).setEnabled(csv_ok)
        if not csv_ok:
            self.format.setCurrentIndex(0)
        self.note.setText(SPONSOR_NOTE if self.sponsor.currentData() is not None else "")
        self.note.setVisible(bool(self.note.text()))
        show_line(self.error, "")

    # --- exporting -----------------------------------------------------------------------------

    def filters(self) -> RosterFilters:
        start = end = None
        if self.use_period.isChecked():
            start, end = self.start.date().toPython(), self.end.date().toPython()
        return RosterFilters(
            programme_id=self.programme.currentData(), sponsor_id=self.sponsor.currentData(),
            branch_id=self.branch.currentData(), start=start, end=end,
            status=self.status.currentData(), include_archived=self.archived.isChecked(),
            as_of=self.context.today())

    def _suggested(self, fmt: str) -> str:
        folder = self.context.services.db.path
        base = folder.parent if folder is not None else Path.home()
        name = FILE_NAMES[self.kind()]
        sponsor = self.sponsor.currentText() if self.sponsor.currentData() is not None else ""
        stem = " - ".join(p for p in (name, sponsor, self.context.today().isoformat()) if p)
        return str(base / f"{stem}.{fmt}")

    def export(self) -> None:
        kind, fmt = self.kind(), self.format.currentData()
        f = self.filters()
        if kind == PARTICIPATION and f.sponsor_id is None:
            show_line(self.error, "Choose the sponsor whose participation workbook to write.")
            return
        label, _ = XLSX if fmt == "xlsx" else CSV
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self._suggested(fmt), label)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        exports = self.context.services.exports
        privacy = self.privacy.currentData() if self.privacy.isEnabled() else FULL

        def work(control):
            if kind == PARTICIPATION:
                return exports.participation(f.sponsor_id, f.start, f.end, path, progress=control)
            return exports.roster(kind, path, filters=f, fmt=fmt, privacy=privacy, progress=control)

        show_line(self.error, "")
        self.result.clear()
        self.open_button.hide()
        self.export_button.setEnabled(False)
        self.task = self.context.tasks.run(work, self._done, self._failed, label="Exporting…",
                                           parent=self)

    def _done(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        self.last = result
        counts = ", ".join(f"{n:,} {name.lower()}" for name, n in result.rows.items())
        self.result.setText(" ".join([f"Wrote {result.path.name} ({counts}).", *result.notes]))
        self.open_button.show()
        self.open_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            show_line(self.error, "Export cancelled; no file was written.")
        elif isinstance(exc, MentorDeskError):
            show_line(self.error, str(exc))
        else:
            show_error(self, exc)

    def open_file(self) -> None:
        if self.last is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last.path)))

