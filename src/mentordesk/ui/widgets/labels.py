"""Headings: a label made bold (and larger) in one place, so every page's title matches."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

HEADING_SCALE = 1.35


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def heading(text: str, parent: QWidget, scale: float = HEADING_SCALE) -> QLabel:
    """A page's or window's title."""
    return bold(QLabel(text, parent), scale)
