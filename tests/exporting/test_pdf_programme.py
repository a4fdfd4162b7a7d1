"""The board report's PDF: what it prints (read back with pypdfium2), its pages, paper
and metadata, and small-count suppression in the sponsor/branch table."""

from __future__ import annotations

import re
from datetime import date

import pypdfium2 as pdfium
import pytest

from mentordesk.domain.enums import CheckType, ClosureCategory, VolunteerStatus
from mentordesk.domain.programme_figures import (
    Activity,
    BranchVolunteers,
    CheckCounts,
    Closures,
    Compliance,
    MatchFigures,
    ProgrammeFigures,
    Screening,
    SponsorVolunteers,
)
from mentordesk.domain.survival import Survival
from mentordesk.exporting.pdf.programme import (
    programme_meta,
    render_programme_report,
)
from mentordesk.exporting.pdf.programme_sponsors import suppressed_rows
from mentordesk.exporting.privacy import PARTNER, SMALL


def branch(name, volunteers, active, branch_id=1):
    return BranchVolunteers(branch_id, name, volunteers, active)


def sponsors() -> tuple[SponsorVolunteers, ...]:
    return (
        SponsorVolunteers(1, "Ωmega Συστήματα", 23, 15, (
            branch("Αθήνα", 20, 12), branch("P\u00e1tra", 3, 3))),
        SponsorVolunteers(2, "Северсталь", 40, 30, (
            branch("Москва", 22, 17), branch("Тверь", 18, 13))),
        SponsorVolunteers(None, "No employer recorded", 9, 2, ()),
    )


def figures(**changes) -> ProgrammeFigures:
    values = dict(
        start=date(2025, 4, 1), end=date(2025, 9, 30),
        matches=MatchFigures(active=1234, started=321, closed=87, running_at_end=1147,
                             length_days=1234 * 400, closed_length_days=87 * 250,
                             survival=(Survival(6, 900, 1000), Survival(12, 611, 777),
                                       Survival(24, 0, 0))),
        closures=Closures(total=87, by_reason=(("Volunteer moved away", 50),
                                               ("Safety or policy concern", 37)),
                          by_category=tuple((c, n) for c, n in zip(ClosureCategory,
                                                                   (40, 30, 17, 0))),
                          rematch_yes=60, rematch_no=20, rematch_unrecorded=7),
        compliance=Compliance("BBBS cadence", "Big Brothers Big Sisters", 1234, 1200, 999,
                              5555, 5123, 1147, 61),
        screening=Screening(
            by_status=tuple((s, i * 11) for i, s in enumerate(VolunteerStatus)),
            in_pipeline=543,
            checks=(CheckCounts(CheckType.APPLICATION, 13, 14, 500, 15, 16, 17),),
            warning_days=30),
        activity=Activity(sessions=45678, minutes=2_740_695, cancelled=1357, no_show=246,
                          volunteers=1111, youth=1098),
        sponsors=sponsors(), volunteers_on_record=72, active_on_record=47,
    )
    values.update(changes)
    return ProgrammeFigures(**values)


