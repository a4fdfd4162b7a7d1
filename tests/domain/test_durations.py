"""Durations as typed on a sign-in sheet: examples, refusals, and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.durations import format_duration, parse_duration
from mentordesk.domain.errors import ValidationError

minutes = st.integers(min_value=1, max_value=24 * 60 - 1)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("90", 90), ("1:30", 90), ("1.5h", 90), ("1.5 h", 90), ("90 min", 90),
        ("1h 30m", 90), ("1h30", 90), ("1h30m", 90), ("1 hour 30 minutes", 90),
        ("1 h and 30 min", 90), ("1,5 horas", 90), ("90 minutos", 90), ("2 hrs", 120),
        ("2 HOURS", 120), ("0:45", 45), ("45m", 45), (".5h", 30), ("  1h   30m ", 90),
        ("90.4 min", 90), ("90.5 min", 91), ("1.51h", 91), ("12:05", 725),
    ],
)
def test_what_people_type(typed, expected):
    assert parse_duration(typed) == expected


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Enter how long the session lasted"),
        ("   ", "Enter how long the session lasted"),
        (None, "Enter how long the session lasted"),
        ("abc", "'abc' is not a duration; type minutes (90)"),
        ("1:75", "'1:75' is not a duration"),
        ("-5", "'-5' is not a duration"),
        ("30 min 1h", "is not a duration"),
        ("1.5", "Say whether '1.5' is hours or minutes: type 1.5h or 1.5 min."),
    ],
)
def test_refusals_say_how_to_type_it(typed, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")) as err:
        parse_duration(typed)
    assert err.value.field == "duration_minutes"
    assert str(err.value).endswith(".")


@given(minutes)
def test_bare_numbers_are_minutes(m):
    assert parse_duration(str(m)) == m
    assert parse_duration(f"{m} min") == m
    assert parse_duration(f"{m}m") == m


@given(minutes)
def test_clock_form_is_hours_and_minutes(m):
    assert parse_duration(f"{m // 60}:{m % 60:02d}") == m


@given(minutes)
def test_hours_and_minutes_with_units(m):
    hours, rest = divmod(m, 60)
    assert parse_duration(f"{hours}h {rest}m") == m
    assert parse_duration(f"{hours} hours {rest} minutes") == m


@given(minutes)
def test_decimal_hours_round_to_the_minute(m):
    assert parse_duration(f"{m / 60:.4f}h") == m
    assert parse_duration(f"{m / 60:.4f} h".replace(".", ",")) == m


@given(minutes)
def test_formatted_durations_read_back(m):
    text = format_duration(m)
    assert parse_duration(text) == m
    assert parse_duration(text.upper()) == m


@given(st.text(max_size=30))
def test_anything_typed_gives_minutes_or_one_validation_error(text):
    try:
        result = parse_duration(text)
    except ValidationError as err:
        assert str(err).endswith(".")
    else:
        assert isinstance(result, int) and result >= 0


def test_format_duration():
    assert [format_duration(m) for m in (None, 5, 60, 90, 600)] == ["", "5m", "1h", "1h 30m", "10h"]
