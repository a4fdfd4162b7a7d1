"""All services over one database: what the composition roots (CLI, GUI) build.

`Services.for_database(db)` costs nothing: each service's module is imported, and
the service built, the first time its attribute is read (`services.volunteers`),
so a start that needs two services does not import seventeen. A service is built
once per Services, under a lock (pages read services from worker threads).
"""

from __future__ import annotations

import threading
from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
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

S = TypeVar("S")


class _Service(Generic[S]):
    """A service attribute: `name` of services/`module`, built over the database on first
    read and kept in the instance (later reads do not come here)."""

    def __init__(self, module: str, name: str):
        self.module, self.name = module, name
        self.attr = ""  # the attribute's name, from __set_name__

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    @overload
    def __get__(self, services: None, owner: type) -> _Service[S]: ...

    @overload
    def __get__(self, services: Services, owner: type) -> S: ...

    def __get__(self, services: Services | None, owner: type) -> Any:
        if services is None:
            return self
        with services._lock:
            built = services.__dict__.get(self.attr)
            if built is None:
                cls = getattr(import_module(f".{self.module}", __package__), self.name)
                built = services.__dict__[self.attr] = cls(services.db)
        return built


class Services:
    """The services over one database, each built when first used."""

    db: Database
    _lock: threading.RLock
    settings: _Service[SettingsService] = _Service("settings", "SettingsService")
    programmes: _Service[ProgrammeService] = _Service("organisation", "ProgrammeService")
    sponsors: _Service[SponsorService] = _Service("organisation", "SponsorService")
    volunteers: _Service[VolunteerService] = _Service("volunteers", "VolunteerService")
    youth: _Service[YouthService] = _Service("youth", "YouthService")
    matches: _Service[MatchService] = _Service("matches", "MatchService")
    matching: _Service[MatchingService] = _Service("matching", "MatchingService")
    sessions: _Service[SessionService] = _Service("sessions", "SessionService")
    contacts: _Service[SupportContactService] = _Service("sessions", "SupportContactService")
    events: _Service[EventService] = _Service("events", "EventService")
    participation: _Service[ParticipationService] = _Service(
        "participation", "ParticipationService")
    maintenance: _Service[MaintenanceService] = _Service("maintenance", "MaintenanceService")
    dashboard: _Service[DashboardService] = _Service("dashboard", "DashboardService")
    exports: _Service[ExportService] = _Service("exports", "ExportService")
    imports: _Service[ImportService] = _Service("imports", "ImportService")
    reports: _Service[ReportService] = _Service("reports", "ReportService")

    def __init__(self, db: Database):
        object.__setattr__(self, "db", db)
        object.__setattr__(self, "_lock", threading.RLock())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Services are read-only ({name})")

    @classmethod
    def for_database(cls, db: Database) -> Services:
        return cls(db)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every service attribute, in the order above."""
        return tuple(k for k, v in vars(cls).items() if isinstance(v, _Service))

    def built(self) -> tuple[str, ...]:
        """The services built so far (for tests and start-up measurements)."""
        return tuple(name for name in self.names() if name in self.__dict__)
