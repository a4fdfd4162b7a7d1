"""Fast session entry: typing a sign-in sheet, checks as you type, save, undo and redo."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from mentordesk.domain.enums import ClosureCategory, SessionMedium, SessionStatus
from mentordesk.services.sessions import SessionEntry
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.dialogs.session_entry import LogSessionsCommand, SessionEntryDialog
from mentordesk.ui.models.session_entry import (
    DATE,
    DURATION,
    MATCH,
    MEDIUM,
    NOTES,
    STATUS,
    EntryGridModel,
    parse_date_text,
    resolve_match,
)
from mentordesk.ui.tasks import TaskRunner

from .conftest import OFFSCREEN_NOISE, TODAY

JOSE = "José Álvarez – Émile Dupont (Community North)"
# The completer's list is a popup; the offscreen platform says it cannot raise it or grab keys.
# (On each test: the closest qt_log_ignore mark wins over the one tests/ui/conftest.py adds.)
offscreen = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE,
                                      r"This plugin does not support (raise|grabbing)")


@pytest.fixture
def context(services, ui_settings):
    runner = TaskRunner()
    yield PageContext(services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(), runner)
    runner.wait()


@pytest.fixture
def dialog(qtbot, context):
    saved = []
    dialog = SessionEntryDialog(context, on_saved=lambda: saved.append(True))
    dialog.saved = saved
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def editor_of(dialog):
    return dialog.grid.indexWidget(dialog.grid.currentIndex())


def type_cell(qtbot, dialog, text):
    """Type into the current cell as a person would, then press Enter."""
    grid = dialog.grid
    if editor_of(dialog) is None:  # typing on a cell starts editing it
        if text:
            qtbot.keyClick(grid, text[0])
            text = text[1:]
        else:
            qtbot.keyClick(grid, Qt.Key.Key_Return)
    editor = editor_of(dialog)
    assert editor is not None, "no editor opened"
    qtbot.keyClicks(editor, text)  # in a closed list, letters pick an entry
    popup = editor.completer().popup() if isinstance(editor, QLineEdit) and \
        editor.completer() else None
    # An open completer list takes the keys first (it is the active popup).
    qtbot.keyClick(popup if popup and popup.isVisible() else editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor_of(dialog) is not editor or editor_of(dialog) is None)


def type_line(qtbot, dialog, *cells):
    for text in cells:
        type_cell(qtbot, dialog, text)


def cell(dialog, row, column):
    return dialog.model.index(row, column).data()


# --- parsing what is typed --------------------------------------------------------------

@offscreen
def test_dates_as_typed():
    default = date(2026, 3, 1)
    assert parse_date_text("2026-02-27", default) == date(2026, 2, 27)
    assert parse_date_text(" 2026-2-3 ", default) == date(2026, 2, 3)
    with pytest.raises(Exception, match="'31/02' is not a date; type it like 2026-03-01."):
        parse_date_text("31/02", default)
    with pytest.raises(Exception, match="Enter the date of the session."):
        parse_date_text("", default)


@offscreen
def test_matches_are_found_by_any_part_of_the_names(services):
    choices = services.sessions.match_choices(TODAY, recent_days=10_000)
    assert resolve_match("jose", choices).label == JOSE
    assert resolve_match("EMILE", choices).label == JOSE
    assert resolve_match(JOSE, choices).label == JOSE
    assert resolve_match(f"#{choices[0].id}", choices) == choices[0]
    with pytest.raises(Exception, match="No running match fits 'nobody'"):
        resolve_match("nobody", choices)
    with pytest.raises(Exception, match="2 matches fit 'a'; type more of a name"):
        resolve_match("a", choices)


@offscreen
def test_grid_model_passes_the_model_tester(qtmodeltester, services):
    model = EntryGridModel(services.sessions.match_choices(TODAY), services.sessions.check_entry,
                           lambda: TODAY)
    model.setData(model.index(0, MATCH), "jose")
    model.setData(model.index(0, DURATION), "abc")
    qtmodeltester.check(model, force_py=True)


# --- typing in the grid -----------------------------------------------------------------

@offscreen
def test_typing_a_sheet_with_the_keyboard(qtbot, dialog, services):
    assert dialog.save_button.text() == "&Save 0 sessions" and not dialog.save_button.isEnabled()
    type_line(qtbot, dialog, "jose", "2026-02-23", "1:30", "", "", "Homework")
    assert [cell(dialog, 0, c) for c in range(6)] == [
        JOSE, "2026-02-23", "1h 30m", "In person", "Attended", "Homework"]
    assert dialog.grid.currentIndex().row() == 1  # Enter after Notes: a new line
    assert dialog.grid.currentIndex().column() == MATCH
    type_line(qtbot, dialog, "emile", "", "45 min", "v", "", "")
    assert cell(dialog, 1, DATE) == "2026-02-23"  # the last date typed
    assert cell(dialog, 1, DURATION) == "45m"
    assert cell(dialog, 1, MEDIUM) == "Video"
    assert dialog.model.rowCount() == 3 and dialog.save_button.text() == "&Save 2 sessions"
    assert dialog.model.errors() == []
    assert dialog.save()
    stored = services.sessions.rows_for(services.sessions.query_ids())
    assert [(r.session_date, r.duration_minutes, r.medium, r.notes) for r in stored] == [
        (date(2026, 2, 23), 45, SessionMedium.VIDEO, ""),
        (date(2026, 2, 23), 90, SessionMedium.IN_PERSON, "Homework"),
    ]
    assert dialog.saved == [True] and not dialog.isVisible()


@offscreen
def test_a_new_line_starts_on_today(qtbot, dialog):
    type_cell(qtbot, dialog, "jose")
    assert cell(dialog, 0, DATE) == "2026-03-01"
    assert cell(dialog, 0, STATUS) == "Attended"


@offscreen
def test_invalid_cells_say_how_to_fix_them_and_block_saving(qtbot, dialog, services):
    type_line(qtbot, dialog, "jose", "2024-01-01", "abc")
    model = dialog.model
    assert model.error_at(0, DURATION) == (
        "'abc' is not a duration; type minutes (90), hours and minutes (1:30 or 1h 30m) "
        "or hours (1.5h).")
    assert "before the match started (2025-01-15)" in model.error_at(0, DATE)
    assert model.index(0, DURATION).data(Qt.ItemDataRole.ToolTipRole) == model.error_at(0, DURATION)
    assert model.index(0, DURATION).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, NOTES).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not dialog.save()
    assert services.sessions.count() == 0
    assert dialog.grid.currentIndex() == model.index(0, DATE)  # the first problem
    assert dialog.message.text().startswith("Line 1, Date: The session date 2024-01-01 is before")
    dialog.grid.setCurrentIndex(model.index(0, DURATION))
    type_cell(qtbot, dialog, "1h")
    dialog.grid.setCurrentIndex(model.index(0, DATE))
    dialog.grid.edit(model.index(0, DATE))
    editor = editor_of(dialog)
    editor.selectAll()
    qtbot.keyClicks(editor, "2026-02-02")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert model.errors() == []
    assert dialog.save() and services.sessions.count() == 1


@offscreen
def test_unknown_match_is_explained(qtbot, dialog):
    type_cell(qtbot, dialog, "nobody")
    assert dialog.model.error_at(0, MATCH).startswith("No running match fits 'nobody'")


@offscreen
def test_a_line_the_service_refuses_blocks_the_whole_sheet(qtbot, dialog, services):
    type_line(qtbot, dialog, "jose", "2026-02-02", "60", "", "", "")
    type_line(qtbot, dialog, "jose", "2026-02-28", "60", "", "", "")
    # Meanwhile someone closes the match on 20 February: line 2 now lies after its end.
    match_id = resolve_match("jose", dialog.model.choices()).id
    reason = services.matches.closure_reasons()[0]
    services.matches.close(match_id, end_date=date(2026, 2, 20), reason_id=reason.id,
                           category=ClosureCategory.COMPLETED, rematch_eligible=False)
    assert not dialog.save()
    assert services.sessions.count() == 0  # all or nothing
    assert dialog.grid.currentIndex() == dialog.model.index(1, DATE)
    assert "after the match ended (2026-02-20)" in dialog.model.error_at(1, DATE)
    assert dialog.message.text().startswith("Line 2, Date: The session date 2026-02-28")
    assert dialog.isVisible()


@offscreen
def test_blank_lines_are_not_saved(qtbot, dialog, services):
    model = dialog.model
    type_line(qtbot, dialog, "jose", "", "30", "", "", "")
    model.setData(model.index(1, NOTES), "")
    assert model.filled() == [0]
    assert dialog.save() and services.sessions.count() == 1


# --- undo and redo ------------------------------------------------------------------------

@offscreen
def test_save_pushes_one_command_undo_removes_exactly_those_sessions(qtbot, dialog, context,
                                                                     services):
    match_id = resolve_match("jose", dialog.model.choices()).id
    earlier = services.sessions.log(SessionEntry(match_id, date(2026, 1, 5), 60))
    for day in ("2026-02-02", "2026-02-09", "2026-02-16"):
        type_line(qtbot, dialog, "jose", day, "1.5h", "", "", "")
    assert dialog.save()
    undo = context.undo
    assert undo.count() == 1 and undo.undoText() == "Log 3 sessions"
    assert services.sessions.count() == 4
    undo.undo()
    assert services.sessions.query_ids() == [earlier.id]
    assert undo.redoText() == "Log 3 sessions"
    undo.redo()
    assert services.sessions.count() == 4
    days = [r.session_date for r in services.sessions.rows_for(services.sessions.query_ids())]
    assert days == [date(2026, 2, 16), date(2026, 2, 9), date(2026, 2, 2), date(2026, 1, 5)]
    undo.undo()  # undo after redo removes the re-inserted sessions
    assert services.sessions.query_ids() == [earlier.id]
    assert dialog.saved == [True, True, True, True]  # the page reloads after each change


@offscreen
def test_an_undo_that_cannot_be_done_drops_the_command(services):
    match_id = resolve_match("jose", services.sessions.match_choices(TODAY)).id
    entry = SessionEntry(match_id, date(2026, 2, 2), 60, status=SessionStatus.ATTENDED)
    saved = services.sessions.log_many([entry])
    errors = []
    stack = QUndoStack()
    stack.push(LogSessionsCommand(services.sessions, [entry], [s.id for s in saved],
                                  on_error=errors.append))
    services.sessions.remove_many([saved[0].id])  # removed behind the command's back
    stack.undo()
    assert [str(e) for e in errors] == [
        f"There is no session with ID {saved[0].id}; nothing was removed."]
    assert stack.count() == 0


@offscreen
def test_medium_and_status_are_lists(qtbot, dialog):
    type_cell(qtbot, dialog, "jose")
    dialog.grid.setCurrentIndex(dialog.model.index(0, STATUS))
    dialog.grid.edit(dialog.model.index(0, STATUS))
    editor = editor_of(dialog)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "Attended", "Cancelled", "No show"]
    editor.setCurrentIndex(2)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert cell(dialog, 0, STATUS) == "No show"


@offscreen
def test_the_match_list_completes_names_without_accents(qtbot, dialog):
    qtbot.keyClick(dialog.grid, "e")
    editor = editor_of(dialog)
    qtbot.keyClicks(editor, "mil")  # Émile
    completer = editor.completer()
    assert completer.completionCount() == 1
    qtbot.waitUntil(completer.popup().isVisible)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.grid.currentIndex().column() == DATE)
    assert cell(dialog, 0, MATCH) == JOSE
    assert dialog.model.error_at(0, MATCH) is None
    assert editor_of(dialog) is not None  # the date cell is open for typing


@offscreen
def test_arrowing_through_the_list_shows_labels(qtbot, dialog):
    qtbot.keyClick(dialog.grid, "j")
    editor = editor_of(dialog)
    qtbot.keyClicks(editor, "ose")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: editor.text() == JOSE)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
