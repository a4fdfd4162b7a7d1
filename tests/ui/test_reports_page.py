"""The Reports page: choose, preview (pages drawn by pdfium in the background), keep the
highlights, then save, print (through a patched dialog) or open -- no modal blocks."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from mentordesk.domain.errors import ValidationError
from mentordesk.services.sessions import SessionEntry
from mentordesk.ui.context import Navigator, PageContext
from mentordesk.ui.tasks import TaskRunner
from mentordesk.ui.views import report_actions as actions_module
from mentordesk.ui.views.report_options import PROGRAMME, SPONSOR, report_presets
from mentordesk.ui.views.reports import ReportsPage

from .conftest import TODAY


@pytest.fixture
def active(services):
    """José (Acme Ltd) met his young person four times in the last quarter of 2025."""
    match = next(m for m in services.matches.list_rows() if m.volunteer == "José Álvarez")
    services.sessions.log_many([SessionEntry(match.id, date(2025, month, 7), 75)
                                for month in (10, 11, 12)] +
                               [SessionEntry(match.id, date(2025, 12, 31), 30)])
    return services


@pytest.fixture
def page(qtbot, active, ui_settings):
    context = PageContext(active, ui_settings, lambda: TODAY, QUndoStack(), Navigator(),
                          TaskRunner())
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.resize(1150, 760)
    page.show()
    page.ensure_loaded()
    qtbot.waitUntil(lambda: page.loaded and page.options.sponsor.count() == 2)
    yield page
    context.tasks.wait()  # no background work may outlive the test's database


def settle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    page.context.tasks.wait()
    qtbot.wait(10)


def preview(qtbot, page) -> None:
    page.generate()
    assert page.busy
    settle(qtbot, page)


def pdf_pages(path: Path) -> tuple[int, str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in doc)
        return len(doc), text
    finally:
        doc.close()


def choose_sponsor(page, name: str) -> None:
    page.options.sponsor.setCurrentIndex(page.options.sponsor.findText(name))


def test_presets_are_whole_quarters_half_years_and_years():
    p = report_presets(date(2026, 3, 1))
    assert (p["Last quarter"].start, p["Last quarter"].end) == (date(2025, 10, 1),
                                                                date(2025, 12, 31))
    assert (p["Last half-year"].start, p["Last half-year"].end) == (date(2025, 7, 1),
                                                                    date(2025, 12, 31))
    assert (p["Last year"].start, p["Last year"].end) == (date(2025, 1, 1), date(2025, 12, 31))
    q = report_presets(date(2026, 7, 1))["Last quarter"]
    assert (q.start, q.end) == (date(2026, 4, 1), date(2026, 6, 30))


def test_a_sponsor_report_is_previewed_page_by_page(qtbot, page):
    options = page.options
    assert [options.sponsor.itemText(i) for i in range(2)] == ["Acme Ltd", "Zed Foods"]
    assert options.period.preset.currentText() == "Last quarter"
    assert not page.save_button.isEnabled()
    choose_sponsor(page, "Acme Ltd")
    preview(qtbot, page)
    document = page.preview.document
    pages, text = pdf_pages(document.path)
    assert page.preview.page_count() == len(document.images) == pages > 1
    assert page.preview.of_label.text() == f"of {pages}"
    assert page.preview.current_page() == 1
    assert "Acme Ltd" in text and "1 Oct 2025 – 31 Dec 2025" in text
    assert "Acme Ltd" in page.status.text() and f"{pages} pages" in page.status.text()
    assert all(b.isEnabled() for b in (page.save_button, page.print_button, page.open_button))
    page.preview.page_box.setValue(2)  # Page 2 of N scrolls there
    top = page.preview.pages.page_rects()[1].top()
    assert abs(page.preview.scroll.verticalScrollBar().value() - (top - 14)) <= 1 or \
        page.preview.scroll.verticalScrollBar().value() == \
        page.preview.scroll.verticalScrollBar().maximum()


def test_the_programme_report_needs_no_sponsor(qtbot, page):
    page.options.set_kind(PROGRAMME)
    assert page.options.sponsor.isHidden() and page.options.highlights.isHidden()
    preview(qtbot, page)
    pages, text = pdf_pages(page.preview.document.path)
    assert page.preview.page_count() == pages
    assert "Programme report" in text and "Match survival" in text
    assert page.context.settings.list_filters("reports")["kind"] == PROGRAMME


def test_highlights_are_stored_when_typing_stops_and_when_leaving(qtbot, page):
    reports = page.context.services.reports
    acme = page.options.sponsor.currentData()
    qtbot.waitUntil(lambda: not page.options.highlights.isReadOnly())
    page.options.highlights.setPlainText("Forty hours of maths help before the exams.")
    qtbot.waitUntil(lambda: reports.highlights(acme) ==
                    "Forty hours of maths help before the exams.", timeout=5000)
    qtbot.waitUntil(lambda: page.options.highlights_status.text() == "Saved.")
    choose_sponsor(page, "Zed Foods")  # another company: its own (empty) text
    zed = page.options.sponsor.currentData()
    qtbot.waitUntil(lambda: not page.options.highlights.isReadOnly())
    assert page.options.highlights_text() == ""
    page.options.highlights.setPlainText("Ζed's first term.")
    page.hide()  # leaving the page stores it at once
    assert reports.highlights(zed) == "Ζed's first term."
    assert reports.highlights(acme) == "Forty hours of maths help before the exams."


def test_a_preview_goes_stale_when_a_choice_changes_and_prints_the_highlights(qtbot, page):
    choose_sponsor(page, "Acme Ltd")
    qtbot.waitUntil(lambda: not page.options.highlights.isReadOnly())
    preview(qtbot, page)
    assert page.save_button.isEnabled()
    page.options.highlights.setPlainText("A thank-you to the North office.")
    assert page.stale() and not page.save_button.isEnabled()
    assert "press Preview" in page.status.text()
    preview(qtbot, page)  # stores the text first, then prints it
    assert not page.stale() and page.save_button.isEnabled()
    _, text = pdf_pages(page.preview.document.path)
    assert "A thank-you to the North office." in text
    acme = page.options.sponsor.currentData()
    assert page.context.services.reports.highlights(acme) == "A thank-you to the North office."
    page.options.paper.setCurrentIndex(page.options.paper.findData("letter"))
    assert page.stale()


def test_save_writes_the_previewed_pdf(qtbot, page, tmp_path, monkeypatch):
    preview(qtbot, page)
    asked = []

    def fake_save(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(tmp_path / "acme-report"), filters

    monkeypatch.setattr(actions_module.QFileDialog, "getSaveFileName", staticmethod(fake_save))
    page.save()
    target = tmp_path / "acme-report.pdf"
    qtbot.waitUntil(lambda: target.exists() and "Saved as" in page.status.text())
    assert target.read_bytes() == page.preview.document.path.read_bytes()
    assert asked[0].endswith("Acme Ltd impact report 2025-10-01 to 2025-12-31.pdf")
    assert page.context.settings.list_filters("reports")["folder"] == str(tmp_path)
    assert not list(tmp_path.glob(".~*"))  # no temporary file left beside it


def test_print_goes_through_the_print_dialog(qtbot, page, tmp_path, monkeypatch):
    preview(qtbot, page)
    out = tmp_path / "printed.pdf"
    seen = {}

    class FakePrintDialog:
        def __init__(self, printer, parent):
            self.printer = printer

        def setMinMax(self, low, high):  # noqa: N802
            seen["range"] = (low, high)

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(out))
            seen["paper"] = self.printer.pageLayout().pageSize().id()
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(actions_module, "QPrintDialog", FakePrintDialog)
    page.print_report()
    qtbot.waitUntil(lambda: "to the printer" in page.status.text(), timeout=20_000)
    pages = page.preview.page_count()
    assert seen["range"] == (1, pages)
    assert f"Sent {pages} pages" in page.status.text()
    printed, _ = pdf_pages(out)
    assert printed == pages


def test_a_cancelled_print_dialog_prints_nothing(qtbot, page, monkeypatch):
    preview(qtbot, page)

    class Refused:
        def __init__(self, printer, parent):
            pass

        def setMinMax(self, low, high):  # noqa: N802
            pass

        def exec(self):
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(actions_module, "QPrintDialog", Refused)
    before = page.status.text()
    page.print_report()
    assert page.context.tasks.running() == 0 and page.status.text() == before


def test_open_hands_the_pdf_to_the_desktop(qtbot, page, monkeypatch):
    preview(qtbot, page)
    opened = []
    monkeypatch.setattr(actions_module.QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    page.open_report()
    assert opened == [str(page.preview.document.path)]


def test_zoom_draws_the_pages_again(qtbot, page):
    preview(qtbot, page)
    before = page.preview.document.images[0].width()
    page.preview.zoom_box.setCurrentText("200%")
    qtbot.waitUntil(lambda: page.preview.document.images[0].width() != before, timeout=10_000)
    settle(qtbot, page)
    ratio = page.preview.devicePixelRatioF()
    assert page.preview.document.images[0].width() == pytest.approx(595 * 2 * 96 / 72 * ratio,
                                                                   abs=2)
    assert page.preview.current_page() == 1


def test_cancel_stops_the_preview_and_keeps_the_last_one(qtbot, page, monkeypatch):
    reports = page.context.services.reports

    def slow(*args, progress, **kwargs):
        for _ in range(500):
            progress.check()
            time.sleep(0.01)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(reports, "sponsor_report", slow)
    page.generate()
    qtbot.waitUntil(lambda: page.context.tasks.running() == 1)
    page.task.control.cancel()
    settle(qtbot, page)
    assert page.status.text() == "Cancelled." and page.preview.document is None
    assert page.preview_button.isEnabled()


def test_an_error_is_one_sentence_on_the_page(qtbot, page, monkeypatch):
    def refuse(*args, **kwargs):
        raise ValidationError("The period must end on or after the day it starts.", "end")

    monkeypatch.setattr(page.context.services.reports, "sponsor_report", refuse)
    preview(qtbot, page)
    assert page.status.text() == "The period must end on or after the day it starts."


def test_the_main_window_shows_the_reports_page(qtbot, active, ui_settings):
    from mentordesk.ui.main_window import MainWindow

    window = MainWindow(active, ui_settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_page("reports")
    assert isinstance(window.pages["reports"], ReportsPage)
    qtbot.waitUntil(lambda: window.pages["reports"].loaded)
    window.tasks.wait()
    assert window.pages["reports"].options.choice().kind == SPONSOR


def test_an_empty_database_asks_for_a_company_and_still_makes_the_board_report(
        qtbot, empty_services, ui_settings):
    context = PageContext(empty_services, ui_settings, lambda: TODAY, QUndoStack(), Navigator(),
                          TaskRunner())
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.ensure_loaded()
    qtbot.waitUntil(lambda: page.loaded)
    page.options.set_kind(SPONSOR)
    assert page.options.sponsor.count() == 0
    page.generate()
    assert not page.busy and page.status.text() == "Choose the sponsor company first."
    page.options.set_kind(PROGRAMME)
    preview(qtbot, page)
    _, text = pdf_pages(page.preview.document.path)
    assert "No match closed in the period." in text
    context.tasks.wait()
