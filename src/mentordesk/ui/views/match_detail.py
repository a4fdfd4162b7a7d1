"""The match page: people, status and its next steps, support due, plan, timeline, quick logs."""

from __future__ import annotations

import weakref
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import MatchStatus
from ...domain.errors import MentorDeskError
from ...services.container import Services
from ...services.matches import MatchDetail
from ..context import PageContext
from ..dialogs.closure_wizard import ClosureWizard
from ..dialogs.log_contact import LogContactDialog
from ..dialogs.log_session import LogSessionDialog
from ..dialogs.match_forms import one_sentence
from ..forms.editors import date_edit
from ..forms.messages import error_colour
from ..models import RecordFilterProxy
from ..models import columns as col
from ..models.timeline import TimelineModel
from ..widgets.labels import heading
from .match_facts import NEXT_STEPS, closure_text, due_text, fact_rows
from .table import RecordTableView

class PlanEdit(QUndoCommand):
    """A match plan change; redo and undo only call MatchService.update_plan."""

    def __init__(self, services: Services, match_id: int, old: str, new: str, version: int,
                 page: MatchDetailPage):
        super().__init__(f"Edit the plan of match #{match_id}")
        self.services, self.match_id = services, match_id
        self.old, self.new, self.version = old, new, version
        self.error: MentorDeskError | None = None
        self._page = weakref.ref(page)

    def _write(self, plan: str) -> None:
        try:
            self.version = self.services.matches.update_plan(
                self.match_id, plan, expected_version=self.version).version
        except MentorDeskError as exc:  # someone else changed the match: drop this step
            self.error = exc
            self.setObsolete(True)
        page = self._page()
        if page is not None:
            try:
                page.plan_written(self)
            except RuntimeError:  # the page's window was closed since
                pass

    def redo(self) -> None:
        self._write(self.new)

    def undo(self) -> None:
        self._write(self.old)


