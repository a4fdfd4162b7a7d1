"""Tables of the Events & training page: columns, and the small tables of the
learning-circles tab (a model, its proxy and a view, under a title with buttons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import EventKind
from ..models import RecordFilterProxy, RecordTableModel
from ..models import columns as col
from .table import RecordTableView

KIND_LABELS = {EventKind.PRE_MATCH_TRAINING: "Pre-match training"}


def kind_label(kind: EventKind) -> str:
    return KIND_LABELS.get(kind, kind.label)


def hours_text(minutes: int) -> str:
    return QLocale().toString(minutes / 60, "f", 1)


def event_columns() -> list[col.Column]:
    return [
        col.date_column("date", "Date", lambda r: r.event_date),
        col.Column("kind", "Kind", lambda r: kind_label(r.kind),
                   lambda r: list(EventKind).index(r.kind)),
        col.text("title", "Title", lambda r: r.title, tooltip=lambda r: r.topic or None),
        col.number("hours", "Hours", lambda r: r.duration_minutes, fmt=hours_text),
        col.number("attended", "Attended", lambda r: r.attended,
                   header_tip="Volunteers marked as attended"),
        col.text("circle", "Learning circle", lambda r: r.circle, visible=False),
        col.text("programme", "Programme", lambda r: r.programme, visible=False),
        col.text("topic", "Topic", lambda r: r.topic, visible=False),
        col.text("location", "Location", lambda r: r.location),
    ]


def circle_columns() -> list[col.Column]:
    return [
        col.text("name", "Circle", lambda r: r.name, tooltip=lambda r: r.topic or None),
        col.number("members", "Members", lambda r: r.members,
                   header_tip="Members today"),
        col.number("meetings", "Meetings", lambda r: r.meetings),
        col.date_column("last", "Last meeting", lambda r: r.last_meeting),
    ]


def member_columns() -> list[col.Column]:
    return [
        col.person("name", "Member", lambda r: r.first_name, lambda r: r.last_name),
        col.text("company", "Company", lambda r: r.sponsor,
                 header_tip="Where the member works today (or worked when they left)"),
        col.text("branch", "Branch", lambda r: r.branch),
        col.date_column("joined", "Joined", lambda r: r.joined_on),
        col.date_column("left", "Left", lambda r: r.left_on),
    ]


def meeting_columns() -> list[col.Column]:
    return [
        col.date_column("date", "Date", lambda r: r.event_date),
        col.number("hours", "Hours", lambda r: r.duration_minutes, fmt=hours_text),
        col.number("attended", "Attended", lambda r: r.attended),
        col.text("title", "Meeting", lambda r: r.title),
    ]


class SmallTable:
    """A model, its proxy and a view: one of the panel's three tables."""

    def __init__(self, parent: QWidget, name: str, columns: list[col.Column],
                 sort: tuple[str, Qt.SortOrder], stretch: str | None = None):
        self.model = RecordTableModel(columns, parent)
        self.proxy = RecordFilterProxy(parent)
        self.proxy.setSourceModel(self.model)
        self.view = RecordTableView(parent)
        self.view.setObjectName(name)
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.sortByColumn(self.model.column_index(sort[0]), sort[1])
        if stretch is not None:  # this column takes the room left, so nothing scrolls sideways
            header = self.view.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(self.model.column_index(stretch),
                                        QHeaderView.ResizeMode.Stretch)

    def current(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def set_rows(self, rows: list[Any], key: Callable[[Any], Any]) -> None:
        keep = self.current()
        self.model.set_rows(rows)
        if keep is not None:
            self.select(key, key(keep))
        self.view.resizeColumnsToContents()

    def select(self, key: Callable[[Any], Any], wanted: Any) -> None:
        for r, row in enumerate(self.model.rows()):
            if key(row) == wanted:
                self.view.selectRow(self.proxy.mapFromSource(self.model.index(r, 0)).row())
                return


def section(parent: QWidget, title: str, table: SmallTable,
             buttons: list[tuple[str, Callable[[], Any], str]]) -> QWidget:
    box = QWidget(parent)
    bar = QHBoxLayout()
    label = QLabel(title, box)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    bar.addWidget(label, 1)
    for text, slot, name in buttons:
        button = QPushButton(text, box)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False, slot=slot: slot())
        bar.addWidget(button)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addLayout(bar)
    layout.addWidget(table.view, 1)
    return box
