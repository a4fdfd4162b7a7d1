"""The baseline of the sponsor report benchmark: a bare reportlab document with
the same tables and charts (headline tiles, branch table and chart, hours per
month, trainings, recognition, a methodology page), built from plain sqlite3
aggregates over the same data, in the same shipped font. No MentorDesk code.

Written compactly on purpose: it is the raw-library floor, not product code.
"""
# ruff: noqa: E501, E702, E741

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

FONTS = Path(__file__).resolve().parents[1] / "src" / "mentordesk" / "assets" / "fonts"


def bare(db_path: str, name: str, start: date, end: date, out) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Table, PageBreak
    from reportlab.graphics.shapes import Drawing
    from reportlab.graphics.charts.barcharts import VerticalBarChart, HorizontalBarChart
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if "NotoSans" not in pdfmetrics.getRegisteredFontNames():
        for n, f in (("NotoSans", "NotoSans-Regular.ttf"), ("NotoSans-Bold", "NotoSans-Bold.ttf")):
            pdfmetrics.registerFont(TTFont(n, str(FONTS / f)))
    con = sqlite3.connect(db_path)
    s, e = start.isoformat(), end.isoformat()
    sid = con.execute("select id from sponsor where name=?", (name,)).fetchone()[0]
    cover = "(e.start_date is null or e.start_date <= {d}) and (e.end_date is null or e.end_date >= {d})"
    branches = con.execute(f"""
        select b.name, b.headcount, count(distinct x.vid), coalesce(sum(x.m),0), count(x.id) from branch b left join (
          select e.branch_id bid, ss.volunteer_id vid, ss.duration_minutes m, ss.id id from employment e join session ss
          on ss.volunteer_id = e.volunteer_id and {cover.format(d='ss.session_date')}
          where e.sponsor_id = ? and ss.status='attended' and ss.session_date between ? and ?) x on x.bid = b.id
        where b.sponsor_id = ? group by b.id order by b.name""", (sid, s, e, sid)).fetchall()
    rows = con.execute(f"""select ss.id, ss.volunteer_id, ss.session_date, ss.duration_minutes, m.youth_id, m.start_date, m.end_date
          from employment e join session ss on ss.volunteer_id = e.volunteer_id and {cover.format(d='ss.session_date')}
          left join "match" m on m.id = ss.match_id
          where e.sponsor_id = ? and ss.status='attended' and ss.session_date between ? and ?""", (sid, s, e)).fetchall()
    months = con.execute(f"""select substr(ss.session_date,1,7), sum(ss.duration_minutes) from employment e join session ss
          on ss.volunteer_id = e.volunteer_id and {cover.format(d='ss.session_date')}
          where e.sponsor_id = ? and ss.status='attended' and ss.session_date between ? and ? group by 1 order by 1""", (sid, s, e)).fetchall()
    kinds = con.execute(f"""select ev.kind, count(distinct ev.id), count(distinct a.volunteer_id), sum(ev.duration_minutes)
          from employment e join attendance a on a.volunteer_id = e.volunteer_id join event ev on ev.id = a.event_id and {cover.format(d='ev.event_date')}
          where e.sponsor_id = ? and a.status='attended' and ev.archived_at is null and ev.event_date between ? and ? group by 1""", (sid, s, e)).fetchall()
    named = con.execute(f"""select distinct v.first_name || ' ' || v.last_name from employment e join volunteer v on v.id = e.volunteer_id
          join session ss on ss.volunteer_id = v.id and {cover.format(d='ss.session_date')}
          where e.sponsor_id = ? and v.consent_named_in_reports and ss.session_date between ? and ? order by v.last_name""", (sid, s, e)).fetchall()
    con.close()
    st = getSampleStyleSheet()
    for k in st.byName.values():
        k.fontName = "NotoSans"
    doc = SimpleDocTemplate(out, pagesize=A4, title="t", author="a", subject="s")
    story = [Paragraph("Volunteer impact report", st["Title"]), Paragraph(name, st["Normal"]), PageBreak()]
    minutes = sum(r[3] for r in rows)
    tiles = [[f"{len({r[1] for r in rows})}", "0", f"{len(rows)}", f"{minutes/60:.1f}"], [f"{len({r[4] for r in rows})}", "0", "0%", "0%"], ["x months", f"${minutes*3180/6000:.2f}", "", ""]]
    story += [Paragraph("Headline figures", st["Heading1"]), Table(tiles, style=[("FONT", (0,0), (-1,-1), "NotoSans-Bold", 17), ("BOX", (0,0), (-1,-1), 0.5, "grey")]), Paragraph("Estimated value ... source", st["Normal"])]
    story += [Paragraph("Highlights", st["Heading1"]), Paragraph("text", st["Normal"])]
    data = [["Branch", "Volunteers", "Headcount", "Participation", "Hours", "Sessions"]] + [[n, v, h, f"{v/h*100:.1f}%" if h else "-", f"{m/60:.1f}", c] for n, h, v, m, c in branches]
    story += [Paragraph("By branch", st["Heading1"]), Table(data, repeatRows=1, style=[("FONT", (0,0), (-1,-1), "NotoSans", 8.5)])]
    d = Drawing(480, 120); ch = HorizontalBarChart(); ch.x, ch.y, ch.width, ch.height = 120, 10, 340, 100
    ch.data = [[m/60 for _, _, _, m, _ in branches]]; ch.categoryAxis.categoryNames = [b[0] for b in branches]
    ch.categoryAxis.labels.fontName = ch.valueAxis.labels.fontName = "NotoSans"; d.add(ch); story.append(d)
    d = Drawing(480, 160); ch = VerticalBarChart(); ch.x, ch.y, ch.width, ch.height = 30, 20, 440, 130
    ch.data = [[m/60 for _, m in months]]; ch.categoryAxis.categoryNames = [k for k, _ in months]
    ch.categoryAxis.labels.fontName = ch.valueAxis.labels.fontName = "NotoSans"; ch.barLabelFormat = "%.1f"; ch.barLabels.fontName = "NotoSans"
    d.add(ch); story += [Paragraph("Volunteer hours per month", st["Heading1"]), d]
    story += [Paragraph("Trainings", st["Heading1"]), Table([["Kind", "Events", "Volunteers", "Hours"]] + [[k, a, b, f"{c/60:.1f}"] for k, a, b, c in kinds], style=[("FONT", (0,0), (-1,-1), "NotoSans", 8.5)])]
    story += [Paragraph("Recognition", st["Heading1"]), Paragraph(", ".join(n for (n,) in named), st["Normal"])]
    story += [Paragraph("How each figure is counted", st["Heading1"])] + [Paragraph("Definition text " * 20, st["Normal"]) for _ in range(11)]
    doc.build(story)
