"""How well a volunteer suits a young person: plain rules over what people typed.

Used by the matching assistant (services/matching.py; its docstring gives the
weights). `explain` returns the score and the `Reason` lines a coordinator
reads ("Shares 2 interests: soccer, reading"), each with the points it adds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .enums import ProgrammeType
from .values import name_key

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PARTS = ("morning", "afternoon", "evening")  # before 12:00, before 17:00, after
SPORTS = frozenset({"soccer", "basketball", "baseball", "volleyball", "swimming", "hiking",
                    "football", "tennis", "running", "skateboarding", "dance", "cycling"})
INTEREST_POINTS, INTEREST_MAX = 10, 30
LANGUAGES_ALL, LANGUAGES_SOME = 20, 10
SAME_CITY, BRANCH_CITY = 20, 12
FREE_AT_MEETING, FREE_ON_DAY, FREE_NO_SET_DAY = 20, 8, 10
PREFERENCE_MET, PREFERENCES_MAX, PREFERENCE_CONTRADICTED = 5, 10, -10

_WORDS = re.compile(r"[a-z]+")
_DAY_WORDS = {d.lower(): i for i, d in enumerate(DAYS)} | {
    d.lower()[:3]: i for i, d in enumerate(DAYS)} | {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of a score's explanation and the points it adds (0 for a plain note)."""

    text: str
    points: int = 0


@dataclass
class Profile:
    """One side of a possible match, as the rules read it."""

    gender: str | None = None
    city: str | None = None
    languages: dict[str, str] = field(default_factory=dict)  # folded key -> as typed
    interests: dict[str, str] = field(default_factory=dict)
    preferences: list[str] = field(default_factory=list)
    age: int | None = None
    age_text: str = ""
    days: frozenset[int] = frozenset()  # days the volunteer is free
    slots: tuple[Slot, ...] = ()  # when the volunteer is free
    availability: str = ""
    branch: tuple[str, str | None, str | None] | None = None  # (company, branch, city)


@dataclass(frozen=True)
class Meeting:
    """When the young person's programme meets (no days: arranged by the match)."""

    name: str | None = None
    type: ProgrammeType | None = None
    days: frozenset[int] = frozenset()
    part: int | None = None
    when: str = ""


# Tags come from a small vocabulary (interests, languages, cities): fold each once.
fold = lru_cache(maxsize=8192)(name_key)


_LIST = re.compile(r"[,;\n]")


def split_list(text: str | None) -> list[str]:
    """'soccer, reading; art' -> ['soccer', 'reading', 'art']."""
    return [t for t in (p.strip() for p in _LIST.split(text or "")) if t]


@lru_cache(maxsize=8192)
def tags(text: str | None) -> dict[str, str]:
    """Folded key -> the tag as typed. Cached (a rank reads thousands): do not change it."""
    return {fold(t): t for t in split_list(text)}


def days_in(text: str) -> set[int]:
    """Days named in a text: 'Mon', 'Tuesdays', 'weekends', 'Monday and Wednesday'."""
    found: set[int] = set()
    for word in _WORDS.findall(text.lower()):
        if word.startswith("weekday"):
            found |= set(range(5))
        elif word.startswith("weekend"):
            found |= {5, 6}
        else:
            if word.endswith("s") and word[:-1] in _DAY_WORDS:
                word = word[:-1]
            if word in _DAY_WORDS:
                found.add(_DAY_WORDS[word])
    return found


def part_of_day(time_text: str | None) -> int | None:
    """'16:00' -> 1 (afternoon), '5pm' -> 2 (evening); None when no time is given."""
    match = re.search(r"(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?m?", (time_text or "").lower())
    if not match:
        return None
    hour = int(match.group(1)) % 24
    if match.group(3) == "p" and hour < 12:
        hour += 12
    return 0 if hour < 12 else 1 if hour < 17 else 2


Slot = tuple[frozenset[int], frozenset[int]]  # (days, parts of the day)
EVERY_DAY, ALL_DAY = frozenset(range(7)), frozenset(range(3))


@lru_cache(maxsize=8192)
def slots_in(availability: str | None) -> tuple[Slot, ...]:
    """'Mon evening, weekends' -> (({0}, {2}), ({5, 6}, every part))."""
    slots = []
    for tag in split_list(availability):
        low = tag.lower()
        parts = {i for i, p in enumerate(PARTS) if p in low} | ({1} if "lunch" in low else set())
        slots.append((frozenset(days_in(low)) or EVERY_DAY, frozenset(parts) or ALL_DAY))
    return tuple(slots)


def age_of(dob: date | None, grade: str | None, today: date) -> tuple[int | None, str]:
    """Age in years and how to say it; from the grade (about grade + 5) without a birth date."""
    if dob is not None:
        years = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        return years, f"{years}"
    digits = re.search(r"\d+", grade or "")
    if digits:
        years = int(digits.group()) + 5
        return years, f"about {years} (grade {digits.group()})"
    return None, ""


_PREFERENCES = re.compile(r"[;\n]")


def preferences_in(text: str | None) -> list[str]:
    return [p.strip() for p in _PREFERENCES.split(text or "") if p.strip()] if text else []


# --- the parts of the score --------------------------------------------------------------

def interest_reason(youth: Profile, volunteer: Profile) -> Reason:
    shared = [label for key, label in youth.interests.items() if key in volunteer.interests]
    if not shared:
        return Reason("No shared interests")
    noun = "interest" if len(shared) == 1 else "interests"
    points = min(INTEREST_MAX, INTEREST_POINTS * len(shared))
    return Reason(f"Shares {len(shared)} {noun}: {', '.join(shared)}", points)


