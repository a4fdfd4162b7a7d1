"""Opening, migrating and backing up databases."""

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from mentordesk.db import alembic_config, head_revision, open_database
from mentordesk.domain import Base
from mentordesk.domain.errors import DatabaseError


def test_new_database_is_migrated_to_head_with_pragmas(tmp_path):
    db = open_database(tmp_path / "new.sqlite")
    assert db.current_revision() == head_revision()
    with db.reading() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    db.dispose()
    # no backup is made of a brand-new file
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []


def test_migration_seeds_the_closure_reasons_and_hour_value(tmp_path):
    db = open_database(tmp_path / "seed.sqlite")
    with db.reading() as s:
        labels = s.execute(text("SELECT label FROM closure_reason ORDER BY sort_order")).scalars().all()
        rate = s.execute(text("SELECT year, cents, source FROM hour_value_rate")).one()
    assert "Accomplished goals / completed the commitment" in labels
    assert "Auto-closed after inactivity" in labels
    assert labels[-1] == "Other"
    assert rate[0] == 2022 and rate[1] == 3180 and "Independent Sector" in rate[2]
    db.dispose()


def test_models_and_migrations_agree(tmp_path):
    db = open_database(tmp_path / "agree.sqlite")
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    db.dispose()
    assert diff == []


def test_database_from_a_newer_mentordesk_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer MentorDesk"):
        open_database(path)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".backup-" in p.name]


def test_upgrade_backs_up_before_changing(tmp_path, monkeypatch):
    path = tmp_path / "prog.sqlite"
    db = open_database(path)
    with db.transaction() as s:
        s.execute(text("INSERT INTO programme (name, type, version, created_at, updated_at) "
                       "VALUES ('Riverside', 'community', 1, '2026-01-01', '2026-01-01')"))
    db.dispose()
    # Simulate a newer MentorDesk: the head is a revision this file has not seen yet.
    import mentordesk.db as dbmod

    calls = []
    monkeypatch.setattr(dbmod, "head_revision", lambda: "9999")
    monkeypatch.setattr(command, "upgrade", lambda cfg, rev: calls.append(rev))
    dbmod.open_database(path).dispose()
    backups = sorted(p for p in tmp_path.iterdir() if ".backup-" in p.name)
    assert len(backups) == 1 and backups[0].name.startswith("prog.backup-")
    assert calls == ["head"]
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT name FROM programme").fetchall() == [("Riverside",)]
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    copy.close()


def test_downgrade_and_upgrade_round_trip(tmp_path):
    db = open_database(tmp_path / "rt.sqlite")
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
        command.upgrade(alembic_config(conn), "head")
        assert "volunteer" in inspect(conn).get_table_names()
    db.dispose()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"name,email\nAna,ana@example.org\n", "not a MentorDesk database"),
        (b"SQLite format 3\x00" + b"\x00" * 50, "cannot be opened"),
    ],
)
def test_files_that_are_not_databases_are_refused_with_one_sentence(tmp_path, content, message):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match=message) as info:
        open_database(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == content  # nothing was changed


def test_foreign_tables_are_not_touched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="did not create"):
        open_database(path)


def test_missing_database_is_not_created_when_not_asked(tmp_path):
    with pytest.raises(DatabaseError, match="There is no database"):
        open_database(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_bad_url_is_one_sentence():
    with pytest.raises(DatabaseError):
        open_database("nosuchdriver://x/y")


def test_backup_is_a_consistent_copy(tmp_path):
    db = open_database(tmp_path / "b.sqlite")
    with db.transaction() as s:
        s.execute(text("INSERT INTO programme (name, type, version, created_at, updated_at) "
                       "VALUES ('Eastside', 'school', 1, '2026-01-01', '2026-01-01')"))
    out = db.backup_to(tmp_path / "copies" / "b-copy.sqlite")
    db.dispose()
    engine = create_engine(f"sqlite:///{out}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM programme")).scalars().all() == ["Eastside"]
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    engine.dispose()
    assert not list((tmp_path / "copies").glob("*.partial"))


def test_the_fast_revision_reading_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    from mentordesk.db import _script_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert _script_revisions() == {
        rev.revision: rev.down_revision for rev in script.walk_revisions()
    }


def test_opening_a_current_database_does_not_load_alembic(tmp_path):
    import subprocess
    import sys

    open_database(tmp_path / "current.sqlite").dispose()
    code = (
        "import sys; from mentordesk.db import open_database; "
        "open_database(sys.argv[1]).dispose(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "current.sqlite")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
