"""The sponsor report's layout over hand-made figures (no database): every figure
is printed as computed here, small counts are suppressed, pages are numbered."""

from __future__ import annotations

import io
from datetime import date

from mentordesk.domain.enums import EventKind
from mentordesk.exporting.pdf.sponsor import branch_rows, headline_tiles, render_sponsor_report
from mentordesk.exporting.privacy import PARTNER, SMALL
from mentordesk.services.dashboard import Survival
from mentordesk.services.participation import BranchParticipation, Period
from mentordesk.services.sponsor_report import HourRate, SponsorFigures, TrainingLine

from .test_pdf_document import pdf_info, pdf_pages, pdf_text

RATE = HourRate(2022, 3180, "USD", "Independent Sector with the Do Good Institute (2022 data)")


def _branch(bid, name, volunteers, minutes, sessions, headcount=None, archived=False):
    return BranchParticipation(1, bid, name, None, headcount, volunteers, minutes, sessions,
                               archived)


def figures(**changes) -> SponsorFigures:
    values = dict(
        sponsor_id=1, sponsor="Acme Ltd", organisation="Bright Futures Mentoring",
        period=Period(date(2025, 1, 1), date(2025, 12, 31)), sponsor_logo=None,
        organisation_logo=None, volunteers=23, new_volunteers=9, headcount=400,
        sessions=611, minutes=36_663, youth_served=21, active_matches=22, match_days=22 * 400,
        survival=(Survival(6, 17, 22), Survival(12, 11, 16)), rate=RATE,
        value_cents=1_943_139,
        branches=(_branch(1, "North", 12, 20_000, 300, 300),
                  _branch(2, "South", 3, 6_000, 111, 100),
                  _branch(3, "East", 9, 10_663, 200),
                  _branch(4, "Old office", 0, 0, 0, 10, archived=True)),
        months=tuple((date(2025, m, 1), 3_000 + m) for m in range(1, 13)),
        trainings=(TrainingLine(EventKind.ONGOING_TRAINING, 3, 14, 1_890),
                   TrainingLine(EventKind.LEARNING_CIRCLE, 6, 2, 720)),
        circles=("Newcomer Circle", "Teen Mentors Circle"),
        named=("Ελένη Παπαδοπούλου", "Анна Кузнецова", "Zoë Lefèvre"), colleagues=20,
        highlights="Acme's volunteers ran a summer reading club.\n\nThank you!",
    )
    values.update(changes)
    return SponsorFigures(**values)


def _render(f, paper="a4") -> bytes:
    out = io.BytesIO()
    render_sponsor_report(f, out, paper=paper)
    return out.getvalue()


def test_headline_figures_are_printed_exactly():
    text = " ".join(pdf_text(_render(figures())).split())
    for expected in (
        "23", "employees volunteering", "5.8% of 400 staff",  # 23 / 400
        "9", "new this period", "611", "mentoring sessions",
        "611.1", "volunteer hours",  # 36,663 minutes = 611.05 h -> 611.1
        "21", "young people served", "22", "active matches",
        "77%", "17 of the 22 that could have", "69%", "11 of the 16 that could have",
        "13.1 months",  # 400 days = 13.14 months
        "$19,431.39", "at $31.80 an hour (2022)",
        "Independent Sector with the Do Good Institute (2022 data)",
    ):
        assert expected in text, expected


def test_cover_and_running_texts():
    data = _render(figures())
    pages = pdf_pages(data)
    assert "Volunteer impact report" in pages[0] and "Acme Ltd" in pages[0]
    assert "1 Jan 2025 – 31 Dec 2025" in pages[0]
    assert "Prepared by Bright Futures Mentoring" in pages[0]
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
    assert "Bright Futures Mentoring · Volunteer impact report · Acme Ltd" in pages[1]
    _, meta = pdf_info(data)
    assert meta["Title"] == "Volunteer impact report: Acme Ltd"
    assert meta["Author"] == "Bright Futures Mentoring"
    assert "Acme Ltd" in meta["Subject"]


