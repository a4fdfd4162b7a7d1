"""Demo data: a believable programme with two years of history, built in one transaction.

`build_demo(db, size, seed, as_of)` fills an empty database with sponsors and
their branches, programmes, volunteers at every stage of the pipeline (with
employment history, screening checks and pre-match training), youth, matches
with their sessions and support contacts, trainings, socials, conferences and
learning circles. Everything is relative to `as_of` and follows the rules in
`mentordesk.domain.rules`:

- every volunteer who was ever matched was eligible at each match start
  (required checks clear and unexpired, at least 2 hours of pre-match training);
- a youth never has two running one-to-one matches at the same time (nor does
  a match of theirs overlap another in time);
- a volunteer in an open match has the status "matched", a youth in one
  "matched";
- every session lies within its match's dates and within the two years before
  `as_of` (matches that began earlier have their sessions from then on).

The same (size, seed, as_of) always gives the same rows: only one seeded
`random.Random` per stage is used, and nothing depends on the clock except the
`as_of` default and the created/updated timestamps.

Rows are written with bulk Core inserts (`session.execute(insert(Model.__table__),
rows)`, in chunks) inside one `db.transaction()`, so a failure or a cancel leaves
the database as it was. The large size (2,000 volunteers, 3,000 matches, 150,000
sessions) takes about 8 s.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.audit import record
from ..domain.base import utcnow
from ..domain.cadence import BBBS
from ..domain.dates import add_months, whole_months
from ..domain.enums import (
    AttendanceStatus,
    AuditAction,
    CheckResult,
    CheckType,
    ClosureCategory,
    ContactMethod,
    ContactParty,
    EventKind,
    MatchKind,
    MatchStatus,
    ProgrammeType,
    SessionMedium,
    SessionStatus,
    VolunteerStatus,
    YouthStatus,
)
from ..domain.errors import DatabaseError, MentorDeskError
from ..domain.events import Attendance, CircleMember, Event, LearningCircle
from ..domain.matching import ClosureReason, Match, MentoringSession, SupportContact
from ..domain.organisation import Branch, Programme, Sponsor
from ..domain.people import Employment, ScreeningCheck, Volunteer, Youth

__all__ = ["SIZES", "DemoCancelled", "DemoSize", "DemoSummary", "build_demo"]


# --- public API -------------------------------------------------------------------

class DemoCancelled(MentorDeskError):
    """The coordinator cancelled the demo build; nothing was written."""


@dataclass(frozen=True)
class DemoSize:
    """How much to generate. Sessions land within 5% of `target_sessions`."""

    volunteers: int
    youth: int
    matches: int
    sponsors: int
    branches: int
    target_sessions: int
    programmes: int = 3
    circles: int = 3
    # A pre-match training is held every this many days.
    training_every_days: int = 28
    # Share of today's mentors who were already mentoring two years ago.
    veteran_share: float = 0.6


SIZES: dict[str, DemoSize] = {
    "small": DemoSize(
        volunteers=60, youth=55, matches=60, sponsors=4, branches=12,
        target_sessions=3_000, programmes=3, circles=3, training_every_days=28,
        veteran_share=0.35,
    ),
    "large": DemoSize(
        volunteers=2_000, youth=2_000, matches=3_000, sponsors=40, branches=200,
        target_sessions=150_000, programmes=10, circles=12, training_every_days=14,
        veteran_share=0.8,
    ),
}


@dataclass
class DemoSummary:
    size: str
    seed: int
    as_of: date
    counts: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# The tables build_demo fills, in insertion order (the keys of DemoSummary.counts).
TABLES = (
    "programme", "sponsor", "branch", "volunteer", "employment", "screening_check",
    "youth", "match", "session", "support_contact", "learning_circle",
    "circle_member", "event", "attendance", "audit_entry",
)

CHUNK_ROWS = 20_000
HISTORY_DAYS = 730          # two years of sessions, contacts and events
LEGACY_DAYS = 540           # the oldest running matches began this long before that

_STAGES = ("organisation", "volunteers", "youth", "matches", "sessions",
           "support contacts", "events", "finish")


def build_demo(
    db: Database,
    size: str = "small",
    seed: int = 1,
    as_of: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an empty database with demo data; see the module docstring."""
    if size not in SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(SIZES)}.")
    started = time.perf_counter()
    as_of = as_of or date.today()
    summary = DemoSummary(size, seed, as_of, {t: 0 for t in TABLES})
    total = len(_STAGES)

    def step(done: int) -> None:
        if progress is not None:
            progress(done, total)

    def poll() -> None:
        if cancelled is not None and cancelled():
            raise DemoCancelled("Building the demo data was cancelled; nothing was saved.")

    with db.transaction() as s:
        _refuse_unless_empty(s)
        reasons = _closure_reasons(s)
        step(0)
        poll()
        gen = _Generator(SIZES[size], seed, as_of, reasons, utcnow())
        writer = _Writer(s, summary.counts)
        gen.plan()
        gen.write_organisation(writer)
        step(1)
        poll()
        gen.write_volunteers(writer)
        step(2)
        poll()
        gen.write_youth(writer)
        step(3)
        poll()
        gen.write_matches(writer)
        step(4)
        poll()
        gen.write_sessions(writer, poll)
        step(5)
        poll()
        gen.write_contacts(writer)
        step(6)
        poll()
        gen.write_events(writer)
        step(7)
        poll()
        record(s, "database", None, AuditAction.CREATE,
               note=f"demo data generated ({size}, seed {seed})")
        summary.counts["audit_entry"] += 1
        step(8)
    summary.elapsed = time.perf_counter() - started
    return summary


def _refuse_unless_empty(s: Session) -> None:
    for model, what in (
        (Volunteer, "volunteers"), (Youth, "youth"), (Match, "matches"),
        (Sponsor, "sponsors"), (Programme, "programmes"),
    ):
        if s.execute(select(model.id).limit(1)).first() is not None:
            raise DatabaseError(
                f"This database already holds {what}; demo data can only be "
                "generated into a new, empty database."
            )


def _closure_reasons(s: Session) -> list[tuple[int, str, ClosureCategory | None]]:
    rows = s.execute(
        select(ClosureReason.id, ClosureReason.label, ClosureReason.default_category)
        .where(ClosureReason.active.is_(True))
        .order_by(ClosureReason.sort_order, ClosureReason.id)
    ).all()
    if not rows:
        raise DatabaseError(
            "The database has no closure reasons; open it with MentorDesk once so "
            "its reference data is created, then try again."
        )
    return [(r[0], r[1], r[2]) for r in rows]


class _Writer:
    """Bulk inserts in chunks, counting rows per table.

    Inserts go to the model's Table (plain Core executemany): the ORM's bulk path
    splits a list into one statement per pattern of NULL columns, which is many
    times slower here, and these rows need no ORM behaviour (the audit log gets
    one hand-written entry for the whole build).
    """

    def __init__(self, s: Session, counts: dict[str, int]):
        self.s = s
        self.counts = counts

    def insert(self, model: type, rows: Sequence[dict]) -> None:
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = rows[start:start + CHUNK_ROWS]
            if chunk:
                self.s.execute(insert(model.__table__), list(chunk))
        self.counts[model.__tablename__] += len(rows)

    def insert_ids(self, model: type, rows: Sequence[dict]) -> list[int]:
        """Insert and return the new ids in the order of `rows`."""
        ids: list[int] = []
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = list(rows[start:start + CHUNK_ROWS])
            if chunk:
                table = model.__table__
                result = self.s.execute(
                    insert(table).returning(table.c.id, sort_by_parameter_order=True), chunk
                )
                ids.extend(result.scalars().all())
        self.counts[model.__tablename__] += len(rows)
        return ids


# --- reference data: names, places, words ------------------------------------------

@dataclass(frozen=True)
class _Culture:
    female: tuple[str, ...]
    male: tuple[str, ...]
    # A surname, or (masculine, feminine) where the language inflects it.
    last: tuple[str | tuple[str, str], ...]
    language: str | None
    share: float


