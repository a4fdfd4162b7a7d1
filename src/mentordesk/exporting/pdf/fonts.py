"""The report typeface: Noto Sans, shipped in assets/fonts/ and embedded in every PDF.

Noto Sans covers Latin (with every accent a name needs), Greek and Cyrillic, so a
volunteer called Ελένη Παπαδοπούλου or Анна Кузнецова prints as written, never
as missing-glyph boxes. reportlab embeds a subset of each face (only the glyphs
used), so a report stays small. Licence: SIL Open Font License 1.1
(assets/fonts/OFL.txt).
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FAMILY = "NotoSans"
REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
FACES = {  # no italic face: the reports do without it (a smaller package, faster PDFs)
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
}

_registered = False


def register_fonts() -> str:
    """Register the family with reportlab (once per process) and return its name.

    After this, paragraph styles may use `REGULAR`/`BOLD` as font names; <b> in
    paragraph markup picks the bold face (<i> prints upright).
    """
    global _registered
    if not _registered:
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file in FACES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(FAMILY, bold, italic, face)
        _registered = True
    return FAMILY


def text_width(text: str, size: float, font: str = REGULAR) -> float:
    """Width in points of `text` set in `font` at `size` (fonts registered first)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    return stringWidth(text, font, size)


def fit_text(text: str, width: float, size: float, font: str = REGULAR) -> str:
    """`text`, shortened with an ellipsis when it is wider than `width` points."""
    if text_width(text, size, font) <= width:
        return text
    while text and text_width(text + "…", size, font) > width:
        text = text[:-1]
    return text.rstrip() + "…"
