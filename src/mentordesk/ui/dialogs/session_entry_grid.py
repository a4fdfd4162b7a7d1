"""The sign-in sheet's grid: Enter moves on, Match completes names, lists for the rest.

Typing on a cell starts editing it; Enter commits and opens the next cell (after
Notes, the first cell of a new line). The Match cell completes the labels of the
matches offered, without regard to case or accents ("jose" finds José).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from ...domain.enums import SessionMedium, SessionStatus
from ...domain.values import name_key
from ..models.session_entry import MATCH, MEDIUM, STATUS

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # a match's label with and without accents


class EntryDelegate(QStyledItemDelegate):
    """Enter commits and moves on; Match completes; Medium and Status are lists."""

    def __init__(self, labels: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self._editors: dict[int, QLineEdit] = {}  # completer list (by address) -> its editor
        self._finished: set[int] = set()  # editors committed and closing (by address)
        self._completions = QStandardItemModel(self)
        self._labels: dict[str, str] = {}  # search text -> label
        for label in labels:
            item = QStandardItem(label)
            search = f"{label}  {name_key(label)}"
            item.setData(search, SEARCH_ROLE)
            self._labels[search] = label
            self._completions.appendRow(item)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        column = index.column()
        if column in (MEDIUM, STATUS):
            box = QComboBox(parent)
            for member in (SessionMedium if column == MEDIUM else SessionStatus):
                box.addItem(member.label, member.value)
            return box
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if column == MATCH:
            completer = QCompleter(self._completions, editor)
            completer.setCompletionRole(SEARCH_ROLE)  # "jose" finds José
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setMaxVisibleItems(12)
            editor.setCompleter(completer)
            # The line edit gets the search text of the line picked: show its label instead.
            # Queued: the line edit connects its own handler again whenever it gets the focus.
            for signal in (completer.activated[str], completer.highlighted[str]):
                signal.connect(lambda text, e=editor: self._show_label(e, text),
                               Qt.ConnectionType.QueuedConnection)
            # With the list open, Enter reaches the list first: we take it there.
            popup = completer.popup()
            popup.installEventFilter(self)
            key = shiboken6.getCppPointer(popup)[0]
            self._editors[key] = editor
            editor.destroyed.connect(lambda _=None, k=key: self._editors.pop(k, None))
        return editor

    def _show_label(self, editor: QLineEdit, text: str) -> None:
        if shiboken6.isValid(editor) and text in self._labels:
            editor.setText(self._labels[text])

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            # An enum comes back from Qt as its plain string value.
            editor.setCurrentIndex(max(editor.findData(str(value) if value else None), 0))
        elif isinstance(editor, QLineEdit) and not editor.text():
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            model.setData(index, editor.text())

    def _finish(self, editor: QWidget) -> None:
        key = shiboken6.getCppPointer(editor)[0]
        if key in self._finished:
            return
        self._finished.add(key)
        editor.destroyed.connect(lambda _=None: self._finished.discard(key))
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)

    def _pick(self, popup: QAbstractItemView) -> None:
        """Enter in the completer's list: take the line chosen (if any), then move on."""
        editor = self._editors.get(shiboken6.getCppPointer(popup)[0])
        index = popup.currentIndex()
        if editor is not None and shiboken6.isValid(editor):
            if index.isValid():
                editor.setText(index.data(Qt.ItemDataRole.DisplayRole))
            self._finish(editor)
        popup.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        enter = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
            not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if isinstance(watched, QAbstractItemView):  # a completer's list, not an editor
            if enter:
                self._pick(watched)
            return enter
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) and (
                event.reason() in (Qt.FocusReason.PopupFocusReason,
                                   Qt.FocusReason.ActiveWindowFocusReason)
                or shiboken6.getCppPointer(watched)[0] in self._finished):
            return False  # a list or window opened (the cell stays open), or it is closing
        if enter:
            self._finish(watched)
            return True
        return super().eventFilter(watched, event)


class EntryGrid(QTableView):
    """Enter on a cell that is not being edited starts editing it (it never closes the dialog)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if self.currentIndex().isValid():
                self.edit(self.currentIndex())
            return
        super().keyPressEvent(event)
