"""The command line contract: one clear line on errors, exit codes 0/1/2."""

import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text

from mentordesk.cli import run
from mentordesk.db import open_database


def mentordesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mentordesk", *args], capture_output=True, text=True, timeout=120
    )


def test_version_and_help():
    result = mentordesk("--help")
    assert result.returncode == 0
    for command in ("demo", "check", "backup"):
        assert command in result.stdout
    assert mentordesk("--version").stdout.startswith("MentorDesk ")


@pytest.mark.parametrize(
    "args, message",
    [
        (["frobnicate"], "invalid choice"),
        (["check"], "--db"),
        (["demo", "--db", "x.sqlite", "--size", "huge"], "invalid choice"),
        (["check", "--db", "/nonexistent/dir/x.sqlite"], "There is no database"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(args, message, capsys):
    assert run(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_demo_then_check_then_backup(tmp_path):
    db_path = tmp_path / "demo.sqlite"
    result = mentordesk("demo", "--db", str(db_path), "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "volunteers" in result.stdout
    result = mentordesk("check", "--db", str(db_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is sound" in result.stdout
    out = tmp_path / "copy.sqlite"
    result = mentordesk("backup", "--db", str(db_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    original = sqlite3.connect(db_path).execute("SELECT count(*) FROM session").fetchone()
    copy = sqlite3.connect(out).execute("SELECT count(*) FROM session").fetchone()
    assert copy == original and original[0] > 100


def test_demo_refuses_a_database_that_has_data(tmp_path, capsys):
    db_path = tmp_path / "d.sqlite"
    assert run(["demo", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert run(["demo", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mentordesk: ") and err.count("\n") == 1


def test_check_reports_problems_with_exit_code_1(tmp_path, capsys):
    db_path = tmp_path / "bad.sqlite"
    assert run(["demo", "--db", str(db_path)]) == 0
    db = open_database(db_path)
    with db.transaction() as s:
        match_id, start = s.execute(
            text("SELECT id, start_date FROM match WHERE start_date IS NOT NULL LIMIT 1")
        ).one()
        s.execute(
            text("UPDATE session SET session_date = '1999-01-01' WHERE id = "
                 "(SELECT min(id) FROM session WHERE match_id = :m)"),
            {"m": match_id},
        )
    db.dispose()
    capsys.readouterr()
    assert run(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "Sessions lie outside their match's dates (1:" in out


def test_backup_of_a_missing_database(tmp_path, capsys):
    assert run(["backup", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "There is no database" in capsys.readouterr().err
