"""Who is who: stored people and those a file adds, indexed the ways a row can name them.

A row names a person by email (volunteers) or programme ID (youth), by name and
date of birth, or by a name only one person has (with no email / programme ID
or date of birth that says otherwise). Names compare by values.name_key: case,
accents and spacing do not matter.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .plan import Rec, name_key_of


def split_name(full: str) -> tuple[str, str]:
    """"Pérez, Ana" -> ("Ana", "Pérez"); "Ana María Pérez" -> ("Ana María", "Pérez")."""
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip(), last.strip()
    parts = full.split(" ")
    return (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else (full, "")


def full_key(first: str | None, last: str | None) -> str:
    return name_key_of(f"{first or ''} {last or ''}")


class People:
    """Stored people and those the file adds, indexed the ways a row can name them."""

    def __init__(self, entity: str, stored: dict[int, dict], ref_column: str):
        self.entity, self.ref_column = entity, ref_column
        self.by_id: dict[int, Rec] = {}
        self.by_ref: dict[str, Rec] = {}
        self.by_name_dob: dict[tuple[str, date], Rec] = {}
        self.by_name: dict[str, list[Rec]] = defaultdict(list)
        # Namesakes filed by what find() asks of them, (ref key, date of birth) as at their
        # last add() (a planner adds a record again after changing it), so that a row with
        # both finds its candidates in four lookups instead of a scan of every namesake.
        self._facts: dict[int, tuple[str | None, date | None]] = {}
        self._keys: dict[int, list[str]] = defaultdict(list)
        self._filed: dict[str, dict[tuple, dict[int, Rec]]] = defaultdict(lambda: defaultdict(dict))
        for rid, values in stored.items():
            self.add(Rec(entity, rid, values, values.get("version", 1)))

    def add(self, rec: Rec) -> None:
        values = rec.values
        if rec.id is not None:
            self.by_id[rec.id] = rec
        ref = values.get(self.ref_column)
        wanted = ref_key(ref) if ref else None
        if ref:
            self.by_ref[wanted] = rec
        key = full_key(values.get("first_name"), values.get("last_name"))
        if key:
            dob = values.get("date_of_birth")
            if dob:
                self.by_name_dob[(key, dob)] = rec
            self._file(rec, key, (wanted, dob or None))

    def _file(self, rec: Rec, key: str, facts: tuple[str | None, date | None]) -> None:
        me = id(rec)
        was = self._facts.get(me)
        if was is None:  # the common case: a record filed for the first time
            self._facts[me] = facts
            self._keys[me].append(key)
            self.by_name[key].append(rec)
            self._filed[key][facts][me] = rec
            return
        keys = self._keys[me]
        if was != facts:
            for k in keys:
                self._filed[k][facts][me] = self._filed[k][was].pop(me)
        self._facts[me] = facts
        if key not in keys:
            keys.append(key)
            self.by_name[key].append(rec)
            self._filed[key][facts][me] = rec

    def find(self, ref: str | None, key: str, dob: date | None) -> tuple[Rec | None, str]:
        """(person, "") or (None, why not) -- why is "" when nobody matches at all."""
        wanted = ref_key(ref) if ref else None
        if wanted and wanted in self.by_ref:
            return self.by_ref[wanted], ""
        if not key:
            return None, ""
        if dob and (key, dob) in self.by_name_dob:
            return self.by_name_dob[(key, dob)], ""
        if wanted and dob:
            filed = self._filed.get(key, {})
            fits = [r for facts in ((None, None), (None, dob), (wanted, None), (wanted, dob))
                    for r in filed.get(facts, {}).values()]
            return (fits[0], "") if len(fits) == 1 else (None, "ambiguous" if fits else "")
        column = self.ref_column
        fits = [r for r in self.by_name.get(key, ())
                if not (wanted and r.values.get(column)
                        and ref_key(r.values[column]) != wanted)
                and not (dob and r.values.get("date_of_birth")
                         and r.values["date_of_birth"] != dob)]
        if len(fits) == 1:
            return fits[0], ""
        if len(fits) > 1:
            return None, "ambiguous"
        return None, ""


def ref_key(ref: str) -> str:
    return ref.strip().casefold()
