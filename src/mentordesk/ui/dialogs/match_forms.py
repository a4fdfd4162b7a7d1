"""Small pieces the match forms share: inline error line, date fields, dates in words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from ...domain.dates import whole_months
from ...services.matches import MatchDetail

DATE_FORMAT = "d MMM yyyy"  # 12 Mar 2026: no day/month confusion in any locale


def long_date(day: date | None) -> str:
    return QLocale().toString(QDate(day), DATE_FORMAT) if day else ""


def error_colour(widget: QWidget) -> QColor:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b00020")


def error_label(parent: QWidget) -> QLabel:
    """A form's inline message: one sentence in an error colour, hidden while empty."""
    label = QLabel(parent)
    label.setObjectName("formError")
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_colour(label))
    label.setPalette(palette)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


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
