"""The volunteers list: the pipeline from inquiry to matched, with readiness to match.

Double-click or Enter opens the volunteer's detail (screening, training,
employment, verdict); "New volunteer…" (Ctrl+N) opens the form.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from ...domain.enums import VolunteerStatus
from ...services.volunteers import VolunteerRow
from ..context import PageContext
from ..forms.volunteer import VolunteerForm
from ..models import columns as col
from .facets import Facets
from .list_page import FilterChoice, any_of, status_choices
from .record_list import RecordListPage, status_column
from .volunteer_detail import VolunteerDetail

PIPELINE = (VolunteerStatus.INQUIRY, VolunteerStatus.APPLIED, VolunteerStatus.SCREENING)
# Company and branch: the employer today; programme: those of the volunteer's matches.
FACETS = Facets(
    date_label="Applied", dates=lambda r: (r.applied_on, r.applied_on),
    programmes=lambda r: r.programmes,
    sponsors=lambda r: ((r.sponsor_id, r.sponsor),) if r.sponsor_id else (),
    branches=lambda r: ((r.branch_id, r.branch, r.sponsor_id),) if r.branch_id else (),
)


def _hours(minutes: int) -> str:
    return QLocale().toString(minutes / 60, "f", 1)


def _readiness_tip(row: VolunteerRow) -> str:
    if row.ready_to_match:
        return "Screening and pre-match training are complete; ready for a match."
    if row.not_ready_reasons:
        return "Not ready to match:\n" + "\n".join(f"• {r}" for r in row.not_ready_reasons)
    if row.eligible:
        return f"Screening and training are complete; the status is {row.status.label}."
    return "Screening checks or pre-match training are not complete yet."


def volunteer_columns() -> list[col.Column]:
    return [
        col.identifier("id", "ID", lambda r: r.id, visible=False, align=col.RIGHT),
        col.person("name", "Name", lambda r: r.first_name, lambda r: r.last_name,
                   header_tip="Sorted by last name"),
        col.text("email", "Email", lambda r: r.email),
        col.text("phone", "Phone", lambda r: r.phone),
        status_column(lambda r: r.status,
                      header_tip="Sorted in pipeline order, from inquiry to inactive"),
        col.text("company", "Company", lambda r: r.sponsor,
                 header_tip="The sponsor company the volunteer works for today"),
        col.text("branch", "Branch", lambda r: r.branch),
        col.text("city", "City", lambda r: r.city),
        col.number("training", "Training h", lambda r: r.training_minutes,
                   fmt=_hours, header_tip="Pre-match training, in hours"),
        col.yes_no("ready", "Ready to match", lambda r: r.ready_to_match,
                   tooltip=_readiness_tip),
    ]


class VolunteersPage(RecordListPage):
    kind = "volunteer"

    def __init__(self, context: PageContext, parent: QWidget | None = None):
        self._details: dict[int, VolunteerDetail] = {}
        super().__init__(
            context, new_label="New volunteer…", service=context.services.volunteers,
            key="volunteers", title="Volunteers", noun=("volunteer", "volunteers"),
            columns=volunteer_columns(),
            filters=[
                FilterChoice("All volunteers"),
                FilterChoice("Ready to match", lambda r: r.ready_to_match),
                FilterChoice("In the pipeline (inquiry to screening)", any_of(PIPELINE)),
                None,
                *status_choices(VolunteerStatus),
            ],
            settings=context.settings, sort=("name", Qt.SortOrder.AscendingOrder),
            facets=FACETS, parent=parent,
        )

    def load_rows(self) -> list[VolunteerRow]:
        return self.context.services.volunteers.list_rows(
            self.context.today(), include_archived=self.include_archived)

    def make_form(self, record_id: int | None) -> VolunteerForm:
        return VolunteerForm(self.context, record_id, changed=self.record_changed,
                             parent=self.window())

    def open_record(self, record_id: int) -> VolunteerDetail:
        """The volunteer's detail: one window per volunteer, brought to the front."""
        detail = self._details.get(record_id)
        if detail is None or not shiboken6.isValid(detail):
            detail = VolunteerDetail(self.context, record_id, changed=self.record_changed,
                                     parent=self.window())
            detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            detail.destroyed.connect(lambda *_, i=record_id: self._details.pop(i, None))
            self._details[record_id] = detail
        detail.show()
        detail.setWindowState(detail.windowState() & ~Qt.WindowState.WindowMinimized)
        detail.activateWindow()  # brought to the front when it was open already
        return detail

    def record_changed(self) -> None:
        super().record_changed()
        for detail in list(self._details.values()):
            if shiboken6.isValid(detail):
                detail.refresh()
