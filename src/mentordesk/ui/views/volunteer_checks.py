"""The tables of a volunteer's page: the screening checklist (a state icon per line,
expiry warnings in the tooltip) and the employment history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QTableView, QWidget

from ...services.volunteer_pipeline import CheckLine
from ..models import RecordTableModel
from ..models import columns as col

STATE_TEXT = {"missing": "Missing", "pending": "Pending", "clear": "Clear",
              "flagged": "Flagged", "expired": "Expired"}
STATE_ICON = {"missing": QStyle.StandardPixmap.SP_MessageBoxQuestion,
              "pending": QStyle.StandardPixmap.SP_BrowserReload,
              "clear": QStyle.StandardPixmap.SP_DialogApplyButton,
              "flagged": QStyle.StandardPixmap.SP_MessageBoxCritical,
              "expired": QStyle.StandardPixmap.SP_MessageBoxCritical}


def _state(line: CheckLine) -> str:
    text = STATE_TEXT[line.state]
    return f"{text} — expires soon" if line.expiring else text


def _state_tip(today: Callable[[], date]) -> Callable[[CheckLine], str | None]:
    def tip(line: CheckLine) -> str | None:
        if line.expiring and line.expires_on is not None:
            days = (line.expires_on - today()).days
            return f"Expires on {col.format_date(line.expires_on)}, in {days} days: renew it."
        return {"missing": "No check of this type has been recorded.",
                "pending": "Requested; record the result and completion date when it is back.",
                "flagged": "The check was flagged; the volunteer cannot be matched.",
                "expired": "The check has expired; record a renewal."}.get(line.state)

    return tip


def check_columns(today: Callable[[], date]) -> list[col.Column]:
    return [
        col.text("check", "Check", lambda c: c.label + ("" if c.required else " (not required)")),
        col.text("state", "State", _state, tooltip=_state_tip(today)),
        col.date_column("requested", "Requested", lambda c: c.requested_on),
        col.date_column("completed", "Completed", lambda c: c.completed_on),
        col.date_column("expires", "Expires", lambda c: c.expires_on),
        col.text("result", "Result", lambda c: c.result.label if c.result else ""),
        col.text("provider", "Provider", lambda c: c.provider),
    ]


def employment_columns() -> list[col.Column]:
    return [
        col.text("company", "Company", lambda e: e.sponsor),
        col.text("branch", "Branch", lambda e: e.branch),
        col.Column("from", "From", lambda e: col.format_date(e.start_date) or "(not known)"),
        col.Column("to", "To", lambda e: col.format_date(e.end_date) or "today"),
    ]


class ChecklistModel(RecordTableModel):
    """The screening lines, with an icon for each state."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DecorationRole and index.isValid()
                and self.columns[index.column()].key == "state"
                and 0 <= index.row() < self.rowCount()):
            line: CheckLine = self.row_at(index.row())
            icon = (QStyle.StandardPixmap.SP_MessageBoxWarning if line.expiring
                    else STATE_ICON[line.state])
            return QApplication.style().standardIcon(icon)
        return super().data(index, role)


def detail_table(model: RecordTableModel, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    return table
