"""Durations as people type them on a sign-in sheet: 90, 1:30, 1.5h, 90 min, 1h 30m.

A bare whole number is minutes; hours need a unit (h, hr, hours, horas) or the
h:mm form. A comma works as the decimal mark ("1,5 h"). The result is whole
minutes (rounded); whether the length is allowed is for rules.validate_duration.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import ValidationError

FIELD = "duration_minutes"
HOW = "type minutes (90), hours and minutes (1:30 or 1h 30m) or hours (1.5h)"

_NUMBER = r"\d+(?:\.\d*)?|\.\d+"
_HOURS = r"h|hrs?|hours?|horas?"
_MINUTES = r"m|mins?|minutes?|minutos?"
_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)")
_UNITS = re.compile(
    rf"(?:(?P<h>{_NUMBER})\s*(?:{_HOURS})\.?)?"
    rf"\s*(?:and|y)?\s*"
    rf"(?:(?P<m>{_NUMBER})\s*(?P<mu>{_MINUTES})?\.?)?"
)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns only let numbers through
        raise ValidationError(f"{text!r} is not a number.", FIELD) from None


def _whole_minutes(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_duration(text: str | None) -> int:
    """Minutes from what was typed; a ValidationError says how to type it otherwise."""
    typed = " ".join((text or "").split())
    if not typed:
        raise ValidationError(f"Enter how long the session lasted: {HOW}.", FIELD)
    value = typed.lower()
    value = re.sub(r"(?<=\d),(?=\d)", ".", value)  # 1,5 h
    clock = _CLOCK.fullmatch(value)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    if re.fullmatch(r"\d+", value):
        return int(value)
    found = _UNITS.fullmatch(value)
    if found is None or not (found.group("h") or found.group("m")):
        raise ValidationError(f"{typed!r} is not a duration; {HOW}.", FIELD)
    hours, minutes, minute_unit = found.group("h"), found.group("m"), found.group("mu")
    if minutes is not None and hours is None and minute_unit is None:
        # A bare decimal: 1.5 may mean hours or minutes; the user has to say which.
        raise ValidationError(
            f"Say whether {typed!r} is hours or minutes: type {typed}h or {typed} min.", FIELD)
    total = Decimal(0)
    if hours is not None:
        total += _decimal(hours) * 60
    if minutes is not None:
        total += _decimal(minutes)
    return _whole_minutes(total)


def format_duration(minutes: int | None) -> str:
    """'1h 30m', '45m', '2h': short, unambiguous, and read back by parse_duration."""
    if minutes is None:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h" if not rest else f"{hours}h {rest}m"
