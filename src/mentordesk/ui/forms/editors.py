"""The editors a record form is made of: one small class per kind of field.

Each maps one widget to one service value: value() and set_value(); nothing here
checks a value (the services do).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ..models.columns import short_date_format

Choices = Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class FieldSpec:
    """One form field: `key` is the service's field name (errors name it too).

    kind: text, tags, multiline, date, choice, check, spin, hours (minutes shown in hours).
    errors: other field names the services may use for this field ("since", "branch_id").
    """

    key: str
    label: str
    kind: str = "text"
    choices: Choices = ()
    none_label: str | None = None  # a choice meaning "none" (value None)
    placeholder: str = ""
    tip: str = ""
    maximum: float = 100_000
    errors: tuple[str, ...] = ()


class Editor:
    widget: QWidget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)


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


class DateEditor(Editor):
    """A date or no date: the box in front says whether there is one."""

    NO_DATE = QDate(1900, 1, 1)

    def __init__(self, spec: FieldSpec, parent: QWidget, today: Callable[[], date]):
        self._today = today
        self.widget = QWidget(parent)
        self.has_date = QCheckBox(self.widget)
        self.has_date.setToolTip("Untick for no date")
        self.edit = QDateEdit(self.widget)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(short_date_format())
        self.edit.setMinimumDate(self.NO_DATE)
        self.edit.setSpecialValueText(spec.none_label or "No date")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 48)
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.has_date)
        layout.addWidget(self.edit, 1)
        self.widget.setFocusProxy(self.has_date)
        self._last = today()
        self.has_date.toggled.connect(self._toggled)
        self.set_value(None)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on:
            if self.edit.date() == self.NO_DATE:
                self.edit.setDate(QDate(self._last.year, self._last.month, self._last.day))
        else:
            if self.edit.date() != self.NO_DATE:
                self._last = self.edit.date().toPython()
            self.edit.setDate(self.NO_DATE)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.has_date.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.has_date.setChecked(False)
            self._toggled(False)
        else:
            self.edit.setDate(QDate(value.year, value.month, value.day))
            self.has_date.setChecked(True)
            self._toggled(True)


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
            self.widget.addItem(self.none_label)
            self._values.append(None)
        for label, value in choices:
            self.widget.addItem(label)
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
        self.widget.setRange(-1_000_000, int(spec.maximum))  # the service says what is allowed

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


def make_editor(spec: FieldSpec, parent: QWidget, today: Callable[[], date]) -> Editor:
    if spec.kind in ("text", "tags"):
        return TextEditor(spec, parent)
    if spec.kind == "multiline":
        return NotesEditor(spec, parent)
    if spec.kind == "date":
        return DateEditor(spec, parent, today)
    if spec.kind == "choice":
        return ChoiceEditor(spec, parent)
    if spec.kind == "check":
        return CheckEditor(spec, parent)
    if spec.kind == "spin":
        return SpinEditor(spec, parent)
    if spec.kind == "hours":
        return HoursEditor(spec, parent)
    raise ValueError(f"unknown kind of field {spec.kind!r}")
