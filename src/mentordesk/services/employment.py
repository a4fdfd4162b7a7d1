"""A volunteer's employer and branch over time: the history rows and what they say on a day.

VolunteerService inherits the writes (EmploymentHistory); the lists read every
row once (`employment_spans`) and pick the row covering a day in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..domain import Branch, Employment, Sponsor, Volunteer
from ..domain.errors import ConflictError, ValidationError
from .base import get_or_raise


def current_employment_on(day: date):
    """Condition: the employment covers `day` (open ends count as covering)."""
    return and_(
        or_(Employment.start_date.is_(None), Employment.start_date <= day),
        or_(Employment.end_date.is_(None), Employment.end_date >= day),
    )


class EmployerSpan(NamedTuple):
    """One employment row with its company's and branch's names."""

    start: date | None
    end: date | None
    sponsor_id: int
    sponsor: str
    branch_id: int | None
    branch: str | None


def employment_spans(s: Session,
                     volunteer_ids: Iterable[int] | None = None) -> dict[int, list[EmployerSpan]]:
    """Every employment row by volunteer, the latest-starting last (one query)."""
    query = (
        select(Employment.volunteer_id, Employment.start_date, Employment.end_date,
               Sponsor.id, Sponsor.name, Branch.id, Branch.name)
        .join(Sponsor, Sponsor.id == Employment.sponsor_id)
        .outerjoin(Branch, Branch.id == Employment.branch_id)
        .order_by(Employment.start_date.is_(None).desc(), Employment.start_date, Employment.id)
    )
    if volunteer_ids is not None:
        query = query.where(Employment.volunteer_id.in_(list(volunteer_ids)))
    spans: dict[int, list[EmployerSpan]] = defaultdict(list)
    for vid, *fields in s.execute(query):
        spans[vid].append(EmployerSpan(*fields))
    return spans


def employer_fields(span: EmployerSpan | None) -> dict[str, int | str | None]:
    """sponsor_id, sponsor, branch_id, branch of a row (all None without one)."""
    if span is None:
        return dict.fromkeys(("sponsor_id", "sponsor", "branch_id", "branch"))
    return {"sponsor_id": span.sponsor_id, "sponsor": span.sponsor,
            "branch_id": span.branch_id, "branch": span.branch}


def employer_at(spans: Iterable[EmployerSpan], day: date | None) -> EmployerSpan | None:
    """The row covering `day` (the latest-starting one); `day` None: the open one."""
    found = None
    for span in spans:
        if day is None:
            covers = span.end is None
        else:
            covers = (span.start is None or span.start <= day) and (
                span.end is None or span.end >= day)
        if covers:
            found = span
    return found


class EmploymentHistory:
    """The employment writes and reads of VolunteerService."""

    db: object
    what = "volunteer"

    def _add_employment(
        self, s: Session, volunteer_id: int, sponsor_id: int, branch_id: int | None,
        start: date | None,
    ) -> Employment:
        get_or_raise(s, Sponsor, sponsor_id, "sponsor company")
        if branch_id is not None:
            branch = get_or_raise(s, Branch, branch_id, "branch")
            if branch.sponsor_id != sponsor_id:
                raise ValidationError("That branch belongs to another company.", "branch_id")
        employment = Employment(
            volunteer_id=volunteer_id, sponsor_id=sponsor_id, branch_id=branch_id, start_date=start
        )
        s.add(employment)
        return employment

    def set_employer(
        self, volunteer_id: int, sponsor_id: int | None, branch_id: int | None, since: date
    ) -> None:
        """From `since` on, the volunteer works for sponsor/branch (None: no employer).

        The employment that was open ends the day before, so the hours of every
        session count for the branch the volunteer was at on that day.
        """
        if since is None:
            raise ValidationError("Enter the date from which the new employer applies.", "since")
        with self.db.transaction() as s:
            get_or_raise(s, Volunteer, volunteer_id, self.what)
            open_rows = s.scalars(
                select(Employment).where(
                    Employment.volunteer_id == volunteer_id, Employment.end_date.is_(None)
                )
            ).all()
            for row in open_rows:
                if row.sponsor_id == sponsor_id and row.branch_id == branch_id:
                    return
                if row.start_date is not None and row.start_date >= since:
                    raise ValidationError(
                        f"The current employment started on {row.start_date.isoformat()}; "
                        "a change must start after that.",
                        "since",
                    )
                row.end_date = since - timedelta(days=1)
            if sponsor_id is not None:
                self._add_employment(s, volunteer_id, sponsor_id, branch_id, since)

    def undo_employer_change(self, volunteer_id: int, since: date) -> None:
        """Take back set_employer(..., since): the period it opened goes, the one it
        closed reopens."""
        with self.db.transaction() as s:
            get_or_raise(s, Volunteer, volunteer_id, self.what)
            rows = s.scalars(
                select(Employment).where(Employment.volunteer_id == volunteer_id)).all()
            opened = [r for r in rows if r.end_date is None and r.start_date == since]
            others_open = [r for r in rows if r.end_date is None and r.start_date != since]
            closed = [r for r in rows if r.end_date == since - timedelta(days=1)]
            if others_open or any(r.start_date is not None and r.start_date > since for r in rows):
                raise ConflictError(
                    "The employer was changed again since; open the volunteer and set it by hand."
                )
            for row in opened:
                s.delete(row)
            s.flush()
            for row in closed:
                row.end_date = None

    def employments(self, volunteer_id: int) -> list[Employment]:
        with self.db.reading() as s:
            return list(
                s.scalars(
                    select(Employment)
                    .where(Employment.volunteer_id == volunteer_id)
                    .order_by(Employment.start_date.is_(None).desc(), Employment.start_date)
                )
            )

    def employer_on(self, volunteer_id: int, day: date) -> Employment | None:
        with self.db.reading() as s:
            return s.scalar(
                select(Employment)
                .where(Employment.volunteer_id == volunteer_id, current_employment_on(day))
                .order_by(Employment.start_date.desc())
            )
