"""'mentordesk check' (integrity report) and 'mentordesk backup'."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import Date, DateTime, bindparam, text

from mentordesk import db as mentordesk_db
from mentordesk.domain.errors import DatabaseError
from mentordesk.domain.progress import Cancelled
from mentordesk.services.sessions import SessionEntry

from .helpers import TODAY

STAMP = datetime(2026, 3, 1, 12, 0)


def _populate(services, make):
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    york = make.branch(acme.id, "York")
    volunteer = make.volunteer(sponsor_id=acme.id, branch_id=leeds.id, employed_since=date(2024, 1, 1))
    services.volunteers.set_employer(volunteer.id, acme.id, york.id, since=date(2026, 2, 1))
    running = make.active_match(volunteer=volunteer, start=TODAY)
    closed = make.closed_match(start=TODAY, end=date(2026, 6, 30))
    services.sessions.log_many([
        SessionEntry(running.id, date(2026, 3, 5), 60),
        SessionEntry(closed.id, date(2026, 6, 30), 45),
    ])
    services.contacts.log(running.id, contact_date=date(2026, 3, 6), party="volunteer", method="phone")
    make.proposed_match()
    return running, closed


def _raw_session(db, match_id: int, volunteer_id: int, day: date, minutes: int = 60) -> int:
    with db.transaction() as s:
        s.execute(
            text(
                'INSERT INTO "session" (match_id, volunteer_id, programme_id, session_date, '
                "duration_minutes, medium, status, notes, version, created_at, updated_at) "
                "SELECT id, :volunteer_id, programme_id, :day, :minutes, 'in_person', 'attended', "
                "'', 1, :stamp, :stamp FROM \"match\" WHERE id = :match_id"
            ).bindparams(bindparam("day", type_=Date), bindparam("stamp", type_=DateTime)),
            dict(match_id=match_id, volunteer_id=volunteer_id, day=day, minutes=minutes, stamp=STAMP),
        )
        return s.execute(text('SELECT max(id) FROM "session"')).scalar_one()


def test_check_is_sound_on_a_healthy_database(services, make):
    _populate(services, make)
    report = services.maintenance.check()
    assert report.problems == []
    assert report.sound is True
    assert report.counts == {
        "volunteers": 3, "youth": 3, "matches": 3, "sessions": 2, "support contacts": 1,
        "sponsors": 1,
    }


def test_check_of_an_empty_database(services):
    report = services.maintenance.check()
    assert report.sound is True
    assert set(report.counts.values()) == {0}


def test_check_finds_a_session_outside_its_match_dates(services, make, db):
    running, closed = _populate(services, make)
    before_start = _raw_session(db, running.id, running.volunteer_id, date(2026, 2, 27))
    after_end = _raw_session(db, closed.id, closed.volunteer_id, date(2026, 7, 1))
    report = services.maintenance.check()
    assert report.sound is False
    assert report.problems == [
        f"Sessions lie outside their match's dates (2: {before_start}, {after_end})."
    ]
    assert report.counts["sessions"] == 4


def test_check_finds_hours_credited_to_the_wrong_volunteer(services, make, db):
    running, closed = _populate(services, make)
    wrong = _raw_session(db, running.id, closed.volunteer_id, date(2026, 3, 10))
    assert services.maintenance.check().problems == [
        f"Sessions are credited to a volunteer who is not the match's volunteer (1: {wrong})."
    ]


def test_check_finds_closed_matches_without_closure_record(services, make, db):
    _running, closed = _populate(services, make)
    with db.transaction() as s:
        s.execute(text('UPDATE "match" SET closure_reason_id = NULL WHERE id = :id'),
                  {"id": closed.id})
    assert services.maintenance.check().problems == [
        f"Closed matches lack an end date, closure reason or category (1: {closed.id})."
    ]


def test_check_finds_two_running_matches_for_one_youth(services, make, db):
    running, _closed = _populate(services, make)
    other = make.proposed_match()
    with db.transaction() as s:
        s.execute(
            text("UPDATE \"match\" SET status = 'active', start_date = :day, youth_id = :youth "
                 "WHERE id = :id").bindparams(bindparam("day", type_=Date)),
            {"day": TODAY, "youth": running.youth_id, "id": other.id},
        )
    assert services.maintenance.check().problems == [
        f"Young people have more than one running one-to-one match (1: {running.youth_id})."
    ]


def test_check_finds_overlapping_employment(services, make, db):
    running, _closed = _populate(services, make)
    with db.transaction() as s:
        s.execute(text("UPDATE employment SET end_date = NULL WHERE volunteer_id = :v"),
                  {"v": running.volunteer_id})
    assert services.maintenance.check().problems == [
        f"Volunteers have overlapping employment periods (1: {running.volunteer_id})."
    ]


def test_check_lists_at_most_five_ids(services, make, db):
    running, _closed = _populate(services, make)
    ids = [_raw_session(db, running.id, running.volunteer_id, date(2026, 1, d)) for d in range(1, 8)]
    [problem] = services.maintenance.check().problems
    assert problem == (
        "Sessions lie outside their match's dates (7: "
        + ", ".join(str(i) for i in ids[:5]) + ", ...)."
    )


def test_check_reports_an_old_schema(services, db):
    with db.transaction() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    report = services.maintenance.check()
    assert report.sound is False
    assert "not at the version" in report.problems[0]


def test_backup_is_a_readable_sqlite_copy(services, make, db, tmp_path):
    if not db.is_sqlite:
        pytest.skip("backups are for SQLite files")
    _populate(services, make)
    target = services.maintenance.backup(tmp_path / "copies" / "backup.sqlite")
    assert target == tmp_path / "copies" / "backup.sqlite"
    assert not (tmp_path / "copies" / "backup.sqlite.partial").exists()
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT count(*) FROM volunteer").fetchone() == (3,)
        assert conn.execute("SELECT sum(duration_minutes) FROM session").fetchone() == (105,)
        assert conn.execute("SELECT name FROM sponsor").fetchall() == [("Acme",)]
    conn.close()


def test_backup_by_default_lies_beside_the_database(services, db):
    if not db.is_sqlite:
        pytest.skip("backups are for SQLite files")
    services.programmes.create(name="Northside")
    target = services.maintenance.backup()
    assert target.parent == db.path.parent
    assert target.name.startswith("test.backup-") and target.suffix == ".sqlite"
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT name FROM programme").fetchall() == [("Northside",)]
    conn.close()


def test_backup_of_postgresql_is_refused(services, db, tmp_path):
    if db.is_sqlite:
        pytest.skip("PostgreSQL only")
    with pytest.raises(DatabaseError, match="pg_dump"):
        services.maintenance.backup(tmp_path / "backup.sqlite")


class _Recorder:
    """A Progress that records what it hears and cancels after `cancel_after` reports."""

    def __init__(self, cancel_after: int | None = None):
        self.heard: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.heard.append((done, total))

    def check(self) -> None:
        if self.cancel_after is not None and len(self.heard) >= self.cancel_after:
            raise Cancelled()


def test_backup_reports_its_progress_page_by_page(services, make, db, tmp_path, monkeypatch):
    if not db.is_sqlite:
        pytest.skip("backups are for SQLite files")
    _populate(services, make)
    monkeypatch.setattr(mentordesk_db, "BACKUP_STEP_PAGES", 2)
    pages = sqlite3.connect(db.path).execute("PRAGMA page_count").fetchone()[0]
    heard = _Recorder()
    services.maintenance.backup(tmp_path / "backup.sqlite", progress=heard)
    assert len(heard.heard) == -(-pages // 2)  # one report per two pages
    assert heard.heard[-1] == (pages, pages)
    assert [done for done, _ in heard.heard] == sorted(done for done, _ in heard.heard)


def test_a_cancelled_backup_leaves_nothing_behind(services, make, db, tmp_path, monkeypatch):
    if not db.is_sqlite:
        pytest.skip("backups are for SQLite files")
    _populate(services, make)
    monkeypatch.setattr(mentordesk_db, "BACKUP_STEP_PAGES", 2)
    with pytest.raises(Cancelled):
        services.maintenance.backup(tmp_path / "copies" / "backup.sqlite",
                                    progress=_Recorder(cancel_after=2))
    assert list((tmp_path / "copies").iterdir()) == []
    assert services.volunteers.list_rows(date(2026, 1, 1))  # the database itself is untouched
