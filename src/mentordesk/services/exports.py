"""Exports: rosters (volunteers, youth, matches, sessions, or all four in one
workbook) and the sponsor participation workbook.

Each export checks its arguments first (one sentence for anything wrong, and no
file touched), then reads the database in one read-only session while the
writer streams the rows into a temporary file beside the target, which is moved
into place only when complete (exporting/files.py). Cancel, through `progress`,
leaves no file and any previous file as it was.

What the rosters list and what a sponsor may see: services/rosters.py. CSV
holds one table, so `all` is refused in CSV (export each roster on its own).
The participation workbook reuses services/participation.py as it is (the same
figures as the Sponsors page and the sponsor report) and names no young person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import Branch, Programme, Sponsor
from ..domain.enums import MatchStatus, SessionStatus, VolunteerStatus, YouthStatus
from ..domain.errors import NotFound, ValidationError
from ..domain.progress import SILENT, Progress
from ..domain.values import name_key
from ..exporting.files import atomic_output
from ..exporting.sheets import DATE, HOURS, INT, NOTE, PERCENT, Column, Sheet
from .base import get_or_raise, parse_choice
from .participation import NO_BRANCH, ParticipationService, Period
from .roster_activity import match_sheet, session_sheet
from .rosters import FULL, LIMITED, RosterFilters, volunteer_sheet, youth_sheet
from .settings import SettingsService

KINDS = ("volunteers", "youth", "matches", "sessions")
ALL = "all"
ROSTER_KINDS = (*KINDS, ALL)
FORMATS = ("xlsx", "csv")
PRIVACY_LEVELS = (FULL, LIMITED)
STATUS_ENUMS = {"volunteers": VolunteerStatus, "youth": YouthStatus, "matches": MatchStatus,
                "sessions": SessionStatus}
SINGULAR = {"volunteers": "volunteer", "youth": "youth", "matches": "match", "sessions": "session"}
TITLES = {"volunteers": "Volunteers", "youth": "Youth", "matches": "Matches",
          "sessions": "Sessions"}
YOUTH_LEFT_OUT = "The youth sheet is left out: a roster for a sponsor never holds youth details."

__all__ = ["ALL", "FORMATS", "KINDS", "PRIVACY_LEVELS", "ROSTER_KINDS", "ExportResult",
           "ExportService", "RosterFilters"]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: dict[str, int]  # data rows written per sheet (CSV: one entry)
    notes: tuple[str, ...] = ()  # sentences worth telling the user (e.g. a sheet left out)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise ValidationError(
            f"{value!r} is not a {what}; choose one of: {', '.join(choices)}.", what)
    return value


class ExportService:
    def __init__(self, db):
        self.db = db

    # --- rosters -------------------------------------------------------------------------------

    def roster(self, kind: str, out_path: Path | str, *, filters: RosterFilters = RosterFilters(),
               fmt: str = "xlsx", privacy: str = FULL, progress: Progress = SILENT) -> ExportResult:
        """Write the roster `kind` (or `all`) to `out_path` as .xlsx or .csv."""
        _choice(kind, ROSTER_KINDS, "roster")
        _choice(fmt, FORMATS, "format")
        _choice(privacy, PRIVACY_LEVELS, "privacy level")
        if fmt == "csv" and kind == ALL:
            raise ValidationError("A CSV file holds one roster; export all rosters as .xlsx, "
                                  "or each roster to its own CSV file.", "format")
        f = self._checked(kind, filters)
        as_of = f.as_of or date.today()
        kinds = KINDS if kind == ALL else (kind,)
        notes: tuple[str, ...] = ()
        if f.for_sponsor and "youth" in kinds:
            if kind != ALL:
                raise ValidationError("A youth roster cannot be made for a sponsor: sponsors never "
                                      "receive youth names or details.", "sponsor")
            kinds, notes = tuple(k for k in kinds if k != "youth"), (YOUTH_LEFT_OUT,)
        with self.db.reading() as s:
            scope = self._describe(s, f)
        author = self._author()
        name = "Rosters" if kind == ALL else f"{TITLES[kind]} roster"
        with atomic_output(out_path) as temp, self.db.reading() as s:
            sheets = [self._sheet(s, k, f, as_of, privacy, f"{TITLES[k]}{scope}") for k in kinds]
            if fmt == "csv":
                from ..exporting.delimited import write_csv

                rows = {sheets[0].name: write_csv(temp, sheets[0], progress)}
            else:
                from ..exporting.excel import WorkbookInfo, write_workbook

                info = WorkbookInfo(f"{name}{scope}", author, date.today(), "MentorDesk export")
                rows = write_workbook(temp, sheets, info, progress)
        return ExportResult(Path(out_path), rows, notes)

    @staticmethod
    def _sheet(s: Session, kind: str, f: RosterFilters, as_of: date, privacy: str,
               title: str) -> Sheet:
        if kind == "volunteers":
            return volunteer_sheet(s, f, as_of, title)
        if kind == "youth":
            return youth_sheet(s, f, privacy, title)
        if kind == "matches":
            return match_sheet(s, f, as_of, privacy, title)
        return session_sheet(s, f, title)

    def _checked(self, kind: str, f: RosterFilters) -> RosterFilters:
        if f.start is not None and f.end is not None and f.end < f.start:
            raise ValidationError("The end date must be on or after the start date.", "end")
        if f.status is not None:
            if kind == ALL:
                raise ValidationError("Choose one roster to filter by status; statuses differ "
                                      "between rosters.", "status")
            status = parse_choice(STATUS_ENUMS[kind], f.status, "status",
                                  f"{SINGULAR[kind]} status")
            f = replace(f, status=status.value)
        if f.branch_id is not None:
            with self.db.reading() as s:
                branch = get_or_raise(s, Branch, f.branch_id, "branch")
                if f.sponsor_id is not None and branch.sponsor_id != f.sponsor_id:
                    sponsor = get_or_raise(s, Sponsor, f.sponsor_id, "sponsor")
                    raise ValidationError(
                        f"The branch {branch.name} is not a branch of {sponsor.name}.", "branch")
                f = replace(f, sponsor_id=branch.sponsor_id)
        return f

    @staticmethod
    def _describe(s: Session, f: RosterFilters) -> str:
        """' - Acme, Austin branch, Riverside, 2024-01-01 to 2024-06-30, status active' or ''."""
        parts = []
        if f.sponsor_id is not None:
            parts.append(get_or_raise(s, Sponsor, f.sponsor_id, "sponsor").name)
        if f.branch_id is not None:
            parts.append(f"{get_or_raise(s, Branch, f.branch_id, 'branch').name} branch")
        if f.programme_id is not None:
            parts.append(get_or_raise(s, Programme, f.programme_id, "programme").name)
        if f.has_period:
            parts.append(f"{f.start.isoformat() if f.start else 'start'} to "
                         f"{f.end.isoformat() if f.end else 'now'}")
        if f.status is not None:
            parts.append(f"status {f.status.replace('_', ' ')}")
        return f" - {', '.join(parts)}" if parts else ""

    # --- names the command line gives ------------------------------------------------------

    def find_programme(self, name: str) -> int:
        """The ID of the programme called `name` (case and accents ignored); otherwise
        one sentence listing the programmes there are."""
        with self.db.reading() as s:
            rows = s.execute(select(Programme.id, Programme.name)).all()
        return _find(rows, name, "programme")

    def find_branch(self, name: str, sponsor_id: int | None = None) -> int:
        """The ID of the branch called `name` (of the sponsor, if given)."""
        query = (select(Branch.id, Branch.name, Sponsor.name)
                 .join(Sponsor, Sponsor.id == Branch.sponsor_id))
        if sponsor_id is not None:
            query = query.where(Branch.sponsor_id == sponsor_id)
        with self.db.reading() as s:
            rows = s.execute(query).all()
        found = [r for r in rows if name_key(r[1]) == name_key(name)]
        if len(found) > 1:
            sponsors = ", ".join(sorted(r[2] for r in found))
            raise ValidationError(f"Several sponsors have a branch called {name.strip()!r} "
                                  f"({sponsors}); name the sponsor too.", "branch")
        return _find([(r[0], r[1]) for r in rows], name, "branch")

    def _author(self) -> str:
        return SettingsService(self.db).value("organisation_name") or "MentorDesk"

    # --- sponsor participation ---------------------------------------------------------------

    def participation(self, sponsor_id: int, start: date, end: date, out_path: Path | str,
                      progress: Progress = SILENT) -> ExportResult:
        """The sponsor participation workbook: company totals, figures per branch, definitions."""
        period = Period(start, end)
        with self.db.reading() as s:
            get_or_raise(s, Sponsor, sponsor_id, "sponsor")
        figures = ParticipationService(self.db)
        company = next(sp for sp in figures.sponsor_figures(period, include_archived=True)
                       if sp.sponsor_id == sponsor_id)
        branches = figures.branch_figures(period, sponsor_id=sponsor_id)
        progress.check()
        author = self._author()
        span = f"{start.isoformat()} to {end.isoformat()}"
        title = f"Participation - {company.name}, {span}"
        summary = Sheet(
            "Summary", title,
            [Column("Company"), Column("From", DATE), Column("To", DATE), Column("Branches", INT),
             *FIGURES],
            [(company.name, start, end, company.branches, *_figures(company))], 1)
        per_branch = Sheet("Branches", title, [Column("Branch"), Column("City"), *FIGURES],
                           [(b.name, b.city, *_figures(b)) for b in branches], len(branches))
        about = Sheet("About", title, [Column("About these figures", NOTE, width=110)],
                      [(line,) for line in _definitions(company.name, span, author)])
        from ..exporting.excel import WorkbookInfo, write_workbook

        with atomic_output(out_path) as temp:
            info = WorkbookInfo(title, author, date.today(), "Sponsor participation")
            rows = write_workbook(temp, [summary, per_branch, about], info, progress)
        return ExportResult(Path(out_path), rows)


FIGURES = [Column("Headcount", INT), Column("Volunteers", INT),
           Column("Participation rate", PERCENT), Column("Sessions", INT), Column("Minutes", INT),
           Column("Hours", HOURS)]


def _figures(x) -> tuple:
    """A company's or a branch's figures in FIGURES order (hours exact: minutes / 60)."""
    return x.headcount, x.volunteers, x.rate, x.sessions, x.minutes, x.minutes / 60


def _find(rows, name: str, what: str) -> int:
    key = name_key(name)
    for record_id, record_name in rows:
        if name_key(record_name) == key:
            return record_id
    known = ", ".join(sorted({r[1] for r in rows}, key=name_key)) or "none yet"
    plural = "branches" if what == "branch" else f"{what}s"
    raise NotFound(f"There is no {what} called {name.strip()!r}; known {plural}: {known}.")


def _definitions(company: str, span: str, author: str) -> list[str]:
    return [
        f"What {company} people did as volunteers with {author}, {span} (both days included).",
        "An activity is an attended mentoring session or an attended event; cancelled sessions "
        "and no-shows are not counted.",
        "Each activity counts for the branch the volunteer worked at on the day of that activity, "
        "so a volunteer who moved branch during the period is split between the two.",
        "Volunteers: people with at least one activity in the period. Someone active at two "
        "branches counts once at each branch and once in the company total, so the branch "
        "figures can add up to more than the total.",
        "Sessions and hours: attended mentoring sessions and their length (events add no hours "
        "here). Hours are shown with one decimal; the Minutes column is exact.",
        "Participation rate: volunteers divided by the branch headcount we were given; blank "
        "where no headcount is known.",
        f"Activity while no branch was recorded is shown as \"{NO_BRANCH}\".",
        "This workbook holds no information about the young people mentored.",
    ]
