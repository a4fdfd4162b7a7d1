"""Small forms for a sponsor company and its branches, with inline messages.

FormDialog is the shape both (and the event forms) share: OK hands the values to
`submit`, which calls a service; a ValidationError's sentence appears under the
field it names and the dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import MentorDeskError, ValidationError

Submit = Callable[[dict[str, Any]], Any]


def error_colour(widget: QWidget) -> QColor:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b00020")


def _message_label(parent: QWidget, name: str) -> QLabel:
    """One sentence, unwrapped: the dialog widens to show it (wrapped labels in a form
    would not get their height and could cover the next field)."""
    label = QLabel(parent)
    label.setObjectName(name)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_colour(label))
    label.setPalette(palette)
    label.hide()
    return label


class FormDialog(QDialog):
    """A form whose Save runs `submit(values())`; refusals show beside their field."""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None,
                 save_text: str = "Save"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.result_value: Any = None
        self.editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = _message_label(self, "formError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(save_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        # The dialog grows when a message appears, never hiding it or the buttons.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    def add_field(self, key: str, label: str, editor: QWidget, hint: str = "") -> QWidget:
        """A row: the editor, then (hidden until needed) its message, then a quiet hint."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = _message_label(box, f"{key}Error")
        column.addWidget(error)
        editor.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        if hint:
            note = QLabel(hint, box)
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            column.addWidget(note)
        self.form.addRow(label, box)
        self.form.labelForField(box).setBuddy(editor)
        editor.setObjectName(key)
        self.editors[key] = editor
        self._errors[key] = error
        return editor

    # --- what subclasses say ----------------------------------------------------------

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    # --- messages ------------------------------------------------------------------------

    def error_text(self, key: str | None = None) -> str:
        label = self._errors.get(key) if key else self.general_error
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        for label in (*self._errors.values(), self.general_error):
            label.clear()
            label.hide()

    def show_error(self, key: str | None, message: str) -> None:
        label = self._errors.get(key) if key else None
        (label or self.general_error).setText(message)
        (label or self.general_error).show()
        editor = self.editors.get(key) if key else None
        if editor is not None:
            editor.setFocus()

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.result_value = self._submit(self.values())
        except ValidationError as exc:
            self.show_error(exc.field, str(exc))
            return
        except MentorDeskError as exc:
            self.show_error(None, str(exc))
            return
        super().accept()


def line_edit(parent: QWidget, text: str | None = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text or "", parent)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


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


class CompanyForm(FormDialog):
    """A sponsor company: name and contact person."""

    def __init__(self, submit: Submit, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None):
        values = values or {}
        super().__init__("Edit company" if values else "New company", submit, parent)
        self.add_field("name", "Company &name:", line_edit(self, values.get("name")))
        self.add_field("contact_name", "&Contact person:",
                       line_edit(self, values.get("contact_name")))
        self.add_field("contact_email", "&Email:",
                       line_edit(self, values.get("contact_email"), "name@company.example"))
        self.add_field("contact_phone", "&Phone:", line_edit(self, values.get("contact_phone")))

    def values(self) -> dict[str, Any]:
        return {key: editor.text() for key, editor in self.editors.items()}


class BranchForm(FormDialog):
    """A branch (office) of a company, with the headcount for participation rates."""

    def __init__(self, company: str, submit: Submit, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None):
        values = values or {}
        title = "Edit branch" if values else "Add branch"
        super().__init__(f"{title} — {company}", submit, parent)
        self.add_field("name", "Branch &name:", line_edit(self, values.get("name"), "Head office"))
        self.add_field("city", "&City:", line_edit(self, values.get("city")))
        headcount = values.get("headcount")
        self.add_field(
            "headcount", "&Headcount:",
            line_edit(self, "" if headcount is None else QLocale().toString(headcount),
                      "employees at this branch"),
            hint="Participation rate = the branch's volunteers ÷ this headcount.")

    def values(self) -> dict[str, Any]:
        return {
            "name": self.editors["name"].text(),
            "city": self.editors["city"].text(),
            "headcount": parse_whole_number(self.editors["headcount"].text()),
        }
