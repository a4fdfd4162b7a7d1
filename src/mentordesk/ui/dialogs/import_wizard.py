"""The import wizard: file → mapping → preview → import → summary.

    open_import_wizard(context, parent, path=None)   # File → Import… (Ctrl+I), a dropped file

The wizard holds what the pages show (the table read, the kind, the mapping, the
plan, the result) and runs every slow step through context.tasks, off the GUI
thread: reading the file, the preview, the import itself, saving the rejected
rows and undoing an import. A newer step supersedes an older one (its result is
dropped). Cancel while importing stops the import and nothing is written;
elsewhere it closes the wizard. After an import or an undo the window's pages
read their rows again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QWidget,
    QWizard,
)

from ...domain.errors import MentorDeskError
from ...domain.progress import Cancelled, Progress
from ...importing.kinds import KINDS, get_kind
from ...importing.mapping import ColumnMapping
from ...importing.plan import REJECTED, ImportPlan
from ...importing.table import SheetTable
from ...services.imports import ImportResult, ImportService
from ..context import PageContext
from ..models.import_preview import preview_lines
from ..tasks import Task
from .import_pages import FilePage, MappingPage, WizardPage
from .import_results import ImportPage, PreviewPage, SummaryPage

log = logging.getLogger(__name__)
FILE, MAPPING, PREVIEW, IMPORT, SUMMARY = range(5)
CANCELLED = "Import cancelled; nothing was changed."


def error_text(exc: BaseException) -> str:
    """One sentence for the page (unexpected errors are logged with their traceback)."""
    if isinstance(exc, Cancelled):
        return CANCELLED
    if isinstance(exc, MentorDeskError):
        return str(exc)
    log.error("unexpected error in the import wizard", exc_info=exc)
    detail = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
    return f"Something went wrong and the work was not finished ({detail}); nothing was changed."


def guess_kind(imports: ImportService, table: SheetTable) -> tuple[str, ColumnMapping]:
    """The kind whose fields the headers name best: a saved mapping for these headers
    first, then a mapping that covers what the kind requires, then the most columns, then
    the kind that requires more (a sheet of names, dates and hours is one of sessions)."""
    proposals = [(imports.propose_mapping(table, name), kind) for name, kind in KINDS.items()]
    mapping, kind = max(proposals, key=lambda p: (
        p[0].template is not None, p[0].complete, len(p[0].columns), len(p[1].required)))
    return kind.name, mapping


def refresh_pages(window: QWidget | None) -> None:
    """The main window's pages read their rows again (records were added or removed)."""
    if window is None or not shiboken6.isValid(window):
        return
    for page in getattr(window, "pages", {}).values():
        if hasattr(page, "reload"):
            page.reload()


def release(*plans: ImportPlan | ImportResult | None) -> None:
    """Empty a plan's (or a result's) lists a slice at a time, in a worker: freeing
    100,000 small records in one go holds the interpreter, and so the window, for 0.1 s."""
    for plan in plans:
        names = ("rows", "converted", "creates", "updates", "row_plans", "errors")
        for items in (getattr(plan, name, None) for name in names):
            while isinstance(items, list) and items:
                del items[-2000:]


class _Relay(QObject):
    """Progress from the worker to the page on show (a queued signal)."""

    progressed = Signal(int, int, str)


class _Reporting:
    """The task's control (Cancel) with its progress sent to the wizard's pages."""

    def __init__(self, control: Progress, relay: _Relay):
        self._control, self._relay = control, relay

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._relay.progressed.emit(done, total, text)

    def check(self) -> None:
        self._control.check()