def test_branch_table_suppresses_small_counts_with_a_partner():
    rows, total = branch_rows(figures())
    by_name = {r[0]: r for r in rows}
    assert by_name["South"][1] is SMALL  # 3 volunteers
    assert by_name["East"][1] is PARTNER  # the smallest other non-zero count (9)
    assert by_name["North"][1] == 12
    assert by_name["South"][3] is PARTNER  # its participation rate would give it away
    assert by_name["North"][3] == "4.0%"  # 12 / 300
    assert by_name["East"][3] is None  # no headcount
    assert "Old office (closed)" in by_name
    assert total[1] == 23 and total[4] == 36_663 and total[5] == 611
    text = pdf_text(_render(figures()))
    assert "fewer than 5" in text and "not shown" in text
    assert "333.3" in text and "100.0" in text and "177.7" in text  # hours per branch


def test_small_youth_counts_are_not_printed():
    tiles = {t.label: t for t in headline_tiles(figures(youth_served=3, active_matches=4))}
    assert tiles["young people served"].value == "fewer than 5"
    assert tiles["active matches"].value == "fewer than 5"
    small = headline_tiles(figures(survival=(Survival(6, 2, 9), Survival(12, 0, 0))))
    six, twelve = (t for t in small if t.label.startswith("reached"))
    assert six.value == "not shown" and twelve.value == "–"


def test_a_company_with_fewer_than_5_volunteers_never_gives_the_count_away():
    one = figures(volunteers=1, headcount=360, branches=(
        _branch(1, "Atlanta", 1, 288, 7, 260), _branch(2, "Cleveland", 0, 0, 0, 100)))
    tiles = {t.label: t for t in headline_tiles(one)}
    assert tiles["employees volunteering"].value == "fewer than 5"
    assert "%" not in tiles["employees volunteering"].note  # 0.3% of 360 would tell
    rows, total = branch_rows(one)
    assert total[1] is SMALL and total[3] is PARTNER
    assert rows[0][1] is SMALL and rows[0][3] is PARTNER
    text = " ".join(pdf_text(_render(one)).split())
    assert "0.3%" not in text and "1 employees" not in text


def test_training_recognition_highlights_and_method():
    text = " ".join(pdf_text(_render(figures())).split())
    assert "Ongoing training" in text and "Learning circle meetings" in text
    assert "31.5" in text and "12.0" in text  # 1,890 and 720 minutes
    assert "Learning circles: Newcomer Circle, Teen Mentors Circle." in text
    for name in ("Ελένη Παπαδοπούλου", "Анна Кузнецова", "Zoë Lefèvre"):
        assert name in text
    assert "and 20 colleagues" in text
    assert "summer reading club" in text and "Thank you!" in text
    assert "How each figure is counted" in text and "rounded half up" in text


def test_no_rate_no_volunteers_no_branches():
    f = figures(rate=None, value_cents=None, volunteers=0, new_volunteers=0, sessions=0,
                minutes=0, branches=(), trainings=(), circles=(), named=(), colleagues=0,
                highlights="", youth_served=0, active_matches=0, match_days=0,
                survival=(Survival(6, 0, 0), Survival(12, 0, 0)), headcount=None,
                months=tuple((date(2025, m, 1), 0) for m in range(1, 13)))
    text = pdf_text(_render(f))
    assert "no hour rate on record" in text
    assert "No branch of this company is on record." in text
    assert "No employee volunteered in the period." in text


def test_partial_months_are_noted():
    f = figures(period=Period(date(2025, 1, 15), date(2025, 12, 31)))
    text = " ".join(pdf_text(_render(f)).split())
    assert "only part of January 2025" in text
    assert "part of December" not in text


def test_letter_paper():
    sizes, _ = pdf_info(_render(figures(), paper="letter"))
    assert {(round(w), round(h)) for w, h in sizes} == {(612, 792)}
