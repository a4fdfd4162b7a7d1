"""The matches list: proposed, running and closed matches with their length.

Double-click (or Enter) opens a match in its own window (navigator kind "match");
"New match…" opens the matching assistant (navigator kind "find_mentor", given
a young person's ID, opens it for that young person).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from ...domain.dates import whole_months
from ...domain.enums import MatchStatus
from ...services.matches import MatchRow
from ..context import PageContext
from ..dialogs.matching_assistant import MatchingAssistant
from ..models import columns as col
from .facets import Facets
from .list_page import FilterChoice, ListPage, any_of, status_choices
from .match_detail import MatchDetailPage

RUNNING = (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING)


def match_span(row: MatchRow) -> tuple[date | None, date | None]:
    """The days a match covers: start to end (open while it runs); before it starts,
    from its proposal on (a declined one only on that day)."""
    if row.start_date is not None:
        return row.start_date, row.end_date
    declined = row.status == MatchStatus.DECLINED
    return row.proposed_on, row.proposed_on if declined else None


# Company and branch: the volunteer's employer when the match started (see MatchRow).
FACETS = Facets(
    date_label="Running", dates=match_span,
    programmes=lambda r: ((r.programme_id, r.programme),) if r.programme_id else (),
    sponsors=lambda r: ((r.sponsor_id, r.sponsor),) if r.sponsor_id else (),
    branches=lambda r: ((r.branch_id, r.branch, r.sponsor_id),) if r.branch_id else (),
)


def _length_days(today: Callable[[], date]) -> Callable[[MatchRow], int | None]:
    def days(row: MatchRow) -> int | None:
        if row.start_date is None:
            return None
        return ((row.end_date or today()) - row.start_date).days

    return days


def _length_text(today: Callable[[], date]) -> Callable[[MatchRow], str]:
    def text(row: MatchRow) -> str:
        if row.start_date is None:
            return ""
        months = whole_months(row.start_date, row.end_date or today())
        return "1 month" if months == 1 else f"{months} months"

    return text


def _length_tip(row: MatchRow) -> str | None:
    if row.start_date is None:
        return "Not started"
    start = col.format_date(row.start_date)
    if row.end_date is None:
        return f"Running since {start}"
    return f"From {start} to {col.format_date(row.end_date)}"


def _youth_tip(row: MatchRow) -> str | None:
    return f"Programme ID {row.youth_ref}" if row.youth_ref else None


def match_columns(today: Callable[[], date]) -> list[col.Column]:
    return [
        col.identifier("id", "ID", lambda r: r.id, align=col.RIGHT),
        col.text("volunteer", "Volunteer", lambda r: r.volunteer),
        col.text("youth", "Youth", lambda r: r.youth, tooltip=_youth_tip),
        col.text("programme", "Programme", lambda r: r.programme),
        col.enum_label("kind", "Kind", lambda r: r.kind, visible=False),
        col.enum_label("status", "Status", lambda r: r.status,
                       header_tip="Sorted in order, from proposed to declined"),
        col.date_column("start", "Start", lambda r: r.start_date),
        col.date_column("end", "End", lambda r: r.end_date),
        col.Column("length", "Length", _length_text(today), _length_days(today), col.RIGHT,
                   tooltip=_length_tip, header_tip="Whole months from start to end (or today)"),
        col.text("reason", "Closure reason", lambda r: r.closure_reason),
        col.text("company", "Company", lambda r: r.sponsor, visible=False,
                 header_tip="The volunteer's employer when the match started"),
        col.text("branch", "Branch", lambda r: r.branch, visible=False),
    ]


class MatchesPage(ListPage):
    def __init__(self, context: PageContext, parent: QWidget | None = None):
        self.context = context
        today = context.today
        super().__init__(
            key="matches", title="Matches", noun=("match", "matches"),
            columns=match_columns(today),
            filters=[
                FilterChoice("All matches"),
                FilterChoice("Running (active, on hold, closing)", any_of(RUNNING)),
                None,
                *status_choices(MatchStatus),
            ],
            settings=context.settings, sort=("start", Qt.SortOrder.DescendingOrder),
            facets=FACETS, today=today, tasks=context.tasks, parent=parent,
        )
        self.windows: dict[int, MatchDetailPage] = {}  # match ID -> its open window
        self.assistant: MatchingAssistant | None = None
        self.new_button = QPushButton("&New match…", self)
        self.new_button.setObjectName("newMatchButton")
        self.new_button.setToolTip("Find a mentor for a young person with the matching assistant")
        self.new_button.clicked.connect(lambda: self.find_mentor())
        self.actions_layout.addWidget(self.new_button)
        context.navigator.register("match", self.open_match)
        context.navigator.register("find_mentor", self.find_mentor)

    def load_rows(self) -> list[MatchRow]:
        return self.context.services.matches.list_rows()

    def open_row(self, row: MatchRow) -> None:
        self.open_match(row.id)

    def open_match(self, match_id: int) -> MatchDetailPage:
        """Show the match page in its own window (the one already open, if any)."""
        page = self.windows.get(match_id)
        if page is not None and shiboken6.isValid(page):
            page.refresh()
            page.raise_()
            page.activateWindow()
            return page
        page = MatchDetailPage(self.context, match_id, self.window())
        page.setWindowFlag(Qt.WindowType.Window)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.resize(1100, 680)
        page.changed.connect(self._match_changed)
        page.destroyed.connect(lambda _=None, m=match_id: self.windows.pop(m, None))
        self.windows[match_id] = page
        page.show()
        return page

    def find_mentor(self, youth_id: int | None = None) -> MatchingAssistant:
        """The matching assistant, for this young person or one to choose."""
        if self.assistant is not None and shiboken6.isValid(self.assistant):
            if youth_id is not None:
                self.assistant.choose_youth(youth_id)
            return self.assistant
        dialog = self.assistant = MatchingAssistant(self.context, youth_id, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.proposed.connect(self._match_changed)
        dialog.accepted.connect(lambda: dialog.proposed_id and self.open_match(dialog.proposed_id))
        dialog.finished.connect(lambda _=0: setattr(self, "assistant", None))
        dialog.open()
        return dialog

    def _match_changed(self, match_id: int) -> None:
        self.reload(select=[match_id])
