"""The matching assistant's ranking: which volunteers suit a young person, and why.

Every volunteer who is not archived is scored for the young person and listed;
those who cannot be matched come after the others, with every reason, never
hidden. A volunteer can be matched when:

- the status is *accepted*. A *matched* volunteer already mentors someone and is
  listed as not available: one running match per volunteer (there is no
  capacity setting);
- screening and pre-match training pass ``domain.rules.matching_eligibility``
  with the organisation's screening policy (settings);
- the volunteer is not already proposed for, or matched with, this young person.

The score runs from 0 to 100; each part comes with the line that explains it:

=====================  ==========================================================
shared interests       10 per shared interest, at most 30
languages              20 when the volunteer speaks every language the young person
                       speaks, 10 when some of them, 0 when none
location               20 when the volunteer lives in the young person's city,
                       12 when the volunteer's branch (employer today) is there
availability           20 when free on the programme's meeting day at that part of
                       the day (morning < 12:00, afternoon < 17:00, evening), 8 on
                       the day at another time; 10 for any stated availability
                       when the programme has no set meeting day
stated preferences     +5 for each preference met (the volunteer's about the young
                       person, the young person's about the volunteer), at most
                       +10; -10 for each one contradicted; ones not understood are
                       shown as "check by hand" with no points
=====================  ==========================================================

Preferences are read with simple keywords: an age range ("aged 10–14"),
"teen", a language ("Spanish-speaking"), "female"/"male", "sport" or
"likes <interest>", "school-/community-/site-based", "weekend"/"weekday".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..domain import Branch, Employment, Match, Programme, ScreeningCheck, Sponsor, Volunteer, Youth
from ..domain.affinity import (
    Meeting,
    Profile,
    Reason,
    age_of,
    days_in,
    explain,
    fold,
    part_of_day,
    preferences_in,
    slots_in,
    tags,
)
from ..domain.enums import MatchKind, MatchStatus, VolunteerStatus, YouthStatus
from ..domain.rules import NOT_MATCHABLE_STATUSES, matching_eligibility
from .base import Service, get_or_raise
from .settings import SettingsService
from .volunteers import current_employment_on, training_minutes_query

PIPELINE = (VolunteerStatus.INQUIRY, VolunteerStatus.APPLIED, VolunteerStatus.SCREENING)
SCREENED = (VolunteerStatus.ACCEPTED, *PIPELINE)  # whose checks and training are looked at
TAKEN = (MatchStatus.PROPOSED, MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING)
RUNNING = TAKEN[1:]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A volunteer scored for one young person; `blockers` say why they cannot be matched."""

    volunteer_id: int
    name: str
    status: VolunteerStatus
    city: str | None
    employer: str | None
    score: int
    why: tuple[Reason, ...]
    blockers: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class Ranking:
    youth_id: int
    youth: str
    programme_id: int | None
    programme: str | None
    about: str  # one line on the young person (programme, age, city, languages, interests)
    candidates: list[Candidate] = field(default_factory=list)  # eligible first, best first

    @property
    def eligible(self) -> list[Candidate]:
        return [c for c in self.candidates if c.eligible]


@dataclass(frozen=True, slots=True)
class YouthChoice:
    id: int
    name: str
    programme_ref: str | None
    programme: str | None
    status: YouthStatus


