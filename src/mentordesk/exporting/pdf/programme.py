"""The programme (board) report: are our matches lasting, and is the programme sound?

`render_programme_report(figures, out, paper=..., meta=...)` lays out the figures
that services/programme_report.py gathered (a domain.programme_figures
.ProgrammeFigures). It names no one: every figure is a count. Small counts are
suppressed in the one breakdown that could point at a person, volunteers by
company and branch (see programme_sponsors.py for the decision).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ...domain.programme_figures import CHECK_STATES, ProgrammeFigures
from ...domain.survival import MONTH_DAYS
from ..privacy import NOTE as PRIVACY_NOTE
from .charts import Series, bar_chart
from .document import ReportDocument, ReportMeta, cover_story, section, styles, text
from .programme_sponsors import INDENT, sponsor_table
from .tables import (
    NOT_APPLICABLE,
    Column,
    Tile,
    figure_table,
    figure_tiles,
    format_count,
    format_date,
    format_hours,
    format_percent,
    format_period,
    format_tenths,
)

TITLE = "Programme report"
SUBJECT = "Match survival, closures, support contacts, screening and volunteers"


def programme_meta(figures: ProgrammeFigures, organisation: str = "") -> ReportMeta:
    """Title, subject, author and running header/footer for the board report."""
    period = format_period(figures.start, figures.end)
    return ReportMeta(title=f"{TITLE}, {period}", subject=SUBJECT, author=organisation,
                      header=" · ".join(p for p in (organisation, TITLE) if p), footer=period)


def render_programme_report(figures: ProgrammeFigures, out: Path | str | IO[bytes], *,
                            paper: str = "a4", meta: ReportMeta | None = None) -> int:
    """Write the report; returns the number of pages."""
    meta = meta or programme_meta(figures)
    doc = ReportDocument.from_meta(out, meta, paper=paper)
    return doc.build(programme_story(figures, doc.width, meta.author))


def programme_story(f: ProgrammeFigures, width: float, organisation: str = "") -> list[Flowable]:
    story = cover_story(TITLE, [organisation, format_period(f.start, f.end),
                                f"Figures as of {format_date(f.end)}"],
                        notes=["This report contains counts only: it names no volunteer "
                               "and no young person."])
    story += section("Headline figures", figure_tiles(headline_tiles(f), width=width))
    story += section("Match survival", *survival_section(f, width))
    story += section("Closures", *closure_section(f, width))
    story += section("Support-contact compliance", *compliance_section(f, width))
    story += section("Screening pipeline", *screening_section(f, width))
    story += section("Sessions and hours", *activity_section(f, width), room=45 * mm)
    story += section("Volunteers by sponsor and branch", *sponsor_section(f, width))
    story += section("How each figure is counted", *methodology(f), room=80 * mm)
    return story


def side_by_side(left: Flowable, right: Flowable, width: float) -> Table:
    """Two flowables in one row (a table and its chart), tops aligned."""
    row = Table([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return row


def months_text(days: int, matches: int) -> str:
    """Average length in months of 365.25 / 12 days, one decimal, exact."""
    return f"{format_tenths(days * 48, matches * 1461)} months" if matches else NOT_APPLICABLE


def _of(part: int, whole: int, what: str) -> str:
    return f"{format_count(part)} of {format_count(whole)} {what}"


def headline_tiles(f: ProgrammeFigures) -> list[Tile]:
    m, c, a = f.matches, f.compliance, f.activity
    twelve = m.reaching(12)
    return [
        Tile(format_count(m.active), "matches active in the period",
             f"{format_count(m.running_at_end)} running at the end"),
        Tile(format_count(m.started), "new matches"),
        Tile(format_count(m.closed), "matches closed"),
        Tile(months_text(m.length_days, m.active), "average match length",
             "to closure or the period's end"),
        Tile(format_percent(twelve.reached, twelve.could_have), "reached 12 months",
             _of(twelve.reached, twelve.could_have, "that could have")),
        Tile(format_percent(c.on_time, c.due), "support contacts on time",
             _of(c.on_time, c.due, "due")),
        Tile(format_count(a.sessions), "sessions attended"),
        Tile(format_hours(a.minutes), "volunteer hours"),
    ]


def _note(words: str, after_table: bool = False) -> list[Flowable]:
    return [*([Spacer(1, 1.5 * mm)] if after_table else []), Paragraph(text(words), styles().note)]


def _share_chart(labels: list[str], parts: list[int], wholes: list[int], width: float,
                 name: str) -> Flowable:
    values = [100 * p / w if w else None for p, w in zip(parts, wholes, strict=True)]
    texts = [format_percent(p, w) for p, w in zip(parts, wholes, strict=True)]
    return bar_chart(labels, [Series(name, values, texts)], width=width, horizontal=True)


def survival_section(f: ProgrammeFigures, width: float) -> list[Flowable]:
    m = f.matches
    rows = [[f"{s.months} months", s.reached, s.could_have,
             format_percent(s.reached, s.could_have)] for s in m.survival]
    columns = (Column("Milestone", 2), Column("Reached it", 1, True),
               Column("Could have", 1, True), Column("Share", 1, True))
    return [
        figure_table(columns, rows, width=width), Spacer(1, 2 * mm),
        _share_chart([r[0] for r in rows], [s.reached for s in m.survival],
                     [s.could_have for s in m.survival], width * 0.75, "Share reaching"),
        *_note("Among the matches active in the period, those that could have lasted so long "
               "by its last day: closed by then, or started at least that many months "
               "before it."),
        Paragraph(text(
            f"Average match length: {months_text(m.length_days, m.active)} over the "
            f"{format_count(m.active)} matches active in the period (to closure, or to the "
            f"period's last day). Matches closed in the period lasted "
            f"{months_text(m.closed_length_days, m.closed)} on average."), styles().body),
    ]


def closure_section(f: ProgrammeFigures, width: float) -> list[Flowable]:
    c = f.closures
    if not c.total:
        return [Paragraph("No match closed in the period.", styles().body)]
    share = (Column("Matches", 1, True), Column("Share of closures", 1, True))
    categories = [[k.label, n, format_percent(n, c.total)]
                  for k, n in c.by_category]
    reasons = [[label, n, format_percent(n, c.total)] for label, n in c.by_reason]
    total = ["All closures", c.total, "100%"]
    rematch = [["Eligible for a rematch", c.rematch_yes, format_percent(c.rematch_yes, c.total)],
               ["Not eligible", c.rematch_no, format_percent(c.rematch_no, c.total)],
               ["Not recorded", c.rematch_unrecorded,
                format_percent(c.rematch_unrecorded, c.total)]]
    return [
        Paragraph(text(f"{format_count(c.total)} matches closed in the period."),
                  styles().body),
        Paragraph("By who ended the match", styles().h2),
        figure_table((Column("Category", 3), *share), categories, width=width, total=total),
        Spacer(1, 2 * mm),
        bar_chart([r[0] for r in categories], [Series("Closures", [r[1] for r in categories])],
                  width=width * 0.75, horizontal=True, value_text=lambda v: f"{v:,.0f}"),
        Paragraph("By reason", styles().h2),
        figure_table((Column("Reason", 3), *share), reasons, width=width, total=total),
        Paragraph("Rematch decisions", styles().h2),
        figure_table((Column("Decision", 3), *share), rematch, width=width, total=total),
    ]


def compliance_section(f: ProgrammeFigures, width: float) -> list[Flowable]:
    c = f.compliance
    rows = [
        ["Matches active in the period", c.matches, ""],
        [f"{INDENT}with a contact due in the period", c.with_dues, ""],
        [f"{INDENT}every contact due made on time", c.fully_compliant,
         format_percent(c.fully_compliant, c.with_dues)],
        ["Contacts due in the period", c.due, ""],
        [f"{INDENT}made on time", c.on_time, format_percent(c.on_time, c.due)],
        ["Matches running at the end", c.running_at_end, ""],
        [f"{INDENT}with a contact overdue at the end", c.overdue_at_end,
         format_percent(c.overdue_at_end, c.running_at_end)],
    ]
    columns = (Column("Figure", 3), Column("Count", 1, True), Column("Share", 1, True))
    return [Paragraph(text(f"Cadence: {c.cadence} ({c.source})."), styles().body),
            figure_table(columns, rows, width=width),
            *_note("A due date that passes without a contact is missed, and the cadence asks "
                   "again one interval later; a match with no contact due in the period "
                   "counts neither way.", after_table=True)]


def screening_section(f: ProgrammeFigures, width: float) -> list[Flowable]:
    s = f.screening
    statuses = [[status.label, n] for status, n in s.by_status]
    half = width / 2 - 3 * mm
    table = figure_table((Column("Status", 2), Column("Volunteers", 1, True)), statuses,
                         width=half, total=["All on record", s.volunteers])
    chart = bar_chart([r[0] for r in statuses], [Series("Volunteers", [r[1] for r in statuses])],
                      width=half, height=table.wrap(half, 1000)[1], horizontal=True,
                      value_text=lambda v: f"{v:,.0f}")
    flow: list[Flowable] = [Paragraph("Volunteers by status", styles().h2),
                            side_by_side(table, chart, width),
                            Paragraph("Screening checks", styles().h2)]
    if not s.checks:
        return [*flow, Paragraph("No volunteer is in screening.", styles().body)]
    columns = (Column("Check", 2.2), *(Column(k.capitalize(), 1, True) for k in CHECK_STATES),
               Column("Expiring soon", 1.1, True))
    rows = [[c.type.label, *(c.count(k) for k in CHECK_STATES), c.expiring]
            for c in s.checks]
    flow += [figure_table(columns, rows, width=width),
             *_note(f"For the {format_count(s.in_pipeline)} volunteers who applied, are in "
                   "screening, accepted or matched: each check the settings require of them "
                   f"as it stood on {format_date(f.end)}. Expiring soon: clear, but expiring "
                   f"within {s.warning_days} days after that.", after_table=True)]
    return flow


def activity_section(f: ProgrammeFigures, width: float) -> list[Flowable]:
    a = f.activity
    hours, minutes = divmod(a.minutes, 60)
    rows = [["Sessions attended", format_count(a.sessions)],
            ["Volunteer hours", f"{format_hours(a.minutes)} ({hours:,} h {minutes} min)"],
            ["Sessions cancelled", format_count(a.cancelled)],
            ["No-shows", format_count(a.no_show)],
            ["Volunteers with an attended session", format_count(a.volunteers)],
            ["Young people with an attended session", format_count(a.youth)]]
    return [figure_table((Column("In the period", 3), Column("Count", 1.4, True)), rows,
                         width=width * 0.75)]


def sponsor_section(f: ProgrammeFigures, width: float) -> list[Flowable]:
    return [
        *_note(f"Volunteers on record by their employer and branch on {format_date(f.end)}; "
               "active ones had an attended session in the period. A volunteer employed at "
               "two places that day counts at each."),
        sponsor_table(f.sponsors, f.volunteers_on_record, f.active_on_record, width=width),
        *_note(PRIVACY_NOTE, after_table=True),
    ]


def methodology(f: ProgrammeFigures) -> list[Flowable]:
    notes = [
        f"The period: {format_period(f.start, f.end)}, both days included; "
        "\u201cat the end\u201d means at the close of its last day. Archived matches are left "
        "out; archived volunteers are left out of the counts of people, but their sessions "
        "count.",
        "A match started on its start date and closed on the date its closure was completed. "
        "It was active in the period when it started on or before the last day and had not "
        "closed before the first day.",
        "Match survival: a match reached 6, 12 or 24 months when it ran (to its closure, or "
        "to the period's last day) at least that many calendar months; 15 March to 15 "
        "September is 6 months. The share is taken among the matches that could have.",
        f"Average match length: the days from start to closure (or to the period's last "
        f"day), averaged and divided by {MONTH_DAYS:.4g} (365.25 / 12), printed with one "
        "decimal, rounded half up.",
        "Closures: matches whose closure date falls in the period, by the category and reason "
        "recorded at closure and the rematch decision.",
        f"Support contacts follow the cadence in the settings ({f.compliance.cadence}). "
        "The first contact is due a set time after the start; each next one a set interval "
        "(by the match's age) after the last contact made. A due date is met when a contact "
        "was made on or before it; one that passes without a contact is missed and asked "
        "again an interval later. Contacts of any party and method count; attempts "
        "recorded as not made do not. Overdue: a match running at the end whose next "
        "contact was due before the last day.",
        "Screening: statuses are today's (the database keeps no history of them); each "
        "required check stands as of the period's last day, the latest completed check "
        "deciding, as on a volunteer's checklist.",
        "Sessions and hours: attended sessions dated in the period and their recorded "
        "minutes; hours are the exact minutes divided by 60, printed with one decimal, "
        "rounded half up. Cancelled sessions and no-shows add no hours.",
        "Percentages are the two printed counts divided, rounded half up to a whole per "
        "cent; a dash where there is nothing to divide by.",
        "Privacy: this report names no one. Small counts are suppressed only in the table of "
        "volunteers by sponsor and branch, the one breakdown that could point at a person; "
        "the other figures cover the whole programme. " + PRIVACY_NOTE,
    ]
    return [p for n in notes for p in _note(n)]
