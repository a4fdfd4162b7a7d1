"""Regenerate the real-world-shaped files in tests/data/ (committed: CI needs no LibreOffice).

    uv run python tests/data/make_data.py          # needs soffice; /usr/bin/python3 with uno

How each file is made (column names from ../shared/FIELD.md):
- roster_volunteers.{xlsx,xls,ods}: openpyxl writes a source (a merged title row,
  an "Exported ..." line, a blank row, the header `first_name,last_name,email,...`
  on row 4, a blank row between people, duplicates that differ by case, accents
  and spacing, Greek, Cyrillic and Vietnamese names, formula-looking text stored
  as text, and a "Total volunteers" row with a real =COUNTA formula); LibreOffice
  then writes each format itself (and computes the formula's cached value).
- volunteers_camel.xlsx: `firstName, lastName, email, birthdate, ...` with phone
  numbers and zip codes typed as numbers, birth dates as date cells, text in
  three styles and one bare Excel serial number; LibreOffice writes it.
- youth_es.xlsx: Spanish; a cover sheet "Portada", the table on "Jóvenes" under
  a title, a hidden "Notas" sheet; dates as "3 de enero de 2012", 31/12/2011,
  15.06.2013 and date cells; a "Totales" row with a formula. LibreOffice writes it.
- checkins.xlsx: `Mentor, Mentoring Connection, Date (MM/DD/YYYY), Duration, ...`
  with durations typed as 1:30, 90 min, 1h 30m, 45, a time cell; a "Total" row.
- contacts.ods: `Duration Minutes, Contact Types, Contact Made, ...` ending in an
  unlabelled row of =SUM formulas (a totals row with no text).
- corporate.xls: `organization, event, event type, date, employees, volunteer
  hours, office` with a "Grand total" row of =SUM formulas.
- csv/hours_<encoding>_<delimiter>.csv: the same hours table
  (`volunteer_email,date,hours,program`) in UTF-8, UTF-8 with BOM, UTF-16 LE and
  BE with BOM, UTF-16 LE without BOM and Windows-1252, each separated by comma,
  semicolon, tab and pipe (semicolon files use a decimal comma, as European Excel
  writes them); written with the csv module.
- hours_excel_eu.csv: what Spanish Excel saves as "CSV (delimitado por comas)":
  Windows-1252, semicolons, CRLF, a title line, decimal commas, a "Total" line.
- hours_unicode.txt: Excel's "Unicode text": UTF-16 LE with BOM, tabs, CRLF,
  non-Latin names.
- volunteers_required.csv: `Email*, Full Name*, Is Mentor (Y/N), ...` in UTF-8
  with BOM; a quoted field with a line break; formula-looking text.
- sep_line.csv: Excel's "sep=;" first line. csv_named.xls: a CSV saved as .xls.
- hostile/: a PNG and a PDF renamed .xlsx, random bytes named .xlsx, an empty
  .csv, a Word document renamed .xlsx, an xlsx cut in half, an HTML table named
  .xls, a CSV with NUL bytes, password-protected .xls and .ods (LibreOffice
  through UNO: storeToURL with a Password), a password-protected .xlsx built
  by hand as Excel lays it out (a CFB container with EncryptionInfo and
  EncryptedPackage streams: LibreOffice 7.4 fails to store OOXML with a
  password from a script), an xlsx whose sheet XML declares
  "billion laughs" entities, and a small zip bomb (one 8 MB entry of zeros;
  the large bombs are built by the tests at run time).
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in tests/data (.gitignore keeps it all)
sys.path.insert(0, str(Path(__file__).parent))
import hostile_bytes
import sources

HERE = Path(__file__).parent
PROFILE = "-env:UserInstallation=file:///tmp/lo-impread"
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "xls": "xls:MS Excel 97", "ods": "ods:calc8"}
ENCODINGS = {
    "utf8": ("utf-8", b""), "utf8bom": ("utf-8", b"\xef\xbb\xbf"),
    "utf16le": ("utf-16-le", b"\xff\xfe"), "utf16be": ("utf-16-be", b"\xfe\xff"),
    "utf16le-nobom": ("utf-16-le", b""), "cp1252": ("cp1252", b""),
}
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}


def soffice(source: Path, fmt: str, outdir: Path) -> Path:
    subprocess.run(["soffice", PROFILE, "--headless", "--convert-to", FILTERS[fmt],
                    "--outdir", str(outdir), str(source)], check=True, capture_output=True,
                   timeout=180)
    return outdir / f"{source.stem}.{fmt}"


def libreoffice_writes(workbook, name: str, formats=("xlsx",)) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source" / f"{name}.xlsx"
        source.parent.mkdir()
        workbook.save(source)
        for fmt in formats:
            out = Path(tmp) / fmt
            out.mkdir()
            shutil.copy(soffice(source, fmt, out), HERE / f"{name}.{fmt}")


def text_table(rows, delimiter: str, decimal_comma: bool) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([str(v).replace(".", ",") if decimal_comma and isinstance(v, float)
                         else v for v in row])
    return buffer.getvalue()


def write_csvs() -> None:
    folder = HERE / "csv"
    folder.mkdir(exist_ok=True)
    for enc_name, (codec, bom) in ENCODINGS.items():
        for delim_name, delimiter in DELIMITERS.items():
            text = text_table(sources.HOURS, delimiter, decimal_comma=delimiter == ";")
            path = folder / f"hours_{enc_name}_{delim_name}.csv"
            path.write_bytes(bom + text.encode(codec))
    eu = text_table(sources.HOURS_EU, ";", decimal_comma=True)
    (HERE / "hours_excel_eu.csv").write_bytes(eu.encode("cp1252"))
    unicode_text = text_table(sources.HOURS_UNICODE, "\t", decimal_comma=False)
    (HERE / "hours_unicode.txt").write_bytes(b"\xff\xfe" + unicode_text.encode("utf-16-le"))
    required = text_table(sources.REQUIRED, ",", decimal_comma=False)
    (HERE / "volunteers_required.csv").write_bytes(b"\xef\xbb\xbf" + required.encode("utf-8"))
    (HERE / "sep_line.csv").write_bytes(
        ("sep=;\r\n" + text_table(sources.HOURS[:4], ";", True)).encode("utf-8"))
    (HERE / "csv_named.xls").write_bytes(text_table(sources.HOURS, ",", False).encode("utf-8"))


def write_hostile() -> None:
    folder = HERE / "hostile"
    folder.mkdir(exist_ok=True)
    (folder / "image_renamed.xlsx").write_bytes(hostile_bytes.tiny_png())
    (folder / "pdf_renamed.xlsx").write_bytes(hostile_bytes.tiny_pdf())
    (folder / "garbage.xlsx").write_bytes(random.Random(4).randbytes(3000))
    (folder / "empty.csv").write_bytes(b"")
    (folder / "nul_bytes.csv").write_bytes(b"name,email\r\nAna\x00\x00,ana@x.org\r\n" * 3)
    (folder / "web_page.xls").write_bytes(hostile_bytes.HTML_TABLE.encode("utf-8"))
    roster = (HERE / "roster_volunteers.xlsx").read_bytes()
    (folder / "truncated.xlsx").write_bytes(roster[: len(roster) // 2])
    (folder / "billion_laughs.xlsx").write_bytes(hostile_bytes.with_laughs(roster))
    (folder / "word_renamed.xlsx").write_bytes(hostile_bytes.tiny_docx())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in zipfile.ZipFile(io.BytesIO(roster)).infolist():
            archive.writestr(member, zipfile.ZipFile(io.BytesIO(roster)).read(member))
        archive.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    (folder / "ratio_bomb.xlsx").write_bytes(bomb.getvalue())
    encrypt(HERE / "roster_volunteers.xlsx", folder)
    (folder / "encrypted.xlsx").write_bytes(hostile_bytes.encrypted_ooxml())


UNO_SCRIPT = r"""
import sys, time, uno
from com.sun.star.beans import PropertyValue
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(60):
    try:
        ctx = resolver.resolve("uno:pipe,name=impread;urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(0.5)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
source, outdir = sys.argv[1], sys.argv[2]
doc = desktop.loadComponentFromURL(
    uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
for ext, filt in (("xls", "MS Excel 97"), ("ods", "calc8")):
    url = uno.systemPathToFileUrl(f"{outdir}/encrypted.{ext}")
    doc.storeToURL(url, (prop("FilterName", filt), prop("Password", "secret")))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
"""


def encrypt(source: Path, outdir: Path) -> None:
    """Password-protected copies written by LibreOffice itself, through UNO."""
    office = subprocess.Popen(["soffice", PROFILE, "--headless", "--norestore",
                               "--accept=pipe,name=impread;urp;"])
    try:
        env = dict(os.environ, PYTHONPATH="/usr/lib/libreoffice/program")
        subprocess.run(["/usr/bin/python3", "-c", UNO_SCRIPT, str(source), str(outdir)],
                       check=True, env=env, timeout=180)
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


def main() -> None:
    libreoffice_writes(sources.roster(), "roster_volunteers", ("xlsx", "xls", "ods"))
    libreoffice_writes(sources.camel(), "volunteers_camel")
    libreoffice_writes(sources.youth_es(), "youth_es")
    libreoffice_writes(sources.checkins(), "checkins")
    libreoffice_writes(sources.contacts(), "contacts", ("ods",))
    libreoffice_writes(sources.corporate(), "corporate", ("xls",))
    write_csvs()
    write_hostile()


if __name__ == "__main__":
    main()
