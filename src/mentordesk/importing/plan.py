"""The plan of an import: what each row would do, before anything is written.

Pure code over plain data: the service loads what the rows could touch into a
`Known` snapshot (a few queries into dicts), `make_plan` decides row by row and
returns an `ImportPlan`:

- per row (the user's row number): new / changed / unchanged / rejected, the
  problems that reject it ({row, column, value, message}), notes that do not
  (screening gaps of an imported match, "same person as row 4", ...) and the
  changed fields (before, after);
- the sponsor companies, branches, programmes and events it would create;
- the writes (`creates` in dependency order, `updates` with the values before),
  which services/import_apply.py carries out in one transaction.

Rules shared by every kind: an empty cell never clears a stored value; a name
that differs from the stored one only by case, accents or spacing is the same
name (the stored spelling is kept); a record the file mentions twice is one
record (the later row updates it, or is "unchanged"), never a second one.
The kind-specific decisions live in plan_people.py and plan_links.py.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from ..domain.rules import ScreeningPolicy
from ..domain.values import name_key, split_tags
from .mapping import ColumnMapping
from .rows import Converted, Problem, cell_text

NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"
# values.name_key, remembered: a plan compares the same names many times.
name_key_of = lru_cache(maxsize=1 << 16)(name_key)
NAME_COLUMNS = frozenset({"first_name", "last_name", "name", "guardian_name", "title"})
TAG_COLUMNS = frozenset({"languages", "interests", "availability"})
CASELESS_COLUMNS = frozenset({"programme_ref", "email", "guardian_email"})
# The same digits are the same number, however grouped ("(419) 555-9442", "419 555 9442").
PHONE_COLUMNS = frozenset({"phone", "guardian_phone", "contact_phone"})
ORG_WORDS = {"sponsor": "sponsors", "branch": "branches", "programme": "programmes",
             "event": "events"}


class Ref(NamedTuple):
    """A record this import creates (its id is known only once it is written).
    A named tuple: hashed in C, and a plan hashes these in every lookup."""

    entity: str
    n: int


@dataclass(eq=False, slots=True)
class Rec:
    """A record as the plan sees it: stored (id) or to be created (ref)."""

    entity: str
    id: int | None
    values: dict[str, Any]
    version: int = 1
    ref: Ref | None = None

    @property
    def key(self) -> int | Ref:
        return self.id if self.id is not None else self.ref


@dataclass(eq=False, slots=True)
class Create:
    rec: Rec
    row: int | None

    @property
    def entity(self) -> str:
        return self.rec.entity


@dataclass(eq=False)
class Update:
    entity: str
    id: int
    version: int  # the version read; the write only matches that version
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


@dataclass
class RowPlan:
    row: int
    status: str = UNCHANGED
    record: str = ""  # who or what the row is about
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # column -> (before, after)
    # Bookkeeping for settle(): records the row added, and where each change went.
    made: int = field(default=0, repr=False, compare=False)
    touched: dict[str, tuple | None] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Known:
    """What is stored that the rows could touch (plain values, loaded by the service)."""

    today: date
    volunteers: dict[int, dict] = field(default_factory=dict)  # id -> columns (+ "version")
    youth: dict[int, dict] = field(default_factory=dict)
    sponsors: dict[int, dict] = field(default_factory=dict)
    branches: dict[int, dict] = field(default_factory=dict)
    programmes: dict[int, dict] = field(default_factory=dict)
    employments: dict[int, list[dict]] = field(default_factory=dict)  # volunteer id -> rows
    checks: dict[int, list[dict]] = field(default_factory=dict)  # volunteer id -> rows
    training: dict[int, int] = field(default_factory=dict)  # volunteer id -> event minutes
    matches: dict[int, dict] = field(default_factory=dict)
    activity: dict[int, tuple[date, date]] = field(default_factory=dict)  # match -> first, last
    sessions: dict[int, dict] = field(default_factory=dict)
    contacts: dict[int, dict] = field(default_factory=dict)
    events: dict[int, dict] = field(default_factory=dict)
    attendance: dict[int, dict] = field(default_factory=dict)
    closure_reasons: dict[int, dict] = field(default_factory=dict)
    policy: ScreeningPolicy = field(default_factory=ScreeningPolicy)


@dataclass
class ImportPlan:
    kind: str
    file_name: str
    file_hash: str
    sheet: str | None
    mapping: ColumnMapping
    rows: list[RowPlan]
    to_create: dict[str, list[str]]  # "sponsors"/"branches"/"programmes"/"events" -> names
    warnings: list[str]
    creates: list[Create]
    updates: list[Update]
    converted: list[Converted]  # the rows as read, to plan again against fresh data
    allow_create: bool = True
    stamp: tuple = ()  # what was stored when the plan was made (services.import_known.stamp)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.status for r in self.rows)
        return {s: found.get(s, 0) for s in (NEW, CHANGED, UNCHANGED, REJECTED)}

    @property
    def errors(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def rejected_rows(self) -> set[int]:
        return {r.row for r in self.rows if r.status == REJECTED}


def same_value(column: str, old: Any, new: Any) -> bool:
    if old == new:
        return True
    if old is None or new is None:
        return False
    if column in NAME_COLUMNS:
        return name_key_of(old) == name_key_of(new)
    if column in PHONE_COLUMNS:
        return _dialled(old) == _dialled(new)
    if column in CASELESS_COLUMNS:
        return str(old).strip().casefold() == str(new).strip().casefold()
    if column in TAG_COLUMNS:
        return {t.casefold() for t in split_tags(old)} == {t.casefold() for t in split_tags(new)}
    return False


def _dialled(phone: Any) -> str:
    text = str(phone).strip()
    return ("+" if text.startswith("+") else "") + "".join(c for c in text if c.isdigit())


class Planner:
    """Row bookkeeping and the writes shared by every kind."""

    def __init__(self, known: Known, mapping: ColumnMapping, allow_create: bool = True):
        self.known = known
        self.header_of = mapping.header_of()
        self.allow_create = allow_create
        self.rows: list[RowPlan] = []
        self.creates: list[Create] = []
        self.updates: dict[tuple[str, int], Update] = {}
        self.to_create: dict[str, list[str]] = defaultdict(list)
        self._numbers = itertools.count(1)
        self._orgs: dict[tuple, Rec] = {}
        self._org_keys: dict[tuple, tuple] = {}
        for entity, parent in (("sponsor", None), ("branch", "sponsor_id"),
                               ("programme", None), ("event", "event_date")):
            for rid, values in getattr(self.known, ORG_WORDS[entity]).items():
                rec = Rec(entity, rid, values, values.get("version", 1))
                self._orgs.setdefault(self._org_key(entity, values.get(parent) if parent else None,
                                                    values.get("title" if entity == "event" else "name")), rec)

    # --- rows -------------------------------------------------------------------

    def problem(self, rp: RowPlan, conv: Converted | None, column: str | None, message: str) -> None:
        value = cell_text(conv.values.get(column)) if conv and column else ""
        rp.problems.append(Problem(rp.row, self.header_of.get(column) if column else None,
                                   value, message))
        rp.status = REJECTED

    # --- records ----------------------------------------------------------------

    def create(self, entity: str, values: dict[str, Any], rp: RowPlan | None) -> Rec:
        rec = Rec(entity, None, values, 1, Ref(entity, next(self._numbers)))
        self.creates.append(Create(rec, rp.row if rp else None))
        if rp is not None:
            rp.made += 1
        return rec

    def set(self, rec: Rec, changes: dict[str, Any], rp: RowPlan | None = None,
            prefix: str = "") -> dict:
        """Apply the values that differ; returns column -> (before, after)."""
        done = {}
        for column, new in changes.items():
            old = rec.values.get(column)
            if new is None or same_value(column, old, new):
                continue
            done[column] = (old, new)
            rec.values[column] = new
        if done and rec.id is not None:
            up = self.updates.get((rec.entity, rec.id))
            if up is None:
                up = self.updates[(rec.entity, rec.id)] = Update(rec.entity, rec.id, rec.version)
            for column, (old, new) in done.items():
                up.before.setdefault(column, old)
                up.after[column] = new
        if rp is not None:
            for column, change in done.items():
                rp.changes[prefix + column] = change
                rp.touched[prefix + column] = None if rec.id is None else (
                    rec.entity, rec.id, column)
        return done

    def settle(self) -> None:
        """Drop changes a later row of the file took back (net no-ops are not writes), and
        call a row unchanged when none of its changes to stored records is left."""
        for key, up in list(self.updates.items()):
            for column in [c for c, v in up.after.items() if same_value(c, up.before.get(c), v)]:
                del up.after[column], up.before[column]
            if not up.after:
                del self.updates[key]
        for rp in self.rows:
            if rp.status != CHANGED or rp.made or None in rp.touched.values():
                continue
            for label, (entity, rid, column) in list(rp.touched.items()):
                if column not in getattr(self.updates.get((entity, rid)), "after", ()):
                    rp.changes.pop(label, None)
            if not rp.changes:
                rp.status = UNCHANGED

    # --- sponsors, branches, programmes, events: reused case-insensitively, or created ---

    def find_org(self, entity: str, name: str, parent: Any = None) -> Rec | None:
        return self._orgs.get(self._org_key(entity, parent, name))

    def _org_key(self, entity: str, parent: Any, name: str | None) -> tuple:
        """(entity, parent, name key); remembered per spelling, a file repeats its companies."""
        key = self._org_keys.get((entity, parent, name))
        if key is None:
            key = self._org_keys[(entity, parent, name)] = (entity, parent, name_key_of(name))
        return key

    def may_create(self, rp: RowPlan, conv: Converted, column: str, entity: str, name: str) -> bool:
        """False (and the row rejected) when a missing record may not be created."""
        if self.allow_create:
            return True
        self.problem(rp, conv, column, f"{entity.capitalize()} {name!r} is not in MentorDesk yet, "
                     "and this import was asked not to create it.")
        return False

    def org(self, entity: str, values: dict[str, Any], parent: Any = None, label: str = "") -> Rec:
        """The stored or planned record of that name, created when missing."""
        name = values["title" if entity == "event" else "name"]
        found = self.find_org(entity, name, parent)
        if found is None:
            found = self.create(entity, values, None)
            self._orgs[self._org_key(entity, parent, name)] = found
            self.to_create[ORG_WORDS[entity]].append(label or name)
        return found


def make_plan(known: Known, mapping: ColumnMapping, converted: list[Converted],
              allow_create: bool = True) -> tuple[list[RowPlan], list[Create], list[Update],
                                                  dict[str, list[str]]]:
    """Decide every row; returns (rows, creates, updates, to_create)."""
    from .plan_activity import ACTIVITY_PLANNERS
    from .plan_matches import MatchPlanner
    from .plan_people import PEOPLE_PLANNERS

    planner_cls = {**PEOPLE_PLANNERS, **ACTIVITY_PLANNERS, "matches": MatchPlanner}[mapping.kind]
    planner = planner_cls(known, mapping, allow_create)
    for conv in converted:
        rp = RowPlan(conv.row)
        planner.rows.append(rp)
        if conv.problems:
            rp.problems.extend(conv.problems)
            rp.status = REJECTED
            continue
        planner.plan_row(conv, rp)
    planner.settle()
    return planner.rows, planner.creates, list(planner.updates.values()), dict(planner.to_create)
