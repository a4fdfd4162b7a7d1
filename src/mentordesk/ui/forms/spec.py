"""What a form field is (FieldSpec) and what every editor of one does (Editor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

Choices = Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class FieldSpec:
    """One form field: `key` is the service's field name (errors name it too).

    kind: text, tags, multiline, date (or none), day (always a date), choice, checks (several
    choices ticked), check, spin, count (a whole number as typed), hours (minutes in hours).
    errors: other field names the services may use for this field ("since", "branch_id").
    hint: a quiet line under the field.
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
    hint: str = ""
    minimum: float = -1_000_000
    step: float = 1
    suffix: str = ""


class Editor:
    widget: QWidget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)
