"""The sign-in sheet grid: lines typed as text, understood and checked as you go.

Each cell keeps what was typed; the model turns it into a match, a date, minutes
(domain.durations) and asks SessionService.check_entry for the programme rules,
so a cell shows what is wrong and how to fix it before anything is saved. A
blank line always waits at the bottom; blank lines are never saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from ...domain.durations import format_duration, parse_duration
from ...domain.enums import SessionMedium, SessionStatus
from ...domain.errors import ValidationError
from ...domain.values import name_key
from ...services.sessions import MatchChoice, SessionEntry
from .columns import format_date, short_date_format

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
# (key, header, the SessionEntry / check_entry field it feeds)
COLUMNS = (("match", "Match", "match_id"), ("date", "Date", "session_date"),
           ("duration", "Duration", "duration_minutes"), ("medium", "Medium", "medium"),
           ("status", "Status", "status"), ("notes", "Notes", "notes"))
MATCH, DATE, DURATION, MEDIUM, STATUS, NOTES = range(len(COLUMNS))
FIELD_COLUMN = {f: i for i, (_, _, f) in enumerate(COLUMNS)}
CheckEntry = Callable[[SessionEntry, MatchChoice | None], dict[str, str]]


def parse_date_text(text: str, default: date, locale: QLocale | None = None) -> date:
    """A date as typed: ISO (2026-03-02), the locale's short form, or without the year."""
    typed = text.strip()
    if not typed:
        raise ValidationError("Enter the date of the session.", "session_date")
    try:
        return date.fromisoformat(typed)
    except ValueError:
        pass
    fmt = short_date_format(locale).replace("dd", "d").replace("MM", "M")
    day = QDate.fromString(typed, fmt)
    if not day.isValid():  # "3/2": the day and month, in the year of the default date
        no_year = fmt.replace("yyyy", "").strip("/-. ")
        day = QDate.fromString(typed, no_year)
        if day.isValid():
            day = QDate(default.year, day.month(), day.day())
    if not day.isValid():
        example = format_date(default, locale)
        raise ValidationError(f"{typed!r} is not a date; type it like {example}.", "session_date")
    return day.toPython()


def resolve_match(text: str, choices: Sequence[MatchChoice]) -> MatchChoice:
    """The match a cell names: its label, its number, or a part of the names that fits one."""
    typed = " ".join(text.split())
    if not typed:
        raise ValidationError("Choose the match: type part of the volunteer's or young "
                              "person's name and pick it from the list.", "match_id")
    for choice in choices:
        if choice.label == typed:
            return choice
    number = typed.lstrip("#")
    if number.isdigit():
        for choice in choices:
            if choice.id == int(number):
                return choice
    terms = name_key(typed).split()
    fits = [c for c in choices if all(t in name_key(c.label) for t in terms)]
    if len(fits) == 1:
        return fits[0]
    if not fits:
        raise ValidationError(f"No running match fits {typed!r}; type part of the volunteer's "
                              "or young person's name and pick it from the list.", "match_id")
    raise ValidationError(f"{len(fits)} matches fit {typed!r}; type more of a name or pick "
                          "one from the list.", "match_id")


@dataclass
class Line:
    texts: list[Any] = field(default_factory=lambda: ["", "", "", None, None, ""])
    errors: dict[int, str] = field(default_factory=dict)
    match: MatchChoice | None = None
    day: date | None = None
    minutes: int | None = None

    def blank(self) -> bool:
        return not any(t for i, t in enumerate(self.texts) if i not in (MEDIUM, STATUS))

    def entry(self) -> SessionEntry:
        return SessionEntry(self.match.id if self.match else 0, self.day or date.min,
                            self.minutes, self.texts[MEDIUM] or SessionMedium.IN_PERSON,
                            self.texts[STATUS] or SessionStatus.ATTENDED, self.texts[NOTES])


