"""File → Export…: choices, the save dialog (patched), progress off the GUI thread,
Cancel, one-sentence errors and "Open the file"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from mentordesk.ui.dialogs import export_dialog
from mentordesk.ui.dialogs.export_dialog import ExportDialog, open_export_dialog
from tests.exporting.readback import assert_no_formula, records, sheet_names

from .conftest import OFFSCREEN_NOISE




@pytest.fixture
def dialog(qtbot, context):
    d = ExportDialog(context)
    qtbot.addWidget(d)
    d.show()
    return d


@pytest.fixture
def save_as(monkeypatch, tmp_path):
    """Patch the save dialog: it answers `target` (None: the user cancelled)."""
    chosen = {"path": tmp_path / "out.xlsx", "asked": []}

    def fake(parent, caption, suggested, filters):
        chosen["asked"].append((suggested, filters))
        return (str(chosen["path"]) if chosen["path"] else "", filters)

    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName", fake)
    return chosen


def choose(box, data) -> None:
    box.setCurrentIndex(box.findData(data))


def finish(qtbot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20_000)


def test_exports_a_roster_and_offers_to_open_it(qtbot, dialog, save_as, monkeypatch, services):
    choose(dialog.what, "volunteers")
    dialog.export_button.click()
    finish(qtbot, dialog)
    path = save_as["path"]
    assert dialog.error.text() == ""
    assert dialog.result.text().startswith("Wrote out.xlsx (5 volunteers)")
    assert [r["Last name"] for r in records(path, "Volunteers")] == [
        "Álvarez", "Brown", "Cole", "Smith", "Zimmer"]
    assert_no_formula(path)
    assert save_as["asked"][0][0].endswith(".xlsx") and "Volunteers" in save_as["asked"][0][0]
    opened = []
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url))
    assert dialog.open_button.isVisible()
    dialog.open_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [path]


def test_choices_follow_what_is_exported(dialog, services):
    choose(dialog.what, "sessions")
    assert [dialog.status.itemText(i) for i in range(dialog.status.count())] == [
        "Any status", "Attended", "Cancelled", "No show"]
    assert not dialog.privacy.isEnabled() and not dialog.branch.isEnabled()
    choose(dialog.sponsor, services.sponsors.find("Acme Ltd").id)
    assert dialog.branch.isEnabled() and dialog.branch.findText("North") > 0
    assert "no youth names" in dialog.note.text()
    choose(dialog.what, "all")
    assert not dialog.status.isEnabled() and dialog.privacy.isEnabled()
    assert dialog.format.currentData() == "xlsx" and not dialog.format.model().item(1).isEnabled()
    choose(dialog.what, "participation")
    assert dialog.use_period.isChecked() and not dialog.programme.isEnabled()


def test_a_youth_roster_for_a_sponsor_is_refused_in_one_sentence(qtbot, dialog, save_as, services):
    choose(dialog.what, "youth")
    choose(dialog.sponsor, services.sponsors.find("Acme Ltd").id)
    dialog.export_button.click()
    finish(qtbot, dialog)
    assert "sponsors never receive youth names or details" in dialog.error.text()
    assert not save_as["path"].exists() and not dialog.open_button.isVisible()


def test_participation_needs_a_sponsor_and_writes_the_workbook(qtbot, dialog, save_as, services):
    choose(dialog.what, "participation")
    dialog.export_button.click()
    assert dialog.error.text() == "Choose the sponsor whose participation workbook to write."
    assert save_as["asked"] == []
    choose(dialog.sponsor, services.sponsors.find("Acme Ltd").id)
    dialog.export_button.click()
    finish(qtbot, dialog)
    assert sheet_names(save_as["path"]) == ["Summary", "Branches", "About"]


def test_csv_gets_its_extension_and_the_save_dialog_can_be_cancelled(qtbot, dialog, save_as):
    choose(dialog.what, "youth")
    choose(dialog.format, "csv")
    save_as["path"] = None
    dialog.export_button.click()
    assert dialog.task is None and dialog.export_button.isEnabled()
    save_as["path"] = Path(save_as["asked"][0][0]).parent / "youth list"
    dialog.export_button.click()
    finish(qtbot, dialog)
    written = save_as["path"].with_name("youth list.csv")
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    written.unlink()


def test_cancel_leaves_the_previous_file(qtbot, dialog, save_as, services, monkeypatch):
    save_as["path"].write_bytes(b"previous")

    def cancelled(*args, progress, **kw):
        progress.cancel()
        progress.check()

    monkeypatch.setattr(services.exports, "roster", cancelled)
    dialog.export_button.click()
    finish(qtbot, dialog)
    assert dialog.error.text() == "Export cancelled; no file was written."
    assert save_as["path"].read_bytes() == b"previous"


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"This plugin does not support raise\(\)")
def test_open_export_dialog_reuses_one_dialog_per_window(qtbot, context):
    window = QWidget()
    qtbot.addWidget(window)
    open_export_dialog(context, window)
    first = window.findChild(ExportDialog)
    open_export_dialog(context, window)
    assert window.findChildren(ExportDialog) == [first] and first.isVisible()
    first.close()


def test_look(qtbot, dialog, tmp_path, save_as):
    """A picture to look at: after an export, with the result and "Open the file"."""
    choose(dialog.what, "sessions")
    dialog.export_button.click()
    finish(qtbot, dialog)
    dialog.resize(dialog.sizeHint())
    shot = Path(os.environ.get("EXPORT_DIALOG_PNG", tmp_path / "export_dialog.png"))
    assert dialog.grab().save(str(shot))
