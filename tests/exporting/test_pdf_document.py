"""The printed page: paper sizes, "Page X of Y", header/footer, metadata, embedded
Unicode fonts (Greek and Cyrillic names come back out of the PDF as written)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.platypus import PageBreak, Paragraph

from mentordesk.exporting.pdf import paper_for_locale
from mentordesk.exporting.pdf.document import (
    ReportDocument,
    ReportMeta,
    cover_story,
    paragraphs,
    section,
    styles,
)
from mentordesk.exporting.pdf.fonts import fit_text, text_width

A4_POINTS = (595.28, 841.89)
LETTER_POINTS = (612.0, 792.0)


# --- helpers other PDF tests use --------------------------------------------------------

def pdf_pages(source: Path | bytes) -> list[str]:
    """The text of each page, as a PDF reader extracts it."""
    doc = pdfium.PdfDocument(source)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def pdf_text(source: Path | bytes) -> str:
    return "\n".join(pdf_pages(source))


def pdf_info(source: Path | bytes) -> tuple[list[tuple[float, float]], dict[str, str]]:
    doc = pdfium.PdfDocument(source)
    try:
        return [doc[i].get_size() for i in range(len(doc))], doc.get_metadata_dict()
    finally:
        doc.close()


def font_names(data: bytes) -> tuple[list[str], int]:
    """The /BaseFont names in the file and how many font programs are embedded."""
    names = re.findall(rb"/BaseFont /([A-Za-z0-9+\-]+)", data)
    return [n.decode() for n in names], data.count(b"/FontFile2")


# --- tests ------------------------------------------------------------------------------

def _build(paper="a4", paragraphs_count=3, **meta):
    out = io.BytesIO()
    doc = ReportDocument(out, title=meta.get("title", "Test report"),
                         subject=meta.get("subject", "Testing"), author=meta.get("author", "Org"),
                         paper=paper, header=meta.get("header", "Org · Test report"),
                         footer=meta.get("footer", "1 Jan 2025 – 31 Dec 2025"))
    st = styles()
    story = [*cover_story("Test report", ["Acme", "2025"])]
    for i in range(paragraphs_count):
        story.append(Paragraph(f"Paragraph number {i} " + "lorem ipsum " * 40, st.body))
    pages = doc.build(story)
    return out.getvalue(), pages, doc


@pytest.mark.parametrize("paper, size", [("a4", A4_POINTS), ("letter", LETTER_POINTS)])
def test_paper_sizes(paper, size):
    data, pages, doc = _build(paper)
    sizes, _ = pdf_info(data)
    assert len(sizes) == pages == 2
    for w, h in sizes:
        assert (round(w, 2), round(h, 2)) == size
    assert doc.width == pytest.approx(sizes[0][0] - 2 * 18 * 72 / 25.4, abs=0.01)


def test_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="unknown paper"):
        ReportDocument(io.BytesIO(), title="x", paper="a3")


def test_every_page_says_page_x_of_y_with_the_right_total():
    data, pages, _ = _build(paragraphs_count=40)
    texts = pdf_pages(data)
    assert pages == len(texts) >= 4
    for number, page in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in page
        assert "1 Jan 2025 – 31 Dec 2025" in page  # the footer
        # the header is on every page but the cover
        assert ("Org · Test report" in page) == (number > 1)


def test_document_metadata():
    data, _, _ = _build(title="Impact: Ελληνικά", subject="What they did", author="Mentor Org")
    _, meta = pdf_info(data)
    assert meta["Title"] == "Impact: Ελληνικά"
    assert meta["Subject"] == "What they did"
    assert meta["Author"] == "Mentor Org"
    assert meta["Creator"] == "MentorDesk"


def test_fonts_are_embedded_and_greek_and_cyrillic_names_render():
    names = ["Ελένη Παπαδοπούλου", "Анна Кузнецова", "Zoë Lefèvre", "Dũng Phạm",
             "Łukasz Wójcik", "Sinéad Ó Súilleabháin"]
    out = io.BytesIO()
    doc = ReportDocument(out, title="Names")
    doc.build([Paragraph(n, styles().body) for n in names]
              + [Paragraph(f"<b>{names[0]}</b> <i>{names[1]}</i>", styles().body)])
    data = out.getvalue()
    text = pdf_text(data)
    for name in names:
        assert name in text
    fonts, embedded = font_names(data)
    assert fonts and all(re.fullmatch(r"[A-Z]{6}\+NotoSans(-Bold|-Regular)?", f)
                         for f in fonts), fonts
    assert embedded == len(fonts) == 2  # regular and bold; no unembedded Helvetica
    assert "Helvetica" not in data.decode("latin-1")


def test_typed_text_is_escaped_and_keeps_its_paragraphs():
    flow = paragraphs("Fish & chips <b>not bold</b>\n\nSecond\nline")
    assert len(flow) == 2
    out = io.BytesIO()
    ReportDocument(out, title="x").build(flow)
    text = pdf_text(out.getvalue())
    assert "Fish & chips <b>not bold</b>" in text
    assert "Second" in text and "line" in text


def test_section_starts_with_its_heading():
    out = io.BytesIO()
    ReportDocument(out, title="x").build([*section("Figures", Paragraph("one", styles().body)),
                                          PageBreak(), Paragraph("two", styles().body)])
    pages = pdf_pages(out.getvalue())
    assert pages[0].index("Figures") < pages[0].index("one")


def test_a_missing_logo_is_left_out(tmp_path):
    story = cover_story("Report", ["Acme"], logos=[tmp_path / "missing.png"])
    out = io.BytesIO()
    ReportDocument(out, title="x").build(story)
    assert "Report" in pdf_text(out.getvalue())


def test_a_logo_is_drawn(tmp_path):
    png = tmp_path / "logo.png"
    # a 2x1 pixel PNG written by hand
    import struct
    import zlib

    raw = b"\x00\x00\x00\x00\xff\xff\xff"
    chunks = [(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)),
              (b"IDAT", zlib.compress(raw)), (b"IEND", b"")]
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
        for t, d in chunks))
    out = io.BytesIO()
    ReportDocument(out, title="x").build(cover_story("Report", ["Acme"], logos=[png]))
    assert b"/Subtype /Image" in out.getvalue()


def test_meta_builds_the_same_document():
    meta = ReportMeta(title="T", subject="S", author="A", header="H", footer="F")
    out = io.BytesIO()
    doc = ReportDocument.from_meta(out, meta, paper="letter")
    doc.build([Paragraph("x", styles().body)])
    sizes, info = pdf_info(out.getvalue())
    assert (round(sizes[0][0]), info["Title"], info["Author"]) == (612, "T", "A")


@pytest.mark.parametrize("name, paper", [
    ("en_US.UTF-8", "letter"), ("es_MX", "letter"), ("en-CA", "letter"), ("fil_PH.utf8", "letter"),
    ("English_United States", "letter"), ("en_GB.UTF-8", "a4"), ("de_DE@euro", "a4"),
    ("fr_CA.UTF-8", "letter"), ("C", "a4"), ("", "a4"), (None, "a4"), ("en", "a4"),
    ("zh_Hant_TW", "a4"), ("English_United Kingdom", "a4"), ("es_CO", "letter"),
])
def test_paper_follows_the_locale(name, paper):
    assert paper_for_locale(name) == paper


def test_text_is_shortened_to_fit():
    assert fit_text("Short", 200, 8) == "Short"
    long = "A branch with a remarkably long name indeed"
    cut = fit_text(long, 60, 8)
    assert cut.endswith("…") and text_width(cut, 8) <= 60 and long.startswith(cut[:-1])
