"""The timeline of one match: its sessions and support contacts, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ...domain.durations import format_duration
from . import columns as col
from .records import RecordTableModel

KIND_COLOURS = {"session": QColor("#2f80ed"), "contact": QColor("#e8833a")}
KIND_LABELS = {"session": "Session", "contact": "Support contact"}


def _dot(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class TimelineModel(RecordTableModel):
    """Sessions and support contacts of one match; the type column has a coloured dot."""

    def __init__(self, parent=None):
        super().__init__([
            col.date_column("date", "Date", lambda e: e.day),
            col.text("type", "Type", lambda e: KIND_LABELS[e.kind]),
            col.text("what", "How", lambda e: e.what),
            col.number("minutes", "Duration", lambda e: e.minutes, fmt=format_duration),
            col.text("outcome", "Outcome", lambda e: e.outcome),
            col.number("rating", "Rating", lambda e: e.rating, fmt=lambda r: f"{r}/5",
                       header_tip="Relationship rating from a support contact, 1 to 5"),
            col.text("notes", "Notes", lambda e: e.notes),
        ], parent)
        self._icons: dict[str, QIcon] = {}

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 1
                and 0 <= index.row() < self.rowCount()):
            kind = self.row_at(index.row()).kind
            if kind not in self._icons:
                self._icons[kind] = _dot(KIND_COLOURS[kind])
            return self._icons[kind]
        return super().data(index, role)
