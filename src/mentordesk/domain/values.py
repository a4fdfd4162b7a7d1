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


# ITU country codes one or two digits long; every other code has three digits.
_CC1 = {"1", "7"}
_CC2 = set(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
    "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split()
)
_GROUPED = re.compile(r"\+?[0-9]+(?: [0-9]+)+")
_EXTENSION = re.compile(
    r"(?i)^(.*?\d.*?)\s*(?:,|;|#|x|ext\.?|extn\.?|extension|extensi[oó]n)\s*(\d{1,6})$")


def _group(digits: str) -> list[str]:
    """Threes from the left; a lone digit at the end becomes 2 + 2."""
    if len(digits) <= 4:
        return [digits] if digits else []
    if len(digits) == 7:
        return [digits[:3], digits[3:]]
    if len(digits) == 10:
        return [digits[:3], digits[3:6], digits[6:]]
    groups = [digits[i:i + 3] for i in range(0, len(digits), 3)]
    if len(groups[-1]) == 1:
        tail = groups[-2] + groups[-1]
        groups[-2:] = [tail[:2], tail[2:]]
    return groups


def format_phone(value: str | None) -> str | None:
    """A phone number for display, typed any way: a leading + kept, digit groups
    separated by single spaces. Groups the user typed are kept ("(555) 123-4567"
    -> "555 123 4567", "+34 612-34-56-78" -> "+34 612 34 56 78", "+44 (0)20 ..."
    keeps its "(0)"); bare digits are grouped by one rule ("5551234567" ->
    "555 123 4567", "+15551234567" -> "+1 555 123 4567"); an extension is kept as
    "ext. 12". Text with letters is kept as typed (normalise_phone)."""
    if type(value) is str and _GROUPED.fullmatch(value):
        return value  # already digit groups separated by single spaces: shown as typed
    text = normalise_phone(value)
    if text is None:
        return None
    found = _EXTENSION.match(text)
    main, extension = (found.group(1), found.group(2)) if found else (text, None)
    plus = main.startswith("+")
    body = main[1:] if plus else main
    if re.search(r"[^\d\s().\-/]", body.replace("(0)", "")):
        return text  # letters or other signs: keep what was typed
    groups = re.findall(r"\(0\)|\d+", body)
    if len(groups) == 1:  # typed without separators
        digits = groups[0]
        if plus:
            size = 1 if digits[:1] in _CC1 else 2 if digits[:2] in _CC2 else 3
            groups = [digits[:size], *_group(digits[size:])]
        elif len(digits) == 11 and digits.startswith("1"):
            groups = ["1", *_group(digits[1:])]
        else:
            groups = _group(digits)
    shown = ("+" if plus else "") + " ".join(groups).replace("(0) ", "(0)")
    return f"{shown} ext. {extension}" if extension else shown
