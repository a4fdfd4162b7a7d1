"""Reference data: names and cultures, places, sponsors, programmes, words and topics,
closure reasons, pipeline shares, screening rules and transliteration."""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.enums import CheckType, ProgrammeType, VolunteerStatus


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


# --- transliteration (for slug) ---------------------------------------------------

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
