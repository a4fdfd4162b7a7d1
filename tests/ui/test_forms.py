"""Record forms on the list pages: create, inline messages, edit + undo/redo, conflicts, archive."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QStackedWidget

from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.forms.programme import ProgrammeForm
from mentordesk.ui.forms.volunteer import VolunteerForm
from mentordesk.ui.forms.youth import YouthForm
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views.volunteers import VolunteersPage
from mentordesk.ui.views.youth import YouthPage

from .conftest import TODAY

CONFLICT = ("This volunteer was changed by someone else since you opened it; "
            "reload it and make your change again.")


def make_context(services, settings):
    return PageContext(services, settings, lambda: TODAY, QUndoStack(), Navigator(), TaskRunner())


def open_page(qtbot, page_class, services, settings, context=None):
    page = page_class(context or make_context(services, settings))
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    page.ensure_loaded()
    wait_loaded(qtbot, page)
    return page


def wait_loaded(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading and page._loaded)


def row_of(page, last_name):
    return next(r for r in page.model.rows() if r.last_name == last_name)


def type_into(qtbot, form, key, text):
    widget = form.editors[key].widget
    widget.clear()
    qtbot.keyClicks(widget, text)
    return widget


@pytest.fixture
def volunteers_page(qtbot, services, ui_settings):
    return open_page(qtbot, VolunteersPage, services, ui_settings)


def test_create_a_volunteer_with_the_keyboard(qtbot, services, volunteers_page):
    page = volunteers_page
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.findChild(VolunteerForm)
    assert form is not None and form.isVisible() and form.windowTitle() == "New volunteer"
    first, last = form.editors["first_name"].widget, form.editors["last_name"].widget
    qtbot.waitUntil(first.hasFocus)  # keyboard first: typing starts at the first name
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert last.hasFocus()
    saved = []
    form.saved.connect(saved.append)
    type_into(qtbot, form, "first_name", "Nia")
    type_into(qtbot, form, "last_name", "New")
    email = type_into(qtbot, form, "email", "nia.example.org")
    qtbot.keyClick(email, Qt.Key.Key_Return)  # Enter saves

    assert form.isVisible()
    assert form.message("email") == (
        "'nia.example.org' is not an email address; it should look like name@example.org.")
    assert form.message("first_name") == "" and form.form_text() == ""
    assert services.volunteers.find_by_email("nia.example.org") is None
    assert page.context.undo.count() == 0

    email = type_into(qtbot, form, "email", "nia@example.org")
    qtbot.keyClick(email, Qt.Key.Key_Return)
    assert len(saved) == 1
    nia = services.volunteers.get(saved[0])
    assert (nia.full_name, nia.email) == ("Nia New", "nia@example.org")
    wait_loaded(qtbot, page)
    assert page.total_count() == 6
    assert [r.id for r in page.selected_rows()] == [nia.id]  # the new row is selected
    assert page.context.undo.undoText() == "New volunteer Nia New"


def test_escape_cancels_and_saves_nothing(qtbot, services, volunteers_page):
    form = volunteers_page.new_record()
    type_into(qtbot, form, "first_name", "Ola")
    qtbot.keyClick(form.editors["first_name"].widget, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert len(services.volunteers.list_rows(TODAY)) == 5


def test_ctrl_n_belongs_to_the_page_on_show(qtbot, services, ui_settings):
    context = make_context(services, ui_settings)
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    volunteers, youth = VolunteersPage(context, stack), YouthPage(context, stack)
    stack.addWidget(volunteers)
    stack.addWidget(youth)
    stack.setCurrentWidget(youth)
    stack.show()
    stack.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is stack)
    qtbot.keyClick(stack, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert stack.findChild(YouthForm) is not None
    assert stack.findChild(VolunteerForm) is None
    stack.findChild(YouthForm).reject()
    context.tasks.wait()


def test_edit_undo_redo_through_the_form(qtbot, services, volunteers_page):
    page = volunteers_page
    jose = row_of(page, "Álvarez")
    page.select_keys([jose.id])
    form = page.edit_record(jose.id)
    assert form.value("city") == "Leeds" and form.value("email") == "jose@example.org"
    type_into(qtbot, form, "city", "York")
    form.accept()
    assert not form.isVisible()
    assert services.volunteers.get(jose.id).city == "York"
    wait_loaded(qtbot, page)
    assert row_of(page, "Álvarez").city == "York"
    assert [r.id for r in page.selected_rows()] == [jose.id]  # selection kept

    undo = page.context.undo
    assert undo.undoText() == "Edit volunteer José Álvarez"
    undo.undo()
    assert services.volunteers.get(jose.id).city == "Leeds"
    wait_loaded(qtbot, page)
    assert row_of(page, "Álvarez").city == "Leeds"
    undo.redo()
    assert services.volunteers.get(jose.id).city == "York"
    wait_loaded(qtbot, page)
    assert row_of(page, "Álvarez").city == "York"


def test_a_concurrent_edit_is_not_overwritten(qtbot, services, volunteers_page):
    jose = row_of(volunteers_page, "Álvarez")
    form = volunteers_page.edit_record(jose.id)
    services.volunteers.update(jose.id, city="Bradford")  # a colleague saves first
    type_into(qtbot, form, "city", "York")
    form.accept()
    assert form.isVisible()
    assert form.form_text() == CONFLICT
    assert services.volunteers.get(jose.id).city == "Bradford"
    assert volunteers_page.context.undo.count() == 0
    form.reject()


def test_employer_change_through_the_form_and_undo(qtbot, services, volunteers_page):
    jose = row_of(volunteers_page, "Álvarez")
    zed = services.sponsors.find("Zed Foods")
    form = volunteers_page.edit_record(jose.id)
    assert form.value("employed_since") is None  # created without a start date
    form.set_value("sponsor_id", zed.id)
    assert form.value("branch_id") is None and not form.branches.widget.isEnabled()
    assert form.value("employed_since") == TODAY  # a new employer starts today
    form.accept()
    assert services.volunteers.employer_on(jose.id, TODAY).sponsor_id == zed.id
    volunteers_page.context.undo.undo()
    employer = services.volunteers.employer_on(jose.id, TODAY)
    assert services.sponsors.get(employer.sponsor_id).name == "Acme Ltd"
    wait_loaded(qtbot, volunteers_page)
    assert row_of(volunteers_page, "Álvarez").sponsor == "Acme Ltd"


def test_archive_undo_and_show_archived(qtbot, services, volunteers_page, monkeypatch):
    page = volunteers_page
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    bea = row_of(page, "Brown")
    page.select_keys([bea.id])
    assert page.archive_button.text() == "Archive" and page.archive_button.isEnabled()
    page.archive_button.click()  # the first answer is No: nothing happens
    assert asked[0].startswith("Archive Bea Brown?")
    assert not services.volunteers.get(bea.id).archived
    page.archive_button.click()
    assert services.volunteers.get(bea.id).archived
    wait_loaded(qtbot, page)
    assert page.total_count() == 4 and "Brown" not in [r.last_name for r in page.model.rows()]

    page.context.undo.undo()
    assert not services.volunteers.get(bea.id).archived
    wait_loaded(qtbot, page)
    assert page.total_count() == 5
    page.context.undo.redo()
    wait_loaded(qtbot, page)

    page.show_archived.setChecked(True)
    wait_loaded(qtbot, page)
    assert page.total_count() == 5
    status = page.model.column_index("status")
    row = page.model.rows().index(row_of(page, "Brown"))
    assert page.model.text(row, status) == "Accepted (archived)"
    page.select_keys([bea.id])
    assert page.archive_button.text() == "Restore"
    page.archive_button.click()
    assert not services.volunteers.get(bea.id).archived


def test_youth_form_from_a_double_click(qtbot, services, ui_settings):
    page = open_page(qtbot, YouthPage, services, ui_settings)
    kim = row_of(page, "Ng")
    page.select_keys([kim.id])
    centre = page.table.visualRect(page.table.currentIndex()).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    form = page.findChild(YouthForm)
    assert form is not None and form.windowTitle() == "Edit young person — Kim Ng"
    type_into(qtbot, form, "guardian_phone", "none")
    type_into(qtbot, form, "school", "Hill School")
    form.accept()
    assert form.message("guardian_phone") == "'none' is not a phone number."
    assert services.youth.get(kim.id).school is None
    type_into(qtbot, form, "guardian_phone", "0113 496 0002")
    form.set_value("date_of_birth", None)  # "no date"
    form.accept()
    saved = services.youth.get(kim.id)
    assert (saved.school, saved.guardian_phone, saved.date_of_birth) == (
        "Hill School", "0113 496 0002", None)
    wait_loaded(qtbot, page)
    assert [r.id for r in page.selected_rows()] == [kim.id]
    page.context.undo.undo()
    assert services.youth.get(kim.id).date_of_birth == date(2011, 6, 1)


def test_a_new_young_person_and_the_navigator(qtbot, services, ui_settings):
    page = open_page(qtbot, YouthPage, services, ui_settings)
    form = page.new_record()
    assert form.value("status").value == "waiting"
    type_into(qtbot, form, "first_name", "Lee")
    form.accept()
    assert form.message("last_name") == "Enter the young person's last name."
    type_into(qtbot, form, "last_name", "Park")
    type_into(qtbot, form, "programme_ref", "Y-9")
    form.accept()
    assert form.message("programme_ref").startswith("Programme ID Y-9 already belongs")
    type_into(qtbot, form, "programme_ref", "Y-12")
    form.accept()
    assert not form.isVisible()
    wait_loaded(qtbot, page)
    assert page.total_count() == 5
    park = row_of(page, "Park")
    assert page.context.navigator.open_record("youth", park.id)
    opened = [f for f in page.findChildren(YouthForm) if f.isVisible()]
    assert [f.windowTitle() for f in opened] == ["Edit young person — Lee Park"]
    opened[0].reject()


def test_programme_form(qtbot, services, ui_settings):
    context = make_context(services, ui_settings)
    form = ProgrammeForm(context)
    qtbot.addWidget(form)
    form.set_value("name", "reading club")
    form.accept()
    assert form.message("name") == "There is already a programme called 'Reading Club'."
    form.set_value("name", "Weekend Club")
    form.accept()
    assert [p.name for p in services.programmes.list()] == [
        "Community North", "Reading Club", "Weekend Club"]
    context.undo.undo()
    assert "Weekend Club" not in [p.name for p in services.programmes.list()]


def test_an_archived_employer_is_kept_when_saving(qtbot, services, volunteers_page):
    jose = row_of(volunteers_page, "Álvarez")
    acme = services.sponsors.find("Acme Ltd")
    services.sponsors.archive(acme.id)
    form = volunteers_page.edit_record(jose.id)
    assert form.value("sponsor_id") == acme.id
    assert form.editors["sponsor_id"].widget.currentText() == "Acme Ltd (archived)"
    assert form.editors["branch_id"].widget.currentText() == "North"
    type_into(qtbot, form, "city", "York")
    form.accept()
    assert services.volunteers.employer_on(jose.id, TODAY).sponsor_id == acme.id
    assert len(services.volunteers.employments(jose.id)) == 1
