"""The board report's figures, each checked against a plain-Python computation over
the stored rows (read with plain Core selects, not the report's queries), on both
backends, with matches, sessions and employments on the period's boundaries."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from mentordesk.domain import (
    Branch,
    Employment,
    Match,
    MentoringSession,
    ScreeningCheck,
    Sponsor,
    SupportContact,
    Volunteer,
)
from mentordesk.domain.cadence import BBBS
from mentordesk.domain.enums import CheckType, ClosureCategory, VolunteerStatus
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.progress import Cancelled
from mentordesk.domain.programme_figures import contact_schedule
from mentordesk.domain.rules import DEFAULT_REQUIRED_CHECKS
from mentordesk.services.programme_report import ProgrammeReportService

from .helpers import Make
from .programme_board import (
    END,
    START,
    active_in,
    bbbs_dues,
    bbbs_next,
    build_board,
    plus_months,
    rows,
    started_matches,
)


@pytest.fixture
def board(services, make: Make):
    return build_board(services, make)


def figures(services, start=START, end=END):
    return ProgrammeReportService(services.db).figures(start, end)


# --- matches --------------------------------------------------------------------------------

def test_match_counts_survival_and_length(services, board):
    f = figures(services).matches
    active = active_in(services)
    ids = {m.id for m in active}
    assert board.first_day.id in ids and board.last_day.id in ids and board.six.id in ids
    assert not {board.day_before.id, board.later.id, board.proposed.id, board.archived.id} & ids
    assert f.active == len(active) == 10
    assert f.started == sum(START <= m.start <= END for m in active) == 4
    assert f.closed == sum(m.closed is not None and START <= m.closed <= END for m in active) == 3
    assert f.running_at_end == sum(m.closed is None or m.closed > END for m in active) == 7
    for months in (6, 12, 24):
        could = [m for m in active if (m.closed is not None and m.closed <= END)
                 or plus_months(m.start, months) <= END]
        last = [m.closed if m.closed is not None and m.closed <= END else END for m in could]
        reached = sum(plus_months(m.start, months) <= d for m, d in zip(could, last))
        s = f.reaching(months)
        assert (s.reached, s.could_have) == (reached, len(could)), months
    six = f.reaching(6)
    # started exactly 6 months before the end: could have and did; 1 April: not yet
    assert {board.six.id, board.first_day.id} <= {
        m.id for m in active if plus_months(m.start, 6) <= END or m.closed}
    assert six.could_have == 7 and six.reached == 6  # only the short match fell short
    days = [((m.closed if m.closed and m.closed <= END else END) - m.start).days for m in active]
    assert f.length_days == sum(days)
    assert f.average_months == pytest.approx(sum(days) / len(days) / (365.25 / 12))
    closed = [m for m in active if m.closed and START <= m.closed <= END]
    assert f.closed_length_days == sum((m.closed - m.start).days for m in closed)
    assert f.average_closed_months == pytest.approx(
        sum((m.closed - m.start).days for m in closed) / len(closed) / (365.25 / 12))


def test_closures_by_reason_category_and_rematch(services, board):
    c = figures(services).closures
    closed = [m for m in started_matches(services) if m.closed and START <= m.closed <= END]
    assert sorted(m.id for m in closed) == sorted(
        [board.first_day.id, board.last_day.id, board.short.id])
    assert c.total == len(closed)
    assert dict(c.by_reason) == Counter(m.reason for m in closed)
    assert {k.value: n for k, n in c.by_category} == {
        k.value: sum(m.category == k.value for m in closed) for k in ClosureCategory}
    assert (c.rematch_yes, c.rematch_no, c.rematch_unrecorded) == (
        sum(m.rematch is True for m in closed), sum(m.rematch is False for m in closed),
        sum(m.rematch is None for m in closed)) == (1, 1, 1)


def test_an_empty_period_has_no_closures_and_no_shares(services, board):
    f = figures(services, date(2010, 1, 1), date(2010, 12, 31))
    assert f.matches.active == f.closures.total == f.activity.sessions == 0
    assert f.matches.average_months is None and f.matches.reaching(6).share is None
    assert f.compliance.share_compliant is None and f.compliance.share_on_time is None


# --- support contacts -----------------------------------------------------------------------

def test_support_contact_compliance_against_the_cadence(services, board):
    c = figures(services).compliance
    made: dict[int, list[date]] = {}
    for match_id, day, was_made in rows(services, SupportContact, "match_id", "contact_date",
                                        "made"):
        if was_made and day <= END:
            made.setdefault(match_id, []).append(day)
    active = active_in(services)
    due = on_time = with_dues = compliant = running = overdue = 0
    for m in active:
        until = m.closed if m.closed and m.closed <= END else END
        dues = [(d, ok) for d, ok in bbbs_dues(m.start, made.get(m.id, []), until) if d >= START]
        if dues:
            with_dues += 1
            due += len(dues)
            on_time += sum(ok for _, ok in dues)
            compliant += all(ok for _, ok in dues)
        if m.closed is None or m.closed > END:
            running += 1
            last = max((max(d, m.start) for d in made.get(m.id, [])), default=None)
            overdue += bbbs_next(m.start, last) < END
    assert (c.matches, c.with_dues, c.fully_compliant, c.due, c.on_time) == (
        len(active), with_dues, compliant, due, on_time)
    assert (c.running_at_end, c.overdue_at_end) == (running, overdue)
    assert c.cadence == BBBS.name
    # by hand: the long match's quarterly dues (none made before March 2025: each
    # missed date asked again a quarter later) met 24 Apr and 15 Jun, missed 10 Sep
    long_ = bbbs_dues(date(2023, 1, 10), [date(2025, 3, 15), date(2025, 6, 10)], END)
    assert [d for d in long_ if d[0] >= START] == [
        (date(2025, 4, 24), True), (date(2025, 6, 15), True), (date(2025, 9, 10), False)]
    assert 0 < compliant < with_dues and 0 < overdue < running
    first = bbbs_dues(date(2025, 3, 18), [START], END)
    assert first[0] == (START, True)


def test_the_schedule_rule_agrees_with_the_day_by_day_walk():
    start = date(2024, 8, 31)
    made = [date(2024, 9, 10), date(2024, 9, 12), date(2024, 11, 30), date(2025, 1, 5),
            date(2025, 8, 1), date(2025, 8, 2), date(2025, 12, 31)]
    for until in (date(2024, 9, 14), date(2025, 3, 1), date(2026, 2, 28)):
        got = [(d.due, d.met) for d in contact_schedule(start, made, BBBS, until)]
        assert got == bbbs_dues(start, made, until)
    assert contact_schedule(start, [], BBBS, date(2024, 9, 13)) == []


# --- sessions, screening, sponsors ---------------------------------------------------------

def test_sessions_and_hours_count_the_period_inclusive(services, board):
    a = figures(services).activity
    sessions = [r for r in rows(services, MentoringSession, "match_id", "volunteer_id",
                                "session_date", "duration_minutes", "status")
                if START <= r.session_date <= END]
    attended = [r for r in sessions if r.status == "attended"]
    youth = dict(rows(services, Match, "id", "youth_id"))
    assert (a.sessions, a.minutes) == (len(attended), sum(r.duration_minutes for r in attended))
    assert (a.sessions, a.minutes) == (7, 45 + 45 + 61 + 90 + 90 + 59 + 30)
    assert a.cancelled == sum(r.status == "cancelled" for r in sessions) == 1
    assert a.no_show == sum(r.status == "no_show" for r in sessions) == 1
    assert a.volunteers == len({r.volunteer_id for r in attended})
    assert a.youth == len({youth[r.match_id] for r in attended})


def test_screening_pipeline_as_of_the_end(services, board):
    s = figures(services).screening
    people = rows(services, Volunteer, "id", "status", "drives_youth", "archived_at")
    on_record = [p for p in people if p.archived_at is None]
    assert dict((k.value, n) for k, n in s.by_status) == {
        k.value: sum(p.status == k.value for p in on_record) for k in VolunteerStatus}
    pipeline = [p for p in on_record
                if p.status in ("applied", "screening", "accepted", "matched")]
    assert s.in_pipeline == len(pipeline)
    checks = rows(services, ScreeningCheck, "volunteer_id", "type", "result", "requested_on",
                  "completed_on", "expires_on")
    expected: dict[str, Counter] = {}
    for p in pipeline:
        needed = [t.value for t in DEFAULT_REQUIRED_CHECKS] + (
            ["driving_record"] if p.drives_youth else [])
        for kind in needed:
            mine = [c for c in checks if c.volunteer_id == p.id and c.type == kind
                    and (c.requested_on or c.completed_on or date.min) <= END]
            done = [c for c in mine if c.result != "pending" and c.completed_on
                    and c.completed_on <= END]
            if not mine:
                state = "missing"
            elif not done:
                state = "pending"
            else:
                last = sorted(done, key=lambda c: c.completed_on)[-1]
                state = ("flagged" if last.result == "flagged" else "expired"
                         if last.expires_on and last.expires_on < END else "clear")
                if state == "clear" and last.expires_on and \
                        last.expires_on <= END + timedelta(days=30):
                    expected.setdefault(kind, Counter())["expiring"] += 1
            expected.setdefault(kind, Counter())[state] += 1
    got = {c.type.value: Counter({k: c.count(k) for k in (
        "missing", "pending", "clear", "flagged", "expired", "expiring") if c.count(k)})
        for c in s.checks}
    assert got == expected
    crim = next(c for c in s.checks if c.type == CheckType.CRIMINAL_RECORD)
    assert crim.expiring == 1 and crim.pending == 1  # completed only after the end
    assert next(c for c in s.checks if c.type == CheckType.DRIVING_RECORD).missing == 1


def test_volunteers_by_sponsor_and_branch_at_the_end(services, board):
    f = figures(services)
    people = {p.id for p in rows(services, Volunteer, "id", "archived_at") if p.archived_at is None}
    sponsors = dict(rows(services, Sponsor, "id", "name"))
    branches = dict(rows(services, Branch, "id", "name"))
    attended = {r.volunteer_id for r in rows(services, MentoringSession, "volunteer_id",
                                             "session_date", "status")
                if START <= r.session_date <= END and r.status == "attended"}
    at: dict[tuple, set] = {}
    for vid, sid, bid, first, last in rows(services, Employment, "volunteer_id", "sponsor_id",
                                           "branch_id", "start_date", "end_date"):
        if vid in people and (first is None or first <= END) and (last is None or last >= END):
            at.setdefault((sponsors[sid], branches.get(bid)), set()).add(vid)
    got = {(s.name, b.name if b.branch_id else None): (b.volunteers, b.active)
           for s in f.sponsors for b in s.branches}
    assert got == {k: (len(v), len(v & attended)) for k, v in at.items()}
    assert got[("Acme", "South")] == (1, 1)  # moved there mid-period
    assert got[("Acme", "North")] == (2, 1)  # one moved after the end, one started on it
    employed = set().union(*at.values())
    by_name = {s.name: s for s in f.sponsors}
    rest = people - employed
    assert (by_name["No employer recorded"].volunteers, by_name["No employer recorded"].active) \
        == (len(rest), len(rest & attended))
    assert f.volunteers_on_record == len(people)
    assert f.active_on_record == len(people & attended)
    assert [s.name for s in f.sponsors] == ["Acme", "Beta", "No employer recorded"]


# --- the call ------------------------------------------------------------------------------

def test_refuses_a_period_that_ends_before_it_starts(services):
    with pytest.raises(ValidationError):
        figures(services, END, START)


def test_reports_progress_and_stops_on_cancel(services, board):
    seen = []

    class Stop:
        def progress(self, done, total, text=""):
            seen.append((done, total))

        def check(self):
            if len(seen) >= 2:
                raise Cancelled()

    with pytest.raises(Cancelled):
        ProgrammeReportService(services.db).figures(START, END, progress=Stop())
    assert seen[:2] == [(0, 6), (1, 6)]


def test_the_printed_report_holds_the_figures_and_no_young_person(services, board, tmp_path):
    import pypdfium2 as pdfium

    from mentordesk.domain import Youth

    out = services.reports.programme_report(START, END, tmp_path / "board.pdf", paper="a4")
    doc = pdfium.PdfDocument(str(out))
    flat = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in doc)
    doc.close()
    youth = rows(services, Youth, "first_name", "last_name", "programme_ref", "school")
    assert youth
    for person in youth:  # "Young" is also a word of the report: the rest must be absent
        for value in (person.last_name, person.programme_ref, person.school):
            assert not value or value not in flat
    attended = [r for r in rows(services, MentoringSession, "session_date", "duration_minutes",
                                "status") if START <= r.session_date <= END
                and r.status == "attended"]
    minutes = sum(r.duration_minutes for r in attended)
    assert f"Sessions attended {len(attended)}" in flat
    assert f"({minutes // 60:,} h {minutes % 60} min)" in flat
    assert "Page 1 of" in flat and "1 Apr 2025 – 30 Sep 2025" in flat
