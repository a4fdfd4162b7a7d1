import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import glob  # noqa: E402
import shlex  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402
from sqlalchemy import Engine, create_engine, text  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from mentordesk.db import Database, open_database  # noqa: E402
from mentordesk.services.container import Services  # noqa: E402

# Property tests run the same examples on every run by default, so that the test
# command (and CI) is repeatable; HYPOTHESIS_PROFILE=explore searches afresh, with
# more examples, when you work on a parser or writer.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# The user every test database writes into the audit log.
TEST_USER = "test-coordinator"


# --- a throw-away PostgreSQL server, once per test run -------------------------

def _pg_bindir() -> Path | None:
    """The bin directory of the newest installed PostgreSQL with initdb and pg_ctl."""

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parents[1].name
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version, reverse=True)
    for initdb in candidates:
        bindir = Path(initdb).parent
        if (bindir / "pg_ctl").exists():
            return bindir
    for name in ("initdb", "pg_ctl"):  # e.g. Homebrew / a distribution on PATH
        if shutil.which(name) is None:
            return None
    return Path(shutil.which("initdb")).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0  # no geteuid on Windows


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    if not _is_root():
        return args
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *args]
    return ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(args)]


def _run(args: list[str], what: str, timeout: float = 60) -> None:
    result = subprocess.run(
        _as_postgres(args), capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )


@contextmanager
def running_postgres(bindir: Path) -> Iterator[str]:
    """A throw-away PostgreSQL server; yields its base URL (append a database name)."""
    # Not under pytest's tmp_path: that is private to the current user, and the
    # server may have to run as the postgres user. In memory where there is a
    # tmpfs: creating a database there is ten times faster than on a disk.
    shm = Path("/dev/shm")
    parent = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    base = Path(tempfile.mkdtemp(prefix="mentordesk-pg-", dir=parent))
    data, log = base / "data", base / "server.log"
    if _is_root():
        import pwd

        pw = pwd.getpwnam("postgres")
        os.chown(base, pw.pw_uid, pw.pw_gid)
    pg_ctl = str(bindir / "pg_ctl")
    started = False
    try:
        _run(
            [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
             "-E", "UTF8", "--no-sync"],
            "initdb",
        )
        port = None
        for _attempt in range(3):  # the free port may be taken between the check and the start
            port = _free_port()
            options = (
                f"-F -c fsync=off -c full_page_writes=off -c synchronous_commit=off "
                f"-p {port} -c listen_addresses=127.0.0.1 -k {base}"
            )
            try:
                _run([pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "30",
                      "-o", options, "start"], "pg_ctl start")
                started = True
                break
            except RuntimeError:
                if _attempt == 2:
                    raise RuntimeError(
                        "PostgreSQL did not start:\n"
                        + (log.read_text(errors="replace") if log.exists() else "")
                    ) from None
                time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/"
    finally:
        if started:
            subprocess.run(
                _as_postgres([pg_ctl, "-D", str(data), "stop", "-m", "immediate"]),
                capture_output=True, timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not installed (initdb/pg_ctl)")
    with running_postgres(bindir) as url:
        yield url


def _admin_execute(base_url: str, statement: str) -> None:
    """Run one statement (CREATE/DROP DATABASE) outside a transaction."""
    with _admin_engine(base_url).connect() as conn:
        conn.execute(text(statement))


_ADMIN_ENGINES: dict[str, Engine] = {}


def _admin_engine(base_url: str) -> Engine:
    if base_url not in _ADMIN_ENGINES:
        _ADMIN_ENGINES[base_url] = create_engine(
            base_url + "postgres", isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
    return _ADMIN_ENGINES[base_url]


@pytest.fixture(scope="session")
def pg_template(pg_server) -> str:
    """A database migrated to the newest schema once; each test copies it."""
    name = "mentordesk_template"
    _admin_execute(pg_server, f'CREATE DATABASE "{name}"')
    open_database(pg_server + name, user=TEST_USER).dispose()
    return name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file migrated to the newest schema once; each test copies it."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path, user=TEST_USER).dispose()  # closing checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


# --- a fresh database per test, on each backend -------------------------------

@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def db(request, tmp_path) -> Iterator[Database]:
    """A fresh MentorDesk database at the newest schema, on SQLite or PostgreSQL.

    Both start from a copy of a database migrated once per run (migrating costs
    more than most tests); open_database still checks the schema version.
    """
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        database = open_database(path, user=TEST_USER)
        try:
            yield database
        finally:
            database.dispose()
        return
    base_url = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    name = f"test_{uuid.uuid4().hex}"
    _admin_execute(base_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    database = None
    try:
        database = open_database(base_url + name, user=TEST_USER)
        yield database
    finally:
        if database is not None:
            database.dispose()
        _admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def services(db) -> Services:
    return Services.for_database(db)
