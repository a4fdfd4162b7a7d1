"""Exported workbooks through other eyes: LibreOffice's reading of them, and the
import's (an edited roster re-imports as updates and creates nothing)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from tests.exporting.readback import rows_of, sheet_names

from .test_exports import H1, World, export


@pytest.fixture
def world(services, make):
    return World(services, make)


def libreoffice_csv(workbook: Path, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` as LibreOffice writes it to CSV (cells as shown, en-US)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: "
                    "how a second program reads the workbooks is not checked")
    options = "44,34,76,1,,1033,false,true,true,false,false,-1"  # UTF-8, as shown, every sheet
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir",
                    str(folder), str(workbook)], check=True, capture_output=True, timeout=300)
    out = {}
    for path in folder.glob(f"{workbook.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            out[path.stem.removeprefix(f"{workbook.stem}-")] = list(csv.reader(fh))
    return out


def shown(header: str, value) -> str:
    """How a cell with this value shows in the exported workbook (the number formats)."""
    if value in ("", None):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        tenth = Decimal("0.1")  # spreadsheets round halves away from zero: 1.25 shows as 1.3
        if header == "Hours":
            return str(Decimal(repr(value)).quantize(tenth, ROUND_HALF_UP))
        if header == "Participation rate":
            return f"{Decimal(repr(value * 100)).quantize(tenth, ROUND_HALF_UP)}%"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def test_libreoffice_reads_the_same_workbooks(services, world, tmp_path, db):
    if not db.is_sqlite:
        pytest.skip("one backend is enough for what another program reads")
    books = [export(services, tmp_path, "all").path]
    books.append(tmp_path / "out" / "participation.xlsx")
    services.exports.participation(world.acme.id, H1["start"], H1["end"], books[-1])
    for book in books:
        converted = libreoffice_csv(book, tmp_path / book.stem)
        assert sorted(converted) == sorted(sheet_names(book))
        for name, lines in converted.items():
            header, *rows = rows_of(book, name)
            assert lines[0] == header
            assert lines[1:] == [[shown(h, v) for h, v in zip(header, row)] for row in rows], name


EDITS = {  # roster -> (column, new value, table, column in the database)
    "volunteers": ("City", "Harrogate", "volunteer", "city"),
    "youth": ("School", "Moor Lane School", "youth", "school"),
    "matches": ("Plan", "Reading and chess", "match", "plan"),
    "sessions": ("Notes", "Rescheduled from Monday", "session", "notes"),
}


def counts(services) -> tuple:
    with services.db.reading() as s:
        return tuple(s.execute(text(
            "SELECT (SELECT count(*) FROM volunteer), (SELECT count(*) FROM youth), "
            "(SELECT count(*) FROM \"match\"), (SELECT count(*) FROM session), "
            "(SELECT count(*) FROM sponsor), (SELECT count(*) FROM branch), "
            "(SELECT count(*) FROM programme)")).one())


@pytest.mark.parametrize("kind", ["volunteers", "youth", "matches", "sessions"])
def test_an_edited_roster_reimports_as_updates(services, world, tmp_path, kind):
    imports = getattr(services, "imports", None)
    if imports is None:
        pytest.skip("the import service is not there yet")
    path = export(services, tmp_path, kind).path
    header, value, table, column = EDITS[kind]
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    col = [c.value for c in ws[1]].index(header)
    record_id = ws.cell(row=2, column=1).value
    ws.cell(row=2, column=col + 1).value = value
    wb.save(path)
    before = counts(services)
    table_read = imports.read(path, kind=kind)
    mapping = imports.propose_mapping(table_read, kind)
    assert mapping.unmapped == () or not mapping.unmapped
    result = imports.apply(imports.preview(table_read, kind, mapping, today=date(2026, 3, 1)),
                           today=date(2026, 3, 1))
    assert (result.created, result.updated, result.rejected) == (0, 1, 0), result.errors
    assert counts(services) == before
    with services.db.reading() as s:
        stored = s.execute(text(f'SELECT {column} FROM "{table}" WHERE id = :i'),
                           {"i": record_id}).scalar()
    assert stored == value