class EntryGridModel(QAbstractTableModel):
    def __init__(self, choices: Sequence[MatchChoice], check_entry: CheckEntry,
                 today: Callable[[], date], parent=None):
        super().__init__(parent)
        self._choices = list(choices)
        self._check = check_entry
        self._today = today
        self._lines: list[Line] = [Line()]

    def choices(self) -> list[MatchChoice]:
        return list(self._choices)

    def set_choices(self, choices: Sequence[MatchChoice]) -> None:
        """Matches as they are now (one may have closed meanwhile): check every line again."""
        self._choices = list(choices)
        for row in self.filled():
            self._check_line(row)
            self._changed(row)

    # --- lines ---------------------------------------------------------------

    def filled(self) -> list[int]:
        """Indexes of the lines that hold something (those that would be saved)."""
        return [i for i, line in enumerate(self._lines) if not line.blank()]

    def entries(self) -> list[tuple[int, SessionEntry]]:
        return [(i, self._lines[i].entry()) for i in self.filled()]

    def errors(self) -> list[tuple[int, int, str]]:
        """(line, column, message) of every cell that needs fixing, top to bottom."""
        return [(i, c, self._lines[i].errors[c]) for i in self.filled()
                for c in sorted(self._lines[i].errors)]

    def error_at(self, row: int, column: int) -> str | None:
        return self._lines[row].errors.get(column) if 0 <= row < len(self._lines) else None

    def mark_error(self, row: int, field_name: str | None, message: str) -> int:
        """Show an error the service found when saving; returns the column marked."""
        column = FIELD_COLUMN.get(field_name or "", MATCH)
        self._lines[row].errors[column] = message
        self._changed(row)
        return column

    def clear(self) -> None:
        self.beginResetModel()
        self._lines = [Line()]
        self.endResetModel()

    def _default_date(self, row: int) -> date:
        """The last date typed above this line, else today."""
        for line in reversed(self._lines[:row]):
            if line.day is not None:
                return line.day
        return self._today()

    def _check_line(self, row: int) -> None:
        line = self._lines[row]
        line.errors = {}
        if line.blank():
            return
        for column, parse in ((MATCH, lambda t: resolve_match(t, self._choices)),
                              (DATE, lambda t: parse_date_text(t, self._default_date(row))),
                              (DURATION, parse_duration)):
            try:
                value = parse(line.texts[column])
            except ValidationError as exc:
                value = None
                line.errors[column] = str(exc)
            setattr(line, {MATCH: "match", DATE: "day", DURATION: "minutes"}[column], value)
        if line.match is not None:
            line.texts[MATCH] = line.match.label
        if line.day is not None:
            line.texts[DATE] = format_date(line.day)
        if line.minutes is not None:
            line.texts[DURATION] = format_duration(line.minutes)
        for name, message in self._check(line.entry(), line.match).items():
            column = FIELD_COLUMN[name]
            if column not in line.errors and (column != MATCH or line.match is not None):
                line.errors[column] = message

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    # --- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._lines)
                                       and 0 <= index.column() < len(COLUMNS)):
            return None
        line, column = self._lines[index.row()], index.column()
        value = line.texts[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column in (MEDIUM, STATUS):
                return value.label if value is not None else ""
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value
        error = line.errors.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return error
        if role == Qt.ItemDataRole.DecorationRole and error:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.BackgroundRole and error:
            color = QColor(QApplication.palette().color(QPalette.ColorRole.Base))
            return color.darker(135) if color.lightness() < 128 else QColor(255, 224, 224)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        line = self._lines[row]
        if column in (MEDIUM, STATUS):
            enum_cls = SessionMedium if column == MEDIUM else SessionStatus
            value = enum_cls(value) if value else None
        else:
            value = "" if value is None else str(value).strip()
        if value == line.texts[column]:
            return False
        was_blank = line.blank()
        line.texts[column] = value
        if was_blank and not line.blank():
            if not line.texts[DATE]:
                line.texts[DATE] = format_date(self._default_date(row))
            line.texts[MEDIUM] = line.texts[MEDIUM] or SessionMedium.IN_PERSON
            line.texts[STATUS] = line.texts[STATUS] or SessionStatus.ATTENDED
        self._check_line(row)
        self._changed(row)
        if row == len(self._lines) - 1 and not line.blank():
            self.beginInsertRows(ROOT, len(self._lines), len(self._lines))
            self._lines.append(Line())
            self.endInsertRows()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self._lines) else None
