"""The printed page: paper sizes, header and footer, "Page X of Y", metadata, styles.

A report is a list of flowables (a "story") handed to `ReportDocument.build`:

    doc = ReportDocument(path, title="Impact report", subject="...", author="Org",
                         paper="a4", header="Org · Impact report", footer="1 Jan – 30 Jun 2025")
    st = styles()
    doc.build([*cover_story("Impact report", ["Acme Ltd", "1 Jan – 30 Jun 2025"]),
               heading("Headline figures"), Paragraph("...", st.body)])

Every page but the first (the cover) carries the header; every page carries the
footer with "Page X of Y" (the total is known when the last page is done: the
canvas keeps each page's state and draws the numbers on save). The fonts are
the embedded Unicode family of fonts.py; the colours are greys only, so a
report prints the same in black and white.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import PAPER_NAMES
from .fonts import BOLD, REGULAR, register_fonts

PAPERS = dict(zip(PAPER_NAMES, (A4, LETTER), strict=True))
MARGIN = 18 * mm
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#eeeeee")
CREATOR = "MentorDesk"


@dataclass(frozen=True)
class ReportMeta:
    """What a report says about itself: PDF metadata (title, subject, author) and the
    running header and footer texts."""

    title: str
    subject: str = ""
    author: str = ""
    header: str = ""
    footer: str = ""


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    tile_value: ParagraphStyle
    tile_label: ParagraphStyle
    tile_note: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles every report uses (Noto Sans, greys only)."""
    register_fonts()

    def style(name: str, size: float, *, font: str = REGULAR, leading: float | None = None,
              color=INK, **extra) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size,
                              leading=leading or round(size * 1.3, 1), textColor=color, **extra)

    return Styles(
        cover_title=style("CoverTitle", 28, font=BOLD, leading=34, spaceAfter=10),
        cover_line=style("CoverLine", 14, leading=20, color=MUTED),
        h1=style("H1", 15, font=BOLD, spaceBefore=14, spaceAfter=6, keepWithNext=1),
        h2=style("H2", 11.5, font=BOLD, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        body=style("Body", 10, leading=14, spaceAfter=6),
        note=style("Note", 8.5, leading=11.5, color=MUTED, spaceAfter=4),
        small=style("Small", 7.5, leading=9.5, color=MUTED),
        cell=style("Cell", 8.5, leading=10.5),
        cell_right=style("CellRight", 8.5, leading=10.5, alignment=TA_RIGHT),
        cell_head=style("CellHead", 8.5, font=BOLD, leading=10.5),
        cell_head_right=style("CellHeadRight", 8.5, font=BOLD, leading=10.5, alignment=TA_RIGHT),
        tile_value=style("TileValue", 17, font=BOLD, leading=21, alignment=TA_CENTER),
        tile_label=style("TileLabel", 8.5, leading=10.5, alignment=TA_CENTER),
        tile_note=style("TileNote", 7, leading=8.5, color=MUTED,
                        alignment=TA_CENTER),
    )


def text(value: str) -> str:
    """Plain text made safe for Paragraph markup (&, <, > escaped)."""
    return escape(value)


def heading(title: str, level: int = 1) -> Paragraph:
    """A section heading that stays with what follows it."""
    st = styles()
    return Paragraph(text(title), st.h1 if level == 1 else st.h2)


def section(title: str, *flowables: Flowable, room: float = 60 * mm) -> list[Flowable]:
    """A heading and its content, starting on a new page when less than `room` is left."""
    return [CondPageBreak(room), heading(title), *flowables]


def paragraphs(plain: str, style: ParagraphStyle | None = None) -> list[Paragraph]:
    """Text typed by a person (blank lines separate paragraphs, single line breaks kept)."""
    style = style or styles().body
    blocks = [b.strip() for b in plain.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(text(b).replace("\n", "<br/>"), style) for b in blocks if b]


def cover_story(title: str, lines: Sequence[str], *, logos: Iterable[Path | str] = (),
                notes: Sequence[str] = ()) -> list[Flowable]:
    """A cover page: optional logos in a row, the title, lines under it (who, which
    period), small notes at the foot; ends with a page break. A logo file that is
    missing or cannot be read is left out rather than failing the report."""
    st = styles()
    story: list[Flowable] = [Spacer(1, 30 * mm)]
    images = [img for img in (_logo(p) for p in logos) if img is not None]
    if images:
        row = Table([images], hAlign="LEFT")
        row.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 12 * mm),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story += [row, Spacer(1, 18 * mm)]
    story.append(Paragraph(text(title), st.cover_title))
    story += [Paragraph(text(line), st.cover_line) for line in lines if line]
    if notes:
        story.append(Spacer(1, 40 * mm))
        story += [Paragraph(text(n), st.note) for n in notes]
    story.append(PageBreak())
    return story


