"""The import wizard: file → mapping → preview → import → summary, driven as a user would."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import text

from mentordesk.services import imports as imports_module
from mentordesk.ui.dialogs import import_pages, import_wizard
from mentordesk.ui.dialogs.import_wizard import (
    CANCELLED,
    FILE,
    IMPORT,
    MAPPING,
    PREVIEW,
    SUMMARY,
    ImportWizard,
    open_import_wizard,
)
from mentordesk.ui.models.import_preview import MappingModel

from .conftest import TODAY

DATA = Path(__file__).resolve().parents[1] / "data"
ROSTER = DATA / "roster_volunteers.xlsx"




@pytest.fixture
def open_wizard(qtbot, context):
    def make(path: Path | None = None) -> ImportWizard:
        wizard = ImportWizard(context, None, path)
        qtbot.addWidget(wizard)
        wizard.show()
        settle(qtbot, wizard)
        if path is not None and path.parent.name != "hostile":
            assert wizard.table is not None, wizard.file_page.error.text()
        return wizard

    return make


def settle(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy(), timeout=20_000)


def forward(qtbot, wizard: ImportWizard, page: int) -> None:
    """Press Next (or Import) until `page` is on show, as the user would."""
    while wizard.currentId() != page:
        button = QWizard.WizardButton.CommitButton if wizard.currentId() == PREVIEW else \
            QWizard.WizardButton.NextButton
        assert wizard.button(button).isEnabled(), wizard.currentPage().error.text()
        wizard.button(button).click()
        settle(qtbot, wizard)


def count(services, sql: str) -> int:
    with services.db.reading() as s:
        return int(s.execute(text(sql)).scalar())


def xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def people_in_roster() -> int:
    """Distinct people of the roster, read with openpyxl: one per email, whatever its case."""
    sheet = load_workbook(ROSTER).active
    emails = {str(row[2]).strip().casefold() for row in sheet.iter_rows(min_row=5, values_only=True)
              if row[2] and "@" in str(row[2])}
    return len(emails)


def shown_lines(model) -> list[tuple[str, ...]]:
    return [tuple(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_a_volunteer_roster_imports_end_to_end(qtbot, qtmodeltester, open_wizard, services):
    before = count(services, "SELECT count(*) FROM volunteer")
    wizard = open_wizard(ROSTER)
    assert wizard.file_page.kind.currentData() == "volunteers"  # guessed from the headers
    assert "row 4" in wizard.file_page.facts.text()
    forward(qtbot, wizard, MAPPING)
    mapping = wizard.mapping_page.model
    qtmodeltester.check(mapping)
    assert mapping.index(2, MappingModel.FIELD).data() == "Email"
    forward(qtbot, wizard, PREVIEW)
    qtmodeltester.check(wizard.preview_page.model)
    tiles = {t.caption: t.value() for t in wizard.preview_page.tiles.tiles}
    new = people_in_roster()
    assert tiles["New"] == str(new) and tiles["Rejected"] == "0"
    assert count(services, "SELECT count(*) FROM volunteer") == before  # nothing written yet
    forward(qtbot, wizard, SUMMARY)
    tiles = {t.caption: t.value() for t in wizard.summary_page.tiles.tiles}
    assert tiles["Added"] == str(new)
    assert count(services, "SELECT count(*) FROM volunteer") == before + new
    assert count(services, "SELECT count(*) FROM import_batch") == 1
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()

    again = open_wizard(ROSTER)  # the same file again changes nothing
    forward(qtbot, again, PREVIEW)
    tiles = {t.caption: t.value() for t in again.preview_page.tiles.tiles}
    assert (tiles["New"], tiles["Changed"], tiles["Unchanged"]) == ("0", "0", "9")


def test_changing_a_column_changes_the_preview(qtbot, open_wizard, tmp_path):
    path = xlsx(tmp_path / "two-emails.xlsx", [
        ["First name", "Last name", "Email", "Other address"],
        ["Ana", "Ruiz", "ana@mail.example", "not an address"],
        ["Bo", "Li", "bo@mail.example", "bo@other.example"],
        ["Cy", "Ng", "cy@mail.example", "also wrong"],
    ])
    wizard = open_wizard(path)
    forward(qtbot, wizard, PREVIEW)
    assert wizard.plan.counts["rejected"] == 0
    wizard.back()
    table, model = wizard.mapping_page.table, wizard.mapping_page.model
    combo = table.indexWidget(model.index(3, MappingModel.FIELD))  # "Other address"
    combo.setCurrentIndex(combo.findData("email"))  # what choosing in the combo does
    assert model.index(3, MappingModel.FIELD).data() == "Email"
    assert model.index(2, MappingModel.FIELD).data() == "Don't import"  # the field moved
    forward(qtbot, wizard, PREVIEW)
    assert wizard.plan.counts == {"new": 1, "changed": 0, "unchanged": 0, "rejected": 2}
    rejected = {t.caption: t.value() for t in wizard.preview_page.tiles.tiles}["Rejected"]
    assert rejected == "2"


def test_a_mapping_without_names_says_what_is_missing(qtbot, open_wizard, tmp_path):
    path = xlsx(tmp_path / "people.xlsx", [["Full name", "Phone"], ["Ana Ruiz", "0113 496 0000"]])
    wizard = open_wizard(path)
    forward(qtbot, wizard, MAPPING)
    page = wizard.mapping_page
    assert page.missing.isHidden()
    page.model.setData(page.model.index(0, MappingModel.FIELD), None)
    assert not page.missing.isHidden() and "full name" in page.missing.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_rejected_row_shows_its_row_number_and_message(qtbot, open_wizard, tmp_path):
    path = xlsx(tmp_path / "bad.xlsx", [
        ["Volunteers to add"], [],  # a title and a blank row: the header is row 3
        ["First name", "Last name", "Email"],
        ["Ana", "Ruiz", "ana@@mail"],  # row 4
        ["Bo", "Li", "bo@mail.example"],
    ])
    wizard = open_wizard(path)
    forward(qtbot, wizard, PREVIEW)
    page = wizard.preview_page
    assert page.show_box.currentData() == "rejected"  # the problems first
    lines = shown_lines(page.model)
    assert len(lines) == 1
    row, status, _record, column, value, message = lines[0]
    assert (row, status, column, value) == ("4", "Rejected", "Email", "ana@@mail")
    assert "email address" in message and message.endswith(".")
    page.show_box.setCurrentIndex(page.show_box.findData(None))
    assert [line[0] for line in shown_lines(page.model)] == ["4", "5"]


def test_rejected_rows_are_saved_to_a_workbook(qtbot, open_wizard, tmp_path, monkeypatch):
    path = xlsx(tmp_path / "bad.xlsx", [
        ["First name", "Last name", "Email"],
        ["Ana", "Ruiz", "ana@@mail"],
        ["Bo", "Li", "bo@mail.example"],
        ["Cy", "Ng", "cy@"],
    ])
    out = tmp_path / "fix these"
    monkeypatch.setattr(import_wizard.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out), ""))
    wizard = open_wizard(path)
    forward(qtbot, wizard, PREVIEW)
    wizard.preview_page.save_button.click()
    settle(qtbot, wizard)
    saved = out.with_suffix(".xlsx")
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    data = [r for r in rows if r[0] in ("Ana", "Cy")]
    assert [r[:3] for r in data] == [("Ana", "Ruiz", "ana@@mail"), ("Cy", "Ng", "cy@")]
    assert all(r[3] and "Email" in r[3] for r in data)  # the Problem column
    assert str(saved) in wizard.preview_page.saved.text()


def test_undo_restores_the_counts(qtbot, open_wizard, services, monkeypatch):
    before = count(services, "SELECT count(*) FROM volunteer")
    wizard = open_wizard(ROSTER)
    forward(qtbot, wizard, SUMMARY)
    assert count(services, "SELECT count(*) FROM volunteer") > before
    asked = []
    monkeypatch.setattr(import_wizard.QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    wizard.summary_page.undo_button.click()
    settle(qtbot, wizard)
    assert len(asked) == 1 and "its 7 new rows" in asked[0]
    assert count(services, "SELECT count(*) FROM volunteer") == before
    assert "undone" in wizard.summary_page.facts.text()
    assert not wizard.summary_page.undo_button.isEnabled()


def test_undo_asks_first(qtbot, open_wizard, services, monkeypatch):
    wizard = open_wizard(ROSTER)
    forward(qtbot, wizard, SUMMARY)
    after = count(services, "SELECT count(*) FROM volunteer")
    monkeypatch.setattr(import_wizard.QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    wizard.summary_page.undo_button.click()
    settle(qtbot, wizard)
    assert count(services, "SELECT count(*) FROM volunteer") == after
    assert wizard.summary_page.undo_button.isEnabled()


def test_a_file_that_is_not_a_spreadsheet_gets_one_sentence(qtbot, open_wizard):
    wizard = open_wizard(DATA / "hostile" / "image_renamed.xlsx")
    error = wizard.file_page.error
    assert error.isVisible()
    assert error.text().endswith(".") and "\n" not in error.text()
    assert "Traceback" not in error.text() and "image_renamed.xlsx" in error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_cancel_during_the_import_writes_nothing(qtbot, open_wizard, services, monkeypatch):
    writing, release = threading.Event(), threading.Event()
    real = imports_module.write_plan

    def slow_write(session, creates, updates, batch_id, progress):
        real(session, creates, updates, batch_id, progress)  # written, not yet committed
        writing.set()
        release.wait(10)
        progress.check()

    monkeypatch.setattr(imports_module, "write_plan", slow_write)
    before = count(services, "SELECT count(*) FROM volunteer")
    wizard = open_wizard(ROSTER)
    forward(qtbot, wizard, PREVIEW)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.currentId() == IMPORT
    qtbot.waitUntil(writing.is_set, timeout=10_000)
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    release.set()
    settle(qtbot, wizard)
    assert wizard.isVisible() and wizard.currentId() == PREVIEW
    assert wizard.preview_page.error.text() == CANCELLED
    assert count(services, "SELECT count(*) FROM volunteer") == before
    assert count(services, "SELECT count(*) FROM import_batch") == 0


def test_a_saved_mapping_is_used_again(qtbot, open_wizard, tmp_path, monkeypatch):
    path = xlsx(tmp_path / "hr.xlsx", [["Given", "Family", "Mail"], ["Ana", "Ruiz", "a@x.org"]])
    wizard = open_wizard(path)
    forward(qtbot, wizard, MAPPING)
    page = wizard.mapping_page
    for row, field in enumerate(("first_name", "last_name", "email")):
        page.model.setData(page.model.index(row, MappingModel.FIELD), field)
    monkeypatch.setattr(import_pages.QInputDialog, "getText",
                        lambda *a, **k: ("Roster from HR", True))
    page.findChild(import_pages.QPushButton, "saveMapping").click()
    assert "Roster from HR" in page.saved.text()
    wizard.close()
    again = open_wizard(path)
    forward(qtbot, again, MAPPING)
    assert again.mapping_page.template.text() == \
        "Using your saved mapping \u201cRoster from HR\u201d."
    assert again.mapping.columns == {0: "first_name", 1: "last_name", 2: "email"}


def test_the_kind_is_guessed_and_can_be_changed(qtbot, open_wizard):
    wizard = open_wizard(DATA / "checkins.xlsx")
    assert wizard.kind == "sessions"
    page = wizard.file_page
    page.kind.setCurrentIndex(page.kind.findData("contacts"))
    page.kind.activated.emit(page.kind.currentIndex())  # what choosing it does
    settle(qtbot, wizard)
    assert wizard.kind == "contacts" and wizard.mapping.kind == "contacts"


def test_a_workbook_with_several_sheets_offers_them(qtbot, open_wizard):
    wizard = open_wizard(DATA / "youth_es.xlsx")
    page = wizard.file_page
    assert page.sheet.isVisibleTo(page)
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Portada", "Jóvenes"]
    assert page.sheet.currentText() == "Jóvenes" and wizard.kind == "youth"


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")  # offscreen
def test_open_import_wizard_reuses_an_open_one(qtbot, context):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    open_import_wizard(context, window, ROSTER)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    settle(qtbot, wizard)
    assert wizard.currentId() == FILE and wizard.table is not None
    open_import_wizard(context, window, DATA / "checkins.xlsx")
    assert len(window.findChildren(ImportWizard)) == 1
    settle(qtbot, wizard)
    assert wizard.table.file_name == "checkins.xlsx"
    wizard.close()


def test_a_file_dropped_on_the_window_is_imported_and_the_pages_reload(qtbot, services,
                                                                        ui_settings):
    from mentordesk.ui.main_window import MainWindow

    window = MainWindow(services, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_page("volunteers")
    page = window.pages["volunteers"]
    qtbot.waitUntil(lambda: not page.loading)
    before = page.model.rowCount()
    assert window.file_actions.dropped([ROSTER])
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    settle(qtbot, wizard)
    forward(qtbot, wizard, SUMMARY)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + people_in_roster())
    wizard.button(QWizard.WizardButton.FinishButton).click()
    window.tasks.wait()


def test_unticking_create_them_rejects_the_rows_that_need_a_new_company(qtbot, open_wizard,
                                                                        services, tmp_path):
    path = xlsx(tmp_path / "staff.xlsx", [
        ["First name", "Last name", "Email", "Company"],
        ["Ana", "Ruiz", "ana@newco.example", "Newco Industries"],
        ["Bo", "Li", "bo@acme.example", "ACME LTD"],  # "Acme Ltd" is stored: reused
    ])
    wizard = open_wizard(path)
    forward(qtbot, wizard, PREVIEW)
    page = wizard.preview_page
    assert page.create_box.isVisibleTo(page)
    assert "Newco Industries" in page.to_create.text() and "ACME" not in page.to_create.text()
    page.create.setChecked(False)
    forward(qtbot, wizard, SUMMARY)
    assert (wizard.result.created, wizard.result.rejected) == (1, 1)
    assert shown_lines(wizard.summary_page.model)[0][0] == "2"  # Ana's row
    assert count(services, "SELECT count(*) FROM sponsor WHERE name = 'Newco Industries'") == 0
    assert count(services, "SELECT count(*) FROM volunteer WHERE email = 'bo@acme.example'") == 1
