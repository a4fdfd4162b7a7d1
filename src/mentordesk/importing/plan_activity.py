"""Planning sessions (hours), support contacts and event attendance.

A stored record is recognised rather than added again: a session by its match
(or volunteer, for a group session), day and length; a contact by its match,
day, party and medium; attendance by event and volunteer. An event is found by
its title and date (case and accents do not matter) and created when missing,
if the row gives its type and length.
"""

from __future__ import annotations

from ..domain.enums import AttendanceStatus, ProgrammeType, SessionMedium, SessionStatus
from .plan import REJECTED, Rec, RowPlan
from .plan_links import LinkPlanner, people_label
from .rows import Converted


class StoredPlanner(LinkPlanner):
    """Sessions and contacts: the stored ones by id, and grouped in slots to recognise them."""

    entity = "session"
    what = "session"
    stored_in = "sessions"

    @staticmethod
    def slot(values: dict) -> tuple:
        return (values["match_id"], values["volunteer_id"], values["session_date"])

    def __init__(self, known, mapping, allow_create=True):
        super().__init__(known, mapping, allow_create)
        self.stored, self.slots = self.stored_records(
            getattr(known, self.stored_in), self.entity, self.slot)

    def named(self, conv: Converted, rp: RowPlan) -> Rec | None:
        rec = self.stored.get(conv.values["id"])
        if rec is None:
            self.problem(rp, conv, "id",
                         f"There is no {self.what} with MentorDesk ID {conv.values['id']}.")
        return rec


class SessionPlanner(StoredPlanner):
    def plan_row(self, conv: Converted, rp: RowPlan) -> None:
        v = conv.values
        day, rec = v.get("date"), None
        if "id" in v:
            rec = self.named(conv, rp)
            if rec is None:
                return
            match = self.matches.get(rec.values["match_id"]) if rec.values["match_id"] else None
            if match is not None and day:
                self.check_date(conv, rp, match, day)
            volunteer_key = rec.values["volunteer_id"]
        else:
            if day is None:
                self.problem(rp, conv, None, "Enter the date of the session.")
                return
            match, volunteer = self.match_on(conv, rp, day, allow_group=True)
            volunteer_key = volunteer.key if volunteer else None
        minutes = self.minutes(conv, rp, required=rec is None)
        group_programme = v.get("programme") if rec is None and match is None else None
        if group_programme and self.find_org("programme", group_programme) is None \
                and rp.status != REJECTED:
            self.may_create(rp, conv, "programme", "programme", group_programme)
        if rp.status == REJECTED:
            return
        cols = {"session_date": day, "duration_minutes": minutes, "medium": v.get("medium"),
                "status": v.get("status"), "notes": v.get("notes")}
        match_key = match.key if match else None
        if rec is None:
            rec = self.same_slot(self.slots, (match_key, volunteer_key, day),
                                 lambda r: r.values["duration_minutes"] == minutes)
        created = rec is None
        if created:
            programme = match.values["programme_id"] if match else group_programme and self.org(
                "programme", {"name": group_programme, "type": ProgrammeType.COMMUNITY}).key
            rec = self.create("session", {
                "match_id": match_key, "volunteer_id": volunteer_key, "programme_id": programme,
                "medium": SessionMedium.IN_PERSON, "status": SessionStatus.ATTENDED, "notes": "",
                **{k: c for k, c in cols.items() if c is not None}}, rp)
            self.slots[(match_key, volunteer_key, day)].append(rec)
            self.claimed.add(id(rec))
        else:
            self.set(rec, cols, rp)
        volunteer_rec = self.volunteers.by_id.get(volunteer_key)
        rp.record = f"{people_label(volunteer_rec, None)}, {rec.values['session_date'].isoformat()}"
        self.finish(rp, created)