def language_reason(youth: Profile, volunteer: Profile) -> Reason:
    if not youth.languages:
        return Reason("The young person's languages are not recorded")
    shared = [v for k, v in youth.languages.items() if k in volunteer.languages]
    others = [v for k, v in youth.languages.items() if k not in volunteer.languages]
    if not shared:
        return Reason(f"No language in common (the young person speaks {', '.join(others)})")
    both = "Both speak " + (" and ".join(shared) if len(shared) < 3 else ", ".join(shared))
    if others:
        return Reason(f"{both} (the young person also speaks {', '.join(others)})",
                      LANGUAGES_SOME)
    return Reason(both, LANGUAGES_ALL)


def location_reason(youth: Profile, volunteer: Profile) -> Reason:
    city = volunteer.city
    if not youth.city:
        return Reason("The young person's city is not recorded")
    if city and fold(city) == fold(youth.city):
        return Reason(f"Lives in {city}, like the youth", SAME_CITY)
    company, branch, branch_city = volunteer.branch or (None, None, None)
    if branch_city and fold(branch_city) == fold(youth.city):
        return Reason(f"Works at {company}'s {branch} branch in {branch_city}, the youth's city",
                      BRANCH_CITY)
    if city:
        return Reason(f"Lives in {city}; the youth lives in {youth.city}")
    return Reason("The volunteer's city is not recorded")


def availability_reason(volunteer: Profile, meeting: Meeting) -> Reason:
    if not volunteer.slots:
        return Reason("No availability recorded")
    free = ", ".join(split_list(volunteer.availability))
    if not meeting.days:
        return Reason(f"Free {free}; the programme has no set meeting day", FREE_NO_SET_DAY)
    on_day = [parts for days, parts in volunteer.slots if days & meeting.days]
    if any(meeting.part is None or meeting.part in parts for parts in on_day):
        return Reason(f"Free when the programme meets ({meeting.when}): {free}", FREE_AT_MEETING)
    if on_day:
        return Reason(f"Free on the meeting day but not at {meeting.when}: {free}", FREE_ON_DAY)
    return Reason(f"Not free when the programme meets ({meeting.when}): {free}")


def preference_reason(pref: str, other: Profile, meeting: Meeting, whose: str) -> Reason:
    """A stated preference checked against the other side: met, contradicted or unread."""
    low = pref.lower()
    subject = "the young person" if whose == "volunteer" else "the volunteer"

    def said(ok: bool, detail: str) -> Reason:
        verdict = "preference met" if ok else "prefers otherwise"
        return Reason(f"{whose.capitalize()} {verdict}: “{pref}” ({detail})",
                      PREFERENCE_MET if ok else PREFERENCE_CONTRADICTED)

    ages = re.search(r"(\d{1,2})\s*(?:–|-|to)\s*(\d{1,2})", low)
    if ages and other.age is not None:
        lo, hi = int(ages.group(1)), int(ages.group(2))
        return said(lo <= other.age <= hi, f"{subject} is {other.age_text}")
    if "teen" in low and other.age is not None:
        return said(13 <= other.age <= 19, f"{subject} is {other.age_text}")
    spoken = re.search(r"([a-z]+)[- ]speaking", low)
    if spoken:
        langs = ", ".join(other.languages.values()) or "no recorded language"
        return said(name_key(spoken.group(1)) in other.languages, f"{subject} speaks {langs}")
    for kind in ProgrammeType:
        if kind.label.lower() in low and meeting.type is not None and whose == "volunteer":
            return said(kind == meeting.type, f"{meeting.name} is {meeting.type.label.lower()}")
    gender = ("female" if re.search(r"\b(female|woman)\b", low) else
              "male" if re.search(r"\b(male|man)\b", low) else None)
    if gender and other.gender:
        return said(other.gender.lower() == gender, f"{subject} is {other.gender.lower()}")
    if "sport" in low:
        sports = [v for k, v in other.interests.items() if k in SPORTS]
        return said(bool(sports), f"{subject} likes {', '.join(sports) or 'no sport on record'}")
    likes = re.search(r"\blikes ([a-z ]+)", low)
    if likes and other.interests:
        liked = ", ".join(other.interests.values())
        return said(name_key(likes.group(1).strip()) in other.interests, f"{subject} likes {liked}")
    for word, wanted, label in (("weekend", {5, 6}, "at weekends"),
                                ("weekday", set(range(5)), "on weekdays")):
        if word not in low:
            continue
        if whose == "volunteer" and meeting.type is not None and not meeting.days:
            return said(True, "the programme has no set meeting day")
        days = set(meeting.days) if whose == "volunteer" else other.days
        if days:
            ok = bool(days & wanted)
            return said(ok, f"the programme meets {meeting.when}" if whose == "volunteer"
                        else f"{subject} {'can' if ok else 'cannot'} meet {label}")
    return Reason(f"{whose.capitalize()} preference to check by hand: “{pref}”")


def explain(youth: Profile, volunteer: Profile, meeting: Meeting) -> tuple[int, tuple[Reason, ...]]:
    """The score (0–100) and its lines: the four parts, then each stated preference."""
    parts = [interest_reason(youth, volunteer), language_reason(youth, volunteer),
             location_reason(youth, volunteer), availability_reason(volunteer, meeting)]
    prefs: Sequence[Reason] = (
        [preference_reason(p, youth, meeting, "volunteer") for p in volunteer.preferences]
        + [preference_reason(p, volunteer, meeting, "youth") for p in youth.preferences])
    bonus = min(PREFERENCES_MAX, sum(r.points for r in prefs if r.points > 0))
    score = sum(r.points for r in parts) + bonus + sum(r.points for r in prefs if r.points < 0)
    return max(0, min(100, score)), tuple(parts) + tuple(prefs)
