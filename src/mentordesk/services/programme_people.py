"""The board report's figures about people: the screening pipeline, and volunteers by
sponsor and branch through their employment (definitions: programme_report.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import Branch, Employment, ScreeningCheck, Sponsor, Volunteer
from ..domain.enums import VolunteerStatus
from ..domain.programme_figures import (
    BranchVolunteers,
    CheckCounts,
    Screening,
    SponsorVolunteers,
)
from ..domain.rules import ScreeningPolicy, check_status
from .employment import current_employment_on
from .participation import NO_BRANCH

IN_PIPELINE = (VolunteerStatus.APPLIED, VolunteerStatus.SCREENING, VolunteerStatus.ACCEPTED,
               VolunteerStatus.MATCHED)
NO_EMPLOYER = "No employer recorded"


def screening_figures(s: Session, end: date, policy: ScreeningPolicy) -> Screening:
    """Volunteers by status; each required check of those in the pipeline as of `end`."""
    v, c = Volunteer, ScreeningCheck
    counts = dict(s.execute(select(v.status, func.count())
                            .where(v.archived_at.is_(None)).group_by(v.status)).all())
    people = s.execute(select(v.id, v.drives_youth).where(
        v.archived_at.is_(None), v.status.in_(IN_PIPELINE))).all()
    checks: dict[tuple, list] = defaultdict(list)  # by volunteer and check type
    for check in s.execute(
        select(c.volunteer_id, c.id, c.type, c.result, c.requested_on, c.completed_on,
               c.expires_on).join(v, v.id == c.volunteer_id)
        .where(v.archived_at.is_(None), v.status.in_(IN_PIPELINE))):
        if (check.requested_on or check.completed_on or date.min) <= end:
            checks[check.volunteer_id, check.type].append(check)  # recorded by the end
    soon = end + timedelta(days=policy.expiry_warning_days)
    tally: dict = defaultdict(Counter)
    for person in people:
        for check_type in policy.checks_for(person.drives_youth):
            st = check_status(checks.get((person.id, check_type), ()), check_type, end)
            tally[check_type][st.state] += 1
            if st.state == "clear" and st.check.expires_on is not None \
                    and st.check.expires_on <= soon:
                tally[check_type]["expiring"] += 1
    order = [t for t in policy.checks_for(True) if t in tally]
    return Screening(
        by_status=tuple((status, int(counts.get(status, 0))) for status in VolunteerStatus),
        in_pipeline=len(people),
        checks=tuple(CheckCounts(t, *(tally[t][k] for k in (
            "missing", "pending", "clear", "flagged", "expired", "expiring")))
            for t in order),
        warning_days=policy.expiry_warning_days,
    )


def volunteers_by_employer(s: Session, end: date, active: set[int]
                           ) -> tuple[tuple[SponsorVolunteers, ...], set[int]]:
    """Volunteers on record by their employment on `end` (and the IDs of all on record);
    `active`: the IDs of volunteers with an attended session in the period."""
    people = set(s.scalars(select(Volunteer.id).where(Volunteer.archived_at.is_(None))))
    names = dict(s.execute(select(Sponsor.id, Sponsor.name)).all())
    branch_names = dict(s.execute(select(Branch.id, Branch.name)).all())
    of_branch: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    employed: set[int] = set()
    for vid, sid, bid in s.execute(
        select(Employment.volunteer_id, Employment.sponsor_id, Employment.branch_id)
        .where(current_employment_on(end))):
        if vid in people:
            of_branch[sid, bid].add(vid)
            employed.add(vid)
    by_sponsor: dict[int, list[tuple[int | None, set[int]]]] = defaultdict(list)
    for (sid, bid), ids in of_branch.items():
        by_sponsor[sid].append((bid, ids))
    rows = []
    for sid, branches in by_sponsor.items():
        everyone = set().union(*(ids for _, ids in branches))
        lines = sorted(
            (BranchVolunteers(bid, branch_names[bid] if bid is not None else NO_BRANCH,
                              len(ids), len(ids & active)) for bid, ids in branches),
            key=lambda b: (b.branch_id is None, b.name.casefold()))
        rows.append(SponsorVolunteers(sid, names[sid], len(everyone),
                                      len(everyone & active), tuple(lines)))
    rows.sort(key=lambda r: r.name.casefold())
    rest = people - employed
    if rest:
        rows.append(SponsorVolunteers(None, NO_EMPLOYER, len(rest), len(rest & active), ()))
    return tuple(rows), people
