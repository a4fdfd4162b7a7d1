"""What a file really is, decided by its bytes, and the refusals made before
any reader library parses it.

    sniff(data, name) -> "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "csv"

Refused with one sentence (ImportRefused): empty files; PDFs, images and other
non-spreadsheets whatever their extension; web pages and XML saved with a
spreadsheet name; encrypted workbooks (OOXML inside a CFB container with an
"EncryptionInfo" stream, .xls with a FILEPASS record, .ods whose manifest has
encryption data); damaged or cut-short zips; zip bombs, judged from the zip
directory before anything is inflated (more than MAX_ENTRIES entries, more than
MAX_UNPACKED bytes in all, or an entry over RATIO_FROM bytes inflating more than
MAX_RATIO times); XML parts with a DOCTYPE or ENTITY declaration (billion laughs).
The sizes a zip declares are trusted here; a zip whose entries lie about their
size is stopped by the reader's own checks and reported as damaged.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from .table import ImportRefused

MAX_FILE_BYTES = 100 * 1024 * 1024  # a workbook on disk
MAX_TEXT_BYTES = 50 * 1024 * 1024  # a CSV/TSV/TXT file
MAX_ENTRIES = 10_000
MAX_UNPACKED = 300 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM = 4 * 1024 * 1024
_PROLOG_LIMIT = 64 * 1024
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXPORT = "export it from the program that made it as .xlsx or .csv"
_RESAVE = "open it in Excel or LibreOffice and save it as .xlsx or .csv"
_NOT_SHEETS = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"), (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"), (b"SQLite format 3\x00", "a database file"),
    (b"\x7fELF", "a program"), (b"MZ", "a program"),
)


def refuse(name: str, text: str) -> ImportRefused:
    return ImportRefused(f"\u201c{name}\u201d {text}")


def damaged(name: str) -> ImportRefused:
    return refuse(name, "could not be read: it may be damaged or incomplete; "
                  "save it again from the program that made it.")


def encrypted(name: str) -> ImportRefused:
    return refuse(name, "is protected with a password; open it, remove the password "
                  "(File \u2192 Info \u2192 Protect Workbook in Excel) and save it again.")


def sniff(data: bytes, name: str) -> str:
    """The format the bytes say; ImportRefused when they are not a usable spreadsheet."""
    if not data.strip(b" \t\r\n\x00"):
        return _raise(refuse(name, "is empty."))
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_format(data, name)
    if data.startswith(_CFB):
        return _cfb_format(data, name)
    for magic, what in _NOT_SHEETS:
        if data.startswith(magic):
            return _raise(refuse(name, f"is {what}, not a spreadsheet; {_EXPORT}."))
    if len(data) > MAX_TEXT_BYTES:
        return _raise(refuse(name, f"is too large to import as text "
                             f"(over {MAX_TEXT_BYTES // 2**20} MB); split it into smaller files."))
    start = _text_start(data)
    if "urn:schemas-microsoft-com:office:spreadsheet" in start:
        return _raise(refuse(name, f"is an Excel 2003 XML spreadsheet; {_RESAVE}."))
    if re.match(r"\s*(<!doctype\s+html|<html|<table|<\?xml|<body|<head)", start, re.IGNORECASE):
        kind = "an XML file" if start.lstrip().lower().startswith("<?xml") else "a web page (HTML)"
        return _raise(refuse(name, f"is {kind} saved with a spreadsheet name; {_RESAVE}."))
    return "csv"


def _raise(error: ImportRefused) -> str:
    raise error


def _text_start(data: bytes) -> str:
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:200:2].count(0) > 50 \
            or head[0:200:2].count(0) > 50:
        little = head.startswith(b"\xff\xfe") or head[1:200:2].count(0) > head[0:200:2].count(0)
        return head.decode("utf-16-le" if little else "utf-16-be", "ignore").lstrip("\ufeff")
    return head.decode("utf-8", "ignore").lstrip("\ufeff")


# --- zip packages: xlsx, xlsm, xlsb, ods ----------------------------------------

def _zip_format(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, IndexError,
            struct.error, KeyError, UnicodeError):
        raise damaged(name) from None
    _check_sizes(infos, name)
    names = {info.filename for info in infos}
    try:
        if "mimetype" in names:
            fmt = _odf_format(archive, name)
        elif "[Content_Types].xml" in names:
            fmt = _ooxml_format(archive, names, name)
        else:
            raise refuse(name, f"is a zip archive, not a spreadsheet; {_EXPORT}.")
        for info in infos:
            if not info.is_dir() and info.file_size:
                _check_prolog(archive, info, name)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError, EOFError,
            RuntimeError, struct.error, KeyError, UnicodeError):
        raise damaged(name) from None
    return fmt


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    suspicious = refuse(name, "unpacks to far more data than a spreadsheet holds "
                        "(it may be a zip bomb), so it was not opened.")
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise suspicious
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise suspicious


def _odf_format(archive: zipfile.ZipFile, name: str) -> str:
    mimetype = _small(archive, "mimetype").decode("ascii", "replace").strip()
    if mimetype != "application/vnd.oasis.opendocument.spreadsheet":
        what = "an OpenDocument text or drawing" if "opendocument" in mimetype else "not"
        raise refuse(name, f"is {what} file, not a spreadsheet; {_EXPORT}."
                     if what != "not" else f"is not a spreadsheet; {_EXPORT}.")
    manifest = "META-INF/manifest.xml"
    if manifest in archive.namelist() and b"encryption-data" in _small(archive, manifest, 4 << 20):
        raise encrypted(name)
    return "ods"


def _ooxml_format(archive: zipfile.ZipFile, names: set[str], name: str) -> str:
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            return "xlsb"
        types = _small(archive, "[Content_Types].xml", 4 * 2**20)
        return "xlsm" if b"macroEnabled" in types or "xl/vbaProject.bin" in names else "xlsx"
    what = "a Word document" if "word/document.xml" in names else \
        "a PowerPoint presentation" if "ppt/presentation.xml" in names else "an Office file"
    raise refuse(name, f"is {what}, not a spreadsheet; {_EXPORT}.")


def _small(archive: zipfile.ZipFile, member: str, limit: int = 1024) -> bytes:
    with archive.open(member) as stream:
        return stream.read(limit)


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a DOCTYPE/ENTITY before the root element of an XML part."""
    head = b""
    with archive.open(info) as stream:
        head = stream.read(512)
        if b"<" not in head.replace(b"\x00", b"")[:512]:
            return  # not XML (images, binary parts)
        while True:
            text = _COMMENT.sub("", _decode_xml(head))
            if re.search(r"<!(doctype|entity)", text, re.IGNORECASE):
                raise refuse(name, "contains XML with a DOCTYPE or ENTITY declaration, which "
                             "spreadsheets never need (it may be hostile), so it was not opened.")
            if re.search(r"<[^\W\d]", text):
                return
            if len(head) >= _PROLOG_LIMIT:
                raise refuse(name, "contains XML with an unusually long header before its "
                             "content (it may be hostile), so it was not opened.")
            more = stream.read(4096)
            if not more:
                return
            head += more


