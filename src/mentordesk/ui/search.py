"""The toolbar's search field: filters as you type, a moment after the last key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

SEARCH_DELAY_MS = 150  # long enough not to refilter on every key of a fast typist


class SearchField(QLineEdit):
    """Calls `on_search(text)` once typing pauses; Escape clears, Enter searches at once.

    A callback rather than a Python-emitted signal: see mentordesk.ui (PySide6 6.12).
    """

    def __init__(self, on_search: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._on_search = on_search
        self.setObjectName("search")
        self.setClearButtonEnabled(True)
        icon = QIcon.fromTheme(QIcon.ThemeIcon.EditFind)
        if not icon.isNull():
            self.addAction(icon, QLineEdit.ActionPosition.LeadingPosition)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textEdited.connect(lambda _: self._timer.start())
        self.textChanged.connect(self._cleared)
        self.returnPressed.connect(self.flush)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Search for what is typed now (no more waiting)."""
        self._timer.stop()
        self._on_search(self.text())

    def show_text(self, text: str) -> None:
        """Put a page's own search text back without searching again."""
        self._timer.stop()
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)

    def _cleared(self, text: str) -> None:
        if not text and not self.pending():  # the clear button or Escape: show all at once
            self._on_search("")
