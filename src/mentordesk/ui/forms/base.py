"""The one form base: fields from specs, with the services' messages shown inline.

Every form in the app (records, screening checks, companies and branches,
events and circles, a database URL) is a RecordForm: the fields of
forms/fields.py in a dialog with Save and Cancel. A form only maps widgets to
service fields and shows what the services say; no rule is checked here.
Keyboard first: Tab follows the fields in order, Enter (Ctrl+Enter in a notes
box) saves, Esc cancels. A form saves either by its own save() (record forms)
or by a `submit(values)` callback it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ...domain.errors import MentorDeskError
from ..commands import CreateRecord, EditRecord, run_command
from .editors import (  # noqa: F401 (re-exported: forms import them from here)
    ChoiceEditor,
    Choices,
    DateEditor,
    Editor,
    FieldSpec,
    make_editor,
)
from .fields import (  # noqa: F401 (re-exported)
    FieldsMixin,
    FieldsPanel,
    Section,
    enum_choices,
    field_changes,
    same_value,
)
from .messages import error_colour  # noqa: F401 (re-exported)

Submit = Callable[[dict[str, Any]], Any]


class RecordForm(FieldsMixin, QDialog):
    """A dialog of fields; save() calls services or commands (or the `submit` callback).

    `saved` carries the record's ID after a successful save; `result_value` is
    whatever save() returned.
    """

    saved = Signal(int)

    def __init__(self, title: str, sections: Sequence[Section], *,
                 today: Callable[[], date] = date.today, columns: int = 2,
                 submit: Submit | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(type(self).__name__)
        self._submit = submit
        self.record_id: int | None = None
        self.result_value: Any = None
        grid = self._build_fields(sections, today, columns)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Enter)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form_message)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)

    # --- saving ----------------------------------------------------------------------

    def save(self) -> Any:
        """Write through the services (or push commands); return the record's ID.

        The default hands the values to the `submit` callback the form was given.
        """
        if self._submit is None:
            raise NotImplementedError
        return self._submit(self.values())

    def save_record(self, undo, service: Any, record_id: int | None, values: dict[str, Any],
                    original: dict[str, Any], version: int | None, noun: str, name: str,
                    ) -> int | None:
        """The usual save: create (undo archives) or edit the changed fields (undoable)."""
        if record_id is None:
            command = CreateRecord(service, values, text=f"New {noun} {name}",
                                   changed=self.changed)
            run_command(undo, command)
            return command.record_id
        changes = field_changes(original, values)
        if changes:
            run_command(undo, EditRecord(service, record_id, changes, version,
                                         text=f"Edit {noun} {name}", changed=self.changed))
        return record_id

    def accept(self) -> None:
        self.clear_messages()
        try:
            result = self.save()
        except MentorDeskError as exc:
            self.show_error(exc)
            return
        self.result_value = result
        if isinstance(result, int) and not isinstance(result, bool):
            self.record_id = result
            self.saved.emit(result)
        super().accept()
