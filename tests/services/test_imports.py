"""ImportService on SQLite and PostgreSQL: preview, apply, re-import, undo, crashes."""

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select, text

from mentordesk.domain import Base
from mentordesk.domain.enums import MatchStatus
from mentordesk.domain.errors import ConflictError, ValidationError
from mentordesk.domain.progress import Cancelled
from mentordesk.services import import_apply
from mentordesk.services.sessions import SessionEntry

from .helpers import TODAY

DATA = Path(__file__).resolve().parents[1] / "data"
LEFT_OUT = {"audit_entry", "import_batch", "import_change", "import_template"}


def snapshot(db) -> dict[str, list[tuple]]:
    """Every row of every table the import may touch, in id order."""
    out = {}
    with db.reading() as s:
        for table in Base.metadata.sorted_tables:
            if table.name not in LEFT_OUT:
                key = [c for c in table.primary_key.columns]
                out[table.name] = [tuple(r) for r in s.execute(select(table).order_by(*key))]
    return out


def count(db, sql: str) -> int:
    with db.reading() as s:
        return int(s.execute(text(sql)).scalar())


def xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for line in book.active.iter_rows():
        for cell in line:  # text that looks like a formula, typed as text
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    book.save(path)
    return path


def screened(make, **fields):
    """A volunteer whose checks were clear early in 2024 (the sheets below are from 2024)."""
    volunteer = make.volunteer(eligible=False, status="accepted", prior_training_minutes=120,
                               **fields)
    make.clear_checks(volunteer.id, completed_on=date(2024, 1, 2))
    return volunteer


def run(services, path, kind, **apply):
    table = services.imports.read(path, kind=kind)
    mapping = services.imports.propose_mapping(table, kind)
    plan = services.imports.preview(table, kind, mapping, today=TODAY)
    return table, plan, services.imports.apply(plan, today=TODAY, **apply)


def test_a_real_roster_imports_once_and_again_changes_nothing(services, db):
    before = count(db, "SELECT count(*) FROM volunteer")
    _, plan, result = run(services, DATA / "roster_volunteers.xlsx", "volunteers")
    assert plan.counts == {"new": 7, "changed": 2, "unchanged": 0, "rejected": 0}
    assert (result.rows, result.created, result.updated, result.rejected) == (9, 7, 2, 0)
    assert count(db, "SELECT count(*) FROM volunteer") == before + 7
    assert count(db, "SELECT count(*) FROM volunteer WHERE email = 'jose.nunez@acme.example' "
                     "AND first_name = 'José' AND last_name = 'Núñez' AND notes = 'extra spaces'") == 1
    # Clear with a date: José, Анна, Nguyễn; pending: Γιώργος (no date needed)
    assert count(db, "SELECT count(*) FROM screening_check WHERE type = 'criminal_record' "
                     "AND result = 'clear' AND completed_on IS NOT NULL") == 3
    assert count(db, "SELECT count(*) FROM audit_entry WHERE entity = 'volunteer' "
                     "AND action = 'create'") == 7
    with db.reading() as s:
        notes = s.execute(text("SELECT notes FROM volunteer WHERE email = 'zoe@acme.example'")).scalar()
    assert notes == '=HYPERLINK("http://evil.example","click me")'  # text stays text
    state = snapshot(db)
    _, again, second = run(services, DATA / "roster_volunteers.xlsx", "volunteers")
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 9, "rejected": 0}
    assert snapshot(db) == state
    assert [b.id for b in services.imports.batches()] == [second.batch_id, result.batch_id]


def test_every_kind_of_problem_is_reported_with_the_users_row_numbers(services, tmp_path):
    path = xlsx(tmp_path / "bad.xlsx", [
        ["Volunteers to add"], [],
        ["First name", "Last name", "Email", "Date of birth", "Training hours", "Status"],
        ["Ana", "Ruiz", "ana@@mail", None, None, None],  # row 4
        ["Bo", "Li", "bo@mail.example", "31/02/1990", None, None],  # row 5: no 31 February
        [None, None, "cy@mail.example", None, None, None],  # row 6: no name
        ["Di", "Ng", "di@mail.example", None, "lots", None],  # row 7
        ["Ed", "Oz", "ed@mail.example", None, 2, "sleeping"],  # row 8
        ["Flo", "Pe", "flo@mail.example", "12/31/1980", 1.5, "accepted"],  # row 9: fine
    ])
    _, plan, result = run(services, path, "volunteers")
    found = sorted((p.row, p.column) for p in result.errors)
    assert found == [(4, "Email"), (5, "Date of birth"), (6, None), (7, "Training hours"),
                     (8, "Status")]
    assert (result.created, result.rejected) == (1, 5)
    assert next(p for p in result.errors if p.row == 4).value == "ana@@mail"
    assert all(p.message.endswith(".") and "\n" not in p.message for p in result.errors)
    assert services.volunteers.find_by_email("flo@mail.example").prior_training_minutes == 90