_CULTURES: dict[str, _Culture] = {
    "english": _Culture(
        ("Emily", "Sarah", "Jessica", "Hannah", "Olivia", "Grace", "Megan", "Rachel", "Laura",
         "Chloe", "Amelia", "Sophie", "Katherine", "Abigail", "Natalie", "Brianna", "Tamika"),
        ("James", "Michael", "David", "Daniel", "Matthew", "Andrew", "Ryan", "Thomas",
         "Christopher", "Benjamin", "Samuel", "Nathan", "Jacob", "Ethan", "William", "Marcus",
         "DeShawn"),
        ("Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Wilson", "Anderson",
         "Thompson", "Martin", "Clarke", "Walker", "Robinson", "Wright", "Hughes", "Edwards",
         "Lewis", "Baker", "Carter", "Mitchell", "O'Brien", "Washington", "Jackson", "Harris"),
        None, 0.34),
    "spanish": _Culture(
        ("María", "Lucía", "Sofía", "Ana", "Carmen", "Valentina", "Camila", "Isabel", "Inés",
         "Gabriela", "Ximena", "Mónica"),
        ("José", "Luis", "Jesús", "Andrés", "Javier", "Martín", "Sebastián", "Alejandro",
         "Tomás", "Ramón", "Joaquín", "Raúl"),
        ("García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
         "Sánchez", "Ramírez", "Torres", "Flores", "Núñez", "Jiménez", "Muñoz", "Ibáñez",
         "Castillo", "Peña", "Ordóñez"),
        "Spanish", 0.18),
    "portuguese": _Culture(
        ("Inês", "Beatriz", "Conceição", "Leonor", "Mariana", "Luísa"),
        ("João", "Gonçalo", "Tiago", "Luís", "Rodrigo", "Sebastião"),
        ("Gonçalves", "Araújo", "Simões", "Magalhães", "Fernandes", "Brandão", "Antunes",
         "Assunção"),
        "Portuguese", 0.04),
    "german": _Culture(
        ("Käthe", "Jülide", "Anneliese", "Jana", "Greta", "Lena"),
        ("Jürgen", "Jörg", "Lukas", "Matthias", "Günther", "Felix"),
        ("Müller", "Schröder", "Schäfer", "Weiß", "Köhler", "Bäcker", "Fischer", "Krüger"),
        "German", 0.04),
    "polish": _Culture(
        ("Małgorzata", "Agnieszka", "Zofia", "Katarzyna", "Joanna"),
        ("Łukasz", "Paweł", "Piotr", "Krzysztof", "Michał"),
        (("Wójcik", "Wójcik"), ("Kowalski", "Kowalska"), ("Nowak", "Nowak"),
         ("Wiśniewski", "Wiśniewska"), ("Dąbrowski", "Dąbrowska"), ("Łukasik", "Łukasik")),
        "Polish", 0.04),
    "irish": _Culture(
        ("Siobhán", "Aoife", "Niamh", "Caoimhe", "Sinéad", "Róisín"),
        ("Seán", "Ciarán", "Pádraig", "Eoin", "Oisín", "Cathal"),
        ("Ó Briain", "Murphy", "Kelly", "Ní Dhomhnaill", "Ó Súilleabháin", "Byrne", "Walsh"),
        None, 0.04),
    "french": _Culture(
        ("Zoë", "Chloé", "Renée", "Hélène", "Amélie", "Noémie"),
        ("François", "Jérôme", "Benoît", "Théo", "Gaël", "Loïc"),
        ("Lefèvre", "Dubois", "Girard", "Béranger", "Mercier", "Leroy", "Moreau"),
        "French", 0.03),
    "vietnamese": _Culture(
        ("Linh", "Thảo", "Hương", "Mai", "Ngọc", "Trang"),
        ("Minh", "Dũng", "Quân", "Tuấn", "Huy", "Đức"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"),
        "Vietnamese", 0.05),
    "greek": _Culture(
        ("Μαρία", "Ελένη", "Κατερίνα", "Δήμητρα", "Σοφία", "Αγγελική"),
        ("Γιώργος", "Νίκος", "Κώστας", "Δημήτρης", "Γιάννης", "Παναγιώτης"),
        (("Παπαδόπουλος", "Παπαδοπούλου"), ("Νικολάου", "Νικολάου"),
         ("Γεωργίου", "Γεωργίου"), ("Οικονόμου", "Οικονόμου"),
         ("Καραγιάννης", "Καραγιάννη"), ("Βασιλείου", "Βασιλείου")),
        "Greek", 0.05),
    "cyrillic": _Culture(
        ("Анна", "Мария", "Ольга", "Екатерина", "Наталья", "Юлия"),
        ("Дмитрий", "Алексей", "Сергей", "Иван", "Андрей", "Олег"),
        (("Смирнов", "Смирнова"), ("Иванов", "Иванова"), ("Кузнецов", "Кузнецова"),
         ("Попов", "Попова"), ("Соколов", "Соколова"), ("Шевченко", "Шевченко"),
         ("Коваленко", "Коваленко")),
        "Russian", 0.06),
    "south_asian": _Culture(
        ("Priya", "Ananya", "Aisha", "Fatima", "Kavya", "Nisha"),
        ("Arjun", "Rahul", "Imran", "Vikram", "Rohan", "Sanjay"),
        ("Patel", "Sharma", "Khan", "Singh", "Reddy", "Iyer", "Chowdhury"),
        "Hindi", 0.05),
    "east_asian": _Culture(
        ("Mei", "Xiu Ying", "Yuna", "Hana", "Ji-woo"),
        ("Wei", "Jun", "Hiroshi", "Min-jun", "Kenji"),
        ("Zhang", "Wang", "Li", "Chen", "Kim", "Park", "Tanaka"),
        "Mandarin", 0.03),
    "west_african": _Culture(
        ("Chiamaka", "Amara", "Adaeze", "Fatou", "Abena"),
        ("Chidi", "Kwame", "Oluwaseun", "Moussa", "Kofi"),
        ("Okafor", "Mensah", "Adeyemi", "Diallo", "Owusu", "Nwosu"),
        "French", 0.03),
}

_UKRAINIAN_SURNAMES = {"Шевченко", "Коваленко"}

_CITIES = (
    ("Columbus", "614", "43215"), ("Cincinnati", "513", "45202"), ("Dayton", "937", "45402"),
    ("Cleveland", "216", "44114"), ("Toledo", "419", "43604"), ("Akron", "330", "44308"),
    ("Pittsburgh", "412", "15222"), ("Indianapolis", "317", "46204"),
    ("Louisville", "502", "40202"), ("Lexington", "859", "40507"), ("Detroit", "313", "48226"),
    ("Chicago", "312", "60601"), ("Milwaukee", "414", "53202"),
    ("Minneapolis", "612", "55401"), ("St. Louis", "314", "63101"),
    ("Kansas City", "816", "64105"), ("Nashville", "615", "37203"), ("Atlanta", "404", "30303"),
    ("Charlotte", "704", "28202"), ("Raleigh", "919", "27601"), ("Richmond", "804", "23219"),
    ("Philadelphia", "215", "19103"), ("Baltimore", "410", "21202"), ("Boston", "617", "02110"),
    ("Denver", "303", "80202"), ("Austin", "512", "78701"), ("San Antonio", "210", "78205"),
    ("Phoenix", "602", "85004"), ("Albuquerque", "505", "87102"), ("Miami", "305", "33130"),
)
# Most of the organisation's people live around its home city and its neighbours.
_HOME_CITIES = 6

_SPONSOR_PREFIXES = (
    "Harbourview", "Brightline", "Northgate", "Cedar Ridge", "Bluewater", "Summit Peak",
    "Keystone", "Riverbend", "Ironwood", "Silverleaf", "Lakeshore", "Redstone", "Oakhurst",
    "Pinecrest", "Goldfield", "Westbrook", "Clearwater", "Stonebridge", "Fairmont",
    "Highland", "Evergreen", "Maplewood", "Crescent", "Granite State", "Bellweather",
    "Copperline", "Driftwood", "Foxhollow", "Greenway", "Hollister", "Juniper", "Kingsbury",
    "Larkspur", "Meadowlark", "Northstar", "Orchard Hill", "Prairie", "Quarry Lane",
    "Ravenswood", "Sycamore", "Tidewater", "Union Square", "Valley Forge", "Willowbrook",
    "Yellowstone", "Zephyr",
)
_SPONSOR_SUFFIXES = (
    "Insurance", "Bank", "Energy", "Logistics", "Health Partners", "Software",
    "Engineering", "Foods", "Retail Group", "Credit Union", "Manufacturing", "Telecom",
    "Consulting", "Law LLP", "Pharmaceuticals", "Realty", "Analytics", "Hospitality",
)
_BRANCH_KINDS = (
    "Head office", "Downtown", "North campus", "South office", "Distribution centre",
    "Service centre", "Plant", "Lab", "East office", "West office", "Call centre",
    "Innovation hub",
)

# (name, type, meeting day(s), meeting time, school, youth age range)
_PROGRAMMES = (
    ("Community Mentoring", ProgrammeType.COMMUNITY, None, None, None, (8, 16)),
    ("Lincoln Elementary Lunch Buddies", ProgrammeType.SCHOOL, "Tuesday", "12:15",
     "Lincoln Elementary School", (8, 11)),
    ("Eastside Youth Centre After-School Mentoring", ProgrammeType.SITE,
     "Monday and Wednesday", "16:00", None, (9, 15)),
    ("Teen Mentoring Network", ProgrammeType.COMMUNITY, None, None, None, (12, 17)),
    ("Roosevelt Middle School Mentors", ProgrammeType.SCHOOL, "Thursday", "14:30",
     "Roosevelt Middle School", (11, 14)),
    ("Library Homework Club", ProgrammeType.SITE, "Tuesday and Thursday", "15:30", None,
     (8, 13)),
    ("Franklin Elementary Reading Pals", ProgrammeType.SCHOOL, "Wednesday", "11:45",
     "Franklin Elementary School", (8, 11)),
    ("Community Mentoring – Dayton", ProgrammeType.COMMUNITY, None, None, None, (8, 16)),
    ("Westside High Career Mentors", ProgrammeType.SCHOOL, "Friday", "13:00",
     "Westside High School", (14, 17)),
    ("Boys & Girls Club Site Mentoring", ProgrammeType.SITE, "Monday and Thursday", "17:00",
     None, (8, 14)),
    ("Hilltop Elementary Lunch Buddies", ProgrammeType.SCHOOL, "Monday", "12:00",
     "Hilltop Elementary School", (8, 11)),
    ("Southside Teen Centre Mentoring", ProgrammeType.SITE, "Tuesday and Friday", "16:30",
     None, (12, 17)),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_STREETS = ("Oak Street", "Broad Street", "High Street", "Main Street", "Livingston Avenue",
            "Parsons Avenue", "Cleveland Avenue", "Sullivant Avenue", "Morse Road", "Fifth Avenue")
_COMMUNITY_SCHOOLS = (
    "Eastmoor Academy", "Linden STEM Academy", "Southside Middle School",
    "Whetstone High School", "St. Mary's School", "Marion-Franklin High School",
    "Weinland Park Elementary", "Columbus Africentric School", "Dominion Middle School",
    "Indianola K-8", "Ohio Avenue Elementary", "Mifflin High School",
)
_COORDINATORS = ("Rosa Delgado", "Tom Becker", "Priya Raman", "Keisha Brown", "Sam O'Neill",
                 "Hannah Cho", "Miguel Ortega", "Grace Adeyemi")

_INTERESTS = (
    "soccer", "basketball", "reading", "coding", "art", "music", "cooking", "chess",
    "science", "hiking", "video games", "photography", "dance", "baseball", "swimming",
    "writing", "theatre", "gardening", "robotics", "maths", "history", "animals", "crafts",
    "skateboarding", "volleyball",
)
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_PARTS = ("morning", "afternoon", "evening")
_VOLUNTEER_PREFERENCES = (
    "Prefers a mentee aged 10–14", "Happy to mentor a teenager", "Prefers a school-based match",
    "Would like a Spanish-speaking mentee", "Prefers weekend meetings",
    "Can meet near the downtown office",
)
_YOUTH_PREFERENCES = (
    "Would like a female mentor", "Would like a male mentor",
    "Would like a mentor who likes sports", "Prefers a Spanish-speaking mentor",
    "Guardian asks for weekday meetings",
)
_PLAN_GOALS = (
    "Build reading confidence", "Set up a weekly homework routine",
    "Explore careers in {interest}", "Try one new activity each month",
    "Prepare for the move to middle school", "Build self-esteem and speak up in class",
    "Practise English conversation", "Set and track a personal goal each month",
    "Visit the library together every month", "Work on a {interest} project together",
    "Improve school attendance", "Plan for high school course choices",
)
_SESSION_NOTES = (
    "Worked on fractions homework.", "Went to the library; picked two new books.",
    "Played soccer at the park.", "Cooked pancakes together.", "Started a Scratch project.",
    "Visited the science museum.", "Talked about the move to middle school.",
    "Practised for the spelling bee.", "Made a plan for the science fair.",
    "Walked to the ice-cream shop and talked about goals.",
)
_CANCEL_NOTES = ("Youth unwell.", "Mentor travelling for work.", "Snow day.",
                 "Family emergency.", "School event clashed.")
_CONCERNS = (
    "Youth struggling with maths; mentor asked for tutoring resources.",
    "Meetings have been irregular for a few weeks.",
    "Guardian worried about school attendance.",
    "Mentor unsure how to handle a disclosure of bullying; discussed reporting steps.",
    "Youth seems withdrawn; suggested activities they choose.",
    "Scheduling conflicts with the mentor's new shifts.",
    "Family may move later this year.",
)
_CONTACT_NOTES = ("Match going well.", "Enjoying their meetings.", "Planning a museum visit.",
                  "Talked through goals for the term.", "")

_PRE_MATCH_TOPICS = (
    "Child safety, boundaries and reporting", "Your first three meetings",
    "Roles and expectations of a mentor", "Cultural humility and working with families",
)
_ONGOING_TOPICS = (
    "Building trust with your mentee", "Supporting youth through transitions",
    "Trauma-informed mentoring", "Goal setting with your mentee",
    "Talking about college and careers", "Online safety for mentors",
    "Closing a match well", "Supporting reading at home", "Mentoring across cultures",
)
_SOCIALS = ("Summer picnic", "Bowling night", "Autumn pumpkin patch trip", "Holiday party",
            "Volunteer appreciation evening", "Spring kickball game")
_CIRCLES = (
    ("New Mentors Circle", "The first year of a match: what works"),
    ("Reading Buddies Circle", "Encouraging young readers"),
    ("STEM Mentors Circle", "Science, coding and making with mentees"),
    ("Teen Mentors Circle", "Mentoring teenagers through high school"),
    ("Newcomer Families Circle", "Supporting families new to the country"),
    ("Career Pathways Circle", "Careers, internships and first jobs"),
    ("Sports & Wellbeing Circle", "Active meetings and mental health"),
    ("Long-Term Mentors Circle", "Sustaining matches beyond two years"),
    ("Bilingual Mentors Circle", "Mentoring in two languages"),
    ("School-Based Mentors Circle", "Making the most of lunchtime meetings"),
    ("Working Parents Circle", "Mentoring alongside work and family"),
    ("Arts & Culture Circle", "Museums, music and making art together"),
    ("Leadership Circle", "Mentors who mentor new mentors"),
    ("Weekend Adventures Circle", "Low-cost outings around the city"),
)

_CLOSURE_NOTES: dict[str, tuple[str, ...]] = {
    "Accomplished goals / completed the commitment": (
        "Completed the commitment; final celebration at the park.",
        "Goals met; closure letters sent to both.",
        "Closure meeting held; exit surveys done.",
    ),
    "Formal closure at end of term": (
        "End of the school year; final lunch together.", "Closed at the end of term as planned.",
    ),
    "Volunteer moved away": ("Mentor relocated for work; closure call with the family.",
                             "Mentor moved out of state; goodbye letter exchanged."),
    "Volunteer no longer has time (work or family)": (
        "Mentor's new role left no time; final meeting held.",
        "Mentor expecting a baby; closed with a planned last outing.",
    ),
    "Volunteer lost interest": ("Mentor stopped responding; closure call with guardian.",),
    "Youth or family moved": ("Family moved to another city.", "Family moved; referred on."),
    "Youth changed school": ("Youth changed school mid-year.",),
    "Youth graduated early": ("Youth graduated and started college.",),
    "Youth resistant or lost interest": ("Youth asked to stop meeting.",
                                         "Youth lost interest; rematch discussed."),
    "Youth frequently absent": ("Youth missed most meetings this term.",),
    "Lack of communication or availability": ("Contact broke down on both sides.",),
    "Needs changed": ("Youth's needs changed; family asked to close.",),
    "Connection has ended": ("The relationship had run its course.",),
    "Auto-closed after inactivity": ("No contact for 60 days; closed after repeated attempts.",),
    "Safety or policy concern": ("Closed after a policy concern; see coordinator file.",),
    "Programme or site ended": ("Site programme ended for the year.",),
    "Other": ("See coordinator notes.",),
}

# Relative weights of closure reasons when both sides could go on; adjusted per match.
_REASON_WEIGHTS = {
    "Accomplished goals / completed the commitment": 3.0,
    "Formal closure at end of term": 0.5,
    "Volunteer moved away": 1.5,
    "Volunteer no longer has time (work or family)": 3.0,
    "Volunteer lost interest": 1.0,
    "Youth or family moved": 1.5,
    "Youth changed school": 0.8,
    "Youth graduated early": 0.3,
    "Youth resistant or lost interest": 1.0,
    "Youth frequently absent": 0.6,
    "Lack of communication or availability": 1.4,
    "Needs changed": 0.6,
    "Connection has ended": 0.6,
    "Auto-closed after inactivity": 0.4,
    "Safety or policy concern": 0.12,
    "Programme or site ended": 0.3,
    "Other": 0.3,
}
_REASONS_ENDING_VOLUNTEER = {
    "Volunteer moved away", "Volunteer no longer has time (work or family)",
    "Volunteer lost interest", "Safety or policy concern",
}
_REASONS_ENDING_YOUTH = {"Youth or family moved", "Youth graduated early",
                         "Safety or policy concern"}

# The volunteer pipeline of a programme with two years of history.
_STATUS_SHARES = (
    (VolunteerStatus.MATCHED, 0.63),
    (VolunteerStatus.ACCEPTED, 0.07),
    (VolunteerStatus.INACTIVE, 0.12),
    (VolunteerStatus.INQUIRY, 0.03),
    (VolunteerStatus.APPLIED, 0.03),
    (VolunteerStatus.SCREENING, 0.05),
    (VolunteerStatus.DEFERRED, 0.02),
    (VolunteerStatus.DECLINED, 0.02),
    (VolunteerStatus.WITHDRAWN, 0.03),
)
_EXPIRY_YEARS = {
    CheckType.CRIMINAL_RECORD: (2, 3),
    CheckType.CHILD_ABUSE_REGISTRY: (2, 3),
    CheckType.DRIVING_RECORD: (2, 2),
}
_PROVIDERS = {
    CheckType.CRIMINAL_RECORD: ("State BCI fingerprint check", "FBI fingerprint check"),
    CheckType.CHILD_ABUSE_REGISTRY: ("State central registry",),
    CheckType.DRIVING_RECORD: ("Bureau of Motor Vehicles",),
    CheckType.REFERENCES: ("3 references",),
}
_CLEARED_CHECKS = (CheckType.APPLICATION, CheckType.INTERVIEW, CheckType.REFERENCES,
                   CheckType.CRIMINAL_RECORD, CheckType.CHILD_ABUSE_REGISTRY)


# --- small helpers -------------------------------------------------------------------

_TRANSLIT = {
    # Latin letters that do not decompose
    "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th",
    "ı": "i",
    # Greek
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
    # Cyrillic
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: 'Γιώργος' -> 'giorgos', 'Łukasz' -> 'lukasz'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    base = base.replace("ου", "ou")
    out = "".join(_TRANSLIT.get(ch, ch) for ch in base)
    return _NON_ALNUM.sub("", out)


def _shares(rng: random.Random, items: Sequence[tuple[Any, float]], n: int) -> list[Any]:
    """Exactly `n` items in the given shares (largest remainder), shuffled."""
    total = sum(w for _, w in items)
    raw = [(item, n * w / total) for item, w in items]
    counts = [int(x) for _, x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i][1] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    out = [item for (item, _), c in zip(raw, counts) for _ in range(c)]
    rng.shuffle(out)
    return out


def _partition(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """`parts` integers in [low, high] that add up to `total` (clamped if impossible)."""
    total = max(parts * low, min(parts * high, total))
    sizes = [low] * parts
    left = total - parts * low
    while left > 0:
        i = rng.randrange(parts)
        if sizes[i] < high:
            sizes[i] += 1
            left -= 1
    return sizes


def _between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _weighted(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in choices)
    x = rng.random() * total
    for item, w in choices:
        x -= w
        if x < 0:
            return item
    return choices[-1][0]


def _years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)


# --- the plan ----------------------------------------------------------------------

@dataclass(slots=True)
class _Person:
    culture: str
    female: bool
    first: str
    last: str
    family: tuple[str, str] | None = None  # (masculine, feminine) surname forms


@dataclass(slots=True)
class _PlannedVolunteer:
    status: VolunteerStatus
    person: _Person | None = None
    lanes: list[int] = field(default_factory=list)
    ready: date | None = None           # eligible to be matched from this day
    applied_on: date | None = None
    entered: date | None = None          # when the volunteer first got in touch
    drives: bool = False
    prior_minutes: int = 0
    horizon: date | None = None          # checks are renewed to stay valid through this day
    sponsor: int | None = None
    last_start: date | None = None
    last_end: date | None = None         # end of the last closed match (None: open or none)
    starts: list[date] = field(default_factory=list)  # match start dates, ascending
    interests: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Lane:
    volunteer: int
    start: date
    end: date
    open: bool
    k: int = 1
    cap: int = 1
    span: int = 0


@dataclass(slots=True)
class _PlannedMatch:
    volunteer: int
    lane: int | None
    status: MatchStatus
    start: date | None
    end: date | None
    proposed_on: date | None
    youth: int = -1
    programme: int = -1
    hold_from: date | None = None
    volunteer_continues: bool = False
    youth_continues: bool = False
    reason: tuple[int, str, ClosureCategory | None] | None = None
    category: ClosureCategory | None = None
    rematch: bool | None = None
    note: str = ""
    plan: str = ""


@dataclass(slots=True)
class _PlannedYouth:
    programme: int
    person: _Person | None = None
    matches: list[int] = field(default_factory=list)
    status: YouthStatus = YouthStatus.WAITING
    referred_on: date | None = None
    consent_on: date | None = None
    interests: list[str] = field(default_factory=list)


class _Generator:
    def __init__(self, size: DemoSize, seed: int, as_of: date,
                 reasons: list[tuple[int, str, ClosureCategory | None]], now):
        self.size = size
        self.seed = seed
        self.as_of = as_of
        self.w0 = as_of - timedelta(days=HISTORY_DAYS)
        self.earliest = self.w0 - timedelta(days=LEGACY_DAYS)
        self.reasons = reasons
        self.stamp = {"version": 1, "created_at": now, "updated_at": now}
        self.emails: set[str] = set()

    def rng(self, stage: str) -> random.Random:
        return random.Random(f"mentordesk-demo:{self.seed}:{stage}")

    # ---- people ----

    def _people(self, rng: random.Random, n: int) -> list[_Person]:
        cultures = _shares(rng, [(k, c.share) for k, c in _CULTURES.items()], n)
        people = []
        for key in cultures:
            c = _CULTURES[key]
            female = rng.random() < 0.55
            first = rng.choice(c.female if female else c.male)
            last = rng.choice(c.last)
            family = None
            if isinstance(last, tuple):
                family = last
                last = last[1] if female else last[0]
            people.append(_Person(key, female, first, last, family))
        return people

    def _languages(self, rng: random.Random, person: _Person, youth: bool = False) -> str:
        c = _CULTURES[person.culture]
        langs = ["English"]
        own = c.language
        if person.culture == "cyrillic" and person.last in _UKRAINIAN_SURNAMES:
            own = "Ukrainian"
        if own and rng.random() < (0.85 if not youth else 0.7):
            langs.append(own)
        elif rng.random() < 0.08:
            langs.append(rng.choice(("Spanish", "French", "American Sign Language")))
        if youth and own == "Spanish" and rng.random() < 0.1:
            langs = ["Spanish"]
        return ", ".join(langs)

    def _interests(self, rng: random.Random, shared: Sequence[str] = ()) -> list[str]:
        """2-4 interests; a matched youth shares one with a mentor (as a good match would)."""
        chosen = [rng.choice(shared)] if shared else []
        wanted = rng.randint(2, 4)
        while len(chosen) < wanted:
            pick = rng.choice(_INTERESTS)
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def _availability(self, rng: random.Random) -> str:
        slots = set()
        for _ in range(rng.randint(1, 3)):
            day = rng.choices(range(7), weights=(3, 3, 3, 3, 2, 4, 2))[0]
            part = "evening" if day < 5 and rng.random() < 0.6 else rng.choice(_DAY_PARTS)
            slots.add((day, _DAY_PARTS.index(part)))
        return ", ".join(f"{_DAY_ABBR[d]} {_DAY_PARTS[p]}" for d, p in sorted(slots))

    def _phone(self, rng: random.Random, area: str) -> str:
        number = f"555-{rng.randint(100, 9999):04d}"
        style = rng.random()
        if style < 0.6:
            return f"({area}) {number}"
        if style < 0.9:
            return f"{area}-{number}"
        return f"+1 {area} {number}"

    def _email(self, rng: random.Random, person: _Person, domain: str) -> str:
        first, last = slug(person.first) or "mentor", slug(person.last) or "volunteer"
        pattern = rng.random()
        local = (f"{first}.{last}" if pattern < 0.6 else
                 f"{first[0]}{last}" if pattern < 0.85 else f"{first}{last[:1]}")
        candidate = f"{local}@{domain}"
        n = 2
        while candidate in self.emails:
            candidate = f"{local}{n}@{domain}"
            n += 1
        self.emails.add(candidate)
        return candidate

    # ---- planning (no database) ----

    def plan(self) -> None:
        self._plan_organisation()
        self._plan_volunteer_statuses()
        self._plan_lanes()
        self._plan_match_dates()
        self._plan_youth_assignment()
        self._plan_closures()
        self._plan_youth_statuses()
        self._plan_proposals()
        self._plan_volunteer_dates()
        self._plan_events()

    def _plan_organisation(self) -> None:
        rng = self.rng("organisation")
        size = self.size
        self.programmes = [_PROGRAMMES[i % len(_PROGRAMMES)] for i in range(size.programmes)]
        prefixes = rng.sample(_SPONSOR_PREFIXES, min(size.sponsors, len(_SPONSOR_PREFIXES)))
        names: list[str] = []
        for i in range(size.sponsors):
            prefix = prefixes[i % len(prefixes)]
            name = f"{prefix} {rng.choice(_SPONSOR_SUFFIXES)}"
            while name in names:
                name = f"{prefix} {rng.choice(_SPONSOR_SUFFIXES)}"
            names.append(name)
        self.sponsor_names = names
        self.sponsor_prefixes = [prefixes[i % len(prefixes)] for i in range(size.sponsors)]
        low, high = (2, 4) if size.branches <= size.sponsors * 4 else (2, 10)
        branch_counts = _partition(rng, size.branches, size.sponsors, low, high)
        self.branches: list[tuple[int, str, str, str, int]] = []  # sponsor, name, city, area, hc
        for sp, count in enumerate(branch_counts):
            cities = rng.sample(range(len(_CITIES)), min(count, len(_CITIES)))
            # Every sponsor has offices around the home city; large ones further away too.
            cities[0] = rng.randrange(_HOME_CITIES)
            used: set[str] = set()
            for j in range(count):
                city, area, _ = _CITIES[cities[j % len(cities)]]
                kind = "Head office" if j == 0 else rng.choice(_BRANCH_KINDS[1:])
                name = f"{city} {kind}"
                while name in used:
                    name = f"{city} {rng.choice(_BRANCH_KINDS[1:])}"
                    if name in used:
                        name = f"{city} {kind} {len(used) + 1}"
                used.add(name)
                headcount = int(math.exp(rng.uniform(math.log(40), math.log(2000))))
                if headcount > 100:
                    headcount = round(headcount, -1)
                headcount = max(40, min(2000, headcount))
                self.branches.append((sp, name, city, area, headcount))
        self.branches_of: list[list[int]] = [[] for _ in range(size.sponsors)]
        for b, row in enumerate(self.branches):
            self.branches_of[row[0]].append(b)
        self.sponsor_weights = [
            sum(self.branches[b][4] for b in bs) ** 0.7 for bs in self.branches_of
        ]

    def _plan_volunteer_statuses(self) -> None:
        rng = self.rng("volunteers")
        statuses = _shares(rng, _STATUS_SHARES, self.size.volunteers)
        self.volunteers = [_PlannedVolunteer(st) for st in statuses]
        people = self._people(rng, len(statuses))
        for v, person in zip(self.volunteers, people):
            v.person = person
            v.drives = rng.random() < 0.15

    def _plan_lanes(self) -> None:
        """A lane is one volunteer's run of consecutive matches (a few mentor two youth)."""
        rng = self.rng("lanes")
        as_of, w0, earliest = self.as_of, self.w0, self.earliest
        lanes: list[_Lane] = []
        for i, v in enumerate(self.volunteers):
            if v.status == VolunteerStatus.MATCHED:
                if rng.random() < self.size.veteran_share:
                    start = _between(rng, earliest, w0)
                else:
                    start = _between(rng, w0, as_of - timedelta(days=10))
                lanes.append(_Lane(i, start, as_of, True))
                if rng.random() < 0.12:
                    second = _between(rng, max(start, w0), as_of - timedelta(days=45))
                    if rng.random() < 0.7:
                        lanes.append(_Lane(i, second, as_of, True))
                    else:
                        end = _between(rng, second + timedelta(days=60), as_of - timedelta(days=14))
                        if end <= as_of - timedelta(days=14):
                            lanes.append(_Lane(i, second, end, False))
            elif v.status == VolunteerStatus.ACCEPTED and rng.random() < 0.55:
                end = as_of - timedelta(days=rng.randint(14, 200))
                lanes.append(_Lane(i, _between(rng, earliest, end - timedelta(days=120)), end,
                                   False))
            elif v.status == VolunteerStatus.INACTIVE and rng.random() < 0.85:
                end = _between(rng, w0 + timedelta(days=90), as_of - timedelta(days=60))
                lanes.append(_Lane(i, _between(rng, earliest, end - timedelta(days=120)), end,
                                   False))
        n_proposed = max(1, round(self.size.matches * 0.03))
        n_declined = max(1, round(self.size.matches * 0.04))
        n_started = self.size.matches - n_proposed - n_declined
        # Too many lanes for the matches wanted: drop second and closed lanes first.
        seen: set[int] = set()
        removable = []
        for idx, lane in enumerate(lanes):
            if lane.volunteer in seen or not lane.open:
                removable.append(idx)
            seen.add(lane.volunteer)
        rng.shuffle(removable)
        drop = set(removable[: max(0, len(lanes) - n_started)])
        lanes = [lane for idx, lane in enumerate(lanes) if idx not in drop]
        for lane in lanes:
            lane.span = (lane.end - max(lane.start, w0)).days
            lane.cap = max(1, (lane.span + 40) // 150)
        extras = max(0, n_started - len(lanes))
        if extras:
            picks = rng.choices(range(len(lanes)), weights=[lane.span for lane in lanes],
                                k=extras)
            spill = 0
            for idx in picks:
                if lanes[idx].k < lanes[idx].cap:
                    lanes[idx].k += 1
                else:
                    spill += 1
            for lane in sorted(lanes, key=lambda x: -x.span):
                while spill and lane.k < lane.cap:
                    lane.k += 1
                    spill -= 1
        self.lanes = lanes
        self.n_proposed = n_proposed
        for li, lane in enumerate(lanes):
            self.volunteers[lane.volunteer].lanes.append(li)
        # Volunteers whose lanes were dropped have no match history.
        for v in self.volunteers:
            if v.status == VolunteerStatus.MATCHED and not any(
                lanes[li].open for li in v.lanes
            ):  # pragma: no cover - only with odd sizes
                v.status = VolunteerStatus.ACCEPTED

    def _plan_match_dates(self) -> None:
        rng = self.rng("matches")
        w0 = self.w0
        matches: list[_PlannedMatch] = []
        for li, lane in enumerate(self.lanes):
            k = lane.k
            anchor = max(lane.start, w0)
            while True:
                gaps = [rng.randint(14, 75) for _ in range(k - 1)]
                avail = (lane.end - anchor).days - sum(gaps)
                if k == 1 or avail >= 60 * k:
                    break
                k -= 1
            lane.k = k
            weights = [rng.uniform(0.35, 1.65) for _ in range(k)]
            spare = max(0, avail - 30 * k)
            lengths = [30 + int(spare * w / sum(weights)) for w in weights]
            cursor = anchor
            for j in range(k):
                start = lane.start if j == 0 else cursor
                last = j == k - 1
                end = lane.end if last else cursor + timedelta(days=lengths[j])
                if last and lane.open:
                    status = _weighted(rng, ((MatchStatus.ACTIVE, 0.85),
                                             (MatchStatus.ON_HOLD, 0.07),
                                             (MatchStatus.CLOSING, 0.08)))
                    m = _PlannedMatch(lane.volunteer, li, status, start, None,
                                      start - timedelta(days=rng.randint(5, 30)))
                    if status == MatchStatus.ON_HOLD:
                        hold = self.as_of - timedelta(days=rng.randint(21, 70))
                        if hold >= start + timedelta(days=45):
                            m.hold_from = hold
                        else:
                            m.status = MatchStatus.ACTIVE
                    if status == MatchStatus.CLOSING and (self.as_of - start).days < 90:
                        m.status = MatchStatus.ACTIVE
                else:
                    m = _PlannedMatch(lane.volunteer, li, MatchStatus.CLOSED, start, end,
                                      start - timedelta(days=rng.randint(5, 30)))
                    m.volunteer_continues = not last
                matches.append(m)
                if not last:
                    cursor = end + timedelta(days=gaps[j])
        self.matches = matches

    def _plan_youth_assignment(self) -> None:
        """Give each started match a youth who is free then (one running match per youth)."""
        rng = self.rng("youth")
        size = self.size
        programme_weights = []
        for p in self.programmes:
            share = {ProgrammeType.COMMUNITY: 0.5, ProgrammeType.SCHOOL: 0.3,
                     ProgrammeType.SITE: 0.2}[p[1]]
            same = sum(1 for q in self.programmes if q[1] == p[1])
            programme_weights.append(share / same)
        youth = [_PlannedYouth(rng.choices(range(len(self.programmes)), programme_weights)[0])
                 for _ in range(size.youth)]
        for y, person in zip(youth, self._people(rng, size.youth)):
            y.person = person
        fresh = list(range(size.youth))
        rng.shuffle(fresh)
        # The waiting list: youth kept for last, so some were never matched.
        reserve = fresh[: round(size.youth * 0.12)]
        fresh = fresh[len(reserve):]
        order = sorted(range(len(self.matches)),
                       key=lambda i: (self.matches[i].start, i))
        n_started = len(order)
        rematch_share = min(0.7, max(0.1, 1 - 0.95 * len(fresh) / max(1, n_started)))
        waiting_heap: list[tuple[date, int]] = []
        free: list[int] = []
        dropped: list[int] = []
        for mi in order:
            m = self.matches[mi]
            while waiting_heap and waiting_heap[0][0] <= m.start:
                free.append(heapq.heappop(waiting_heap)[1])
            use_free = free and (not fresh or rng.random() < rematch_share)
            if use_free:
                yi = free.pop(rng.randrange(len(free)))
            elif fresh:
                yi = fresh.pop()
            elif reserve:
                yi = reserve.pop()
            else:  # pragma: no cover - only when there are far too few youth
                dropped.append(mi)
                continue
            y = youth[yi]
            m.youth = yi
            m.programme = y.programme
            if y.matches:
                self.matches[y.matches[-1]].youth_continues = True
            y.matches.append(mi)
            if m.status == MatchStatus.CLOSED:
                heapq.heappush(waiting_heap, (m.end + timedelta(days=rng.randint(21, 120)), yi))
        if dropped:  # pragma: no cover
            gone = set(dropped)
            self.matches = [m for i, m in enumerate(self.matches) if i not in gone]
        self.youth = youth

    def _plan_closures(self) -> None:
        rng = self.rng("closures")
        for m in self.matches:
            if m.status != MatchStatus.CLOSED:
                continue
            months = whole_months(m.start, m.end)
            school = self.programmes[m.programme][1] == ProgrammeType.SCHOOL
            choices = []
            for reason in self.reasons:
                label = reason[1]
                w = _REASON_WEIGHTS.get(label, 0.3)
                if label.startswith("Accomplished") and months < 12:
                    w = 0.2 if months >= 6 else 0.0
                if label == "Formal closure at end of term":
                    w = (2.5 if school else 0.2) if months >= 6 else 0.0
                if m.volunteer_continues and label in _REASONS_ENDING_VOLUNTEER:
                    w = 0.0
                if m.youth_continues and label in _REASONS_ENDING_YOUTH:
                    w = 0.0
                if months < 3 and label.startswith("Youth graduated"):
                    w = 0.0
                choices.append((reason, w))
            if sum(w for _, w in choices) <= 0:
                choices = [(r, 1.0) for r in self.reasons]
            reason = _weighted(rng, choices)
            m.reason = reason
            category = reason[2]
            if category is None:
                category = _weighted(rng, (
                    (ClosureCategory.MENTOR_INITIATED, 0.5),
                    (ClosureCategory.YOUTH_INITIATED, 0.3),
                    (ClosureCategory.PROGRAMME_INITIATED, 0.2),
                ))
            m.category = ClosureCategory(category)
            if reason[1] == "Safety or policy concern":
                m.rematch = False
            elif m.youth_continues:
                m.rematch = True
            elif reason[1] in _REASONS_ENDING_YOUTH:
                m.rematch = False
            else:
                m.rematch = rng.random() < 0.8
            notes = _CLOSURE_NOTES.get(reason[1]) or ("Closure conversation held with both.",)
            m.note = rng.choice(notes)

    def _plan_youth_statuses(self) -> None:
        rng = self.rng("youth-status")
        as_of = self.as_of
        for y in self.youth:
            if not y.matches:
                y.status = _weighted(rng, ((YouthStatus.WAITING, 0.65),
                                           (YouthStatus.REFERRED, 0.2),
                                           (YouthStatus.EXITED, 0.15)))
                if y.status == YouthStatus.REFERRED:
                    y.referred_on = as_of - timedelta(days=rng.randint(0, 30))
                elif y.status == YouthStatus.WAITING:
                    y.referred_on = as_of - timedelta(days=rng.randint(14, 400))
                    y.consent_on = min(as_of, y.referred_on + timedelta(days=rng.randint(3, 30)))
                else:
                    y.referred_on = as_of - timedelta(days=rng.randint(200, 700))
                    y.consent_on = y.referred_on + timedelta(days=rng.randint(3, 30))
                continue
            first = self.matches[y.matches[0]].start
            y.referred_on = first - timedelta(days=rng.randint(30, 240))
            y.consent_on = min(first - timedelta(days=1),
                               y.referred_on + timedelta(days=rng.randint(3, 25)))
            last = self.matches[y.matches[-1]]
            if last.status.is_open:
                y.status = YouthStatus.MATCHED
            elif (last.rematch and last.reason[1] not in _REASONS_ENDING_YOUTH
                  and (last.end >= as_of - timedelta(days=270) or rng.random() < 0.3)):
                y.status = YouthStatus.WAITING
            else:
                y.status = YouthStatus.EXITED

    def _plan_proposals(self) -> None:
        """Proposed matches wait for a 'yes'; declined ones never started."""
        rng = self.rng("proposals")
        as_of = self.as_of
        accepted = [i for i, v in enumerate(self.volunteers)
                    if v.status == VolunteerStatus.ACCEPTED]
        waiting = [i for i, y in enumerate(self.youth)
                   if y.status == YouthStatus.WAITING]
        rng.shuffle(accepted)
        rng.shuffle(waiting)
        proposals = min(self.n_proposed, len(accepted), len(waiting))
        self.n_declined = max(0, self.size.matches - len(self.matches) - proposals)
        for j in range(proposals):
            vi, yi = accepted[j], waiting[j]
            proposed = as_of - timedelta(days=rng.randint(1, 20))
            # ... after both were free: their earlier matches had closed.
            earlier = [self.lanes[li].end for li in self.volunteers[vi].lanes]
            earlier += [self.matches[mi].end for mi in self.youth[yi].matches]
            if earlier:
                proposed = min(as_of, max(proposed, max(earlier) + timedelta(days=7)))
            m = _PlannedMatch(vi, None, MatchStatus.PROPOSED, None, None, proposed)
            m.youth, m.programme = yi, self.youth[yi].programme
            self.volunteers[vi].ready = m.proposed_on - timedelta(days=rng.randint(3, 40))
            self.matches.append(m)
        # Declined proposals: before a youth's first match, with someone ready then.
        candidates = [i for i, y in enumerate(self.youth) if y.matches
                      and self.matches[y.matches[0]].start >= self.w0 + timedelta(days=60)]
        rng.shuffle(candidates)
        lane_volunteers = sorted({lane.volunteer for lane in self.lanes})
        firsts = {vi: min(self.lanes[li].start for li in self.volunteers[vi].lanes)
                  for vi in lane_volunteers}
        for j in range(self.n_declined):
            if candidates:
                yi = candidates[j % len(candidates)]
                proposed = self.matches[self.youth[yi].matches[0]].start - timedelta(
                    days=rng.randint(10, 45))
            else:
                yi = rng.randrange(len(self.youth))
                proposed = _between(rng, self.w0, as_of - timedelta(days=7))
            ready = [vi for vi in lane_volunteers if firsts[vi] < proposed]
            vi = rng.choice(ready) if ready else rng.choice(lane_volunteers or [0])
            m = _PlannedMatch(vi, None, MatchStatus.DECLINED, None, None, proposed)
            m.youth, m.programme = yi, self.youth[yi].programme
            m.note = rng.choice((
                "Family preferred a mentor who speaks Spanish.",
                "Schedules did not fit; youth stayed on the waiting list.",
                "Volunteer felt the age gap was too large.",
                "Guardian asked for a mentor closer to home.",
                "Youth chose not to go ahead at the introduction meeting.",
            ))
            self.matches.append(m)

    def _plan_volunteer_dates(self) -> None:
        rng = self.rng("volunteer-dates")
        as_of = self.as_of
        firsts: dict[int, date] = {}
        lasts: dict[int, date] = {}
        last_end: dict[int, list[date | None]] = {}
        for m in self.matches:
            if m.start is None:
                continue
            vi = m.volunteer
            self.volunteers[vi].starts.append(m.start)
            firsts[vi] = min(firsts.get(vi, m.start), m.start)
            lasts[vi] = max(lasts.get(vi, m.start), m.start)
        for lane in self.lanes:
            ends = last_end.setdefault(lane.volunteer, [])
            ends.append(None if lane.open else lane.end)
        for i, v in enumerate(self.volunteers):
            st = v.status
            v.starts.sort()
            if i in firsts:
                v.ready = min(v.ready or firsts[i], firsts[i])
                v.last_start = lasts[i]
                ends = last_end.get(i, [])
                v.last_end = None if None in ends or not ends else max(ends)
            elif st in (VolunteerStatus.ACCEPTED, VolunteerStatus.INACTIVE):
                if v.ready is None:
                    if st == VolunteerStatus.ACCEPTED:
                        v.ready = as_of - timedelta(days=rng.randint(7, 200))
                    else:
                        v.ready = _between(rng, self.earliest, as_of - timedelta(days=300))
            if v.ready is not None:
                v.applied_on = v.ready - timedelta(days=rng.randint(45, 150))
                v.entered = v.applied_on - timedelta(days=rng.randint(0, 30))
                if st in (VolunteerStatus.MATCHED, VolunteerStatus.ACCEPTED):
                    v.horizon = as_of
                else:
                    v.horizon = v.last_start or v.ready
            elif st == VolunteerStatus.INQUIRY:
                v.entered = as_of - timedelta(days=rng.randint(0, 45))
            elif st == VolunteerStatus.APPLIED:
                v.applied_on = as_of - timedelta(days=rng.randint(2, 40))
            elif st == VolunteerStatus.SCREENING:
                v.applied_on = as_of - timedelta(days=rng.randint(20, 100))
            else:  # deferred, declined, withdrawn
                v.applied_on = _between(rng, self.w0, as_of - timedelta(days=45))
            if v.entered is None:
                v.entered = (v.applied_on or as_of) - timedelta(days=rng.randint(0, 30))

    def _plan_events(self) -> None:
        """The pre-match training calendar (other events are made when written)."""
        rng = self.rng("events-plan")
        first = self.w0 + timedelta(days=(5 - self.w0.weekday()) % 7)  # a Saturday
        self.trainings: list[tuple[date, int, str]] = []
        day = first
        while day <= self.as_of:
            minutes = rng.choice((120, 150, 180))
            self.trainings.append((day, minutes, rng.choice(_PRE_MATCH_TOPICS)))
            day += timedelta(days=self.size.training_every_days)
        self.training_days = [t[0] for t in self.trainings]

    # ---- writing ----

    def write_organisation(self, w: _Writer) -> None:
        rng = self.rng("organisation-rows")
        stamp = self.stamp
        home = _CITIES[0][0]
        rows = []
        for i, (name, kind, day, at, _school, _ages) in enumerate(self.programmes):
            rows.append(dict(
                name=name, type=kind, meeting_day=day, meeting_time=at,
                address=f"{rng.randint(100, 2999)} {rng.choice(_STREETS)}, "
                        f"{home if i % 4 != 3 else _CITIES[2][0]}",
                archived_at=None, **stamp,
            ))
        self.programme_ids = w.insert_ids(Programme, rows)
        rows = []
        contacts = self._people(rng, len(self.sponsor_names))
        self.sponsor_domains = []
        for i, name in enumerate(self.sponsor_names):
            domain = f"{slug(self.sponsor_prefixes[i])}.example"
            self.sponsor_domains.append(domain)
            person = contacts[i]
            area = _CITIES[rng.randrange(_HOME_CITIES)][1]
            rows.append(dict(
                name=name, contact_name=f"{person.first} {person.last}",
                contact_email=self._email(rng, person, domain),
                contact_phone=self._phone(rng, area), logo_path=None,
                archived_at=None, **stamp,
            ))
        self.sponsor_ids = w.insert_ids(Sponsor, rows)
        rows = [dict(sponsor_id=self.sponsor_ids[sp], name=name, city=city, headcount=hc,
                     archived_at=None, **stamp)
                for sp, name, city, _area, hc in self.branches]
        self.branch_ids = w.insert_ids(Branch, rows)

    def write_volunteers(self, w: _Writer) -> None:
        rng = self.rng("volunteer-rows")
        as_of = self.as_of
        order = sorted(range(len(self.volunteers)),
                       key=lambda i: (self.volunteers[i].entered, i))
        rows = []
        employments: list[tuple[int, dict]] = []
        checks: list[tuple[int, dict]] = []
        self.training_attendance: list[tuple[int, int, AttendanceStatus]] = []
        expiring = 0
        want_expiring = max(2, round(0.01 * len(self.volunteers)))
        for i in order:
            v = self.volunteers[i]
            person = v.person
            # employer
            sponsor = branch = None
            if rng.random() < 0.85:
                sponsor = rng.choices(range(len(self.sponsor_names)), self.sponsor_weights)[0]
                bs = self.branches_of[sponsor]
                branch = rng.choices(bs, [self.branches[b][4] for b in bs])[0]
                city, area = self.branches[branch][2], self.branches[branch][3]
                domain = (self.sponsor_domains[sponsor] if rng.random() < 0.6
                          else rng.choice(("mail.example", "inbox.example", "post.example")))
            else:
                city, area, _ = _CITIES[rng.randrange(_HOME_CITIES)]
                domain = rng.choice(("mail.example", "inbox.example", "post.example"))
            v.sponsor = sponsor
            postcode = next(c[2] for c in _CITIES if c[0] == city)
            postcode = f"{postcode[:3]}{int(postcode[3:]) + rng.randint(0, 30):02d}"
            age = rng.randint(21, 68)
            dob = _years_before(as_of, age) - timedelta(days=rng.randint(0, 364))
            gender = ("Non-binary" if rng.random() < 0.03
                      else "Female" if person.female else "Male")
            prior, attendance = self._training_for(rng, v)
            v.prior_minutes = prior
            v.interests = self._interests(rng)
            rows.append(dict(
                first_name=person.first, last_name=person.last,
                email=self._email(rng, person, domain),
                phone=self._phone(rng, area) if rng.random() < 0.95 else None,
                date_of_birth=dob if rng.random() < 0.9 else None, gender=gender,
                city=city, postcode=postcode, status=v.status, applied_on=v.applied_on,
                languages=self._languages(rng, person), interests=", ".join(v.interests),
                availability=self._availability(rng),
                preferences=rng.choice(_VOLUNTEER_PREFERENCES) if rng.random() < 0.25 else "",
                drives_youth=v.drives, prior_training_minutes=prior,
                consent_named_in_reports=rng.random() < 0.6,
                notes="" if rng.random() < 0.95 else "Prefers contact by text message.",
                archived_at=None, **self.stamp,
            ))
            if sponsor is not None:
                hired = min(v.entered, as_of) - timedelta(days=rng.randint(60, 15 * 365))
                bs = self.branches_of[sponsor]
                if len(bs) > 1 and rng.random() < 0.10:
                    moved = _between(rng, max(hired, self.w0) + timedelta(days=30),
                                     as_of - timedelta(days=30))
                    other = rng.choice([b for b in bs if b != branch])
                    employments.append((i, dict(sponsor_id=self.sponsor_ids[sponsor],
                                                branch_id=self.branch_ids[other],
                                                start_date=hired, end_date=moved)))
                    employments.append((i, dict(sponsor_id=self.sponsor_ids[sponsor],
                                                branch_id=self.branch_ids[branch],
                                                start_date=moved + timedelta(days=1),
                                                end_date=None)))
                else:
                    employments.append((i, dict(sponsor_id=self.sponsor_ids[sponsor],
                                                branch_id=self.branch_ids[branch],
                                                start_date=hired if rng.random() < 0.9 else None,
                                                end_date=None)))
            made = self._checks_for(rng, v)
            if (expiring < want_expiring and v.status in (VolunteerStatus.MATCHED,
                                                          VolunteerStatus.ACCEPTED)):
                last = max((c for c in made if c["type"] == CheckType.CRIMINAL_RECORD),
                           key=lambda c: c["completed_on"], default=None)
                soon = as_of + timedelta(days=rng.randint(4, 29))
                if last is not None and (_years_before(soon, 3) <= last["completed_on"]
                                         <= _years_before(soon, 2)):
                    last["expires_on"] = soon  # due for renewal: a dashboard alert
                    expiring += 1
            checks.extend((i, c) for c in made)
            self.training_attendance.extend((i, ev, st) for ev, st in attendance)
        ids = w.insert_ids(Volunteer, rows)
        self.volunteer_ids = [0] * len(self.volunteers)
        for i, vid in zip(order, ids):
            self.volunteer_ids[i] = vid
        w.insert(Employment, [dict(volunteer_id=self.volunteer_ids[i], **row, **self.stamp)
                              for i, row in employments])
        w.insert(ScreeningCheck, [dict(volunteer_id=self.volunteer_ids[i], **row, **self.stamp)
                                  for i, row in checks])

    def _training_for(self, rng: random.Random, v: _PlannedVolunteer
                      ) -> tuple[int, list[tuple[int, AttendanceStatus]]]:
        """Prior minutes and pre-match training attendance (event index, status)."""
        days = self.training_days
        out: list[tuple[int, AttendanceStatus]] = []
        if v.ready is not None:  # must have >= 2 hours before being ready
            lo = bisect.bisect_right(days, v.applied_on + timedelta(days=3))
            hi = bisect.bisect_left(days, v.ready)
            options = list(range(lo, hi))
            if not options:
                return rng.choice((120, 180, 240, 360)), out
            chosen = rng.sample(options, 2 if len(options) > 1 and rng.random() < 0.2 else 1)
            out.extend((e, AttendanceStatus.ATTENDED) for e in sorted(chosen))
            rest = [e for e in options if e not in chosen]
            if rest and rng.random() < 0.08:
                out.append((rng.choice(rest), AttendanceStatus.ABSENT))
            return (60 if rng.random() < 0.1 else 0), out
        if v.applied_on is None or v.status == VolunteerStatus.APPLIED:
            return 0, out
        lo = bisect.bisect_right(days, v.applied_on + timedelta(days=3))
        options = list(range(lo, len(days)))
        roll = rng.random()
        if v.status == VolunteerStatus.SCREENING:
            if options and roll < 0.35:
                out.append((rng.choice(options), AttendanceStatus.ATTENDED))
            elif roll < 0.6:
                return 60, out
            elif options and roll < 0.7:
                out.append((rng.choice(options), AttendanceStatus.REGISTERED))
        elif options and roll < 0.3:
            out.append((rng.choice(options), rng.choice((AttendanceStatus.ATTENDED,
                                                         AttendanceStatus.ABSENT))))
        return 0, out

    def _checks_for(self, rng: random.Random, v: _PlannedVolunteer) -> list[dict]:
        as_of = self.as_of
        made: list[dict] = []

        def add(kind, requested, completed, result, expires=None):
            made.append(dict(type=kind, provider=(rng.choice(_PROVIDERS[kind])
                                                  if kind in _PROVIDERS else None),
                             requested_on=requested, completed_on=completed,
                             expires_on=expires, result=result))

        applied = v.applied_on
        if applied is None:
            return made
        if v.ready is not None:
            deadline = v.ready - timedelta(days=1)
            kinds = list(_CLEARED_CHECKS)
            if v.drives:
                kinds.append(CheckType.DRIVING_RECORD)
            for kind in kinds:
                if kind == CheckType.APPLICATION:
                    add(kind, applied, applied, CheckResult.CLEAR)
                    continue
                requested = min(deadline, applied + timedelta(days=rng.randint(1, 12)))
                completed = min(deadline, requested + timedelta(days=rng.randint(2, 30)))
                expiry = _EXPIRY_YEARS.get(kind)
                if expiry is None:
                    add(kind, requested, completed, CheckResult.CLEAR)
                    continue
                expires = add_months(completed, 12 * rng.randint(*expiry))
                add(kind, requested, completed, CheckResult.CLEAR, expires)
                # Renewed before it runs out (and early when it would lapse within
                # 45 days of the horizon), never after as_of: expiring checks are
                # placed on purpose by write_volunteers.
                while expires <= v.horizon + timedelta(days=45):
                    requested = expires - timedelta(days=rng.randint(25, 60))
                    completed = min(expires - timedelta(days=1),
                                    requested + timedelta(days=rng.randint(3, 20)))
                    if completed > as_of:
                        shift = (completed - as_of).days + rng.randint(0, 10)
                        requested -= timedelta(days=shift)
                        completed -= timedelta(days=shift)
                    # No renewal is still pending when a match starts: the rules read
                    # the latest check, and a pending one would hide the valid one.
                    k = bisect.bisect_left(v.starts, requested)
                    if k < len(v.starts) and v.starts[k] < completed:
                        completed = v.starts[k]
                    expires = add_months(completed, 12 * rng.randint(*expiry))
                    add(kind, requested, completed, CheckResult.CLEAR, expires)
            return made

        def step(days_lo, days_hi):
            return min(as_of, applied + timedelta(days=rng.randint(days_lo, days_hi)))

        add(CheckType.APPLICATION, applied, applied, CheckResult.CLEAR)
        st = v.status
        if st == VolunteerStatus.APPLIED:
            if rng.random() < 0.5:
                add(CheckType.INTERVIEW, step(1, 10), None, CheckResult.PENDING)
            return made
        if st == VolunteerStatus.WITHDRAWN and rng.random() < 0.5:
            add(CheckType.INTERVIEW, step(1, 10), None, CheckResult.PENDING)
            return made
        interview = step(5, 20)
        add(CheckType.INTERVIEW, step(1, 4), interview, CheckResult.CLEAR)
        if st == VolunteerStatus.SCREENING:
            kinds = (CheckType.REFERENCES, CheckType.CRIMINAL_RECORD,
                     CheckType.CHILD_ABUSE_REGISTRY) + (
                         (CheckType.DRIVING_RECORD,) if v.drives else ())
            done = [rng.random() < 0.45 for _ in kinds]
            if all(done):  # still in screening: something is outstanding
                done[rng.randrange(len(done))] = False
            for kind, is_done in zip(kinds, done):
                requested = step(3, 15)
                if is_done and requested < as_of - timedelta(days=5):
                    completed = min(as_of, requested + timedelta(days=rng.randint(3, 25)))
                    years = _EXPIRY_YEARS.get(kind)
                    add(kind, requested, completed, CheckResult.CLEAR,
                        add_months(completed, 12 * years[0]) if years else None)
                else:
                    add(kind, requested, None, CheckResult.PENDING)
        elif st == VolunteerStatus.DECLINED:
            flagged = rng.choice((CheckType.REFERENCES, CheckType.CRIMINAL_RECORD,
                                  CheckType.CHILD_ABUSE_REGISTRY))
            requested = step(3, 15)
            add(flagged, requested, min(as_of, requested + timedelta(days=rng.randint(5, 30))),
                CheckResult.FLAGGED)
        elif st == VolunteerStatus.DEFERRED:
            add(CheckType.REFERENCES, step(3, 15), None, CheckResult.PENDING)
            requested = step(3, 15)
            completed = min(as_of, requested + timedelta(days=rng.randint(5, 30)))
            add(CheckType.CRIMINAL_RECORD, requested, completed, CheckResult.CLEAR,
                add_months(completed, 36))
        elif st == VolunteerStatus.WITHDRAWN:
            add(CheckType.REFERENCES, step(3, 15), None, CheckResult.PENDING)
        return made

    def write_youth(self, w: _Writer) -> None:
        rng = self.rng("youth-rows")
        as_of = self.as_of
        order = sorted(range(len(self.youth)), key=lambda i: (self.youth[i].referred_on, i))
        rows = []
        for n, i in enumerate(order, start=1):
            y = self.youth[i]
            person = y.person
            mentor = self.volunteers[self.matches[y.matches[-1]].volunteer] if y.matches else None
            y.interests = self._interests(rng, mentor.interests if mentor else ())
            _name, kind, _day, _at, school, (lo, hi) = self.programmes[y.programme]
            if y.matches:
                first = self.matches[y.matches[0]].start
                lo = min(hi, max(lo, 6 + (as_of - first).days // 365))
            age = rng.randint(lo, hi)
            dob = _years_before(as_of, age) - timedelta(days=rng.randint(0, 364))
            grade = None
            if kind == ProgrammeType.SCHOOL:
                school_year = as_of.year if as_of.month >= 8 else as_of.year - 1
                age_sept = school_year - dob.year - (1 if (dob.month, dob.day) > (9, 1) else 0)
                grade = f"Grade {max(1, min(12, age_sept - 5))}"
                if rng.random() < 0.4:
                    dob = None
            else:
                school = rng.choice(_COMMUNITY_SCHOOLS)
            city, area, _ = _CITIES[rng.choices(range(_HOME_CITIES), (6, 2, 2, 1, 1, 1))[0]]
            culture = _CULTURES[person.culture]
            mother = rng.random() < 0.7
            guardian_first = rng.choice(culture.female if mother else culture.male)
            guardian_last = person.last
            if person.family:
                guardian_last = person.family[1] if mother else person.family[0]
            if rng.random() < 0.15:  # a parent or carer with another surname
                other = rng.choice(_CULTURES[rng.choice(sorted(_CULTURES))].last)
                guardian_last = other if isinstance(other, str) else other[0 if not mother else 1]
            guardian = _Person(person.culture, mother, guardian_first, guardian_last)
            rows.append(dict(
                programme_ref=f"Y-{n:05d}", programme_id=self.programme_ids[y.programme],
                first_name=person.first, last_name=person.last, date_of_birth=dob,
                grade=grade, school=school,
                gender="Female" if person.female else "Male", city=city,
                guardian_name=f"{guardian_first} {guardian_last}",
                guardian_phone=self._phone(rng, area),
                guardian_email=(self._email(rng, guardian, rng.choice(
                    ("mail.example", "inbox.example", "post.example")))
                    if rng.random() < 0.6 else None),
                consent_on=y.consent_on,
                languages=self._languages(rng, person, youth=True),
                interests=", ".join(y.interests),
                preferences=rng.choice(_YOUTH_PREFERENCES) if rng.random() < 0.2 else "",
                status=y.status, referred_on=y.referred_on, notes="", anonymised_at=None,
                archived_at=None, **self.stamp,
            ))
        ids = w.insert_ids(Youth, rows)
        self.youth_ids = [0] * len(self.youth)
        for i, yid in zip(order, ids):
            self.youth_ids[i] = yid

    def write_matches(self, w: _Writer) -> None:
        rng = self.rng("match-rows")
        order = sorted(range(len(self.matches)),
                       key=lambda i: (self.matches[i].start or self.matches[i].proposed_on, i))
        rows = []
        for i in order:
            m = self.matches[i]
            shared = [t for t in self.youth[m.youth].interests
                      if t in self.volunteers[m.volunteer].interests]
            interests = shared or self.youth[m.youth].interests or _INTERESTS
            goals = rng.sample(_PLAN_GOALS, 2)
            plan = "; ".join(g.format(interest=rng.choice(interests)) for g in goals) + "."
            closed = m.status == MatchStatus.CLOSED
            rows.append(dict(
                volunteer_id=self.volunteer_ids[m.volunteer], youth_id=self.youth_ids[m.youth],
                programme_id=self.programme_ids[m.programme], kind=MatchKind.ONE_TO_ONE,
                status=m.status, proposed_on=m.proposed_on, start_date=m.start,
                end_date=m.end if closed else None, plan=plan,
                closure_reason_id=m.reason[0] if closed else None,
                closure_category=m.category if closed else None,
                rematch_eligible=m.rematch if closed else None,
                closure_note=m.note, archived_at=None, **self.stamp,
            ))
        ids = w.insert_ids(Match, rows)
        self.match_ids = [0] * len(self.matches)
        for i, mid in zip(order, ids):
            self.match_ids[i] = mid
        self.match_order = order

    # ---- sessions ----

    def _session_plan(self, rng: random.Random) -> list[tuple[int, date, date, tuple[int, ...],
                                                                bool, float]]:
        """Per started match: (match, first day, last day, weekdays, school, expected weeks)."""
        plan = []
        for i in self.match_order:
            m = self.matches[i]
            if m.start is None:
                continue
            first = max(m.start, self.w0)
            if m.status == MatchStatus.CLOSED:
                last = m.end
            elif m.hold_from is not None:
                last = m.hold_from
            else:
                last = self.as_of
            _name, kind, day, _at, _school, _ages = self.programmes[m.programme]
            if day:
                weekdays = tuple(_WEEKDAYS.index(d) for d in day.split(" and "))
            else:
                weekdays = (rng.choices(range(7), (3, 3, 3, 3, 2, 5, 3))[0],)
            school = kind == ProgrammeType.SCHOOL
            weight = 0.0
            for wd in weekdays:
                d = first + timedelta(days=(wd - first.weekday()) % 7)
                while d <= last:
                    weight += self._week_weight(d, school)
                    d += timedelta(days=7)
            plan.append((i, first, last, weekdays, school, weight))
        return plan

    @staticmethod
    def _week_weight(d: date, school: bool) -> float:
        if school and d.month in (6, 7, 8) and not (d.month == 6 and d.day < 10):
            return 0.0
        if (d.month == 12 and d.day >= 22) or (d.month == 1 and d.day <= 3):
            return 0.3
        return 1.0

    def write_sessions(self, w: _Writer, poll: Callable[[], None]) -> None:
        rng = self.rng("sessions")
        plan = self._session_plan(rng)
        expected = sum(p[5] for p in plan) or 1.0
        p = self.size.target_sessions / expected
        self.session_rate = p
        durations = (30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180)
        duration_weights = (3, 4, 22, 12, 22, 6, 18, 3, 6, 1, 3)
        school_durations = (30, 45, 60)
        buffer: list[dict] = []
        self.last_session: dict[int, date] = {}
        for i, first, last, weekdays, school, _weight in plan:
            m = self.matches[i]
            mid, vid = self.match_ids[i], self.volunteer_ids[m.volunteer]
            pid = self.programme_ids[m.programme]
            in_person = 0.95 if len(weekdays) > 1 or school else 0.78
            usual = rng.choices(durations, duration_weights)[0]
            for wd in weekdays:
                d = first + timedelta(days=(wd - first.weekday()) % 7)
                while d <= last:
                    prob = p * self._week_weight(d, school)
                    count = int(prob) + (1 if rng.random() < prob - int(prob) else 0)
                    for extra in range(count):
                        day = d + timedelta(days=rng.choice((-1, 0, 0, 0, 0, 0, 1)) + 2 * extra)
                        day = min(max(day, first), last)
                        if school:
                            minutes = rng.choice(school_durations)
                        else:
                            minutes = usual if rng.random() < 0.6 else rng.choices(
                                durations, duration_weights)[0]
                        roll = rng.random()
                        status = (SessionStatus.ATTENDED if roll < 0.85 else
                                  SessionStatus.CANCELLED if roll < 0.95 else SessionStatus.NO_SHOW)
                        r = rng.random()
                        medium = (SessionMedium.IN_PERSON if r < in_person else
                                  SessionMedium.VIDEO if r < in_person + (1 - in_person) * 0.45 else
                                  SessionMedium.PHONE if r < in_person + (1 - in_person) * 0.75 else
                                  SessionMedium.TEXT)
                        if status == SessionStatus.CANCELLED and rng.random() < 0.4:
                            note = rng.choice(_CANCEL_NOTES)
                        elif status == SessionStatus.ATTENDED and rng.random() < 0.04:
                            note = rng.choice(_SESSION_NOTES)
                        else:
                            note = ""
                        buffer.append(dict(
                            match_id=mid, volunteer_id=vid, programme_id=pid, session_date=day,
                            duration_minutes=minutes, medium=medium, status=status, notes=note,
                            **self.stamp,
                        ))
                        if status == SessionStatus.ATTENDED and day > self.last_session.get(
                                i, date.min):
                            self.last_session[i] = day
                    d += timedelta(days=7)
            if len(buffer) >= CHUNK_ROWS:
                w.insert(MentoringSession, buffer)
                buffer = []
                poll()
        w.insert(MentoringSession, buffer)

    # ---- support contacts ----

    def write_contacts(self, w: _Writer) -> None:
        rng = self.rng("contacts")
        as_of, w0 = self.as_of, self.w0
        cadence = BBBS
        buffer: list[dict] = []
        coordinator_of = [_COORDINATORS[j % len(_COORDINATORS)]
                          for j in range(len(self.programmes))]
        for i in self.match_order:
            m = self.matches[i]
            if m.start is None:
                continue
            start = m.start
            is_open = m.status.is_open
            limit = m.end if m.status == MatchStatus.CLOSED else as_of
            overdue = is_open and (as_of - start).days > 45 and rng.random() < (
                0.45 if m.status == MatchStatus.ON_HOLD else 0.13)
            made: list[date] = []
            last = start
            while True:
                if made:
                    interval = cadence.interval_at(whole_months(start, last))
                    due = interval.after(last)
                else:
                    due = cadence.first_contact.after(start)
                gap = max(1, round((due - last).days * rng.uniform(0.55, 1.0)))
                nxt = last + timedelta(days=gap)
                if nxt > limit:
                    break
                made.append(nxt)
                last = nxt
            if overdue:
                cut = as_of - timedelta(days=rng.randint(10, 60))
                while made:
                    lastc = made[-1]
                    due = cadence.interval_at(whole_months(start, lastc)).after(lastc)
                    if due < cut:
                        break
                    made.pop()
            final = m.status == MatchStatus.CLOSED and (not made or made[-1] < m.end)
            if final:
                made.append(m.end)
            cid = self.match_ids[i]
            coordinator = coordinator_of[m.programme]
            for n, day in enumerate(made):
                if day < w0:
                    continue
                closing_talk = final and n == len(made) - 1
                if not closing_talk and rng.random() < 0.07:
                    attempt = day - timedelta(days=rng.randint(1, 5))
                    if attempt >= max(start, w0):
                        buffer.append(self._contact(rng, cid, attempt, coordinator, made=False))
                buffer.append(self._contact(rng, cid, day, coordinator, made=True,
                                            closing=closing_talk))
            if len(buffer) >= CHUNK_ROWS:
                w.insert(SupportContact, buffer)
                buffer = []
        w.insert(SupportContact, buffer)

    def _contact(self, rng: random.Random, match_id: int, day: date, coordinator: str,
                 made: bool, closing: bool = False) -> dict:
        if closing:
            party, method = ContactParty.JOINT, ContactMethod.IN_PERSON
        else:
            party = _weighted(rng, ((ContactParty.VOLUNTEER, 0.4), (ContactParty.YOUTH, 0.2),
                                    (ContactParty.GUARDIAN, 0.25), (ContactParty.JOINT, 0.15)))
            method = _weighted(rng, ((ContactMethod.PHONE, 0.4), (ContactMethod.TEXT_EMAIL, 0.24),
                                     (ContactMethod.IN_PERSON, 0.2), (ContactMethod.VIDEO, 0.15),
                                     (ContactMethod.LETTER, 0.01)))
        minutes = None
        if made and method in (ContactMethod.PHONE, ContactMethod.VIDEO, ContactMethod.IN_PERSON):
            minutes = rng.choice((10, 15, 15, 20, 20, 30, 30, 45, 60))
        rating = None
        if made:
            rating = _weighted(rng, ((5, 0.3), (4, 0.4), (3, 0.2), (2, 0.07), (1, 0.03)))
        concerns = rng.choice(_CONCERNS) if made and not closing and rng.random() < 0.08 else ""
        follow_up = day + timedelta(days=rng.randint(7, 21)) if concerns else None
        if closing:
            notes = "Closure conversation with volunteer, youth and guardian."
        elif not made:
            notes = rng.choice(("Left a voicemail.", "No answer.", "Text not returned."))
        else:
            notes = rng.choice(_CONTACT_NOTES) if rng.random() < 0.3 else ""
        return dict(match_id=match_id, contact_date=day, party=party, method=method, made=made,
                    duration_minutes=minutes, rating=rating, concerns=concerns,
                    follow_up_due=follow_up, notes=notes, coordinator=coordinator, **self.stamp)

    # ---- events, trainings, learning circles ----

    def _active_on(self) -> Callable[[date], list[int]]:
        """Volunteers in a running match on a day (volunteer indexes, ascending)."""
        spans: dict[int, list[tuple[date, date]]] = {}
        for m in self.matches:
            if m.start is None:
                continue
            end = m.end if m.status == MatchStatus.CLOSED else self.as_of
            spans.setdefault(m.volunteer, []).append((m.start, end))
        keys = sorted(spans)

        def active(day: date) -> list[int]:
            return [vi for vi in keys if any(s <= day <= e for s, e in spans[vi])]

        return active

    def write_events(self, w: _Writer) -> None:
        rng = self.rng("events")
        as_of, w0 = self.as_of, self.w0
        active_on = self._active_on()
        venue = f"{rng.randint(100, 2999)} {rng.choice(_STREETS)}, {_CITIES[0][0]}"
        events: list[dict] = []
        attendance: list[tuple[int, int, AttendanceStatus]] = []  # event index, volunteer, status

        def add_event(kind, title, topic, day, minutes, location, circle=None) -> int:
            events.append(dict(kind=kind, title=title, topic=topic, event_date=day,
                               duration_minutes=minutes, location=location, programme_id=None,
                               circle_id=circle, archived_at=None, **self.stamp))
            return len(events) - 1

        # Pre-match trainings (attendance planned with the volunteers).
        training_index = []
        for day, minutes, topic in self.trainings:
            training_index.append(add_event(EventKind.PRE_MATCH_TRAINING, "Pre-match training",
                                            topic, day, minutes, f"Training room, {venue}"))
        for vi, t, status in self.training_attendance:
            attendance.append((training_index[t], vi, status))

        def invite(ev: int, day: date, share: float, absent: float = 0.1) -> None:
            pool = active_on(day)
            if not pool:
                return
            n = max(1, round(len(pool) * share * rng.uniform(0.7, 1.3)))
            for vi in sorted(rng.sample(pool, min(n, len(pool)))):
                status = AttendanceStatus.ABSENT if rng.random() < absent else \
                    AttendanceStatus.ATTENDED
                attendance.append((ev, vi, status))

        small = self.size.volunteers < 200
        # Ongoing trainings: monthly (every other month for a small programme).
        day = w0 + timedelta(days=20)
        day += timedelta(days=(2 - day.weekday()) % 7)  # Wednesday evening
        while day <= as_of:
            topic = rng.choice(_ONGOING_TOPICS)
            ev = add_event(EventKind.ONGOING_TRAINING, f"Mentor training: {topic}", topic, day,
                           rng.choice((60, 90, 90, 120)), f"Community room, {venue}")
            invite(ev, day, 0.25 if small else 0.06)
            day = add_months(day, 2 if small else 1)
            day += timedelta(days=(2 - day.weekday()) % 7)
        # One conference a year, in the autumn.
        for year in range(w0.year, as_of.year + 1):
            day = date(year, 10, 12)
            day += timedelta(days=(5 - day.weekday()) % 7)
            if w0 <= day <= as_of:
                ev = add_event(EventKind.CONFERENCE, f"Annual Mentoring Conference {year}",
                               "Keynotes and workshops on effective mentoring practice", day,
                               rng.choice((360, 420)), "Downtown Convention Center")
                invite(ev, day, 0.2 if small else 0.1, absent=0.05)
        # Socials every quarter.
        day = add_months(w0, 1)
        while day <= as_of:
            title = rng.choice(_SOCIALS)
            if day.month in (11, 12, 1):
                title = "Holiday party"
            elif day.month in (6, 7, 8):
                title = "Summer picnic"
            ev = add_event(EventKind.SOCIAL, f"{title} {day.year}", "Matches and families",
                           day, rng.choice((120, 150, 180)), rng.choice(
                               ("Schiller Park shelter house", "Community centre hall",
                                "Bowling alley on Morse Road", "Eastside Youth Centre gym")))
            invite(ev, day, 0.3 if small else 0.12, absent=0.15)
            day = add_months(day, 3)
        # Learning circles: members from several companies, monthly meetings.
        circle_rows = []
        circle_plans = []
        candidates = sorted({m.volunteer for m in self.matches if m.start is not None})
        for c in range(self.size.circles):
            name, topic = _CIRCLES[c % len(_CIRCLES)]
            if c >= len(_CIRCLES):
                name = f"{name} {c // len(_CIRCLES) + 1}"
            circle_rows.append(dict(name=name, topic=topic, archived_at=None, **self.stamp))
            begin = w0 + timedelta(days=rng.randint(0, 240))
            size = rng.randint(5, 8) if small else rng.randint(7, 12)
            members = rng.sample(candidates, min(size, len(candidates)))
            for _ in range(2):  # a circle crosses companies: bring in someone else
                of = [self.volunteers[vi].sponsor for vi in members]
                companies = set(of) - {None}
                if len(companies) >= 2:
                    break
                others = [vi for vi in candidates if vi not in members
                          and self.volunteers[vi].sponsor not in companies | {None}]
                if not others:
                    break
                out = of.index(None) if None in of else len(members) - 1
                members[out] = rng.choice(others)
            plans = []
            for vi in sorted(members):
                joined = begin if rng.random() < 0.7 else _between(
                    rng, begin, as_of - timedelta(days=60))
                v = self.volunteers[vi]
                left = None
                if v.status != VolunteerStatus.MATCHED and v.last_end is not None \
                        and v.last_end > joined:
                    left = v.last_end
                elif rng.random() < 0.1:
                    left = _between(rng, joined + timedelta(days=60), as_of)
                    if left >= as_of:
                        left = None
                plans.append((vi, joined, left))
            circle_plans.append((begin, plans))
        circle_ids = w.insert_ids(LearningCircle, circle_rows)
        members_rows = []
        for cid, row, (begin, plans) in zip(circle_ids, circle_rows, circle_plans):
            for vi, joined, left in plans:
                members_rows.append(dict(circle_id=cid, volunteer_id=self.volunteer_ids[vi],
                                         joined_on=joined, left_on=left, **self.stamp))
            day = begin
            meeting = 1
            while day <= as_of:
                ev = add_event(EventKind.LEARNING_CIRCLE,
                               f"{row['name']} – meeting {meeting}", row["topic"], day,
                               rng.choice((60, 90)),
                               rng.choice(("Online (video call)", f"Meeting room, {venue}",
                                           "Coffee shop on High Street")), circle=cid)
                for vi, joined, left in plans:
                    if joined <= day and (left is None or day <= left):
                        status = AttendanceStatus.ATTENDED if rng.random() < 0.8 \
                            else AttendanceStatus.ABSENT
                        attendance.append((ev, vi, status))
                meeting += 1
                day = add_months(begin, meeting - 1)
        w.insert(CircleMember, members_rows)
        event_ids = w.insert_ids(Event, events)
        seen: set[tuple[int, int]] = set()
        rows = []
        for ev, vi, status in attendance:
            key = (ev, vi)
            if key in seen:
                continue
            seen.add(key)
            rows.append(dict(event_id=event_ids[ev], volunteer_id=self.volunteer_ids[vi],
                             status=status, **self.stamp))
        w.insert(Attendance, rows)
