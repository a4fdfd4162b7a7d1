"""Hostile files for tests/data/hostile/ (make_data.py writes them; tests build variants).

Each builder returns bytes shaped like the real thing: a PNG, a PDF, a Word
package, billion-laughs XML inside an xlsx, an xlsx as Excel encrypts it.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

HTML_TABLE = ("<html><head><meta charset='utf-8'></head><body><table>"
              "<tr><th>Name</th><th>Email</th></tr><tr><td>Ana</td><td>ana@x.org</td></tr>"
              "</table></body></html>")


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b""))


def tiny_pdf() -> bytes:
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 720, "Volunteer roster (printed)")
    page.save()
    return buffer.getvalue()


def tiny_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                         '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w='
                         '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    return buffer.getvalue()


LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1 or "") + ";") * 10}">\n'
                    for i in range(1, 10)) + "]>\n")


def with_laughs(xlsx: bytes) -> bytes:
    """The workbook with a billion-laughs DTD in front of its first sheet's XML."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = LAUGHS + text[text.index("?>") + 2:].replace("Mentor", "&lol9;", 1)
                data = text.encode("utf-8")
            archive.writestr(member, data)
    return buffer.getvalue()


def encrypted_ooxml() -> bytes:
    """An .xlsx as Excel saves it with a password: not a zip but a CFB (OLE2)
    container holding "EncryptionInfo" and "EncryptedPackage" streams ([MS-OFFCRYPTO]
    agile encryption; the package bytes here are random, the layout is real)."""
    info = (struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0" encoding="UTF-8" standalone'
            b'="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"'
            b' xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
            b"<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" "
            b"cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" "
            b"saltValue=\"AAAAAAAAAAAAAAAAAAAAAA==\"/></encryption>").ljust(4096, b" ")
    package = struct.pack("<Q", 6168) + bytes(random_bytes(4104))
    streams = [("EncryptionInfo", info), ("EncryptedPackage", package)]
    sector, end, free = 512, 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, end]  # sector 0: the FAT itself; sector 1: the directory
    starts = []
    for _, data in streams:
        count = -(-len(data) // sector)
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    fat += [free] * (sector // 4 - len(fat))

    def entry(name, kind, child, right, start, size):
        raw = (name + "\0").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", free, right, child) + bytes(16) + bytes(4) + bytes(16)
                + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, free, end, 0)
                 + entry("EncryptionInfo", 2, free, 2, starts[0], len(info))
                 + entry("EncryptedPackage", 2, free, free, starts[1], len(package))
                 + entry("", 0, free, free, 0, 0))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *[free] * 108))
    body = b"".join(data.ljust(-(-len(data) // sector) * sector, b"\0") for _, data in streams)
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + body


def random_bytes(count: int) -> bytes:
    return random.Random(7).randbytes(count)
