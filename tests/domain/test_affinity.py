"""Reading availability, meeting times, ages and preferences for the matching assistant."""

from datetime import date

import pytest

from mentordesk.domain.affinity import (
    Meeting,
    Profile,
    age_of,
    availability_reason,
    days_in,
    explain,
    part_of_day,
    preference_reason,
    slots_in,
    tags,
)
from mentordesk.domain.enums import ProgrammeType


@pytest.mark.parametrize("text, days", [
    ("Monday and Wednesday", {0, 2}), ("Tue", {1}), ("Tuesdays", {1}), ("thurs", {3}),
    ("weekends", {5, 6}), ("Weekday afternoons", {0, 1, 2, 3, 4}), ("after school", set()),
])
def test_days_in(text, days):
    assert days_in(text) == days


@pytest.mark.parametrize("text, part", [
    ("09:30", 0), ("12:15", 1), ("16:00", 1), ("17:00", 2), ("5pm", 2), ("4:30 pm", 1),
    ("", None), ("after school", None),
])
def test_part_of_day(text, part):
    assert part_of_day(text) == part


def test_slots_read_days_and_parts():
    assert slots_in("Mon evening, weekends; lunchtimes") == (
        (frozenset({0}), frozenset({2})),
        (frozenset({5, 6}), frozenset({0, 1, 2})),
        (frozenset(range(7)), frozenset({1})),
    )


def test_age_from_birth_date_or_grade():
    assert age_of(date(2013, 5, 17), None, date(2026, 3, 1)) == (12, "12")
    assert age_of(date(2013, 3, 1), "Grade 7", date(2026, 3, 1)) == (13, "13")
    assert age_of(None, "Grade 7", date(2026, 3, 1)) == (12, "about 12 (grade 7)")
    assert age_of(None, None, date(2026, 3, 1)) == (None, "")


def test_availability_against_the_programme_meeting():
    tuesday = Meeting("Club", ProgrammeType.SITE, frozenset({1}), 1, "Tuesday 16:00")
    free = Profile(slots=slots_in("Tue afternoon"), availability="Tue afternoon")
    assert availability_reason(free, tuesday).points == 20
    evening = Profile(slots=slots_in("Tue evening"), availability="Tue evening")
    assert availability_reason(evening, tuesday).points == 8
    monday = Profile(slots=slots_in("Mon"), availability="Mon")
    assert availability_reason(monday, tuesday).text == (
        "Not free when the programme meets (Tuesday 16:00): Mon")
    assert availability_reason(Profile(), tuesday).text == "No availability recorded"


def test_preferences_about_age_language_gender_sport_and_days():
    meeting = Meeting("Club", ProgrammeType.SCHOOL, frozenset({5}), 0, "Saturday 10:00")
    youth = Profile(gender="Female", languages=tags("English"), interests=tags("soccer, art"),
                    age=15, age_text="15")
    volunteer = Profile(gender="Male", languages=tags("English, Spanish"),
                        interests=tags("chess"), days=frozenset({5}))
    assert preference_reason("Happy to mentor a teenager", youth, meeting, "volunteer").points == 5
    assert preference_reason("Prefers a mentee aged 8-11", youth, meeting,
                             "volunteer").points == -10
    assert preference_reason("Prefers weekend meetings", youth, meeting, "volunteer").points == 5
    assert preference_reason("Prefers a school-based match", youth, meeting,
                             "volunteer").points == 5
    assert preference_reason("Prefers a Spanish-speaking mentor", volunteer, meeting,
                             "youth").points == 5
    assert preference_reason("Would like a mentor who likes sports", volunteer, meeting,
                             "youth").points == -10
    assert preference_reason("Guardian asks for weekday meetings", volunteer, meeting,
                             "youth").text.startswith("Youth prefers otherwise")
    assert preference_reason("Would like a male mentor", volunteer, meeting, "youth").points == 5


def test_the_score_caps_preference_points_and_never_goes_below_zero():
    youth = Profile(languages=tags("French"), age=12, age_text="12")
    keen = Profile(preferences=["aged 10-14", "aged 11-13", "aged 12-12"])
    score, why = explain(youth, keen, Meeting())
    assert score == 10  # +15 from preferences, capped at +10
    picky = Profile(preferences=["aged 15-17"])
    assert explain(youth, picky, Meeting())[0] == 0
    assert [r.text for r in why][:2] == [
        "No shared interests", "No language in common (the young person speaks French)"]
