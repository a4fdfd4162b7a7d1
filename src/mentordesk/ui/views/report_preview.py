"""The preview of a report: its pages one under the other in a scroll area, with
"Page X of Y" and a zoom. The pages are images drawn in the background
(report_render); when the zoom needs sharper (or lighter) images the pane asks
for a new drawing through `render_wanted` and scales the old ones meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .report_render import GAP, RenderedPdf, ScaleSpec

FIT = "Fit width"
ZOOMS = (FIT, "50%", "75%", "100%", "125%", "150%", "200%")


class _Pages(QWidget):
    """The pages one under the other; paints only what is in view."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document: RenderedPdf | None = None
        self.per_point = 1.0  # logical pixels per point on show now

    def page_rects(self) -> list[QRect]:
        if self.document is None:
            return []
        rects, y = [], GAP
        width = self.width()
        for w, h in self.document.sizes:
            pw, ph = round(w * self.per_point), round(h * self.per_point)
            rects.append(QRect(max(GAP, (width - pw) // 2), y, pw, ph))
            y += ph + GAP
        return rects

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        if self.document is None:
            return QSize(0, 0)
        widest = max(w for w, _ in self.document.sizes)
        height = sum(round(h * self.per_point) + GAP for _, h in self.document.sizes) + GAP
        return QSize(round(widest * self.per_point) + 2 * GAP, height)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.document is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        shade = self.palette().color(QPalette.ColorRole.Shadow)
        for rect, image in zip(self.page_rects(), self.document.images, strict=True):
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(2, 2), shade)
            painter.fillRect(rect, QColor("white"))
            painter.drawImage(rect, image)
        painter.end()


class PreviewPane(QWidget):
    """Rendered pages in a scroll area, with "Page X of Y" and a zoom."""

    render_wanted = Signal()  # the zoom changed enough to need new images
    SETTLE_MS = 200

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages = _Pages(self)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("reportPreview")
        self.scroll.setWidget(self.pages)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        # Always there, so fitting the width never makes it come and go.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.viewport().installEventFilter(self)
        self.message = QLabel("Choose a report and press Preview.", self.scroll.viewport())
        self.message.setObjectName("previewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("previewPage")
        self.page_box.setRange(0, 0)
        self.page_box.setAccessibleName("Page")
        self.of_label = QLabel("of 0", self)
        self.of_label.setObjectName("previewPageCount")
        self.zoom_box = QComboBox(self)
        self.zoom_box.setObjectName("previewZoom")
        self.zoom_box.addItems(ZOOMS)
        self.zoom_box.setAccessibleName("Zoom")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Pa&ge", self)
        label.setBuddy(self.page_box)
        for widget in (label, self.page_box, self.of_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        zoom = QLabel("Zoo&m", self)
        zoom.setBuddy(self.zoom_box)
        bar.addWidget(zoom)
        bar.addWidget(self.zoom_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.page_box.valueChanged.connect(self.go_to_page)
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.zoom_box.currentIndexChanged.connect(self._zoom_changed)
        self._following = False

    # --- what is shown --------------------------------------------------------------

    @property
    def document(self) -> RenderedPdf | None:
        return self.pages.document

    def page_count(self) -> int:
        return len(self.document.sizes) if self.document else 0

    def scale_spec(self) -> ScaleSpec:
        text = self.zoom_box.currentText()
        zoom = None if text == FIT else int(text.rstrip("%")) / 100
        return ScaleSpec(zoom, max(self.scroll.viewport().width(), 200), self.devicePixelRatioF())

    def show_document(self, document: RenderedPdf, *, keep_place: bool = False) -> None:
        page = self.page_box.value() if keep_place else 1
        self.pages.document = document
        self.pages.per_point = document.per_point
        self.message.hide()
        n = len(document.sizes)
        self.page_box.blockSignals(True)
        self.page_box.setRange(1 if n else 0, n)
        self.page_box.blockSignals(False)
        self.of_label.setText(f"of {n}")
        self._resize_pages()
        self.go_to_page(min(max(page, 1), n))

    def show_message(self, text: str) -> None:
        """A line over the preview area (what to do, or why there is no preview)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.raise_()
        self._place_message()

    def go_to_page(self, number: int) -> None:
        rects = self.pages.page_rects()
        if not 1 <= number <= len(rects):
            return
        self._following = True
        self.scroll.verticalScrollBar().setValue(rects[number - 1].top() - GAP)
        self._following = False
        if self.page_box.value() != number:
            self.page_box.blockSignals(True)
            self.page_box.setValue(number)
            self.page_box.blockSignals(False)

    def current_page(self) -> int:
        return self.page_box.value()

    # --- zoom and scrolling ------------------------------------------------------------

    def _resize_pages(self) -> None:
        hint = self.pages.sizeHint()
        self.pages.resize(max(hint.width(), self.scroll.viewport().width()), hint.height())
        self.pages.update()

    def _zoom_changed(self) -> None:
        if self.document is None:
            return
        self.pages.per_point = self.scale_spec().pixels_per_point(self.document.sizes[0][0])
        page = self.current_page()
        self._resize_pages()
        self.go_to_page(page)
        self._timer.start()

    def _settled(self) -> None:
        if self.document is not None and abs(self.pages.per_point / self.document.per_point
                                              - 1) > 0.02:
            self.render_wanted.emit()

    def _scrolled(self, value: int) -> None:
        if self._following or self.document is None:
            return
        middle = value + self.scroll.viewport().height() // 3
        for number, rect in enumerate(self.pages.page_rects(), 1):
            if rect.bottom() + GAP >= middle:
                self.page_box.blockSignals(True)
                self.page_box.setValue(number)
                self.page_box.blockSignals(False)
                return

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._place_message()
            if self.document is not None and self.zoom_box.currentText() == FIT:
                self._zoom_changed()
        return super().eventFilter(watched, event)

    def _place_message(self) -> None:
        viewport = self.scroll.viewport()
        self.message.setGeometry(20, 20, max(viewport.width() - 40, 10),
                                 max(viewport.height() - 40, 10))
