"""The table every list page uses: native QTableView set up once, with an empty-state line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleFactory,
    QStyleOption,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

CELL_PADDING = 3  # pixels added to the style's own text margin on each side of a cell
FIT_SAMPLE_ROWS = 300  # fitting columns to contents looks at this many rows (sorted: the top)


class _CellPaddingStyle(QProxyStyle):
    """The application's style, with a little more room around cell text.

    Without it a right-aligned number runs into the next column's text ("6.0Yes").
    Only the text margin of items changes; everything else is the native style.
    """

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        value = super().pixelMetric(metric, option, widget)
        item_margin = metric == QStyle.PixelMetric.PM_FocusFrameHMargin and isinstance(
            option, QStyleOptionViewItem
        )
        if item_margin or metric == QStyle.PixelMetric.PM_HeaderMargin:  # headers line up
            value += CELL_PADDING
        return value


class _FullTextTips(QStyledItemDelegate):
    """A cell cut short ("eanderson@lakesh…") shows its whole text as a tooltip."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,
                  option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        wanted = (
            event.type() == QEvent.Type.ToolTip
            and index.isValid()
            and not index.data(Qt.ItemDataRole.ToolTipRole)
        )
        text = index.data(Qt.ItemDataRole.DisplayRole) if wanted else None
        if text and self.sizeHint(option, index).width() > option.rect.width():
            QToolTip.showText(event.globalPos(), text, view)
            return True
        return super().helpEvent(event, view, option, index)


class RecordTableView(QTableView):
    """Sorting, whole-row selection, alternating rows, no item widgets.

    When the model has no rows, the viewport says why ("No volunteers yet.")
    instead of showing a blank grid.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._empty_text = ""
        base = QStyleFactory.create(QApplication.style().name())
        if base is not None:
            style = _CellPaddingStyle(base)  # takes ownership of base
            style.setParent(self)
            self.setStyle(style)
            self.horizontalHeader().setStyle(style)
        self.setItemDelegate(_FullTextTips(self))
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)

    def empty_text(self) -> str:
        return self._empty_text

    def set_empty_text(self, text: str) -> None:
        if text != self._empty_text:
            self._empty_text = text
            self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self._empty_text or model is None or model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(24, 32, -24, -24)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self._empty_text)
        painter.end()
