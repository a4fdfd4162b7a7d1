"""Writing the activity: mentoring sessions, support contacts, trainings, socials,
conferences and learning circles."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from ...domain.cadence import BBBS
from ...domain.dates import add_months, whole_months
from ...domain.enums import (
    AttendanceStatus,
    ContactMethod,
    ContactParty,
    EventKind,
    MatchStatus,
    ProgrammeType,
    SessionMedium,
    SessionStatus,
    VolunteerStatus,
)
from ...domain.events import Attendance, CircleMember, Event, LearningCircle
from ...domain.matching import MentoringSession, SupportContact
from .config import CHUNK_ROWS
from .helpers import _between, _weighted
from .vocabulary import (
    _CANCEL_NOTES,
    _CIRCLES,
    _CITIES,
    _CONCERNS,
    _CONTACT_NOTES,
    _COORDINATORS,
    _ONGOING_TOPICS,
    _SESSION_NOTES,
    _SOCIALS,
    _STREETS,
    _WEEKDAYS,
)
from .write import _RecordWriter, _Writer


class _ActivityWriter(_RecordWriter):
    """Writes what the matches did: sessions, support contacts, events and learning
    circles (with their attendance)."""

    # ---- sessions ----

    def _session_plan(self, rng: random.Random) -> list[tuple[int, date, date, tuple[int, ...],
                                                                bool, float]]:
        """Per started match: (match, first day, last day, weekdays, school, expected weeks)."""
        plan = []
        for i in self.match_order:
            m = self.matches[i]
            if m.start is None:
                continue
            first = max(m.start, self.w0)
            if m.status == MatchStatus.CLOSED:
                last = m.end
            elif m.hold_from is not None:
                last = m.hold_from
            else:
                last = self.as_of
            _name, kind, day, _at, _school, _ages = self.programmes[m.programme]
            if day:
                weekdays = tuple(_WEEKDAYS.index(d) for d in day.split(" and "))
            else:
                weekdays = (rng.choices(range(7), (3, 3, 3, 3, 2, 5, 3))[0],)
            school = kind == ProgrammeType.SCHOOL
            weight = 0.0
            for wd in weekdays:
                d = first + timedelta(days=(wd - first.weekday()) % 7)
                while d <= last:
                    weight += self._week_weight(d, school)
                    d += timedelta(days=7)
            plan.append((i, first, last, weekdays, school, weight))
        return plan

    @staticmethod
    def _week_weight(d: date, school: bool) -> float:
        if school and d.month in (6, 7, 8) and not (d.month == 6 and d.day < 10):
            return 0.0
        if (d.month == 12 and d.day >= 22) or (d.month == 1 and d.day <= 3):
            return 0.3
        return 1.0

    def write_sessions(self, w: _Writer, poll: Callable[[], None]) -> None:
        rng = self.rng("sessions")
        plan = self._session_plan(rng)
        expected = sum(p[5] for p in plan) or 1.0
        p = self.size.target_sessions / expected
        self.session_rate = p
        durations = (30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180)
        duration_weights = (3, 4, 22, 12, 22, 6, 18, 3, 6, 1, 3)
        school_durations = (30, 45, 60)
        buffer: list[dict] = []
        self.last_session: dict[int, date] = {}
        for i, first, last, weekdays, school, _weight in plan:
            m = self.matches[i]
            mid, vid = self.match_ids[i], self.volunteer_ids[m.volunteer]
            pid = self.programme_ids[m.programme]
            in_person = 0.95 if len(weekdays) > 1 or school else 0.78
            usual = rng.choices(durations, duration_weights)[0]
            for wd in weekdays:
                d = first + timedelta(days=(wd - first.weekday()) % 7)
                while d <= last:
                    prob = p * self._week_weight(d, school)
                    count = int(prob) + (1 if rng.random() < prob - int(prob) else 0)
                    for extra in range(count):
                        day = d + timedelta(days=rng.choice((-1, 0, 0, 0, 0, 0, 1)) + 2 * extra)
                        day = min(max(day, first), last)
                        if school:
                            minutes = rng.choice(school_durations)
                        else:
                            minutes = usual if rng.random() < 0.6 else rng.choices(
                                durations, duration_weights)[0]
                        roll = rng.random()
                        status = (SessionStatus.ATTENDED if roll < 0.85 else
                                  SessionStatus.CANCELLED if roll < 0.95 else SessionStatus.NO_SHOW)
                        r = rng.random()
                        medium = (SessionMedium.IN_PERSON if r < in_person else
                                  SessionMedium.VIDEO if r < in_person + (1 - in_person) * 0.45 else
                                  SessionMedium.PHONE if r < in_person + (1 - in_person) * 0.75 else
                                  SessionMedium.TEXT)
                        if status == SessionStatus.CANCELLED and rng.random() < 0.4:
                            note = rng.choice(_CANCEL_NOTES)
                        elif status == SessionStatus.ATTENDED and rng.random() < 0.04:
                            note = rng.choice(_SESSION_NOTES)
                        else:
                            note = ""
                        buffer.append(dict(
                            match_id=mid, volunteer_id=vid, programme_id=pid, session_date=day,
                            duration_minutes=minutes, medium=medium, status=status, notes=note,
                            **self.stamp,
                        ))
                        if status == SessionStatus.ATTENDED and day > self.last_session.get(
                                i, date.min):
                            self.last_session[i] = day
                    d += timedelta(days=7)
            if len(buffer) >= CHUNK_ROWS:
                w.insert(MentoringSession, buffer)
                buffer = []
                poll()
        w.insert(MentoringSession, buffer)

    # ---- support contacts ----

    def write_contacts(self, w: _Writer) -> None:
        rng = self.rng("contacts")
        as_of, w0 = self.as_of, self.w0
        cadence = BBBS
        buffer: list[dict] = []
        coordinator_of = [_COORDINATORS[j % len(_COORDINATORS)]
                          for j in range(len(self.programmes))]
        for i in self.match_order:
            m = self.matches[i]
            if m.start is None:
                continue
            start = m.start
            is_open = m.status.is_open
            limit = m.end if m.status == MatchStatus.CLOSED else as_of
            overdue = is_open and (as_of - start).days > 45 and rng.random() < (
                0.45 if m.status == MatchStatus.ON_HOLD else 0.13)
            made: list[date] = []
            last = start
            while True:
                if made:
                    interval = cadence.interval_at(whole_months(start, last))
                    due = interval.after(last)
                else:
                    due = cadence.first_contact.after(start)
                gap = max(1, round((due - last).days * rng.uniform(0.55, 1.0)))
                nxt = last + timedelta(days=gap)
                if nxt > limit:
                    break
                made.append(nxt)
                last = nxt
            if overdue:
                cut = as_of - timedelta(days=rng.randint(10, 60))
                while made:
                    lastc = made[-1]
                    due = cadence.interval_at(whole_months(start, lastc)).after(lastc)
                    if due < cut:
                        break
                    made.pop()
            final = m.status == MatchStatus.CLOSED and (not made or made[-1] < m.end)
            if final:
                made.append(m.end)
            cid = self.match_ids[i]
            coordinator = coordinator_of[m.programme]
            for n, day in enumerate(made):
                if day < w0:
                    continue
                closing_talk = final and n == len(made) - 1
                if not closing_talk and rng.random() < 0.07:
                    attempt = day - timedelta(days=rng.randint(1, 5))
                    if attempt >= max(start, w0):
                        buffer.append(self._contact(rng, cid, attempt, coordinator, made=False))
                buffer.append(self._contact(rng, cid, day, coordinator, made=True,
                                            closing=closing_talk))
            if len(buffer) >= CHUNK_ROWS:
                w.insert(SupportContact, buffer)
                buffer = []
        w.insert(SupportContact, buffer)

    def _contact(self, rng: random.Random, match_id: int, day: date, coordinator: str,
                 made: bool, closing: bool = False) -> dict:
        if closing:
            party, method = ContactParty.JOINT, ContactMethod.IN_PERSON
        else:
            party = _weighted(rng, ((ContactParty.VOLUNTEER, 0.4), (ContactParty.YOUTH, 0.2),
                                    (ContactParty.GUARDIAN, 0.25), (ContactParty.JOINT, 0.15)))
            method = _weighted(rng, ((ContactMethod.PHONE, 0.4), (ContactMethod.TEXT_EMAIL, 0.24),
                                     (ContactMethod.IN_PERSON, 0.2), (ContactMethod.VIDEO, 0.15),
                                     (ContactMethod.LETTER, 0.01)))
        minutes = None
        if made and method in (ContactMethod.PHONE, ContactMethod.VIDEO, ContactMethod.IN_PERSON):
            minutes = rng.choice((10, 15, 15, 20, 20, 30, 30, 45, 60))
        rating = None
        if made:
            rating = _weighted(rng, ((5, 0.3), (4, 0.4), (3, 0.2), (2, 0.07), (1, 0.03)))
        concerns = rng.choice(_CONCERNS) if made and not closing and rng.random() < 0.08 else ""
        follow_up = day + timedelta(days=rng.randint(7, 21)) if concerns else None
        if closing:
            notes = "Closure conversation with volunteer, youth and guardian."
        elif not made:
            notes = rng.choice(("Left a voicemail.", "No answer.", "Text not returned."))
        else:
            notes = rng.choice(_CONTACT_NOTES) if rng.random() < 0.3 else ""
        return dict(match_id=match_id, contact_date=day, party=party, method=method, made=made,
                    duration_minutes=minutes, rating=rating, concerns=concerns,
                    follow_up_due=follow_up, notes=notes, coordinator=coordinator, **self.stamp)

    # ---- events, trainings, learning circles ----

    def _active_on(self) -> Callable[[date], list[int]]:
        """Volunteers in a running match on a day (volunteer indexes, ascending)."""
        spans: dict[int, list[tuple[date, date]]] = {}
        for m in self.matches:
            if m.start is None:
                continue
            end = m.end if m.status == MatchStatus.CLOSED else self.as_of
            spans.setdefault(m.volunteer, []).append((m.start, end))
        keys = sorted(spans)

        def active(day: date) -> list[int]:
            return [vi for vi in keys if any(s <= day <= e for s, e in spans[vi])]

        return active

    def write_events(self, w: _Writer) -> None:
        rng = self.rng("events")
        as_of, w0 = self.as_of, self.w0
        active_on = self._active_on()
        venue = f"{rng.randint(100, 2999)} {rng.choice(_STREETS)}, {_CITIES[0][0]}"
        events: list[dict] = []
        attendance: list[tuple[int, int, AttendanceStatus]] = []  # event index, volunteer, status

        def add_event(kind, title, topic, day, minutes, location, circle=None) -> int:
            events.append(dict(kind=kind, title=title, topic=topic, event_date=day,
                               duration_minutes=minutes, location=location, programme_id=None,
                               circle_id=circle, archived_at=None, **self.stamp))
            return len(events) - 1

        # Pre-match trainings (attendance planned with the volunteers).
        training_index = []
        for day, minutes, topic in self.trainings:
            training_index.append(add_event(EventKind.PRE_MATCH_TRAINING, "Pre-match training",
                                            topic, day, minutes, f"Training room, {venue}"))
        for vi, t, status in self.training_attendance:
            attendance.append((training_index[t], vi, status))

        def invite(ev: int, day: date, share: float, absent: float = 0.1) -> None:
            pool = active_on(day)
            if not pool:
                return
            n = max(1, round(len(pool) * share * rng.uniform(0.7, 1.3)))
            for vi in sorted(rng.sample(pool, min(n, len(pool)))):
                status = AttendanceStatus.ABSENT if rng.random() < absent else \
                    AttendanceStatus.ATTENDED
                attendance.append((ev, vi, status))

        small = self.size.volunteers < 200
        # Ongoing trainings: monthly (every other month for a small programme).
        day = w0 + timedelta(days=20)
        day += timedelta(days=(2 - day.weekday()) % 7)  # Wednesday evening
        while day <= as_of:
            topic = rng.choice(_ONGOING_TOPICS)
            ev = add_event(EventKind.ONGOING_TRAINING, f"Mentor training: {topic}", topic, day,
                           rng.choice((60, 90, 90, 120)), f"Community room, {venue}")
            invite(ev, day, 0.25 if small else 0.06)
            day = add_months(day, 2 if small else 1)
            day += timedelta(days=(2 - day.weekday()) % 7)
        # One conference a year, in the autumn.
        for year in range(w0.year, as_of.year + 1):
            day = date(year, 10, 12)
            day += timedelta(days=(5 - day.weekday()) % 7)
            if w0 <= day <= as_of:
                ev = add_event(EventKind.CONFERENCE, f"Annual Mentoring Conference {year}",
                               "Keynotes and workshops on effective mentoring practice", day,
                               rng.choice((360, 420)), "Downtown Convention Center")
                invite(ev, day, 0.2 if small else 0.1, absent=0.05)
        # Socials every quarter.
        day = add_months(w0, 1)
        while day <= as_of:
            title = rng.choice(_SOCIALS)
            if day.month in (11, 12, 1):
                title = "Holiday party"
            elif day.month in (6, 7, 8):
                title = "Summer picnic"
            ev = add_event(EventKind.SOCIAL, f"{title} {day.year}", "Matches and families",
                           day, rng.choice((120, 150, 180)), rng.choice(
                               ("Schiller Park shelter house", "Community centre hall",
                                "Bowling alley on Morse Road", "Eastside Youth Centre gym")))
            invite(ev, day, 0.3 if small else 0.12, absent=0.15)
            day = add_months(day, 3)
        # Learning circles: members from several companies, monthly meetings.
        circle_rows = []
        circle_plans = []
        candidates = sorted({m.volunteer for m in self.matches if m.start is not None})
        for c in range(self.size.circles):
            name, topic = _CIRCLES[c % len(_CIRCLES)]
            if c >= len(_CIRCLES):
                name = f"{name} {c // len(_CIRCLES) + 1}"
            circle_rows.append(dict(name=name, topic=topic, archived_at=None, **self.stamp))
            begin = w0 + timedelta(days=rng.randint(0, 240))
            size = rng.randint(5, 8) if small else rng.randint(7, 12)
            members = rng.sample(candidates, min(size, len(candidates)))
            for _ in range(2):  # a circle crosses companies: bring in someone else
                of = [self.volunteers[vi].sponsor for vi in members]
                companies = set(of) - {None}
                if len(companies) >= 2:
                    break
                others = [vi for vi in candidates if vi not in members
                          and self.volunteers[vi].sponsor not in companies | {None}]
                if not others:
                    break
                out = of.index(None) if None in of else len(members) - 1
                members[out] = rng.choice(others)
            plans = []
            for vi in sorted(members):
                joined = begin if rng.random() < 0.7 else _between(
                    rng, begin, as_of - timedelta(days=60))
                v = self.volunteers[vi]
                left = None
                if v.status != VolunteerStatus.MATCHED and v.last_end is not None \
                        and v.last_end > joined:
                    left = v.last_end
                elif rng.random() < 0.1:
                    left = _between(rng, joined + timedelta(days=60), as_of)
                    if left >= as_of:
                        left = None
                plans.append((vi, joined, left))
            circle_plans.append((begin, plans))
        circle_ids = w.insert_ids(LearningCircle, circle_rows)
        members_rows = []
        for cid, row, (begin, plans) in zip(circle_ids, circle_rows, circle_plans):
            for vi, joined, left in plans:
                members_rows.append(dict(circle_id=cid, volunteer_id=self.volunteer_ids[vi],
                                         joined_on=joined, left_on=left, **self.stamp))
            day = begin
            meeting = 1
            while day <= as_of:
                ev = add_event(EventKind.LEARNING_CIRCLE,
                               f"{row['name']} – meeting {meeting}", row["topic"], day,
                               rng.choice((60, 90)),
                               rng.choice(("Online (video call)", f"Meeting room, {venue}",
                                           "Coffee shop on High Street")), circle=cid)
                for vi, joined, left in plans:
                    if joined <= day and (left is None or day <= left):
                        status = AttendanceStatus.ATTENDED if rng.random() < 0.8 \
                            else AttendanceStatus.ABSENT
                        attendance.append((ev, vi, status))
                meeting += 1
                day = add_months(begin, meeting - 1)
        w.insert(CircleMember, members_rows)
        event_ids = w.insert_ids(Event, events)
        seen: set[tuple[int, int]] = set()
        rows = []
        for ev, vi, status in attendance:
            key = (ev, vi)
            if key in seen:
                continue
            seen.add(key)
            rows.append(dict(event_id=event_ids[ev], volunteer_id=self.volunteer_ids[vi],
                             status=status, **self.stamp))
        w.insert(Attendance, rows)