class ContactPlanner(StoredPlanner):
    entity = "support_contact"
    what = "support contact"
    stored_in = "contacts"

    @staticmethod
    def slot(values: dict) -> tuple:
        return (values["match_id"], values["contact_date"], values["party"], values["method"])

    def plan_row(self, conv: Converted, rp: RowPlan) -> None:
        v = conv.values
        day, rec = v.get("date"), None
        if "id" in v:
            rec = self.named(conv, rp)
            if rec is None:
                return
            match = self.matches.get(rec.values["match_id"])
        else:
            for column, what in (("date", "date"), ("party", "person contacted (volunteer, "
                                 "youth, guardian or joint)"), ("method", "contact medium")):
                if column not in v:
                    self.problem(rp, conv, None, f"Enter the {what} of the contact.")
            if rp.status == REJECTED:
                return
            match, _volunteer = self.match_on(conv, rp, day)
        if match is None or rp.status == REJECTED:
            return
        day = day or rec.values["contact_date"]
        if not self.ran_on(match, day):
            self.problem(rp, conv, "date", "A support contact must fall within the match's dates.")
        follow_up = v.get("follow_up_due")
        if follow_up and follow_up < day:
            self.problem(rp, conv, "follow_up_due", "The follow-up date must be after the contact.")
        minutes = self.minutes(conv, rp, required=False)
        if rp.status == REJECTED:
            return
        cols = {"contact_date": v.get("date"), "party": v.get("party"), "method": v.get("method"),
                "made": v.get("made"), "duration_minutes": minutes, "rating": v.get("rating"),
                "concerns": v.get("concerns"), "follow_up_due": follow_up, "notes": v.get("notes"),
                "coordinator": v.get("coordinator")}
        slot = (match.key, day, cols["party"], cols["method"])
        if rec is None:
            rec = self.same_slot(self.slots, slot, lambda r: True)
        created = rec is None
        if created:
            rec = self.create("support_contact", {
                "match_id": match.key, "made": True, "concerns": "", "notes": "",
                **{k: c for k, c in cols.items() if c is not None}}, rp)
            self.slots[slot].append(rec)
            self.claimed.add(id(rec))
        else:
            self.set(rec, cols, rp)
        people = people_label(self.volunteers.by_id.get(match.values["volunteer_id"]),
                              self.youth.by_id.get(match.values["youth_id"]))
        rp.record = f"{people}, {day.isoformat()}"
        self.finish(rp, created)


class AttendancePlanner(LinkPlanner):
    def __init__(self, known, mapping, allow_create=True):
        super().__init__(known, mapping, allow_create)
        self.present = {(a["event_id"], a["volunteer_id"]): Rec("attendance", aid, a,
                                                                a.get("version", 1))
                        for aid, a in known.attendance.items()}

    def plan_row(self, conv: Converted, rp: RowPlan) -> None:
        v = conv.values
        title, day = v.get("event"), v.get("event_date")
        if not title or not day:
            self.problem(rp, conv, None, "Enter the event's title and date.")
            return
        volunteer = self.volunteer(conv, rp)
        minutes = self.minutes(conv, rp, required=False)
        event = self.find_org("event", title, day)
        if event is None and rp.status != REJECTED:
            if minutes is None or "event_kind" not in v:
                self.problem(rp, conv, "event", f"There is no event {title!r} on {day.isoformat()}; "
                             "add its type and hours to create it.")
            else:
                self.may_create(rp, conv, "event", "event", title)
        if rp.status == REJECTED:
            return
        if event is None:
            event = self.org("event", {
                "title": title, "event_date": day, "kind": v["event_kind"],
                "duration_minutes": minutes, "topic": v.get("topic") or "",
                "location": v.get("location"), "programme_id": None, "circle_id": None,
            }, day, f"{title} ({day.isoformat()})")
        rec = self.present.get((event.key, volunteer.key))
        created = rec is None
        if created:
            rec = self.create("attendance", {"event_id": event.key, "volunteer_id": volunteer.key,
                                             "status": v.get("status") or AttendanceStatus.ATTENDED}, rp)
            self.present[(event.key, volunteer.key)] = rec
        else:
            self.set(rec, {"status": v.get("status")}, rp)
        rp.record = f"{people_label(volunteer, None)}, {title}"
        self.finish(rp, created)


ACTIVITY_PLANNERS = {"sessions": SessionPlanner, "contacts": ContactPlanner,
                     "attendance": AttendancePlanner}
