"""The body of every form: fields from specs, each with its inline message.

FieldsMixin builds the sections of FieldSpecs into a grid (group boxes, or bare
fields for a one-section form), maps editors to values, and shows what the
services say: a ValidationError under its field (the sentence says how to fix
it), a RuleViolation, ConflictError or any other MentorDeskError above the
fields. RecordForm (forms/base.py) is a dialog of these; FieldsPanel is the same
body inside another window (Edit → Organisation settings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import MentorDeskError, RuleViolation, ValidationError
from .editors import Editor, FieldSpec, make_editor
from .messages import error_colour, quiet_label


@dataclass(frozen=True)
class Section:
    title: str  # "" for a form of one section: no frame around its fields
    fields: Sequence[FieldSpec]
    wide: bool = False  # spans every column (notes)
    column: int | None = None


def enum_choices(enum_cls: Any) -> list[tuple[str, Any]]:
    return [(getattr(m, "label", str(m)), m) for m in enum_cls]


def same_value(a: Any, b: Any) -> bool:
    """Whether a field is unchanged ('' and None are the same empty value)."""
    return (a if a != "" else None) == (b if b != "" else None)


def field_changes(original: dict[str, Any], values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{field: (old, new)} for the fields whose value the user changed."""
    return {key: (original[key], value) for key, value in values.items()
            if not same_value(original[key], value)}


class FieldsMixin:
    """For a QWidget: `_build_fields(sections)` makes the message line and the grid."""

    editors: dict[str, Editor]
    specs: dict[str, FieldSpec]
    form_message: QLabel

    def _build_fields(self, sections: Sequence[Section], today: Callable[[], date],
                      columns: int) -> QGridLayout:
        self.editors, self.specs = {}, {}
        self._messages: dict[str, QLabel] = {}
        self._error_owner: dict[str, str] = {}
        self.form_message = QLabel(self)
        self.form_message.setObjectName("formMessage")
        self.form_message.setWordWrap(True)
        self.form_message.setFrameShape(QFrame.Shape.StyledPanel)
        self.form_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form_message.setStyleSheet(
            f"QLabel#formMessage {{ color: {error_colour(self).name()}; padding: 6px; }}")
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
        return grid

    def _section(self, section: Section, today: Callable[[], date]) -> QWidget:
        box = QGroupBox(section.title, self) if section.title else QWidget(self)
        form = QFormLayout(box)
        if not section.title:
            form.setContentsMargins(0, 0, 0, 0)
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
            message.setStyleSheet(f"color: {error_colour(self).name()};")
            message.hide()
            column.addWidget(message)
            if spec.hint:
                column.addWidget(quiet_label(spec.hint, cell))
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

    def error_text(self, key: str | None = None) -> str:
        """The message under a field, or (no key) the one above the fields."""
        return self.message(key) if key else self.form_text()

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
        """Make room for a message that wraps onto more lines (the window grows)."""
        top = self.window()
        layout = top.layout()
        if layout is None:
            return
        layout.activate()
        for label in (*self._messages.values(), self.form_message):
            if not label.isHidden():  # word-wrapped labels get the height their width needs
                label.setMinimumHeight(label.heightForWidth(max(label.width(), 120)))
        layout.invalidate()
        layout.activate()
        needed = layout.totalHeightForWidth(top.width()) if layout.hasHeightForWidth() else -1
        height = max(top.height(), needed, top.sizeHint().height())
        if height > top.height():
            top.resize(top.width(), height)


class FieldsPanel(FieldsMixin, QWidget):
    """The fields of a form inside another window (no buttons of its own)."""

    def __init__(self, sections: Sequence[Section], *, today: Callable[[], date] = date.today,
                 columns: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        grid = self._build_fields(sections, today, columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_message)
        layout.addLayout(grid, 1)
