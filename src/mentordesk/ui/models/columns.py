"""Column specs for record tables: what a column shows, how it sorts, how it aligns.

A `Column` turns one plain row (a service dataclass) into display text and a raw
sort value. The helpers below build the usual kinds so pages stay declarative:
text sorts accent- and case-insensitively, dates sort as dates, numbers as numbers,
statuses in their pipeline order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt

from ...domain.values import name_key

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """One table column over rows of some dataclass.

    key: stable identifier (saved header state and tests refer to it).
    display: the text shown; sort_value: the raw value sorted on (None sorts last);
    tooltip: optional per-cell tooltip; visible: shown until the user says otherwise.
    """

    key: str
    header: str
    display: Callable[[Any], str]
    sort_value: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[Any], str | None] | None = None
    header_tip: str | None = None
    visible: bool = True

    def sort_key(self, row: Any) -> Any:
        if self.sort_value is not None:
            return self.sort_value(row)
        text = self.display(row)
        return name_key(text) if text else None


def short_date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format, always with a four-digit year (01/02/12 misleads).

    The C locale (no LANG set) has no convention of its own: ISO 8601 is unambiguous.
    """
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    locale = locale or QLocale()
    return locale.toString(QDate(value.year, value.month, value.day), short_date_format(locale))


def natural_key(text: str | None) -> tuple | None:
    """'Y-10' after 'Y-9': digits compare as numbers, letters without case or accents."""
    if not text:
        return None
    parts = re.split(r"(\d+)", name_key(text))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def text(key: str, header: str, get: Callable[[Any], str | None], **kw: Any) -> Column:
    return Column(key, header, lambda r: get(r) or "", **kw)


def person(key: str, header: str, first: Callable[[Any], str], last: Callable[[Any], str],
           **kw: Any) -> Column:
    """'First Last', sorted by last name then first name."""
    return Column(
        key, header,
        display=lambda r: f"{first(r)} {last(r)}".strip(),
        sort_value=lambda r: (name_key(last(r)), name_key(first(r))),
        **kw,
    )


def identifier(key: str, header: str, get: Callable[[Any], str | int | None], **kw: Any) -> Column:
    """Record numbers sort as numbers, references like 'Y-0012' naturally."""

    def sort(row: Any) -> Any:
        value = get(row)
        return value if isinstance(value, int) else natural_key(value)

    return Column(key, header, lambda r: "" if get(r) is None else str(get(r)), sort, **kw)


def date_column(key: str, header: str, get: Callable[[Any], date | None],
                locale: QLocale | None = None, **kw: Any) -> Column:
    kw.setdefault("align", RIGHT)
    return Column(key, header, lambda r: format_date(get(r), locale), get, **kw)


def number(key: str, header: str, get: Callable[[Any], float | int | None],
           fmt: Callable[[float | int], str] | None = None, **kw: Any) -> Column:
    def show(row: Any) -> str:
        value = get(row)
        if value is None:
            return ""
        return fmt(value) if fmt else QLocale().toString(value)

    kw.setdefault("align", RIGHT)
    return Column(key, header, show, get, **kw)


def yes_no(key: str, header: str, get: Callable[[Any], bool], yes: str = "Yes", no: str = "",
           **kw: Any) -> Column:
    return Column(key, header, lambda r: yes if get(r) else no, lambda r: bool(get(r)), **kw)


def enum_label(key: str, header: str, get: Callable[[Any], Enum | None], **kw: Any) -> Column:
    """An enum's label, sorted in declaration order (the pipeline, not the alphabet)."""

    def sort(row: Any) -> int | None:
        value = get(row)
        return None if value is None else list(type(value)).index(value)

    def show(row: Any) -> str:
        value = get(row)
        return "" if value is None else getattr(value, "label", str(value))

    return Column(key, header, show, sort, **kw)
