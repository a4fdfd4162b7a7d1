"""Planning volunteers and youth: who is who, what changes, what is new.

A row is the same person as a stored (or earlier) one when, in this order:
its MentorDesk ID names them; its email (volunteers) or programme ID (youth)
is theirs; its name and date of birth are theirs; or its name is theirs and
theirs alone, with no email/programme ID or date of birth that says otherwise.
Names compare by values.name_key (case, accents and spacing do not matter).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import Any

from ..domain.enums import CheckResult, CheckType, ProgrammeType
from .identity import People, full_key, ref_key, split_name
from .plan import CHANGED, NEW, REJECTED, UNCHANGED, Planner, Rec, RowPlan
from .rows import Converted


class PersonPlanner(Planner):
    entity = "volunteer"
    what = "volunteer"
    ref_column = "email"
    ref_label = "email"
    columns: tuple[str, ...] = ()
    renamed: Mapping[str, str] = MappingProxyType({})  # field -> column

    def __init__(self, known, mapping, allow_create=True):
        super().__init__(known, mapping, allow_create)
        stored = getattr(known, "volunteers" if self.entity == "volunteer" else "youth")
        self.people = People(self.entity, stored, self.ref_column)
        self.rows_of: dict[int, int] = {}  # id(rec) -> first row that named it

    def values_of(self, conv: Converted) -> dict[str, Any]:
        v = conv.values
        cols = {c: v[c] for c in self.columns if c in v}
        cols.update({col: v[f] for f, col in self.renamed.items() if f in v})
        if "full_name" in v and not ("first_name" in v and "last_name" in v):
            first, last = split_name(v["full_name"])
            cols.setdefault("first_name", first)
            cols.setdefault("last_name", last)
        return cols

    def identify(self, conv: Converted, rp: RowPlan, cols: dict) -> Rec | None:
        v = conv.values
        if "id" in v:
            rec = self.people.by_id.get(v["id"])
            if rec is None:
                self.problem(rp, conv, "id", f"There is no {self.what} with MentorDesk ID {v['id']}.")
            return rec
        key = full_key(cols.get("first_name"), cols.get("last_name"))
        rec, why = self.people.find(cols.get(self.ref_column), key, cols.get("date_of_birth"))
        if why == "ambiguous":
            self.problem(rp, conv, None, f"Several {self.what}s are called "
                         f"{cols['first_name']} {cols['last_name']}; add their {self.ref_label} "
                         "or date of birth to tell them apart.")
        return rec

    def check_ref_free(self, conv: Converted, rp: RowPlan, rec: Rec | None, cols: dict) -> None:
        ref = cols.get(self.ref_column)
        other = self.people.by_ref.get(ref_key(ref)) if ref else None
        if other is not None and other is not rec:
            who = f"{other.values.get('first_name')} {other.values.get('last_name')}".strip()
            where = f"ID {other.id}" if other.id is not None else f"row {self.rows_of.get(id(other))}"
            self.problem(rp, conv, self.ref_field, f"{ref} already belongs to {who} ({where}); "
                         f"each {self.what} needs their own {self.ref_label}.")

    ref_field = "email"

    def plan_row(self, conv: Converted, rp: RowPlan) -> None:
        cols = self.values_of(conv)
        rec = self.identify(conv, rp, cols)
        if rp.status != REJECTED:
            self.check_ref_free(conv, rp, rec, cols)
        if rp.status != REJECTED and rec is None and not (cols.get("first_name")
                                                           and cols.get("last_name")):
            self.problem(rp, conv, None, f"Enter the {self.what}'s first and last name "
                         "(or a full name) to add them.")
        extra = self.validate_extra(conv, rp, rec, cols) if rp.status != REJECTED else None
        if rp.status == REJECTED:
            return
        if rec is None:
            rec = self.create(self.entity, cols, rp)
            rp.status = NEW
        else:
            first = self.rows_of.get(id(rec))
            if first is not None:
                rp.notes.append(f"Same {self.what} as row {first}.")
            self.set(rec, cols, rp)
        self.rows_of.setdefault(id(rec), rp.row)
        self.people.add(rec)
        rp.record = f"{rec.values.get('first_name', '')} {rec.values.get('last_name', '')}".strip()
        self.commit_extra(conv, rp, rec, extra)
        if rp.status == UNCHANGED and rp.changes:
            rp.status = CHANGED

    def validate_extra(self, conv, rp, rec, cols) -> Any:
        return None

    def commit_extra(self, conv, rp, rec, extra) -> None:
        pass


class VolunteerPlanner(PersonPlanner):
    columns = ("first_name", "last_name", "email", "phone", "date_of_birth", "gender", "city",
               "postcode", "status", "applied_on", "languages", "interests", "availability",
               "preferences", "drives_youth", "notes")
    renamed = MappingProxyType({"training_hours": "prior_training_minutes",
                                "training_minutes": "prior_training_minutes",
                                "consent_named": "consent_named_in_reports"})

    def __init__(self, known, mapping, allow_create=True):
        super().__init__(known, mapping, allow_create)
        self._job_cache: dict[int, list[Rec]] = {}
        self._checks: dict[int, list[Rec]] = {}
        self.check_types = [c for c in CheckType if any(
            f"check_{c.value}_{part}" in self.header_of for part in ("status", "date", "expires"))]

    def validate_extra(self, conv, rp, rec, cols):
        v = conv.values
        sponsor, branch = v.get("sponsor"), v.get("branch")
        if branch and not sponsor:
            job = self._open_jobs(rec)
            sponsor_rec = self._sponsor_of(job[0]) if len(job) == 1 else None
            if sponsor_rec is None:
                self.problem(rp, conv, "branch", f"Give the sponsor company of the branch {branch!r}.")
                return None
            sponsor = sponsor_rec.values["name"]
        sponsor_rec = self.find_org("sponsor", sponsor) if sponsor else None
        branch_rec = None
        if sponsor and sponsor_rec is None:
            self.may_create(rp, conv, "sponsor", "sponsor company", sponsor)
        elif sponsor and branch:
            branch_rec = self.find_org("branch", branch, sponsor_rec.key)
            if branch_rec is None:
                self.may_create(rp, conv, "branch", "branch", branch)
        checks = []
        for check in self.check_types:
            result, done, expires = (v.get(f"check_{check.value}_{part}")
                                     for part in ("status", "date", "expires"))
            if done and expires and expires < done:
                self.problem(rp, conv, f"check_{check.value}_expires",
                             "The expiry date must be after the completion date.")
            elif result is None and (done or expires):
                rp.notes.append(f"{check.label} check: a date without a result was not recorded.")
            elif result in (CheckResult.CLEAR, CheckResult.FLAGGED) and done is None:
                rp.notes.append(f"{check.label} check: '{result.label}' needs the date it was "
                                "completed; it was not recorded.")
            elif result is not None:
                checks.append((check, result, done, expires))
        return sponsor, branch, checks, (sponsor_rec, branch_rec)

    # --- employment ------------------------------------------------------------

    def _jobs(self, rec: Rec | None) -> list[Rec]:
        if rec is None:
            return []
        jobs = self._job_cache.get(id(rec))
        if jobs is None:
            jobs = [Rec("employment", row["id"], row, row.get("version", 1))
                    for row in self.known.employments.get(rec.id, ())] if rec.id else []
            self._job_cache[id(rec)] = jobs
        return jobs

    def _open_jobs(self, rec: Rec | None) -> list[Rec]:
        return [j for j in self._jobs(rec) if j.values.get("end_date") is None]

    def _sponsor_of(self, job: Rec) -> Rec | None:
        key = job.values["sponsor_id"]
        return next((r for r in self._orgs.values()
                     if r.entity == "sponsor" and r.key == key), None)

    def commit_extra(self, conv, rp, rec, extra):
        sponsor, branch, checks, found = extra
        if sponsor:
            self._employ(conv, rp, rec, sponsor, branch, *found)
        for check, result, done, expires in checks:
            self._check(rp, rec, check, result, done, expires)

    def _employ(self, conv, rp, rec, sponsor: str, branch: str | None,
                sponsor_rec: Rec | None = None, branch_rec: Rec | None = None) -> None:
        """`sponsor_rec`, `branch_rec`: what validate_extra found (None: create them)."""
        since = conv.values.get("employed_since")
        sponsor_rec = sponsor_rec or self.org("sponsor", {"name": sponsor})
        if branch and branch_rec is None:
            branch_rec = self.find_org("branch", branch, sponsor_rec.key) or self.org(
                "branch", {"name": branch, "sponsor_id": sponsor_rec.key}, sponsor_rec.key,
                f"{sponsor_rec.values['name']} / {branch}")
        branch_key = branch_rec.key if branch_rec else None
        jobs = self._open_jobs(rec)
        same = [j for j in jobs if j.values["sponsor_id"] == sponsor_rec.key
                and (branch_key is None or j.values.get("branch_id") in (None, branch_key))]
        if same:
            if branch_key is not None and same[0].values.get("branch_id") is None:
                self.set(same[0], {"branch_id": branch_key}, rp, "employment ")
            return
        if jobs and not (since and all(j.values.get("start_date") is None
                                       or j.values["start_date"] < since for j in jobs)):
            rp.notes.append(f"MentorDesk has another current employer for this volunteer; give "
                            f"'Employed since' to record the move to {sponsor}.")
            return
        for job in jobs:
            self.set(job, {"end_date": since - timedelta(days=1)})
        new = self.create("employment", {"volunteer_id": rec.key, "sponsor_id": sponsor_rec.key,
                                         "branch_id": branch_key, "start_date": since,
                                         "end_date": None}, rp)
        self._jobs(rec).append(new)
        rp.changes["employer"] = (None, f"{sponsor} / {branch}" if branch else sponsor)

    def _check(self, rp, rec, check, result, done, expires) -> None:
        mine = self._checks.setdefault(id(rec), [
            Rec("screening_check", row["id"], row, row.get("version", 1))
            for row in (self.known.checks.get(rec.id, ()) if rec.id else ())])
        of_type = [c for c in mine if c.values["type"] == check]
        if any(c.values["result"] == result and c.values.get("completed_on") == done
               and (expires is None or c.values.get("expires_on") == expires) for c in of_type):
            return
        open_ = [c for c in of_type if c.values["result"] == CheckResult.PENDING
                 and c.values.get("completed_on") is None]
        values = {"result": result, "completed_on": done, "expires_on": expires}
        if open_ and result != CheckResult.PENDING:
            self.set(open_[0], values, rp, f"{check.value} check ")
        else:
            mine.append(self.create("screening_check", {
                "volunteer_id": rec.key, "type": check, "provider": None, "requested_on": None,
                **values}, rp))
            rp.changes[f"{check.value} check"] = (None, result.label)


class YouthPlanner(PersonPlanner):
    entity = "youth"
    what = "young person"
    ref_column = ref_field = "programme_ref"
    ref_label = "programme ID"
    columns = ("programme_ref", "first_name", "last_name", "date_of_birth", "grade", "school",
               "gender", "city", "guardian_name", "guardian_phone", "guardian_email",
               "consent_on", "languages", "interests", "preferences", "status", "referred_on",
               "notes")

    def validate_extra(self, conv, rp, rec, cols):
        dob = cols.get("date_of_birth")
        if dob and dob > self.known.today:
            self.problem(rp, conv, "date_of_birth", "The date of birth cannot be in the future.")
        if conv.values.get("consent") and not cols.get("consent_on") \
                and not (rec and rec.values.get("consent_on")):
            rp.notes.append("Consent is marked as given; add the date the form was received "
                            "(column 'Consent form on file') to record it.")
        name = conv.values.get("programme")
        if name and self.find_org("programme", name) is None:
            self.may_create(rp, conv, "programme", "programme", name)
        return name

    def commit_extra(self, conv, rp, rec, name):
        if name:
            programme = self.org("programme", {"name": name, "type": ProgrammeType.COMMUNITY})
            self.set(rec, {"programme_id": programme.key}, rp)


PEOPLE_PLANNERS = {"volunteers": VolunteerPlanner, "youth": YouthPlanner}
