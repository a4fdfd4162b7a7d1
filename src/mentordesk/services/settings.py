"""Organisation-wide settings (the programme's rules), stored as JSON values."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from ..db import Database
from ..domain import Setting
from ..domain.cadence import DEFAULT_CADENCE, PRESETS, Cadence
from ..domain.enums import CheckType
from ..domain.errors import ValidationError
from ..domain.rules import DEFAULT_REQUIRED_CHECKS, DEFAULT_TRAINING_MINUTES, ScreeningPolicy

DEFAULTS: dict[str, Any] = {
    "organisation_name": "",
    "cadence": DEFAULT_CADENCE.key,
    "training_minutes": DEFAULT_TRAINING_MINUTES,
    "required_checks": [c.value for c in DEFAULT_REQUIRED_CHECKS],
    "driving_check_for_drivers": True,
    "expiry_warning_days": 30,
    # Reports (services/reports.py): paper "a4" / "letter" ("" = from the locale),
    # the organisation's logo file, the coordinator's highlights text per sponsor ID.
    "paper": "",
    "organisation_logo": "",
    "report_highlights": {},
}


def _validate(key: str, value: Any) -> Any:
    if key not in DEFAULTS:
        raise ValidationError(f"There is no setting called {key!r}.", key)
    if key == "cadence" and value not in PRESETS:
        raise ValidationError(
            f"Choose a support-contact cadence from: {', '.join(PRESETS)}.", key
        )
    if key in ("training_minutes", "expiry_warning_days"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError("Enter a whole number of zero or more.", key)
    if key == "required_checks":
        try:
            value = [CheckType(v).value for v in value]
        except (TypeError, ValueError):
            known = ", ".join(c.value for c in CheckType)
            raise ValidationError(f"Required checks must be among: {known}.", key) from None
    if key == "driving_check_for_drivers" and not isinstance(value, bool):
        raise ValidationError("Choose yes or no.", key)
    if key == "organisation_name":
        value = " ".join(str(value).split())
    if key == "paper" and value not in ("", "a4", "letter"):
        raise ValidationError("Choose the paper size A4 or Letter.", key)
    if key == "organisation_logo":
        value = str(value or "").strip()
    if key == "report_highlights" and not (
            isinstance(value, dict) and all(isinstance(t, str) for t in value.values())):
        raise ValidationError("Highlights must be text for each sponsor.", key)
    return value


class SettingsService:
    def __init__(self, db: Database):
        self.db = db

    def all(self) -> dict[str, Any]:
        values = dict(DEFAULTS)
        with self.db.reading() as s:
            for row in s.scalars(select(Setting)):
                if row.key in values:
                    values[row.key] = json.loads(row.value)
        return values

    def value(self, key: str) -> Any:
        if key not in DEFAULTS:
            raise ValidationError(f"There is no setting called {key!r}.", key)
        with self.db.reading() as s:
            row = s.get(Setting, key)
            return json.loads(row.value) if row else DEFAULTS[key]

    def set(self, key: str, value: Any) -> None:
        value = _validate(key, value)
        with self.db.transaction() as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)

    def screening_policy(self) -> ScreeningPolicy:
        values = self.all()
        return ScreeningPolicy(
            required_checks=tuple(CheckType(v) for v in values["required_checks"]),
            driving_check_for_drivers=values["driving_check_for_drivers"],
            training_minutes=values["training_minutes"],
            expiry_warning_days=values["expiry_warning_days"],
        )

    def cadence(self) -> Cadence:
        return PRESETS[self.value("cadence")]
