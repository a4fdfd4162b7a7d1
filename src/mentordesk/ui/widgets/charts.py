"""Small charts drawn with QPainter (PySide6-Essentials has no QtCharts).

The figure tiles are in widgets/tiles.py (FigureTile, FigureTiles are importable
from here as before).

Colours come from the widget's palette at paint time, so a light or dark
palette from the OS (and a change of it while running) just works; sizes are
in logical pixels and fonts are the widget's, so high-DPI screens scale them.
Every bar has a tooltip, and the chart's accessible description lists all values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .tiles import FigureTile, FigureTiles  # noqa: F401 (re-exported)

PAD = 10.0


@dataclass(frozen=True)
class Bar:
    label: str  # under (or beside) the bar: "Mar", "Active"
    value: float
    text: str  # the value as shown: "6,217"
    tip: str  # the whole story for the tooltip: "March 2026: 6,217 hours 30 minutes"
    muted: bool = False  # drawn in a quieter colour (e.g. closed matches)
    sublabel: str = ""  # a second axis line, e.g. the year under January


def nice_step(maximum: float, ticks: int = 4) -> float:
    """A round gridline step (1, 2 or 5 times a power of ten) giving about `ticks` lines."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def compact(value: float) -> str:
    """12,345 -> '12k' when a full number does not fit above a narrow bar."""
    if abs(value) >= 1000:
        return f"{value / 1000:.0f}k" if abs(value) >= 10_000 else f"{value / 1000:.1f}k"
    return f"{value:.0f}"


