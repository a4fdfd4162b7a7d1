"""Record forms built from field specs, with the services' messages shown inline.

A form only maps widgets to service fields and shows what the services say:
a ValidationError appears under its field (the sentence says how to fix it),
a RuleViolation, ConflictError or any other MentorDeskError above the fields.
No rule is checked here. Keyboard first: Tab follows the fields in order,
Enter (Ctrl+Enter in a notes box) saves, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import MentorDeskError, RuleViolation, ValidationError
from ..commands import CreateRecord, EditRecord, run_command
from .editors import (  # noqa: F401 (re-exported: forms import them from here)
    ChoiceEditor,
    Choices,
    DateEditor,
    Editor,
    FieldSpec,
    make_editor,
)


@dataclass(frozen=True)
class Section:
    title: str
    fields: Sequence[FieldSpec]
    wide: bool = False  # spans every column (notes)
    column: int | None = None


def enum_choices(enum_cls: Any) -> list[tuple[str, Any]]:
    return [(getattr(m, "label", str(m)), m) for m in enum_cls]


def error_colour(widget: QWidget) -> str:
    """Red that reads on the light and on the dark palette."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#b00020"


def same_value(a: Any, b: Any) -> bool:
    """Whether a field is unchanged ('' and None are the same empty value)."""
    return (a if a != "" else None) == (b if b != "" else None)


def field_changes(original: dict[str, Any], values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{field: (old, new)} for the fields whose value the user changed."""
    return {key: (original[key], value) for key, value in values.items()
            if not same_value(original[key], value)}


# --- the form ------------------------------------------------------------------------

class RecordForm(QDialog):
    """A dialog of fields; subclasses implement save() by calling services or commands.

    `saved` carries the record's ID after a successful save.
    """

    saved = Signal(int)

    def __init__(self, title: str, sections: Sequence[Section], *,
                 today: Callable[[], date] = date.today, columns: int = 2,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(type(self).__name__)
        self.editors: dict[str, Editor] = {}
        self.specs: dict[str, FieldSpec] = {}
        self._messages: dict[str, QLabel] = {}
        self._error_owner: dict[str, str] = {}
        self.record_id: int | None = None

        self.form_message = QLabel(self)
        self.form_message.setObjectName("formMessage")
        self.form_message.setWordWrap(True)
        self.form_message.setFrameShape(QFrame.Shape.StyledPanel)
        self.form_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form_message.setStyleSheet(
            f"QLabel#formMessage {{ color: {error_colour(self)}; padding: 6px; }}")
        self.form_message.hide()

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        placed = [0] * columns
        for number, section in enumerate(sections):
            box = self._section(section, today)
            if section.wide:
                row = max(placed)
                grid.addWidget(box, row, 0, 1, columns)
                placed = [row + 1] * columns
            else:
                column = section.column if section.column is not None else number % columns
                grid.addWidget(box, placed[column], column)
                placed[column] += 1
        for column in range(columns):
            grid.setColumnStretch(column, 1)
            grid.setColumnMinimumWidth(column, self.fontMetrics().averageCharWidth() * 50)
        grid.setRowStretch(max(placed), 1)

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

    def _section(self, section: Section, today: Callable[[], date]) -> QGroupBox:
        box = QGroupBox(section.title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in section.fields:
            editor = make_editor(spec, box, today)
            if spec.tip:
                editor.widget.setToolTip(spec.tip)
            editor.widget.setObjectName(spec.key)
            cell = QWidget(box)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor.widget)
            message = QLabel(cell)
            message.setObjectName(f"{spec.key}Error")
            message.setWordWrap(True)
            message.setStyleSheet(f"color: {error_colour(self)};")
            message.hide()
            column.addWidget(message)
            if spec.kind == "check":
                form.addRow("", cell)
            else:
                label = QLabel(f"{spec.label}:", box)
                label.setBuddy(editor.widget)
                form.addRow(label, cell)
            self.editors[spec.key] = editor
            self.specs[spec.key] = spec
            self._messages[spec.key] = message
            for name in (spec.key, *spec.errors):
                self._error_owner[name] = spec.key
        return box

    # --- values ----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {key: editor.value() for key, editor in self.editors.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key in self.editors:
                self.editors[key].set_value(value)

    def value(self, key: str) -> Any:
        return self.editors[key].value()

    def set_value(self, key: str, value: Any) -> None:
        self.editors[key].set_value(value)

    # --- messages --------------------------------------------------------------------

    def message(self, key: str) -> str:
        """The inline message under a field ('' when there is none)."""
        label = self._messages[key]
        return label.text() if not label.isHidden() else ""

    def form_text(self) -> str:
        return self.form_message.text() if not self.form_message.isHidden() else ""

    def clear_messages(self) -> None:
        for label in (*self._messages.values(), self.form_message):
            label.clear()
            label.setMinimumHeight(0)
            label.hide()

    def show_error(self, exc: MentorDeskError) -> None:
        owner = self._error_owner.get(getattr(exc, "field", None) or "")
        if isinstance(exc, ValidationError) and owner is not None:
            label = self._messages[owner]
            label.setText(str(exc))
            label.show()
            self.editors[owner].focus()
        else:
            text = str(exc)
            if isinstance(exc, RuleViolation) and len(exc.reasons) > 1:
                text = "\n".join(f"• {r}" for r in exc.reasons)
            self.form_message.setText(text)
            self.form_message.show()
        self._grow()

    def _grow(self) -> None:
        """Make room for a message that wraps onto more lines."""
        layout = self.layout()
        layout.activate()
        for label in (*self._messages.values(), self.form_message):
            if not label.isHidden():  # word-wrapped labels get the height their width needs
                label.setMinimumHeight(label.heightForWidth(max(label.width(), 120)))
        layout.invalidate()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        height = max(self.height(), needed, self.sizeHint().height())
        if height > self.height():
            self.resize(self.width(), height)

    # --- saving ----------------------------------------------------------------------

    def save(self) -> int | None:
        """Write through the services (or push commands); return the record's ID."""
        raise NotImplementedError

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
            record_id = self.save()
        except MentorDeskError as exc:
            self.show_error(exc)
            return
        if record_id is not None:
            self.record_id = record_id
            self.saved.emit(record_id)
        super().accept()