def _logo(path: Path | str, height: float = 22 * mm, max_width: float = 70 * mm):
    try:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(str(path)).getSize()
    except Exception:  # a missing, unreadable or unsupported image file
        return None
    scale = min(height / h, max_width / w)
    return Image(str(path), width=w * scale, height=h * scale)


def _page_decorator(meta: ReportMeta, page_width: float, page_height: float):
    def decorate(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(MUTED)
        if number > 1 and meta.header:
            y = page_height - MARGIN + 6 * mm
            canvas.setFont(REGULAR, 8)
            canvas.drawString(MARGIN, y + 2, meta.header)
            canvas.line(MARGIN, y - 2, page_width - MARGIN, y - 2)
        y = MARGIN - 10 * mm
        canvas.line(MARGIN, y + 10, page_width - MARGIN, y + 10)
        canvas.setFont(REGULAR, 8)
        if meta.footer:
            canvas.drawString(MARGIN, y, meta.footer)
        canvas.drawRightString(page_width - MARGIN, y, f"Page {number} of {total}")
        canvas.restoreState()

    return decorate


def _numbered_canvas(decorate, counted: list[int]):
    """A canvas that holds its pages until save(), then draws header, footer and
    "Page X of Y" on each (the total is only known at the end); appends the total
    to `counted`."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            counted.append(total)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                decorate(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class ReportDocument:
    """One PDF report: `ReportDocument(out, title=..., paper="a4").build(story)`.

    `out` is a path or a binary file object. `paper` is "a4" or "letter".
    `width` is the width of the text frame (what tables and charts may use).
    """

    def __init__(self, out: Path | str | IO[bytes], *, title: str, subject: str = "",
                 author: str = "", paper: str = "a4", header: str = "", footer: str = ""):
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
        register_fonts()
        self.meta = ReportMeta(title, subject, author, header, footer)
        self.paper = paper
        self.page_width, self.page_height = PAPERS[paper]
        self.width = self.page_width - 2 * MARGIN
        self.height = self.page_height - 2 * MARGIN
        self._template = SimpleDocTemplate(
            str(out) if isinstance(out, Path) else out, pagesize=PAPERS[paper],
            leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
            title=title, subject=subject, author=author or CREATOR, creator=CREATOR,
            producer=CREATOR, lang="en",
            initialFontName=REGULAR,  # else an unembedded Helvetica lands in the resources
        )
        self.pages = 0

    @classmethod
    def from_meta(cls, out: Path | str | IO[bytes], meta: ReportMeta, *,
                  paper: str = "a4") -> ReportDocument:
        return cls(out, title=meta.title, subject=meta.subject, author=meta.author,
                   paper=paper, header=meta.header, footer=meta.footer)

    def build(self, story: list[Flowable]) -> int:
        """Lay out and write the PDF; returns the number of pages."""
        decorate = _page_decorator(self.meta, self.page_width, self.page_height)
        counted: list[int] = []
        self._template.build(story, canvasmaker=_numbered_canvas(decorate, counted))
        self.pages = counted[-1] if counted else 0
        return self.pages