def test_sessions_from_a_checkin_sheet_find_their_matches(services, make, db, tmp_path):
    programme = make.programme()
    for first, last, youth in (("Ana", "Silva", "Leo"), ("Bob", "Okafor", "Mia"),
                               ("Chen", "Wei", "Sam")):
        volunteer = screened(make, first_name=first, last_name=last)
        young = make.youth(first_name=youth, last_name="Young")
        make.active_match(volunteer, young, programme, start=date(2024, 3, 1))
    _, plan, result = run(services, DATA / "checkins.xlsx", "sessions")
    assert (result.created, result.rejected) == (5, 0), result.errors
    # 1:30 + 90 min + 1h 30m + 45 + 1:15 (a time cell)
    assert count(db, "SELECT sum(duration_minutes) FROM session") == 90 + 90 + 90 + 45 + 75
    assert count(db, "SELECT count(*) FROM session s JOIN match m ON m.id = s.match_id "
                     "WHERE s.volunteer_id = m.volunteer_id") == 5
    state = snapshot(db)
    _, again, _ = run(services, DATA / "checkins.xlsx", "sessions")
    assert again.counts["unchanged"] == 5 and snapshot(db) == state


def test_sessions_outside_the_match_and_unknown_people_are_rejected(services, make, tmp_path):
    volunteer = screened(make, first_name="Ana", last_name="Silva", email="ana@x.org")
    make.active_match(volunteer, make.youth(), start=date(2024, 3, 1))
    path = xlsx(tmp_path / "hours.xlsx", [
        ["volunteer_email", "date", "hours"],
        ["ana@x.org", date(2024, 2, 1), 1.5],
        ["nobody@x.org", date(2024, 4, 1), 1],
        ["ana@x.org", date(2024, 4, 1), 2],
    ])
    _, _, result = run(services, path, "sessions")
    assert [(p.row, p.column) for p in result.errors] == [(2, "date"), (3, "volunteer_email")]
    assert "before the match started (2024-03-01)" in result.errors[0].message
    assert services.sessions.count() == 1


def test_youth_in_spanish_with_new_programmes_and_no_creation_when_told_not_to(services, db, tmp_path):
    path = xlsx(tmp_path / "jovenes.xlsx", [
        ["ID del programa", "Nombre", "Apellido(s)", "Fecha de nacimiento", "Programa"],
        ["A-1", "Ana María", "Pérez", "03/01/2012", "Niños Primero"],
        ["A-2", "Dũng", "Trần", "31/12/2011", "niños primero"],
        ["A-3", "Σοφία", "Νικολάου", "15.06.2013", "Otro"],
    ])
    table = services.imports.read(path, kind="youth")
    plan = services.imports.preview(table, "youth", services.imports.propose_mapping(table, "youth"),
                                    today=TODAY)
    assert plan.to_create == {"programmes": ["Niños Primero", "Otro"]}
    services.programmes.create(name="Otro")
    result = services.imports.apply(plan, create_missing=False, today=TODAY)
    assert (result.created, result.rejected) == (1, 2)
    assert [p.row for p in result.errors] == [2, 3]
    assert count(db, "SELECT count(*) FROM programme") == 1
    assert count(db, "SELECT count(*) FROM youth WHERE date_of_birth = '2013-06-15'") == 1


def test_undo_puts_the_database_back_exactly(services, make, db, tmp_path):
    make.sponsor("Acme")
    ana = make.volunteer(first_name="Ana", last_name="Ruiz", email="ana@x.org", phone=None)
    state = snapshot(db)
    path = xlsx(tmp_path / "v.xlsx", [
        ["Email", "First name", "Last name", "Phone", "Company", "Branch", "Languages"],
        ["ana@x.org", "Ana", "Ruiz", "555 0100", "ACME", "Leeds", "Spanish"],
        ["bo@x.org", "Bo", "Li", None, "Globex", None, None],
    ])
    _, _, result = run(services, path, "volunteers")
    assert (result.created, result.updated) == (1, 1)
    assert result.created_records == {"sponsors": ["Globex"], "branches": ["Acme / Leeds"]}
    assert services.volunteers.get(ana.id).phone == "555 0100"
    undone = services.imports.undo(result.batch_id)
    assert (undone.removed, undone.updated) == (5, 1)  # Bo, Globex, Leeds, two employments
    assert snapshot(db) == state
    assert services.imports.batches()[0].undone_at is not None
    with pytest.raises(ValidationError, match="already undone"):
        services.imports.undo(result.batch_id)