class MatchingService(Service):
    what = "young person"
    model = Youth

    def youth_choices(self) -> list[YouthChoice]:
        """Young people who could get a match: not archived or exited, no running one-to-one."""
        running = select(Match.youth_id).where(Match.kind == MatchKind.ONE_TO_ONE,
                                               Match.status.in_(RUNNING))
        query = (select(Youth.id, Youth.first_name, Youth.last_name, Youth.programme_ref,
                        Programme.name, Youth.status)
                 .outerjoin(Programme, Programme.id == Youth.programme_id)
                 .where(Youth.archived_at.is_(None), Youth.status != YouthStatus.EXITED,
                        Youth.id.not_in(running))
                 .order_by(Youth.last_name, Youth.first_name, Youth.id))
        with self.db.reading() as s:
            return [YouthChoice(i, f"{first} {last}".strip(), ref, p, st)
                    for i, first, last, ref, p, st in s.execute(query)]

    def rank(self, youth_id: int, today: date) -> Ranking:
        """Every volunteer not archived, scored for this young person (a few bulk queries)."""
        policy = SettingsService(self.db).screening_policy()
        with self.db.reading() as s:
            youth = get_or_raise(s, Youth, youth_id, self.what)
            programme = s.get(Programme, youth.programme_id) if youth.programme_id else None
            v = Volunteer
            volunteers = s.execute(
                select(v.id, v.first_name, v.last_name, v.status, v.city, v.gender, v.languages,
                       v.interests, v.availability, v.preferences, v.drives_youth,
                       v.prior_training_minutes)
                .where(v.archived_at.is_(None))).all()
            branches = {vid: (company, branch, city) for vid, company, branch, city in s.execute(
                select(Employment.volunteer_id, Sponsor.name, Branch.name, Branch.city)
                .join(Sponsor, Sponsor.id == Employment.sponsor_id)
                .outerjoin(Branch, Branch.id == Employment.branch_id)
                .where(current_employment_on(today))
                .order_by(Employment.start_date.is_(None).desc(), Employment.start_date))}
            training = dict(s.execute(training_minutes_query()).all())
            checks: dict[int, list] = defaultdict(list)
            c = ScreeningCheck
            for check in s.execute(
                    select(c.volunteer_id, c.id, c.type, c.result, c.requested_on,
                           c.completed_on, c.expires_on)
                    .join(v, v.id == c.volunteer_id)
                    .where(v.status.in_(SCREENED), v.archived_at.is_(None))):
                checks[check.volunteer_id].append(check)
            matches: dict[int, list] = defaultdict(list)
            for m in s.execute(select(Match.volunteer_id, Match.id, Match.youth_id, Match.status)
                               .where(Match.status.in_(TAKEN))):
                matches[m.volunteer_id].append(m)
        meeting = _meeting(programme)
        age, age_text = age_of(youth.date_of_birth, youth.grade, today)
        young = Profile(gender=youth.gender, city=youth.city, languages=tags(youth.languages),
                        interests=tags(youth.interests),
                        preferences=preferences_in(youth.preferences), age=age, age_text=age_text)
        ranking = Ranking(youth.id, youth.full_name, programme.id if programme else None,
                          programme.name if programme else None, _about(youth, age_text, meeting))
        for row in volunteers:
            slots = slots_in(row.availability)
            branch = branches.get(row.id)
            score, why = explain(young, Profile(
                gender=row.gender, city=row.city, languages=tags(row.languages),
                interests=tags(row.interests), preferences=preferences_in(row.preferences),
                days=frozenset().union(*(days for days, _ in slots)), slots=slots,
                availability=row.availability, branch=branch), meeting)
            reasons: list[str] = []
            warnings: list[str] = []
            if row.status in SCREENED:  # others are out of the pool whatever their checks say
                minutes = row.prior_training_minutes + int(training.get(row.id, 0))
                verdict = matching_eligibility(checks.get(row.id, ()), minutes, today,
                                               drives_youth=row.drives_youth, status=row.status,
                                               policy=policy)
                reasons, warnings = verdict.reasons, verdict.warnings
            taken = matches.get(row.id, ())
            warnings = warnings + [
                f"Already proposed for another young person (match #{m.id})."
                for m in taken if m.status == MatchStatus.PROPOSED and m.youth_id != youth.id]
            ranking.candidates.append(Candidate(
                row.id, f"{row.first_name} {row.last_name}".strip(), row.status, row.city,
                " · ".join(filter(None, branch[:2])) if branch else None, score, why,
                tuple(_status_blockers(row.status, taken, youth.id) + reasons),
                tuple(warnings)))
        ranking.candidates.sort(
            key=lambda c: (not c.eligible, -c.score, fold(c.name), c.volunteer_id))
        return ranking


def _meeting(programme: Programme | None) -> Meeting:
    if programme is None:
        return Meeting()
    when = " ".join(filter(None, (programme.meeting_day, programme.meeting_time)))
    return Meeting(programme.name, programme.type, frozenset(days_in(programme.meeting_day or "")),
                   part_of_day(programme.meeting_time), when)


def _about(youth: Youth, age_text: str, meeting: Meeting) -> str:
    bits = [meeting.name + (f" (meets {meeting.when})" if meeting.when else "")
            if meeting.name else "No programme",
            f"aged {age_text}" if age_text else "", f"lives in {youth.city}" if youth.city else "",
            f"speaks {youth.languages}" if youth.languages else "",
            f"likes {youth.interests}" if youth.interests else "",
            f"prefers: {youth.preferences}" if youth.preferences else ""]
    return "; ".join(b for b in bits if b)


def _status_blockers(status: VolunteerStatus, matches, youth_id: int) -> list[str]:
    reasons = [
        f"Already {'proposed for' if m.status == MatchStatus.PROPOSED else 'matched with'} "
        f"this young person (match #{m.id})." for m in matches if m.youth_id == youth_id]
    running = [m for m in matches if m.status != MatchStatus.PROPOSED and m.youth_id != youth_id]
    if running or status == VolunteerStatus.MATCHED:
        which = f" (#{running[0].id})" if running else ""
        reasons.append(f"Already mentoring in a running match{which}; one match at a time.")
    elif status in PIPELINE:
        reasons.append(
            f"Still in the pipeline ({status.label.lower()}); accept the volunteer first.")
    elif status in NOT_MATCHABLE_STATUSES:
        reasons.append(f"The volunteer is {NOT_MATCHABLE_STATUSES[status]}.")
    return reasons
