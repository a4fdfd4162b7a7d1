"""Small forms for a sponsor company and its branches, with inline messages.

Both are RecordForms (the one form base) whose Save hands the values to
`submit`, which calls a service; a ValidationError's sentence appears under
the field it names and the dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ..forms.base import FieldSpec, RecordForm, Section, Submit
from ..forms.editors import parse_whole_number  # noqa: F401 (re-exported)

__all__ = ["BranchForm", "CompanyForm", "SubmitForm", "parse_whole_number"]


class SubmitForm(RecordForm):
    """A one-section form of `fields`, filled from `values`, saved through `submit`."""

    def __init__(self, title: str, fields: list[FieldSpec], submit: Submit,
                 values: Mapping[str, Any] | None = None, parent: QWidget | None = None,
                 **kw: Any):
        super().__init__(title, [Section("", fields)], submit=submit, columns=1,
                         parent=parent, **kw)
        self.set_values(dict(values or {}))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.editors[fields[0].key].focus()


class CompanyForm(SubmitForm):
    """A sponsor company: name and contact person."""

    def __init__(self, submit: Submit, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None):
        f = FieldSpec
        super().__init__("Edit company" if values else "New company", [
            f("name", "Company name"),
            f("contact_name", "Contact person"),
            f("contact_email", "Email", placeholder="name@company.example"),
            f("contact_phone", "Phone"),
        ], submit, values, parent)


class BranchForm(SubmitForm):
    """A branch (office) of a company, with the headcount for participation rates."""

    def __init__(self, company: str, submit: Submit, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None):
        f = FieldSpec
        title = "Edit branch" if values else "Add branch"
        super().__init__(f"{title} — {company}", [
            f("name", "Branch name", placeholder="Head office"),
            f("city", "City"),
            f("headcount", "Headcount", "count", placeholder="employees at this branch",
              hint="Participation rate = the branch's volunteers ÷ this headcount."),
        ], submit, values, parent)
