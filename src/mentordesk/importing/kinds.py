"""What each kind of import understands: its fields, the header names that mean
them (English and Spanish, from the column names coordinators really have, see
FIELD.md), which ones a file must have, and how each value is read.

Parsers (`Field.parse`): text, name, email, phone, date, hours, minutes,
duration (a bare number is minutes, decimals need a unit), bool, int, rating
(1-5), tags (comma/semicolon lists), id (a MentorDesk record ID), choice (an
enum, see choices.py). "MentorDesk ID" is the first column of every exported
roster; a row with an ID updates that record (export -> edit -> import).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from ..domain.enums import (
    AttendanceStatus,
    CheckResult,
    CheckType,
    ClosureCategory,
    ContactMethod,
    ContactParty,
    EventKind,
    MatchKind,
    MatchStatus,
    SessionMedium,
    SessionStatus,
    VolunteerStatus,
    YouthStatus,
)
from ..domain.errors import ValidationError


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    parse: str = "text"
    synonyms: tuple[str, ...] = ()
    choice: type[Enum] | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # "volunteers"
    fields: tuple[Field, ...]
    # Each entry: alternatives, one of which the mapping must cover ("first_name+last_name").
    required: tuple[tuple[str, ...], ...] = ()

    def field(self, name: str) -> Field:
        return self._by_name()[name]

    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def synonyms(self) -> dict[str, tuple[str, ...]]:
        """Field name -> header spellings (for headers.match_headers)."""
        return {f.name: (f.label, *f.synonyms) for f in self.fields}

    def missing(self, mapped: Iterable[str]) -> list[str]:
        """What the mapping lacks, one phrase per requirement ("first name and last name,
        or full name")."""
        have = set(mapped)
        out = []
        for alternatives in self.required:
            if not any(set(alt.split("+")) <= have for alt in alternatives):
                out.append(", or ".join(
                    " and ".join(self.field(n).label.lower() for n in alt.split("+"))
                    for alt in alternatives))
        return out


def _f(name: str, label: str, parse: str = "text", *synonyms: str,
       choice: type[Enum] | None = None) -> Field:
    return Field(name, label, parse, synonyms, choice)


ID = _f("id", "MentorDesk ID", "id", "mentordesk id", "id mentordesk")
NOTES = _f("notes", "Notes", "text", "note", "comments", "comment", "remarks", "notas",
           "observaciones", "comentarios", "comentario")
PROGRAMME = _f("programme", "Programme", "name", "program", "programme name", "program name",
               "site", "programa", "sitio")
NAME_FIELDS = (
    # No bare "first"/"last": a tolerant match would take "Last initial" (a privacy-reduced
    # export's "R.") for the last name.
    _f("first_name", "First name", "name", "given name", "forename", "nombre", "nombres",
       "nombre de pila"),
    _f("last_name", "Last name", "name", "surname", "family name", "apellido", "apellidos",
       "primer apellido"),
)
PERSON_FIELDS = (
    _f("date_of_birth", "Date of birth", "date", "birthdate", "birth date", "dob", "birthday",
       "born", "fecha de nacimiento", "nacimiento", "f nacimiento"),
    _f("gender", "Gender", "text", "sex", "genero", "sexo"),
    _f("city", "City", "name", "town", "location", "ciudad", "localidad", "municipio"),
    _f("languages", "Languages", "tags", "language", "preferred language", "language skills",
       "languages spoken", "idiomas", "idioma", "lenguas"),
    _f("interests", "Interests", "tags", "skills", "hobbies", "intereses", "aficiones",
       "habilidades"),
    _f("preferences", "Preferences", "text", "preferencias"),
    NOTES,
)
# How matches, sessions, contacts and attendance name the people they concern.
VOLUNTEER_REF = (
    _f("volunteer_email", "Volunteer email", "email", "email", "mentor email", "e-mail",
       "email address", "correo", "correo electronico", "correo del voluntario"),
    _f("volunteer_name", "Volunteer", "name", "volunteer name", "mentor", "mentor name",
       "big", "voluntario", "voluntaria", "nombre del voluntario", "mentor a"),
    _f("volunteer_first_name", "Volunteer first name", "name", "first name", "nombre"),
    _f("volunteer_last_name", "Volunteer last name", "name", "last name", "surname", "apellido",
       "apellidos"),
)
YOUTH_REF = (
    _f("youth_ref", "Programme ID", "text", "program id", "youth programme id",
       "youth program id", "youth id", "mentee id", "student id", "participant id",
       "id del programa", "id del joven"),
    _f("youth_name", "Young person", "name", "youth", "youth name", "mentee", "mentee name",
       "student", "student name", "little", "joven", "nombre del joven", "estudiante"),
    _f("youth_dob", "Young person's date of birth", "date", "youth date of birth",
       "mentee date of birth", "youth dob", "date of birth", "fecha de nacimiento del joven"),
)
MATCH_REF = (_f("match_id", "Match ID", "id", "match", "match number", "id del emparejamiento"),)
PEOPLE_REF = MATCH_REF + VOLUNTEER_REF + YOUTH_REF + (PROGRAMME,)
WHO = ("match_id", "volunteer_email", "volunteer_name", "volunteer_first_name+volunteer_last_name")
HOURS = _f("hours", "Hours", "hours", "horas", "volunteer hours", "hours served", "total hours",
           "hrs")
MINUTES = _f("minutes", "Minutes", "minutes", "duration minutes", "duration mins", "mins",
             "minutos", "duracion en minutos")
DURATION = _f("duration", "Duration", "duration", "length", "time", "duracion", "tiempo")


def _check_fields(check: CheckType, *words: str) -> tuple[Field, ...]:
    """Status, completion date and expiry of one screening step (never its contents)."""
    names = (check.label.lower(), f"{check.label.lower()} check", *words)
    key = f"check_{check.value}"
    return (
        Field(f"{key}_status", f"{check.label} check status", "choice",
              tuple(f"{n} status" for n in names) + tuple(f"{n} result" for n in names)
              + (names[1], *words), CheckResult),
        Field(f"{key}_date", f"{check.label} check date", "date",
              tuple(f"{n} date" for n in names) + tuple(f"{n} completed" for n in names)),
        Field(f"{key}_expires", f"{check.label} check expires", "date",
              tuple(f"{n} expires" for n in names) + tuple(f"{n} expiry" for n in names)
              + tuple(f"{n} expiration" for n in names)),
    )


CHECK_WORDS = {
    CheckType.CRIMINAL_RECORD: ("background check", "criminal background check", "police check",
                                "dbs", "dbs check", "antecedentes penales",
                                "verificacion de antecedentes"),
    CheckType.CHILD_ABUSE_REGISTRY: ("child abuse check", "child protection check",
                                     "registro de abuso infantil"),
    CheckType.REFERENCES: ("reference check", "referencias"),
    CheckType.INTERVIEW: ("interview", "entrevista"),
    CheckType.APPLICATION: ("application form",),
    CheckType.DRIVING_RECORD: ("driving check", "dmv check", "licencia de conducir"),
    CheckType.TRAINING: ("training check",),
}
CHECK_FIELDS = tuple(f for check in CheckType for f in _check_fields(check, *CHECK_WORDS[check]))

VOLUNTEERS = Kind("volunteers", "volunteers", (
    ID, *NAME_FIELDS,
    _f("full_name", "Full name", "name", "name", "volunteer name", "mentor name",
       "nombre completo", "nombre del voluntario", "nombre y apellidos"),
    _f("email", "Email", "email", "e-mail", "email address", "mail", "correo",
       "correo electronico", "email personal"),
    _f("phone", "Phone", "phone", "phone number", "telephone", "mobile", "cell", "cell phone",
       "telefono", "celular", "movil", "numero de telefono"),
    *PERSON_FIELDS,
    _f("postcode", "Postcode", "text", "zip", "zip code", "postal code", "post code",
       "codigo postal", "cp"),
    _f("status", "Status", "choice", "volunteer status", "estado", choice=VolunteerStatus),
    _f("applied_on", "Applied on", "date", "application date", "date applied", "start date",
       "fecha de solicitud", "fecha de alta", "fecha de inicio"),
    _f("availability", "Availability", "tags", "available", "disponibilidad", "horario"),
    _f("drives_youth", "Drives youth", "bool", "driver", "can drive", "drives",
       "transports youth", "conduce"),
    _f("training_hours", "Training hours", "hours", "prior training hours", "pre match training hours",
       "hours of training", "horas de formacion"),
    _f("training_minutes", "Training minutes", "minutes", "prior training minutes",
       "minutos de formacion"),
    _f("consent_named", "Consent to be named", "bool", "consent to be named in reports",
       "consent named in reports", "named in reports", "recognition consent", "may be named",
       "consiente ser nombrado", "consentimiento para ser nombrado"),
    _f("sponsor", "Sponsor company", "name", "sponsor", "company", "employer", "organization",
       "organisation", "corporate partner", "empresa", "empleador", "compania"),
    _f("branch", "Branch", "name", "office", "branch office", "sucursal", "oficina", "sede"),
    _f("employed_since", "Employed since", "date", "hire date", "hired", "employment start",
       "fecha de ingreso", "fecha de contratacion"),
    *CHECK_FIELDS,
), required=(("first_name+last_name", "full_name", "id", "email"),))

YOUTH = Kind("youth", "youth", (
    ID,
    _f("programme_ref", "Programme ID", "text", "program id", "youth id", "mentee id",
       "student id", "participant id", "case number", "id", "id del programa", "id del joven"),
    *NAME_FIELDS,
    _f("full_name", "Full name", "name", "name", "youth name", "mentee", "mentee name", "student",
       "student name", "nombre completo", "joven", "nombre y apellidos"),
    *PERSON_FIELDS,
    _f("grade", "Grade", "text", "school year", "year group", "class", "grado", "curso"),
    _f("school", "School", "name", "school name", "escuela", "colegio", "instituto"),
    _f("guardian_name", "Guardian", "name", "guardian name", "parent", "parent name",
       "parent guardian", "caregiver", "tutor", "tutor legal", "padre madre", "nombre del tutor"),
    _f("guardian_phone", "Guardian phone", "phone", "parent phone", "guardian telephone",
       "caregiver phone", "telefono del tutor", "telefono de contacto"),
    # A young person has no email of their own here: a youth list's email is the family's.
    _f("guardian_email", "Guardian email", "email", "parent email", "caregiver email",
       "correo del tutor", "email", "correo", "correo electronico", "contact email"),
    _f("consent_on", "Consent form on file", "date", "consent date", "consent form date",
       "consent received", "consent signed", "fecha de consentimiento"),
    _f("consent", "Consent given", "bool", "consent", "consent form", "consent on file",
       "consentimiento", "consentimiento firmado"),
    _f("status", "Status", "choice", "youth status", "estado", choice=YouthStatus),
    _f("referred_on", "Referred on", "date", "referral date", "date referred",
       "fecha de derivacion"),
    PROGRAMME,
), required=(("first_name+last_name", "full_name", "id", "programme_ref"),))

MATCHES = Kind("matches", "matches", (
    ID, *PEOPLE_REF,
    _f("kind", "Match type", "choice", "kind", "type", "tipo", choice=MatchKind),
    _f("status", "Status", "choice", "match status", "estado", choice=MatchStatus),
    _f("proposed_on", "Proposed on", "date", "proposal date", "fecha de propuesta"),
    _f("start_date", "Start date", "date", "match start", "match start date", "started",
       "match date", "fecha de inicio"),
    _f("end_date", "End date", "date", "match end", "closure date", "closed on", "close date",
       "fecha de fin", "fecha de cierre"),
    _f("plan", "Plan", "text", "match plan", "goals", "objetivos", "plan del emparejamiento"),
    _f("closure_reason", "Closure reason", "text", "reason", "reason for closure",
       "motivo de cierre", "motivo"),
    _f("closure_category", "Closure category", "choice", "initiated by", "closure initiated by",
       "categoria de cierre", choice=ClosureCategory),
    _f("rematch_eligible", "Rematch", "bool", "rematch eligible", "should we rematch",
       "eligible for rematch", "reasignar"),
    _f("closure_note", "Closure note", "text", "closure notes", "nota de cierre"),
), required=(("id",) + WHO, ("id", "match_id", "youth_ref", "youth_name")))

SESSIONS = Kind("sessions", "sessions", (
    ID, *PEOPLE_REF,
    _f("date", "Date", "date", "session date", "date of session", "meeting date", "fecha",
       "fecha de la sesion"),
    HOURS, MINUTES, DURATION,
    _f("medium", "Type", "choice", "medium", "session type", "mode", "format", "modalidad",
       "tipo", choice=SessionMedium),
    _f("status", "Status", "choice", "attendance", "attended", "outcome", "estado", "asistencia",
       choice=SessionStatus),
    _f("notes", "Notes", "text", "note", "comment", "comments", "summary", "notas", "comentario",
       "comentarios"),
), required=(("id",) + WHO, ("id", "date"), ("id", "hours", "minutes", "duration")))

CONTACTS = Kind("contacts", "support contacts", (
    ID, *PEOPLE_REF,
    _f("date", "Occurred at", "date", "date", "contact date", "occurred on", "fecha",
       "fecha del contacto"),
    _f("party", "Contact with", "choice", "contact types", "contact type", "with", "with whom",
       "party", "contacted", "contacto con", choice=ContactParty),
    _f("method", "Contact medium", "choice", "medium", "method", "contact method", "how",
       "medio", "medio de contacto", choice=ContactMethod),
    _f("made", "Contact made", "bool", "made", "reached", "successful", "contacto realizado"),
    MINUTES, HOURS, DURATION,
    _f("rating", "Relationship rating", "rating", "rating", "match rating", "valoracion"),
    _f("concerns", "Concerns", "text", "issues", "preocupaciones"),
    _f("follow_up_due", "Follow-up due", "date", "follow up", "follow up date", "follow-up",
       "next contact", "seguimiento", "fecha de seguimiento"),
    NOTES,
    _f("coordinator", "Coordinator", "name", "staff", "case manager", "match support specialist",
       "coordinador", "coordinadora"),
), required=(("id",) + WHO, ("id", "date"), ("id", "party"), ("id", "method")))

ATTENDANCE = Kind("attendance", "event attendance", (
    *VOLUNTEER_REF,
    _f("event", "Event", "text", "event title", "event name", "training", "title", "session",
       "evento", "titulo", "formacion"),
    _f("event_date", "Date", "date", "event date", "fecha", "fecha del evento"),
    _f("event_kind", "Event type", "choice", "type", "kind", "tipo", "tipo de evento",
       choice=EventKind),
    HOURS, MINUTES, DURATION,
    _f("status", "Attendance", "choice", "status", "attended", "present", "asistencia",
       "estado", choice=AttendanceStatus),
    _f("topic", "Topic", "text", "tema"),
    _f("location", "Location", "text", "venue", "place", "lugar"),
), required=(WHO[1:], ("event",), ("event_date",)))

KINDS: dict[str, Kind] = {k.name: k for k in (VOLUNTEERS, YOUTH, MATCHES, SESSIONS, CONTACTS,
                                              ATTENDANCE)}


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValidationError(
            f"{name!r} is not something MentorDesk imports; choose one of: {', '.join(KINDS)}.",
            "kind") from None
