"""Files the File menu deals with: new database names, recent entries, dropped
spreadsheets, and restoring a SQLite backup. Plain Python (no Qt): the slow parts
run in a worker, and tests call them directly.

Restoring never touches the open database until the very end: the chosen backup
is copied beside it and opened there (which checks that it is a MentorDesk
database and upgrades its schema if it is older), and only after the window has
let go of the current file is the copy moved into its place.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..db import SQLITE_MAGIC, Database, backup_sqlite_file, database_url, open_database
from ..domain.errors import DatabaseError, MentorDeskError

DATABASE_SUFFIX = ".sqlite"
DATABASE_FILTER = "MentorDesk databases (*.sqlite *.db);;All files (*)"
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt"})
RESTORING = ".restoring"


def new_database_path(chosen: str) -> Path:
    """The file a new database goes in: the name chosen, with .sqlite if it has no suffix;
    an existing file is refused (New never overwrites a database)."""
    path = Path(chosen).expanduser()
    if not path.suffix:
        path = path.with_suffix(DATABASE_SUFFIX)
    if path.exists():
        raise DatabaseError(
            f"{path} already exists; open it with Open database… or choose another name.")
    return path


def remembered_target(db: Database) -> str:
    """How the recent list names a database: its file, or its URL without the password."""
    if db.path is not None:
        return str(db.path)
    return db.url.set(password=None).render_as_string(hide_password=False)


def is_url(target: str) -> bool:
    return "://" in target


def target_missing(target: str) -> bool:
    """A recent file that is not there any more (URLs are never missing here)."""
    return not is_url(target) and not Path(target).is_file()


def check_database_url(text: str) -> str:
    """The URL as typed, if it is one MentorDesk understands (one sentence if not)."""
    text = text.strip()
    if not is_url(text):
        raise DatabaseError(
            "Enter a database URL such as postgresql+psycopg://user@host/dbname.")
    database_url(text)
    return text


def open_target(target: str | Path, *, create: bool) -> Database:
    """open_database, with a file system refusal in one sentence too."""
    try:
        return open_database(target, create=create)
    except OSError as exc:
        raise MentorDeskError(
            f"MentorDesk cannot open {exc.filename or target}: {exc.strerror or exc}.") from None


def spreadsheet_in(paths: Iterable[str | Path]) -> Path | None:
    """The first local file among `paths` that import can read, by its suffix."""
    for path in paths:
        path = Path(path)
        if path.suffix.lower() in SPREADSHEET_SUFFIXES and path.is_file():
            return path
    return None


# --- restoring a SQLite backup ---------------------------------------------------------------

def restore_candidate(backup: Path, target: Path) -> Path:
    """Copy `backup` beside `target` and open it there (checked, upgraded): the file
    that will replace `target`. The open database is not touched."""
    backup, target = Path(backup), Path(target)
    if not backup.is_file():
        raise DatabaseError(f"There is no backup at {backup}.")
    if backup.resolve() == target.resolve():
        raise DatabaseError("That is the database in use; choose a backup copy of it.")
    with backup.open("rb") as fh:  # the backup itself is only read, never opened for writing
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise DatabaseError(f"{backup} is not a MentorDesk backup (it is not a SQLite file).")
    candidate = target.with_name(target.name + RESTORING)
    _remove_with_journals(candidate)
    try:
        backup_sqlite_file(backup, candidate)
        open_database(candidate, create=False, backup=False).dispose()
    except DatabaseError as exc:  # said of the copy: say it of the backup chosen
        _remove_with_journals(candidate)
        raise DatabaseError(str(exc).replace(str(candidate.resolve()), str(backup))) from None
    except BaseException:
        _remove_with_journals(candidate)
        raise
    return candidate


def put_in_place(candidate: Path, target: Path) -> None:
    """Move the restored copy over `target`, once nothing has `target` open any more."""
    wal = target.with_name(target.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        _remove_with_journals(candidate)
        raise DatabaseError(
            f"{target.name} is still open in another program; close it there and "
            "restore again.")
    for journal in (wal, target.with_name(target.name + "-shm")):
        journal.unlink(missing_ok=True)
    os.replace(candidate, target)


def _remove_with_journals(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)