class MatchDetailPage(QWidget):
    """One match. `changed` tells the list that the match or its timeline changed."""

    changed = Signal(int)

    def __init__(self, context: PageContext, match_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.match_id = context, match_id
        self.detail: MatchDetail | None = None
        self.dialog: QWidget | None = None  # the log dialog or wizard open now
        self.heading = heading("", self)
        self.subheading = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("matchStatus")
        self.start_date = date_edit(self, context.today())
        self.start_date.setToolTip("The day the match starts (the match meeting)")
        self.step_buttons: dict[str, QPushButton] = {}
        self.steps = QHBoxLayout()
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.contact_due: QLabel | None = None  # made with the facts on each refresh
        self.plan = QPlainTextEdit(self)
        self.plan.setPlaceholderText("Goals the volunteer, young person and family agreed")
        self.plan.textChanged.connect(self._plan_typed)
        self.save_plan = QPushButton("&Save plan", self)
        self.save_plan.clicked.connect(self.commit_plan)
        self.timeline = TimelineModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.timeline)
        self.table = RecordTableView(self)
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.proxy)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        # Widths from typical texts: measuring hundreds of rows would cost 0.1 s or more.
        metrics, header = self.table.fontMetrics(), self.table.horizontalHeader()
        samples = (col.format_date(date(2026, 12, 28)), "● Support contact",
                   "Guardian · text / email", "Duration", "Contact made", "Rating")
        for column, sample in enumerate(samples):  # the notes stretch
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        self.log_session = QPushButton("Log a &session…", self)
        self.log_session.clicked.connect(self.open_log_session)
        self.log_contact = QPushButton("Log a support &contact…", self)
        self.log_contact.clicked.connect(self.open_log_contact)
        for action, key in ((context.undo.createUndoAction(self), QKeySequence.StandardKey.Undo),
                            (context.undo.createRedoAction(self), QKeySequence.StandardKey.Redo)):
            action.setShortcut(key)  # in the match's own window, as in the main window
            self.addAction(action)
        self._build_layout()
        self.refresh()

    def _build_layout(self) -> None:
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("Status:", self))
        status_row.addWidget(self.status)
        status_row.addSpacing(12)
        status_row.addWidget(self.start_date)
        status_row.addLayout(self.steps)
        status_row.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addLayout(self.facts)
        plan_row = QHBoxLayout()
        plan_row.addWidget(QLabel("<b>Match plan</b>", left), 1)
        plan_row.addWidget(self.save_plan)
        left_layout.addLayout(plan_row)
        left_layout.addWidget(self.plan, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("<b>Sessions and support contacts</b>", right), 1)
        actions.addWidget(self.log_session)
        actions.addWidget(self.log_contact)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(status_row)
        layout.addWidget(splitter, 1)

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        matches = self.context.services.matches
        detail = self.detail = matches.detail(self.match_id)
        today = self.context.today()
        self.setWindowTitle(f"Match #{detail.id}: {detail.volunteer} & {detail.youth} — MentorDesk")
        self.heading.setText(f"{detail.volunteer} & {detail.youth}")
        ref = f" ({detail.youth_ref})" if detail.youth_ref else ""
        self.subheading.setText(f"Match #{detail.id} · {detail.kind.label} · {detail.programme}"
                                f" · young person{ref}")
        self.status.setText(f"<b>{detail.status.label}</b>")
        self._fill_steps(detail)
        self._fill_facts(detail, matches.contact_due(self.match_id, today), today)
        if self.plan.toPlainText() != detail.plan:
            self.plan.setPlainText(detail.plan)
        self._plan_typed()
        self.timeline.set_rows(matches.timeline(self.match_id))
        self.table.set_empty_text("No sessions or support contacts yet.")
        running = detail.status.is_open or detail.status == MatchStatus.CLOSED
        self.log_session.setEnabled(running and detail.start_date is not None)
        self.log_contact.setEnabled(running and detail.start_date is not None)

    def _fill_steps(self, detail: MatchDetail) -> None:
        for button in self.step_buttons.values():
            self.steps.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        for label, target in NEXT_STEPS.get(detail.status, ()):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _=False, t=target: self.step(t))
            self.steps.addWidget(button)
            self.step_buttons[label] = button
        self.start_date.setVisible(detail.status == MatchStatus.PROPOSED)

    def _fill_facts(self, detail: MatchDetail, due, today) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        for label, text in fact_rows(detail, today):
            value = QLabel(text, self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.facts.addRow(label, value)
        text, overdue = due_text(due)
        self.contact_due = QLabel(text, self)
        self.contact_due.setObjectName("contactDue")
        if overdue:
            self.contact_due.setStyleSheet(f"color: {error_colour(self).name()};")
        self.facts.addRow("Next support contact:", self.contact_due)
        closure = closure_text(detail)
        if closure is not None:
            value = QLabel(closure, self)
            value.setWordWrap(True)
            self.facts.addRow("Closure:", value)

    # --- changing -----------------------------------------------------------------------------

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit(self.match_id)

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, "MentorDesk", message)

    def step(self, target: MatchStatus | None) -> None:
        detail, matches = self.detail, self.context.services.matches
        try:
            if target is None:
                self.open_closure_wizard()
                return
            if target == MatchStatus.ACTIVE and detail.status == MatchStatus.PROPOSED:
                matches.activate(detail.id, self.start_date.date().toPython(),
                                 expected_version=detail.version)
            elif target == MatchStatus.DECLINED:
                answer = QMessageBox.question(
                    self, "Decline the match", f"Decline the proposed match of {detail.volunteer}"
                    f" and {detail.youth}? A declined match cannot be started later.")
                if answer != QMessageBox.StandardButton.Yes:
                    return
                matches.decline(detail.id, expected_version=detail.version)
            else:
                matches.set_status(detail.id, target, expected_version=detail.version)
        except MentorDeskError as exc:
            reasons = getattr(exc, "reasons", None)
            self._warn(one_sentence("The match cannot start yet", reasons)
                       if target == MatchStatus.ACTIVE and reasons and len(reasons) > 1
                       else str(exc))
        self._changed()

    def _plan_typed(self) -> None:
        edited = self.detail is not None and self.plan.toPlainText() != self.detail.plan
        self.save_plan.setEnabled(edited)

    def commit_plan(self) -> None:
        detail = self.detail
        command = PlanEdit(self.context.services, detail.id, detail.plan,
                           self.plan.toPlainText().strip(), detail.version, self)
        self.context.undo.push(command)

    def plan_written(self, command: PlanEdit) -> None:
        """After the plan command's redo or undo: show what is stored now."""
        if command.error is not None:
            self._warn(str(command.error))
        self.plan.setPlainText(self.context.services.matches.detail(self.match_id).plan)
        self._changed()

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._changed)
        dialog.finished.connect(lambda _=0: setattr(self, "dialog", None))
        dialog.open()

    def open_log_session(self) -> None:
        self._open(LogSessionDialog(self.context.services, self.detail, self.context.today(), self))

    def open_log_contact(self) -> None:
        self._open(LogContactDialog(self.context.services, self.detail, self.context.today(), self))

    def open_closure_wizard(self) -> None:
        self._open(ClosureWizard(self.context.services, self.detail, self.context.today(), self))

