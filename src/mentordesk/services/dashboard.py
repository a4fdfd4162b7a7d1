"""The dashboard: headline figures, alerts and chart series for one day.

The alerts are worked out in services/dashboard_alerts.py (their names are
importable from here as before).

Everything over sessions and support contacts is an aggregate query (portable
SQL, the same on SQLite and PostgreSQL); the per-match and per-volunteer rules
then run in Python over plain tuples of the running and closed matches and of
the accepted and matched volunteers (thousands of rows, never the sessions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..domain import Match, MentoringSession, Volunteer, Youth
from ..domain.dates import add_months, reached_months
from ..domain.enums import MatchStatus, SessionStatus, VolunteerStatus
from ..domain.survival import MONTH_DAYS, SURVIVAL_MONTHS, Survival
from .dashboard_alerts import (  # noqa: F401 (Alert, AlertKind ... are importable from here)
    ANNIVERSARY_DAYS,
    NO_SESSION_DAYS,
    RUNNING,
    URGENT_AFTER_DAYS,
    Alert,
    AlertKind,
    RunningMatch,
    Severity,
    anniversary_alerts,
    contact_alerts,
    next_anniversary,
    session_alerts,
    volunteer_alerts,
)
from .settings import SettingsService

HOURS_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Figures:
    active_matches: int
    volunteers_by_stage: tuple[tuple[VolunteerStatus, int], ...]
    minutes_this_month: int
    average_match_months: float | None
    survival: tuple[Survival, ...]
    ready_to_match: int

    def reaching(self, months: int) -> Survival:
        return next(s for s in self.survival if s.months == months)


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: date
    figures: Figures
    alerts: tuple[Alert, ...]
    hours_by_month: tuple[tuple[date, int], ...]  # (first day of the month, attended minutes)
    matches_by_status: tuple[tuple[MatchStatus, int], ...]


class DashboardService:
    def __init__(self, db: Database):
        self.db = db

    def build(self, today: date) -> Dashboard:
        """The whole dashboard for `today`, read in one session."""
        settings = SettingsService(self.db)
        policy, cadence = settings.screening_policy(), settings.cadence()
        with self.db.reading() as s:
            matches = self._matches(s)
            volunteers_alerts, ready = volunteer_alerts(s, today, policy)
            hours = self._hours_by_month(s, today)
            alerts = [
                *contact_alerts(s, matches, today, cadence),
                *volunteers_alerts,
                *session_alerts(s, matches, today),
                *anniversary_alerts(matches, today),
            ]
            by_status = self._count_by(s, Match.status, Match.archived_at, MatchStatus)
            figures = Figures(
                active_matches=sum(n for status, n in by_status if status in RUNNING),
                volunteers_by_stage=self._count_by(
                    s, Volunteer.status, Volunteer.archived_at, VolunteerStatus),
                minutes_this_month=hours[-1][1],
                average_match_months=self._average_months(matches, today),
                survival=tuple(self._survival(matches, today, n) for n in SURVIVAL_MONTHS),
                ready_to_match=ready,
            )
        order = list(Severity), list(AlertKind)
        alerts.sort(key=lambda a: (order[0].index(a.severity), order[1].index(a.kind),
                                   a.day or date.max, a.record_id))
        return Dashboard(today, figures, tuple(alerts), hours, by_status)

    # --- figures ---------------------------------------------------------------------

    @staticmethod
    def _count_by(s: Session, column, archived, enum_cls) -> tuple:
        counts = dict(s.execute(
            select(column, func.count()).where(archived.is_(None)).group_by(column)).all())
        return tuple((member, int(counts.get(member, 0))) for member in enum_cls)

    @staticmethod
    def _matches(s: Session) -> list[RunningMatch]:
        """Running and closed matches that have started, with who is in them."""
        v, y = aliased(Volunteer), aliased(Youth)
        rows = s.execute(
            select(Match.id, Match.status, Match.start_date, Match.end_date,
                   v.first_name, v.last_name, y.first_name, y.last_name)
            .join(v, v.id == Match.volunteer_id).join(y, y.id == Match.youth_id)
            .where(Match.archived_at.is_(None), Match.start_date.is_not(None),
                   Match.status.in_([*RUNNING, MatchStatus.CLOSED]))
        )
        return [RunningMatch(mid, status, start, end, f"{vf} {vl} and {yf} {yl}".strip())
                for mid, status, start, end, vf, vl, yf, yl in rows]

    @staticmethod
    def _average_months(matches: list[RunningMatch], today: date) -> float | None:
        """Average length of running and closed matches, in months.

        A match's length runs from its start date to its end date (the date closure
        was completed) or, while it runs, to today; matches starting after today are
        left out. The mean length in days is divided by the average calendar month
        (365.25 / 12 days), so 1.0 is one month and 12.0 one year.
        """
        days = [((m.end or today) - m.start).days for m in matches if m.start <= today]
        return sum(days) / len(days) / MONTH_DAYS if days else None

    @staticmethod
    def _survival(matches: list[RunningMatch], today: date, months: int) -> Survival:
        """Among matches that could have reached `months` -- closed ones, and running
        ones that started at least that long ago -- how many did."""
        could = [m for m in matches
                 if m.status == MatchStatus.CLOSED or add_months(m.start, months) <= today]
        reached = sum(reached_months(m.start, m.end or today, months) for m in could)
        return Survival(months, reached, len(could))

    @staticmethod
    def _hours_by_month(s: Session, today: date) -> tuple[tuple[date, int], ...]:
        """Attended minutes per month for the last months, this month (to today) last."""
        first = add_months(today.replace(day=1), 1 - HOURS_MONTHS)
        day = MentoringSession.session_date
        year, month = extract("year", day).label("y"), extract("month", day).label("m")
        totals = {
            (int(y_), int(m_)): int(minutes)
            for y_, m_, minutes in s.execute(
                select(year, month, func.sum(MentoringSession.duration_minutes))
                .where(MentoringSession.status == SessionStatus.ATTENDED,
                       day >= first, day <= today)
                .group_by(year, month)
            )
        }
        months = [add_months(first, i) for i in range(HOURS_MONTHS)]
        return tuple((m, totals.get((m.year, m.month), 0)) for m in months)
