"""`mentordesk report sponsor|programme`: the PDF is written, the figures agree with
plain SQL over the demo database, errors are one line with exit code 2."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date

import pypdfium2 as pdfium
import pytest

from mentordesk.cli import run
from mentordesk.db import open_database
from mentordesk.services.demo import build_demo

AS_OF = date(2026, 3, 1)
FROM, TO = "2025-03-02", "2026-03-01"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-report") / "demo.sqlite"
    db = open_database(path)
    try:
        build_demo(db, "small", seed=1, as_of=AS_OF)
    finally:
        db.dispose()
    return path


def _sponsor(demo) -> tuple[int, str]:
    with sqlite3.connect(demo) as conn:
        return conn.execute(
            "SELECT sp.id, sp.name FROM sponsor sp JOIN employment e ON e.sponsor_id = sp.id "
            "GROUP BY sp.id ORDER BY count(*) DESC, sp.id LIMIT 1").fetchone()


def _text(path) -> tuple[str, list[tuple[float, float]]]:
    doc = pdfium.PdfDocument(path)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in doc)
        return " ".join(text.split()), [page.get_size() for page in doc]
    finally:
        doc.close()


def test_sponsor_report_agrees_with_plain_sql(demo, tmp_path, capsys):
    sponsor_id, name = _sponsor(demo)
    out = tmp_path / "sponsor.pdf"
    code = run(["report", "sponsor", "--db", str(demo), "--sponsor", name.upper(),
                "--from", FROM, "--to", TO, "-o", str(out), "--paper", "letter"])
    assert code == 0, capsys.readouterr().err
    assert f"Sponsor report written to {out}" in capsys.readouterr().out
    with sqlite3.connect(demo) as conn:
        sessions, minutes = conn.execute(
            "SELECT count(*), coalesce(sum(s.duration_minutes), 0) FROM session s "
            "WHERE s.status = 'attended' AND s.session_date BETWEEN ? AND ? AND EXISTS ("
            " SELECT 1 FROM employment e WHERE e.volunteer_id = s.volunteer_id"
            " AND e.sponsor_id = ? AND (e.start_date IS NULL OR e.start_date <= s.session_date)"
            " AND (e.end_date IS NULL OR e.end_date >= s.session_date))",
            (FROM, TO, sponsor_id)).fetchone()
    assert sessions > 0
    text, sizes = _text(out)
    tenths = (minutes + 3) // 6  # minutes / 6 tenths of an hour, half up
    assert name in text
    assert f"{sessions:,} mentoring sessions" in text
    assert f"{tenths // 10:,}.{tenths % 10} volunteer hours" in text
    assert {(round(w), round(h)) for w, h in sizes} == {(612, 792)}


def test_programme_report(demo, tmp_path, capsys):
    out = tmp_path / "board.pdf"
    assert run(["report", "programme", "--db", str(demo), "--from", FROM, "--to", TO,
                "-o", str(out)]) == 0, capsys.readouterr().err
    assert "Programme report written to" in capsys.readouterr().out
    text, _ = _text(out)
    assert "Page 1 of" in text


@pytest.mark.parametrize("args, message", [
    (["--sponsor", "No Such Co", "--from", FROM, "--to", TO],
     "There is no sponsor called 'No Such Co'; known sponsors: "),
    (["--sponsor", "x", "--from", "2025-13-01", "--to", TO],
     "--from '2025-13-01' is not a date; write it as YYYY-MM-DD"),
    (["--sponsor", "x", "--from", FROM, "--to", "yesterday"], "--to 'yesterday' is not a date"),
    (["--sponsor", "x", "--from", TO, "--to", FROM], "the period must end on or after"),
    (["--sponsor", "x", "--from", FROM, "--to", TO, "--paper", "a3"], "invalid choice: 'a3'"),
    (["--from", FROM, "--to", TO], "the following arguments are required: --sponsor"),
])
def test_sponsor_errors_are_one_line(demo, tmp_path, capsys, args, message):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"earlier")
    assert run(["report", "sponsor", "--db", str(demo), "-o", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert out.read_bytes() == b"earlier"


def test_unknown_sponsor_lists_the_known_ones(demo, capsys):
    _, name = _sponsor(demo)
    run(["report", "sponsor", "--db", str(demo), "--sponsor", "Nobody", "--from", FROM,
         "--to", TO, "-o", "x.pdf"])
    assert name in capsys.readouterr().err


def test_output_and_database_errors(demo, tmp_path, capsys):
    args = ["--sponsor", _sponsor(demo)[1], "--from", FROM, "--to", TO]
    assert run(["report", "sponsor", "--db", str(demo), "-o",
                str(tmp_path / "missing" / "r.pdf"), *args]) == 2
    assert "does not exist; choose another folder" in capsys.readouterr().err
    missing_db = tmp_path / "nothing.sqlite"
    assert run(["report", "sponsor", "--db", str(missing_db), "-o", str(tmp_path / "r.pdf"),
                *args]) == 2
    assert "There is no database" in capsys.readouterr().err
    assert not missing_db.exists()
    assert run(["report"]) == 2
    assert "required: REPORT" in capsys.readouterr().err


def test_the_report_command_runs_without_qt(demo, tmp_path):
    out = tmp_path / "r.pdf"
    code = (
        "import sys; from mentordesk.cli import run; "
        f"rc = run(['report', 'sponsor', '--db', sys.argv[1], '--sponsor', sys.argv[2], "
        f"'--from', '{FROM}', '--to', '{TO}', '-o', sys.argv[3]]); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(demo), _sponsor(demo)[1], str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000
