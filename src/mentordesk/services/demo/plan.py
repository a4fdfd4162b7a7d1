"""The plan: the planned records and `_Planner`, which decides them all before any write.

Planning touches no database; each stage draws from its own seeded `random.Random`
(`_Planner.rng`), so the same (size, seed, as_of) always gives the same plan.
"""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ...domain.dates import whole_months
from ...domain.enums import (
    ClosureCategory,
    MatchStatus,
    ProgrammeType,
    VolunteerStatus,
    YouthStatus,
)
from .config import HISTORY_DAYS, LEGACY_DAYS, DemoSize
from .helpers import _between, _partition, _shares, _weighted
from .vocabulary import (
    _BRANCH_KINDS,
    _CITIES,
    _CLOSURE_NOTES,
    _CULTURES,
    _HOME_CITIES,
    _PRE_MATCH_TOPICS,
    _PROGRAMMES,
    _REASON_WEIGHTS,
    _REASONS_ENDING_VOLUNTEER,
    _REASONS_ENDING_YOUTH,
    _SPONSOR_PREFIXES,
    _SPONSOR_SUFFIXES,
    _STATUS_SHARES,
)


@dataclass(slots=True)
class _Person:
    culture: str
    female: bool
    first: str
    last: str
    family: tuple[str, str] | None = None  # (masculine, feminine) surname forms


@dataclass(slots=True)
class _PlannedVolunteer:
    status: VolunteerStatus
    person: _Person | None = None
    lanes: list[int] = field(default_factory=list)
    ready: date | None = None           # eligible to be matched from this day
    applied_on: date | None = None
    entered: date | None = None          # when the volunteer first got in touch
    drives: bool = False
    prior_minutes: int = 0
    horizon: date | None = None          # checks are renewed to stay valid through this day
    sponsor: int | None = None
    last_start: date | None = None
    last_end: date | None = None         # end of the last closed match (None: open or none)
    starts: list[date] = field(default_factory=list)  # match start dates, ascending
    interests: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Lane:
    volunteer: int
    start: date
    end: date
    open: bool
    k: int = 1
    cap: int = 1
    span: int = 0


@dataclass(slots=True)
class _PlannedMatch:
    volunteer: int
    lane: int | None
    status: MatchStatus
    start: date | None
    end: date | None
    proposed_on: date | None
    youth: int = -1
    programme: int = -1
    hold_from: date | None = None
    volunteer_continues: bool = False
    youth_continues: bool = False
    reason: tuple[int, str, ClosureCategory | None] | None = None
    category: ClosureCategory | None = None
    rematch: bool | None = None
    note: str = ""
    plan: str = ""


@dataclass(slots=True)
class _PlannedYouth:
    programme: int
    person: _Person | None = None
    matches: list[int] = field(default_factory=list)
    status: YouthStatus = YouthStatus.WAITING
    referred_on: date | None = None
    consent_on: date | None = None
    interests: list[str] = field(default_factory=list)



