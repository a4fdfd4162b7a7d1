"""Planning matches: importing existing matches records what already happened.

Both people must already be in MentorDesk. The match is the stored one with
that MentorDesk ID, else the pair's match with the same start date (or the
pair's only match when a start date is missing on either side). Without a
status, a match with an end date is closed, one with a start date active, else
proposed. Screening gaps on the start date are notes, not rejections (the match
happened); broken facts are rejections: an end before the start, a closed match
without its end date or closure category, a second running one-to-one match
for a young person, dates that would leave stored sessions outside the match.
An unknown closure reason is recorded as "Other" with the text in the note.
"""

from __future__ import annotations

from ..domain.enums import (
    MatchKind,
    MatchStatus,
    ProgrammeType,
    VolunteerStatus,
    YouthStatus,
)
from ..domain.values import name_key
from .plan import Rec, RowPlan
from .plan_links import OPEN, LinkPlanner, people_label
from .rows import Converted

COLUMNS = ("kind", "status", "proposed_on", "start_date", "end_date", "plan",
           "closure_category", "rematch_eligible", "closure_note")
NOT_YET_MATCHED = (VolunteerStatus.INQUIRY, VolunteerStatus.APPLIED, VolunteerStatus.SCREENING,
                   VolunteerStatus.ACCEPTED)
WAITING = (YouthStatus.REFERRED, YouthStatus.WAITING)


class MatchPlanner(LinkPlanner):
    def plan_row(self, conv: Converted, rp: RowPlan) -> None:
        v = conv.values
        rec = None
        if "id" in v:
            rec = self.matches.get(v["id"])
            if rec is None:
                self.problem(rp, conv, "id", f"There is no match with MentorDesk ID {v['id']}.")
                return
            volunteer = self.volunteers.by_id.get(rec.values["volunteer_id"])
            youth = self.youth.by_id.get(rec.values["youth_id"])
        else:
            volunteer = self.volunteer(conv, rp)
            youth = self.young_person(conv, rp, required=True)
            if volunteer is None or youth is None:
                return
        programme = self.programme_name(conv, rp, rec)
        cols = {c: v[c] for c in COLUMNS if c in v}
        self.closure_reason(conv, rp, cols)
        if rec is None:
            rec = self.same_match(volunteer, youth, cols.get("start_date"))
        if rec is None:
            cols.setdefault("status", MatchStatus.CLOSED if cols.get("end_date") else
                            MatchStatus.ACTIVE if cols.get("start_date") else MatchStatus.PROPOSED)
        merged = {**(rec.values if rec else {}), **cols}
        self.validate(conv, rp, rec, youth, merged)
        if rp.status == "rejected":
            return
        if programme:
            cols["programme_id"] = self.org("programme", {"name": programme,
                                                          "type": ProgrammeType.COMMUNITY}).key
        elif rec is None:
            cols["programme_id"] = next(iter(self.known.programmes))
        created = rec is None
        before = rec.values.get("status") if rec else None
        if created:
            rec = self.create("match", {"volunteer_id": volunteer.key, "youth_id": youth.key,
                                        **cols}, rp)
            self.index_match(rec)
        else:
            self.set(rec, cols, rp)
        status = rec.values["status"]
        if status in OPEN and status != before:
            self.occupy(rp, volunteer, youth, rec.values.get("kind", MatchKind.ONE_TO_ONE))
        start = rec.values.get("start_date")
        if created and start and status not in (MatchStatus.PROPOSED, MatchStatus.DECLINED) \
                and volunteer.id is not None:
            self.eligibility_notes(rp, volunteer, start)
        rp.record = people_label(volunteer, youth)
        self.finish(rp, created)

    def programme_name(self, conv: Converted, rp: RowPlan, rec: Rec | None) -> str | None:
        name = conv.values.get("programme")
        if name:
            if self.find_org("programme", name) is None:
                self.may_create(rp, conv, "programme", "programme", name)
            return name
        if rec is None and len(self.known.programmes) != 1:
            self.problem(rp, conv, None, "Name the programme of the match.")
        return None

    def closure_reason(self, conv: Converted, rp: RowPlan, cols: dict) -> None:
        text = conv.values.get("closure_reason")
        if not text:
            return
        reasons = self.known.closure_reasons
        key = name_key(text)
        found = [rid for rid, r in reasons.items() if name_key(r["label"]) == key] or [
            rid for rid, r in reasons.items()
            if key in name_key(r["label"]) or name_key(r["label"]) in key]
        if len(found) != 1:
            found = [rid for rid, r in reasons.items() if r["label"] == "Other"]
            rp.notes.append(f"Closure reason {text!r} is not in the list; recorded as 'Other' "
                            "with the reason in the closure note.")
            cols.setdefault("closure_note", text)
        if found:
            cols["closure_reason_id"] = found[0]
            default = reasons[found[0]].get("default_category")
            if default is not None and "closure_category" not in cols:
                cols["closure_category"] = default

    def same_match(self, volunteer: Rec, youth: Rec, start) -> Rec | None:
        pair = [m for m in self.by_volunteer.get(volunteer.key, ())
                if m.values["youth_id"] == youth.key]
        same = [m for m in pair if start and m.values.get("start_date") == start]
        if same:
            return same[0]
        if len(pair) == 1 and (start is None or pair[0].values.get("start_date") is None):
            return pair[0]
        return None

    def validate(self, conv: Converted, rp: RowPlan, rec: Rec | None, youth: Rec,
                 merged: dict) -> None:
        start, end, status = merged.get("start_date"), merged.get("end_date"), merged["status"]
        if start and end and end < start:
            self.problem(rp, conv, "end_date", "The end date must be on or after the start date.")
        if status in OPEN + (MatchStatus.CLOSED,) and start is None:
            self.problem(rp, conv, "start_date", f"A {status.label.lower()} match needs its "
                         "start date.")
        if status == MatchStatus.CLOSED:
            if end is None:
                self.problem(rp, conv, "end_date", "A closed match needs the date closure was "
                             "completed (its end date).")
            if merged.get("closure_category") is None:
                self.problem(rp, conv, "closure_category", "Say who initiated the closure: "
                             "completed, mentor, youth or programme.")
        kind = merged.get("kind", MatchKind.ONE_TO_ONE)
        if status in OPEN and kind == MatchKind.ONE_TO_ONE:
            for other in self.by_youth.get(youth.key, ()):
                if other is not rec and other.values["status"] in OPEN \
                        and other.values.get("kind", MatchKind.ONE_TO_ONE) == MatchKind.ONE_TO_ONE:
                    self.problem(rp, conv, "status", "This young person already has a running "
                                 "one-to-one match; close it before starting another.")
                    break
        span = self.known.activity.get(rec.id) if rec is not None and rec.id else None
        if span and ((start and start > span[0]) or (end and end < span[1])):
            self.problem(rp, conv, "start_date" if start and start > span[0] else "end_date",
                         f"This match has sessions or support contacts from "
                         f"{span[0].isoformat()} to {span[1].isoformat()}; its dates must "
                         "include them.")

    def occupy(self, rp: RowPlan, volunteer: Rec, youth: Rec, kind: MatchKind) -> None:
        """People in a running match are 'matched' (as activating a match makes them)."""
        if volunteer.values.get("status") in NOT_YET_MATCHED:
            self.set(volunteer, {"status": VolunteerStatus.MATCHED}, rp, "volunteer ")
        if kind == MatchKind.ONE_TO_ONE and youth.values.get("status") in WAITING:
            self.set(youth, {"status": YouthStatus.MATCHED}, rp, "young person's ")
