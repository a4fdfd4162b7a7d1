"""Dates as people type them (parse.py re-exports everything here).

Real date cells, Excel serial numbers (1900 date system: serial 1 is
1900-01-01, serial 60 is Excel's non-existent 1900-02-29, so serials from 61 on
count from 1899-12-30), ISO text, 31/12/2024, 12/31/2024, 31.12.2024,
2024/12/31, 20241231, "3 Jan 2024", "Jan 3, 2024", "3 de enero de 2024".
Two-digit years follow Excel: 00-29 are 2000-2029, 30-99 are 1930-1999.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .table import Cell, CellError


class DateOrder(enum.Enum):
    ISO = "iso"  # year first only: 2024-12-31; numeric dates that read two ways are refused
    DMY = "dmy"  # 31/12/2024, 31.12.2024 (Europe, Latin America)
    MDY = "mdy"  # 12/31/2024 (United States)


@dataclass(frozen=True, slots=True)
class DateColumn:
    order: DateOrder  # the order to pass to parse_date for this column
    ambiguous: bool  # no value decided between DMY and MDY: `order` is the default
    mixed: bool = False  # values that only read day-first *and* values that only read month-first

    @property
    def warning(self) -> str | None:
        """One sentence for the preview when the order was guessed, else None."""
        first = "day first (31/12/2024)" if self.order is DateOrder.DMY \
            else "month first (12/31/2024)"
        if self.mixed:
            return ("Some dates are written day first and others month first; "
                    f"dates that could be either were read {first}.")
        if self.ambiguous:
            return ("No date shows whether the day or the month comes first; "
                    f"they were read {first}.")
        return None


_MONTHS = {
    name: number
    for number, names in enumerate((
        "january jan enero ene", "february feb febrero", "march mar marzo",
        "april apr abril abr", "may mayo", "june jun junio", "july jul julio",
        "august aug agosto ago", "september sep sept septiembre setiembre set",
        "october oct octubre", "november nov noviembre", "december dec diciembre dic",
    ), start=1)
    for name in names.split()
}
_NOISE = {
    "de", "del", "the", "of", "st", "nd", "rd", "th", "o", "er", "a", "el",
    "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur",
    "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun",
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
}
_TIME_TAIL = re.compile(
    r"(?i)(?:[ T]+|,\s*)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?\s?m\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\.?")
_YEAR_FIRST = re.compile(r"(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?")
_EXAMPLE = "type it like 2024-12-31"


def _year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else (2000 + year if year < 30 else 1900 + year)


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"{text!r} is not a real date; check the day and the month.") from None


def _long(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _strip_time(text: str) -> str:
    return _TIME_TAIL.sub("", " ".join(text.split())).strip()


def _vote(cell: Cell) -> str | None:
    """"dmy" or "mdy" when the value reads only one way, "either" when both, else None."""
    if not isinstance(cell, str):
        return None
    found = _NUMERIC.fullmatch(_strip_time(cell))
    if found is None:
        return None
    a, b = int(found.group(1)), int(found.group(3))
    if a > 12 and b <= 12:
        return "dmy"
    if b > 12 and a <= 12:
        return "mdy"
    if a == b or a > 12:
        return None
    return "dmy" if found.group(2) == "." else "either"  # dots are a day-first habit


def detect_date_order(cells: Iterable[Cell], default: DateOrder = DateOrder.DMY) -> DateColumn:
    """Decide how a column's numeric dates (3/4/2024) are to be read: from the
    values that can only be read one way (31/12 is day first, 12/31 month
    first; dotted dates are day first). When nothing decides but some values
    could be read both ways, the column is ambiguous and `default` is used."""
    votes = {"dmy": 0, "mdy": 0, "either": 0}
    for cell in cells:
        vote = _vote(cell)
        if vote:
            votes[vote] += 1
    dmy, mdy = votes["dmy"], votes["mdy"]
    if dmy and mdy:
        order = DateOrder.DMY if dmy > mdy else DateOrder.MDY if mdy > dmy else default
        return DateColumn(order, ambiguous=False, mixed=True)
    if dmy or mdy:
        return DateColumn(DateOrder.DMY if dmy else DateOrder.MDY, ambiguous=False)
    return DateColumn(default, ambiguous=votes["either"] > 0)


def _serial(value: float, shown: str) -> date:
    if not math.isfinite(value):
        raise CellError(f"{shown!r} is not a date; {_EXAMPLE}.")
    whole = math.floor(value)
    if whole == value and 19000101 <= whole <= 99991231:  # 20241231 typed as a number
        text = str(whole)
        return _make(shown, int(text[:4]), int(text[4:6]), int(text[6:]))
    if whole == value and 1900 <= whole <= 2100:
        raise CellError(f"{shown!r} is a year, not a date; type the whole date, "
                        f"like {whole}-12-31.")
    if not 1 <= whole <= 2958465:
        raise CellError(f"{shown!r} is not a date; {_EXAMPLE}.")
    if whole == 60:
        raise CellError(f"{shown!r} is Excel's 29 February 1900, a day that did not exist; "
                        f"{_EXAMPLE}.")
    return (date(1899, 12, 31) if whole < 60 else date(1899, 12, 30)) + timedelta(days=whole)


def _worded(text: str) -> date | None:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                     if not unicodedata.combining(c))
    tokens = re.findall(r"\d+|[^\W\d_]+", folded)
    months = [_MONTHS[t] for t in tokens if t in _MONTHS]
    numbers = [t for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit() and t not in _MONTHS and t not in _NOISE]
    if len(months) != 1 or len(numbers) != 2 or words:
        return None
    first, second = numbers
    if len(first) == 4 and len(second) <= 2:
        year, day = first, second
    elif len(first) <= 2:
        day, year = first, second
    else:
        return None
    if len(year) not in (2, 4):
        return None
    return _make(text, _year(year), months[0], int(day))


def _from_text(text: str, order: DateOrder) -> date:
    value = _strip_time(text)
    if value.isdigit():
        if len(value) in (5, 8):
            return _serial(int(value), text)
        raise CellError(f"{text!r} is not a date; {_EXAMPLE}.")
    found = _YEAR_FIRST.fullmatch(value)
    if found:
        return _make(text, int(found.group(1)), int(found.group(3)), int(found.group(4)))
    found = _NUMERIC.fullmatch(value)
    if found:
        a, b, year = int(found.group(1)), int(found.group(3)), _year(found.group(4))
        if a > 12 or b > 12 or a == b:  # only one reading (or an impossible one)
            return _make(text, year, b, a) if a > 12 else _make(text, year, a, b)
        if order is DateOrder.ISO and found.group(2) != ".":
            one, other = _make(text, year, b, a), _make(text, year, a, b)
            raise CellError(f"{text!r} could be {_long(one)} or {_long(other)}; {_EXAMPLE}.")
        day_first = order is not DateOrder.MDY or found.group(2) == "."
        return _make(text, year, b, a) if day_first else _make(text, year, a, b)
    worded = _worded(value)
    if worded is None:
        raise CellError(f"{text.strip()!r} is not a date; {_EXAMPLE}.")
    return worded


def parse_date(cell: Cell, order: DateOrder = DateOrder.ISO) -> date | None:
    """A date from a real date/datetime cell, an Excel serial number (1900 date
    system, with Excel's 1900-02-29 quirk), ISO text, 31/12/2024, 12/31/2024,
    31.12.2024, 2024/12/31, "3 Jan 2024", "Jan 3, 2024" or Spanish
    "3 de enero de 2024". A time after the date is ignored. Numeric dates that
    could be read both ways follow `order` (with ISO they are refused); a value
    that reads only one way is read that way whatever the order."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (bool, time, timedelta)):
        raise CellError(f"{str(cell)!r} is not a date; {_EXAMPLE}.")
    if isinstance(cell, (int, float)):
        return _serial(cell, format(cell, ".15g"))
    return _from_text(str(cell), order)