class _Planner:
    """Decides every record in memory (`plan`); the writers put them in the database."""

    def __init__(self, size: DemoSize, seed: int, as_of: date,
                 reasons: list[tuple[int, str, ClosureCategory | None]], now):
        self.size = size
        self.seed = seed
        self.as_of = as_of
        self.w0 = as_of - timedelta(days=HISTORY_DAYS)
        self.earliest = self.w0 - timedelta(days=LEGACY_DAYS)
        self.reasons = reasons
        self.stamp = {"version": 1, "created_at": now, "updated_at": now}
        self.emails: set[str] = set()

    def rng(self, stage: str) -> random.Random:
        return random.Random(f"mentordesk-demo:{self.seed}:{stage}")

    # ---- people ----

    def _people(self, rng: random.Random, n: int) -> list[_Person]:
        cultures = _shares(rng, [(k, c.share) for k, c in _CULTURES.items()], n)
        people = []
        for key in cultures:
            c = _CULTURES[key]
            female = rng.random() < 0.55
            first = rng.choice(c.female if female else c.male)
            last = rng.choice(c.last)
            family = None
            if isinstance(last, tuple):
                family = last
                last = last[1] if female else last[0]
            people.append(_Person(key, female, first, last, family))
        return people


    # ---- planning (no database) ----

    def plan(self) -> None:
        self._plan_organisation()
        self._plan_volunteer_statuses()
        self._plan_lanes()
        self._plan_match_dates()
        self._plan_youth_assignment()
        self._plan_closures()
        self._plan_youth_statuses()
        self._plan_proposals()
        self._plan_volunteer_dates()
        self._plan_events()

    def _plan_organisation(self) -> None:
        rng = self.rng("organisation")
        size = self.size
        self.programmes = [_PROGRAMMES[i % len(_PROGRAMMES)] for i in range(size.programmes)]
        prefixes = rng.sample(_SPONSOR_PREFIXES, min(size.sponsors, len(_SPONSOR_PREFIXES)))
        names: list[str] = []
        for i in range(size.sponsors):
            prefix = prefixes[i % len(prefixes)]
            name = f"{prefix} {rng.choice(_SPONSOR_SUFFIXES)}"
            while name in names:
                name = f"{prefix} {rng.choice(_SPONSOR_SUFFIXES)}"
            names.append(name)
        self.sponsor_names = names
        self.sponsor_prefixes = [prefixes[i % len(prefixes)] for i in range(size.sponsors)]
        low, high = (2, 4) if size.branches <= size.sponsors * 4 else (2, 10)
        branch_counts = _partition(rng, size.branches, size.sponsors, low, high)
        self.branches: list[tuple[int, str, str, str, int]] = []  # sponsor, name, city, area, hc
        for sp, count in enumerate(branch_counts):
            cities = rng.sample(range(len(_CITIES)), min(count, len(_CITIES)))
            # Every sponsor has offices around the home city; large ones further away too.
            cities[0] = rng.randrange(_HOME_CITIES)
            used: set[str] = set()
            for j in range(count):
                city, area, _ = _CITIES[cities[j % len(cities)]]
                kind = "Head office" if j == 0 else rng.choice(_BRANCH_KINDS[1:])
                name = f"{city} {kind}"
                while name in used:
                    name = f"{city} {rng.choice(_BRANCH_KINDS[1:])}"
                    if name in used:
                        name = f"{city} {kind} {len(used) + 1}"
                used.add(name)
                headcount = int(math.exp(rng.uniform(math.log(40), math.log(2000))))
                if headcount > 100:
                    headcount = round(headcount, -1)
                headcount = max(40, min(2000, headcount))
                self.branches.append((sp, name, city, area, headcount))
        self.branches_of: list[list[int]] = [[] for _ in range(size.sponsors)]
        for b, row in enumerate(self.branches):
            self.branches_of[row[0]].append(b)
        self.sponsor_weights = [
            sum(self.branches[b][4] for b in bs) ** 0.7 for bs in self.branches_of
        ]

    def _plan_volunteer_statuses(self) -> None:
        rng = self.rng("volunteers")
        statuses = _shares(rng, _STATUS_SHARES, self.size.volunteers)
        self.volunteers = [_PlannedVolunteer(st) for st in statuses]
        people = self._people(rng, len(statuses))
        for v, person in zip(self.volunteers, people):
            v.person = person
            v.drives = rng.random() < 0.15

    def _plan_lanes(self) -> None:
        """A lane is one volunteer's run of consecutive matches (a few mentor two youth)."""
        rng = self.rng("lanes")
        as_of, w0, earliest = self.as_of, self.w0, self.earliest
        lanes: list[_Lane] = []
        for i, v in enumerate(self.volunteers):
            if v.status == VolunteerStatus.MATCHED:
                if rng.random() < self.size.veteran_share:
                    start = _between(rng, earliest, w0)
                else:
                    start = _between(rng, w0, as_of - timedelta(days=10))
                lanes.append(_Lane(i, start, as_of, True))
                if rng.random() < 0.12:
                    second = _between(rng, max(start, w0), as_of - timedelta(days=45))
                    if rng.random() < 0.7:
                        lanes.append(_Lane(i, second, as_of, True))
                    else:
                        end = _between(rng, second + timedelta(days=60), as_of - timedelta(days=14))
                        if end <= as_of - timedelta(days=14):
                            lanes.append(_Lane(i, second, end, False))
            elif v.status == VolunteerStatus.ACCEPTED and rng.random() < 0.55:
                end = as_of - timedelta(days=rng.randint(14, 200))
                lanes.append(_Lane(i, _between(rng, earliest, end - timedelta(days=120)), end,
                                   False))
            elif v.status == VolunteerStatus.INACTIVE and rng.random() < 0.85:
                end = _between(rng, w0 + timedelta(days=90), as_of - timedelta(days=60))
                lanes.append(_Lane(i, _between(rng, earliest, end - timedelta(days=120)), end,
                                   False))
        n_proposed = max(1, round(self.size.matches * 0.03))
        n_declined = max(1, round(self.size.matches * 0.04))
        n_started = self.size.matches - n_proposed - n_declined
        # Too many lanes for the matches wanted: drop second and closed lanes first.
        seen: set[int] = set()
        removable = []
        for idx, lane in enumerate(lanes):
            if lane.volunteer in seen or not lane.open:
                removable.append(idx)
            seen.add(lane.volunteer)
        rng.shuffle(removable)
        drop = set(removable[: max(0, len(lanes) - n_started)])
        lanes = [lane for idx, lane in enumerate(lanes) if idx not in drop]
        for lane in lanes:
            lane.span = (lane.end - max(lane.start, w0)).days
            lane.cap = max(1, (lane.span + 40) // 150)
        extras = max(0, n_started - len(lanes))
        if extras:
            picks = rng.choices(range(len(lanes)), weights=[lane.span for lane in lanes],
                                k=extras)
            spill = 0
            for idx in picks:
                if lanes[idx].k < lanes[idx].cap:
                    lanes[idx].k += 1
                else:
                    spill += 1
            for lane in sorted(lanes, key=lambda x: -x.span):
                while spill and lane.k < lane.cap:
                    lane.k += 1
                    spill -= 1
        self.lanes = lanes
        self.n_proposed = n_proposed
        for li, lane in enumerate(lanes):
            self.volunteers[lane.volunteer].lanes.append(li)
        # Volunteers whose lanes were dropped have no match history.
        for v in self.volunteers:
            if v.status == VolunteerStatus.MATCHED and not any(
                lanes[li].open for li in v.lanes
            ):  # pragma: no cover - only with odd sizes
                v.status = VolunteerStatus.ACCEPTED

    def _plan_match_dates(self) -> None:
        rng = self.rng("matches")
        w0 = self.w0
        matches: list[_PlannedMatch] = []
        for li, lane in enumerate(self.lanes):
            k = lane.k
            anchor = max(lane.start, w0)
            while True:
                gaps = [rng.randint(14, 75) for _ in range(k - 1)]
                avail = (lane.end - anchor).days - sum(gaps)
                if k == 1 or avail >= 60 * k:
                    break
                k -= 1
            lane.k = k
            weights = [rng.uniform(0.35, 1.65) for _ in range(k)]
            spare = max(0, avail - 30 * k)
            lengths = [30 + int(spare * w / sum(weights)) for w in weights]
            cursor = anchor
            for j in range(k):
                start = lane.start if j == 0 else cursor
                last = j == k - 1
                end = lane.end if last else cursor + timedelta(days=lengths[j])
                if last and lane.open:
                    status = _weighted(rng, ((MatchStatus.ACTIVE, 0.85),
                                             (MatchStatus.ON_HOLD, 0.07),
                                             (MatchStatus.CLOSING, 0.08)))
                    m = _PlannedMatch(lane.volunteer, li, status, start, None,
                                      start - timedelta(days=rng.randint(5, 30)))
                    if status == MatchStatus.ON_HOLD:
                        hold = self.as_of - timedelta(days=rng.randint(21, 70))
                        if hold >= start + timedelta(days=45):
                            m.hold_from = hold
                        else:
                            m.status = MatchStatus.ACTIVE
                    if status == MatchStatus.CLOSING and (self.as_of - start).days < 90:
                        m.status = MatchStatus.ACTIVE
                else:
                    m = _PlannedMatch(lane.volunteer, li, MatchStatus.CLOSED, start, end,
                                      start - timedelta(days=rng.randint(5, 30)))
                    m.volunteer_continues = not last
                matches.append(m)
                if not last:
                    cursor = end + timedelta(days=gaps[j])
        self.matches = matches

    def _plan_youth_assignment(self) -> None:
        """Give each started match a youth who is free then (one running match per youth)."""
        rng = self.rng("youth")
        size = self.size
        programme_weights = []
        for p in self.programmes:
            share = {ProgrammeType.COMMUNITY: 0.5, ProgrammeType.SCHOOL: 0.3,
                     ProgrammeType.SITE: 0.2}[p[1]]
            same = sum(1 for q in self.programmes if q[1] == p[1])
            programme_weights.append(share / same)
        youth = [_PlannedYouth(rng.choices(range(len(self.programmes)), programme_weights)[0])
                 for _ in range(size.youth)]
        for y, person in zip(youth, self._people(rng, size.youth)):
            y.person = person
        fresh = list(range(size.youth))
        rng.shuffle(fresh)
        # The waiting list: youth kept for last, so some were never matched.
        reserve = fresh[: round(size.youth * 0.12)]
        fresh = fresh[len(reserve):]
        order = sorted(range(len(self.matches)),
                       key=lambda i: (self.matches[i].start, i))
        n_started = len(order)
        rematch_share = min(0.7, max(0.1, 1 - 0.95 * len(fresh) / max(1, n_started)))
        waiting_heap: list[tuple[date, int]] = []
        free: list[int] = []
        dropped: list[int] = []
        for mi in order:
            m = self.matches[mi]
            while waiting_heap and waiting_heap[0][0] <= m.start:
                free.append(heapq.heappop(waiting_heap)[1])
            use_free = free and (not fresh or rng.random() < rematch_share)
            if use_free:
                yi = free.pop(rng.randrange(len(free)))
            elif fresh:
                yi = fresh.pop()
            elif reserve:
                yi = reserve.pop()
            else:  # pragma: no cover - only when there are far too few youth
                dropped.append(mi)
                continue
            y = youth[yi]
            m.youth = yi
            m.programme = y.programme
            if y.matches:
                self.matches[y.matches[-1]].youth_continues = True
            y.matches.append(mi)
            if m.status == MatchStatus.CLOSED:
                heapq.heappush(waiting_heap, (m.end + timedelta(days=rng.randint(21, 120)), yi))
        if dropped:  # pragma: no cover
            gone = set(dropped)
            self.matches = [m for i, m in enumerate(self.matches) if i not in gone]
        self.youth = youth

    def _plan_closures(self) -> None:
        rng = self.rng("closures")
        for m in self.matches:
            if m.status != MatchStatus.CLOSED:
                continue
            months = whole_months(m.start, m.end)
            school = self.programmes[m.programme][1] == ProgrammeType.SCHOOL
            choices = []
            for reason in self.reasons:
                label = reason[1]
                w = _REASON_WEIGHTS.get(label, 0.3)
                if label.startswith("Accomplished") and months < 12:
                    w = 0.2 if months >= 6 else 0.0
                if label == "Formal closure at end of term":
                    w = (2.5 if school else 0.2) if months >= 6 else 0.0
                if m.volunteer_continues and label in _REASONS_ENDING_VOLUNTEER:
                    w = 0.0
                if m.youth_continues and label in _REASONS_ENDING_YOUTH:
                    w = 0.0
                if months < 3 and label.startswith("Youth graduated"):
                    w = 0.0
                choices.append((reason, w))
            if sum(w for _, w in choices) <= 0:
                choices = [(r, 1.0) for r in self.reasons]
            reason = _weighted(rng, choices)
            m.reason = reason
            category = reason[2]
            if category is None:
                category = _weighted(rng, (
                    (ClosureCategory.MENTOR_INITIATED, 0.5),
                    (ClosureCategory.YOUTH_INITIATED, 0.3),
                    (ClosureCategory.PROGRAMME_INITIATED, 0.2),
                ))
            m.category = ClosureCategory(category)
            if reason[1] == "Safety or policy concern":
                m.rematch = False
            elif m.youth_continues:
                m.rematch = True
            elif reason[1] in _REASONS_ENDING_YOUTH:
                m.rematch = False
            else:
                m.rematch = rng.random() < 0.8
            notes = _CLOSURE_NOTES.get(reason[1]) or ("Closure conversation held with both.",)
            m.note = rng.choice(notes)

    def _plan_youth_statuses(self) -> None:
        rng = self.rng("youth-status")
        as_of = self.as_of
        for y in self.youth:
            if not y.matches:
                y.status = _weighted(rng, ((YouthStatus.WAITING, 0.65),
                                           (YouthStatus.REFERRED, 0.2),
                                           (YouthStatus.EXITED, 0.15)))
                if y.status == YouthStatus.REFERRED:
                    y.referred_on = as_of - timedelta(days=rng.randint(0, 30))
                elif y.status == YouthStatus.WAITING:
                    y.referred_on = as_of - timedelta(days=rng.randint(14, 400))
                    y.consent_on = min(as_of, y.referred_on + timedelta(days=rng.randint(3, 30)))
                else:
                    y.referred_on = as_of - timedelta(days=rng.randint(200, 700))
                    y.consent_on = y.referred_on + timedelta(days=rng.randint(3, 30))
                continue
            first = self.matches[y.matches[0]].start
            y.referred_on = first - timedelta(days=rng.randint(30, 240))
            y.consent_on = min(first - timedelta(days=1),
                               y.referred_on + timedelta(days=rng.randint(3, 25)))
            last = self.matches[y.matches[-1]]
            if last.status.is_open:
                y.status = YouthStatus.MATCHED
            elif (last.rematch and last.reason[1] not in _REASONS_ENDING_YOUTH
                  and (last.end >= as_of - timedelta(days=270) or rng.random() < 0.3)):
                y.status = YouthStatus.WAITING
            else:
                y.status = YouthStatus.EXITED

    def _plan_proposals(self) -> None:
        """Proposed matches wait for a 'yes'; declined ones never started."""
        rng = self.rng("proposals")
        as_of = self.as_of
        accepted = [i for i, v in enumerate(self.volunteers)
                    if v.status == VolunteerStatus.ACCEPTED]
        waiting = [i for i, y in enumerate(self.youth)
                   if y.status == YouthStatus.WAITING]
        rng.shuffle(accepted)
        rng.shuffle(waiting)
        proposals = min(self.n_proposed, len(accepted), len(waiting))
        self.n_declined = max(0, self.size.matches - len(self.matches) - proposals)
        for j in range(proposals):
            vi, yi = accepted[j], waiting[j]
            proposed = as_of - timedelta(days=rng.randint(1, 20))
            # ... after both were free: their earlier matches had closed.
            earlier = [self.lanes[li].end for li in self.volunteers[vi].lanes]
            earlier += [self.matches[mi].end for mi in self.youth[yi].matches]
            if earlier:
                proposed = min(as_of, max(proposed, max(earlier) + timedelta(days=7)))
            m = _PlannedMatch(vi, None, MatchStatus.PROPOSED, None, None, proposed)
            m.youth, m.programme = yi, self.youth[yi].programme
            self.volunteers[vi].ready = m.proposed_on - timedelta(days=rng.randint(3, 40))
            self.matches.append(m)
        # Declined proposals: before a youth's first match, with someone ready then.
        candidates = [i for i, y in enumerate(self.youth) if y.matches
                      and self.matches[y.matches[0]].start >= self.w0 + timedelta(days=60)]
        rng.shuffle(candidates)
        lane_volunteers = sorted({lane.volunteer for lane in self.lanes})
        firsts = {vi: min(self.lanes[li].start for li in self.volunteers[vi].lanes)
                  for vi in lane_volunteers}
        for j in range(self.n_declined):
            if candidates:
                yi = candidates[j % len(candidates)]
                proposed = self.matches[self.youth[yi].matches[0]].start - timedelta(
                    days=rng.randint(10, 45))
            else:
                yi = rng.randrange(len(self.youth))
                proposed = _between(rng, self.w0, as_of - timedelta(days=7))
            ready = [vi for vi in lane_volunteers if firsts[vi] < proposed]
            vi = rng.choice(ready) if ready else rng.choice(lane_volunteers or [0])
            m = _PlannedMatch(vi, None, MatchStatus.DECLINED, None, None, proposed)
            m.youth, m.programme = yi, self.youth[yi].programme
            m.note = rng.choice((
                "Family preferred a mentor who speaks Spanish.",
                "Schedules did not fit; youth stayed on the waiting list.",
                "Volunteer felt the age gap was too large.",
                "Guardian asked for a mentor closer to home.",
                "Youth chose not to go ahead at the introduction meeting.",
            ))
            self.matches.append(m)

    def _plan_volunteer_dates(self) -> None:
        rng = self.rng("volunteer-dates")
        as_of = self.as_of
        firsts: dict[int, date] = {}
        lasts: dict[int, date] = {}
        last_end: dict[int, list[date | None]] = {}
        for m in self.matches:
            if m.start is None:
                continue
            vi = m.volunteer
            self.volunteers[vi].starts.append(m.start)
            firsts[vi] = min(firsts.get(vi, m.start), m.start)
            lasts[vi] = max(lasts.get(vi, m.start), m.start)
        for lane in self.lanes:
            ends = last_end.setdefault(lane.volunteer, [])
            ends.append(None if lane.open else lane.end)
        for i, v in enumerate(self.volunteers):
            st = v.status
            v.starts.sort()
            if i in firsts:
                v.ready = min(v.ready or firsts[i], firsts[i])
                v.last_start = lasts[i]
                ends = last_end.get(i, [])
                v.last_end = None if None in ends or not ends else max(ends)
            elif st in (VolunteerStatus.ACCEPTED, VolunteerStatus.INACTIVE) and v.ready is None:
                if st == VolunteerStatus.ACCEPTED:
                    v.ready = as_of - timedelta(days=rng.randint(7, 200))
                else:
                    v.ready = _between(rng, self.earliest, as_of - timedelta(days=300))
            if v.ready is not None:
                v.applied_on = v.ready - timedelta(days=rng.randint(45, 150))
                v.entered = v.applied_on - timedelta(days=rng.randint(0, 30))
                if st in (VolunteerStatus.MATCHED, VolunteerStatus.ACCEPTED):
                    v.horizon = as_of
                else:
                    v.horizon = v.last_start or v.ready
            elif st == VolunteerStatus.INQUIRY:
                v.entered = as_of - timedelta(days=rng.randint(0, 45))
            elif st == VolunteerStatus.APPLIED:
                v.applied_on = as_of - timedelta(days=rng.randint(2, 40))
            elif st == VolunteerStatus.SCREENING:
                v.applied_on = as_of - timedelta(days=rng.randint(20, 100))
            else:  # deferred, declined, withdrawn
                v.applied_on = _between(rng, self.w0, as_of - timedelta(days=45))
            if v.entered is None:
                v.entered = (v.applied_on or as_of) - timedelta(days=rng.randint(0, 30))

    def _plan_events(self) -> None:
        """The pre-match training calendar (other events are made when written)."""
        rng = self.rng("events-plan")
        first = self.w0 + timedelta(days=(5 - self.w0.weekday()) % 7)  # a Saturday
        self.trainings: list[tuple[date, int, str]] = []
        day = first
        while day <= self.as_of:
            minutes = rng.choice((120, 150, 180))
            self.trainings.append((day, minutes, rng.choice(_PRE_MATCH_TOPICS)))
            day += timedelta(days=self.size.training_every_days)
        self.training_days = [t[0] for t in self.trainings]