class _Chart(QWidget):
    """Title, bars, a message while there is nothing to draw, and per-bar tooltips."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self._bars: list[Bar] = []
        self._message = ""
        self._hits: list[tuple[QRectF, str]] = []
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars, self._message = list(bars), ""
        self.setAccessibleDescription("; ".join(b.tip for b in self._bars))
        self.setToolTip("")
        self.update()

    def set_message(self, text: str) -> None:
        """Show a quiet line instead of bars ("Loading…", "No sessions yet.")."""
        self._bars, self._message = [], text
        self.setAccessibleDescription(text)
        self.update()

    def message(self) -> str:
        return self._message

    # --- colours, from the palette --------------------------------------------------

    def _colour(self, role: QPalette.ColorRole) -> QColor:
        return self.palette().color(QPalette.ColorGroup.Active, role)

    def _bar_colour(self, bar: Bar) -> QColor:
        colour = self._colour(QPalette.ColorRole.Highlight)
        if bar.muted:  # grey on either palette: the text colour, faded
            muted = self._colour(QPalette.ColorRole.WindowText)
            muted.setAlphaF(0.38)
            return muted
        return colour

    def _grid_colour(self) -> QColor:
        colour = self._colour(QPalette.ColorRole.WindowText)
        colour.setAlphaF(0.15)
        return colour

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        area = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self._colour(QPalette.ColorRole.WindowText))
        title_height = QFontMetricsF(title_font).height()
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.title)
        area.setTop(area.top() + title_height + PAD)
        painter.setFont(self.font())
        self._hits = []
        if not self._bars:
            painter.setPen(self._colour(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._message)
        elif area.width() > 40 and area.height() > 40:
            self._draw(painter, area)
        painter.end()

    def _draw(self, painter: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self.update()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = QPointF(event.pos())
            tip = next((t for rect, t in self._hits if rect.contains(pos)), "")
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tip_at(self, x: float, y: float) -> str:
        """The tooltip at a point (as last painted); for tests and accessibility tools."""
        return next((t for rect, t in self._hits if rect.contains(QPointF(x, y))), "")


class BarChart(_Chart):
    """Vertical bars over labelled categories (months), gridlines and values on top."""

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 180)

    def sizeHint(self) -> QSize:
        return QSize(380, 260)

    def _draw(self, painter: QPainter, area: QRectF) -> None:
        fm = QFontMetricsF(self.font())
        top = max((b.value for b in self._bars), default=0)
        step = nice_step(top)
        ceiling = step * max(1, math.ceil(top / step))
        label_width = max(fm.horizontalAdvance(f"{ceiling:,.0f}"), fm.horizontalAdvance("0"))
        lines = 2 if any(b.sublabel for b in self._bars) else 1
        plot = QRectF(area.left() + label_width + 6, area.top() + fm.height(),
                      area.width() - label_width - 6,
                      area.height() - fm.height() * (lines + 1) - 4)
        if plot.height() < 20:
            return
        text = self._colour(QPalette.ColorRole.WindowText)
        quiet = self._colour(QPalette.ColorRole.PlaceholderText)
        value = 0.0
        while value <= ceiling + step / 2:  # gridlines with their values on the left
            y = plot.bottom() - plot.height() * value / ceiling
            painter.setPen(self._grid_colour() if value else text)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(quiet)
            painter.drawText(QRectF(area.left(), y - fm.height() / 2, label_width, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:,.0f}")
            value += step
        slot = plot.width() / len(self._bars)
        width = max(2.0, slot * 0.68)
        widest = max(fm.horizontalAdvance(b.label) for b in self._bars) + 4
        every = max(1, math.ceil(widest / slot))  # narrow: label every 2nd or 3rd bar
        for i, bar in enumerate(self._bars):
            x = plot.left() + slot * i + (slot - width) / 2
            height = plot.height() * bar.value / ceiling
            rect = QRectF(x, plot.bottom() - height, width, height)
            painter.fillRect(rect, self._bar_colour(bar))
            shown = bar.text if fm.horizontalAdvance(bar.text) <= slot - 2 else compact(bar.value)
            painter.setPen(text)
            if bar.value and fm.horizontalAdvance(shown) <= slot - 2:
                painter.drawText(QRectF(plot.left() + slot * i, rect.top() - fm.height() - 1,
                                        slot, fm.height()), Qt.AlignmentFlag.AlignCenter, shown)
            label_rect = QRectF(plot.left() + slot * (i - (every - 1) / 2), plot.bottom() + 3,
                                slot * every, fm.height())
            labelled = (len(self._bars) - 1 - i) % every == 0  # the newest bar always is
            if labelled:
                painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, bar.label)
            crowded = any(b.sublabel for b in self._bars[i + 1:i + 3])  # "2025 2026"
            if bar.sublabel and labelled and not crowded:
                painter.setPen(quiet)
                painter.drawText(label_rect.translated(0, fm.height()),
                                 Qt.AlignmentFlag.AlignCenter, bar.sublabel)
            self._hits.append((QRectF(plot.left() + slot * i, plot.top(), slot,
                                      plot.height() + fm.height() * lines), bar.tip))


class HorizontalBarChart(_Chart):
    """One row per category: its label, a bar in proportion, and the value."""

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 140)

    def sizeHint(self) -> QSize:
        return QSize(340, 190)

    def _draw(self, painter: QPainter, area: QRectF) -> None:
        fm = QFontMetricsF(self.font())
        label_width = max(fm.horizontalAdvance(b.label) for b in self._bars) + 8
        value_width = max(fm.horizontalAdvance(b.text) for b in self._bars) + 8
        top = max((b.value for b in self._bars), default=0) or 1
        row = min(area.height() / len(self._bars), fm.height() * 2.2)
        span = max(1.0, area.width() - label_width - value_width)
        text = self._colour(QPalette.ColorRole.WindowText)
        for i, bar in enumerate(self._bars):
            y = area.top() + row * i
            painter.setPen(text)
            painter.drawText(QRectF(area.left(), y, label_width - 8, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             bar.label)
            length = span * bar.value / top
            thickness = max(2.0, min(row * 0.62, fm.height() * 1.2))
            rect = QRectF(area.left() + label_width, y + (row - thickness) / 2,
                          max(length, 1.0 if bar.value else 0.0), thickness)
            painter.fillRect(rect, self._bar_colour(bar))
            painter.drawText(QRectF(rect.right() + 6, y, value_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.text)
            self._hits.append((QRectF(area.left(), y, area.width(), row), bar.tip))
