"""Closed vocabularies of the domain. Stored as their string values."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum as SAEnum


def db_enum(enum_cls: type[StrEnum]) -> SAEnum:
    """A portable (non-native) enum column that stores the member's value."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ProgrammeType(Labelled):
    COMMUNITY = "community"
    SCHOOL = "school"
    SITE = "site"

    @property
    def label(self) -> str:
        return {"community": "Community-based", "school": "School-based", "site": "Site-based"}[
            self.value
        ]


class VolunteerStatus(Labelled):
    """The volunteer pipeline (FIELD.md: screening ends in accept / defer / deny)."""

    INQUIRY = "inquiry"
    APPLIED = "applied"
    SCREENING = "screening"
    ACCEPTED = "accepted"
    MATCHED = "matched"
    DEFERRED = "deferred"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    INACTIVE = "inactive"


class CheckType(Labelled):
    APPLICATION = "application"
    INTERVIEW = "interview"
    REFERENCES = "references"
    CRIMINAL_RECORD = "criminal_record"
    CHILD_ABUSE_REGISTRY = "child_abuse_registry"
    DRIVING_RECORD = "driving_record"
    TRAINING = "training"


class CheckResult(Labelled):
    PENDING = "pending"
    CLEAR = "clear"
    FLAGGED = "flagged"


class YouthStatus(Labelled):
    REFERRED = "referred"
    WAITING = "waiting"
    MATCHED = "matched"
    ON_HOLD = "on_hold"
    EXITED = "exited"


class MatchKind(Labelled):
    ONE_TO_ONE = "one_to_one"
    GROUP = "group"

    @property
    def label(self) -> str:
        return "One-to-one" if self is MatchKind.ONE_TO_ONE else "Group"


class MatchStatus(Labelled):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    CLOSING = "closing"
    CLOSED = "closed"
    DECLINED = "declined"

    @property
    def is_open(self) -> bool:
        """The match occupies the youth (and counts as a running match)."""
        return self in (MatchStatus.ACTIVE, MatchStatus.ON_HOLD, MatchStatus.CLOSING)


class ClosureCategory(Labelled):
    COMPLETED = "completed"
    MENTOR_INITIATED = "mentor_initiated"
    YOUTH_INITIATED = "youth_initiated"
    PROGRAMME_INITIATED = "programme_initiated"


class SessionMedium(Labelled):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"
    TEXT = "text"


class SessionStatus(Labelled):
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class ContactParty(Labelled):
    VOLUNTEER = "volunteer"
    YOUTH = "youth"
    GUARDIAN = "guardian"
    JOINT = "joint"


class ContactMethod(Labelled):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    TEXT_EMAIL = "text_email"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return "Text / email" if self is ContactMethod.TEXT_EMAIL else super().label


class EventKind(Labelled):
    PRE_MATCH_TRAINING = "pre_match_training"
    ONGOING_TRAINING = "ongoing_training"
    LEARNING_CIRCLE = "learning_circle"
    CONFERENCE = "conference"
    SOCIAL = "social"


class AttendanceStatus(Labelled):
    REGISTERED = "registered"
    ATTENDED = "attended"
    ABSENT = "absent"


class AuditAction(Labelled):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    ARCHIVE = "archive"
    RESTORE = "restore"
    ANONYMISE = "anonymise"
