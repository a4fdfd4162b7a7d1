"""`mentordesk import KIND FILE --db DB`: import a spreadsheet from the command line.

    mentordesk import KIND FILE --db DB [--sheet NAME] [--dry-run] [--strict]
                      [--errors OUT.xlsx] [--json]

KIND: volunteers, youth, matches, sessions, contacts, attendance. Columns are
mapped by their headers (or by a template saved in the app for files with the
same headers). Sponsor companies, branches, programmes and events the file
names but MentorDesk lacks are created, and listed. --dry-run and --strict
(when a row is rejected) write nothing and report what an import would do.
--json prints one object {rows, created, updated, unchanged, rejected,
errors: [{row, column, value, message}]} with the spreadsheet's row numbers.
Exit codes: 0 every row was fine, 1 some rows were rejected, 2 the file or the
arguments could not be used (one line on stderr).
"""

from __future__ import annotations

import json
import sys

KINDS = ("volunteers", "youth", "matches", "sessions", "contacts", "attendance")
SHOWN_ERRORS = 20


def add_parser(commands, db_arg) -> None:
    parser = commands.add_parser("import", help="import a spreadsheet (.xlsx, .xls, .ods, .csv)")
    parser.add_argument("kind", metavar="KIND", choices=KINDS,
                        help="what the rows are: " + ", ".join(KINDS))
    parser.add_argument("file", metavar="FILE", help="the spreadsheet to import")
    db_arg(parser, True)
    parser.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first "
                        "with a header row)")
    parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    parser.add_argument("--strict", action="store_true",
                        help="write nothing if any row is rejected")
    parser.add_argument("--errors", metavar="OUT.xlsx",
                        help="write the rejected rows, with the reason, to this workbook")
    parser.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    parser.set_defaults(run=run_import)


def run_import(args) -> int:
    from .db import open_database
    from .domain.errors import ValidationError
    from .services.imports import ImportResult, ImportService

    if args.errors and not args.errors.lower().endswith(".xlsx"):
        raise ValidationError(f"--errors {args.errors!r} must name an .xlsx file.", "--errors")
    db = open_database(args.db, create=False)
    try:
        service = ImportService(db)
        table = service.read(args.file, args.sheet, args.kind)
        mapping = service.propose_mapping(table, args.kind)
        plan = service.preview(table, args.kind, mapping)
        rejected = plan.counts["rejected"]
        if args.dry_run or (args.strict and rejected):
            result = ImportResult.of(plan.rows, plan.to_create, batch_id=None)
        else:
            result = service.apply(plan)
        written = service.write_rejects(result, table, args.errors) \
            if args.errors and result.rejected else None
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, default=str))
    else:
        _summary(args, table, plan, result, written)
    return 1 if result.rejected else 0


def _summary(args, table, plan, result, written) -> None:
    what = f"{table.file_name}" + (f" (sheet {table.sheet})" if table.sheet else "")
    if result.written:
        verb = "Imported"
    else:
        verb = "Dry run of" if args.dry_run else "Nothing imported (--strict) from"
    print(f"{verb} {what}: {result.rows:,} rows; {result.created:,} new, {result.updated:,} "
          f"updated, {result.unchanged:,} unchanged, {result.rejected:,} rejected.")
    made = "Created" if result.written else "Would create"
    labels = {"sponsors": "sponsor companies", "branches": "branches",
              "programmes": "programmes", "events": "events"}
    for key, names in result.created_records.items():
        print(f"{made} {len(names)} {labels.get(key, key)}: {', '.join(names)}.")
    if mapping_template := plan.mapping.template:
        print(f"Columns mapped with the saved template {mapping_template!r}.")
    for warning in plan.warnings:
        print(f"Note: {warning}")
    for problem in result.errors[:SHOWN_ERRORS]:
        column = f", {problem.column}" if problem.column else ""
        print(f"  row {problem.row}{column}: {problem.message}", file=sys.stdout)
    if len(result.errors) > SHOWN_ERRORS:
        print(f"  ... and {len(result.errors) - SHOWN_ERRORS} more problems.")
    if written:
        print(f"Rejected rows written to {written}.")
    if result.batch_id is not None:
        print(f"This import is number {result.batch_id}; it can be undone in the app.")
