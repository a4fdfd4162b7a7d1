"""Errors the services raise. Each carries one sentence a coordinator can act on."""

from __future__ import annotations


class MentorDeskError(Exception):
    """Base class: str(error) is a complete sentence for the user."""


class NotFound(MentorDeskError):
    pass


class ValidationError(MentorDeskError):
    """A value the user typed cannot be stored. `field` names the form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class RuleViolation(MentorDeskError):
    """The change breaks a programme rule (eligibility, one active match, ...)."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        super().__init__(message)
        self.reasons = reasons or [message]


class ConflictError(MentorDeskError):
    """Someone else changed the record since it was read (optimistic locking)."""


class DatabaseError(MentorDeskError):
    """The database file or URL cannot be used."""
