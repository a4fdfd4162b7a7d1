"""Cell values as people type them: dates, durations, yes/no, text, emails, phones, numbers.
Every refusal is one sentence that says how to fix the value."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from tests.importing.datafiles import one_sentence

from mentordesk.importing.parse import (
    CellError,
    DateOrder,
    detect_date_order,
    parse_bool,
    parse_date,
    parse_email,
    parse_int,
    parse_minutes,
    parse_name,
    parse_number,
    parse_phone,
    parse_text,
)

ISO, DMY, MDY = DateOrder.ISO, DateOrder.DMY, DateOrder.MDY


def refused(function, *args) -> str:
    with pytest.raises(CellError) as error:
        function(*args)
    assert one_sentence(str(error.value)), str(error.value)
    return str(error.value)


@pytest.mark.parametrize("cell, order, expected", [
    (date(2024, 1, 3), ISO, date(2024, 1, 3)),
    (datetime(2024, 1, 3, 14, 30), ISO, date(2024, 1, 3)),
    (45292, ISO, date(2024, 1, 1)),  # Excel's serial for 2024-01-01
    (45292.75, ISO, date(2024, 1, 1)),  # 18:00 that day
    (1, ISO, date(1900, 1, 1)),
    (59, ISO, date(1900, 2, 28)),
    (61, ISO, date(1900, 3, 1)),  # after Excel's phantom 1900-02-29
    (2958465, ISO, date(9999, 12, 31)),
    ("45292", ISO, date(2024, 1, 1)),
    (20241231, ISO, date(2024, 12, 31)),
    ("20241231", ISO, date(2024, 12, 31)),
    ("2024-01-03", ISO, date(2024, 1, 3)),
    ("2024-1-3", ISO, date(2024, 1, 3)),
    ("2024/12/31", ISO, date(2024, 12, 31)),
    ("2024-01-03T14:00:00Z", ISO, date(2024, 1, 3)),
    ("2024-01-03 14:00", ISO, date(2024, 1, 3)),
    ("31/12/2024", ISO, date(2024, 12, 31)),  # reads only one way
    ("12/31/2024", DMY, date(2024, 12, 31)),  # reads only one way
    ("03/04/2024", DMY, date(2024, 4, 3)),
    ("03/04/2024", MDY, date(2024, 3, 4)),
    ("3-4-2024", MDY, date(2024, 3, 4)),
    ("31.12.2024", MDY, date(2024, 12, 31)),
    ("03.04.2024", MDY, date(2024, 4, 3)),  # dots are day first
    ("1/3/2024 2:00 PM", MDY, date(2024, 1, 3)),
    ("5/6/95", DMY, date(1995, 6, 5)),
    ("5/6/29", DMY, date(2029, 6, 5)),  # Excel's two-digit years: 00-29 are 20xx
    ("5/6/30", DMY, date(1930, 6, 5)),
    ("3 Jan 2024", ISO, date(2024, 1, 3)),
    ("03-Jan-24", ISO, date(2024, 1, 3)),
    ("Jan 3, 2024", ISO, date(2024, 1, 3)),
    ("January 3rd 2024", ISO, date(2024, 1, 3)),
    ("Wed, 3 January 2024", ISO, date(2024, 1, 3)),
    ("September 30, 2024", ISO, date(2024, 9, 30)),
    ("3 de enero de 2024", ISO, date(2024, 1, 3)),
    ("miércoles, 3 de enero de 2024", ISO, date(2024, 1, 3)),
    ("15 setiembre 2023", ISO, date(2023, 9, 15)),
    ("3-ene-2024", ISO, date(2024, 1, 3)),
    ("2024 dic 1", ISO, date(2024, 12, 1)),
    ("  ", ISO, None),
    (None, ISO, None),
])
def test_dates(cell, order, expected):
    assert parse_date(cell, order) == expected


@pytest.mark.parametrize("cell, order, words", [
    ("31/02/2024", DMY, "not a real date"),
    ("2024-13-01", ISO, "not a real date"),
    ("30 feb 2024", ISO, "not a real date"),
    ("03/04/2024", ISO, "3 April 2024 or 4 March 2024"),
    (60, ISO, "did not exist"),
    (2024, ISO, "a year"),
    (0, ISO, "not a date"),
    (-5, ISO, "not a date"),
    ("next tuesday", DMY, "not a date"),
    ("Jan 2024", ISO, "not a date"),
    ("123", ISO, "not a date"),
    (True, ISO, "not a date"),
    (time(9, 30), ISO, "not a date"),
])
def test_impossible_or_unreadable_dates_are_refused(cell, order, words):
    assert words in refused(parse_date, cell, order)


def test_the_date_order_is_decided_per_column_by_unambiguous_values():
    assert detect_date_order(["03/04/2024", "25/04/2024", None, 45000]).order is DMY
    column = detect_date_order(["03/04/2024", "04/25/2024"])
    assert column.order is MDY and not column.ambiguous and column.warning is None
    dotted = detect_date_order(["03.04.2024"], default=MDY)
    assert dotted.order is DMY and not dotted.ambiguous


def test_a_column_nothing_decides_is_ambiguous_and_warns():
    column = detect_date_order(["03/04/2024", "05/06/2024", date(2024, 1, 1)], default=MDY)
    assert column.order is MDY and column.ambiguous and "month first" in column.warning
    assert one_sentence(column.warning)
    assert detect_date_order(["03/04/2024"]).order is DMY


def test_a_column_with_both_orders_is_mixed_and_warns():
    column = detect_date_order(["25/01/2024", "26/01/2024", "01/27/2024"])
    assert column.order is DMY and column.mixed and "Some dates" in column.warning


def test_a_column_without_numeric_dates_needs_no_decision():
    column = detect_date_order(["2024-01-03", date(2024, 1, 1), "3 Jan 2024", None, ""])
    assert not column.ambiguous and not column.mixed and column.warning is None


@pytest.mark.parametrize("cell, unit, minutes", [
    ("1:30", "auto", 90), ("90 min", "auto", 90), ("1h 30m", "auto", 90), ("1,5 h", "auto", 90),
    ("2 horas", "auto", 120), (90, "auto", 90), (90.0, "auto", 90), ("90", "minutes", 90),
    (1.5, "hours", 90), ("1,5", "hours", 90), ("1.25", "hours", 75), (2, "hours", 120),
    ("1:30", "hours", 90), (45.5, "minutes", 46), (time(1, 15), "auto", 75),
    (timedelta(hours=26), "auto", 1560), ("PT1H30M", "auto", 90), ("PT26H00M00S", "auto", 1560),
    (datetime(1900, 1, 1, 1, 30), "auto", 1530), (None, "hours", None), ("", "auto", None),
])
def test_durations(cell, unit, minutes):
    assert parse_minutes(cell, unit) == minutes


@pytest.mark.parametrize("cell, unit, words", [
    (1.5, "auto", "hours or minutes"), ("1.5", "auto", "hours or minutes"),
    ("-5", "minutes", "negative"), ("a while", "auto", "not a duration"),
    (date(2024, 1, 1), "auto", "not a duration"), (True, "hours", "not a duration"),
])
def test_unusable_durations_are_refused(cell, unit, words):
    assert words in refused(parse_minutes, cell, unit)


@pytest.mark.parametrize("cell, value", [
    ("yes", True), ("Y", True), ("sí", True), ("Si", True), ("x", True), ("X", True),
    ("true", True), ("TRUE", True), ("1", True), (1, True), (1.0, True), (True, True),
    ("verdadero", True), ("✓", True), ("no", False), ("N", False), ("false", False),
    ("0", False), (0, False), (False, False), ("falso", False), ("No.", False),
    (None, None), ("  ", None),
])
def test_yes_and_no(cell, value):
    assert parse_bool(cell) is value


@pytest.mark.parametrize("cell", ["maybe", 2, "yess", date(2024, 1, 1)])
def test_anything_else_is_not_yes_or_no(cell):
    assert "yes or no" in refused(parse_bool, cell)


@pytest.mark.parametrize("cell, text", [
    (12345.0, "12345"), (12345, "12345"), (2134.0, "2134"), (15551234567.0, "15551234567"),
    (1.5, "1.5"), (0.1 + 0.2, "0.3"), ("  =HYPERLINK(\"x\",\"y\")  ", '=HYPERLINK("x","y")'),
    ("+1 555", "+1 555"), ("@sum(A1)", "@sum(A1)"), ("-chess", "-chess"),
    ("Jose\u0301", "José"), ("a\nb", "a\nb"), (date(2024, 1, 3), "2024-01-03"),
    (datetime(2024, 1, 3, 14, 5), "2024-01-03 14:05"), (datetime(2024, 1, 3), "2024-01-03"),
    (time(9, 0), "09:00"), (timedelta(minutes=95), "1:35"), (True, "TRUE"), (None, None),
    ("   ", None),
])
def test_text(cell, text):
    assert parse_text(cell) == text


def test_names_are_trimmed_and_composed_never_mangled():
    assert parse_name("  Jose\u0301   Nu\u0301n\u0303ez ") == "José Núñez"
    assert parse_name("Nguyễn Thị  Minh Khai") == "Nguyễn Thị Minh Khai"
    assert parse_name("O'Brien-Łukasiewicz") == "O'Brien-Łukasiewicz"
    assert parse_name("Γιώργος") == "Γιώργος" and parse_name(" ") is None


@pytest.mark.parametrize("cell, email", [
    ("  Ana@Example.ORG ", "ana@example.org"), ("mailto:Bo@x.org", "bo@x.org"),
    ("Ana López <ana@x.org>", "ana@x.org"), (None, None), ("", None),
])
def test_emails(cell, email):
    assert parse_email(cell) == email


@pytest.mark.parametrize("cell", ["ana@@x.org", "ana.x.org", "ana @x.org", 5, "Ana <>"])
def test_bad_emails_are_refused(cell):
    assert "email address" in refused(parse_email, cell)


@pytest.mark.parametrize("cell, phone", [
    (5551234567.0, "555 123 4567"), (15551234567.0, "1 555 123 4567"),
    ("(555) 123-4567", "555 123 4567"), ("555.123.4567", "555 123 4567"),
    ("+15551234567", "+1 555 123 4567"), ("+1-555-123-4567", "+1 555 123 4567"),
    ("+34 612-34-56-78", "+34 612 34 56 78"), ("+34612345678", "+34 612 345 678"),
    ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"), (612345678.0, "612 345 678"),
    ("555-1234 ext. 12", "555 1234 ext. 12"), ("555 123 4567 x9", "555 123 4567 ext. 9"),
    ("ask for Ana: 555 0100", "ask for Ana: 555 0100"), (None, None),
])
def test_phones_are_grouped_for_display(cell, phone):
    assert parse_phone(cell) == phone


def test_a_phone_without_digits_is_refused():
    assert "phone number" in refused(parse_phone, "call me")


@pytest.mark.parametrize("cell, number", [
    ("1,5", Decimal("1.5")), ("1.5", Decimal("1.5")), ("1.234,56", Decimal("1234.56")),
    ("1,234.56", Decimal("1234.56")), ("1 234,5", Decimal("1234.5")), ("-3", Decimal(-3)),
    ("1.234.567", Decimal(1234567)), (0.1 + 0.2, Decimal("0.3")), (7, Decimal(7)),
    (None, None), (" ", None),
])
def test_numbers(cell, number):
    assert parse_number(cell) == number


def test_numbers_that_read_two_ways_or_not_at_all_are_refused():
    assert "1.5 or 1500" in refused(parse_number, "1,500")
    assert "not a number" in refused(parse_number, "abc")
    assert "not a number" in refused(parse_number, True)


@pytest.mark.parametrize("cell, number", [
    ("1,234", 1234), ("1.234", 1234), ("12", 12), (12.0, 12), ("1 234", 1234), ("12,0", 12),
    (None, None),
])
def test_whole_numbers(cell, number):
    assert parse_int(cell) == number


def test_fractions_are_not_whole_numbers():
    assert "whole number" in refused(parse_int, "12.5")
    assert "whole number" in refused(parse_int, 2.5)
