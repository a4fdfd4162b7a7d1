"""Programmes, sponsor companies and branches."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..domain import Branch, Programme, Sponsor
from ..domain.enums import ProgrammeType
from ..domain.errors import ValidationError
from ..domain.values import normalise_email, normalise_name, normalise_phone
from .base import (
    Service,
    apply_changes,
    check_version,
    ensure_unique_name,
    get_or_raise,
    optional_text,
    required_text,
    set_archived,
)

PROGRAMME_FIELDS = frozenset({"name", "type", "meeting_day", "meeting_time", "address"})
SPONSOR_FIELDS = frozenset({"name", "contact_name", "contact_email", "contact_phone", "logo_path"})
BRANCH_FIELDS = frozenset({"name", "city", "headcount"})


def _programme_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "name" in out:
        out["name"] = required_text(normalise_name(out["name"]), "name", "programme name")
    if "type" in out:
        try:
            out["type"] = ProgrammeType(out["type"])
        except ValueError:
            raise ValidationError(
                "Choose the programme type: community, school or site.", "type"
            ) from None
    for key in ("meeting_day", "meeting_time", "address"):
        if key in out:
            out[key] = optional_text(out[key])
    return out


def _sponsor_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "name" in out:
        out["name"] = required_text(normalise_name(out["name"]), "name", "company name")
    if "contact_name" in out:
        out["contact_name"] = normalise_name(out["contact_name"]) or None
    if "contact_email" in out:
        out["contact_email"] = normalise_email(out["contact_email"], "contact_email")
    if "contact_phone" in out:
        out["contact_phone"] = normalise_phone(out["contact_phone"])
    if "logo_path" in out:
        out["logo_path"] = optional_text(out["logo_path"])
    return out


def _branch_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "name" in out:
        out["name"] = required_text(normalise_name(out["name"]), "name", "branch name")
    if "city" in out:
        out["city"] = normalise_name(out["city"]) or None
    if "headcount" in out and out["headcount"] is not None:
        try:
            whole = int(out["headcount"])
        except (TypeError, ValueError):
            whole = None
        if isinstance(out["headcount"], bool) or whole is None or whole != out["headcount"] or whole < 0:
            raise ValidationError("The headcount is a whole number of employees (0 or more).", "headcount")
        out["headcount"] = whole
    return out


class ProgrammeService(Service):
    what = "programme"
    model = Programme

    def create(self, **fields: Any) -> Programme:
        fields.setdefault("name", "")
        fields.setdefault("type", ProgrammeType.COMMUNITY)
        fields = _programme_fields(fields)
        with self.db.transaction() as s:
            ensure_unique_name(s, Programme, fields["name"], None, "programme")
            programme = Programme(**fields)
            s.add(programme)
            return programme

    def update(self, programme_id: int, expected_version: int | None = None, **changes: Any) -> Programme:
        changes = _programme_fields(changes)
        with self.db.transaction() as s:
            programme = get_or_raise(s, Programme, programme_id, self.what)
            check_version(programme, expected_version, self.what)
            if "name" in changes:
                ensure_unique_name(s, Programme, changes["name"], programme_id, "programme")
            apply_changes(programme, changes, PROGRAMME_FIELDS)
            return programme

    def list(self, include_archived: bool = False) -> list[Programme]:
        with self.db.reading() as s:
            query = select(Programme).order_by(Programme.name)
            if not include_archived:
                query = query.where(Programme.archived_at.is_(None))
            return list(s.scalars(query))


class SponsorService(Service):
    what = "sponsor company"
    model = Sponsor

    def create(self, **fields: Any) -> Sponsor:
        fields.setdefault("name", "")
        fields = _sponsor_fields(fields)
        with self.db.transaction() as s:
            ensure_unique_name(s, Sponsor, fields["name"], None, "sponsor company")
            sponsor = Sponsor(**fields)
            s.add(sponsor)
            return sponsor

    def update(self, sponsor_id: int, expected_version: int | None = None, **changes: Any) -> Sponsor:
        changes = _sponsor_fields(changes)
        with self.db.transaction() as s:
            sponsor = get_or_raise(s, Sponsor, sponsor_id, self.what)
            check_version(sponsor, expected_version, self.what)
            if "name" in changes:
                ensure_unique_name(s, Sponsor, changes["name"], sponsor_id, "sponsor company")
            apply_changes(sponsor, changes, SPONSOR_FIELDS)
            return sponsor

    def list(self, include_archived: bool = False) -> list[Sponsor]:
        with self.db.reading() as s:
            query = select(Sponsor).order_by(Sponsor.name)
            if not include_archived:
                query = query.where(Sponsor.archived_at.is_(None))
            return list(s.scalars(query))

    def find(self, name: str) -> Sponsor | None:
        """A sponsor by name, ignoring case and surrounding spaces."""
        key = normalise_name(name).casefold()
        with self.db.reading() as s:
            # Compared in Python: SQLite's lower() only folds ASCII letters.
            return next((sp for sp in s.scalars(select(Sponsor).order_by(Sponsor.id))
                         if sp.name.casefold() == key), None)

    def add_branch(self, sponsor_id: int, **fields: Any) -> Branch:
        fields.setdefault("name", "")
        fields = _branch_fields(fields)
        with self.db.transaction() as s:
            get_or_raise(s, Sponsor, sponsor_id, self.what)
            ensure_unique_name(s, Branch, fields["name"], None, "branch", sponsor_id=sponsor_id)
            branch = Branch(sponsor_id=sponsor_id, **fields)
            s.add(branch)
            return branch

    def update_branch(self, branch_id: int, expected_version: int | None = None, **changes: Any) -> Branch:
        changes = _branch_fields(changes)
        with self.db.transaction() as s:
            branch = get_or_raise(s, Branch, branch_id, "branch")
            check_version(branch, expected_version, "branch")
            if "name" in changes:
                ensure_unique_name(s, Branch, changes["name"], branch_id, "branch", sponsor_id=branch.sponsor_id)
            apply_changes(branch, changes, BRANCH_FIELDS)
            return branch

    def archive_branch(self, branch_id: int, expected_version: int | None = None,
                       ) -> tuple[int, int]:
        """Archive a branch (its history stays; it leaves the lists and forms)."""
        with self.db.transaction() as s:
            branch = get_or_raise(s, Branch, branch_id, "branch")
            check_version(branch, expected_version, "branch")
            return set_archived(s, branch, True)

    def restore_branch(self, branch_id: int, expected_version: int | None = None,
                       ) -> tuple[int, int]:
        with self.db.transaction() as s:
            branch = get_or_raise(s, Branch, branch_id, "branch")
            check_version(branch, expected_version, "branch")
            return set_archived(s, branch, False)

    def get_branch(self, branch_id: int) -> Branch:
        with self.db.reading() as s:
            return get_or_raise(s, Branch, branch_id, "branch")

    def branches(self, sponsor_id: int, include_archived: bool = False) -> list[Branch]:
        with self.db.reading() as s:
            query = select(Branch).where(Branch.sponsor_id == sponsor_id).order_by(Branch.name)
            if not include_archived:
                query = query.where(Branch.archived_at.is_(None))
            return list(s.scalars(query))
