"""Drawing and printing a PDF without QtPdf: pdfium renders its pages to images.

`render_pages` and `print_pdf` run in a background task (they touch no widget;
QImage, and QPainter on a QPrinter, are safe off the GUI thread). PDFium itself
is not thread-safe, so every use of it holds one lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from ...domain.progress import SILENT, Progress

_PDFIUM = threading.Lock()  # PDFium must never run in two threads at once
SCREEN_DPI = 96
PRINT_DPI = 300  # enough for text and vector charts; keeps a page image near 35 MB
GAP = 14  # pixels around and between pages


@dataclass(frozen=True)
class ScaleSpec:
    """How big the pages should be drawn, in plain numbers a worker can use."""

    zoom: float | None  # None: fit the page width to the viewport
    viewport_width: int  # logical pixels
    ratio: float = 1.0  # the screen's device pixel ratio

    def pixels_per_point(self, page_width: float) -> float:
        """Logical pixels per PDF point."""
        if self.zoom is None:
            return max(0.2, (self.viewport_width - 2 * GAP) / page_width)
        return self.zoom * SCREEN_DPI / 72


@dataclass(frozen=True)
class RenderedPdf:
    path: Path
    sizes: tuple[tuple[float, float], ...]  # each page's width and height in points
    images: tuple[QImage, ...]
    per_point: float  # the logical pixels per point the images were made for


def _image(page, scale: float) -> QImage:
    bitmap = page.render(scale=scale, prefer_bgrx=True)  # BGRx: QImage's RGB32
    return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                  QImage.Format.Format_RGB32).copy()


def render_pages(path: Path, spec: ScaleSpec, progress: Progress = SILENT) -> RenderedPdf:
    """Every page of the PDF as an image for the screen (device pixels)."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(str(path))
        try:
            sizes = tuple(tuple(pdf.get_page_size(i)) for i in range(len(pdf)))
            per_point = spec.pixels_per_point(sizes[0][0]) if sizes else 1.0
            images = []
            for i in range(len(sizes)):
                progress.check()
                progress.progress(i, len(sizes), f"Drawing page {i + 1} of {len(sizes)}…")
                page = pdf[i]
                image = _image(page, per_point * spec.ratio)
                page.close()
                image.setDevicePixelRatio(spec.ratio)
                images.append(image)
        finally:
            pdf.close()
    return RenderedPdf(Path(path), sizes, tuple(images), per_point)


def print_pdf(path: Path, printer: QPrinter, progress: Progress = SILENT) -> int:
    """Paint the PDF's pages (the printer's page range, else all) on the printer, each
    rendered at the printer's resolution (at most PRINT_DPI) and centred on the paper.
    Returns the number of pages printed."""
    import pypdfium2 as pdfium

    dpi = min(printer.resolution(), PRINT_DPI)
    painter = QPainter()
    printed = 0
    with _PDFIUM:
        pdf = pdfium.PdfDocument(str(path))
        try:
            first = max(printer.fromPage(), 1)
            last = min(printer.toPage() or len(pdf), len(pdf))
            if not painter.begin(printer):
                raise OSError("the printer could not be started")
            for number in range(first, last + 1):
                progress.check()
                progress.progress(number - first, last - first + 1,
                                  f"Printing page {number} of {last}…")
                if printed:
                    printer.newPage()
                page = pdf[number - 1]
                image = _image(page, dpi / 72)
                page.close()
                painter.drawImage(_fit(image.size(), printer.paperRect(
                    QPrinter.Unit.DevicePixel)), image)
                printed += 1
        except BaseException:
            printer.abort()
            raise
        finally:
            if painter.isActive():
                painter.end()
            pdf.close()
    return printed


def _fit(size: QSize, area: QRectF) -> QRectF:
    """The largest rectangle of `size`'s proportions centred in `area`."""
    scale = min(area.width() / size.width(), area.height() / size.height())
    w, h = size.width() * scale, size.height() * scale
    return QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)
