"""The dashboard's alerts: overdue support contacts, expiring checks, matches with no
session lately, volunteers ready to match, anniversaries -- each with its record.

Functions of one reading session and the day (DashboardService.build calls them);
the rules run in Python over plain tuples, the sessions only through aggregates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import and_, func, select, union
from sqlalchemy.orm import Session

from ..domain import Match, MentoringSession, ScreeningCheck, SupportContact, Volunteer
from ..domain.cadence import Cadence, contact_status
from ..domain.dates import add_months
from ..domain.enums import CheckResult, CheckType, MatchStatus, SessionStatus, VolunteerStatus
from ..domain.rules import ScreeningPolicy, check_status, matching_eligibility
from .volunteers import training_minutes_query

RUNNING = (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING)
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
class RunningMatch:
    """A running or closed match that has started (what the rules need)."""

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


def contact_alerts(s: Session, matches: list[RunningMatch], today: date,
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


def session_alerts(s: Session, matches: list[RunningMatch], today: date) -> list[Alert]:
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


def anniversary_alerts(matches: list[RunningMatch], today: date) -> list[Alert]:
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


def volunteer_alerts(s: Session, today: date,
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
