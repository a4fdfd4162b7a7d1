"""Inline messages: the one error colour and the one error line every form and dialog uses."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget


def error_colour(widget: QWidget) -> QColor:
    """Red that reads on the light and on the dark palette (`.name()` for style sheets)."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b00020")


def error_label(parent: QWidget, name: str = "formError") -> QLabel:
    """One sentence in the error colour, word-wrapped, hidden while empty."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_colour(label))
    label.setPalette(palette)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show `message` on an error line ('' hides it)."""
    label.setText(message)
    label.setVisible(bool(message))


def quiet_label(text: str, parent: QWidget) -> QLabel:
    """A hint under a field, in the placeholder colour."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
