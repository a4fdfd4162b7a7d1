"""Opening a database: a SQLite file path or a database URL.

SQLite gets WAL, foreign keys and a busy timeout on every connection. Opening
runs the Alembic migrations shipped in the package, after an online backup of
the file whenever an existing database is about to change.
"""

from __future__ import annotations

import getpass
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from .domain.audit import install_audit
from .domain.progress import SILENT, Progress
from .domain.errors import ConflictError, DatabaseError

APP_NAME = "MentorDesk"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"


def default_database_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "mentordesk.sqlite"


def database_url(target: str | Path | None) -> URL:
    """A URL for a file path or a database URL (None: the default file)."""
    if target is None:
        target = default_database_path()
    text = str(target)
    if "://" in text:
        try:
            return make_url(text)
        except ArgumentError:
            raise DatabaseError(f"{text!r} is not a database URL MentorDesk understands.") from None
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # 32 MB of page cache (the default is 2 MB): aggregate queries over 150,000
        # sessions otherwise re-read the same pages.
        cursor.execute("PRAGMA cache_size=-32768")
    finally:
        cursor.close()


def _check_sqlite_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a MentorDesk database file.")
    if not path.exists():
        if not create:
            raise DatabaseError(f"There is no database at {path}.")
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read ({exc.strerror}).") from None
    if header != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not a MentorDesk database (it is not a SQLite file).")


def alembic_config(connection=None):
    from alembic.config import Config  # Alembic loads only when a migration runs

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w]+)", re.M)


@cache  # the scripts ship with the package: read them once per process
def _script_revisions() -> dict[str, str | None]:
    """revision -> down_revision of the migration scripts shipped in the package.

    Read from the scripts' own header lines, so that opening a database that is
    already up to date never imports Alembic (a third of the start-up time);
    tests/test_db.py checks this agrees with Alembic's own reading.
    """
    found: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        fields = dict((k, v) for k, v in _REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in fields:
            down = fields.get("down_revision")
            found[fields["revision"]] = None if down in (None, "None") else down
    return found


def head_revision() -> str:
    revisions = _script_revisions()
    heads = set(revisions) - set(revisions.values())
    assert len(heads) == 1, f"the migrations have {len(heads)} heads: {sorted(heads)}"
    return heads.pop()


def _known_revision(revision: str) -> bool:
    return revision in _script_revisions()


def _stored_revision(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


class Database:
    """An engine plus the session factory every service uses."""

    def __init__(self, engine: Engine, user: str | None = None):
        self.engine = engine
        self.url = engine.url
        self.sessions = sessionmaker(
            engine, expire_on_commit=False, info={"user": user or _current_user()}
        )
        install_audit(self.sessions)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls back everything on error.

        A concurrent edit (optimistic locking) surfaces as ConflictError, a
        broken constraint as DatabaseError -- never as a driver exception.
        """
        try:
            with self.sessions.begin() as session:
                yield session
        except StaleDataError:
            raise ConflictError(
                "Someone else changed this record at the same time; "
                "reload it and make your change again."
            ) from None
        except IntegrityError as exc:
            reason = str(exc.orig).strip().rstrip(".") if exc.orig is not None else "a rule"
            raise DatabaseError(
                f"The change was not saved because it conflicts with stored data ({reason})."
            ) from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; nothing it holds is committed."""
        with self.sessions() as session:
            yield session

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return _stored_revision(conn)

    def backup_to(self, destination: Path, progress: Progress = SILENT) -> Path:
        """A consistent copy of a SQLite database, taken online (readers may continue)."""
        if not self.is_sqlite or self.path is None:
            raise DatabaseError(
                "Backups from MentorDesk are for SQLite files; back up a shared "
                "PostgreSQL database with pg_dump."
            )
        return backup_sqlite_file(self.path, destination, progress)

    def dispose(self) -> None:
        self.engine.dispose()


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts)
        return "unknown"


BACKUP_STEP_PAGES = 1024  # pages copied between progress reports (4 MiB at 4 KiB a page)


def backup_sqlite_file(source: Path, destination: Path, progress: Progress = SILENT) -> Path:
    """Copy `source` to `destination` with SQLite's online backup API, atomically.

    `progress` hears pages copied of pages in all, and may cancel (Cancelled);
    a failed or cancelled backup leaves no file behind."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)

    def step(_status: int, remaining: int, total: int) -> None:
        progress.progress(total - remaining, total, "Copying the database")
        progress.check()

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=BACKUP_STEP_PAGES, progress=step)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"The backup of {source} failed: {exc}.") from None
    except BaseException:  # cancelled (or interrupted): no half-written copy stays
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    partial.replace(destination)
    return destination


def migration_backup_path(path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.backup-{stamp}-{revision or 'unversioned'}{path.suffix}")


def _migrate(db: Database, *, backup: bool) -> Path | None:
    """Upgrade to the newest schema; returns the backup made first, if any."""
    head = head_revision()
    with db.engine.connect() as conn:
        current = _stored_revision(conn)
        if current == head:
            return None
        tables = set(inspect(conn).get_table_names())
    if current is not None and not _known_revision(current):
        raise DatabaseError(
            f"{db.label} was written by a newer MentorDesk (schema {current}); "
            "update MentorDesk to open it."
        )
    if current is None and tables - {"alembic_version"}:
        raise DatabaseError(
            f"{db.label} already holds tables that MentorDesk did not create; "
            "open or create a MentorDesk database instead."
        )
    backup_path = None
    if backup and current is not None and db.path is not None:
        backup_path = db.backup_to(migration_backup_path(db.path, current))
    from alembic import command

    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    return backup_path


def open_database(
    target: str | Path | None = None,
    *,
    create: bool = True,
    migrate: bool = True,
    backup: bool = True,
    user: str | None = None,
) -> Database:
    """Open (and if needed create and migrate) the database at a path or URL."""
    url = database_url(target)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseError("MentorDesk needs a database file, not an in-memory database.")
        _check_sqlite_file(Path(url.database), create)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
    else:
        try:
            engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, ImportError) as exc:
            raise DatabaseError(f"MentorDesk cannot use the database URL: {exc}.") from None
    db = Database(engine, user)
    try:
        if migrate:
            _migrate(db, backup=backup)
        else:
            with engine.connect():
                pass
    except DatabaseError:
        db.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        db.dispose()
        reason = str(exc.orig).strip().rstrip(".") if exc.orig is not None else str(exc)
        raise DatabaseError(f"{db.label} cannot be opened: {reason}.") from None
    return db
