"""`mentordesk import`: JSON outcome, exit codes 0/1/2, --dry-run, --strict, --errors."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from mentordesk.cli import run
from mentordesk.db import open_database

DATA = Path(__file__).resolve().parent / "data"
ROWS = [
    ["Volunteer list"],  # a title row: row numbers below are the sheet's
    ["Email", "Full name", "Company", "Branch"],
    ["ana@x.org", "Ana Ruiz", "Acme", "Leeds"],  # row 3
    ["not-an-email", "Bo Li", "Acme", "York"],  # row 4
    ["cy@x.org", "Cy Dee", "ACME", "leeds"],  # row 5
    ["dee@x.org", None, None, None],  # row 6: no name
]


@pytest.fixture
def database(tmp_path) -> str:
    path = tmp_path / "cli.sqlite"
    open_database(path).dispose()
    return str(path)


def workbook(path: Path, rows) -> str:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return str(path)


def volunteers(database: str) -> list[tuple]:
    conn = sqlite3.connect(database)
    try:
        return conn.execute("SELECT first_name, last_name, email FROM volunteer ORDER BY id").fetchall()
    finally:
        conn.close()


def test_json_outcome_with_the_users_row_numbers_and_exit_code_1(database, tmp_path, capsys):
    path = workbook(tmp_path / "v.xlsx", ROWS)
    assert run(["import", "volunteers", path, "--db", database, "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"rows", "created", "updated", "unchanged", "rejected", "errors"}
    assert (out["rows"], out["created"], out["updated"], out["unchanged"], out["rejected"]) == (
        4, 2, 0, 0, 2)
    assert [(e["row"], e["column"], e["value"]) for e in out["errors"]] == [
        (4, "Email", "not-an-email"), (6, None, "")]
    assert volunteers(database) == [("Ana", "Ruiz", "ana@x.org"), ("Cy", "Dee", "cy@x.org")]
    # again: nothing new, the same two rows rejected
    assert run(["import", "volunteers", path, "--db", database, "--json"]) == 1
    again = json.loads(capsys.readouterr().out)
    assert (again["created"], again["unchanged"], again["rejected"]) == (0, 2, 2)
    assert len(volunteers(database)) == 2


def test_a_clean_file_exits_0_and_says_what_it_created(database, tmp_path, capsys):
    path = workbook(tmp_path / "v.xlsx", [ROWS[1], ROWS[2], ROWS[4]])
    assert run(["import", "volunteers", path, "--db", database]) == 0
    out = capsys.readouterr().out
    assert "2 new, 0 updated, 0 unchanged, 0 rejected" in out
    assert "Created 1 sponsor companies: Acme." in out
    assert "Created 1 branches: Acme / Leeds." in out


def test_dry_run_and_strict_write_nothing(database, tmp_path, capsys):
    path = workbook(tmp_path / "v.xlsx", ROWS)
    assert run(["import", "volunteers", path, "--db", database, "--dry-run"]) == 1
    assert "Dry run" in capsys.readouterr().out
    assert run(["import", "volunteers", path, "--db", database, "--strict", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["rejected"] == 2
    assert volunteers(database) == []
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT count(*) FROM sponsor").fetchone() == (0,)
    conn.close()


def test_errors_workbook_holds_the_rejected_rows(database, tmp_path, capsys):
    path = workbook(tmp_path / "v.xlsx", ROWS)
    out = tmp_path / "rejected.xlsx"
    assert run(["import", "volunteers", path, "--db", database, "--errors", str(out)]) == 1
    assert f"Rejected rows written to {out}" in capsys.readouterr().out
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["Email", "Full name", "Company", "Branch", "Problem"]
    assert [r[0] for r in rows[1:]] == ["not-an-email", "dee@x.org"]
    assert rows[1][4].startswith("Email: ") and "first and last name" in rows[2][4]


@pytest.mark.parametrize("args, message", [
    (["import", "volunteers", "/nonexistent/v.xlsx"], "v.xlsx"),
    (["import", "volunteers", str(DATA / "hostile" / "pdf_renamed.xlsx")], "is a PDF"),
    (["import", "pets", str(DATA / "roster_volunteers.xlsx")], "invalid choice"),
    (["import", "sessions", str(DATA / "roster_volunteers.xlsx")], "map one to continue"),
    (["import", "volunteers", str(DATA / "roster_volunteers.xlsx"), "--errors", "out.txt"],
     ".xlsx"),
])
def test_unusable_files_and_arguments_exit_2_with_one_line(database, args, message, capsys):
    assert run([*args, "--db", database]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err and captured.out == ""


def test_the_command_runs_as_a_program(database):
    result = subprocess.run(
        [sys.executable, "-m", "mentordesk", "import", "youth", str(DATA / "youth_es.xlsx"),
         "--db", database, "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["rows"], out["created"], out["rejected"]) == (4, 4, 0)


def test_notes_are_sentences(database, capsys):
    run(["import", "volunteers", str(DATA / "roster_volunteers.xlsx"), "--db", database,
         "--dry-run"])
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Note:")]
    assert any("totals row" in line for line in notes)
    assert all(line.endswith(".") for line in notes), notes