def test_undo_of_stored_records_linked_to_new_ones(services, make, db, tmp_path):
    make.youth(programme_ref="Y-1", first_name="Leo", last_name="Diaz")
    state = snapshot(db)
    path = xlsx(tmp_path / "y.xlsx", [["Programme ID", "Programme"], ["Y-1", "Eastside"]])
    _, _, result = run(services, path, "youth")
    assert (result.updated, result.created_records) == (1, {"programmes": ["Eastside"]})
    services.imports.undo(result.batch_id)
    assert snapshot(db) == state


def test_undo_refuses_when_records_were_used_or_changed_since(services, make, db, tmp_path):
    volunteer = make.volunteer(first_name="Ana", last_name="Ruiz", email="ana@x.org")
    youth = make.youth(programme_ref="Y-1")
    make.programme("Riverside")
    path = xlsx(tmp_path / "m.xlsx", [["Volunteer email", "Programme ID", "Start date"],
                                      ["ana@x.org", "Y-1", date(2025, 9, 1)]])
    _, plan, result = run(services, path, "matches")
    assert result.created == 1 and plan.rows[0].notes == []  # Ana's checks are clear
    match_id = next(m.id for m in services.matches.list_rows() if m.youth_id == youth.id)
    assert services.matches.get(match_id).status == MatchStatus.ACTIVE
    services.sessions.log(SessionEntry(match_id, date(2025, 9, 8), 60))
    state = snapshot(db)
    with pytest.raises(ConflictError, match="1 sessions have since been added"):
        services.imports.undo(result.batch_id)
    assert snapshot(db) == state
    # an updated record edited after the import
    path = xlsx(tmp_path / "v.xlsx", [["Email", "City"], ["ana@x.org", "Leeds"]])
    _, _, second = run(services, path, "volunteers")
    services.volunteers.update(volunteer.id, city="York")
    with pytest.raises(ConflictError, match="changed after the import"):
        services.imports.undo(second.batch_id)
    assert services.volunteers.get(volunteer.id).city == "York"


