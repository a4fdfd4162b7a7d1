"""Columns of the Sponsors page: companies and branches with their figures for a period."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale

from ...services.participation import SponsorParticipation
from ..models import columns as col

COMPANY_FIELDS = ("name", "contact_name", "contact_email", "contact_phone")
BRANCH_FIELDS = ("name", "city", "headcount")


def hours_text(minutes: int) -> str:
    return QLocale().toString(minutes / 60, "f", 1)


def percent_text(rate: float) -> str:
    return f"{QLocale().toString(rate * 100, 'f', 1)}{QLocale().percent()}"


def _rate_tip(row: Any) -> str:
    if not row.headcount:
        return "Enter the headcount to see the participation rate."
    return f"{row.volunteers} of {QLocale().toString(row.headcount)} employees volunteered."


def _contact_tip(row: SponsorParticipation) -> str | None:
    return " · ".join(x for x in (row.contact_email, row.contact_phone) if x) or None


def _figures(kind: str) -> list[col.Column]:
    return [
        col.number("volunteers", "Volunteers", lambda r: r.volunteers,
                   header_tip=f"Volunteers with a session or event in the period while "
                              f"working at the {kind}"),
        col.number("rate", "Participation", lambda r: r.rate, fmt=percent_text,
                   tooltip=_rate_tip, visible=kind == "branch",
                   header_tip="Volunteers ÷ headcount"),
        col.number("hours", "Hours", lambda r: r.minutes, fmt=hours_text,
                   header_tip="Hours of attended mentoring sessions in the period"),
        col.number("sessions", "Sessions", lambda r: r.sessions, visible=kind == "branch"),
    ]


def sponsor_columns() -> list[col.Column]:
    """Figures first, the contact last (the last column stretches: text reads well there)."""
    return [
        col.text("name", "Company", lambda r: r.name),
        col.number("branches", "Branches", lambda r: r.branches),
        col.number("headcount", "Headcount", lambda r: r.headcount, visible=False),
        *_figures("company"),
        col.text("email", "Email", lambda r: r.contact_email, visible=False),
        col.text("phone", "Phone", lambda r: r.contact_phone, visible=False),
        col.text("contact", "Contact", lambda r: r.contact_name, tooltip=_contact_tip),
    ]


def branch_columns() -> list[col.Column]:
    return [
        col.text("name", "Branch", lambda r: r.name + (" (archived)" if r.archived else "")),
        col.number("headcount", "Headcount", lambda r: r.headcount),
        *_figures("branch"),
        col.text("city", "City", lambda r: r.city),
    ]
