"""Open a shared database by its URL: a one-field form that checks the URL as typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ...domain.errors import DatabaseError, ValidationError
from ..database_files import check_database_url
from ..forms.base import FieldSpec
from .sponsor_form import SubmitForm


class DatabaseUrlDialog(SubmitForm):
    """`chosen` carries the URL once it is one MentorDesk understands."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Open database URL", [
            FieldSpec("url", "Database URL", placeholder="postgresql+psycopg://user@host/dbname",
                      hint="A PostgreSQL database several coordinators share. Recent "
                           "databases remember the URL without its password."),
        ], self._check, parent=parent)
        self.save_button.setText("Open")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _check(self, values: dict[str, Any]) -> str:
        try:
            url = check_database_url(values["url"])
        except DatabaseError as exc:
            raise ValidationError(str(exc), "url") from None
        self.chosen.emit(url)
        return url
