"""ReportService: the sponsor report end to end (text of the PDF against the
independent computation; no youth data in it), report settings, atomic writing."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from mentordesk.domain import Youth
from mentordesk.domain.errors import NotFound, ValidationError
from mentordesk.domain.progress import Cancelled

from .test_sponsor_report import END, START, build_world, reference


@pytest.fixture
def world(services, make):
    return build_world(services, make)


def pdf_pages(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    pages = [page.get_textpage().get_text_range() for page in doc]
    doc.close()
    return pages


def pdf_info(data: bytes) -> tuple[list[tuple[float, float]], dict[str, str]]:
    doc = pdfium.PdfDocument(data)
    sizes, meta = [page.get_size() for page in doc], doc.get_metadata_dict()
    doc.close()
    return sizes, meta


def _hours(minutes: int) -> str:
    return f"{(Decimal(minutes) / 60).quantize(Decimal('0.1'), ROUND_HALF_UP):,}"


def test_the_sponsor_report_prints_the_figures_and_nothing_about_youth(services, world,
                                                                       tmp_path):
    services.settings.set("organisation_name", "Bright Futures")
    services.reports.set_highlights(world.acme.id, "Acme ran a reading club.")
    out = services.reports.sponsor_report(world.acme.id, START, END, tmp_path / "acme.pdf",
                                          paper="a4")
    assert out == tmp_path / "acme.pdf"
    data = out.read_bytes()
    pages = pdf_pages(data)
    text = " ".join(" ".join(pages).split())
    ref = reference(services.db, world.acme.id)
    # headline numbers, from the independent computation
    value = f"${ref['value_cents'] // 100:,}.{ref['value_cents'] % 100:02d}"
    for expected in (f"{ref['volunteers']} employees volunteering",
                     f"{ref['new']} new this period", f"{ref['sessions']} mentoring sessions",
                     f"{_hours(ref['minutes'])} volunteer hours",
                     f"{ref['youth']} young people served", f"{ref['matches']} active matches",
                     value, "Acme ran a reading club.", "Bright Futures"):
        assert expected in text, expected
    for minutes in ref["months"].values():
        assert _hours(minutes) in text
    # the names of consenting volunteers, in any script; the others only counted
    for name in ref["named"]:
        assert name in text
    assert f"and {ref['colleagues']} colleagues" in text
    assert "Sam South" not in text
    # nothing about a young person: names, programme IDs, schools, dates of birth
    with services.db.reading() as s:
        youth = s.execute(select(Youth.first_name, Youth.last_name, Youth.programme_ref,
                                 Youth.school, Youth.date_of_birth)).all()
    assert len(youth) == 9
    lowered = text.casefold()
    for first, last, ref_id, school, born in youth:
        for value in (first, last, ref_id, school):
            assert value.casefold() not in lowered, value
        assert born.isoformat() not in text
        assert f"{born.day} {born:%b %Y}" not in text and born.strftime("%d/%m/%Y") not in text
    # fonts embedded; pages numbered
    fonts = re.findall(rb"/BaseFont /(\S+)", data)
    assert len(fonts) >= 2 and all(b"+NotoSans" in f for f in fonts), fonts
    assert data.count(b"/FontFile2") == len(fonts)  # every font embedded
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page


def test_the_report_is_for_the_company_named(services, world, tmp_path):
    out = services.reports.sponsor_report(world.beta.id, START, END, tmp_path / "beta.pdf")
    text = " ".join(" ".join(pdf_pages(out.read_bytes())).split())
    ref = reference(services.db, world.beta.id)
    assert "Beta plc" in text and f"{ref['sessions']} mentoring sessions" in text
    assert "Ελένη" not in text  # Acme's volunteer


def test_paper_setting_and_locale_default(services, world, tmp_path, monkeypatch):
    reports = services.reports
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    assert reports.paper() == "letter"
    monkeypatch.setenv("LC_PAPER", "de_DE.UTF-8")
    assert reports.paper() == "a4"
    reports.set_paper("letter")
    assert reports.paper() == "letter"
    out = reports.sponsor_report(world.acme.id, START, END, tmp_path / "r.pdf")
    sizes, _ = pdf_info(out.read_bytes())
    assert {(round(w), round(h)) for w, h in sizes} == {(612, 792)}
    out = reports.sponsor_report(world.acme.id, START, END, tmp_path / "r.pdf", paper="A4")
    sizes, _ = pdf_info(out.read_bytes())
    assert {(round(w), round(h)) for w, h in sizes} == {(595, 842)}
    reports.set_paper(None)
    assert reports.paper() == "a4"
    with pytest.raises(ValidationError, match="A4 or Letter"):
        reports.set_paper("a3")
    with pytest.raises(ValidationError, match="A4 or Letter"):
        reports.sponsor_report(world.acme.id, START, END, tmp_path / "r.pdf", paper="legal")


def test_highlights_per_company(services, world):
    reports = services.reports
    assert reports.highlights(world.acme.id) == ""
    reports.set_highlights(world.acme.id, "  Line one   \n\nLine two  \n")
    reports.set_highlights(world.beta.id, "Beta's year")
    assert reports.highlights(world.acme.id) == "Line one\n\nLine two"
    assert reports.highlights(world.beta.id) == "Beta's year"
    reports.set_highlights(world.acme.id, "")
    assert reports.highlights(world.acme.id) == ""
    assert reports.highlights(world.beta.id) == "Beta's year"
    with pytest.raises(ValidationError, match="under 4,000 characters"):
        reports.set_highlights(world.acme.id, "x" * 4001)
    with pytest.raises(NotFound, match="no sponsor company with ID 999"):
        reports.set_highlights(999, "text")


def test_find_sponsor(services, world):
    assert services.reports.find_sponsor("  acme LTD ") == world.acme.id
    with pytest.raises(NotFound) as err:
        services.reports.find_sponsor("Gamma")
    assert str(err.value) == ("There is no sponsor called 'Gamma'; known sponsors: "
                              "Acme Ltd, Beta plc.")


class CancelAt:
    """A Progress that presses Cancel at its n-th check."""

    def __init__(self, n: int):
        self.n, self.checks, self.steps = n, 0, []

    def progress(self, done, total, text=""):
        self.steps.append((done, total, text))

    def check(self):
        self.checks += 1
        if self.checks >= self.n:
            raise Cancelled()


@pytest.mark.parametrize("at", [1, 2, 3])
def test_a_cancel_leaves_the_earlier_file_and_no_temporary_file(services, world, tmp_path, at):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"the earlier report")
    with pytest.raises(Cancelled):
        services.reports.sponsor_report(world.acme.id, START, END, target,
                                        progress=CancelAt(at))
    assert target.read_bytes() == b"the earlier report"
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]


def test_progress_is_reported(services, world, tmp_path):
    progress = CancelAt(10**6)
    services.reports.sponsor_report(world.acme.id, START, END, tmp_path / "r.pdf",
                                    progress=progress)
    assert progress.steps[-1][0] == progress.steps[-1][1]
    assert progress.checks >= 3


def test_the_programme_report_is_written(services, world, tmp_path):
    services.settings.set("organisation_name", "Bright Futures")
    out = services.reports.programme_report(START, END, tmp_path / "board.pdf", paper="letter")
    sizes, meta = pdf_info(out.read_bytes())
    assert meta["Title"] == "Programme report" and meta["Author"] == "Bright Futures"
    assert {(round(w), round(h)) for w, h in sizes} == {(612, 792)}
    text = " ".join(pdf_pages(out.read_bytes()))
    assert re.search(r"Page 1 of \d+", text)


def test_reports_refuse_a_bad_period(services, world, tmp_path):
    with pytest.raises(ValidationError, match="must end on or after"):
        services.reports.sponsor_report(world.acme.id, END, START, tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()
    assert date(2025, 1, 1) == START