class FailAfter:
    """A progress that raises on its n-th check: Cancel (or a crash) in the middle."""

    def __init__(self, n: int, error: BaseException):
        self.n, self.error = n, error

    def progress(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        self.n -= 1
        if self.n <= 0:
            raise self.error


@pytest.mark.parametrize("error", [Cancelled(), RuntimeError("disk on fire")])
def test_cancel_or_crash_in_the_middle_leaves_the_database_as_it_was(services, make, db,
                                                                    tmp_path, error):
    make.volunteer(email="old@x.org")
    rows = [["Email", "Full name", "Company"]] + [
        [f"p{i}@x.org", f"Person {i}", f"Company {i % 3}"] for i in range(4500)]
    table = services.imports.read(xlsx(tmp_path / "many.xlsx", rows), kind="volunteers")
    plan = services.imports.preview(table, "volunteers",
                                    services.imports.propose_mapping(table, "volunteers"))
    state = snapshot(db)
    with pytest.raises(type(error)):
        # checks: after planning, then before each chunk: sponsors, volunteers (1st, 2nd chunk)
        services.imports.apply(plan, progress=FailAfter(4, error))
    assert snapshot(db) == state
    assert services.imports.batches() == []


def test_a_failure_after_the_inserts_leaves_nothing_behind(services, make, db, tmp_path, monkeypatch):
    make.volunteer(email="old@x.org", first_name="Old", last_name="Timer")
    path = xlsx(tmp_path / "v.xlsx", [["Email", "Full name", "City"], ["old@x.org", "Old Timer", "Leeds"],
                                      ["new@x.org", "New Person", "York"]])
    state = snapshot(db)

    def broken(*args):
        raise RuntimeError("the power went out")

    monkeypatch.setattr(import_apply, "_versions", broken)
    with pytest.raises(RuntimeError):
        run(services, path, "volunteers")
    assert snapshot(db) == state and services.imports.batches() == []


def test_a_saved_template_is_reused_for_the_same_headers(services, tmp_path):
    first = services.imports.read(xlsx(tmp_path / "a.xlsx", [
        ["Nom", "Courriel", "Remarque"], ["Ana Ruiz", "ana@x.org", "hi"]]), kind="volunteers")
    auto = services.imports.propose_mapping(first, "volunteers")
    assert auto.template is None and auto.missing
    with pytest.raises(ValidationError, match="map one to continue"):
        services.imports.preview(first, "volunteers", auto)
    services.imports.save_template("French roster", "volunteers", first.headers,
                                   {0: "full_name", 1: "email", 2: "notes"})
    again = services.imports.read(xlsx(tmp_path / "b.xlsx", [
        ["Courriel", "REMARQUE", "nom*"], ["bo@x.org", "yo", "Bo Li"]]), kind="volunteers")
    mapping = services.imports.propose_mapping(again, "volunteers")
    assert mapping.template == "French roster"
    assert mapping.columns == {0: "email", 1: "notes", 2: "full_name"}
    assert [t.name for t in services.imports.templates("volunteers")] == ["French roster"]
    assert services.imports.templates("youth") == []


def test_the_backup_is_taken_before_writing(services, db, tmp_path):
    if db.path is None:
        pytest.skip("PostgreSQL databases are backed up with pg_dump")
    path = xlsx(tmp_path / "v.xlsx", [["Email", "Full name"], ["ana@x.org", "Ana Ruiz"]])
    _, _, result = run(services, path, "volunteers")
    assert result.backup is not None and result.backup.exists()
    import sqlite3

    copy = sqlite3.connect(result.backup)
    assert copy.execute("SELECT count(*) FROM volunteer").fetchone() == (0,)
    copy.close()


def test_the_rejected_rows_workbook(services, tmp_path):
    path = xlsx(tmp_path / "v.xlsx", [["Email", "Full name", "Notes"],
                                      ["bad@", "Ana Ruiz", "=1+1"], ["ok@x.org", "Bo Li", None],
                                      ["worse", "Cy Dee", datetime(2024, 1, 2)]])
    table, plan, result = run(services, path, "volunteers")
    out = services.imports.write_rejects(result, table, tmp_path / "rejected.xlsx")
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["Email", "Full name", "Notes", "Problem"]
    assert [r[:2] for r in rows[1:]] == [["bad@", "Ana Ruiz"], ["worse", "Cy Dee"]]
    assert rows[1][2] == "=1+1" and rows[1][3].startswith("Email: ")


def organisation(services, make):
    """A small organisation with every kind of record, through the services."""
    acme = make.sponsor("Acme")
    leeds = make.branch(acme.id, "Leeds")
    programme = make.programme("Riverside")
    people = []
    for n, (first, last) in enumerate((("José", "Núñez"), ("Анна", "Иванова"), ("Zoë", "Lee"))):
        volunteer = screened(make, first_name=first, last_name=last, email=f"v{n}@x.org",
                             sponsor_id=acme.id, branch_id=leeds.id, languages="English, Spanish")
        youth = make.youth(first_name=f"Young{n}", last_name="Pérez", grade="5")
        people.append(make.active_match(volunteer, youth, programme, start=date(2024, 3, 1)))
    for n, m in enumerate(people):
        services.sessions.log(SessionEntry(m.id, date(2024, 3, 4 + n), 50 + n, notes="Reading"))
    return people


@pytest.mark.parametrize("kind", ["volunteers", "youth", "matches", "sessions"])
def test_an_exported_roster_imports_as_no_change(services, make, db, tmp_path, kind):
    organisation(services, make)
    out = tmp_path / f"{kind}.xlsx"
    services.exports.roster(kind, out)
    state = snapshot(db)
    _, plan, result = run(services, out, kind)
    assert plan.mapping.columns[0] == "id"
    assert (result.created, result.updated, result.rejected) == (0, 0, 0), result.errors
    assert result.unchanged == result.rows > 0
    assert snapshot(db) == state


def test_an_edited_roster_updates_the_people_it_lists(services, make, db, tmp_path):
    organisation(services, make)
    out = tmp_path / "volunteers.csv"
    services.exports.roster("volunteers", out, fmt="csv")
    edited = out.read_text(encoding="utf-8-sig").replace('"v0@x.org"', '"jose@x.org"')
    out.write_text(edited, encoding="utf-8")  # José's new address, saved without a BOM
    before = count(db, "SELECT count(*) FROM volunteer")
    _, _, result = run(services, out, "volunteers")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2), result.errors
    assert count(db, "SELECT count(*) FROM volunteer") == before
    assert services.volunteers.find_by_email("jose@x.org").first_name == "José"
