"""Files that cannot be used are refused with one sentence, before any reader
library parses them where that is possible, and never with a traceback."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from tests.importing.datafiles import DATA, HOSTILE, hostile_bytes, one_sentence

from mentordesk.importing import safety
from mentordesk.importing.read import list_sheets, read_table
from mentordesk.importing.table import ImportRefused

ROSTER = (DATA / "roster_volunteers.xlsx").read_bytes()


def refusal(path, **kwargs) -> str:
    with pytest.raises(ImportRefused) as refused:
        read_table(path, **kwargs)
    message = str(refused.value)
    assert one_sentence(message), message
    assert path.name in message
    return message


@pytest.mark.parametrize("name, words", [
    ("image_renamed.xlsx", "PNG image"),
    ("pdf_renamed.xlsx", "PDF document"),
    ("word_renamed.xlsx", "Word document"),
    ("garbage.xlsx", "binary data"),
    ("empty.csv", "is empty"),
    ("nul_bytes.csv", "binary data"),
    ("web_page.xls", "web page"),
    ("truncated.xlsx", "damaged"),
    ("encrypted.xlsx", "password"),
    ("encrypted.xls", "password"),
    ("encrypted.ods", "password"),
    ("billion_laughs.xlsx", "DOCTYPE"),
    ("ratio_bomb.xlsx", "zip bomb"),
])
def test_hostile_files_are_refused_in_one_sentence(name, words):
    assert words in refusal(HOSTILE / name)
    with pytest.raises(ImportRefused):
        list_sheets(HOSTILE / name)


def test_the_hostile_files_are_what_they_claim_to_be():
    """Guards the fixtures: the refusals above are about real hostile shapes."""
    assert (HOSTILE / "encrypted.xlsx").read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    assert "EncryptionInfo".encode("utf-16-le") in (HOSTILE / "encrypted.xlsx").read_bytes()
    manifest = zipfile.ZipFile(HOSTILE / "encrypted.ods").read("META-INF/manifest.xml")
    assert b"encryption-data" in manifest
    bomb = zipfile.ZipFile(HOSTILE / "ratio_bomb.xlsx")
    biggest = max(bomb.infolist(), key=lambda i: i.file_size)
    assert biggest.file_size > 200 * biggest.compress_size and biggest.file_size > 4 * 2**20
    assert (HOSTILE / "ratio_bomb.xlsx").stat().st_size < 100_000
    laughs = zipfile.ZipFile(HOSTILE / "billion_laughs.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"<!ENTITY lol9" in laughs


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _roster_entries() -> dict[str, bytes]:
    source = zipfile.ZipFile(io.BytesIO(ROSTER))
    return {info.filename: source.read(info) for info in source.infolist()}


def test_a_zip_with_too_many_entries_is_refused_from_its_directory(tmp_path):
    entries = _roster_entries()
    entries.update({f"xl/media/{i}.bin": b"" for i in range(safety.MAX_ENTRIES + 1)})
    path = tmp_path / "many.xlsx"
    path.write_bytes(_zip(entries, zipfile.ZIP_STORED))
    assert "zip bomb" in refusal(path)


def test_a_zip_declaring_too_much_unpacked_data_is_refused_before_inflating(tmp_path):
    """A real bomb of 300 MB+ of zeros: about 300 KB on disk."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in _roster_entries().items():
            archive.writestr(name, data)
        with archive.open("xl/media/zeros.bin", "w", force_zip64=True) as stream:
            chunk = bytes(16 * 2**20)
            for _ in range(safety.MAX_UNPACKED // len(chunk) + 1):
                stream.write(chunk)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 3 * 2**20
    assert "zip bomb" in refusal(path)


def test_many_small_parts_within_the_limits_are_fine(tmp_path):
    entries = _roster_entries()
    entries.update({f"xl/media/{i}.bin": b"x" * 100 for i in range(50)})
    path = tmp_path / "fine.xlsx"
    path.write_bytes(_zip(entries))
    assert read_table(path).header_row == 4


@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/workbook.xml", "docProps/core.xml"])
@pytest.mark.parametrize("padding, words", [(0, "DOCTYPE"), (6_000, "DOCTYPE"),
                                            (70_000, "unusually long")])
def test_a_doctype_in_any_xml_part_is_refused(tmp_path, part, padding, words):
    """Also behind comments that hide a tag or push it past the first bytes read."""
    entries = _roster_entries()
    text = entries[part].decode("utf-8")
    entries[part] = (text[:text.index("?>") + 2] + "<!-- <fake> --><!-- " + "x" * padding
                     + ' --><!DOCTYPE x [<!ENTITY e "e">]>' + text[text.index("?>") + 2:]).encode()
    path = tmp_path / "doctype.xlsx"
    path.write_bytes(_zip(entries))
    assert words in refusal(path)


def test_a_utf16_xml_part_with_an_entity_is_refused(tmp_path):
    entries = _roster_entries()
    entries["docProps/app.xml"] = ('<?xml version="1.0" encoding="UTF-16"?><!ENTITY a "b">'
                                   "<Properties/>").encode("utf-16")
    path = tmp_path / "utf16.xlsx"
    path.write_bytes(_zip(entries))
    assert "DOCTYPE" in refusal(path)


def test_damage_the_library_finds_becomes_one_sentence(tmp_path):
    entries = _roster_entries()
    entries["xl/worksheets/sheet1.xml"] = b"<?xml version='1.0'?><worksheet><sheetData><row"
    path = tmp_path / "broken.xlsx"
    path.write_bytes(_zip(entries))
    assert "damaged" in refusal(path)


def test_a_cut_short_xls_is_refused(tmp_path):
    data = (DATA / "roster_volunteers.xls").read_bytes()
    path = tmp_path / "short.xls"
    path.write_bytes(data[: len(data) // 3])
    assert "damaged" in refusal(path)


def test_a_cfb_without_a_workbook_is_not_a_spreadsheet(tmp_path):
    data = bytearray(hostile_bytes.encrypted_ooxml())
    for old, new in ((b"EncryptionInfo", b"WordDocument\0\0"),):
        at = bytes(data).find(old.decode().encode("utf-16-le"))
        data[at:at + 2 * len(old)] = new.decode().encode("utf-16-le")
        struct.pack_into("<H", data, at + 64, 2 * len("WordDocument") + 2)
    path = tmp_path / "letter.xls"
    path.write_bytes(bytes(data))
    message = refusal(path)
    assert "not a spreadsheet" in message or "password" in message


@pytest.mark.parametrize("content, words", [
    ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
     "Excel 2003 XML"),
    ("<!DOCTYPE html><html><table><tr><td>Ana</td></tr></table></html>", "web page"),
    ('<?xml version="1.0"?><catalog/>', "XML file"),
])
def test_markup_saved_with_a_spreadsheet_name_is_refused(tmp_path, content, words):
    path = tmp_path / "export.xls"
    path.write_text(content, encoding="utf-8")
    assert words in refusal(path)


def test_missing_files_and_folders_are_refused(tmp_path):
    assert "not found" in refusal(tmp_path / "nowhere.xlsx")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert "folder" in refusal(folder)


def test_an_oversized_text_file_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("name,email\n" + "Ana,ana@x.org\n" * 200, encoding="utf-8")
    assert "too large" in refusal(path)


def test_a_part_inflating_past_its_declared_size_is_stopped_as_damaged(tmp_path):
    """The directory check trusts declared sizes; a part that lies about its size
    is stopped by the reader when it inflates past it."""
    entries = _roster_entries()
    sheet = entries["xl/worksheets/sheet1.xml"].decode("utf-8")
    at = sheet.index("</sheetData>")
    entries["xl/worksheets/sheet1.xml"] = (
        sheet[:at] + "<!-- " + "x" * 2**21 + " -->" + sheet[at:]).encode("utf-8")
    raw = bytearray(_zip(entries))
    name = b"xl/worksheets/sheet1.xml"
    # (signature, offset of the uncompressed size, of the name length, of the name)
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                                   (b"PK\x01\x02", 24, 28, 46)):
        position = raw.find(signature)
        while position >= 0:
            length = struct.unpack_from("<H", raw, position + length_at)[0]
            if raw[position + name_at:position + name_at + length] == name:
                struct.pack_into("<I", raw, position + size_at, 4000)  # claims 4 KB
            position = raw.find(signature, position + 4)
    path = tmp_path / "liar.xlsx"
    path.write_bytes(bytes(raw))
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size == 4000
    assert "damaged" in refusal(path)
