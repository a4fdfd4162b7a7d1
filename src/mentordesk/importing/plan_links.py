"""Planning what links people: matches, sessions, support contacts, attendance.

People are found the way plan_people finds them: a volunteer by email, else by
name; a young person by programme ID, else by name and date of birth, else by
a name only they have. Nobody is created from these files: an unknown person
rejects the row. A session or contact finds its match among the volunteer's
matches (narrowed by the young person and programme when given) that ran on
its date; none or several is a rejection, and so is a date outside the match.
Sessions, contacts and attendance already stored are recognised (same match,
day and length; same match, day, party and medium; same event and volunteer),
so importing a file again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from types import SimpleNamespace
from typing import Any

from ..domain.enums import MatchStatus
from ..domain.errors import RuleViolation, ValidationError
from ..domain.rules import matching_eligibility, validate_duration, validate_session_date
from .identity import People, full_key, split_name
from .plan import CHANGED, NEW, REJECTED, UNCHANGED, Planner, Rec, RowPlan
from .rows import Converted

OPEN = (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING)


class LinkPlanner(Planner):
    def __init__(self, known, mapping, allow_create=True):
        super().__init__(known, mapping, allow_create)
        self.volunteers = People("volunteer", known.volunteers, "email")
        self.youth = People("youth", known.youth, "programme_ref")
        self.matches = {mid: Rec("match", mid, m, m.get("version", 1))
                        for mid, m in known.matches.items()}
        self.by_volunteer: dict[Any, list[Rec]] = defaultdict(list)
        self.by_youth: dict[Any, list[Rec]] = defaultdict(list)
        for rec in self.matches.values():
            self.index_match(rec)
        self.claimed: set[int] = set()

    def index_match(self, rec: Rec) -> None:
        for index, column in ((self.by_volunteer, "volunteer_id"), (self.by_youth, "youth_id")):
            if rec not in index[rec.values[column]]:
                index[rec.values[column]].append(rec)

    def finish(self, rp: RowPlan, created: bool) -> None:
        if rp.status != REJECTED:
            rp.status = NEW if created else CHANGED if rp.changes else UNCHANGED

    # --- people ------------------------------------------------------------------

    def volunteer(self, conv: Converted, rp: RowPlan) -> Rec | None:
        v = conv.values
        email = v.get("volunteer_email")
        if "volunteer_name" in v:
            first, last = split_name(v["volunteer_name"])
        else:
            first, last = v.get("volunteer_first_name"), v.get("volunteer_last_name")
        key = full_key(first, last)
        found = self.volunteers.by_ref.get(email.casefold()) if email else None
        if found is None and key:
            found, why = self.volunteers.find(None, key, None)
            if why:
                self.problem(rp, conv, "volunteer_name", f"Several volunteers are called "
                             f"{first} {last}; add the volunteer's email.")
                return None
            if found is not None and email:
                rp.notes.append(f"{email} is not the volunteer's email in MentorDesk; "
                                "found by name.")
        if found is None and rp.status != REJECTED:
            column = "volunteer_email" if email else "volunteer_name" if "volunteer_name" in v \
                else "volunteer_last_name"
            what = f"the email {email}" if email else f"the name {first} {last}".rstrip()
            self.problem(rp, conv, column, f"No volunteer in MentorDesk has {what}."
                         if (email or key) else "Name the volunteer (email or name).")
        return found

    def young_person(self, conv: Converted, rp: RowPlan, required: bool) -> Rec | None:
        v = conv.values
        ref, name, dob = v.get("youth_ref"), v.get("youth_name"), v.get("youth_dob")
        if not (ref or name):
            if required:
                self.problem(rp, conv, None, "Name the young person (programme ID or name).")
            return None
        key = full_key(*split_name(name)) if name else ""
        found, why = self.youth.find(ref, key, dob)
        if found is None:
            self.problem(rp, conv, "youth_ref" if ref else "youth_name",
                         f"Several young people are called {name}; add the programme ID or date "
                         "of birth." if why else
                         f"No young person in MentorDesk has {'the programme ID ' + ref if ref else 'the name ' + name}.")
        return found

    # --- the match of a session or contact ----------------------------------------

    def match_on(self, conv: Converted, rp: RowPlan, day: date,
                 allow_group: bool = False) -> tuple[Rec | None, Rec | None]:
        """(match, volunteer) the row's people had on `day`; the match is None when the
        row is rejected, or for a group session (allow_group)."""
        v = conv.values
        if "match_id" in v:
            match = self.matches.get(v["match_id"])
            if match is None:
                self.problem(rp, conv, "match_id", f"There is no match with ID {v['match_id']}.")
                return None, None
            self.check_date(conv, rp, match, day)
            return match, self.volunteers.by_id.get(match.values["volunteer_id"])
        volunteer = self.volunteer(conv, rp)
        youth = self.young_person(conv, rp, required=False)
        if volunteer is None or rp.status == REJECTED:
            return None, volunteer
        return self._running(conv, rp, day, volunteer, youth, allow_group), volunteer

    def _running(self, conv: Converted, rp: RowPlan, day: date, volunteer: Rec,
                 youth: Rec | None, allow_group: bool) -> Rec | None:
        mine = [m for m in self.by_volunteer.get(volunteer.key, ())
                if (youth is None or m.values["youth_id"] == youth.key)
                and self.programme_fits(conv, m)]
        if not mine:
            if allow_group and youth is None and not self.by_volunteer.get(volunteer.key):
                rp.notes.append("Recorded as a group session: the volunteer has no match.")
                return None
            self.problem(rp, conv, None, "This volunteer has no match"
                         + (" with this young person." if youth else "."))
            return None
        running = [m for m in mine if self.ran_on(m, day)]
        if len(running) == 1:
            return running[0]
        if running:
            self.problem(rp, conv, None, f"The volunteer has {len(running)} matches on "
                         f"{day.isoformat()}; add the young person's programme ID or name.")
        elif len(mine) == 1:
            self.check_date(conv, rp, mine[0], day)
        else:
            self.problem(rp, conv, "date", f"None of the volunteer's matches ran on {day.isoformat()}.")
        return None

    def programme_fits(self, conv: Converted, match: Rec) -> bool:
        wanted = conv.values.get("programme")
        if not wanted:
            return True
        found = self.find_org("programme", wanted)
        return found is not None and found.key == match.values["programme_id"]

    @staticmethod
    def ran_on(match: Rec, day: date) -> bool:
        start, end = match.values.get("start_date"), match.values.get("end_date")
        return start is not None and start <= day and (end is None or day <= end)

    def check_date(self, conv: Converted, rp: RowPlan, match: Rec, day: date) -> None:
        try:
            validate_session_date(day, match.values.get("start_date"), match.values.get("end_date"))
        except RuleViolation as exc:
            self.problem(rp, conv, "date", str(exc))

    def minutes(self, conv: Converted, rp: RowPlan, required: bool) -> int | None:
        v = conv.values
        # Minutes first: exact, where an exported "Hours" column is rounded.
        column = next((c for c in ("minutes", "hours", "duration") if c in v), None)
        if column is None:
            if required:
                self.problem(rp, conv, None, "Enter how long it lasted (hours or minutes).")
            return None
        try:
            return validate_duration(v[column], column)
        except ValidationError as exc:
            self.problem(rp, conv, column, str(exc))
            return None

    def same_slot(self, slots: dict, key: tuple, fits) -> Rec | None:
        """An unclaimed stored (or earlier) record in this slot that `fits`."""
        for rec in slots.get(key, ()):
            if id(rec) not in self.claimed and fits(rec):
                self.claimed.add(id(rec))
                return rec
        return None

    @staticmethod
    def stored_records(stored: dict[int, dict], entity: str, key) -> tuple[dict, dict]:
        """Stored records by id, and grouped in slots by `key(values)`."""
        by_id = {rid: Rec(entity, rid, values, values.get("version", 1))
                 for rid, values in stored.items()}
        slots: dict[tuple, list[Rec]] = defaultdict(list)
        for rec in by_id.values():
            slots[key(rec.values)].append(rec)
        return by_id, slots

    def eligibility_notes(self, rp: RowPlan, volunteer: Rec, day: date) -> None:
        checks = [SimpleNamespace(**c) for c in self.known.checks.get(volunteer.id, ())]
        minutes = (volunteer.values.get("prior_training_minutes") or 0) \
            + self.known.training.get(volunteer.id, 0)
        verdict = matching_eligibility(checks, minutes, day, policy=self.known.policy,
                                       drives_youth=bool(volunteer.values.get("drives_youth")))
        for reason in verdict.reasons:
            rp.notes.append(f"Screening on {day.isoformat()}: {reason}")


def people_label(volunteer: Rec | None, youth: Rec | None) -> str:
    names = [f"{r.values.get('first_name', '')} {r.values.get('last_name', '')}".strip()
             for r in (volunteer, youth) if r is not None]
    return " & ".join(names)
