"""The youth list: referrals, the waiting list and young people in matches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from ...domain.enums import YouthStatus
from ...services.youth import YouthRow
from ..context import PageContext
from ..forms.youth import YouthForm
from ..models import columns as col
from .facets import Facets
from .list_page import FilterChoice, any_of, status_choices
from .record_list import RecordListPage, status_column

# Company and branch: the employers of the young person's mentors (see YouthRow).
FACETS = Facets(
    date_label="Referred", dates=lambda r: (r.referred_on, r.referred_on),
    programmes=lambda r: ((r.programme_id, r.programme),) if r.programme_id else (),
    sponsors=lambda r: r.sponsors, branches=lambda r: r.branches,
)


def _grade(value: str | None) -> str:
    if not value:
        return ""
    return f"grade {value}" if value.isdigit() else value


def _born_and_grade(row: YouthRow) -> str:
    parts = [col.format_date(row.date_of_birth), _grade(row.grade)]
    return " · ".join(p for p in parts if p)


def _age_tip(today: Callable[[], date]) -> Callable[[YouthRow], str | None]:
    def tip(row: YouthRow) -> str | None:
        born = row.date_of_birth
        if born is None:
            return None
        now = today()
        age = now.year - born.year - ((now.month, now.day) < (born.month, born.day))
        return f"{age} years old"

    return tip


def youth_columns(today: Callable[[], date]) -> list[col.Column]:
    return [
        col.identifier("ref", "Programme ID", lambda r: r.programme_ref),
        col.person("name", "Name", lambda r: r.first_name, lambda r: r.last_name,
                   header_tip="Sorted by last name"),
        col.Column("born", "Date of birth / grade", _born_and_grade,
                   lambda r: r.date_of_birth, tooltip=_age_tip(today),
                   header_tip="Sorted by date of birth"),
        col.text("school", "School", lambda r: r.school),
        col.text("programme", "Programme", lambda r: r.programme),
        status_column(lambda r: r.status, header_tip="Sorted in order, from referred to exited"),
    ]


class YouthPage(RecordListPage):
    """Double-click or Enter opens the young person's form; Ctrl+N a new one.

    "Find a mentor…" (a button, Ctrl+M, and the table's right-click menu) opens the
    matching assistant for the young person selected (navigator kind "find_mentor").
    """

    kind = "youth"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        today = context.today
        super().__init__(
            context, new_label="New young person…", service=context.services.youth,
            key="youth", title="Youth", noun=("young person", "young people"),
            columns=youth_columns(today),
            filters=[
                FilterChoice("All young people"),
                FilterChoice("Waiting for a match",
                             any_of((YouthStatus.REFERRED, YouthStatus.WAITING))),
                None,
                *status_choices(YouthStatus),
            ],
            settings=context.settings, sort=("name", Qt.SortOrder.AscendingOrder),
            facets=FACETS, parent=parent,
        )
        self.find_action = QAction("&Find a mentor…", self.table)
        self.find_action.setShortcut(QKeySequence("Ctrl+M"))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.find_action.setToolTip("Rank volunteers for the young person selected (Ctrl+M)")
        self.find_action.triggered.connect(self.find_mentor)
        self.find_button = QPushButton("Find a mentor…", self, objectName="youthFindMentor")
        self.find_button.setToolTip(self.find_action.toolTip())
        self.find_button.clicked.connect(self.find_mentor)
        self.actions_layout.insertWidget(1, self.find_button)
        open_action = QAction("&Open…", self.table)
        open_action.triggered.connect(lambda: self._open_selected())
        self.table.insertActions(self.archive_action, [open_action, self.find_action])
        self.addAction(self.find_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().selectionChanged.connect(self._youth_chosen)
        self.proxy.modelReset.connect(self._youth_chosen)
        self._youth_chosen()

    def _youth_chosen(self, *_: object) -> None:
        one = len(self.selected_rows()) == 1
        self.find_action.setEnabled(one)
        self.find_button.setEnabled(one)

    def _open_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.open_record(rows[0].id)

    def find_mentor(self) -> bool:
        """The matching assistant for the young person selected (False: none selected)."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return False
        return self.context.navigator.open_record("find_mentor", rows[0].id)

    def load_rows(self) -> list[YouthRow]:
        return self.context.services.youth.list_rows(include_archived=self.include_archived)

    def make_form(self, record_id: int | None) -> YouthForm:
        return YouthForm(self.context, record_id, changed=self.record_changed,
                         parent=self.window())
