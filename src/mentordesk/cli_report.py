"""`mentordesk report sponsor|programme`: printed PDF reports from the command line.

    mentordesk report sponsor --db DB --sponsor NAME --from D --to D -o OUT.pdf [--paper a4|letter]
    mentordesk report programme --db DB --from D --to D -o OUT.pdf [--paper a4|letter]

Dates are YYYY-MM-DD, both days included. The PDF is written to a temporary file
beside OUT and moved into place when complete. Exit codes: 0 written; 2 the
arguments, the database or the output could not be used (one line on stderr).
Nothing heavy is imported until a report is asked for.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from .domain.errors import ValidationError

PAPERS = ("a4", "letter")


def add_parser(commands, db_arg) -> None:
    report = commands.add_parser("report", help="write a printed PDF report")
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True,
                                  parser_class=type(report))
    sponsor = kinds.add_parser("sponsor", help="a sponsor company's impact report")
    db_arg(sponsor, True)
    sponsor.add_argument("--sponsor", metavar="NAME", required=True,
                         help="the company's name (case does not matter)")
    _common(sponsor)
    sponsor.set_defaults(run=run_sponsor)
    programme = kinds.add_parser("programme", help="the programme report for the board")
    db_arg(programme, True)
    _common(programme)
    programme.set_defaults(run=run_programme)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", required=True,
                        help="first day of the period")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", required=True,
                        help="last day of the period (included)")
    parser.add_argument("-o", "--output", metavar="OUT.pdf", required=True,
                        help="the PDF file to write")
    parser.add_argument("--paper", choices=PAPERS, type=str.lower,
                        help="paper size (default: the setting, else the computer's locale)")


def parse_day(value: str, option: str) -> date:
    """A YYYY-MM-DD date, or one sentence saying what is wrong with it."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            f"{option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30.",
            option) from None


def _period(args) -> tuple[date, date]:
    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    if end < start:
        raise ValidationError(f"--to {end.isoformat()} is before --from {start.isoformat()}; "
                              "the period must end on or after the day it starts.", "--to")
    return start, end


def _services(target: str):
    from .db import open_database
    from .services.container import Services

    db = open_database(target, create=False)
    return db, Services.for_database(db)


def run_sponsor(args) -> int:
    start, end = _period(args)
    db, services = _services(args.db)
    try:
        sponsor_id = services.reports.find_sponsor(args.sponsor)
        began = time.perf_counter()
        path = services.reports.sponsor_report(sponsor_id, start, end, args.output,
                                               paper=args.paper)
    finally:
        db.dispose()
    print(f"Sponsor report written to {path} in {time.perf_counter() - began:.1f} s.")
    return 0


def run_programme(args) -> int:
    start, end = _period(args)
    db, services = _services(args.db)
    try:
        began = time.perf_counter()
        path = services.reports.programme_report(start, end, args.output, paper=args.paper)
    finally:
        db.dispose()
    print(f"Programme report written to {path} in {time.perf_counter() - began:.1f} s.")
    return 0
