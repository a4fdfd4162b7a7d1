"""Help → About: what MentorDesk is, its version and the database in use."""

from __future__ import annotations

import html
from importlib import metadata

from PySide6.QtWidgets import QMessageBox, QWidget


def app_version() -> str:
    try:
        return metadata.version("mentordesk")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "(development version)"


def show_about(parent: QWidget | None, database_label: str) -> None:
    QMessageBox.about(
        parent,
        "About MentorDesk",
        f"<h3>MentorDesk {html.escape(app_version())}</h3>"
        "<p>For coordinators of volunteer mentoring programmes: volunteers, young "
        "people, matches, sessions and reports in one place.</p>"
        f"<p>Database: {html.escape(database_label)}</p>",
    )
