"""What the match dialogs share beyond the form pieces: dates in words, a default
day within the match, one sentence from several reasons, a match's length.

The inline error line and the date box are the forms' own (forms/messages.py,
forms/editors.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from ...domain.dates import whole_months
from ...services.matches import MatchDetail
from ..forms.editors import LONG_DATE_FORMAT


def long_date(day: date | None) -> str:
    return QLocale().toString(QDate(day), LONG_DATE_FORMAT) if day else ""


def default_day(detail: MatchDetail, today: date) -> date:
    """Today, kept within the match's dates."""
    day = min(today, detail.end_date) if detail.end_date else today
    return max(day, detail.start_date) if detail.start_date else day


def one_sentence(lead: str, reasons: list[str]) -> str:
    """'Lead: first reason; second reason.' from a RuleViolation's reasons."""
    parts = [r.strip().rstrip(".") for r in reasons if r.strip()]
    parts = [p[:1].lower() + p[1:] if p[:2] != p[:2].upper() else p for p in parts]
    return f"{lead}: {'; '.join(parts)}." if parts else f"{lead}."


def match_length(start: date | None, end: date | None, today: date) -> str:
    """'3 days', '5 months', '2 years 1 month (25 months)'; 'Not started' without a start."""
    if start is None:
        return "Not started"
    end = end or today
    months = whole_months(start, end)
    if months == 0:
        days = (end - start).days
        return "1 day" if days == 1 else f"{days} days"
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'s' if years > 1 else ''}" if years else "",
             f"{rest} month{'s' if rest > 1 else ''}" if rest else ""]
    return " ".join(p for p in parts if p) + ("" if months < 12 else f" ({months} months)")
