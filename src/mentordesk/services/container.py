"""All services over one database: what the composition roots (CLI, GUI) build."""

from __future__ import annotations

from dataclasses import dataclass

from ..db import Database
from .dashboard import DashboardService
from .events import EventService
from .exports import ExportService
from .imports import ImportService
from .maintenance import MaintenanceService
from .matches import MatchService
from .matching import MatchingService
from .organisation import ProgrammeService, SponsorService
from .participation import ParticipationService
from .reports import ReportService
from .sessions import SessionService, SupportContactService
from .settings import SettingsService
from .volunteers import VolunteerService
from .youth import YouthService


@dataclass(frozen=True)
class Services:
    db: Database
    settings: SettingsService
    programmes: ProgrammeService
    sponsors: SponsorService
    volunteers: VolunteerService
    youth: YouthService
    matches: MatchService
    matching: MatchingService
    sessions: SessionService
    contacts: SupportContactService
    events: EventService
    participation: ParticipationService
    maintenance: MaintenanceService
    dashboard: DashboardService
    exports: ExportService
    imports: ImportService
    reports: ReportService

    @classmethod
    def for_database(cls, db: Database) -> Services:
        return cls(
            db=db,
            settings=SettingsService(db),
            programmes=ProgrammeService(db),
            sponsors=SponsorService(db),
            volunteers=VolunteerService(db),
            youth=YouthService(db),
            matches=MatchService(db),
            matching=MatchingService(db),
            sessions=SessionService(db),
            contacts=SupportContactService(db),
            events=EventService(db),
            participation=ParticipationService(db),
            maintenance=MaintenanceService(db),
            dashboard=DashboardService(db),
            exports=ExportService(db),
            imports=ImportService(db),
            reports=ReportService(db),
        )
