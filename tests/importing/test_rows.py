"""Rows through the mapping: typed values, or problems with the user's row numbers."""

from datetime import date, datetime, time, timedelta

from mentordesk.domain.enums import SessionMedium
from mentordesk.importing.kinds import KINDS
from mentordesk.importing.rows import cell_text, convert_rows
from mentordesk.importing.table import SheetTable, SourceRow


def table(headers, rows) -> SheetTable:
    return SheetTable(file_name="t.xlsx", file_hash="0" * 64, file_format="xlsx", sheet="S",
                      sheets=("S",), header_row=3, headers=tuple(headers),
                      rows=tuple(SourceRow(n, tuple(v)) for n, v in rows))


def test_cells_become_typed_values_and_empty_cells_are_left_out():
    t = table(["Email", "Date", "Hours", "Type", "Notes"], [
        (4, ["  Ana@Mail.Example ", "2024-03-05", 1.5, "Presencial", ""]),
        (7, ["bo@mail.example", datetime(2024, 3, 6, 9, 30), "1:15", None, "=1+1"]),
    ])
    columns = {0: "volunteer_email", 1: "date", 2: "hours", 3: "medium", 4: "notes"}
    rows, warnings = convert_rows(t, KINDS["sessions"], columns)
    assert [(r.row, r.values, r.problems) for r in rows] == [
        (4, {"volunteer_email": "ana@mail.example", "date": date(2024, 3, 5), "hours": 90,
             "medium": SessionMedium.IN_PERSON}, []),
        (7, {"volunteer_email": "bo@mail.example", "date": date(2024, 3, 6), "hours": 75,
             "notes": "=1+1"}, []),
    ]
    assert warnings == []


def test_each_bad_cell_is_a_problem_with_row_column_and_value():
    t = table(["Email", "Date", "Duration", "Rating"], [
        (5, ["ana@@mail", "31/02/2024", "1.5", 9]),
        (6, ["ok@mail.example", "01/02/2024", "45", 3]),
    ])
    columns = {0: "volunteer_email", 1: "date", 2: "duration", 3: "rating"}
    rows, _ = convert_rows(t, KINDS["contacts"], columns)
    assert [(p.row, p.column, p.value) for p in rows[0].problems] == [
        (5, "Email", "ana@@mail"), (5, "Date", "31/02/2024"), (5, "Duration", "1.5"),
        (5, "Rating", "9")]
    assert rows[0].problems[3].message == "Rate the relationship from 1 (poor) to 5 (excellent)."
    assert rows[1].problems == [] and rows[1].values["duration"] == 45


def test_a_date_column_nothing_decides_is_read_day_first_with_a_warning():
    t = table(["Date"], [(2, ["03/04/2024"]), (3, ["05/06/2024"])])
    rows, warnings = convert_rows(t, KINDS["sessions"], {0: "date"})
    assert [r.values["date"] for r in rows] == [date(2024, 4, 3), date(2024, 6, 5)]
    assert len(warnings) == 1 and warnings[0].startswith("Column 'Date': ")
    decided = table(["Date"], [(2, ["03/04/2024"]), (3, ["12/31/2024"])])
    rows, warnings = convert_rows(decided, KINDS["sessions"], {0: "date"})
    assert rows[0].values["date"] == date(2024, 3, 4) and warnings == []


def test_cells_are_shown_as_typed():
    assert [cell_text(c) for c in (None, True, 3.0, 2.5, date(2024, 1, 2),
                                   datetime(2024, 1, 2, 10, 30), time(9, 5),
                                   timedelta(minutes=95), "x")] == [
        "", "TRUE", "3", "2.5", "2024-01-02", "2024-01-02 10:30:00", "09:05:00", "1:35", "x"]
