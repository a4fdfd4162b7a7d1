"""The sponsor impact report: what one company's people did in a period.

`render_sponsor_report(figures, out, paper=..., meta=...)` lays out the figures
that services/sponsor_report.py gathered (a `SponsorFigures`, read by attribute:
this layer does not import services). Privacy: the figures hold no youth data
but counts; youth counts and every count of a breakdown go through privacy.py.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ..privacy import NOTE as PRIVACY_NOTE
from ..privacy import PARTNER, Hidden, shown, suppress_line
from .charts import Series, bar_chart, hours_per_month_chart
from .document import ReportDocument, ReportMeta, cover_story, paragraphs, section, styles, text
from .tables import (
    Column,
    Tile,
    cell_text,
    figure_table,
    figure_tiles,
    format_count,
    format_date,
    format_hours,
    format_money,
    format_percent,
    format_period,
    format_tenths,
)

TITLE = "Volunteer impact report"
KIND_LABELS = {
    "pre_match_training": "Pre-match training",
    "ongoing_training": "Ongoing training",
    "learning_circle": "Learning circle meetings",
    "conference": "Conferences",
    "social": "Social events",
}


def sponsor_meta(figures: Any) -> ReportMeta:
    """Title, subject, author and running header/footer for a sponsor report."""
    period = format_period(figures.start, figures.end)
    org = figures.organisation
    return ReportMeta(
        title=f"{TITLE}: {figures.sponsor}",
        subject=f"What {figures.sponsor}'s volunteers did, {period}",
        author=org,
        header=" · ".join(p for p in (org, TITLE, figures.sponsor) if p),
        footer=period,
    )


def render_sponsor_report(figures: Any, out: Path | str | IO[bytes], *, paper: str = "a4",
                          meta: ReportMeta | None = None) -> int:
    """Write the report; returns the number of pages."""
    doc = ReportDocument.from_meta(out, meta or sponsor_meta(figures), paper=paper)
    return doc.build(sponsor_story(figures, doc.width))


def sponsor_story(figures: Any, width: float) -> list[Flowable]:
    f = figures
    org = f.organisation
    story = cover_story(
        TITLE, [f.sponsor, format_period(f.start, f.end),
                f"Prepared by {org}" if org else ""],
        logos=[p for p in (f.organisation_logo, f.sponsor_logo) if p],
        notes=["This report names no young person: it gives counts only about the young "
               "people mentored. Volunteers are named only when they agreed to it."])
    story += section("Headline figures", figure_tiles(headline_tiles(f), width=width),
                     Spacer(1, 3 * mm), *_rate_line(f))
    if f.highlights.strip():
        story += section("Highlights from the coordinator", *paragraphs(f.highlights),
                         room=40 * mm)
    story += section("By branch", *branch_section(f, width))
    story += section("Volunteer hours per month", hours_per_month_chart(
        [m for m, _ in f.months], [n for _, n in f.months], width=width),
        Paragraph(text(_months_caption(f)), styles().note))
    story += section("Trainings and learning circles", *training_section(f, width),
                     room=50 * mm)
    story += section("Recognition", *recognition(f), room=30 * mm)
    story += section("How each figure is counted", *methodology(f), room=80 * mm)
    return story


# --- headline -------------------------------------------------------------------------


def _survival_tile(survival) -> Tile:
    label = f"reached {survival.months} months"
    if survival.could_have == 0:
        return Tile("\u2013", label, "no match could have yet")
    cells, total = suppress_line([survival.reached, survival.could_have - survival.reached],
                                 total=survival.could_have)
    if any(isinstance(c, Hidden) for c in [*cells, total]):
        return Tile("not shown", label, "fewer than 5 matches in a group")
    return Tile(format_percent(survival.reached, survival.could_have), label,
                f"{format_count(survival.reached)} of the {format_count(survival.could_have)} "
                "that could have")


def headline_tiles(f: Any) -> list[Tile]:
    """Four people-and-time figures, four match figures, then length and value."""
    volunteers = shown(f.volunteers)  # fewer than 5 is not printed, nor is its rate
    rate = ("" if not f.headcount else
            f"participation not shown; {format_count(f.headcount)} staff"
            if isinstance(volunteers, Hidden) else
            f"{format_percent(f.volunteers, f.headcount, 1)} of "
            f"{format_count(f.headcount)} staff")
    value = (Tile(format_money(f.value_cents, f.rate.currency),
                  "estimated value of volunteer time",
                  f"at {format_money(f.rate.cents, f.rate.currency)} an hour ({f.rate.year})")
             if f.rate else Tile("\u2013", "estimated value of volunteer time",
                                 "no hour rate on record"))
    average = (f"{format_tenths(f.match_days * 48, f.active_matches * 1461)} months"
               if f.active_matches else "\u2013")
    return [
        Tile(cell_text(volunteers), "employees volunteering", rate),
        Tile(cell_text(shown(f.new_volunteers)), "new this period"),
        Tile(format_count(f.sessions), "mentoring sessions"),
        Tile(format_hours(f.minutes), "volunteer hours"),
        Tile(cell_text(shown(f.youth_served)), "young people served"),
        Tile(cell_text(shown(f.active_matches)), "active matches"),
        *(_survival_tile(s) for s in f.survival),
        Tile(average, "average match length", "as of the period's last day"),
        value,
    ]


def _rate_line(f: Any) -> list[Flowable]:
    if not f.rate:
        return [Paragraph("No value of a volunteer hour is on record, so no value of time "
                          "is estimated.", styles().note)]
    return [Paragraph(text(
        f"Estimated value of volunteer time: {format_hours(f.minutes)} hours × "
        f"{format_money(f.rate.cents, f.rate.currency)} an hour = "
        f"{format_money(f.value_cents, f.rate.currency)}. Rate for {f.rate.year}; "
        f"source: {f.rate.source}."), styles().note)]


# --- branches -------------------------------------------------------------------------

BRANCH_COLUMNS = (Column("Branch"), Column("Volunteers", 1, True),
                  Column("Headcount", 1, True), Column("Participation", 1.1, True),
                  Column("Hours", 1, True, format_hours), Column("Sessions", 1, True))


def branch_rows(f: Any) -> tuple[list[list[Any]], list[Any]]:
    """The rows and the total row of the branch table, small counts suppressed."""
    branches = list(f.branches)
    volunteers, volunteers_total = suppress_line([b.volunteers for b in branches],
                                                 total=f.volunteers)
    sessions, sessions_total = suppress_line([b.sessions for b in branches], total=f.sessions)
    rows = []
    for b, v, n in zip(branches, volunteers, sessions, strict=True):
        rate = (PARTNER if isinstance(v, Hidden) and b.headcount else
                format_percent(b.volunteers, b.headcount, 1) if b.headcount else None)
        name = f"{b.name} (closed)" if b.archived else b.name
        rows.append([name, v, b.headcount, rate, b.minutes, n])
    total_rate = (None if not f.headcount else PARTNER if isinstance(volunteers_total, Hidden)
                  else format_percent(f.volunteers, f.headcount, 1))
    total = ["Total", volunteers_total, f.headcount, total_rate, f.minutes, sessions_total]
    return rows, total


def branch_section(f: Any, width: float) -> list[Flowable]:
    st = styles()
    if not f.branches:
        return [Paragraph("No branch of this company is on record.", st.body)]
    rows, total = branch_rows(f)
    flow: list[Flowable] = [figure_table(BRANCH_COLUMNS, rows, width=width, total=total),
                            Spacer(1, 2 * mm),
                            Paragraph("A volunteer who worked at two branches during the "
                                      "period counts at each, and once in the total.", st.note)]
    active = [b for b in f.branches if b.minutes]
    if active:
        flow += [Spacer(1, 3 * mm), Paragraph("Volunteer hours by branch", st.h2),
                 bar_chart([b.name for b in active],
                           [Series("Hours", [b.minutes / 60 for b in active],
                                   [format_hours(b.minutes) for b in active])],
                           width=width, horizontal=True)]
    return flow


def _months_caption(f: Any) -> str:
    caption = "Hours of attended mentoring sessions, by the month of the session."
    first, last = f.months[0][0], f.months[-1][0]
    partial = [m for m, part in ((first, f.start.day != 1),
                                 (last, (f.end + timedelta(days=1)).day != 1)) if part]
    if partial:
        names = " and ".join(sorted({f"{m:%B %Y}" for m in partial}))
        caption += f" The period covers only part of {names}."
    return caption


# --- trainings, recognition, methodology -----------------------------------------------

TRAINING_COLUMNS = (Column("Kind", 3), Column("Events", 1, True), Column("Volunteers", 1, True),
                    Column("Hours", 1, True, format_hours))


def training_section(f: Any, width: float) -> list[Flowable]:
    st = styles()
    if not f.trainings:
        return [Paragraph("None of the company's volunteers attended a training, learning "
                          "circle or other event in the period.", st.body)]
    rows = [[KIND_LABELS.get(t.kind.value, t.kind.value), t.events, shown(t.volunteers),
             t.minutes] for t in f.trainings]
    flow: list[Flowable] = [figure_table(TRAINING_COLUMNS, rows, width=width)]
    if f.circles:
        flow += [Spacer(1, 2 * mm),
                 Paragraph(text("Learning circles: " + ", ".join(f.circles) + "."), st.body)]
    return flow


def recognition(f: Any) -> list[Flowable]:
    st = styles()
    if not f.volunteers:
        return [Paragraph("No employee volunteered in the period.", st.body)]
    if not f.named:
        return [Paragraph(text(f"Thank you to the {format_count(f.colleagues)} "
                               f"{_people(f.colleagues)} who volunteered."), st.body)]
    names = ", ".join(f.named)
    rest = (f", and {format_count(f.colleagues)} {_people(f.colleagues, 'colleague')}"
            if f.colleagues else "")
    return [Paragraph(text(f"Thank you to {names}{rest}."), st.body),
            Paragraph("Named with their consent.", st.note)]


def _people(n: int, word: str = "colleague") -> str:
    return word if n == 1 else word + "s"


def methodology(f: Any) -> list[Flowable]:
    st = styles()
    company = f.sponsor
    notes = [
        ("Period", f"from {format_date(f.start)} to {format_date(f.end)}, both days "
                   "included."),
        ("Employees volunteering", "people with at least one attended mentoring session or "
         f"attended event in the period on a day they were employed by {company}. Each "
         "activity counts for the branch the volunteer worked at on that day, so a volunteer "
         "who moved branch is split between the branches."),
        ("New this period", f"employees volunteering with no activity for {company} before "
         "the period's first day."),
        ("Sessions and hours", "attended mentoring sessions (cancelled sessions and no-shows "
         "are left out) and their recorded minutes. Hours are the exact minutes divided by "
         "60, printed with one decimal, rounded half up; rows are rounded separately, so "
         "they may differ from the total by a tenth."),
        ("Participation", "volunteers divided by the headcount the coordinator entered for "
         "the branch, as a percentage with one decimal; a dash where no headcount is "
         "recorded."),
        ("Active matches", "mentoring matches with at least one attended session counted "
         "for the company in the period. Young people served: the distinct young people "
         "of those matches."),
        ("Average match length", "from each active match's start to its end, or to the "
         "period's last day when it ran on, in months of 365.25 / 12 days."),
        ("Reaching 6 and 12 months", "among the active matches that could have (closed by "
         "the period's last day, or started at least that long before it), the share that "
         "ran that long."),
        ("Estimated value of volunteer time", "the exact minutes times the value of a "
         "volunteer hour, divided by 60 and rounded to the cent; the rate, its year and "
         "its source are printed with it."),
        ("Trainings and learning circles", "attended events (trainings, learning-circle "
         f"meetings, conferences and socials) on days the volunteer was employed by "
         f"{company}; hours count each event's length once per volunteer present."),
        ("Privacy", PRIVACY_NOTE + " The report holds no young person's name, initials, "
         "school or date of birth."),
    ]
    return [Paragraph(f"<b>{text(term)}</b>: {text(body)}", st.note) for term, body in notes]
