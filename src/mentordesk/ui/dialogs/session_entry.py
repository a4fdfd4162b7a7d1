"""Fast session entry: type a week's sign-in sheet in one grid, save it in one go.

Keyboard first: typing on a cell starts editing it, Enter moves to the next cell
(after Notes, to a new line), the Match cell completes names of running matches.
"Save N sessions" stores every line in one transaction (SessionService.log_many)
and puts one command on the undo stack, whose undo removes exactly those sessions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import MentorDeskError
from ...services.sessions import EntryError, SessionEntry, SessionService
from ..context import PageContext
from ..models.session_entry import COLUMNS, MATCH, MEDIUM, STATUS, EntryGridModel
from .session_entry_grid import EntryDelegate, EntryGrid

log = logging.getLogger(__name__)
HINT = ("One line per session. Enter moves to the next cell, and after Notes to a new line. "
        "Durations: 90, 1:30, 1.5h or 1h 30m.")


class LogSessionsCommand(QUndoCommand):
    """Undo removes exactly the sessions logged; redo logs the same lines again."""

    def __init__(self, service: SessionService, entries: Sequence[SessionEntry],
                 session_ids: Sequence[int], on_change: Callable[[], None] | None = None,
                 on_error: Callable[[MentorDeskError], None] | None = None):
        n = len(entries)
        super().__init__(f"Log {n} session" + ("" if n == 1 else "s"))
        self.service, self.entries = service, list(entries)
        self.session_ids = list(session_ids)
        self._on_change, self._on_error = on_change, on_error
        self._done = True  # pushed after the sessions were saved: the first redo is a no-op

    def redo(self) -> None:
        if self._done:
            return
        self._apply(lambda: setattr(self, "session_ids",
                                    [s.id for s in self.service.log_many(self.entries)]))
        self._done = True

    def undo(self) -> None:
        self._apply(lambda: self.service.remove_many(self.session_ids))
        self._done = False

    def _apply(self, change: Callable[[], None]) -> None:
        try:
            change()
        except MentorDeskError as exc:  # e.g. someone edited a session meanwhile
            self.setObsolete(True)  # the stack drops this command: it cannot be replayed
            log.warning("%s could not be undone or redone: %s", self.text(), exc)
            if self._on_error:
                self._on_error(exc)
        if self._on_change:
            self._on_change()


class SessionEntryDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None, *,
                 on_saved: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setObjectName("sessionEntry")
        self.setWindowTitle("Log sessions")
        self.context, self._on_saved = context, on_saved
        service = context.services.sessions
        self.model = EntryGridModel(service.match_choices(context.today()), service.check_entry,
                                    context.today, self)
        self.grid = EntryGrid(self)
        self.grid.setObjectName("entryGrid")
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(EntryDelegate([c.label for c in self.model.choices()],
                                                 self.grid))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setTabKeyNavigation(True)
        self.grid.setWordWrap(False)
        header = self.grid.horizontalHeader()
        header.setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in ((MATCH, 60), (1, 14), (2, 11), (MEDIUM, 12), (STATUS, 12)):
            header.resizeSection(column, char * chars)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.message = QLabel(self, objectName="entryMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self, objectName="saveSessions")
        self.save_button.clicked.connect(self.save)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        for button in (self.save_button, close):
            button.setAutoDefault(False)  # Enter belongs to the grid
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self._layout(close)
        self.model.dataChanged.connect(self._refresh)
        self.model.modelReset.connect(self._refresh)
        self.grid.selectionModel().currentChanged.connect(self._refresh)
        self.grid.setCurrentIndex(self.model.index(0, MATCH))
        self.resize(char * 170, self.fontMetrics().height() * 34)
        self._refresh()

    def _layout(self, close: QPushButton) -> None:
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)

    def _refresh(self, *_: object) -> None:
        n = len(self.model.filled())
        self.save_button.setText(f"&Save {n} session" + ("" if n == 1 else "s"))
        self.save_button.setEnabled(n > 0)
        current = self.grid.currentIndex()
        error = self.model.error_at(current.row(), current.column()) if current.isValid() \
            else None
        problems = self.model.errors()
        if error:
            text = f"Line {current.row() + 1}, {COLUMNS[current.column()][1]}: {error}"
        elif problems:
            row, column, first = problems[0]
            lines = len({p[0] for p in problems})
            text = (f"{lines} line{'s' if lines > 1 else ''} to fix before saving. "
                    f"Line {row + 1}, {COLUMNS[column][1]}: {first}")
        else:
            text = ""
        self.message.setText(text)

    def save(self) -> bool:
        """Store every filled line in one transaction; False (and why) if something is wrong."""
        editor = self.grid.indexWidget(self.grid.currentIndex())
        if editor is not None:  # Ctrl+S while typing: keep what is in the open cell
            self.grid.commitData(editor)
            self.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        problems = self.model.errors()
        if problems:
            row, column, _ = problems[0]
            self.grid.setCurrentIndex(self.model.index(row, column))
            self._refresh()
            return False
        lines = self.model.entries()
        if not lines:
            return False
        service = self.context.services.sessions
        try:
            saved = service.log_many([entry for _, entry in lines])
        except EntryError as exc:  # the matches changed since the grid was checked
            self.model.set_choices(service.match_choices(self.context.today()))
            row = lines[exc.index][0]
            found = [p for p in self.model.errors() if p[0] == row]
            column = found[0][1] if found else self.model.mark_error(
                row, getattr(exc.error, "field", None), str(exc.error))
            self.grid.setCurrentIndex(self.model.index(row, column))
            self._refresh()
            return False
        except MentorDeskError as exc:
            self.message.setText(str(exc))
            return False
        command = LogSessionsCommand(service, [e for _, e in lines], [s.id for s in saved],
                                     on_change=self._on_saved)
        self.context.undo.push(command)
        if self._on_saved:
            self._on_saved()
        self.model.clear()
        self.accept()
        return True
