"""Keeping a sponsor's highlights text: read when the company is chosen, stored a moment
after typing stops (one save at a time, in the background), at once when the page is
left, and handed to a preview that stores it first."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

from ...domain.errors import MentorDeskError
from ..tasks import TaskRunner
from .report_options import ReportOptions

SAVE_AFTER_MS = 800  # stored this long after typing stops


class HighlightsKeeper(QObject):
    """Between the editor of `options` and services.reports (highlights, set_highlights)."""

    def __init__(self, options: ReportOptions, reports, tasks: TaskRunner,
                 error_text: Callable[[BaseException], str]):
        super().__init__(options)
        self.options, self.reports, self.tasks = options, reports, tasks
        self._error_text = error_text
        self.sponsor_id: int | None = None  # the company whose text is in the editor
        self.stored = ""  # the text last stored (or read) for that company
        self.saving = False
        self.resave = False  # a preview stored newer text while a save was under way
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.store)

    def show_for(self, sponsor_id: int | None, on_loaded: Callable[[], None]) -> None:
        """Put the company's text in the editor (stored first: what was typed before)."""
        if sponsor_id == self.sponsor_id:
            return
        self.store()
        self.sponsor_id, self.stored = sponsor_id, ""
        if sponsor_id is None:
            self.options.set_highlights("")
            return
        self.options.set_highlights(None)

        def done(text: str) -> None:
            if shiboken6.isValid(self) and self.sponsor_id == sponsor_id:
                self.stored = text
                self.options.set_highlights(text)
                on_loaded()

        self.tasks.run(lambda _c: self.reports.highlights(sponsor_id), done,
                       lambda exc: self._status(f"Not read: {self._error_text(exc)}"),
                       parent=self.options)

    def edited(self) -> None:
        self._status("")
        self.timer.start()

    def store(self) -> None:
        """Store the editor's text for its company in the background, one save at a time."""
        self.timer.stop()
        sponsor_id, text = self.sponsor_id, self.options.highlights_text()
        if sponsor_id is None or text == self.stored or self.saving:
            return
        self.saving, previous = True, self.stored
        self.stored = text
        self._status("Saving…")

        def finished(error: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return
            self.saving = False
            if error is not None:
                if self.sponsor_id == sponsor_id:
                    self.stored = previous
                self._status(f"Not saved: {self._error_text(error)}")
            elif self.sponsor_id == sponsor_id:
                self._status("Saved.")
                if self.resave:  # this older text may have landed after the newer one
                    self.resave, self.stored = False, previous
                self.store()  # typed on while this was being stored

        self.tasks.run(lambda _c: self.reports.set_highlights(sponsor_id, text),
                       lambda _r: finished(None), finished, parent=self.options)

    def store_now(self) -> None:
        """Store what was typed at once, in this thread (one small write): the page is
        being left, maybe with the window closing."""
        self.timer.stop()
        text = self.options.highlights_text()
        if self.sponsor_id is None or text == self.stored or self.saving:
            return
        try:
            self.reports.set_highlights(self.sponsor_id, text)
            self.stored = text
        except MentorDeskError as exc:
            self._status(f"Not saved: {exc}")

    def take_pending(self) -> tuple[int, str] | None:
        """(company, text) still to store, for a preview to store before it reads them;
        counted as stored from now on."""
        self.timer.stop()
        text = self.options.highlights_text()
        if self.sponsor_id is None or text == self.stored:
            return None
        self.resave = self.resave or self.saving
        self.stored = text
        return self.sponsor_id, text

    def _status(self, text: str) -> None:
        self.options.set_highlights_status(text)
