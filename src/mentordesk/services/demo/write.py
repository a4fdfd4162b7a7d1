"""Writing the plan: `_Writer` (chunked bulk inserts) and `_RecordWriter`, which writes
the organisation, the volunteers, the youth and the matches."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ...domain.dates import add_months
from ...domain.enums import (
    AttendanceStatus,
    CheckResult,
    CheckType,
    MatchKind,
    MatchStatus,
    ProgrammeType,
    VolunteerStatus,
)
from ...domain.matching import Match
from ...domain.organisation import Branch, Programme, Sponsor
from ...domain.people import Employment, ScreeningCheck, Volunteer, Youth
from .config import CHUNK_ROWS
from .helpers import _between, _years_before, slug
from .plan import _Person, _PlannedVolunteer, _Planner
from .vocabulary import (
    _CITIES,
    _CLEARED_CHECKS,
    _COMMUNITY_SCHOOLS,
    _CULTURES,
    _DAY_ABBR,
    _DAY_PARTS,
    _EXPIRY_YEARS,
    _HOME_CITIES,
    _INTERESTS,
    _PLAN_GOALS,
    _PROVIDERS,
    _STREETS,
    _UKRAINIAN_SURNAMES,
    _VOLUNTEER_PREFERENCES,
    _YOUTH_PREFERENCES,
)


class _Writer:
    """Bulk inserts in chunks, counting rows per table.

    Inserts go to the model's Table (plain Core executemany): the ORM's bulk path
    splits a list into one statement per pattern of NULL columns, which is many
    times slower here, and these rows need no ORM behaviour (the audit log gets
    one hand-written entry for the whole build).
    """

    def __init__(self, s: Session, counts: dict[str, int]):
        self.s = s
        self.counts = counts

    def insert(self, model: type, rows: Sequence[dict]) -> None:
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = rows[start:start + CHUNK_ROWS]
            if chunk:
                self.s.execute(insert(model.__table__), list(chunk))
        self.counts[model.__tablename__] += len(rows)

    def insert_ids(self, model: type, rows: Sequence[dict]) -> list[int]:
        """Insert and return the new ids in the order of `rows`."""
        ids: list[int] = []
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = list(rows[start:start + CHUNK_ROWS])
            if chunk:
                table = model.__table__
                result = self.s.execute(
                    insert(table).returning(table.c.id, sort_by_parameter_order=True), chunk
                )
                ids.extend(result.scalars().all())
        self.counts[model.__tablename__] += len(rows)
        return ids


class _RecordWriter(_Planner):
    """Writes the organisation, volunteers (employment, checks, training), youth and
    matches, and keeps their new ids for the activity that follows."""

    # ---- person details ----

    def _languages(self, rng: random.Random, person: _Person, youth: bool = False) -> str:
        c = _CULTURES[person.culture]
        langs = ["English"]
        own = c.language
        if person.culture == "cyrillic" and person.last in _UKRAINIAN_SURNAMES:
            own = "Ukrainian"
        if own and rng.random() < (0.85 if not youth else 0.7):
            langs.append(own)
        elif rng.random() < 0.08:
            langs.append(rng.choice(("Spanish", "French", "American Sign Language")))
        if youth and own == "Spanish" and rng.random() < 0.1:
            langs = ["Spanish"]
        return ", ".join(langs)

    def _interests(self, rng: random.Random, shared: Sequence[str] = ()) -> list[str]:
        """2-4 interests; a matched youth shares one with a mentor (as a good match would)."""
        chosen = [rng.choice(shared)] if shared else []
        wanted = rng.randint(2, 4)
        while len(chosen) < wanted:
            pick = rng.choice(_INTERESTS)
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def _availability(self, rng: random.Random) -> str:
        slots = set()
        for _ in range(rng.randint(1, 3)):
            day = rng.choices(range(7), weights=(3, 3, 3, 3, 2, 4, 2))[0]
            part = "evening" if day < 5 and rng.random() < 0.6 else rng.choice(_DAY_PARTS)
            slots.add((day, _DAY_PARTS.index(part)))
        return ", ".join(f"{_DAY_ABBR[d]} {_DAY_PARTS[p]}" for d, p in sorted(slots))

    def _phone(self, rng: random.Random, area: str) -> str:
        number = f"555-{rng.randint(100, 9999):04d}"
        style = rng.random()
        if style < 0.6:
            return f"({area}) {number}"
        if style < 0.9:
            return f"{area}-{number}"
        return f"+1 {area} {number}"

    def _email(self, rng: random.Random, person: _Person, domain: str) -> str:
        first, last = slug(person.first) or "mentor", slug(person.last) or "volunteer"
        pattern = rng.random()
        local = (f"{first}.{last}" if pattern < 0.6 else
                 f"{first[0]}{last}" if pattern < 0.85 else f"{first}{last[:1]}")
        candidate = f"{local}@{domain}"
        n = 2
        while candidate in self.emails:
            candidate = f"{local}{n}@{domain}"
            n += 1
        self.emails.add(candidate)
        return candidate

    # ---- writing ----

    def write_organisation(self, w: _Writer) -> None:
        rng = self.rng("organisation-rows")
        stamp = self.stamp
        home = _CITIES[0][0]
        rows = []
        for i, (name, kind, day, at, _school, _ages) in enumerate(self.programmes):
            rows.append(dict(
                name=name, type=kind, meeting_day=day, meeting_time=at,
                address=f"{rng.randint(100, 2999)} {rng.choice(_STREETS)}, "
                        f"{home if i % 4 != 3 else _CITIES[2][0]}",
                archived_at=None, **stamp,
            ))
        self.programme_ids = w.insert_ids(Programme, rows)
        rows = []
        contacts = self._people(rng, len(self.sponsor_names))
        self.sponsor_domains = []
        for i, name in enumerate(self.sponsor_names):
            domain = f"{slug(self.sponsor_prefixes[i])}.example"
            self.sponsor_domains.append(domain)
            person = contacts[i]
            area = _CITIES[rng.randrange(_HOME_CITIES)][1]
            rows.append(dict(
                name=name, contact_name=f"{person.first} {person.last}",
                contact_email=self._email(rng, person, domain),
                contact_phone=self._phone(rng, area), logo_path=None,
                archived_at=None, **stamp,
            ))
        self.sponsor_ids = w.insert_ids(Sponsor, rows)
        rows = [dict(sponsor_id=self.sponsor_ids[sp], name=name, city=city, headcount=hc,
                     archived_at=None, **stamp)
                for sp, name, city, _area, hc in self.branches]
        self.branch_ids = w.insert_ids(Branch, rows)

    def write_volunteers(self, w: _Writer) -> None:
        rng = self.rng("volunteer-rows")
        as_of = self.as_of
        order = sorted(range(len(self.volunteers)),
                       key=lambda i: (self.volunteers[i].entered, i))
        rows = []
        employments: list[tuple[int, dict]] = []
        checks: list[tuple[int, dict]] = []
        self.training_attendance: list[tuple[int, int, AttendanceStatus]] = []
        expiring = 0
        want_expiring = max(2, round(0.01 * len(self.volunteers)))
        for i in order:
            v = self.volunteers[i]
            person = v.person
            # employer
            sponsor = branch = None
            if rng.random() < 0.85:
                sponsor = rng.choices(range(len(self.sponsor_names)), self.sponsor_weights)[0]
                bs = self.branches_of[sponsor]
                branch = rng.choices(bs, [self.branches[b][4] for b in bs])[0]
                city, area = self.branches[branch][2], self.branches[branch][3]
                domain = (self.sponsor_domains[sponsor] if rng.random() < 0.6
                          else rng.choice(("mail.example", "inbox.example", "post.example")))
            else:
                city, area, _ = _CITIES[rng.randrange(_HOME_CITIES)]
                domain = rng.choice(("mail.example", "inbox.example", "post.example"))
            v.sponsor = sponsor
            postcode = next(c[2] for c in _CITIES if c[0] == city)
            postcode = f"{postcode[:3]}{int(postcode[3:]) + rng.randint(0, 30):02d}"
            age = rng.randint(21, 68)
            dob = _years_before(as_of, age) - timedelta(days=rng.randint(0, 364))
            gender = ("Non-binary" if rng.random() < 0.03
                      else "Female" if person.female else "Male")
            prior, attendance = self._training_for(rng, v)
            v.prior_minutes = prior
            v.interests = self._interests(rng)
            rows.append(dict(
                first_name=person.first, last_name=person.last,
                email=self._email(rng, person, domain),
                phone=self._phone(rng, area) if rng.random() < 0.95 else None,
                date_of_birth=dob if rng.random() < 0.9 else None, gender=gender,
                city=city, postcode=postcode, status=v.status, applied_on=v.applied_on,
                languages=self._languages(rng, person), interests=", ".join(v.interests),
                availability=self._availability(rng),
                preferences=rng.choice(_VOLUNTEER_PREFERENCES) if rng.random() < 0.25 else "",
                drives_youth=v.drives, prior_training_minutes=prior,
                consent_named_in_reports=rng.random() < 0.6,
                notes="" if rng.random() < 0.95 else "Prefers contact by text message.",
                archived_at=None, **self.stamp,
            ))
            if sponsor is not None:
                hired = min(v.entered, as_of) - timedelta(days=rng.randint(60, 15 * 365))
                bs = self.branches_of[sponsor]
                if len(bs) > 1 and rng.random() < 0.10:
                    moved = _between(rng, max(hired, self.w0) + timedelta(days=30),
                                     as_of - timedelta(days=30))
                    other = rng.choice([b for b in bs if b != branch])
                    employments.append((i, {"sponsor_id": self.sponsor_ids[sponsor],
                                            "branch_id": self.branch_ids[other],
                                            "start_date": hired, "end_date": moved}))
                    employments.append((i, {"sponsor_id": self.sponsor_ids[sponsor],
                                            "branch_id": self.branch_ids[branch],
                                            "start_date": moved + timedelta(days=1),
                                            "end_date": None}))
                else:
                    employments.append((i, {"sponsor_id": self.sponsor_ids[sponsor],
                                            "branch_id": self.branch_ids[branch],
                                            "start_date": hired if rng.random() < 0.9 else None,
                                            "end_date": None}))
            made = self._checks_for(rng, v)
            if (expiring < want_expiring and v.status in (VolunteerStatus.MATCHED,
                                                          VolunteerStatus.ACCEPTED)):
                last = max((c for c in made if c["type"] == CheckType.CRIMINAL_RECORD),
                           key=lambda c: c["completed_on"], default=None)
                soon = as_of + timedelta(days=rng.randint(4, 29))
                if last is not None and (_years_before(soon, 3) <= last["completed_on"]
                                         <= _years_before(soon, 2)):
                    last["expires_on"] = soon  # due for renewal: a dashboard alert
                    expiring += 1
            checks.extend((i, c) for c in made)
            self.training_attendance.extend((i, ev, st) for ev, st in attendance)
        ids = w.insert_ids(Volunteer, rows)
        self.volunteer_ids = [0] * len(self.volunteers)
        for i, vid in zip(order, ids):
            self.volunteer_ids[i] = vid
        w.insert(Employment, [dict(volunteer_id=self.volunteer_ids[i], **row, **self.stamp)
                              for i, row in employments])
        w.insert(ScreeningCheck, [dict(volunteer_id=self.volunteer_ids[i], **row, **self.stamp)
                                  for i, row in checks])

    def _training_for(self, rng: random.Random, v: _PlannedVolunteer
                      ) -> tuple[int, list[tuple[int, AttendanceStatus]]]:
        """Prior minutes and pre-match training attendance (event index, status)."""
        days = self.training_days
        out: list[tuple[int, AttendanceStatus]] = []
        if v.ready is not None:  # must have >= 2 hours before being ready
            lo = bisect.bisect_right(days, v.applied_on + timedelta(days=3))
            hi = bisect.bisect_left(days, v.ready)
            options = list(range(lo, hi))
            if not options:
                return rng.choice((120, 180, 240, 360)), out
            chosen = rng.sample(options, 2 if len(options) > 1 and rng.random() < 0.2 else 1)
            out.extend((e, AttendanceStatus.ATTENDED) for e in sorted(chosen))
            rest = [e for e in options if e not in chosen]
            if rest and rng.random() < 0.08:
                out.append((rng.choice(rest), AttendanceStatus.ABSENT))
            return (60 if rng.random() < 0.1 else 0), out
        if v.applied_on is None or v.status == VolunteerStatus.APPLIED:
            return 0, out
        lo = bisect.bisect_right(days, v.applied_on + timedelta(days=3))
        options = list(range(lo, len(days)))
        roll = rng.random()
        if v.status == VolunteerStatus.SCREENING:
            if options and roll < 0.35:
                out.append((rng.choice(options), AttendanceStatus.ATTENDED))
            elif roll < 0.6:
                return 60, out
            elif options and roll < 0.7:
                out.append((rng.choice(options), AttendanceStatus.REGISTERED))
        elif options and roll < 0.3:
            out.append((rng.choice(options), rng.choice((AttendanceStatus.ATTENDED,
                                                         AttendanceStatus.ABSENT))))
        return 0, out

    def _checks_for(self, rng: random.Random, v: _PlannedVolunteer) -> list[dict]:
        as_of = self.as_of
        made: list[dict] = []

        def add(kind, requested, completed, result, expires=None):
            made.append({"type": kind, "provider": (rng.choice(_PROVIDERS[kind])
                                                    if kind in _PROVIDERS else None),
                         "requested_on": requested, "completed_on": completed,
                         "expires_on": expires, "result": result})

        applied = v.applied_on
        if applied is None:
            return made
        if v.ready is not None:
            deadline = v.ready - timedelta(days=1)
            kinds = list(_CLEARED_CHECKS)
            if v.drives:
                kinds.append(CheckType.DRIVING_RECORD)
            for kind in kinds:
                if kind == CheckType.APPLICATION:
                    add(kind, applied, applied, CheckResult.CLEAR)
                    continue
                requested = min(deadline, applied + timedelta(days=rng.randint(1, 12)))
                completed = min(deadline, requested + timedelta(days=rng.randint(2, 30)))
                expiry = _EXPIRY_YEARS.get(kind)
                if expiry is None:
                    add(kind, requested, completed, CheckResult.CLEAR)
                    continue
                expires = add_months(completed, 12 * rng.randint(*expiry))
                add(kind, requested, completed, CheckResult.CLEAR, expires)
                # Renewed before it runs out (and early when it would lapse within
                # 45 days of the horizon), never after as_of: expiring checks are
                # placed on purpose by write_volunteers.
                while expires <= v.horizon + timedelta(days=45):
                    requested = expires - timedelta(days=rng.randint(25, 60))
                    completed = min(expires - timedelta(days=1),
                                    requested + timedelta(days=rng.randint(3, 20)))
                    if completed > as_of:
                        shift = (completed - as_of).days + rng.randint(0, 10)
                        requested -= timedelta(days=shift)
                        completed -= timedelta(days=shift)
                    # No renewal is still pending when a match starts: the rules read
                    # the latest check, and a pending one would hide the valid one.
                    k = bisect.bisect_left(v.starts, requested)
                    if k < len(v.starts) and v.starts[k] < completed:
                        completed = v.starts[k]
                    expires = add_months(completed, 12 * rng.randint(*expiry))
                    add(kind, requested, completed, CheckResult.CLEAR, expires)
            return made

        def step(days_lo, days_hi):
            return min(as_of, applied + timedelta(days=rng.randint(days_lo, days_hi)))

        add(CheckType.APPLICATION, applied, applied, CheckResult.CLEAR)
        st = v.status
        if st == VolunteerStatus.APPLIED:
            if rng.random() < 0.5:
                add(CheckType.INTERVIEW, step(1, 10), None, CheckResult.PENDING)
            return made
        if st == VolunteerStatus.WITHDRAWN and rng.random() < 0.5:
            add(CheckType.INTERVIEW, step(1, 10), None, CheckResult.PENDING)
            return made
        interview = step(5, 20)
        add(CheckType.INTERVIEW, step(1, 4), interview, CheckResult.CLEAR)
        if st == VolunteerStatus.SCREENING:
            kinds = (CheckType.REFERENCES, CheckType.CRIMINAL_RECORD,
                     CheckType.CHILD_ABUSE_REGISTRY) + (
                         (CheckType.DRIVING_RECORD,) if v.drives else ())
            done = [rng.random() < 0.45 for _ in kinds]
            if all(done):  # still in screening: something is outstanding
                done[rng.randrange(len(done))] = False
            for kind, is_done in zip(kinds, done):
                requested = step(3, 15)
                if is_done and requested < as_of - timedelta(days=5):
                    completed = min(as_of, requested + timedelta(days=rng.randint(3, 25)))
                    years = _EXPIRY_YEARS.get(kind)
                    add(kind, requested, completed, CheckResult.CLEAR,
                        add_months(completed, 12 * years[0]) if years else None)
                else:
                    add(kind, requested, None, CheckResult.PENDING)
        elif st == VolunteerStatus.DECLINED:
            flagged = rng.choice((CheckType.REFERENCES, CheckType.CRIMINAL_RECORD,
                                  CheckType.CHILD_ABUSE_REGISTRY))
            requested = step(3, 15)
            add(flagged, requested, min(as_of, requested + timedelta(days=rng.randint(5, 30))),
                CheckResult.FLAGGED)
        elif st == VolunteerStatus.DEFERRED:
            add(CheckType.REFERENCES, step(3, 15), None, CheckResult.PENDING)
            requested = step(3, 15)
            completed = min(as_of, requested + timedelta(days=rng.randint(5, 30)))
            add(CheckType.CRIMINAL_RECORD, requested, completed, CheckResult.CLEAR,
                add_months(completed, 36))
        elif st == VolunteerStatus.WITHDRAWN:
            add(CheckType.REFERENCES, step(3, 15), None, CheckResult.PENDING)
        return made

    def write_youth(self, w: _Writer) -> None:
        rng = self.rng("youth-rows")
        as_of = self.as_of
        order = sorted(range(len(self.youth)), key=lambda i: (self.youth[i].referred_on, i))
        rows = []
        for n, i in enumerate(order, start=1):
            y = self.youth[i]
            person = y.person
            mentor = self.volunteers[self.matches[y.matches[-1]].volunteer] if y.matches else None
            y.interests = self._interests(rng, mentor.interests if mentor else ())
            _name, kind, _day, _at, school, (lo, hi) = self.programmes[y.programme]
            if y.matches:
                first = self.matches[y.matches[0]].start
                lo = min(hi, max(lo, 6 + (as_of - first).days // 365))
            age = rng.randint(lo, hi)
            dob = _years_before(as_of, age) - timedelta(days=rng.randint(0, 364))
            grade = None
            if kind == ProgrammeType.SCHOOL:
                school_year = as_of.year if as_of.month >= 8 else as_of.year - 1
                age_sept = school_year - dob.year - (1 if (dob.month, dob.day) > (9, 1) else 0)
                grade = f"Grade {max(1, min(12, age_sept - 5))}"
                if rng.random() < 0.4:
                    dob = None
            else:
                school = rng.choice(_COMMUNITY_SCHOOLS)
            city, area, _ = _CITIES[rng.choices(range(_HOME_CITIES), (6, 2, 2, 1, 1, 1))[0]]
            culture = _CULTURES[person.culture]
            mother = rng.random() < 0.7
            guardian_first = rng.choice(culture.female if mother else culture.male)
            guardian_last = person.last
            if person.family:
                guardian_last = person.family[1] if mother else person.family[0]
            if rng.random() < 0.15:  # a parent or carer with another surname
                other = rng.choice(_CULTURES[rng.choice(sorted(_CULTURES))].last)
                guardian_last = other if isinstance(other, str) else other[0 if not mother else 1]
            guardian = _Person(person.culture, mother, guardian_first, guardian_last)
            rows.append(dict(
                programme_ref=f"Y-{n:05d}", programme_id=self.programme_ids[y.programme],
                first_name=person.first, last_name=person.last, date_of_birth=dob,
                grade=grade, school=school,
                gender="Female" if person.female else "Male", city=city,
                guardian_name=f"{guardian_first} {guardian_last}",
                guardian_phone=self._phone(rng, area),
                guardian_email=(self._email(rng, guardian, rng.choice(
                    ("mail.example", "inbox.example", "post.example")))
                    if rng.random() < 0.6 else None),
                consent_on=y.consent_on,
                languages=self._languages(rng, person, youth=True),
                interests=", ".join(y.interests),
                preferences=rng.choice(_YOUTH_PREFERENCES) if rng.random() < 0.2 else "",
                status=y.status, referred_on=y.referred_on, notes="", anonymised_at=None,
                archived_at=None, **self.stamp,
            ))
        ids = w.insert_ids(Youth, rows)
        self.youth_ids = [0] * len(self.youth)
        for i, yid in zip(order, ids):
            self.youth_ids[i] = yid

    def write_matches(self, w: _Writer) -> None:
        rng = self.rng("match-rows")
        order = sorted(range(len(self.matches)),
                       key=lambda i: (self.matches[i].start or self.matches[i].proposed_on, i))
        rows = []
        for i in order:
            m = self.matches[i]
            shared = [t for t in self.youth[m.youth].interests
                      if t in self.volunteers[m.volunteer].interests]
            interests = shared or self.youth[m.youth].interests or _INTERESTS
            goals = rng.sample(_PLAN_GOALS, 2)
            plan = "; ".join(g.format(interest=rng.choice(interests)) for g in goals) + "."
            closed = m.status == MatchStatus.CLOSED
            rows.append(dict(
                volunteer_id=self.volunteer_ids[m.volunteer], youth_id=self.youth_ids[m.youth],
                programme_id=self.programme_ids[m.programme], kind=MatchKind.ONE_TO_ONE,
                status=m.status, proposed_on=m.proposed_on, start_date=m.start,
                end_date=m.end if closed else None, plan=plan,
                closure_reason_id=m.reason[0] if closed else None,
                closure_category=m.category if closed else None,
                rematch_eligible=m.rematch if closed else None,
                closure_note=m.note, archived_at=None, **self.stamp,
            ))
        ids = w.insert_ids(Match, rows)
        self.match_ids = [0] * len(self.matches)
        for i, mid in zip(order, ids):
            self.match_ids[i] = mid
        self.match_order = order
