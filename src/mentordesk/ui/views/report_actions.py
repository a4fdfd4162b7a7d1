"""What the Reports page does with a preview: save a copy, print it, open it; and the
small helpers its background work shares (quiet progress, error sentences)."""

from __future__ import annotations

import shutil
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QDesktopServices, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from ...domain.errors import MentorDeskError
from ...domain.progress import Cancelled
from ...exporting.files import atomic_output
from .report_render import print_pdf

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


class QuietProgress:
    """Progress for the runner's dialog without the step texts (the dialog keeps its
    label): TaskRunner._progressed sets the text after QProgressDialog.setValue, which
    processes events and may finish the task, dropping the dialog it then writes to."""

    def __init__(self, control):
        self._control = control

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._control.progress(done, total, "")

    def check(self) -> None:
        self._control.check()


def warm_up() -> None:
    """Import the PDF writers and pdfium off the GUI thread, before the first preview
    needs them (a first import is most of a first preview's time)."""
    import pypdfium2  # noqa: F401

    from ...exporting.pdf import programme, sponsor  # noqa: F401
    from ...services import programme_report, sponsor_report  # noqa: F401


def error_text(exc: BaseException) -> str:
    if isinstance(exc, Cancelled):
        return "Cancelled."
    if isinstance(exc, MentorDeskError):
        return str(exc)
    return f"Something went wrong ({exc}); nothing was changed."


class ReportActions:
    """Save…, Print… and Open for the ReportsPage (which provides `context`, `options`,
    `preview`, `status`, `shown`, `stale()` and `_show_error`)."""

    # --- save, print, open ----------------------------------------------------------------

    def _shown_path(self) -> Path | None:
        document = self.preview.document
        return document.path if document is not None and not self.stale() else None

    def save(self) -> None:
        source = self._shown_path()
        if source is None:
            return
        state = self.context.settings.list_filters("reports")
        folder = Path(state.get("folder") or Path.home())
        name, _ = QFileDialog.getSaveFileName(self, "Save the report", str(folder / source.name),
                                              "PDF documents (*.pdf)")
        if not name:
            return
        target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        self.context.settings.set_list_filters(
            "reports", {**state, "kind": self.options.choice().kind, "folder": str(target.parent)})

        def copy(_control) -> Path:
            with atomic_output(target) as temp:
                shutil.copyfile(source, temp)
            return target

        self.context.tasks.run(copy, lambda path: self._say(f"Saved as {path}."),
                               self._show_error, parent=self)

    def print_report(self) -> None:
        source = self._shown_path()
        if source is None:
            return
        choice, _ = self.shown
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(PAGE_SIZES[choice.paper]))
        printer.setFullPage(True)
        printer.setDocName(source.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.preview.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.context.tasks.run(
            lambda control: print_pdf(source, printer, QuietProgress(control)),
            lambda n: self._say(f"Sent {QLocale().toString(n)} page{'' if n == 1 else 's'} "
                                "to the printer."),
            self._show_error, label="Printing…", parent=self)

    def open_report(self) -> None:
        source = self._shown_path()
        if source is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(source))):
            self.status.setText("No program to open PDF files was found; use Save… instead.")

    def _say(self, text: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(text)
