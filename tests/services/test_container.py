"""The services container: each service is imported and built on first use, once."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mentordesk.db import open_database
from mentordesk.services.container import Services
from mentordesk.services.dashboard import DashboardService
from mentordesk.services.events import EventService
from mentordesk.services.exports import ExportService
from mentordesk.services.imports import ImportService
from mentordesk.services.maintenance import MaintenanceService
from mentordesk.services.matches import MatchService
from mentordesk.services.matching import MatchingService
from mentordesk.services.organisation import ProgrammeService, SponsorService
from mentordesk.services.participation import ParticipationService
from mentordesk.services.reports import ReportService
from mentordesk.services.sessions import SessionService, SupportContactService
from mentordesk.services.settings import SettingsService
from mentordesk.services.volunteers import VolunteerService
from mentordesk.services.youth import YouthService

SRC = Path(__file__).resolve().parents[2] / "src"

# What the container held when it was a dataclass of ready-built services.
EXPECTED = {
    "settings": SettingsService, "programmes": ProgrammeService, "sponsors": SponsorService,
    "volunteers": VolunteerService, "youth": YouthService, "matches": MatchService,
    "matching": MatchingService, "sessions": SessionService,
    "contacts": SupportContactService, "events": EventService,
    "participation": ParticipationService, "maintenance": MaintenanceService,
    "dashboard": DashboardService, "exports": ExportService, "imports": ImportService,
    "reports": ReportService,
}


@pytest.fixture
def lazy(tmp_path):
    db = open_database(tmp_path / "lazy.sqlite")
    yield Services.for_database(db)
    db.dispose()


def test_every_service_is_built_on_first_use_over_the_database(lazy):
    assert lazy.built() == ()
    assert set(Services.names()) == set(EXPECTED)
    for name, cls in EXPECTED.items():
        service = getattr(lazy, name)
        assert type(service) is cls
        assert service.db is lazy.db
        assert getattr(lazy, name) is service  # built once
    assert set(lazy.built()) == set(EXPECTED)


def test_a_service_is_built_once_when_threads_ask_together(lazy):
    seen, start = [], threading.Barrier(8)

    def read():
        start.wait()
        seen.append(lazy.volunteers)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8 and len({id(s) for s in seen}) == 1


def test_services_cannot_be_replaced(lazy):
    with pytest.raises(AttributeError):
        lazy.volunteers = None  # type: ignore[misc]
    with pytest.raises(AttributeError):
        lazy.db = None  # type: ignore[misc]


def test_only_what_is_used_is_imported(tmp_path):
    """In a fresh interpreter: no service module until one is read, then only its own."""
    code = (
        "import json, sys\n"
        "from mentordesk.db import open_database\n"
        "from mentordesk.services.container import Services\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.startswith('mentordesk.services.')\n"
        "                  and m != 'mentordesk.services.container')\n"
        f"services = Services.for_database(open_database({str(tmp_path / 'fresh.sqlite')!r}))\n"
        "before = loaded()\n"
        "services.volunteers.list_rows\n"
        "print(json.dumps([before, loaded(), list(services.built())]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    before, after, built = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == []
    assert "mentordesk.services.volunteers" in after
    for heavy in ("reports", "imports", "exports", "dashboard", "matching", "maintenance"):
        assert f"mentordesk.services.{heavy}" not in after
    assert built == ["volunteers"]
