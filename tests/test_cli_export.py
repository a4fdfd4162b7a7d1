"""`mentordesk export`: files written, one-line errors with exit code 2 and no file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from mentordesk import cli_export
from mentordesk.cli import run
from mentordesk.db import open_database
from mentordesk.domain.enums import ProgrammeType
from mentordesk.services.container import Services
from mentordesk.services.exports import ROSTER_KINDS
from tests.exporting.readback import assert_no_formula, records, sheet_names


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-export") / "export.sqlite"
    db = open_database(path)
    services = Services.for_database(db)
    acme = services.sponsors.create(name="Acme Ltd")
    services.sponsors.add_branch(acme.id, name="North", headcount=10)
    services.sponsors.create(name="Zed Foods")
    services.programmes.create(name="Riverside", type=ProgrammeType.COMMUNITY)
    services.volunteers.create(first_name="Ana", last_name="Álvarez", email="ana@example.org",
                               sponsor_id=acme.id, employed_since=date(2024, 1, 1), notes="=1+1")
    services.youth.create(first_name="Zephyrine", last_name="Quillfeather", programme_ref="Y-1")
    db.dispose()
    return str(path)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def fails(args, capsys, out, message):
    assert run(args) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(out.iterdir()) == []  # no file written


def test_the_kinds_the_parser_knows_are_the_services_kinds():
    assert cli_export.KINDS == ROSTER_KINDS


def test_roster_xlsx_and_csv(db_path, out, capsys):
    assert run(["export", "roster", "volunteers", "--db", db_path, "-o", str(out / "v.xlsx")]) == 0
    assert "Wrote" in capsys.readouterr().out
    (row,) = records(out / "v.xlsx", "Volunteers")
    assert (row["First name"], row["Last name"], row["Notes"]) == ("Ana", "Álvarez", "=1+1")
    assert_no_formula(out / "v.xlsx")
    assert run(["export", "roster", "youth", "--db", db_path, "-o", str(out / "y.csv")]) == 0
    text = (out / "y.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "Quillfeather".encode() in text


def test_all_for_a_sponsor_leaves_out_the_youth(db_path, out, capsys):
    args = ["export", "roster", "all", "--db", db_path, "-o", str(out / "all.xlsx"),
            "--sponsor", "acme ltd", "--from", "2025-01-01", "--to", "2025-12-31"]
    assert run(args) == 0
    assert "youth sheet is left out" in capsys.readouterr().out
    assert sheet_names(out / "all.xlsx") == ["Volunteers", "Matches", "Sessions"]


def test_participation(db_path, out, capsys):
    args = ["export", "participation", "--db", db_path, "--sponsor", "Acme Ltd",
            "--from", "2025-01-01", "--to", "2025-06-30", "-o", str(out / "p.xlsx")]
    assert run(args) == 0
    assert sheet_names(out / "p.xlsx") == ["Summary", "Branches", "About"]


@pytest.mark.parametrize("args, message", [
    (["--sponsor", "Nope"],
     "There is no sponsor called 'Nope'; known sponsors: Acme Ltd, Zed Foods."),
    (["--from", "2025-02-30"], "--from '2025-02-30' is not a date; write it as YYYY-MM-DD"),
    (["--from", "2025-03-01", "--to", "2025-02-01"], "--to 2025-02-01 is before --from 2025-03-01"),
    (["--programme", "Hilltop"],
     "There is no programme called 'Hilltop'; known programmes: Riverside."),
    (["--branch", "South"], "There is no branch called 'South'; known branches: North."),
    (["--status", "asleep"], "'asleep' is not a session status"),
    (["--format", "xlsx", "-o", "{out}/s.csv"], "s.csv ends in .csv but the format is xlsx"),
])
def test_one_line_errors(db_path, out, capsys, args, message):
    argv = ["export", "roster", "sessions", "--db", db_path, "-o", str(out / "s.xlsx")]
    fails(argv + [a.format(out=out) for a in args], capsys, out, message)


def test_refusals(db_path, out, capsys):
    fails(["export", "roster", "youth", "--db", db_path, "-o", str(out / "y.xlsx"),
           "--sponsor", "Acme Ltd"], capsys, out, "sponsors never receive youth names or details")
    fails(["export", "roster", "all", "--db", db_path, "-o", str(out / "a.csv")], capsys, out,
          "A CSV file holds one roster")
    fails(["export", "roster", "pets", "--db", db_path, "-o", str(out / "p.xlsx")], capsys, out,
          "invalid choice")
    fails(["export", "roster", "volunteers", "--db", str(out / "missing.sqlite"), "-o",
           str(out / "v.xlsx")], capsys, out, "There is no database")
    fails(["export", "roster", "volunteers", "--db", db_path, "-o", str(out / "no" / "v.xlsx")],
          capsys, out, "does not exist; choose another folder")


def test_the_export_command_loads_no_qt(db_path, out):
    code = ("import sys; from mentordesk.cli import run; "
            "rc = run(['export', 'roster', 'all', '--db', sys.argv[1], '-o', sys.argv[2]]); "
            "assert 'PySide6' not in sys.modules, 'Qt was imported'; print(rc)")
    done = subprocess.run([sys.executable, "-c", code, db_path, str(out / "all.xlsx")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("0")
