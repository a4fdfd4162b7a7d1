"""Help → About: what MentorDesk is, its version, the database in use and the licence."""

from __future__ import annotations

import html
from importlib import metadata

from PySide6.QtWidgets import QMessageBox, QWidget


def app_version() -> str:
    try:
        return metadata.version("mentordesk")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "(development version)"


def licence_line() -> str:
    """The licence the package declares, and the fonts' own."""
    try:
        licence = metadata.metadata("mentordesk").get("License") or "see the licence file"
    except metadata.PackageNotFoundError:
        licence = "see the licence file"
    return (f"Licence: {licence}. The Noto Sans fonts in reports are under the SIL Open "
            "Font License 1.1.")


def about_html(database_label: str) -> str:
    return (
        f"<h3>MentorDesk {html.escape(app_version())}</h3>"
        "<p>For coordinators of volunteer mentoring programmes: volunteers, young "
        "people, matches, sessions and reports in one place.</p>"
        f"<p>Database: {html.escape(database_label)}</p>"
        f"<p>{html.escape(licence_line())}</p>"
    )


def show_about(parent: QWidget | None, database_label: str) -> None:
    QMessageBox.about(parent, "About MentorDesk", about_html(database_label))
