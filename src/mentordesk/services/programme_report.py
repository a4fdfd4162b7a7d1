"""The programme (board) report's figures for a period, as of its last day.

A period runs from `start` to `end`, both days included; "as of the end" means
as things stood at the end of its last day. Archived matches are left out (they
were removed from the record); archived volunteers are left out of the counts of
people, but every session counts (what happened, happened).

Definitions (printed in the report's methodology section):

- A match **started** on its start date; it **closed** on its end date (the date
  closure was completed) when its status is closed. Proposed and declined
  matches never started. A match is **active in the period** when it started on
  or before the last day and had not closed before the first day; **running at
  the end** when it started on or before the last day and had not closed by it.
- **Match survival** at 6, 12 and 24 months, among matches active in the period:
  the matches that *could have* lasted that long by the end of the period are
  those closed by then and those that started at least that many calendar months
  before the last day; a match *reached* the mark when it ran (to its closure, or
  to the last day) at least that many calendar months (15 March → 15 September
  is 6 months).
- **Average match length**: from the start to the closure, or to the last day of
  the period for a match still running then, averaged over the matches active in
  the period, in average calendar months (365.25 / 12 days). The average length
  of the matches closed in the period runs from start to closure.
- **Closures**: matches whose closure date falls in the period, by reason, by
  category and by the rematch decision (eligible / not eligible / not recorded).
- **Support-contact compliance** against the configured cadence, for each match
  active in the period: the cadence asks for a first contact after the start and
  then one per interval after each contact made (by the match's age); a due date
  passed without a contact is missed and the next falls one interval later. The
  contacts **due in the period** are the due dates from its first day up to its
  last (or to the closure); one is **on time** when a contact was made on or
  before its date. A match is **fully compliant** when every contact due in the
  period was on time (matches with none due are not counted either way). A match
  running at the end is **overdue** when its next contact (by the cadence, from
  the last contact made) was due before the last day. Any party and method
  counts; contacts recorded as not made do not.
- **Screening**: volunteers on record by today's status (statuses have no
  history); for volunteers applied, in screening, accepted or matched, each
  screening check the settings require of them stands as of the last day as
  missing, pending, clear, flagged or expired (the latest completed check
  decides, as in the volunteer's checklist); **expiring** checks are clear but
  expire within the warning window after the last day.
- **Volunteers by sponsor and branch**: volunteers on record whose employment
  on the last day of the period was with the company and branch; a volunteer
  with two employments that day counts at each. **Active** ones had an attended
  session in the period.
- **Sessions and hours**: attended sessions dated in the period and their exact
  minutes; cancelled and no-show sessions are counted apart and add no hours.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import ClosureReason, Match, MentoringSession, SupportContact
from ..domain.cadence import Cadence, contact_status
from ..domain.enums import ClosureCategory, MatchStatus, SessionStatus
from ..domain.progress import SILENT, Progress
from ..domain.programme_figures import (
    Activity,
    Closures,
    Compliance,
    MatchFigures,
    ProgrammeFigures,
    contact_schedule,
)
from ..domain.survival import SURVIVAL_MONTHS, MatchSpan, Survival, survival, total_days
from .participation import Period
from .programme_people import screening_figures, volunteers_by_employer
from .settings import SettingsService

STARTED = (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING, MatchStatus.CLOSED)
NOT_RECORDED = "No reason recorded"
STEPS = 6


@dataclass(frozen=True, slots=True)
class _Match(MatchSpan):
    id: int = 0
    reason: str | None = None
    category: ClosureCategory | None = None
    rematch: bool | None = None


def _match(row) -> _Match:
    closed = row.end_date if row.status == MatchStatus.CLOSED else None
    return _Match(row.start_date, closed, row.id, row.label, row.closure_category,
                  row.rematch_eligible)


class ProgrammeReportService:
    """Read-only figures for the board report (see the module docstring)."""

    def __init__(self, db):
        self.db = db

    def figures(self, start: date, end: date, *,
                progress: Progress = SILENT) -> ProgrammeFigures:
        period = Period(start, end)  # refuses an end before the start
        settings = SettingsService(self.db)
        policy, cadence = settings.screening_policy(), settings.cadence()
        with self.db.reading() as s:
            progress.progress(0, STEPS, "Reading matches…")
            spans = [m for m in self._matches(s, period.end)
                     if m.active_in(period.start, period.end)]
            progress.check()
            matches = self._match_figures(spans, period)
            closures = self._closures([m for m in spans if m.closed_on is not None
                                       and period.contains(m.closed_on)])
            progress.progress(1, STEPS, "Checking support contacts…")
            compliance = self._compliance(s, spans, period, cadence)
            progress.check()
            progress.progress(2, STEPS, "Counting sessions…")
            activity, active_people = self._activity(s, period)
            progress.check()
            progress.progress(3, STEPS, "Counting screening checks…")
            screening = screening_figures(s, period.end, policy)
            progress.check()
            progress.progress(4, STEPS, "Counting volunteers by sponsor…")
            sponsors, on_record = volunteers_by_employer(s, period.end, active_people)
            progress.progress(5, STEPS, "")
        return ProgrammeFigures(period.start, period.end, matches, closures, compliance,
                                screening, activity, sponsors, len(on_record),
                                len(on_record & active_people))

    # --- matches ------------------------------------------------------------------------

    @staticmethod
    def _matches(s: Session, end: date) -> list[_Match]:
        rows = s.execute(
            select(Match.id, Match.status, Match.start_date, Match.end_date,
                   Match.closure_category, Match.rematch_eligible, ClosureReason.label)
            .outerjoin(ClosureReason, ClosureReason.id == Match.closure_reason_id)
            .where(Match.archived_at.is_(None), Match.status.in_(STARTED),
                   Match.start_date.is_not(None), Match.start_date <= end))
        return [_match(row) for row in rows]

    @staticmethod
    def _match_figures(spans: list[_Match], period: Period) -> MatchFigures:
        closed = [m for m in spans if m.closed_on is not None and period.contains(m.closed_on)]
        return MatchFigures(
            active=len(spans),
            started=sum(period.contains(m.start) for m in spans),
            closed=len(closed),
            running_at_end=sum(m.running_on(period.end) for m in spans),
            length_days=total_days(spans, period.end),
            closed_length_days=total_days(closed, period.end),
            survival=tuple(Survival(n, *survival(spans, period.end, n))
                           for n in SURVIVAL_MONTHS),
        )

    @staticmethod
    def _closures(closed: list[_Match]) -> Closures:
        reasons = Counter(m.reason or NOT_RECORDED for m in closed)
        categories = Counter(m.category for m in closed)
        return Closures(
            total=len(closed),
            by_reason=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0].casefold()))),
            by_category=tuple((c, categories.get(c, 0)) for c in ClosureCategory),
            rematch_yes=sum(m.rematch is True for m in closed),
            rematch_no=sum(m.rematch is False for m in closed),
            rematch_unrecorded=sum(m.rematch is None for m in closed),
        )

    # --- support contacts ---------------------------------------------------------------

    @staticmethod
    def _compliance(s: Session, spans: list[_Match], period: Period,
                    cadence: Cadence) -> Compliance:
        made: dict[int, list[date]] = defaultdict(list)
        for match_id, day in s.connection().execute(
            select(SupportContact.match_id, SupportContact.contact_date)
            .join(Match, Match.id == SupportContact.match_id)
            .where(SupportContact.made.is_(True), SupportContact.contact_date <= period.end,
                   Match.archived_at.is_(None), Match.status.in_(STARTED),
                   Match.start_date <= period.end)):
            made[match_id].append(day)
        due = on_time = with_dues = compliant = running = overdue = 0
        for m in spans:
            contacts = made.get(m.id, [])
            until = m.closed_on if m.closed_by(period.end) else period.end
            dues = [d for d in contact_schedule(m.start, contacts, cadence, until)
                    if d.due >= period.start]
            if dues:
                with_dues += 1
                met = sum(d.met for d in dues)
                due, on_time = due + len(dues), on_time + met
                compliant += met == len(dues)
            if m.running_on(period.end):
                running += 1
                overdue += contact_status(m.start, contacts, period.end, cadence).overdue
        return Compliance(cadence.name, cadence.source, len(spans), with_dues, compliant,
                          due, on_time, running, overdue)

    # --- sessions -----------------------------------------------------------------------

    @staticmethod
    def _activity(s: Session, period: Period) -> tuple[Activity, set[int]]:
        """One pass over the period's sessions (by date), grouped by what is counted."""
        ms = MentoringSession
        conn = s.connection()  # Core rows: no ORM bookkeeping per row
        youth_of = dict(conn.execute(select(Match.id, Match.youth_id)).all())
        counts: Counter = Counter()
        minutes, people, youth = 0, set(), set()
        for status, volunteer_id, match_id, n, total in conn.execute(
            select(ms.status, ms.volunteer_id, ms.match_id, func.count(),
                   func.sum(ms.duration_minutes))
            .where(ms.session_date >= period.start, ms.session_date <= period.end)
            .group_by(ms.status, ms.volunteer_id, ms.match_id)):
            counts[status] += int(n)
            if status == SessionStatus.ATTENDED:
                minutes += int(total)
                people.add(volunteer_id)
                if match_id is not None:
                    youth.add(youth_of[match_id])
        return Activity(
            sessions=counts[SessionStatus.ATTENDED], minutes=minutes,
            cancelled=counts[SessionStatus.CANCELLED], no_show=counts[SessionStatus.NO_SHOW],
            volunteers=len(people), youth=len(youth),
        ), people
