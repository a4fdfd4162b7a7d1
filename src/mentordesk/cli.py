"""The command line. Subcommands call the same services as the GUI; no Qt is
imported unless the desktop app is asked for.

Exit codes: 0 success, 1 the work ran but found problems, 2 the input (file,
database, arguments) could not be used -- always with one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from . import __version__
from .domain.errors import MentorDeskError

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


class UsageError(MentorDeskError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, never the usage block
        raise UsageError(f"{message} (see 'mentordesk --help')")


def _db_arg(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--db", metavar="DB", required=required,
        help="database file path or database URL (postgresql+psycopg://...)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mentordesk",
        description="MentorDesk: run a volunteer mentoring programme. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"MentorDesk {__version__}")
    _db_arg(parser, required=False)
    parser.add_argument(
        "--demo", action="store_true", help="open the desktop app on a fresh demo database"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="build a demo database")
    _db_arg(demo, required=True)
    demo.add_argument("--size", choices=("small", "large", "x10"), default="small",
                      help="small; large (2,000 volunteers, 150,000 sessions); x10 (10 x large)")
    demo.add_argument("--seed", type=int, default=1)

    check = commands.add_parser("check", help="check a database's integrity")
    _db_arg(check, required=True)

    backup = commands.add_parser("backup", help="copy a database file safely")
    _db_arg(backup, required=True)
    backup.add_argument("-o", "--output", metavar="FILE", help="where to write the copy")

    for module in _plugin_modules():
        module.add_parser(commands, _db_arg)
    return parser


# Subcommands with a module of their own (import, export, report): each module
# has add_parser(commands, db_arg), which adds its parser(s) and sets
# `set_defaults(run=handler)` with handler(args) -> exit code. The modules are
# imported when the command line is parsed, so they must not import Qt (and
# should import heavy libraries inside the handler).
PLUGINS = ("cli_import", "cli_export", "cli_report")


def _plugin_modules():
    import importlib

    found = []
    for name in PLUGINS:
        try:
            found.append(importlib.import_module(f"{__package__}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise
    return found


def _open(target: str, *, create: bool = False, migrate: bool = True):
    from .db import open_database

    return open_database(target, create=create, migrate=migrate)


def cmd_demo(args: argparse.Namespace) -> int:
    from .services.demo import build_demo

    db = _open(args.db, create=True)
    try:
        started = time.perf_counter()
        summary = build_demo(db, args.size, seed=args.seed)
        elapsed = time.perf_counter() - started
    finally:
        db.dispose()
    c = summary.counts
    print(
        f"Demo database ({args.size}, seed {args.seed}) written to {db.label} in {elapsed:.1f} s: "
        f"{c['volunteer']:,} volunteers, {c['youth']:,} youth, {c['match']:,} matches, "
        f"{c['session']:,} sessions, {c['support_contact']:,} support contacts, "
        f"{c['sponsor']:,} sponsors with {c['branch']:,} branches, {c['event']:,} events."
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .services.maintenance import MaintenanceService

    db = _open(args.db, migrate=False)
    try:
        report = MaintenanceService(db).check()
    finally:
        db.dispose()
    if report.sound:
        counts = ", ".join(f"{n:,} {name}" for name, n in report.counts.items())
        print(f"{db.label} is sound ({counts}).")
        return EXIT_OK
    print(f"{db.label} has {len(report.problems)} problem(s):")
    for problem in report.problems:
        print(f"  - {problem}")
    return EXIT_PROBLEMS


def cmd_backup(args: argparse.Namespace) -> int:
    from .services.maintenance import MaintenanceService

    db = _open(args.db, migrate=False)
    try:
        path = MaintenanceService(db).backup(Path(args.output) if args.output else None)
    finally:
        db.dispose()
    print(f"Backup written to {path}.")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from .ui.app import run_gui

    return run_gui(args.db, demo=args.demo)


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "backup": cmd_backup}


def _log_crash() -> Path | None:
    try:
        import platformdirs

        folder = platformdirs.user_log_path("MentorDesk", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return path
    except OSError:
        return None


def run(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
        handler = COMMANDS.get(args.command) or getattr(args, "run", None) or cmd_gui
        return handler(args)
    except MentorDeskError as exc:
        print(f"mentordesk: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("mentordesk: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: never a traceback on screen
        log = _log_crash()
        where = f" (details in {log})" if log else ""
        print(f"mentordesk: unexpected error: {exc}{where}", file=sys.stderr)
        return EXIT_UNUSABLE
