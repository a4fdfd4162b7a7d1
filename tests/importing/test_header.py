"""Finding the header row, naming columns, leaving blank and totals rows out."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.importing.header import column_letter, extract, find_header, make_headers


def test_the_header_is_found_under_title_and_blank_rows():
    rows = [
        ["Volunteer roster 2024", "", "", ""],
        ["", "", "", ""],
        ["Printed", date(2024, 3, 1), "", ""],
        ["Name", "Email", "Phone", "Hours"],
        ["Ana", "ana@x.org", "555 0100", 2],
        ["Bo", "bo@x.org", "555 0101", 3.5],
    ]
    assert find_header(rows) == 3
    table = extract(rows)
    assert table.header_row == 4 and table.headers == ("Name", "Email", "Phone", "Hours")
    assert [r.number for r in table.rows] == [5, 6]
    assert "Volunteer roster 2024" in table.notes[0]


def test_a_data_row_of_text_is_not_taken_for_the_header():
    rows = [["Ana", "ana@x.org", "2024-01-05"], ["Bo", "bo@x.org", "2024-01-06"]]
    assert find_header(rows) is None


def test_rows_of_numbers_have_no_header():
    assert find_header([[1, 2, 3], [4, 5, 6]]) is None
    assert extract([[1, 2], [3, 4]]) is None
    assert find_header([]) is None


def test_the_vocabulary_picks_the_row_that_names_the_expected_columns():
    rows = [
        ["Instructions", "Fill in", "Every row", "Please"],
        ["Correo electrónico", "Fecha", "Horas", "Programa"],
        ["ana@x.org", "15/01/2024", "1,5", "Niños"],
    ]
    assert find_header(rows) == 0  # a wordy first row looks like a header too...
    assert find_header(rows, vocabulary={"correo electronico", "fecha", "horas"}) == 1


def test_a_single_column_list_has_a_header():
    assert extract([["Email"], ["ana@x.org"], ["bo@x.org"]]).headers == ("Email",)


def test_a_header_of_one_repeated_word_is_a_merged_title_not_a_header():
    rows = [["Roster", "Roster", "Roster"], ["Name", "Email", "City"], ["Ana", "a@x.org", "Rome"]]
    assert find_header(rows) == 1


@pytest.mark.parametrize("index, letters", [(0, "A"), (5, "F"), (25, "Z"), (26, "AA"),
                                            (701, "ZZ"), (702, "AAA")])
def test_column_letters(index, letters):
    assert column_letter(index) == letters


def test_blank_and_repeated_header_names_are_made_unique():
    cells = ["Email", "", "email", None, "Name", "Email", "  Notes  ", 2024]
    assert make_headers(cells, range(len(cells))) == (
        "Email", "Column B", "email (2)", "Column D", "Name", "Email (3)", "Notes", "2024")


def test_empty_columns_without_a_header_are_dropped_and_others_kept():
    rows = [["", "Name", "", "Email", ""], ["", "Ana", "note", "a@x.org", ""]]
    table = extract(rows)
    assert table.headers == ("Name", "Column C", "Email")
    assert table.rows[0].values == ("Ana", "note", "a@x.org")


def test_blank_rows_are_left_out_silently():
    rows = [["Name", "Hours"], ["Ana", 1], ["", None], ["  ", ""], ["Bo", 2]]
    table = extract(rows)
    assert [r.number for r in table.rows] == [2, 5] and table.skipped == ()


@pytest.mark.parametrize("label", ["Total", "TOTAL:", "Totals", "Totales", "Grand total",
                                   "Subtotal", "Sum", "Suma", "Total general", "Total hours"])
def test_labelled_totals_rows_are_skipped_with_the_reason(label):
    rows = [["Name", "Hours"], ["Ana", 1], [label, 1], ["Bo", 2]]
    table = extract(rows)
    assert [r.number for r in table.rows] == [2, 4]
    assert table.skipped == ((3, f"a totals row (\u201c{label.strip()}\u201d), not data"),)


@pytest.mark.parametrize("name", ["Sumner", "Totalia", "Ana Total"])
def test_people_whose_names_start_like_totals_are_kept(name):
    rows = [["Name", "Email", "City"], [name, "x@y.org", "Rome"], ["Totally", "t@y.org", "Oslo"]]
    assert len(extract(rows).rows) == 2


def test_a_trailing_row_of_column_sums_without_text_is_skipped():
    rows = [["Name", "Hours", "Miles"], ["Ana", 1.5, 10], ["Bo", 2.25, 0], ["Cy", 1, 5],
            ["", 4.75, 15], ["", None, None]]
    table = extract(rows)
    assert [r.number for r in table.rows] == [2, 3, 4]
    assert table.skipped == ((5, "a row of column totals, not data"),)


def test_text_numbers_in_a_csv_total_row_count_too():
    rows = [["Name", "Hours"], ["Ana", "1,5"], ["Bo", "2,5"], [None, "4"]]
    assert extract(rows).skipped == ((4, "a row of column totals, not data"),)


def test_a_trailing_number_row_that_is_not_the_sum_stays():
    rows = [["Name", "Hours"], ["Ana", 1.5], ["Bo", 2.25], ["", 4]]
    table = extract(rows)
    assert [r.number for r in table.rows] == [2, 3, 4] and table.skipped == ()


def test_row_numbers_can_be_given_by_the_reader():
    rows = [["Name", "Hours"], ["Ana", "1"], ["Bo", "2"]]
    assert [r.number for r in extract(rows, [3, 5, 9]).rows] == [5, 9]
    assert extract(rows, [3, 5, 9]).header_row == 3


def test_short_rows_are_padded_and_long_rows_keep_their_extra_cells():
    rows = [["Name", "Email"], ["Ana"], ["Bo", "b@x.org", "extra"]]
    table = extract(rows)
    assert table.headers == ("Name", "Email", "Column C")
    assert [r.values for r in table.rows] == [("Ana", None, None), ("Bo", "b@x.org", "extra")]


def test_merged_cells_below_the_header_are_filled_down_but_not_titles():
    rows = [["Roster", "", ""], ["Company", "Name", "Hours"], ["Acme", "Ana", 1],
            ["", "Bo", 2], ["Globex", "Cy", 3]]
    merged = [((0, 0), (0, 2)), ((2, 0), (3, 0))]
    table = extract(rows, merged=merged)
    assert [r.values[0] for r in table.rows] == ["Acme", "Acme", "Globex"]
    assert rows[0] == ["Roster", "", ""]


def test_progress_is_reported_and_cancel_is_honoured():
    from mentordesk.domain.progress import Cancelled

    class Control:
        def __init__(self):
            self.calls = []

        def progress(self, done, total, text=""):
            self.calls.append((done, total))

        def check(self):
            if len(self.calls) >= 2:
                raise Cancelled()

    rows = [["Name", "Hours"]] + [[f"P{i}", i] for i in range(5000)]
    control = Control()
    with pytest.raises(Cancelled):
        extract(rows, progress=control)
    assert control.calls == [(0, 5000), (2000, 5000)]
