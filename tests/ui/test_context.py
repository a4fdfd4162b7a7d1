"""Navigation between pages and records, and the window's undo stack."""

from PySide6.QtGui import QUndoCommand

from mentordesk.ui.context import Navigator
from mentordesk.ui.main_window import MainWindow

from .conftest import TODAY


def test_navigator_opens_registered_records_only():
    shown, opened = [], []
    nav = Navigator(shown.append)
    assert not nav.open_record("volunteer", 3)
    nav.register("volunteer", opened.append)
    assert nav.can_open("volunteer") and not nav.can_open("match")
    assert nav.open_record("volunteer", 3)
    nav.show_page("youth")
    assert (opened, shown) == ([3], ["youth"])


class _Counter(QUndoCommand):
    def __init__(self, box):
        super().__init__("add one")
        self.box = box

    def redo(self):
        self.box.append(1)

    def undo(self):
        self.box.pop()


def test_window_undo_and_redo_actions_follow_the_stack(qtbot, services, ui_settings):
    window = MainWindow(services, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    assert not window.undo_action.isEnabled()
    box: list[int] = []
    window.context.undo.push(_Counter(box))
    assert box == [1]
    assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo add one"
    window.undo_action.trigger()
    assert box == [] and window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert box == [1]
    window.navigator.show_page("matches")
    assert window.current_key() == "matches"
