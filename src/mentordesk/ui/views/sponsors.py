"""The Sponsors page: companies with what their people did in a period, and each
company's branches with headcount, volunteers, participation rate and hours.

The figures come from ParticipationService.overview (read off the GUI thread by
ListPage); hours count for the branch a volunteer worked at on the day of each
session. Forms and archiving go through undoable commands over the services.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import MentorDeskError
from ...services.participation import BranchParticipation, SponsorParticipation
from ..commands import CreateRecord, EditRecord, SetArchived, run_command
from ..context import PageContext
from ..dialogs.sponsor_form import BranchForm, CompanyForm
from ..models import RecordFilterProxy, RecordTableModel
from ..tasks import show_error
from .header import TableColumns
from .list_page import FilterChoice, ListPage
from .period_selector import PeriodSelector
from .sponsor_columns import BRANCH_FIELDS, COMPANY_FIELDS, branch_columns, sponsor_columns
from .table import RecordTableView


def _differs(old: Any, new: Any) -> bool:
    """A form value differs from the stored one (an empty field equals None)."""
    return (old if old is not None else "") != (new if new is not None else "")


def _button(parent: QWidget, text: str, slot, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.clicked.connect(lambda _=False: slot())
    return button


class SponsorsPage(ListPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None):
        self.context = context
        super().__init__(
            key="sponsors", title="Sponsors", noun=("company", "companies"),
            columns=sponsor_columns(),
            filters=[
                FilterChoice("All companies"),
                FilterChoice("With volunteers", lambda r: r.volunteers > 0),
                FilterChoice("Without volunteers", lambda r: r.volunteers == 0),
            ],
            settings=context.settings, sort=("name", Qt.SortOrder.AscendingOrder), parent=parent,
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.period = PeriodSelector(context.today, self)
        self._period = self.period.period()
        self.period.changed.connect(self._period_changed)
        self._build_branches()
        self._arrange()
        self.table.selectionModel().selectionChanged.connect(self._show_branches)
        self.proxy.modelReset.connect(self._show_branches)
        self.proxy.modelReset.connect(lambda: QTimer.singleShot(0, self, self._select_first))

    # --- building ------------------------------------------------------------------------

    def _build_branches(self) -> None:
        self.branch_model = RecordTableModel(branch_columns(), self)
        self.branch_proxy = RecordFilterProxy(self)
        self.branch_proxy.setSourceModel(self.branch_model)
        self.branch_table = RecordTableView(self)
        self.branch_table.setObjectName("branchesTable")
        self.branch_table.setModel(self.branch_proxy)
        self.branch_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.branch_table.activated.connect(lambda _index: self.edit_branch())
        self.branch_columns = TableColumns("sponsorBranches", self.branch_table,
                                           self.branch_model, self.branch_proxy,
                                           self.context.settings)
        self._branches_sized = self.branch_columns.restore(("name", Qt.SortOrder.AscendingOrder))
        self.branch_title = QLabel(self)
        self.branch_title.setObjectName("branchesTitle")
        self.branch_title.setWordWrap(True)
        font = self.branch_title.font()
        font.setBold(True)
        self.branch_title.setFont(font)

    def _arrange(self) -> None:
        for text, slot, name in (("&New company…", self.new_company, "newCompany"),
                                 ("Ed&it…", self.edit_company, "editCompany"),
                                 ("&Archive…", self.archive_company, "archiveCompany")):
            self.actions_layout.addWidget(_button(self, text, slot, name))
        note = QLabel("Hours and volunteers count for the branch where each volunteer "
                      "worked on the day.", self)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        note.setWordWrap(True)  # a narrow window wraps it rather than growing
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addSpacing(12)
        period_row.addWidget(note, 1)
        branch_bar = QHBoxLayout()
        branch_bar.addWidget(self.branch_title, 1)
        for text, slot, name in (("Add &branch…", self.add_branch, "addBranch"),
                                 ("Edit b&ranch…", self.edit_branch, "editBranch"),
                                 ("Archive bran&ch…", self.archive_branch, "archiveBranch")):
            branch_bar.addWidget(_button(self, text, slot, name))
        lower = QWidget(self)
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 6, 0, 0)
        column.addLayout(branch_bar)
        column.addWidget(self.branch_table, 1)
        layout = self.layout()
        position = layout.indexOf(self.table)
        layout.removeWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.insertLayout(position, period_row)
        layout.insertWidget(position + 1, self.splitter, 1)

    # --- loading -------------------------------------------------------------------------

    def load_rows(self) -> list[SponsorParticipation]:
        return self.context.services.participation.overview(self._period).sponsors

    def row_key(self, row: SponsorParticipation) -> int:
        return row.sponsor_id

    def _period_changed(self) -> None:
        self._period = self.period.period()
        self.reload()

    def save_state(self) -> None:
        super().save_state()
        self.branch_columns.save()

    def current_company(self) -> SponsorParticipation | None:
        rows = self.selected_rows()
        return rows[0] if rows else None

    def current_branch(self) -> BranchParticipation | None:
        index = self.branch_table.selectionModel().currentIndex()
        if not index.isValid() or not self.branch_table.selectionModel().selectedRows():
            return None
        return self.branch_model.row_at(self.branch_proxy.mapToSource(index).row())

    def _select_first(self) -> None:
        if self.proxy.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def _show_branches(self, *_: Any) -> None:
        company = self.current_company()
        keep = self.current_branch()
        rows = list(company.branch_rows) if company else []
        self.branch_model.set_rows(rows)
        if company is None:
            self.branch_title.setText("Branches")
            self.branch_table.set_empty_text("Select a company to see its branches.")
        else:
            self.branch_title.setText(f"Branches of {company.name}, {self.period.text()}")
            self.branch_table.set_empty_text(f"{company.name} has no branches yet.")
        if rows and not self._branches_sized and self.isVisible():
            self._branches_sized = True
            self.branch_columns.fit()
        if keep is not None:
            for r, row in enumerate(rows):
                if (row.sponsor_id, row.branch_id) == (keep.sponsor_id, keep.branch_id):
                    self.branch_table.selectRow(self.branch_proxy.mapFromSource(
                        self.branch_model.index(r, 0)).row())

    # --- companies -------------------------------------------------------------------------

    def _command(self, command, select_new: bool = False) -> None:
        """Do it (errors go to the caller), push it for Undo, then show the result."""
        command.changed = None
        run_command(self.context.undo, command)
        command.changed = self.reload  # after an undo or redo
        self.reload(select=[command.record_id] if select_new else None)

    def new_company(self) -> CompanyForm:
        services = self.context.services

        def submit(values: dict[str, Any]) -> int:
            command = CreateRecord(services.sponsors, values, text="New company")
            self._command(command, select_new=True)
            return command.record_id

        return self._open(CompanyForm(submit, parent=self))

    def edit_company(self) -> CompanyForm | None:
        company = self.current_company()
        if company is None:
            return None
        old = {key: getattr(company, key) for key in COMPANY_FIELDS}

        def submit(values: dict[str, Any]) -> None:
            changes = {k: (old[k], v) for k, v in values.items() if _differs(old[k], v)}
            if changes:
                self._command(EditRecord(self.context.services.sponsors, company.sponsor_id,
                                         changes, company.version, text="Edit company"))

        return self._open(CompanyForm(submit, old, parent=self))

    def open_row(self, row: Any) -> None:
        self.edit_company()

    def archive_company(self) -> None:
        company = self.current_company()
        if company is None or not self._confirm(
                "Archive company",
                f"Archive {company.name}? It leaves the lists; its volunteers' history stays "
                "and Edit → Undo brings it back."):
            return
        self._run(SetArchived(self.context.services.sponsors, company.sponsor_id, True,
                              text=f"Archive {company.name}"))

    # --- branches ---------------------------------------------------------------------------

    def _branch_service(self, sponsor_id: int) -> SimpleNamespace:
        """The sponsor service's branch methods under the names the commands call."""
        sponsors = self.context.services.sponsors
        return SimpleNamespace(
            what="branch", archive=sponsors.archive_branch, restore=sponsors.restore_branch,
            update=sponsors.update_branch,
            create=lambda **fields: sponsors.add_branch(sponsor_id, **fields))

    def add_branch(self) -> BranchForm | None:
        company = self.current_company()
        if company is None:
            return None

        def submit(values: dict[str, Any]) -> None:
            self._command(CreateRecord(self._branch_service(company.sponsor_id), values,
                                       text=f"Add branch to {company.name}"))

        return self._open(BranchForm(company.name, submit, parent=self))

    def edit_branch(self) -> BranchForm | None:
        company, branch = self.current_company(), self.current_branch()
        if company is None or branch is None or branch.branch_id is None:
            return None
        old = {key: getattr(branch, key) for key in BRANCH_FIELDS}

        def submit(values: dict[str, Any]) -> None:
            changes = {k: (old[k], v) for k, v in values.items() if _differs(old[k], v)}
            if changes:
                self._command(EditRecord(self._branch_service(company.sponsor_id),
                                         branch.branch_id, changes, branch.version,
                                         text="Edit branch"))

        return self._open(BranchForm(company.name, submit, old, parent=self))

    def archive_branch(self) -> None:
        company, branch = self.current_company(), self.current_branch()
        if company is None or branch is None or branch.branch_id is None or branch.archived:
            return
        if self._confirm("Archive branch",
                         f"Archive the {branch.name} branch of {company.name}? Its history "
                         "stays in the figures; Edit → Undo brings it back."):
            self._run(SetArchived(self._branch_service(company.sponsor_id), branch.branch_id,
                                  True, text=f"Archive {branch.name}"))

    # --- helpers ------------------------------------------------------------------------------

    def _open(self, form):
        """Show a form (modal to the window, not blocking the caller: tests drive it)."""
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        return form

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _run(self, command) -> None:
        try:
            self._command(command)
        except MentorDeskError as exc:
            show_error(self, exc)
