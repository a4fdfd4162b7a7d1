"""The Reports page: choose a report, preview its pages, then save, print or open it.

Everything slow runs in the background through context.tasks: reading the
companies, writing the PDF (services.reports, with progress and Cancel),
drawing its pages (report_preview), saving a copy and printing. The preview
is a PDF in a temporary folder of the page; Save copies it (atomically) where
the coordinator says, Open hands it to the computer's PDF viewer. The sponsor's
highlights text is stored (services.reports.set_highlights) a moment after
typing stops, before a preview, and when the page is left.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..context import PageContext
from .report_actions import QuietProgress, ReportActions, error_text, warm_up
from .report_highlights import HighlightsKeeper
from .report_options import SPONSOR, ReportChoice, ReportOptions
from .report_preview import PreviewPane
from .report_render import RenderedPdf, render_pages

class ReportsPage(ReportActions, QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.reports = context.services.reports
        self._folder = tempfile.TemporaryDirectory(prefix="mentordesk-reports-",
                                                   ignore_cleanup_errors=True)
        self._made = 0  # previews made, for their folder names
        self._generation = 0  # the newest preview request wins
        self.loaded = self.busy = False
        self.shown: tuple[ReportChoice, str] | None = None  # (choice, highlights) on show
        self.task = None  # the newest preview task (its control cancels it)
        self.options = ReportOptions(context.today, self)
        self.preview = PreviewPane(self)
        self.status = QLabel("", self)
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.preview_button = self._button("Previe&w", "previewButton", self.generate)
        self.preview_button.setDefault(True)
        self.save_button = self._button("S&ave…", "saveButton", self.save)
        self.print_button = self._button("Prin&t…", "printButton", self.print_report)
        self.open_button = self._button("&Open", "openButton", self.open_report)
        self.highlights = HighlightsKeeper(self.options, self.reports, context.tasks,
                                           error_text)
        self._build_layout()
        self.options.changed.connect(self._options_changed)
        self.options.highlights_edited.connect(self._highlights_edited)
        self.preview.render_wanted.connect(self._render_again)
        state = context.settings.list_filters("reports")
        self.options.set_kind(state.get("kind", SPONSOR))
        self._update_actions()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_layout(self) -> None:
        heading = QLabel("Reports", self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(heading)
        column.addWidget(self.options, 1)
        column.addWidget(self.preview_button)
        right = QWidget(self)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        for button in (self.save_button, self.print_button, self.open_button):
            actions.addWidget(button)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 700])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.addWidget(splitter)

    # --- loading ---------------------------------------------------------------------

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        """Read the companies and the paper setting in the background."""
        services = self.context.services

        def read(_control) -> tuple[list[tuple[int, str]], str]:
            warm_up()
            sponsors = sorted(((s.id, s.name) for s in services.sponsors.list()),
                              key=lambda s: s[1].casefold())
            return sponsors, self.reports.paper()

        def done(result) -> None:
            if shiboken6.isValid(self):
                sponsors, paper = result
                self.loaded = True
                self.options.set_paper(paper)
                self.options.set_sponsors(sponsors)
                self._load_highlights()
                self._update_actions()

        self.context.tasks.run(read, done, self._show_error, parent=self)

    # --- highlights -----------------------------------------------------------------

    def _load_highlights(self) -> None:
        sponsor_id = self.options.choice().sponsor_id if self.loaded else None
        self.highlights.show_for(sponsor_id, self._update_actions)

    def _highlights_edited(self) -> None:
        self.highlights.edited()
        self._update_actions()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Leaving the page (or closing the window): store what was typed, now."""
        self.highlights.store_now()
        super().hideEvent(event)

    # --- preview -----------------------------------------------------------------------

    def _options_changed(self) -> None:
        choice = self.options.choice()
        self.context.settings.set_list_filters("reports", {"kind": choice.kind})
        if self.loaded:
            self._load_highlights()
        self._update_actions()

    def stale(self) -> bool:
        """The preview on show no longer matches the choices (or the highlights)."""
        if self.shown is None:
            return False
        choice, highlights = self.shown
        current = self.options.choice()
        return choice != current or (
            current.kind == SPONSOR and highlights != self.options.highlights_text())

    def generate(self) -> None:
        """Write the chosen report to a new temporary PDF and draw its pages."""
        choice = self.options.choice()
        if choice.kind == SPONSOR and choice.sponsor_id is None:
            self.status.setText("Choose the sponsor company first.")
            return
        text = self.options.highlights_text()
        store = self.highlights.take_pending() if choice.kind == SPONSOR else None
        self._made += 1
        folder = Path(self._folder.name) / str(self._made)
        path = folder / choice.file_name()
        spec, reports = self.preview.scale_spec(), self.reports
        p = choice.period

        def work(control) -> RenderedPdf:
            control = QuietProgress(control)
            if store is not None:
                reports.set_highlights(*store)
            folder.mkdir(parents=True, exist_ok=True)
            if choice.kind == SPONSOR:
                reports.sponsor_report(choice.sponsor_id, p.start, p.end, path,
                                       paper=choice.paper, progress=control)
            else:
                reports.programme_report(p.start, p.end, path, paper=choice.paper,
                                         progress=control)
            return render_pages(path, spec, control)

        self._run_preview(work, (choice, text), "Preparing the report…")

    def _render_again(self) -> None:
        """Draw the pages on show again at the new zoom (no new PDF)."""
        document = self.preview.document
        if document is None or self.busy:
            return
        spec, shown = self.preview.scale_spec(), self.shown
        self._run_preview(lambda control: render_pages(document.path, spec, control), shown,
                          None, keep_place=True)

    def _run_preview(self, work, shown, label: str | None, *, keep_place: bool = False) -> None:
        self._generation += 1
        generation = self._generation
        self.busy = True
        self.status.setText("Preparing the preview…" if label else self.status.text())
        self._update_actions()

        def done(document: RenderedPdf) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.busy = False
                self.shown = shown
                self.preview.show_document(document, keep_place=keep_place)
                self._describe(document)
                self._update_actions()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.busy = False
                self._show_error(exc)
                self._update_actions()

        self.task = self.context.tasks.run(work, done, failed, label=label, parent=self)

    def _describe(self, document: RenderedPdf) -> None:
        choice, _ = self.shown
        n = len(document.sizes)
        self.status.setText(
            f"{choice.title()} · {self.options.period.text()} · {choice.paper.upper()} · "
            f"{QLocale().toString(n)} page{'' if n == 1 else 's'}")

    def _show_error(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.status.setText(error_text(exc))

    def _update_actions(self) -> None:
        ready = self.shown is not None and not self.busy and not self.stale()
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(ready)
        self.preview_button.setEnabled(self.loaded and not self.busy)
        if self.shown is not None and self.stale() and not self.busy:
            self.status.setText("The choices changed since this preview: press Preview "
                                "to see the report as it will be.")
        elif self.shown is None and not self.busy:
            self.preview.show_message("Choose a report and press Preview." if self.loaded
                                      else "Loading…")
