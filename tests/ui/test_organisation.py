"""Edit → Organisation settings: programmes (list, new, edit, archive, undo) and the rules
(name, cadence, required checks, training, expiry warnings) through SettingsService."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from mentordesk.domain.enums import CheckType, ProgrammeType
from mentordesk.services.settings import DEFAULTS
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.dialogs.organisation import OrganisationDialog
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.settings import UiSettings
from mentordesk.ui.tasks import TaskRunner

from .conftest import TODAY


@pytest.fixture
def dialog(qtbot, services, ui_settings):
    context = PageContext(services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(),
                          TaskRunner())
    dialog = OrganisationDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(panel) -> list[str]:
    return [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]


def select(panel, name: str) -> None:
    panel.table.selectRow(names(panel).index(name))
    assert panel.current().name == name


def test_programmes_are_listed_and_the_model_is_sound(qtmodeltester, dialog):
    panel = dialog.programmes
    assert names(panel) == ["Community North", "Reading Club"]
    assert [panel.proxy.index(r, 1).data() for r in range(2)] == [
        ProgrammeType.COMMUNITY.label, ProgrammeType.SCHOOL.label]
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)


def test_new_programme_then_undo_archives_it(qtbot, dialog, services):
    panel, undo = dialog.programmes, dialog.programmes.context.undo
    changed = []
    dialog.changed.connect(lambda: changed.append(1))
    form = panel.new()
    form.accept()  # no name yet
    assert form.message("name") == "Enter the programme name."
    form.set_value("name", "Weekend Club")
    form.set_value("meeting_day", "Saturdays")
    form.accept()
    assert not form.isVisible()
    assert names(panel) == ["Community North", "Reading Club", "Weekend Club"]
    assert panel.current().name == "Weekend Club"  # the new one is selected
    assert changed
    assert [p.name for p in services.programmes.list()] == [
        "Community North", "Reading Club", "Weekend Club"]
    undo.undo()
    assert names(panel) == ["Community North", "Reading Club"]
    assert [p.name for p in services.programmes.list()] == ["Community North", "Reading Club"]


def test_edit_and_archive_a_programme_with_undo(qtbot, dialog, services, monkeypatch):
    panel, undo = dialog.programmes, dialog.programmes.context.undo
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    select(panel, "Reading Club")
    form = panel.edit()
    assert form.value("name") == "Reading Club"
    form.set_value("name", "Reading Circle")
    form.accept()
    assert names(panel) == ["Community North", "Reading Circle"]
    undo.undo()  # the rename
    assert names(panel) == ["Community North", "Reading Club"]
    undo.redo()
    assert names(panel) == ["Community North", "Reading Circle"]
    select(panel, "Reading Circle")
    assert panel.archive()
    assert names(panel) == ["Community North"]
    assert [p.name for p in services.programmes.list()] == ["Community North"]
    panel.show_archived.setChecked(True)
    assert names(panel) == ["Community North", "Reading Circle"]
    select(panel, "Reading Circle")
    assert panel.buttons["archive"].text() == "&Restore"
    undo.undo()  # the archive
    assert [p.name for p in services.programmes.list()] == ["Community North", "Reading Circle"]
    assert panel.buttons["archive"].text() == "&Archive"
    assert warned == []


def test_rules_show_the_stored_settings(dialog, services):
    fields = dialog.rules.fields
    assert fields.value("cadence") == DEFAULTS["cadence"]
    assert fields.value("training_minutes") == DEFAULTS["training_minutes"]
    assert fields.value("required_checks") == DEFAULTS["required_checks"]
    assert fields.value("expiry_warning_days") == 30


def test_rules_save_through_the_service_and_undo(dialog, services):
    rules, undo = dialog.rules, dialog.rules.context.undo
    changed = []
    dialog.changed.connect(lambda: changed.append(1))
    rules.fields.set_value("organisation_name", "  Northside   Mentoring ")
    rules.fields.set_value("cadence", "eepm4")
    rules.fields.set_value("training_minutes", 360)
    rules.fields.set_value("required_checks", [CheckType.APPLICATION.value,
                                               CheckType.REFERENCES.value])
    rules.fields.set_value("expiry_warning_days", 60)
    assert rules.save()
    stored = services.settings.all()
    assert (stored["organisation_name"], stored["cadence"], stored["training_minutes"],
            stored["required_checks"], stored["expiry_warning_days"]) == (
        "Northside Mentoring", "eepm4", 360, ["application", "references"], 60)
    assert services.settings.screening_policy().training_minutes == 360
    assert rules.fields.value("organisation_name") == "Northside Mentoring"  # as stored
    assert changed and undo.count() == 1
    assert rules.status.text().startswith("Saved: organisation name, support-contact cadence")
    undo.undo()
    assert services.settings.all()["cadence"] == DEFAULTS["cadence"]
    assert services.settings.all()["training_minutes"] == DEFAULTS["training_minutes"]
    assert rules.fields.value("cadence") == DEFAULTS["cadence"]  # the panel shows the undo


def test_a_refused_setting_is_said_under_its_field(dialog, services):
    rules = dialog.rules
    rules.fields.set_value("training_minutes", -60)
    assert not rules.save()
    assert rules.fields.message("training_minutes") == "Enter a whole number of zero or more."
    assert services.settings.value("training_minutes") == DEFAULTS["training_minutes"]
    assert rules.context.undo.count() == 0
    rules.revert_button.click()
    assert rules.fields.value("training_minutes") == DEFAULTS["training_minutes"]
    assert rules.fields.message("training_minutes") == ""


def test_the_window_opens_it_from_the_edit_menu(qtbot, services, tmp_path):
    window = MainWindow(services, UiSettings(tmp_path / "ui.ini"), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.organisation_action.trigger()
    dialog = window.dialogs["organisation"]
    assert isinstance(dialog, OrganisationDialog) and dialog.isVisible()
    dialog.programmes.new()
    form = dialog.programmes.form
    form.set_value("name", "Saturday Club")
    form.accept()
    window.undo_action.trigger()  # Edit → Undo in the window takes the new programme back
    assert [p.name for p in services.programmes.list()] == ["Community North", "Reading Club"]
    dialog.reject()
    window.tasks.wait()


def _answer(monkeypatch, button):
    asked = []

    def question(parent, title, text, buttons=None, default=None):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_closing_with_unsaved_rules_can_be_cancelled(dialog, services, monkeypatch):
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog.tabs.setCurrentWidget(dialog.programmes)
    dialog.rules.fields.set_value("expiry_warning_days", 45)
    dialog.reject()
    assert asked and "not saved" in asked[0]
    assert dialog.isVisible() and dialog.tabs.currentWidget() is dialog.rules
    assert dialog.rules.fields.value("expiry_warning_days") == 45  # still there to save
    assert services.settings.value("expiry_warning_days") == 30
    dialog.rules.revert_button.click()  # nothing left to ask about when the test closes it


@pytest.mark.parametrize("button, stored, commands", [
    (QMessageBox.StandardButton.Discard, 30, 0),
    (QMessageBox.StandardButton.Save, 45, 1),
])
def test_closing_with_unsaved_rules_saves_or_drops_them(dialog, services, monkeypatch, button,
                                                        stored, commands):
    _answer(monkeypatch, button)
    dialog.rules.fields.set_value("expiry_warning_days", 45)
    dialog.reject()
    assert not dialog.isVisible()
    assert services.settings.value("expiry_warning_days") == stored
    assert dialog.rules.context.undo.count() == commands


def test_a_refused_value_keeps_the_dialog_open_when_saving_on_close(dialog, services,
                                                                    monkeypatch):
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    dialog.rules.fields.set_value("training_minutes", -60)
    dialog.reject()
    assert dialog.isVisible()
    assert dialog.rules.fields.message("training_minutes") == "Enter a whole number of zero or more."
    dialog.rules.revert_button.click()


def test_closing_without_changes_asks_nothing(dialog, monkeypatch):
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert not asked and not dialog.isVisible()
