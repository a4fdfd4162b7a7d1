"""Undo commands over the services: edit, create, archive, employer; conflicts are reported."""

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from mentordesk.domain.errors import ValidationError
from mentordesk.ui.commands import (
    ArchiveRecord,
    CommandGroup,
    CreateRecord,
    EditRecord,
    RestoreRecord,
    SetEmployer,
    run_command,
)

from .conftest import TODAY

CONFLICT = ("This volunteer was changed by someone else since you opened it; "
            "reload it and make your change again.")


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def volunteer(services, last_name="Álvarez"):
    return next(r for r in services.volunteers.list_rows(TODAY, include_archived=True)
                if r.last_name == last_name)


def test_edit_undo_redo(services, stack):
    jose = services.volunteers.get(volunteer(services).id)
    changed = []
    command = EditRecord(services.volunteers, jose.id, {"city": ("Leeds", "York")},
                         jose.version, text="Edit José", changed=lambda: changed.append(1))
    run_command(stack, command)
    assert services.volunteers.get(jose.id).city == "York"
    assert (stack.count(), stack.undoText()) == (1, "Edit José")
    assert changed == []  # the first do is the caller's to announce
    stack.undo()
    assert services.volunteers.get(jose.id).city == "Leeds"
    stack.redo()
    assert services.volunteers.get(jose.id).city == "York"
    assert changed == [1, 1]


def test_a_refused_first_edit_is_not_pushed(services, stack):
    jose = services.volunteers.get(volunteer(services).id)
    command = EditRecord(services.volunteers, jose.id, {"email": (jose.email, "not-an-email")},
                         jose.version)
    with pytest.raises(ValidationError) as err:
        run_command(stack, command)
    assert err.value.field == "email"
    assert stack.count() == 0
    assert services.volunteers.get(jose.id).email == "jose@example.org"


def test_undo_after_someone_else_changed_the_record_is_refused(services, stack):
    jose = services.volunteers.get(volunteer(services).id)
    reported = []
    command = EditRecord(services.volunteers, jose.id, {"city": ("Leeds", "York")},
                         jose.version, report=reported.append)
    run_command(stack, command)
    services.volunteers.update(jose.id, city="Bradford")  # a colleague, in between
    stack.undo()
    assert reported == [CONFLICT]
    assert services.volunteers.get(jose.id).city == "Bradford"  # not overwritten
    assert stack.count() == 0  # the command cannot be replayed and left the stack


def test_undo_goes_back_through_our_own_archive_and_second_edit(services, stack):
    jose = services.volunteers.get(volunteer(services).id)
    reported = []
    run_command(stack, EditRecord(services.volunteers, jose.id, {"city": ("Leeds", "York")},
                                  jose.version, report=reported.append))
    after = services.volunteers.get(jose.id)
    run_command(stack, EditRecord(services.volunteers, jose.id, {"phone": (after.phone, "0113 496 0000")},
                                  after.version, report=reported.append))
    run_command(stack, ArchiveRecord(services.volunteers, jose.id, report=reported.append))
    for _ in range(3):
        stack.undo()
    jose_now = services.volunteers.get(jose.id)
    assert reported == []
    assert (jose_now.city, jose_now.phone, jose_now.archived_at) == ("Leeds", jose.phone, None)
    for _ in range(3):
        stack.redo()
    jose_now = services.volunteers.get(jose.id)
    assert reported == []
    assert (jose_now.city, jose_now.phone) == ("York", "0113 496 0000")
    assert jose_now.archived_at is not None


def test_a_colleague_between_our_commands_still_stops_the_undo(services, stack):
    jose = services.volunteers.get(volunteer(services).id)
    reported = []
    run_command(stack, EditRecord(services.volunteers, jose.id, {"city": ("Leeds", "York")},
                                  jose.version, report=reported.append))
    services.volunteers.update(jose.id, city="Bradford")  # a colleague, before our archive
    run_command(stack, ArchiveRecord(services.volunteers, jose.id, report=reported.append))
    stack.undo()  # our archive: taken back
    assert services.volunteers.get(jose.id).archived_at is None
    stack.undo()  # our edit: the colleague's Bradford is not ours to overwrite
    assert reported == [CONFLICT]
    assert services.volunteers.get(jose.id).city == "Bradford"


def test_create_undo_archives_and_redo_restores(services, stack):
    command = CreateRecord(services.volunteers, {"first_name": "Nia", "last_name": "New"})
    run_command(stack, command)
    nia = services.volunteers.get(command.record_id)
    assert nia.archived_at is None
    stack.undo()
    assert services.volunteers.get(nia.id).archived_at is not None
    stack.redo()
    assert services.volunteers.get(nia.id).archived_at is None
    assert [r.id for r in services.volunteers.list_rows(TODAY) if r.last_name == "New"] == [nia.id]


def test_archive_and_restore_commands(services, stack):
    bea = volunteer(services, "Brown")
    run_command(stack, ArchiveRecord(services.volunteers, bea.id))
    assert volunteer(services, "Brown").archived
    assert stack.undoText() == "Archive volunteer"
    stack.undo()
    assert not volunteer(services, "Brown").archived
    stack.redo()
    run_command(stack, RestoreRecord(services.volunteers, bea.id))
    assert not volunteer(services, "Brown").archived
    stack.undo()
    assert volunteer(services, "Brown").archived


def test_employer_change_undo_redo(services, stack):
    jose = volunteer(services)
    zed = services.sponsors.find("Zed Foods")
    run_command(stack, SetEmployer(services.volunteers, jose.id, zed.id, None, TODAY))
    assert services.volunteers.employer_on(jose.id, TODAY).sponsor_id == zed.id
    stack.undo()
    [only] = services.volunteers.employments(jose.id)
    assert (only.end_date, services.volunteers.employer_on(jose.id, TODAY).branch_id) == (
        None, only.branch_id)
    stack.redo()
    assert services.volunteers.employer_on(jose.id, TODAY).sponsor_id == zed.id


def test_a_group_is_all_or_nothing(services, stack):
    jose = services.volunteers.get(volunteer(services).id)
    zed = services.sponsors.find("Zed Foods")
    edit = EditRecord(services.volunteers, jose.id, {"city": ("Leeds", "York")}, jose.version)
    bad = SetEmployer(services.volunteers, jose.id, zed.id, None, None)  # no start date
    with pytest.raises(ValidationError) as err:
        run_command(stack, CommandGroup("Edit José", [edit, bad]))
    assert err.value.field == "since"
    assert services.volunteers.get(jose.id).city == "Leeds"  # the first part was taken back
    assert stack.count() == 0

    edit = EditRecord(services.volunteers, jose.id, {"city": ("Leeds", "York")},
                      services.volunteers.get(jose.id).version)
    move = SetEmployer(services.volunteers, jose.id, zed.id, None, date(2026, 3, 1))
    run_command(stack, CommandGroup("Edit José", [edit, move]))
    stack.undo()
    assert services.volunteers.get(jose.id).city == "Leeds"
    assert services.volunteers.employer_on(jose.id, TODAY).sponsor_id != zed.id
    stack.redo()
    assert services.volunteers.get(jose.id).city == "York"
    assert services.volunteers.employer_on(jose.id, TODAY).sponsor_id == zed.id
