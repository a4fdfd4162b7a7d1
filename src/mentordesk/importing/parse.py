"""Cell values as people type them, one mapped column at a time.

Every parse_* function takes a `Cell` as read (text, number, bool, real
date/time cell or None), returns None for an empty cell, and raises `CellError`
(one sentence saying how to fix the value) for a value it cannot accept. Nothing
is silently altered: a value either means one thing or is refused.

Dates: the day/month order is decided per column (detect_date_order) from the
values that can only be read one way; when nothing decides, the column is
`ambiguous` and the caller warns. Dates are read in parse_dates.py.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from ..domain.durations import parse_duration
from ..domain.errors import ValidationError
from ..domain.values import format_phone, normalise_email, normalise_name
from .parse_dates import DateColumn, DateOrder, detect_date_order, parse_date
from .table import Cell, CellError

__all__ = [
    "CellError",
    "DateColumn",
    "DateOrder",
    "detect_date_order",
    "is_empty",
    "number_text",
    "parse_bool",
    "parse_date",
    "parse_email",
    "parse_int",
    "parse_minutes",
    "parse_name",
    "parse_number",
    "parse_phone",
    "parse_text",
]

_TRUE = {"yes", "y", "si", "s", "true", "t", "x", "1", "verdadero", "v", "✓", "✔", "☑", "ok"}
_FALSE = {"no", "n", "false", "f", "0", "falso"}
_ISO_DURATION = re.compile(r"(?i)P(?:(\d+)D)?T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:(?P<sep>[,. \u00a0\u202f'])\d{3})(?:(?P=sep)\d{3})*")


def is_empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _shown(cell: Cell) -> str:
    return parse_text(cell) or ""


def number_text(value: float) -> str:
    """A float as Excel shows it (15 significant digits): 12345.0 -> "12345"."""
    if not math.isfinite(value):
        return str(value)
    text = format(value, ".15g")
    if "e" in text and abs(value) < 1e21 and value == int(value):
        text = str(int(value))
    return text


def _number(text: str) -> Decimal | None:
    """Decimal from typed text ("1,5", "1.234,56", "1,234.56", "1 234"); None if it
    is not a number; CellError if it could be read two ways ("1,500")."""
    value = text.strip().replace("\u2212", "-")
    if _PLAIN.fullmatch(value):
        return Decimal(value)
    if _THOUSANDS.fullmatch(value):
        sep = _THOUSANDS.fullmatch(value).group("sep")
        if sep == "," and value.count(",") == 1:
            small = Decimal(value.replace(",", ".")).normalize()
            raise CellError(f"{text!r} could be read two ways; type {small} "
                            f"or {value.replace(',', '')}.")
        if sep != "." or value.count(".") > 1:
            return Decimal(value.replace(sep, ""))
    if re.fullmatch(r"[+-]?\d+,\d+", value):
        return Decimal(value.replace(",", "."))
    both = re.fullmatch(r"([+-]?\d{1,3}(?:([,. \u00a0'])\d{3})*)([.,])(\d+)", value)
    if both and both.group(2) != both.group(3):
        whole = re.sub(r"\D", "", both.group(1))
        sign = "-" if value.startswith("-") else ""
        return Decimal(f"{sign}{whole}.{both.group(4)}")
    return None


def _numeric(cell: Cell) -> Decimal | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(number_text(cell)) if math.isfinite(cell) else None
    if isinstance(cell, str):
        return _number(cell)
    return None


def parse_minutes(cell: Cell, unit: Literal["minutes", "hours", "auto"] = "auto") -> int | None:
    """Whole minutes. Text goes through domain.durations.parse_duration ("1:30",
    "90 min", "1h 30m", "1,5 h"); a bare number counts in `unit` (hours column:
    1.5 -> 90; minutes column: 90 -> 90; auto: a whole number is minutes, a
    decimal must say its unit). Real time/timedelta cells count as they read
    (an OpenDocument duration "PT1H30M" too)."""
    if is_empty(cell):
        return None
    if isinstance(cell, time):
        minutes = cell.hour * 60 + cell.minute + cell.second / 60
    elif isinstance(cell, timedelta):
        minutes = cell.total_seconds() / 60
    elif isinstance(cell, datetime) and cell.year <= 1900:  # Excel time over 24 h
        minutes = (cell - datetime(1899, 12, 31)).total_seconds() / 60
    elif isinstance(cell, (date, bool)):
        raise CellError(f"{_shown(cell)!r} is not a duration; type minutes (90), 1:30 or 1.5h.")
    else:
        minutes = _minutes_of_number(cell, unit)
    if minutes < 0:
        raise CellError(f"{_shown(cell)!r} is negative; a duration must be positive.")
    return int(Decimal(str(minutes)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _minutes_of_number(cell: Cell, unit: str) -> float | Decimal:
    number = _numeric(cell)
    if number is not None:
        if unit == "hours":
            return number * 60
        if unit == "minutes" or number == number.to_integral_value():
            return number
    text = str(cell).strip()
    iso = _ISO_DURATION.fullmatch(text)
    if iso and any(iso.groups()):
        d, h, m, s = (Decimal(g or 0) for g in iso.groups())
        return d * 1440 + h * 60 + m + s / 60
    try:
        return parse_duration(text)
    except ValidationError as error:
        raise CellError(str(error)) from None


def parse_bool(cell: Cell) -> bool | None:
    """yes/no, sí/si/no, Y/N, x (a tick), true/false, 1/0, verdadero/falso.
    An empty cell is None: in a tick column the caller reads None as False."""
    if is_empty(cell):
        return None
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in (0, 1):
        return bool(cell)
    if isinstance(cell, str):
        folded = "".join(c for c in unicodedata.normalize("NFKD", cell.strip().casefold())
                         if not unicodedata.combining(c)).rstrip(".")
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    raise CellError(f"{_shown(cell)!r} is not yes or no; type yes or no (or Y/N, sí/no).")


def parse_text(cell: Cell) -> str | None:
    """Trimmed text (NFC). A number cell that is really text (phone, zip, ID typed
    as 12345) gives "12345", never "12345.0"; text that looks like a formula
    ("=HYPERLINK(...)", "+1 555", "@sum") stays exactly as typed. Date cells give
    ISO text, times "14:30"."""
    if cell is None:
        return None
    if isinstance(cell, str):
        text = unicodedata.normalize("NFC", cell.strip())
    elif isinstance(cell, bool):
        text = "TRUE" if cell else "FALSE"
    elif isinstance(cell, int):
        text = str(cell)
    elif isinstance(cell, float):
        text = number_text(cell)
    elif isinstance(cell, datetime):
        text = cell.isoformat(" ", "seconds" if cell.second else "minutes")
        text = text.removesuffix(" 00:00")
    elif isinstance(cell, (date, time)):
        text = cell.isoformat() if isinstance(cell, date) else cell.strftime(
            "%H:%M:%S" if cell.second else "%H:%M")
    elif isinstance(cell, timedelta):
        minutes = round(cell.total_seconds() / 60)
        text = f"{minutes // 60}:{minutes % 60:02d}"
    else:
        text = str(cell).strip()
    return text or None


def parse_name(cell: Cell) -> str | None:
    """A person's or organisation's name: trimmed, inner spaces collapsed, NFC;
    letters are never changed."""
    return normalise_name(parse_text(cell)) or None


def parse_email(cell: Cell) -> str | None:
    """Trimmed and lower-cased; "mailto:" and "Name <a@b.org>" forms accepted."""
    text = parse_text(cell)
    if text is None:
        return None
    angle = "<" in text and re.fullmatch(r"[^<>]*<\s*([^<>\s]+)\s*>\s*", text)
    try:
        return normalise_email(angle.group(1) if angle else text)
    except ValidationError as error:
        raise CellError(str(error)) from None


def parse_phone(cell: Cell) -> str | None:
    """A phone number for display: leading + kept, digits grouped consistently
    (domain.values.format_phone)."""
    try:
        return format_phone(parse_text(cell))
    except ValidationError:
        raise CellError(f"{_shown(cell)!r} is not a phone number; type the digits, "
                        "for example +1 555 123 4567.") from None


def parse_number(cell: Cell) -> Decimal | None:
    """A number as Decimal: number cells as shown (15 significant digits), text
    with a decimal comma ("1,5") or thousands separators ("1.234,5", "1,234.5")."""
    if is_empty(cell):
        return None
    try:
        number = _numeric(cell)
    except InvalidOperation:  # pragma: no cover - the patterns only let numbers through
        number = None
    if number is None:
        raise CellError(f"{_shown(cell)!r} is not a number; type digits, like 12 or 1.5.")
    return number


def parse_int(cell: Cell) -> int | None:
    """A whole number (1,234 and 1.234 thousands separators accepted)."""
    if is_empty(cell):
        return None
    if isinstance(cell, str):
        found = _THOUSANDS.fullmatch(cell.strip())
        if found:
            return int(re.sub(r"[^\d+-]", "", cell.strip()))
    number = parse_number(cell)
    if number != number.to_integral_value():
        raise CellError(f"{_shown(cell)!r} is not a whole number; type a number like 12.")
    return int(number)
