"""The demo database: realistic, deterministic, consistent with the rules, all-or-nothing."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from mentordesk.db import Database, open_database
from mentordesk.domain.cadence import contact_status
from mentordesk.domain.enums import CheckResult, CheckType, VolunteerStatus
from mentordesk.domain.errors import DatabaseError
from mentordesk.domain.rules import matching_eligibility
from mentordesk.services.demo import SIZES, DemoCancelled, DemoSummary, build_demo, slug

AS_OF = date(2025, 6, 15)
OPEN = ("active", "on_hold", "closing")


@pytest.fixture
def empty_db(tmp_path):
    db = open_database(tmp_path / "demo.sqlite", user="demo-test")
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def small(empty_db) -> tuple[Database, DemoSummary]:
    return empty_db, build_demo(empty_db, "small", seed=1, as_of=AS_OF)


def rows(db: Database, sql: str, **params) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def scalar(db: Database, sql: str, **params):
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# --- size and content ------------------------------------------------------------------

def test_small_counts_are_in_range(small):
    db, summary = small
    counts = summary.counts
    assert counts["programme"] == 3
    assert counts["sponsor"] == 4
    assert 8 <= counts["branch"] <= 16
    assert 55 <= counts["volunteer"] <= 65
    assert 50 <= counts["youth"] <= 60
    assert 55 <= counts["match"] <= 65
    assert 2_000 <= counts["session"] <= 5_000
    assert counts["support_contact"] > 300
    assert counts["screening_check"] > 200
    assert 2 <= counts["learning_circle"] <= 4
    assert counts["event"] > 30 and counts["attendance"] > 100
    assert counts["audit_entry"] == 1
    # The summary tells the truth about the database.
    for table, n in counts.items():
        if table != "audit_entry":
            assert scalar(db, f'SELECT count(*) FROM "{table}"') == n, table
    assert summary.elapsed > 0
    assert scalar(db, "SELECT count(*) FROM audit_entry WHERE entity = 'database'") == 1
    assert "small" in scalar(db, "SELECT new_value FROM audit_entry")


def test_programmes_sponsors_and_branches_look_real(small):
    db, _ = small
    assert {r[0] for r in rows(db, "SELECT type FROM programme")} == {"community", "school", "site"}
    per_sponsor = rows(db, "SELECT sponsor_id, count(*), count(DISTINCT city) FROM branch "
                           "GROUP BY sponsor_id")
    assert all(2 <= n <= 4 for _, n, _ in per_sponsor)
    assert len({c for (c,) in rows(db, "SELECT city FROM branch")}) >= 4
    assert all(40 <= hc <= 2000 for (hc,) in rows(db, "SELECT headcount FROM branch"))


def test_every_pipeline_stage_is_present(small):
    db, _ = small
    statuses = {s for (s,) in rows(db, "SELECT DISTINCT status FROM volunteer")}
    assert statuses == {s.value for s in VolunteerStatus}
    match_statuses = {s for (s,) in rows(db, "SELECT DISTINCT status FROM match")}
    assert {"proposed", "active", "closed", "declined"} <= match_statuses
    youth = {s for (s,) in rows(db, "SELECT DISTINCT status FROM youth")}
    assert {"matched", "waiting"} <= youth


def test_names_are_international_and_emails_plain(small):
    db, _ = small
    names = rows(db, "SELECT first_name, last_name FROM volunteer "
                     "UNION ALL SELECT first_name, last_name FROM youth")
    text_ = " ".join(f"{a} {b}" for a, b in names)
    assert any(ord(ch) > 127 for ch in text_)
    assert re.search("[\u0370-\u03ff]", text_), "no Greek names"
    assert re.search("[\u0400-\u04ff]", text_), "no Cyrillic names"
    assert re.search("[áéíóúñçãõüöäłŁ]", text_), "no accented Latin names"
    emails = [e for (e,) in rows(db, "SELECT email FROM volunteer")]
    assert all(e is not None for e in emails)
    assert len(set(emails)) == len(emails)
    for email in emails:
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+", email), email
    phones = [p for (p,) in rows(db, "SELECT phone FROM volunteer WHERE phone IS NOT NULL")]
    assert all(re.search(r"\d{3}.*555-\d{4}", p) for p in phones)


def test_slug_transliterates():
    assert slug("Γιώργος") == "giorgos"
    assert slug("Παπαδόπουλος") == "papadopoulos"
    assert slug("Анна") == "anna"
    assert slug("Смирнова") == "smirnova"
    assert slug("Łukasz") == "lukasz"
    assert slug("Nguyễn") == "nguyen"
    assert slug("Siobhán") == "siobhan"
    assert slug("O'Brien") == "obrien"


def test_youth_records(small):
    db, _ = small
    refs = [r for (r,) in rows(db, "SELECT programme_ref FROM youth ORDER BY id")]
    assert refs[0] == "Y-00001" and all(re.fullmatch(r"Y-\d{5}", r) for r in refs)
    for dob, grade, ptype, guardian, phone in rows(
        db, "SELECT y.date_of_birth, y.grade, p.type, y.guardian_name, y.guardian_phone "
            "FROM youth y JOIN programme p ON p.id = y.programme_id"):
        assert guardian and phone
        if ptype == "school":
            assert grade
        else:
            assert dob is not None
        if dob is not None:
            dob = as_date(dob)
            age = AS_OF.year - dob.year - ((AS_OF.month, AS_OF.day) < (dob.month, dob.day))
            assert 8 <= age <= 17
    # status follows the matches
    for status, open_count in rows(
        db, "SELECT y.status, (SELECT count(*) FROM match m WHERE m.youth_id = y.id "
            "AND m.status IN ('active', 'on_hold', 'closing')) FROM youth y"):
        assert (status == "matched") == (open_count == 1)


def test_employment_history(small):
    db, _ = small
    per_volunteer = defaultdict(list)
    for vid, sponsor, branch, start, end in rows(
        db, "SELECT volunteer_id, sponsor_id, branch_id, start_date, end_date FROM employment "
            "ORDER BY volunteer_id, start_date"):
        assert branch is not None
        per_volunteer[vid].append((sponsor, branch, as_date(start), as_date(end)))
    volunteers = scalar(db, "SELECT count(*) FROM volunteer")
    assert 0 < volunteers - len(per_volunteer) < volunteers * 0.35  # some community volunteers
    moved = [e for e in per_volunteer.values() if len(e) == 2]
    assert moved, "nobody changed branch"
    for first, second in moved:
        assert first[0] == second[0] and first[1] != second[1]
        assert first[3] is not None and second[2] == first[3] + timedelta(days=1)
        assert second[3] is None


# --- rules ------------------------------------------------------------------------------

def test_every_session_lies_within_its_match(small):
    db, _ = small
    outside = scalar(
        db,
        "SELECT count(*) FROM session s JOIN match m ON m.id = s.match_id "
        "WHERE m.start_date IS NULL OR s.session_date < m.start_date "
        "OR s.session_date > COALESCE(m.end_date, :as_of)",
        as_of=AS_OF,
    )
    assert outside == 0
    assert scalar(db, "SELECT count(*) FROM session s JOIN match m ON m.id = s.match_id "
                      "WHERE s.volunteer_id != m.volunteer_id "
                      "OR s.programme_id != m.programme_id") == 0
    assert scalar(db, "SELECT count(*) FROM session WHERE match_id IS NULL") == 0
    first, last = rows(db, "SELECT min(session_date), max(session_date) FROM session")[0]
    assert as_date(first) >= AS_OF - timedelta(days=731) and as_date(last) <= AS_OF
    durations = [d for (d,) in rows(db, "SELECT duration_minutes FROM session")]
    assert all(30 <= d <= 180 and d % 15 == 0 for d in durations)
    attended = scalar(db, "SELECT avg(status = 'attended') FROM session")
    assert 0.8 <= attended <= 0.9


def test_no_youth_has_overlapping_one_to_one_matches(small):
    db, _ = small
    spans = defaultdict(list)
    for youth, start, end, status in rows(
        db, "SELECT youth_id, start_date, end_date, status FROM match "
            "WHERE kind = 'one_to_one' AND start_date IS NOT NULL ORDER BY youth_id, start_date"):
        spans[youth].append((as_date(start), as_date(end) or AS_OF, status))
    assert spans
    for youth, matches in spans.items():
        assert sum(1 for m in matches if m[2] in OPEN) <= 1, youth
        for earlier, later in zip(matches, matches[1:]):
            assert earlier[1] < later[0], youth


def test_match_status_and_closure_are_consistent(small):
    db, _ = small
    for status, start, end, reason, category, default, rematch in rows(
        db, "SELECT m.status, m.start_date, m.end_date, m.closure_reason_id, "
            "m.closure_category, r.default_category, m.rematch_eligible FROM match m "
            "LEFT JOIN closure_reason r ON r.id = m.closure_reason_id"):
        if status == "closed":
            assert start and end and as_date(end) >= as_date(start)
            assert reason is not None and category is not None and rematch is not None
            if default is not None:
                assert category == default
        else:
            assert end is None and reason is None and category is None
        if status in ("proposed", "declined"):
            assert start is None
    # a volunteer in an open match is matched, and every matched volunteer has one
    assert scalar(db, "SELECT count(*) FROM match m JOIN volunteer v ON v.id = m.volunteer_id "
                      "WHERE m.status IN ('active', 'on_hold', 'closing') "
                      "AND v.status != 'matched'") == 0
    assert scalar(db, "SELECT count(*) FROM volunteer v WHERE v.status = 'matched' AND NOT EXISTS "
                      "(SELECT 1 FROM match m WHERE m.volunteer_id = v.id "
                      "AND m.status IN ('active', 'on_hold', 'closing'))") == 0
    # the closure reasons are the seeded ones
    assert scalar(db, "SELECT count(*) FROM closure_reason") == 17


def _checks_by_volunteer(db: Database) -> dict[int, list]:
    checks = defaultdict(list)
    for cid, vid, kind, result, requested, completed, expires in rows(
        db, "SELECT id, volunteer_id, type, result, requested_on, completed_on, expires_on "
            "FROM screening_check"):
        checks[vid].append(SimpleNamespace(
            id=cid, type=CheckType(kind), result=CheckResult(result),
            requested_on=as_date(requested), completed_on=as_date(completed),
            expires_on=as_date(expires)))
    return checks


def _known_on(checks: list, day: date) -> list:
    """The checks as the coordinator knew them on `day`."""
    known = []
    for c in checks:
        if (c.requested_on or c.completed_on) > day:
            continue
        if c.completed_on is not None and c.completed_on > day:
            c = SimpleNamespace(**{**vars(c), "result": CheckResult.PENDING, "completed_on": None,
                                   "expires_on": None})
        known.append(c)
    return known


def _training_minutes(db: Database) -> tuple[dict[int, int], dict[int, list]]:
    prior = dict(rows(db, "SELECT id, prior_training_minutes FROM volunteer"))
    attended = defaultdict(list)
    for vid, day, minutes in rows(
        db, "SELECT a.volunteer_id, e.event_date, e.duration_minutes FROM attendance a "
            "JOIN event e ON e.id = a.event_id "
            "WHERE e.kind = 'pre_match_training' AND a.status = 'attended'"):
        attended[vid].append((as_date(day), minutes))
    return prior, attended


def test_every_matched_volunteer_was_eligible_at_match_start(small):
    db, _ = small
    checks = _checks_by_volunteer(db)
    prior, attended = _training_minutes(db)
    drives = dict(rows(db, "SELECT id, drives_youth FROM volunteer"))
    matches = rows(db, "SELECT volunteer_id, start_date FROM match WHERE start_date IS NOT NULL")
    assert len(matches) > 40
    for vid, start in matches:
        start = as_date(start)
        minutes = prior[vid] + sum(m for day, m in attended[vid] if day <= start)
        verdict = matching_eligibility(_known_on(checks[vid], start), minutes, start,
                                       drives_youth=bool(drives[vid]))
        assert verdict.eligible, (vid, start, verdict.reasons)
        # ... and the full record (with later renewals) says the same.
        assert matching_eligibility(checks[vid], minutes, start,
                                    drives_youth=bool(drives[vid])).eligible
    # Accepted volunteers are ready to match today; the others in screening are not.
    for vid, status in rows(db, "SELECT id, status FROM volunteer"):
        minutes = prior[vid] + sum(m for _, m in attended[vid])
        verdict = matching_eligibility(checks[vid], minutes, AS_OF,
                                       drives_youth=bool(drives[vid]),
                                       status=VolunteerStatus(status))
        if status in ("accepted", "matched"):
            assert verdict.eligible, (vid, verdict.reasons)
        elif status in ("inquiry", "applied", "screening", "deferred", "declined", "withdrawn"):
            assert not verdict.eligible


def test_screening_checks_expire_realistically(small):
    db, _ = small
    checks = _checks_by_volunteer(db)
    status = dict(rows(db, "SELECT id, status FROM volunteer"))
    soon, expired_inactive = 0, 0
    for vid, items in checks.items():
        for kind in (CheckType.CRIMINAL_RECORD, CheckType.CHILD_ABUSE_REGISTRY):
            done = [c for c in items if c.type == kind and c.expires_on]
            for c in done:
                years = (c.expires_on - c.completed_on).days / 365.25
                assert 1.9 <= years <= 3.1
            if not done:
                continue
            latest = max(done, key=lambda c: c.completed_on)
            if AS_OF <= latest.expires_on <= AS_OF + timedelta(days=30):
                soon += 1
            if latest.expires_on < AS_OF:
                assert status[vid] not in ("matched", "accepted")
                expired_inactive += status[vid] == "inactive"
    assert 1 <= soon <= 8
    assert expired_inactive >= 1
    results = {r for (r,) in rows(db, "SELECT DISTINCT result FROM screening_check")}
    assert results == {"pending", "clear", "flagged"}


def test_support_contacts_follow_the_cadence_with_some_overdue(small):
    db, _ = small
    made = defaultdict(list)
    for mid, day in rows(db, "SELECT match_id, contact_date FROM support_contact WHERE made"):
        made[mid].append(as_date(day))
    open_matches = rows(db, "SELECT id, start_date FROM match "
                            "WHERE status IN ('active', 'on_hold', 'closing')")
    overdue = sum(contact_status(as_date(s), made[mid], AS_OF).overdue
                  for mid, s in open_matches)
    assert 0 < overdue < len(open_matches) * 0.4
    assert scalar(db, "SELECT count(*) FROM support_contact c JOIN match m ON m.id = c.match_id "
                      "WHERE c.contact_date < m.start_date "
                      "OR c.contact_date > COALESCE(m.end_date, :as_of)", as_of=AS_OF) == 0
    assert scalar(db, "SELECT count(*) FROM support_contact WHERE rating < 1 OR rating > 5") == 0


def test_trainings_and_learning_circles(small):
    db, _ = small
    kinds = dict(rows(db, "SELECT kind, count(*) FROM event GROUP BY kind"))
    assert set(kinds) == {"pre_match_training", "ongoing_training", "learning_circle",
                          "conference", "social"}
    assert all(120 <= m <= 180 for (m,) in rows(
        db, "SELECT duration_minutes FROM event WHERE kind = 'pre_match_training'"))
    assert scalar(db, "SELECT count(*) FROM event WHERE kind = 'learning_circle' "
                      "AND circle_id IS NULL") == 0
    assert scalar(db, "SELECT max(event_date) FROM event") <= AS_OF.isoformat()
    # every circle gathers people from more than one company
    for circle, sponsors in rows(
        db, "SELECT cm.circle_id, count(DISTINCT e.sponsor_id) FROM circle_member cm "
            "JOIN employment e ON e.volunteer_id = cm.volunteer_id GROUP BY cm.circle_id"):
        assert sponsors >= 2, circle


# --- determinism -----------------------------------------------------------------------

_COMPARED = {
    "volunteer": "id, first_name, last_name, email, phone, date_of_birth, status, applied_on, "
                 "languages, interests, availability, drives_youth, prior_training_minutes, "
                 "consent_named_in_reports, notes",
    "match": "id, volunteer_id, youth_id, programme_id, kind, status, proposed_on, start_date, "
             "end_date, plan, closure_reason_id, closure_category, rematch_eligible, closure_note",
    "session": "id, match_id, volunteer_id, programme_id, session_date, duration_minutes, "
               "medium, status, notes",
}


def _snapshot(db: Database) -> dict[str, list[tuple]]:
    return {table: sorted(rows(db, f'SELECT {cols} FROM "{table}"'))
            for table, cols in _COMPARED.items()}


def test_same_seed_gives_identical_data(tmp_path):
    snapshots = []
    for name in ("a", "b"):
        db = open_database(tmp_path / f"{name}.sqlite")
        try:
            build_demo(db, "small", seed=7, as_of=AS_OF)
            snapshots.append(_snapshot(db))
        finally:
            db.dispose()
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["session"]) > 1000


def test_another_seed_gives_other_data(tmp_path):
    snapshots = []
    for seed in (1, 2):
        db = open_database(tmp_path / f"s{seed}.sqlite")
        try:
            build_demo(db, "small", seed=seed, as_of=AS_OF)
            snapshots.append(_snapshot(db))
        finally:
            db.dispose()
    for table in _COMPARED:
        assert snapshots[0][table] != snapshots[1][table], table


def test_dates_follow_as_of(tmp_path):
    db = open_database(tmp_path / "later.sqlite")
    try:
        as_of = date(2030, 1, 31)
        build_demo(db, "small", seed=1, as_of=as_of)
        last = scalar(db, "SELECT max(session_date) FROM session")
        assert as_of - timedelta(days=14) <= as_date(last) <= as_of
        assert as_date(scalar(db, "SELECT min(session_date) FROM session")) >= as_of - timedelta(
            days=731)
    finally:
        db.dispose()


# --- all or nothing ------------------------------------------------------------------------

def test_a_second_build_is_refused(small):
    db, summary = small
    with pytest.raises(DatabaseError) as raised:
        build_demo(db, "small", seed=2, as_of=AS_OF)
    message = str(raised.value)
    assert "already holds" in message and message.endswith(".") and "\n" not in message
    assert scalar(db, "SELECT count(*) FROM volunteer") == summary.counts["volunteer"]
    assert scalar(db, "SELECT count(*) FROM audit_entry") == 1


def _empty(db: Database) -> None:
    for table in ("programme", "sponsor", "branch", "volunteer", "employment",
                  "screening_check", "youth", "match", "session", "support_contact",
                  "learning_circle", "circle_member", "event", "attendance", "audit_entry"):
        assert scalar(db, f'SELECT count(*) FROM "{table}"') == 0, table


@pytest.mark.parametrize("polls_before_cancel", [1, 5])
def test_cancel_leaves_the_database_empty(empty_db, polls_before_cancel):
    polls = []

    def cancelled() -> bool:
        polls.append(True)
        return len(polls) > polls_before_cancel

    with pytest.raises(DemoCancelled):
        build_demo(empty_db, "small", seed=1, as_of=AS_OF, cancelled=cancelled)
    assert len(polls) == polls_before_cancel + 1
    _empty(empty_db)
    # The reference data the migration seeded is untouched, and a new build works.
    assert scalar(empty_db, "SELECT count(*) FROM closure_reason") == 17
    assert build_demo(empty_db, "small", seed=1, as_of=AS_OF).counts["volunteer"] > 0


def test_progress_is_reported(empty_db):
    seen = []
    build_demo(empty_db, "small", seed=3, as_of=AS_OF, progress=lambda d, t: seen.append((d, t)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_unknown_size_is_refused(empty_db):
    with pytest.raises(ValueError):
        build_demo(empty_db, "huge")
    _empty(empty_db)


# --- scale ----------------------------------------------------------------------------

@pytest.mark.slow
def test_large_demo_has_the_sizes_of_a_large_agency(empty_db):
    summary = build_demo(empty_db, "large", seed=1, as_of=AS_OF)
    counts = summary.counts
    size = SIZES["large"]
    assert abs(counts["volunteer"] - 2_000) <= 50
    assert abs(counts["youth"] - 2_000) <= 50
    assert abs(counts["match"] - 3_000) <= 75
    assert counts["sponsor"] == 40
    assert counts["branch"] == 200
    assert abs(counts["session"] - size.target_sessions) <= size.target_sessions * 0.05
    assert scalar(empty_db, "SELECT count(*) FROM session") == counts["session"]
    assert summary.elapsed < 60, f"the large demo took {summary.elapsed:.1f} s"


# --- both backends -----------------------------------------------------------------------

def test_small_demo_builds_on_each_backend(db):
    """`db` is the shared fixture: a SQLite file and (marked postgresql) a PostgreSQL database."""
    summary = build_demo(db, "small", seed=4, as_of=AS_OF)
    assert scalar(db, "SELECT count(*) FROM session") == summary.counts["session"] > 1000
    assert scalar(
        db,
        "SELECT count(*) FROM session s JOIN match m ON m.id = s.match_id "
        "WHERE s.session_date < m.start_date OR s.session_date > COALESCE(m.end_date, :as_of)",
        as_of=AS_OF,
    ) == 0
    # The ids handed back by the bulk inserts are the ones the rows got.
    assert scalar(db, "SELECT count(*) FROM match m JOIN youth y ON y.id = m.youth_id "
                      "JOIN volunteer v ON v.id = m.volunteer_id") == summary.counts["match"]
    assert scalar(db, "SELECT count(*) FROM match m JOIN volunteer v ON v.id = m.volunteer_id "
                      "WHERE m.status IN ('active', 'on_hold', 'closing') "
                      "AND v.status != 'matched'") == 0
    with pytest.raises(DatabaseError):
        build_demo(db, "small", seed=4, as_of=AS_OF)
