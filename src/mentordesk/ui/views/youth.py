"""The youth list: referrals, the waiting list and young people in matches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...domain.enums import YouthStatus
from ...services.youth import YouthRow
from ..context import PageContext
from ..forms.youth import YouthForm
from ..models import columns as col
from .list_page import FilterChoice, any_of, status_choices
from .record_list import RecordListPage, status_column


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
    """Double-click or Enter opens the young person's form; Ctrl+N a new one."""

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
            settings=context.settings, sort=("name", Qt.SortOrder.AscendingOrder), parent=parent,
        )

    def load_rows(self) -> list[YouthRow]:
        return self.context.services.youth.list_rows(include_archived=self.include_archived)

    def make_form(self, record_id: int | None) -> YouthForm:
        return YouthForm(self.context, record_id, changed=self.record_changed,
                         parent=self.window())
