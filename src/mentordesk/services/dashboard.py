"""The dashboard: headline figures, alerts and chart series for one day.

Everything over sessions and support contacts is an aggregate query (portable
SQL, the same on SQLite and PostgreSQL); the per-match and per-volunteer rules
then run in Python over plain tuples of the running and closed matches and of
the accepted and matched volunteers (thousands of rows, never the sessions).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import and_, extract, func, select, union
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..domain import Match, MentoringSession, ScreeningCheck, SupportContact, Volunteer, Youth
from ..domain.cadence import Cadence, contact_status
from ..domain.dates import add_months, reached_months
from ..domain.enums import CheckResult, CheckType, MatchStatus, SessionStatus, VolunteerStatus
from ..domain.rules import ScreeningPolicy, check_status, matching_eligibility
from .settings import SettingsService
from .volunteers import training_minutes_query

RUNNING = (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING)
MONTH_DAYS = 365.25 / 12  # the average calendar month, for lengths in months
SURVIVAL_MONTHS = (6, 12, 24)
HOURS_MONTHS = 12
NO_SESSION_DAYS = 30
ANNIVERSARY_DAYS = 14
URGENT_AFTER_DAYS = 30  # a support contact this late is urgent, not only overdue


class AlertKind(StrEnum):
    CONTACT = "contact"
    CHECK = "check"
    NO_SESSION = "no_session"
    READY = "ready"
    ANNIVERSARY = "anniversary"

    @property
    def label(self) -> str:
        return {
            "contact": "Contact overdue",
            "check": "Check expiring",
            "no_session": f"No session in {NO_SESSION_DAYS} days",
            "ready": "Ready to match",
            "anniversary": "Anniversary",
        }[self.value]


class Severity(StrEnum):
    URGENT = "urgent"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Alert:
    """Something that needs the coordinator; record_kind + record_id say what to open."""

    kind: AlertKind
    severity: Severity
    record_kind: str  # "match" or "volunteer"
    record_id: int
    text: str
    day: date | None  # the date the alert is about (due, expiry, last session, ...)


@dataclass(frozen=True, slots=True)
class Survival:
    """Matches that reached `months` months, among those that could have."""

    months: int
    reached: int
    could_have: int

    @property
    def share(self) -> float | None:
        return self.reached / self.could_have if self.could_have else None


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


@dataclass(frozen=True, slots=True)
class _Match:
    id: int
    status: MatchStatus
    start: date
    end: date | None
    who: str  # "volunteer and youth"


def next_anniversary(start: date, today: date) -> tuple[int, date]:
    """The next milestone on or after today: 6 months, then each full year."""
    if add_months(start, 6) >= today:
        return 6, add_months(start, 6)
    years = max(1, (today.year - start.year) - 1)
    while add_months(start, 12 * years) < today:
        years += 1
    return 12 * years, add_months(start, 12 * years)


def _milestone(months: int) -> str:
    if months < 12:
        return f"{months} months"
    return "1 year" if months == 12 else f"{months // 12} years"


def _in_days(days: int, future: str = "in", past: str = "ago") -> str:
    if days == 0:
        return "today"
    unit = "day" if abs(days) == 1 else "days"
    return f"{future} {days} {unit}" if days > 0 else f"{-days} {unit} {past}"


class DashboardService:
    def __init__(self, db: Database):
        self.db = db

    def build(self, today: date) -> Dashboard:
        """The whole dashboard for `today`, read in one session."""
        settings = SettingsService(self.db)
        policy, cadence = settings.screening_policy(), settings.cadence()
        with self.db.reading() as s:
            matches = self._matches(s)
            volunteers_alerts, ready = self._volunteer_alerts(s, today, policy)
            hours = self._hours_by_month(s, today)
            alerts = [
                *self._contact_alerts(s, matches, today, cadence),
                *volunteers_alerts,
                *self._session_alerts(s, matches, today),
                *self._anniversary_alerts(matches, today),
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
    def _matches(s: Session) -> list[_Match]:
        """Running and closed matches that have started, with who is in them."""
        v, y = aliased(Volunteer), aliased(Youth)
        rows = s.execute(
            select(Match.id, Match.status, Match.start_date, Match.end_date,
                   v.first_name, v.last_name, y.first_name, y.last_name)
            .join(v, v.id == Match.volunteer_id).join(y, y.id == Match.youth_id)
            .where(Match.archived_at.is_(None), Match.start_date.is_not(None),
                   Match.status.in_([*RUNNING, MatchStatus.CLOSED]))
        )
        return [_Match(mid, status, start, end, f"{vf} {vl} and {yf} {yl}".strip())
                for mid, status, start, end, vf, vl, yf, yl in rows]

    @staticmethod
    def _average_months(matches: list[_Match], today: date) -> float | None:
        """Average length of running and closed matches, in months.

        A match's length runs from its start date to its end date (the date closure
        was completed) or, while it runs, to today; matches starting after today are
        left out. The mean length in days is divided by the average calendar month
        (365.25 / 12 days), so 1.0 is one month and 12.0 one year.
        """
        days = [((m.end or today) - m.start).days for m in matches if m.start <= today]
        return sum(days) / len(days) / MONTH_DAYS if days else None

    @staticmethod
    def _survival(matches: list[_Match], today: date, months: int) -> Survival:
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

    # --- alerts ------------------------------------------------------------------------

    @staticmethod
    def _contact_alerts(s: Session, matches: list[_Match], today: date,
                        cadence: Cadence) -> list[Alert]:
        """Running matches whose next support contact (by the cadence) is past due."""
        last = dict(s.execute(
            select(SupportContact.match_id, func.max(SupportContact.contact_date))
            .join(Match, Match.id == SupportContact.match_id)
            .where(SupportContact.made.is_(True), Match.status.in_(RUNNING))
            .group_by(SupportContact.match_id)
        ).all())
        alerts = []
        for m in matches:
            if m.status not in RUNNING:
                continue
            contact = last.get(m.id)
            due = contact_status(m.start, [contact] if contact else [], today, cadence)
            if not due.overdue:
                continue
            since = (f"the last was {_in_days((contact - today).days)}" if contact
                     else "none yet")
            severity = Severity.URGENT if due.days_overdue > URGENT_AFTER_DAYS else Severity.WARNING
            alerts.append(Alert(
                AlertKind.CONTACT, severity, "match", m.id,
                f"{m.who}: support contact {due.days_overdue} "
                f"day{'s' if due.days_overdue != 1 else ''} overdue ({since}).", due.due))
        return alerts

    @staticmethod
    def _session_alerts(s: Session, matches: list[_Match], today: date) -> list[Alert]:
        """Active and closing matches with no attended session in the last 30 days.

        On-hold matches are left out: they are paused on purpose. A match that
        started less than 30 days ago has not had the time to miss a month.
        """
        cutoff = today - timedelta(days=NO_SESSION_DAYS)
        attended = (MentoringSession.status == SessionStatus.ATTENDED,
                    MentoringSession.session_date <= today)
        recent = set(s.scalars(  # the date index keeps this to a month of sessions
            select(MentoringSession.match_id).distinct()
            .where(*attended, MentoringSession.session_date >= cutoff)))
        quiet = [m for m in matches if m.status in (MatchStatus.ACTIVE, MatchStatus.CLOSING)
                 and m.start <= cutoff and m.id not in recent]
        last: dict[int, date] = {}
        for i in range(0, len(quiet), 500):  # bound the number of parameters
            last.update(s.execute(
                select(MentoringSession.match_id, func.max(MentoringSession.session_date))
                .where(*attended, MentoringSession.match_id.in_([m.id for m in quiet[i:i + 500]]))
                .group_by(MentoringSession.match_id)).all())
        alerts = []
        for m in quiet:
            session = last.get(m.id)
            text = (f"{m.who}: no session for {(today - session).days} days." if session
                    else f"{m.who}: no session since the match started "
                         f"{(today - m.start).days} days ago.")
            alerts.append(Alert(AlertKind.NO_SESSION, Severity.WARNING, "match", m.id, text,
                                session or m.start))
        return alerts

    @staticmethod
    def _anniversary_alerts(matches: list[_Match], today: date) -> list[Alert]:
        """Running matches reaching 6 months, 1 year, 2 years ... in the next 14 days."""
        alerts = []
        for m in matches:
            if m.status not in RUNNING or m.start > today:
                continue
            months, day = next_anniversary(m.start, today)
            if (day - today).days <= ANNIVERSARY_DAYS:
                alerts.append(Alert(
                    AlertKind.ANNIVERSARY, Severity.INFO, "match", m.id,
                    f"{m.who} reach {_milestone(months)} {_in_days((day - today).days)}.", day))
        return alerts

    @staticmethod
    def _volunteer_alerts(s: Session, today: date,
                          policy: ScreeningPolicy) -> tuple[list[Alert], int]:
        """Expiring (or expired) checks of accepted and matched volunteers, and the
        volunteers ready to match (accepted, screening clear, training done).

        The latest completed check of each required type decides (rules.check_status).
        """
        v, c = Volunteer, ScreeningCheck
        current = (v.archived_at.is_(None),
                   v.status.in_([VolunteerStatus.ACCEPTED, VolunteerStatus.MATCHED]))
        people = s.execute(select(v.id, v.first_name, v.last_name, v.status, v.drives_youth,
                                  v.prior_training_minutes).where(*current)).all()
        soon = today + timedelta(days=policy.expiry_warning_days)
        # Every check of the accepted, and of anyone whose latest completed check of a
        # type expires soon (the rule below decides; this only narrows what is read).
        latest = (
            select(c.volunteer_id, c.type, func.max(c.completed_on).label("done"))
            .where(c.result != CheckResult.PENDING, c.completed_on <= today)
            .group_by(c.volunteer_id, c.type).subquery())
        needed = union(
            select(v.id).where(*current, v.status == VolunteerStatus.ACCEPTED),
            select(c.volunteer_id).join(v, v.id == c.volunteer_id)
            .join(latest, and_(latest.c.volunteer_id == c.volunteer_id,
                               latest.c.type == c.type, latest.c.done == c.completed_on))
            .where(*current, c.expires_on <= soon))
        checks: dict[int, dict[CheckType, list]] = defaultdict(lambda: defaultdict(list))
        for check in s.execute(
            select(c.volunteer_id, c.id, c.type, c.result, c.requested_on, c.completed_on,
                   c.expires_on).where(c.volunteer_id.in_(needed))
        ):
            checks[check.volunteer_id][check.type].append(check)
        training = dict(s.execute(training_minutes_query()).all())
        alerts, ready = [], 0
        for p in people:
            own = checks.get(p.id, {})
            if p.status != VolunteerStatus.ACCEPTED and not any(
                    c.expires_on is not None and c.expires_on <= soon
                    for of_type in own.values() for c in of_type):
                continue  # the common case, decided without the rules
            name = f"{p.first_name} {p.last_name}".strip()
            statuses = [check_status(own.get(t, ()), t, today)
                        for t in policy.checks_for(p.drives_youth)]
            for st in statuses:
                expires = st.check.expires_on if st.check is not None else None
                if st.state in ("clear", "expired") and expires is not None and expires <= soon:
                    verb, severity = (("expired", Severity.URGENT) if st.state == "expired"
                                      else ("expires", Severity.WARNING))
                    alerts.append(Alert(
                        AlertKind.CHECK, severity, "volunteer", p.id,
                        f"{name}: {st.type.label.lower()} check {verb} "
                        f"{_in_days((expires - today).days)}.", expires))
            minutes = p.prior_training_minutes + int(training.get(p.id, 0))
            if p.status == VolunteerStatus.ACCEPTED and all(st.ok for st in statuses) and \
                    matching_eligibility([c for of_type in own.values() for c in of_type],
                                         minutes, today, drives_youth=p.drives_youth,
                                         status=p.status, policy=policy).eligible:
                ready += 1
                alerts.append(Alert(
                    AlertKind.READY, Severity.INFO, "volunteer", p.id,
                    f"{name} is ready to match: screening and training are complete.",
                    max((st.check.completed_on for st in statuses), default=None)))
        return alerts, ready
