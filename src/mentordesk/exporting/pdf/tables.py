"""Figure tables, headline tiles and the exact formatting of printed figures.

Figures arrive exact (integer minutes, integer cents, integer counts) and are
formatted here with integer arithmetic, rounding half up, so what is printed
can be recomputed by hand: hours with one decimal from minutes, money in cents,
percentages from the two counts. A count hidden by privacy.py prints as its
text ("fewer than 5" / "not shown") in italic grey.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..privacy import Hidden
from .document import INK, MUTED, RULE, SHADE, styles, text
from .fonts import BOLD, REGULAR, text_width

NOT_APPLICABLE = "\u2013"  # an en dash: no value (no headcount, nothing to divide by)
CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$"}

# --- exact formatting -----------------------------------------------------------------


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up (both non-negative integers)."""
    return (2 * numerator + denominator) // (2 * denominator)


def format_count(n: int) -> str:
    return f"{n:,}"


def format_hours(minutes: int) -> str:
    """Hours with one decimal from exact minutes, rounded half up (90 -> "1.5",
    3 -> "0.1", 2 -> "0.0")."""
    tenths = _half_up(minutes, 6)
    return f"{tenths // 10:,}.{tenths % 10}"


def format_money(cents: int, currency: str = "USD") -> str:
    """Exact cents: 318000 -> "$3,180.00"."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    symbol = CURRENCY_SYMBOLS.get(currency)
    amount = f"{whole:,}.{rest:02d}"
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {currency}"


def format_percent(part: int, whole: int, decimals: int = 0) -> str:
    """part / whole as a percentage rounded half up; an en dash when whole is 0."""
    if not whole:
        return NOT_APPLICABLE
    scale = 10 ** decimals
    value = _half_up(100 * scale * part, whole)
    if not decimals:
        return f"{value}%"
    return f"{value // scale}.{value % scale:0{decimals}d}%"


def format_tenths(numerator: int, denominator: int) -> str:
    """A quotient with one decimal, rounded half up ("14.2"); en dash for 0 / 0."""
    if not denominator:
        return NOT_APPLICABLE
    tenths = _half_up(10 * numerator, denominator)
    return f"{tenths // 10:,}.{tenths % 10}"


def format_date(day: date) -> str:
    """An unambiguous date in any country: 5 Mar 2025."""
    return f"{day.day} {day:%b %Y}"


def format_period(start: date, end: date) -> str:
    return f"{format_date(start)} \u2013 {format_date(end)}"


def cell_text(value: Any, fmt: Callable[[Any], str] | None = None) -> str:
    """What a table prints for a value: hidden counts as their text, None as an en
    dash, numbers through `fmt` (default: thousands separators)."""
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, Hidden):
        return value.text
    if fmt is not None:
        return fmt(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_count(value)
    return str(value)


# --- tables -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a figure table. `share`: relative width; `numeric`: right-aligned
    and not wrapped; `fmt` formats non-hidden values (default: cell_text)."""

    title: str
    share: float = 1.0
    numeric: bool = False
    fmt: Callable[[Any], str] | None = None


def _fitting(value: str, room: float, size: float, font: str, style) -> Any:
    """Plain text when it fits on one line (fast to lay out), else a wrapping Paragraph."""
    if "\n" not in value and text_width(value, size, font) <= room:
        return value
    return Paragraph(text(value), style)


