"""Workbooks written by LibreOffice (xlsx, xls, ods): header under titles, the
user's row numbers, stored values (formula results, never formulas), totals rows
left out, sheets chosen and listed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from tests.importing.datafiles import DATA, one_sentence, sources

from mentordesk.importing.read import list_sheets, read_table
from mentordesk.importing.table import ImportRefused


def _same(read, written) -> bool:
    """A cell as read against the value written: numbers may come back as floats."""
    if written in (None, ""):
        return read is None
    if isinstance(written, (int, float)) and not isinstance(written, bool):
        return isinstance(read, (int, float)) and float(read) == float(written)
    if isinstance(written, datetime) or not isinstance(written, date):
        return read == written
    return read == written or (isinstance(read, datetime) and read == datetime.combine(
        written, datetime.min.time()))


def _assert_rows(table, expected):
    assert [r.number for r in table.rows] == [number for number, _ in expected]
    for row, (number, values) in zip(table.rows, expected):
        assert len(row.values) == len(values), number
        for read, written in zip(row.values, values):
            assert _same(read, written), (number, read, written)


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_the_roster_is_read_the_same_from_every_format(fmt):
    table = read_table(DATA / f"roster_volunteers.{fmt}")
    assert table.file_format == fmt
    assert table.sheet == "Volunteers" and table.sheets == ("Volunteers",)
    assert table.header_row == 4
    assert table.headers == tuple(sources.ROSTER_HEADER)
    _assert_rows(table, sources.ROSTER_ROWS)
    # The "Total volunteers" row (a real =COUNTA formula) is not a volunteer.
    assert [n for n, _ in table.skipped] == [sources.ROSTER_TOTAL_ROW]
    assert "Total volunteers" in table.skipped[0][1]
    assert any("row 4" in note and "Volunteer roster" in note for note in table.notes)


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_formula_looking_text_and_non_latin_names_come_back_exactly(fmt):
    table = read_table(DATA / f"roster_volunteers.{fmt}")
    notes = table.column(table.headers.index("notes"))
    assert '=HYPERLINK("http://evil.example","click me")' in notes
    assert "+1 555 0100 after 5pm" in notes and "@sum(A1:A2)" in notes
    first = table.column(0)
    assert {"Γιώργος", "Анна", "Nguyễn Thị", "Zoë", "  José "} <= set(first)


def test_the_file_hash_is_the_sha256_of_its_bytes():
    import hashlib
    path = DATA / "roster_volunteers.xlsx"
    table = read_table(path)
    assert table.file_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert table.file_name == "roster_volunteers.xlsx"


def test_numbers_dates_and_serials_stay_as_stored():
    table = read_table(DATA / "volunteers_camel.xlsx")
    assert table.header_row == 1 and table.headers == tuple(sources.CAMEL_HEADER)
    _assert_rows(table, sources.CAMEL_ROWS)  # row 5 holds only spaces: not data


def test_the_first_sheet_with_a_table_is_chosen_past_a_cover_sheet():
    table = read_table(DATA / "youth_es.xlsx")
    assert table.sheet == "Jóvenes"
    assert table.sheets == ("Portada", "Jóvenes")  # the hidden "Notas" is not offered
    assert table.header_row == 3 and table.headers == tuple(sources.YOUTH_HEADER)
    _assert_rows(table, sources.YOUTH_ROWS)
    assert table.skipped == ((9, "a totals row (\u201cTotales\u201d), not data"),)


def test_a_sheet_is_found_by_name_even_hidden_and_ignoring_case():
    assert read_table(DATA / "youth_es.xlsx", "jóvenes").sheet == "Jóvenes"
    notes = read_table(DATA / "youth_es.xlsx", "Notas")
    assert notes.headers == ("Nota", "Fecha") and notes.rows[0].values == (
        "Revisar consentimientos", None)


def test_an_unknown_sheet_is_refused_with_the_list_of_sheets():
    with pytest.raises(ImportRefused) as refused:
        read_table(DATA / "youth_es.xlsx", "Hours")
    message = str(refused.value)
    assert "Hours" in message and "Portada" in message and "Jóvenes" in message
    assert one_sentence(message)


def test_list_sheets():
    assert list_sheets(DATA / "youth_es.xlsx") == ("Portada", "Jóvenes")
    assert list_sheets(DATA / "corporate.xls") == ("Hours",)
    assert list_sheets(DATA / "contacts.ods") == ("Contacts",)
    assert list_sheets(DATA / "hours_excel_eu.csv") == ()


def test_checkins_keep_their_typed_durations_and_drop_the_total_row():
    table = read_table(DATA / "checkins.xlsx")
    assert table.header_row == 3 and table.headers == tuple(sources.CHECKIN_HEADER)
    _assert_rows(table, sources.CHECKIN_ROWS)
    assert [n for n, _ in table.skipped] == [sources.CHECKIN_TOTAL_ROW]


def test_a_trailing_row_of_column_sums_without_text_is_not_data():
    table = read_table(DATA / "contacts.ods")
    _assert_rows(table, sources.CONTACT_ROWS)
    assert table.skipped == ((sources.CONTACT_SUM_ROW, "a row of column totals, not data"),)


def test_a_grand_total_row_in_an_xls_is_not_data():
    table = read_table(DATA / "corporate.xls")
    assert table.file_format == "xls"
    _assert_rows(table, sources.CORPORATE_ROWS)
    assert [n for n, _ in table.skipped] == [sources.CORPORATE_TOTAL_ROW]


def test_a_sheet_without_a_header_row_is_refused(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    for row in range(1, 6):
        book.active.append([row, row * 2.5, date(2024, 1, row)])
    book.save(tmp_path / "numbers.xlsx")
    with pytest.raises(ImportRefused, match="no sheet with a header row") as refused:
        read_table(tmp_path / "numbers.xlsx")
    assert one_sentence(str(refused.value))
    with pytest.raises(ImportRefused, match="on sheet “Sheet”"):
        read_table(tmp_path / "numbers.xlsx", "Sheet")


def test_cells_merged_down_below_the_header_repeat_their_value(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["Company", "Name", "Hours"])
    sheet.append(["Acme", "Ana", 2])
    sheet.append([None, "Bo", timedelta(hours=1)])
    sheet.append(["Globex", "Cy", 3])
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "merged.xlsx")
    table = read_table(tmp_path / "merged.xlsx")
    assert table.column(0) == ["Acme", "Acme", "Globex"]
    assert table.column(2)[1] == timedelta(hours=1)


def test_a_macro_enabled_workbook_is_xlsm_and_its_macros_are_never_run(tmp_path):
    import zipfile
    source = zipfile.ZipFile(DATA / "roster_volunteers.xlsx")
    path = tmp_path / "roster.xlsm"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            archive.writestr(info, data)
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run, not even read")
    table = read_table(path)
    assert table.file_format == "xlsm" and table.header_row == 4
    assert len(table.rows) == len(sources.ROSTER_ROWS)


def test_reading_can_be_cancelled():
    from mentordesk.domain.progress import Cancelled

    class Stop:
        def progress(self, done, total, text=""):
            pass

        def check(self):
            raise Cancelled()

    with pytest.raises(Cancelled):
        read_table(DATA / "roster_volunteers.xlsx", progress=Stop())
