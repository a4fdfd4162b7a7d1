"""Integrity check ('mentordesk check') and backups ('mentordesk backup')."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import aliased

from ..db import Database, head_revision
from ..domain import (
    Employment,
    Match,
    MentoringSession,
    ScreeningCheck,
    Sponsor,
    SupportContact,
    Volunteer,
    Youth,
)
from ..domain.enums import MatchKind, MatchStatus
from ..domain.progress import SILENT, Progress

OPEN_STATUSES = (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING)


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sound(self) -> bool:
        return not self.problems

    def add(self, ids: list[int], sentence: str) -> None:
        if ids:
            sample = ", ".join(str(i) for i in ids[:5]) + (", ..." if len(ids) > 5 else "")
            self.problems.append(f"{sentence} ({len(ids)}: {sample}).")


def _ids(session, query) -> list[int]:
    return sorted(session.scalars(query).all())


class MaintenanceService:
    def __init__(self, db: Database):
        self.db = db

    def check(self) -> CheckReport:
        report = CheckReport()
        if self.db.current_revision() != head_revision():
            report.problems.append(
                "The database schema is not at the version this MentorDesk expects; "
                "open it once with MentorDesk to upgrade it."
            )
            return report
        with self.db.reading() as s:
            if self.db.is_sqlite:
                verdict = s.execute(text("PRAGMA integrity_check")).scalars().all()
                if verdict != ["ok"]:
                    report.problems.append("SQLite reports damage: " + "; ".join(verdict[:3]) + ".")
                    return report
                orphans = s.execute(text("PRAGMA foreign_key_check")).all()
                if orphans:
                    tables = sorted({row[0] for row in orphans})
                    report.problems.append(
                        f"{len(orphans)} rows point at records that do not exist "
                        f"(in {', '.join(tables)})."
                    )
            for name, model in (
                ("volunteers", Volunteer), ("youth", Youth), ("matches", Match),
                ("sessions", MentoringSession), ("support contacts", SupportContact),
                ("sponsors", Sponsor),
            ):
                report.counts[name] = int(s.scalar(select(func.count()).select_from(model)))
            self._check_sessions(s, report)
            self._check_matches(s, report)
            self._check_employment(s, report)
            report.add(
                _ids(s, select(ScreeningCheck.id).where(
                    ScreeningCheck.expires_on < ScreeningCheck.completed_on)),
                "Screening checks expire before they were completed",
            )
        return report

    def _check_sessions(self, s, report: CheckReport) -> None:
        sess = MentoringSession
        joined = select(sess.id).join(Match, Match.id == sess.match_id)
        report.add(
            _ids(s, joined.where(
                (Match.start_date.is_(None)) | (sess.session_date < Match.start_date)
                | (Match.end_date.is_not(None) & (sess.session_date > Match.end_date))
            )),
            "Sessions lie outside their match's dates",
        )
        report.add(
            _ids(s, joined.where(sess.volunteer_id != Match.volunteer_id)),
            "Sessions are credited to a volunteer who is not the match's volunteer",
        )
        report.add(
            _ids(s, select(sess.id).where(
                (sess.duration_minutes <= 0) | (sess.duration_minutes >= 1440))),
            "Sessions have a duration that is not between a minute and 24 hours",
        )

    def _check_matches(self, s, report: CheckReport) -> None:
        report.add(
            _ids(s, select(Match.id).where(
                Match.status == MatchStatus.CLOSED,
                (Match.end_date.is_(None)) | (Match.closure_reason_id.is_(None))
                | (Match.closure_category.is_(None)),
            )),
            "Closed matches lack an end date, closure reason or category",
        )
        report.add(
            _ids(s, select(Match.id).where(
                Match.status.in_(OPEN_STATUSES), Match.start_date.is_(None))),
            "Running matches have no start date",
        )
        other = aliased(Match)
        report.add(
            _ids(s, select(Match.youth_id).distinct().join(
                other, (other.youth_id == Match.youth_id) & (other.id > Match.id)
            ).where(
                Match.kind == MatchKind.ONE_TO_ONE, other.kind == MatchKind.ONE_TO_ONE,
                Match.status.in_(OPEN_STATUSES), other.status.in_(OPEN_STATUSES),
            )),
            "Young people have more than one running one-to-one match",
        )

    def _check_employment(self, s, report: CheckReport) -> None:
        periods: dict[int, list[tuple[date, date]]] = defaultdict(list)
        for vid, start, end in s.execute(
            select(Employment.volunteer_id, Employment.start_date, Employment.end_date)
        ):
            periods[vid].append((start or date.min, end or date.max))
        overlapping = []
        for vid, spans in periods.items():
            spans.sort()
            if any(b[0] <= a[1] for a, b in zip(spans, spans[1:])):
                overlapping.append(vid)
        report.add(sorted(overlapping), "Volunteers have overlapping employment periods")

    def backup(self, destination: Path | None = None, progress: Progress = SILENT) -> Path:
        """Copy the database file; by default beside it, named with the time.
        `progress` hears how far the copy is and may cancel it (nothing is left)."""
        if destination is None and self.db.path is not None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            destination = self.db.path.with_name(
                f"{self.db.path.stem}.backup-{stamp}{self.db.path.suffix}"
            )
        return self.db.backup_to(Path(destination) if destination else Path("backup.sqlite"),
                                 progress)