def figure_table(columns: Sequence[Column], rows: Sequence[Sequence[Any]], *, width: float,
                 total: Sequence[Any] | None = None) -> Table:
    """A table of figures: a bold header row (repeated on each page the table spans),
    light zebra rows, an optional bold total row. Text that does not fit its column
    wraps; hidden counts print in grey."""
    st = styles()
    all_rows = [*rows, *([total] if total is not None else [])]
    texts = [[cell_text(v, c.fmt) for c, v in zip(columns, row, strict=True)]
             for row in all_rows]
    widths = _widths(columns, texts, width)
    rooms = [w - 2 * PADDING for w in widths]
    last = len(all_rows) if total is not None else -1
    body: list[list[Any]] = [[
        _fitting(c.title, rooms[i], 8.5, BOLD, st.cell_head_right if c.numeric else st.cell_head)
        for i, c in enumerate(columns)]]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        *(("ALIGN", (c, 0), (c, -1), "RIGHT") for c, col in enumerate(columns) if col.numeric),
    ]
    for r, row in enumerate(all_rows, 1):
        line = []
        for c, (column, value) in enumerate(zip(columns, row, strict=True)):
            shown = texts[r - 1][c]
            if isinstance(value, Hidden):
                commands += [("FONT", (c, r), (c, r), REGULAR, 8),
                             ("TEXTCOLOR", (c, r), (c, r), MUTED)]
            elif r == last:
                commands.append(("FONT", (c, r), (c, r), BOLD, 8.5))
            line.append(shown if column.numeric else _fitting(
                shown, rooms[c], 8.5, BOLD if r == last else REGULAR,
                st.cell_head if r == last else st.cell))
        body.append(line)
        if r % 2 == 0 and r != last:
            commands.append(("BACKGROUND", (0, r), (-1, r), SHADE))
    if total is not None:
        commands.append(("LINEABOVE", (0, last), (-1, last), 0.8, INK))
    else:
        commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE))
    table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


PADDING = 6  # reportlab's default cell padding, each side


def _widths(columns: Sequence[Column], texts: list[list[str]], width: float) -> list[float]:
    """Numeric columns as wide as their widest text (header included, so a header
    never breaks inside a word); text columns share what is left by their `share`.
    When that leaves text columns too little, every column goes by its share."""
    natural = {i: max([text_width(c.title, 8.5, BOLD),
                       *(text_width(row[i], 8.5) for row in texts)]) + 2 * PADDING + 1
               for i, c in enumerate(columns) if c.numeric}
    rest = width - sum(natural.values())
    shares = sum(c.share for i, c in enumerate(columns) if i not in natural)
    if shares and rest >= 0.25 * width:
        return [natural[i] if i in natural else rest * c.share / shares
                for i, c in enumerate(columns)]
    total = sum(c.share for c in columns)
    return [width * c.share / total for c in columns]


@dataclass(frozen=True)
class Tile:
    """One headline figure: the value as printed, what it is, and a small note."""

    value: str
    label: str
    note: str = ""


class _TileText(Flowable):
    """A tile's lines, each centred in its own font (drawn in reading order: value,
    label, note). Much faster to lay out than three paragraphs."""

    def __init__(self, lines: list[tuple[str, float, str, Any]]):
        super().__init__()
        self.lines = lines  # (text, size, font, colour)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, sum(size * 1.25 for _, size, _, _ in self.lines)

    def draw(self) -> None:
        canvas, y = self.canv, sum(size * 1.25 for _, size, _, _ in self.lines)
        for value, size, font, colour in self.lines:
            y -= size * 1.25
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            canvas.drawCentredString(self.width / 2, y + size * 0.25, value)


def _tile(tile: Tile, room: float) -> Any:
    parts = [(tile.value, 17, BOLD, INK), (tile.label, 8.5, REGULAR, INK),
             *([(tile.note, 7, REGULAR, MUTED)] if tile.note else [])]
    if all(text_width(v, size, font) <= room for v, size, font, _ in parts):
        return _TileText(parts)
    st = styles()  # a long text wraps
    return [Paragraph(text(tile.value), st.tile_value), Paragraph(text(tile.label), st.tile_label),
            *([Paragraph(text(tile.note), st.tile_note)] if tile.note else [])]


def figure_tiles(tiles: Sequence[Tile], *, width: float, per_row: int = 4) -> Table:
    """Headline figures in a grid of boxed tiles: the value large and bold, the label
    under it, a small grey note under that; a short last row stretches its tiles
    over the whole width."""
    if not tiles:
        raise ValueError("figure_tiles needs at least one tile")
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    grid: list[list[Any]] = []
    for r, start in enumerate(range(0, len(tiles), per_row)):
        row, line, c = tiles[start:start + per_row], [], 0
        spans = [per_row // len(row) + (i < per_row % len(row)) for i in range(len(row))]
        for tile, span in zip(row, spans, strict=True):
            line += [_tile(tile, width * span / per_row - 8)] + [""] * (span - 1)
            commands.append(("BOX", (c, r), (c + span - 1, r), 0.6, RULE))
            if span > 1:
                commands.append(("SPAN", (c, r), (c + span - 1, r)))
            c += span
        grid.append(line)
    table = Table(grid, colWidths=[width / per_row] * per_row, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table
