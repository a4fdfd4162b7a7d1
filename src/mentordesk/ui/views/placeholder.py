"""An honest panel for pages that are not built yet, with a way to where the work is."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class PlaceholderPage(QWidget):
    """A framed note: what will be here, when, and buttons to the pages that work today."""

    def __init__(
        self,
        *,
        key: str,
        title: str,
        message: str,
        detail: str,
        links: Sequence[tuple[str, Callable[[], None]]] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.key, self.title = key, title
        self.message = message

        panel = QFrame(self)
        panel.setObjectName(f"{key}Placeholder")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setBackgroundRole(QPalette.ColorRole.Base)
        panel.setAutoFillBackground(True)
        # A fixed width lets the wrapped texts take the height they need.
        panel.setFixedWidth(self.fontMetrics().averageCharWidth() * 76)

        icon = QLabel(panel)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize) * 3 // 2
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        heading = QLabel(title, panel)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        lead = QLabel(message, panel)
        lead.setObjectName("placeholderMessage")
        lead.setWordWrap(True)
        more = QLabel(detail, panel)
        more.setWordWrap(True)
        more.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        buttons = QHBoxLayout()
        for label, go in links:
            button = QPushButton(label, panel)
            button.clicked.connect(lambda _checked=False, go=go: go())
            buttons.addWidget(button)
        buttons.addStretch(1)

        text = QVBoxLayout()
        text.setSpacing(10)
        text.addWidget(heading)
        text.addWidget(lead)
        text.addWidget(more)
        text.addSpacing(6)
        text.addLayout(buttons)

        inside = QHBoxLayout(panel)
        inside.setContentsMargins(24, 24, 28, 24)
        inside.setSpacing(20)
        inside.addWidget(icon)
        inside.addLayout(text, 1)

        row = QHBoxLayout()  # stretches rather than alignment: wrapped labels keep their height
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)


SOON = "arrives with the desktop release — see Volunteers, Youth and Matches for now."

# key: (message, what the page will hold)
PLANNED: dict[str, tuple[str, str]] = {}
