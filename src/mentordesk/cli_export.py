"""`mentordesk export roster|participation`: Excel rosters and workbooks from the command line.

    mentordesk export roster KIND --db DB -o OUT [--sponsor NAME] [--branch NAME]
                      [--programme NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                      [--status STATUS] [--privacy full|limited] [--format xlsx|csv]
                      [--include-archived]
    mentordesk export participation --db DB --sponsor NAME --from D --to D -o OUT.xlsx

KIND is volunteers, youth, matches, sessions or all. Without --format the format
follows OUT's extension (.csv: CSV, anything else: .xlsx). Exit codes: 0 written;
2 the arguments, the database or the output could not be used -- one line on
stderr, and no file is written. Nothing heavy is imported until an export runs.
"""

from __future__ import annotations

import time
from pathlib import Path

from .cli_report import parse_day
from .domain.errors import ValidationError

# The same as services.exports.ROSTER_KINDS (a test keeps them equal); spelled out
# here so that parsing the command line imports no database code.
KINDS = ("volunteers", "youth", "matches", "sessions", "all")
FORMATS = ("xlsx", "csv")


def add_parser(commands, db_arg) -> None:
    export = commands.add_parser("export", help="write Excel rosters and workbooks")
    what = export.add_subparsers(dest="export", metavar="WHAT", required=True,
                                 parser_class=type(export))
    roster = what.add_parser("roster", help="a roster: volunteers, youth, matches, sessions or all")
    roster.add_argument("kind", metavar="KIND", choices=KINDS, type=str.lower,
                        help="volunteers, youth, matches, sessions or all (one sheet each)")
    db_arg(roster, True)
    roster.add_argument("-o", "--output", metavar="OUT", required=True,
                        help="the file to write (.xlsx or .csv)")
    roster.add_argument("--sponsor", metavar="NAME",
                        help="only this company's people (the file is then fit for the sponsor: "
                        "no youth details)")
    roster.add_argument("--branch", metavar="NAME", help="only this branch of the sponsor")
    roster.add_argument("--programme", metavar="NAME", help="only this programme")
    _period(roster, required=False)
    roster.add_argument("--status", metavar="STATUS", help="only records with this status")
    roster.add_argument("--privacy", choices=("full", "limited"), default="full", type=str.lower,
                        help="youth details: full, or limited (first name and last initial)")
    roster.add_argument("--format", choices=FORMATS, type=str.lower,
                        help="xlsx or csv (default: from OUT's extension)")
    roster.add_argument("--include-archived", action="store_true",
                        help="list archived records too")
    roster.set_defaults(run=run_roster)

    participation = what.add_parser("participation",
                                    help="a sponsor's participation workbook, per branch")
    db_arg(participation, True)
    participation.add_argument("--sponsor", metavar="NAME", required=True)
    _period(participation, required=True)
    participation.add_argument("-o", "--output", metavar="OUT.xlsx", required=True)
    participation.set_defaults(run=run_participation)


def _period(parser, required: bool) -> None:
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", required=required,
                        help="first day of the period")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", required=required,
                        help="last day of the period (included)")


def _dates(args):
    start = parse_day(args.start, "--from") if args.start else None
    end = parse_day(args.end, "--to") if args.end else None
    if start and end and end < start:
        raise ValidationError(f"--to {end.isoformat()} is before --from {start.isoformat()}; "
                              "the period must end on or after the day it starts.", "--to")
    return start, end


def _format(args) -> str:
    suffix = Path(args.output).suffix.lower()
    if args.format is None:
        return "csv" if suffix == ".csv" else "xlsx"
    if suffix in (".csv", ".xlsx") and suffix[1:] != args.format:
        raise ValidationError(f"{Path(args.output).name} ends in {suffix} but the format is "
                              f"{args.format}; make them agree.", "--format")
    return args.format


def _open(target: str):
    from .db import open_database
    from .services.container import Services

    db = open_database(target, create=False)
    return db, Services.for_database(db)


def run_roster(args) -> int:
    from .services.rosters import RosterFilters

    start, end = _dates(args)
    fmt = _format(args)
    status = None
    if args.status:
        status = args.status.strip().lower().replace(" ", "_").replace("-", "_")
    db, services = _open(args.db)
    try:
        sponsor_id = services.reports.find_sponsor(args.sponsor) if args.sponsor else None
        exports = services.exports
        filters = RosterFilters(
            programme_id=exports.find_programme(args.programme) if args.programme else None,
            sponsor_id=sponsor_id,
            branch_id=exports.find_branch(args.branch, sponsor_id) if args.branch else None,
            start=start, end=end, status=status, include_archived=args.include_archived)
        began = time.perf_counter()
        result = exports.roster(args.kind, args.output, filters=filters, fmt=fmt,
                                privacy=args.privacy)
    finally:
        db.dispose()
    counts = ", ".join(f"{n:,} {name.lower()}" for name, n in result.rows.items())
    print(f"Wrote {result.path} ({counts}) in {time.perf_counter() - began:.1f} s.")
    for note in result.notes:
        print(note)
    return 0


def run_participation(args) -> int:
    start, end = _dates(args)
    if Path(args.output).suffix.lower() == ".csv":
        raise ValidationError("The participation workbook is written as .xlsx only.", "--output")
    db, services = _open(args.db)
    try:
        sponsor_id = services.reports.find_sponsor(args.sponsor)
        result = services.exports.participation(sponsor_id, start, end, args.output)
    finally:
        db.dispose()
    print(f"Wrote {result.path} (participation by branch: {result.rows['Branches']:,} branches).")
    return 0
