"""The participation workbook, Cancel and a locked target, and the names the command
line gives -- on SQLite and PostgreSQL (the fixture: test_exports.World)."""

from __future__ import annotations

import pytest

from mentordesk.domain.errors import NotFound, ValidationError
from mentordesk.domain.progress import Cancelled
from mentordesk.exporting import files
from mentordesk.exporting.files import FileInUse
from mentordesk.services.exports import ExportService
from tests.exporting.readback import assert_no_formula, every_cell, records

from .test_exports import H1, World, youth_details


@pytest.fixture
def world(services, make):
    return World(services, make)


def test_participation_workbook(services, world, tmp_path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "acme.xlsx"
    result = services.exports.participation(world.acme.id, H1["start"], H1["end"], path)
    assert result.rows == {"Summary": 1, "Branches": 2, "About": 8}
    assert_no_formula(path)
    # By hand from the fixture: Ana at North until 2025-08-31 (50 + 90 min), at South from
    # 2025-09-01 (45 min; the cancelled one does not count); Evi at South only at an event;
    # Gus (archived) at North, 20 min. Cara and Ben had no activity at Acme.
    (summary,) = records(path, "Summary")
    assert (summary["Company"], summary["Volunteers"], summary["Sessions"], summary["Minutes"],
            summary["Headcount"], summary["Branches"]) == ("Acme", 3, 4, 205, 48, 2)
    assert summary["Participation rate"] == pytest.approx(3 / 48)
    branches = {r["Branch"]: r for r in records(path, "Branches")}
    assert [(b["Volunteers"], b["Sessions"], b["Minutes"], b["Headcount"]) for b in
            (branches["North"], branches["South"])] == [(2, 3, 160, 40), (2, 1, 45, 8)]
    assert branches["North"]["Hours"] == pytest.approx(160 / 60)
    assert branches["South"]["Participation rate"] == pytest.approx(2 / 8)
    cells = every_cell(path)
    for detail in youth_details(services):
        assert not any(detail in cell for cell in cells), detail
    with pytest.raises(NotFound):
        services.exports.participation(9999, H1["start"], H1["end"], tmp_path / "none.xlsx")
    with pytest.raises(ValidationError):
        services.exports.participation(world.acme.id, H1["end"], H1["start"], tmp_path / "bad.xlsx")


class CancelAtOnce:
    def progress(self, done, total, text=""):
        pass

    def check(self):
        raise Cancelled()


def test_cancel_and_a_locked_file_leave_the_previous_file(services, world, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "roster.xlsx"
    path.write_bytes(b"the previous roster")
    with pytest.raises(Cancelled):
        services.exports.roster("all", path, progress=CancelAtOnce())
    assert path.read_bytes() == b"the previous roster"

    def locked(src, dst):
        raise PermissionError(13, "sharing violation")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(FileInUse, match="close it and try again"):
        services.exports.roster("volunteers", path)
    assert path.read_bytes() == b"the previous roster"
    assert [p.name for p in path.parent.iterdir()] == ["roster.xlsx"]


def test_names_from_the_command_line(services, world):
    exports: ExportService = services.exports
    assert exports.find_programme("riverside") == world.riverside.id
    assert exports.find_branch("north") == world.north.id
    with pytest.raises(NotFound, match="known programmes: Hilltop, Riverside"):
        exports.find_programme("Nowhere")
    services.sponsors.add_branch(world.beta.id, name="North")
    with pytest.raises(ValidationError, match=r"\(Acme, Beta\); name the sponsor too"):
        exports.find_branch("North")
    assert exports.find_branch("North", world.beta.id) != world.north.id

