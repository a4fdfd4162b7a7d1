"""Volunteers ranked for a young person (the matching assistant) and why each scores so."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ...services.matching import Candidate
from . import columns as col
from .records import RecordTableModel


class CandidateModel(RecordTableModel):
    """Ranked volunteers; those who cannot be matched are greyed, their reasons in a tooltip."""

    def __init__(self, parent=None):
        super().__init__([
            col.Column("score", "Score", lambda c: str(c.score), lambda c: (c.eligible, c.score),
                       col.RIGHT, header_tip="0–100; volunteers who can be matched sort first"),
            col.text("name", "Volunteer", lambda c: c.name),
            col.text("city", "Lives in", lambda c: c.city),
            col.text("employer", "Company · branch", lambda c: c.employer),
            col.Column("ready", "Can be matched", lambda c: "Yes" if c.eligible else c.blockers[0],
                       lambda c: c.eligible, tooltip=lambda c: "\n".join(c.blockers) or None),
        ], parent)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and 0 <= index.row() < self.rowCount() and not self.row_at(index.row()).eligible):
            return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        return super().data(index, role)


def why_html(candidate: Candidate) -> str:
    """The explanation of one candidate's score, for the "Why" pane."""
    lines = "".join(
        f"<tr><td align='right' width='36'>{'+' if r.points > 0 else ''}{r.points or ''}</td>"
        f"<td>{escape(r.text)}</td></tr>" for r in candidate.why)
    facts = ", ".join(filter(None, (candidate.status.label, candidate.employer,
                                    f"lives in {candidate.city}" if candidate.city else None)))
    html = (f"<h3>{escape(candidate.name)}: {candidate.score} points</h3>"
            f"<p>{escape(facts)}</p><table cellspacing='4'>{lines}</table>")
    if candidate.blockers:
        items = "".join(f"<li>{escape(b)}</li>" for b in candidate.blockers)
        html += f"<p><b>Cannot be matched now:</b></p><ul>{items}</ul>"
    if candidate.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in candidate.warnings)
        html += f"<p><b>Note:</b></p><ul>{items}</ul>"
    return html


