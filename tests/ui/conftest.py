"""Fixtures of the desktop tests: offscreen Qt, temporary UI settings, a small database."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mentordesk.db import open_database  # noqa: E402
from mentordesk.domain.enums import (  # noqa: E402
    CheckResult,
    ClosureCategory,
    ProgrammeType,
    VolunteerStatus,
    YouthStatus,
)
from mentordesk.domain.rules import DEFAULT_REQUIRED_CHECKS  # noqa: E402
from mentordesk.services.container import Services  # noqa: E402
from mentordesk.ui.settings import UiSettings  # noqa: E402

TODAY = date(2026, 3, 1)
# The offscreen platform says this whenever a window is shown; it is no fault of ours.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _no_real_settings(tmp_path_factory):
    """Whatever slips past the temp ini files lands in a temporary folder, not the user's."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, folder)
    yield


@pytest.fixture(autouse=True)
def _no_leaked_windows(qapp):
    yield
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in leaked:
        widget.close()
    assert leaked == [], f"windows left open: {leaked}"


@pytest.fixture
def ui_settings(tmp_path) -> UiSettings:
    return UiSettings(tmp_path / "ui.ini")


@pytest.fixture
def runner(qapp):
    """A task runner that has finished its work (and delivered the results) afterwards."""
    from mentordesk.ui.tasks import TaskRunner

    r = TaskRunner()
    yield r
    r.wait()
    QApplication.processEvents()


@pytest.fixture
def context(services, ui_settings, runner):
    """What a page or dialog is built with, over the small test database on TODAY."""
    from PySide6.QtGui import QUndoStack

    from mentordesk.ui.context import Navigator, PageContext

    return PageContext(services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(), runner)


@pytest.fixture
def empty_services(tmp_path):
    db = open_database(tmp_path / "ui-empty.sqlite", user="ui-test")
    yield Services.for_database(db)
    db.dispose()


@pytest.fixture
def services(tmp_path):
    """A database with a few people whose names, dates and numbers test sorting and search."""
    db = open_database(tmp_path / "ui.sqlite", user="ui-test")
    yield fill(Services.for_database(db))
    db.dispose()


def _clear_checks(services: Services, volunteer_id: int, done: date = date(2023, 6, 1)) -> None:
    for check_type in DEFAULT_REQUIRED_CHECKS:
        services.volunteers.record_check(
            volunteer_id, check_type, result=CheckResult.CLEAR,
            requested_on=done, completed_on=done,
        )


def fill(services: Services) -> Services:
    acme = services.sponsors.create(name="Acme Ltd")
    north = services.sponsors.add_branch(acme.id, name="North", city="Leeds")
    zed = services.sponsors.create(name="Zed Foods")
    programme = services.programmes.create(name="Community North", type=ProgrammeType.COMMUNITY)
    school = services.programmes.create(name="Reading Club", type=ProgrammeType.SCHOOL)

    vol = services.volunteers
    jose = vol.create(first_name="José", last_name="Álvarez", email="jose@example.org",
                      phone="0113 496 0001", city="Leeds", status=VolunteerStatus.ACCEPTED,
                      prior_training_minutes=600, sponsor_id=acme.id, branch_id=north.id)
    _clear_checks(services, jose.id)
    bea = vol.create(first_name="Bea", last_name="Brown", email="bea@example.org",
                     city="York", status=VolunteerStatus.ACCEPTED, prior_training_minutes=150,
                     sponsor_id=zed.id)
    _clear_checks(services, bea.id)
    vol.create(first_name="Anna", last_name="Smith", email="anna@example.org",
               status=VolunteerStatus.APPLIED, prior_training_minutes=75)
    vol.create(first_name="Zoë", last_name="Zimmer", status=VolunteerStatus.INQUIRY)
    carl = vol.create(first_name="Carl", last_name="Cole", email="carl@example.org",
                      status=VolunteerStatus.ACCEPTED, prior_training_minutes=180)
    _clear_checks(services, carl.id)

    youth = services.youth
    emile = youth.create(first_name="Émile", last_name="Dupont", programme_ref="Y-10",
                         date_of_birth=date(2012, 3, 4), grade="7", school="Hill School",
                         programme_id=programme.id, status=YouthStatus.WAITING)
    ana = youth.create(first_name="Ana", last_name="García", programme_ref="Y-9",
                       date_of_birth=date(2010, 11, 30), grade="9", school="Park Academy",
                       programme_id=school.id, status=YouthStatus.WAITING)
    youth.create(first_name="Sam", last_name="Lee", programme_ref="Y-100",
                 programme_id=programme.id, status=YouthStatus.REFERRED)
    kim = youth.create(first_name="Kim", last_name="Ng", programme_ref="Y-11",
                       date_of_birth=date(2011, 6, 1), programme_id=programme.id)

    matches = services.matches
    running = matches.propose(jose.id, emile.id, programme.id, proposed_on=date(2025, 1, 2))
    matches.activate(running.id, date(2025, 1, 15))
    old = matches.propose(bea.id, ana.id, school.id, proposed_on=date(2023, 12, 1))
    matches.activate(old.id, date(2024, 2, 1))
    reason = next(r for r in matches.closure_reasons() if r.label == "Other")
    matches.close(old.id, end_date=date(2025, 2, 1), reason_id=reason.id,
                  category=ClosureCategory.COMPLETED, rematch_eligible=True)
    matches.propose(carl.id, kim.id, programme.id, proposed_on=date(2026, 2, 20))
    return services