def _decode_xml(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"<\x00")):
        return data.decode("utf-16-le", "ignore")
    if data.startswith((b"\xfe\xff", b"\x00<")):
        return data.decode("utf-16-be", "ignore")
    return data.decode("utf-8", "ignore")


# --- CFB (OLE2) containers: .xls, or an encrypted OOXML package ------------------

_END = 0xFFFFFFFE
_FILEPASS, _EOF = 0x002F, 0x000A


class _Cfb:
    """Just enough of [MS-CFB] to list stream names and read one stream."""

    def __init__(self, data: bytes):
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError("not a CFB header")
        self.data, self.size = data, 1 << shift
        (n_fat, dir_start, _, cutoff, minifat_start, _, difat_start, n_difat) = \
            struct.unpack_from("<IIIIIIII", data, 0x2C)
        self.cutoff = cutoff
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        per = self.size // 4 - 1
        for sector in self._walk(difat_start, lambda s: struct.unpack_from(
                "<I", self._sector(s), per * 4)[0], limit=n_difat):
            difat += struct.unpack_from(f"<{per}I", self._sector(sector))
        self.fat: list[int] = []
        for sector in difat[:n_fat]:
            self.fat += struct.unpack(f"<{self.size // 4}I", self._sector(sector))
        directory = self._chain(dir_start)
        self.entries = {}
        for offset in range(0, len(directory) - 127, 128):
            length, kind = struct.unpack_from("<HB", directory, offset + 64)
            start, size = struct.unpack_from("<II", directory, offset + 116)
            if kind in (1, 2, 5) and 2 <= length <= 64:
                name = directory[offset:offset + length - 2].decode("utf-16-le", "replace")
                self.entries.setdefault(name, (kind, start, size))
        root = next(v for v in self.entries.values() if v[0] == 5)
        self.mini = self._chain(root[1])[:root[2]]
        self.minifat = struct.unpack(f"<{len(raw) // 4}I", raw) if (
            raw := self._chain(minifat_start)) else ()

    def _sector(self, number: int) -> bytes:
        offset = (number + 1) * self.size
        if offset + self.size > len(self.data):
            raise ValueError("sector past the end")
        return self.data[offset:offset + self.size]

    def _walk(self, start: int, following, limit: int | None = None):
        seen = 0
        bound = len(self.data) // self.size + 1 if limit is None else limit
        while start < _END and seen < bound:
            yield start
            start, seen = following(start), seen + 1

    def _chain(self, start: int) -> bytes:
        table = self.fat
        return b"".join(self._sector(s) for s in self._walk(
            start, lambda s: table[s] if s < len(table) else _END))

    def stream(self, name: str) -> bytes:
        _, start, size = self.entries[name]
        if size >= self.cutoff:
            return self._chain(start)[:size]
        parts, table = [], self.minifat
        for s in self._walk(start, lambda s: table[s] if s < len(table) else _END):
            parts.append(self.mini[s * 64:(s + 1) * 64])
        return b"".join(parts)[:size]


def _cfb_format(data: bytes, name: str) -> str:
    try:
        container = _Cfb(data)
        names = set(container.entries)
        if names & {"EncryptionInfo", "EncryptedPackage"}:
            raise encrypted(name)
        book = next((n for n in ("Workbook", "Book", "WORKBOOK", "BOOK") if n in names), None)
        if book is None:
            what = "a Word document" if "WordDocument" in names else \
                "a PowerPoint presentation" if "PowerPoint Document" in names else "an Office file"
            raise refuse(name, f"is {what}, not a spreadsheet; {_EXPORT}.")
        stream = container.stream(book)
    except (ValueError, struct.error, StopIteration, KeyError, IndexError):
        raise damaged(name) from None
    offset = 0
    while offset + 4 <= len(stream):  # the workbook globals, up to their EOF record
        kind, length = struct.unpack_from("<HH", stream, offset)
        if kind == _FILEPASS:
            raise encrypted(name)
        if kind == _EOF:
            break
        offset += 4 + length
    return "xls"
