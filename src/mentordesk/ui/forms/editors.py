"""The editors a record form is made of: one small class per kind of field
(the date editors are in forms/dates.py, FieldSpec and Editor in forms/spec.py).

Each maps one widget to one service value: value() and set_value(); nothing here
checks a value (the services do).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from .dates import LONG_DATE_FORMAT, DateEditor, DayEditor, date_edit
from .spec import Choices, Editor, FieldSpec

__all__ = ["LONG_DATE_FORMAT", "ChecksEditor", "ChoiceEditor", "Choices", "CountEditor",
           "DateEditor", "DayEditor", "Editor", "FieldSpec", "date_edit", "make_editor",
           "parse_whole_number"]

def parse_whole_number(text: str) -> int | str | None:
    """'1,200' (as the locale writes it) → 1200; '' → None; anything else as typed,
    so the service says what is wrong with it in its own words."""
    text = text.strip()
    if not text:
        return None
    for locale in (QLocale(), QLocale.c()):
        value, ok = locale.toInt(text)
        if ok:
            return value
    return text


class TextEditor(Editor):
    def __init__(self, spec: FieldSpec, parent: QWidget):
        self.widget = QLineEdit(parent)
        self.widget.setPlaceholderText(spec.placeholder)
        self.widget.setClearButtonEnabled(spec.kind == "tags")

    def value(self) -> str:
        return self.widget.text().strip()

    def set_value(self, value: Any) -> None:
        self.widget.setText("" if value is None else str(value))


class NotesEditor(Editor):
    def __init__(self, spec: FieldSpec, parent: QWidget):
        self.widget = QPlainTextEdit(parent)
        self.widget.setTabChangesFocus(True)
        self.widget.setPlaceholderText(spec.placeholder)
        self.widget.setFixedHeight(self.widget.fontMetrics().lineSpacing() * 4 + 12)

    def value(self) -> str:
        return self.widget.toPlainText().strip()

    def set_value(self, value: Any) -> None:
        self.widget.setPlainText(value or "")


class ChoiceEditor(Editor):
    def __init__(self, spec: FieldSpec, parent: QWidget):
        self.widget = QComboBox(parent)
        self.widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.none_label = spec.none_label
        self.set_choices(spec.choices)

    def set_choices(self, choices: Choices) -> None:
        """Replace the entries, keeping the chosen value when it is still offered."""
        current = self.value() if self.widget.count() else None
        self._values: list[Any] = []
        self.widget.blockSignals(True)
        self.widget.clear()
        if self.none_label is not None:
            self.widget.addItem(self.none_label, None)
            self._values.append(None)
        for label, value in choices:
            self.widget.addItem(label, value)  # the value as item data too: findData works
            self._values.append(value)
        self.widget.blockSignals(False)
        self._select(current)

    def value(self) -> Any:
        index = self.widget.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        """Choose `value`; one that is not offered stays, so saving never changes it silently."""
        if value is not None and value not in self._values:
            self.widget.addItem("(not in the list any more)")
            self._values.append(value)
        self._select(value)

    def _select(self, value: Any) -> None:
        index = self._values.index(value) if value in self._values else 0
        self.widget.setCurrentIndex(index if self._values else -1)


class ChecksEditor(Editor):
    """Several of the choices ticked, in two columns; the value lists them in their order."""

    def __init__(self, spec: FieldSpec, parent: QWidget):
        self.widget = QWidget(parent)
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes = [(QCheckBox(label, self.widget), value) for label, value in spec.choices]
        for i, (box, _) in enumerate(self.boxes):
            grid.addWidget(box, i // 2, i % 2)
        if self.boxes:
            self.widget.setFocusProxy(self.boxes[0][0])

    def value(self) -> list[Any]:
        return [value for box, value in self.boxes if box.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = list(value or ())
        for box, choice in self.boxes:
            box.setChecked(choice in chosen)


class CountEditor(TextEditor):
    """A whole number as the locale writes it ('1,200'); blank is no number."""

    def value(self) -> int | str | None:
        return parse_whole_number(self.widget.text())

    def set_value(self, value: Any) -> None:
        self.widget.setText("" if value is None else QLocale().toString(int(value)))


class CheckEditor(Editor):
    def __init__(self, spec: FieldSpec, parent: QWidget):
        self.widget = QCheckBox(spec.label, parent)

    def value(self) -> bool:
        return self.widget.isChecked()

    def set_value(self, value: Any) -> None:
        self.widget.setChecked(bool(value))


class SpinEditor(Editor):
    def __init__(self, spec: FieldSpec, parent: QWidget):
        self.widget = QSpinBox(parent)
        # The service says what is allowed; a form may narrow the range with the spec.
        self.widget.setRange(int(spec.minimum), int(spec.maximum))
        self.widget.setSingleStep(int(spec.step))
        self.widget.setSuffix(spec.suffix)

    def value(self) -> int:
        return self.widget.value()

    def set_value(self, value: Any) -> None:
        self.widget.setValue(int(value or 0))


class HoursEditor(Editor):
    """Minutes in the service, hours on screen (0.25 steps)."""

    def __init__(self, spec: FieldSpec, parent: QWidget):
        self.widget = QDoubleSpinBox(parent)
        self.widget.setDecimals(2)
        self.widget.setSingleStep(0.5)
        self.widget.setRange(-10_000, spec.maximum)
        self.widget.setSuffix(" h")

    def value(self) -> int:
        return round(self.widget.value() * 60)

    def set_value(self, value: Any) -> None:
        self.widget.setValue((value or 0) / 60)


EDITORS: dict[str, Callable[..., Editor]] = {
    "text": TextEditor, "tags": TextEditor, "multiline": NotesEditor, "choice": ChoiceEditor,
    "checks": ChecksEditor, "check": CheckEditor, "spin": SpinEditor, "count": CountEditor,
    "hours": HoursEditor,
}


def make_editor(spec: FieldSpec, parent: QWidget, today: Callable[[], date]) -> Editor:
    if spec.kind == "date":
        return DateEditor(spec, parent, today)
    if spec.kind == "day":
        return DayEditor(spec, parent, today)
    if spec.kind not in EDITORS:
        raise ValueError(f"unknown kind of field {spec.kind!r}")
    return EDITORS[spec.kind](spec, parent)