def pdf_text(path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


@pytest.fixture
def report(tmp_path):
    out = tmp_path / "board.pdf"
    pages = render_programme_report(figures(), out, paper="a4",
                                    meta=programme_meta(figures(), "Ñandú Mentoring"))
    return out, pages, pdf_text(out)


def _flat(texts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(texts))


def test_prints_every_headline_figure(report):
    _, _, texts = report
    flat = _flat(texts)
    for figure in ("1,234", "321", "87", "1,147", "45,678", "1,357", "246", "1,111", "1,098",
                   "45,678", "5,555", "5,123", "999", "61"):
        assert figure in flat, figure
    assert "45,678.3" in flat  # hours: 2,740,695 minutes / 60 = 45,678.25 -> half up
    assert "45,678 h 15 min" in flat
    assert "90%" in flat and "79%" in flat  # 900 / 1000; 611 / 777 = 78.6%
    assert "92%" in flat  # contacts on time: 5,123 / 5,555 = 92.2%
    assert "13.1 months" in flat  # 400 days / (365.25 / 12) = 13.14
    assert "8.2 months" in flat  # 250 days / 30.44 = 8.21
    assert "BBBS cadence" in flat and "Big Brothers Big Sisters" in flat
    assert "Safety or policy concern" in flat and "Volunteer moved away" in flat


def test_pages_are_numbered_and_the_cover_names_the_organisation(report):
    _, pages, texts = report
    assert pages == len(texts) >= 4
    for number, page in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in page
    assert "Ñandú Mentoring" in texts[0] and "1 Apr 2025 – 30 Sep 2025" in texts[0]
    assert "Programme report" in texts[0]


def test_metadata_and_paper(report, tmp_path):
    path, _, _ = report
    doc = pdfium.PdfDocument(str(path))
    meta = doc.get_metadata_dict()
    width, height = doc[0].get_size()
    doc.close()
    assert meta["Title"] == "Programme report, 1 Apr 2025 – 30 Sep 2025"
    assert meta["Author"] == "Ñandú Mentoring" and meta["Subject"]
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    letter = tmp_path / "letter.pdf"
    render_programme_report(figures(), letter, paper="letter")
    doc = pdfium.PdfDocument(str(letter))
    assert tuple(round(v) for v in doc[0].get_size()) == (612, 792)
    doc.close()


def test_greek_and_cyrillic_names_print_and_small_counts_do_not(report):
    _, _, texts = report
    flat = _flat(texts)
    for name in ("Ωmega Συστήματα", "Αθήνα", "Северсталь", "Москва", "Тверь"):
        assert name in flat
    # Pátra's 3 volunteers (3 active, 0 not active) print as "fewer than 5"; the
    # company row then hides a partner so 23 - 20 cannot give the 3 away.
    line = next(t for t in flat.split("Pátra")[1:2])
    assert line.strip().startswith("fewer than 5 fewer than 5")
    assert "fewer than 5" in flat and "not shown" in flat


def test_empty_sections_say_so(tmp_path):
    empty = figures(closures=Closures(0, (), tuple((c, 0) for c in ClosureCategory), 0, 0, 0),
                    screening=Screening((), 0, (), 30), sponsors=(), volunteers_on_record=0,
                    active_on_record=0)
    out = tmp_path / "empty.pdf"
    render_programme_report(empty, out)
    flat = _flat(pdf_text(out))
    assert "No match closed in the period." in flat
    assert "No volunteer is in screening." in flat


# --- suppression -----------------------------------------------------------------------------

def test_suppression_hides_small_counts_and_a_partner_for_each_total():
    rows, total, companies = suppressed_rows(sponsors(), 72, 47)
    assert companies == [0, 3, 6]
    by_name = {r[0].strip(): r[1:] for r in rows}
    assert by_name["Pátra"] == [SMALL, SMALL, 0]
    # the 3 is hidden in its company's column, so a partner there is hidden too:
    # Athens (the only other branch) and, through the row, one more in its row
    athens, omega = by_name["Αθήνα"], by_name["Ωmega Συστήματα"]
    assert athens[0] is PARTNER or omega[0] is PARTNER
    assert athens[1] is PARTNER or omega[1] is PARTNER
    assert by_name["Москва"] == [22, 17, 5] and by_name["Тверь"] == [18, 13, 5]
    assert by_name["Северсталь"] == [40, 30, 10]
    # 2 active without an employer: hidden, with a partner in its row and in the
    # column over the companies (Omega's active count, already hidden, serves)
    assert by_name["No employer recorded"] == [9, SMALL, PARTNER]
    assert by_name["Ωmega Συστήματα"] == [23, PARTNER, PARTNER]
    assert total == ["All volunteers on record", 72, 47, 25]


def test_every_equation_keeps_zero_or_at_least_two_hidden_members():
    rows, total, companies = suppressed_rows(sponsors(), 72, 47)
    hidden = [[isinstance(v, type(SMALL)) for v in row[1:]] for row in rows]
    hidden_total = [isinstance(v, type(SMALL)) for v in total[1:]]
    for row in [*hidden, hidden_total]:
        assert sum(row) != 1  # volunteers = active + not active
    bounds = [*companies, len(rows)]
    for start, stop in zip(bounds, bounds[1:]):
        for col in range(3):
            members = [hidden[start][col]] + [hidden[r][col] for r in range(start + 1, stop)]
            if stop - start > 1:
                assert sum(members) != 1
    for col in range(3):
        assert sum([hidden_total[col]] + [hidden[c][col] for c in companies]) != 1
