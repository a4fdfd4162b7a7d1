"""Normalising the values people type: names, emails, tag lists, phones."""

from __future__ import annotations

import re
import unicodedata

from .errors import ValidationError

# Deliberately simple: one @, no spaces, a dot in the domain. Real validation is
# the confirmation email; this catches typing slips like "ana@@mail" or "ana.mail.com".
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def normalise_name(value: str | None) -> str:
    """Trim, collapse inner spaces and compose accents (NFC); never change letters."""
    return unicodedata.normalize("NFC", " ".join((value or "").split()))


def name_key(value: str | None) -> str:
    """Comparison key: names that differ only by case, accents or spacing compare equal."""
    decomposed = unicodedata.normalize("NFKD", normalise_name(value))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalise_email(value: str | None, field: str = "email") -> str | None:
    text = (value or "").strip().lower()
    if not text:
        return None
    if text.startswith("mailto:"):
        text = text[len("mailto:"):]
    if not _EMAIL.match(text):
        raise ValidationError(
            f"{value.strip()!r} is not an email address; it should look like name@example.org.",
            field,
        )
    return text


def normalise_tags(value: str | list[str] | tuple[str, ...] | None) -> str:
    """'soccer; Reading,,  coding' -> 'soccer, Reading, coding' (first spelling wins)."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,;\n]", value or "")
    seen: dict[str, str] = {}
    for item in items:
        text = normalise_name(item)
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return ", ".join(seen.values())


def split_tags(value: str | None) -> list[str]:
    return [t for t in (normalise_tags(value) or "").split(", ") if t]


def normalise_phone(value: str | None) -> str | None:
    """Keep what was typed (trimmed); refuse text that has no digits at all."""
    text = " ".join((value or "").split())
    if not text:
        return None
    if not any(ch.isdigit() for ch in text):
        raise ValidationError(f"{text!r} is not a phone number.", "phone")
    return text
