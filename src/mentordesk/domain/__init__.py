"""The domain: SQLAlchemy models and pure rules. No Qt, no file I/O."""

from .audit import AuditEntry
from .base import Base
from .events import Attendance, CircleMember, Event, LearningCircle
from .imports import ImportBatch, ImportChange, ImportTemplate
from .matching import ClosureReason, Match, MentoringSession, SupportContact
from .organisation import Branch, HourValueRate, Programme, Setting, Sponsor
from .people import Employment, ScreeningCheck, Volunteer, Youth

__all__ = [
    "Attendance",
    "AuditEntry",
    "Base",
    "Branch",
    "CircleMember",
    "ClosureReason",
    "Employment",
    "Event",
    "HourValueRate",
    "ImportBatch",
    "ImportChange",
    "ImportTemplate",
    "LearningCircle",
    "Match",
    "Programme",
    "ScreeningCheck",
    "MentoringSession",
    "Setting",
    "Sponsor",
    "SupportContact",
    "Volunteer",
    "Youth",
]
