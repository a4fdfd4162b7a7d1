"""Headline figures: a tile per figure (large value, caption, detail), laid out in one
row or in rows of three (or two) when the window is narrow."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


class FigureTile(QFrame):
    """A headline figure: a large value, what it is, and a quieter line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.caption = caption
        self.value_label = QLabel("–", self)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.caption_label = QLabel(caption, self)
        self.detail_label = QLabel("", self)
        self.detail_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.detail_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        self.setAccessibleName(caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_figure(self, value: str, detail: str = "", tip: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setToolTip(tip)
        self.setAccessibleName(f"{self.caption}: {value}")
        self.setAccessibleDescription(" ".join(t for t in (detail, tip) if t))

    def value(self) -> str:
        return self.value_label.text()


class FigureTiles(QWidget):
    """Tiles in one row, or in rows of three (or two) when there is not the room."""

    def __init__(self, captions: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.tiles = [FigureTile(caption, self) for caption in captions]
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._columns = 0
        self._place(len(self.tiles))

    def columns(self) -> int:
        return self._columns

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for i, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, i // columns, i % columns)  # moves it
        for column in range(len(self.tiles)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refit(event.size().width())

    def refit(self, room: int | None = None) -> None:
        """Choose the arrangement for the width (call after the figures changed)."""
        space, room = self._grid.spacing(), self.width() if room is None else room
        widths = sorted((t.minimumSizeHint().width() for t in self.tiles), reverse=True)

        def fits(columns: int) -> bool:  # columns may differ in width; the widest decide
            return sum(widths[:columns]) + space * (columns - 1) <= room

        self._place(len(widths) if fits(len(widths)) else 3 if fits(3) else 2)

    def minimumSizeHint(self) -> QSize:  # rows of two at the narrowest
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 2 * max(t.minimumSizeHint().width()
                                               for t in self.tiles) + 8), hint.height())