class ImportWizard(QWizard):
    """Import one sheet of a spreadsheet; `result` holds the import once it is done."""

    def __init__(self, context: PageContext, parent: QWidget | None = None,
                 path: Path | None = None):
        super().__init__(parent)
        self.context = context
        self.imports: ImportService = context.services.imports
        self.setWindowTitle("Import a spreadsheet")
        self.setObjectName("importWizard")
        for option in (QWizard.WizardOption.NoBackButtonOnStartPage,
                       QWizard.WizardOption.NoBackButtonOnLastPage,
                       QWizard.WizardOption.NoCancelButtonOnLastPage):
            self.setOption(option, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Close")
        self.source: tuple[Path | None, str | None, str | None] = (None, None, None)
        self.table: SheetTable | None = None
        self.kind: str | None = None
        self.mapping: ColumnMapping | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.create_missing = True
        self.task: Task | None = None
        self._generation = 0
        self._relay = _Relay(context.tasks)  # outlives the wizard while a worker may emit
        self._relay.progressed.connect(self._progressed)
        self.file_page, self.mapping_page = FilePage(self), MappingPage(self)
        self.preview_page, self.import_page = PreviewPage(self), ImportPage(self)
        self.summary_page = SummaryPage(self)
        for number, page in enumerate((self.file_page, self.mapping_page, self.preview_page,
                                       self.import_page, self.summary_page)):
            self.setPage(number, page)
        self.resize(940, 660)
        if path is not None:
            self.file_page.set_path(Path(path))

    # --- background work ---------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None

    def start(self, page: WizardPage, text: str, fn: Callable[[Progress], Any],
              done: Callable[[Any], None], *, after: Callable[[Any], None] | None = None,
              failed: Callable[[BaseException], None] | None = None) -> None:
        """Run fn(progress) off the GUI thread; `done` gets its result unless something newer
        was started since. `after` runs even when the wizard was closed meanwhile."""
        if self.task is not None:
            self.task.control.cancel()
        self._generation += 1
        generation, relay = self._generation, self._relay
        page.say("")
        page.set_busy(text)

        def current() -> bool:
            return shiboken6.isValid(self) and generation == self._generation

        def finish(handle: Callable[[Any], None], outcome: Any) -> None:
            self.task = None
            page.set_busy("")
            handle(outcome)
            page.completeChanged.emit()

        def ok(result: Any) -> None:
            if after is not None:
                after(result)
            if current():
                finish(done, result)

        def bad(exc: BaseException) -> None:
            if current():
                finish(failed or (lambda e: page.say(error_text(e))), exc)

        self.task = self.context.tasks.run(lambda control: fn(_Reporting(control, relay)),
                                           ok, bad, parent=self)
        page.completeChanged.emit()

    def _progressed(self, done: int, total: int, text: str) -> None:
        page = self.currentPage() if shiboken6.isValid(self) else None
        if isinstance(page, WizardPage):
            page.show_progress(done, total, text)

    # --- the steps -----------------------------------------------------------------------

    def load(self, path: Path, sheet: str | None, kind: str | None) -> None:
        """Read the file (again only when the file or sheet changed) and propose a mapping."""
        cached = self.table if self.source[:2] == (path, sheet) else None
        self.source = (path, sheet, kind)
        self.table = self.mapping = None
        imports = self.imports

        def read(progress: Progress):
            table = cached or imports.read(path, sheet, progress=progress)
            if kind is None:
                return table, *guess_kind(imports, table), True
            return table, kind, imports.propose_mapping(table, kind), False

        def done(result) -> None:
            self.table, self.kind, self.mapping, guessed = result
            self.source = (path, self.table.sheet, self.kind)
            self.file_page.show_loaded(guessed)

        self.start(self.file_page, f"Reading {path.name}…", read, done)

    def preview(self) -> None:
        imports, table, kind, mapping = self.imports, self.table, self.kind, self.mapping
        today, old = self.context.today(), self.plan
        self.plan = None

        def plan(progress: Progress):
            release(old)
            found = imports.preview(table, kind, mapping, progress, today=today)
            return found, preview_lines(found.rows, get_kind(kind))

        def done(result) -> None:
            self.plan = result[0]
            self.preview_page.show_plan(*result)

        self.start(self.preview_page, "Checking the rows…", plan, done)

    def apply(self) -> None:
        imports, plan, create = self.imports, self.plan, self.create_missing
        today, window, table = self.context.today(), self.parentWidget(), self.table
        self.result = None

        def write(progress: Progress) -> tuple:
            result = imports.apply(plan, create_missing=create, progress=progress, today=today)
            # Keep only what the summary needs: the rejected rows (to show and to save).
            rejected = [r for r in result.row_plans if r.status == REJECTED]
            numbers = {r.row for r in rejected}
            kept = replace(table, rows=tuple(r for r in table.rows if r.number in numbers))
            slim = replace(result, row_plans=rejected, errors=list(result.errors))
            release(plan, result)
            return slim, kept, preview_lines(rejected, get_kind(plan.kind))

        def done(outcome: tuple) -> None:
            self.result, self.table, self.summary_page.rejected_lines = outcome
            self.plan = None
            self.preview_page.clear()
            self.next()

        def failed(exc: BaseException) -> None:  # back to the preview, which says why
            self.back()
            self.preview_page.say(error_text(exc))

        self.start(self.import_page, f"Importing {plan.file_name}…", write, done,
                   after=lambda _result: refresh_pages(window), failed=failed)

    def undo(self) -> None:
        result = self.result
        answer = QMessageBox.question(
            self, "Undo this import",
            f"Take back this import? What its {result.created:,} new rows added is removed, "
            f"and what its {result.updated:,} changed rows changed is put back. If any of it "
            "was edited since, nothing is undone and MentorDesk says what.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        imports, batch, window, page = self.imports, result.batch_id, self.parentWidget(), \
            self.summary_page
        page.undo_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            page.say(error_text(exc))
            page.undo_button.setEnabled(True)

        self.start(page, "Undoing the import…", lambda _progress: imports.undo(batch),
                   page.show_undone, after=lambda _result: refresh_pages(window), failed=failed)

    def save_rejects(self, page: WizardPage, source: ImportPlan | ImportResult) -> None:
        folder = self.source[0].parent if self.source[0] else Path.home()
        suggested = folder / f"{Path(self.table.file_name).stem} - rejected rows.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save rejected rows", str(suggested),
                                                "Excel workbook (*.xlsx)")
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        imports, table = self.imports, self.table
        self.start(page, "Saving the rejected rows…",
                   lambda _progress: imports.write_rejects(source, table, out),
                   lambda path: page.saved.setText(f"Rejected rows saved to {path}."))

    # --- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel: while importing, stop the import and stay to say so; else close."""
        if self.task is not None and self.currentId() == IMPORT:
            self.task.control.cancel()
            self.import_page.set_busy("Cancelling…")
            return
        super().reject()

    def done(self, result: int) -> None:
        """Closed: stop what runs (its result is dropped; pages still reload after an undo)
        and let go of the file's rows and the plan (a closed wizard may linger a moment)."""
        super().done(result)
        if self.task is not None:
            self.task.control.cancel()
        self.task, self._generation = None, self._generation + 1
        plan, self.table, self.mapping, self.plan = self.plan, None, None, None
        if plan is not None:
            self.context.tasks.run(lambda _control: release(plan), lambda _result: None)
        for model in (self.preview_page.model, self.summary_page.model):
            model.set_lines([])


def open_import_wizard(context: PageContext, parent: QWidget | None,
                       path: Path | None = None) -> None:
    """Open the import wizard (on `path` when a file was dropped or given)."""
    existing = parent.findChild(ImportWizard) if parent is not None else None
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        if path is not None and existing.currentId() == FILE:
            existing.file_page.set_path(Path(path))
        return
    wizard = ImportWizard(context, parent, path)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
