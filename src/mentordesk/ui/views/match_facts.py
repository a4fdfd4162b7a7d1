"""What the match page says about a match: its facts, when the next support contact
is due, how it closed, and the status steps it can take next (plain texts)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale

from ...domain.cadence import ContactDue
from ...domain.enums import MatchStatus
from ...services.matches import MatchDetail
from ..dialogs.match_forms import long_date, match_length

# Status → the buttons shown: (label, target status); None opens the closure wizard.
NEXT_STEPS: dict[MatchStatus, tuple[tuple[str, MatchStatus | None], ...]] = {
    MatchStatus.PROPOSED: (("Start match", MatchStatus.ACTIVE), ("Decline…", MatchStatus.DECLINED)),
    MatchStatus.ACTIVE: (("Put on hold", MatchStatus.ON_HOLD),
                         ("Begin closing", MatchStatus.CLOSING), ("Close match…", None)),
    MatchStatus.ON_HOLD: (("Resume", MatchStatus.ACTIVE), ("Begin closing", MatchStatus.CLOSING),
                          ("Close match…", None)),
    MatchStatus.CLOSING: (("Resume", MatchStatus.ACTIVE), ("Close match…", None)),
}


def fact_rows(detail: MatchDetail, today: date) -> list[tuple[str, str]]:
    """(label, text) of the match's facts, people to sessions."""
    rows = [
        ("Volunteer:", detail.volunteer),
        ("Young person:",
         detail.youth + (f" ({detail.youth_ref})" if detail.youth_ref else "")),
        ("Programme:", detail.programme),
        ("Proposed:", long_date(detail.proposed_on)),
        ("Started:", long_date(detail.start_date) or "Not started yet"),
    ]
    if detail.end_date:
        rows.append(("Ended:", long_date(detail.end_date)))
    rows.append(("Match length:", match_length(detail.start_date, detail.end_date, today)))
    hours = QLocale().toString(detail.minutes_attended / 60, "f", 1)
    last = f"; last on {long_date(detail.last_session)}" if detail.last_session else ""
    rows.append(("Sessions:", f"{detail.sessions_attended} attended, {hours} hours{last}"))
    return rows


def due_text(due: ContactDue | None) -> tuple[str, bool]:
    """When the next support contact is due (rich text), and whether it is overdue."""
    if due is None:
        return "Not needed: the match is not running", False
    if due.overdue:
        days = "1 day" if due.days_overdue == 1 else f"{due.days_overdue} days"
        return f"<b>Overdue by {days}</b> (was due {long_date(due.due)})", True
    return f"Due {long_date(due.due)}", False


def closure_text(detail: MatchDetail) -> str | None:
    """Reason; category; rematch decision; note -- for a closed match."""
    if detail.status != MatchStatus.CLOSED:
        return None
    return "; ".join(filter(None, (
        detail.closure_reason,
        detail.closure_category.label if detail.closure_category else None,
        {True: "rematch: yes", False: "rematch: no"}.get(detail.rematch_eligible),
        detail.closure_note)))
