"""Closed vocabularies as people type them (English and Spanish): "No-show",
"presencial", "Cleared", "1:1" ... -> the domain's enum members.

`parse_choice(vocabulary, cell)` compares by headers.header_key (case, accents,
punctuation and spacing do not matter); the enum's own values and labels are
always understood. An unknown word is refused with the list of choices.
"""

from __future__ import annotations

from enum import Enum

from ..domain.enums import (
    AttendanceStatus,
    CheckResult,
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
from .headers import header_key
from .parse import CellError, parse_text
from .table import Cell

# enum -> {member value: words that mean it}
_WORDS: dict[type[Enum], dict[str, tuple[str, ...]]] = {
    VolunteerStatus: {
        "inquiry": ("enquiry", "prospect", "interested", "lead", "interesado", "consulta"),
        "applied": ("applicant", "application received", "solicitud", "solicitado"),
        "screening": ("in screening", "being screened", "en evaluacion", "evaluacion"),
        "accepted": ("approved", "ready", "active", "cleared", "aceptado", "aprobado", "activo"),
        "matched": ("emparejado", "asignado"),
        "deferred": ("on hold", "postponed", "aplazado"),
        "declined": ("denied", "rejected", "rechazado", "denegado"),
        "withdrawn": ("withdrew", "retirado", "baja voluntaria"),
        "inactive": ("former", "left", "inactivo", "baja"),
    },
    YouthStatus: {
        "referred": ("referral", "referido", "derivado"),
        "waiting": ("waitlist", "wait list", "waiting list", "en espera", "lista de espera"),
        "matched": ("active", "emparejado", "activo"),
        "on_hold": ("paused", "hold", "en pausa"),
        "exited": ("closed", "left", "graduated", "exit", "baja", "salida"),
    },
    MatchStatus: {
        "proposed": ("pending", "drafted", "propuesto", "pendiente"),
        "active": ("open", "ongoing", "activo", "activa", "en curso"),
        "on_hold": ("paused", "inactive", "en pausa"),
        "closing": ("closure in process", "closing down", "en cierre"),
        "closed": ("ended", "completed", "finished", "cerrado", "cerrada", "terminado", "terminada"),
        "declined": ("rejected", "withdrawn", "rechazado", "rechazada"),
    },
    MatchKind: {
        "one_to_one": ("1:1", "1 1", "1 to 1", "one on one", "individual", "uno a uno"),
        "group": ("group mentoring", "grupal", "grupo"),
    },
    ClosureCategory: {
        "completed": ("formal closure", "end of term", "completado"),
        "mentor_initiated": ("mentor", "volunteer initiated", "volunteer", "mentor initiated"),
        "youth_initiated": ("youth", "mentee initiated", "mentee", "family initiated"),
        "programme_initiated": ("program initiated", "programme", "program", "staff initiated"),
    },
    SessionMedium: {
        "in_person": ("face to face", "in-person", "f2f", "presencial", "en persona"),
        "video": ("zoom", "teams", "virtual", "online", "video call", "videollamada"),
        "phone": ("call", "phone call", "voice", "telephone", "telefono", "llamada"),
        "text": ("sms", "chat", "message", "email", "texto", "mensaje"),
    },
    SessionStatus: {
        "attended": ("yes", "y", "x", "present", "completed", "done", "held", "si", "asistio",
                     "realizada"),
        "cancelled": ("canceled", "cancelado", "cancelada"),
        "no_show": ("no", "n", "absent", "missed", "no show", "ausente", "no asistio"),
    },
    ContactParty: {
        "volunteer": ("mentor", "voluntario", "voluntaria"),
        "youth": ("mentee", "student", "child", "joven", "nino", "nina"),
        "guardian": ("parent", "caregiver", "family", "parent guardian", "tutor", "padre",
                     "madre", "familia"),
        "joint": ("match", "both", "all", "together", "conjunto", "todos"),
    },
    ContactMethod: {
        "in_person": ("face to face", "visit", "home visit", "presencial", "en persona", "visita"),
        "phone": ("voice", "call", "phone call", "telephone", "telefono", "llamada"),
        "video": ("zoom", "teams", "video call", "virtual", "videollamada"),
        "text_email": ("text", "email", "e-mail", "sms", "text email", "message", "texto",
                       "correo", "mensaje"),
        "letter": ("mail", "post", "carta"),
    },
    CheckResult: {
        "clear": ("cleared", "passed", "pass", "approved", "complete", "completed", "ok", "yes",
                  "aprobado", "superado", "correcto", "si"),
        "pending": ("in progress", "submitted", "requested", "sent", "waiting", "pendiente",
                    "en proceso", "solicitado"),
        "flagged": ("failed", "fail", "denied", "concern", "no", "rechazado", "no superado"),
    },
    EventKind: {
        "pre_match_training": ("orientation", "initial training", "pre match", "induction",
                               "formacion inicial", "orientacion"),
        "ongoing_training": ("training", "workshop", "ongoing", "taller", "formacion",
                             "capacitacion"),
        "learning_circle": ("circle", "community of practice", "circulo"),
        "conference": ("summit", "conferencia", "congreso"),
        "social": ("celebration", "party", "social event", "fiesta", "celebracion"),
    },
    AttendanceStatus: {
        "registered": ("signed up", "booked", "rsvp", "inscrito", "inscrita"),
        "attended": ("yes", "y", "x", "present", "attended", "si", "asistio", "presente"),
        "absent": ("no", "n", "no show", "missed", "ausente", "no asistio"),
    },
}


def _lookup(enum_cls: type[Enum]) -> dict[str, Enum]:
    table: dict[str, Enum] = {}
    for member in enum_cls:
        for word in (member.value, getattr(member, "label", member.value),
                     *_WORDS.get(enum_cls, {}).get(member.value, ())):
            table.setdefault(header_key(word), member)
    return table


_LOOKUPS: dict[type[Enum], dict[str, Enum]] = {}


def parse_choice(enum_cls: type[Enum], cell: Cell) -> Enum | None:
    """The member a typed word means; None for an empty cell; CellError otherwise."""
    text = parse_text(cell)
    if text is None:
        return None
    lookup = _LOOKUPS.get(enum_cls)
    if lookup is None:
        lookup = _LOOKUPS[enum_cls] = _lookup(enum_cls)
    member = lookup.get(header_key(text))
    if member is None:
        choices = ", ".join(getattr(m, "label", m.value).lower() for m in enum_cls)
        raise CellError(f"{text!r} is not one of the choices: {choices}.")
    return member
