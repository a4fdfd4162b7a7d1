"""CSV/TSV/TXT: the encoding and the delimiter are detected from the bytes, quoted
fields keep their delimiters and line breaks, and row numbers are the lines
where records start."""

from __future__ import annotations

import pytest
from tests.importing.datafiles import DATA, one_sentence, sources

from mentordesk.importing.delimited import decode, detect_delimiter
from mentordesk.importing.read import read_table
from mentordesk.importing.table import ImportRefused

ENCODINGS = {"utf8": "UTF-8", "utf8bom": "UTF-8 (with BOM)", "utf16le": "UTF-16 LE",
             "utf16be": "UTF-16 BE", "utf16le-nobom": "UTF-16 LE", "cp1252": "Windows-1252"}
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}


def _text(value, decimal_comma: bool):
    if value in ("", None):
        return None
    text = str(value)
    return text.replace(".", ",") if decimal_comma and isinstance(value, float) else text


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", DELIMITERS)
def test_every_encoding_and_delimiter_reads_the_same_table(encoding, delimiter):
    table = read_table(DATA / "csv" / f"hours_{encoding}_{delimiter}.csv")
    assert table.file_format == "csv" and table.sheet is None and table.sheets == ()
    assert table.extra == {"encoding": ENCODINGS[encoding], "delimiter": DELIMITERS[delimiter]}
    assert ENCODINGS[encoding] in table.notes[0]
    header, *rows = sources.HOURS
    assert table.header_row == 1 and table.headers == tuple(header)
    expected = [(number, tuple(_text(v, delimiter == "semicolon") for v in values))
                for number, values in enumerate(rows, start=2) if any(values)]
    assert [(r.number, r.values) for r in table.rows] == expected
    assert [r.number for r in table.rows] == [2, 3, 4, 6]  # line 5 is blank


def test_an_excel_semicolon_csv_in_windows_1252_with_title_and_total():
    table = read_table(DATA / "hours_excel_eu.csv")
    assert table.extra == {"encoding": "Windows-1252", "delimiter": ";"}
    title, header, *rows, _total = sources.HOURS_EU
    assert table.header_row == 2 and table.headers == tuple(header)
    assert [r.values for r in table.rows] == [
        tuple(_text(v, True) for v in values) for values in rows]
    assert [r.number for r in table.rows] == [3, 4, 5]
    assert table.skipped == ((6, "a totals row (\u201cTotal\u201d), not data"),)
    assert any(title[0] in note for note in table.notes)


def test_excel_unicode_text_is_utf16_with_tabs():
    table = read_table(DATA / "hours_unicode.txt")
    assert table.extra == {"encoding": "UTF-16 LE", "delimiter": "\t"}
    header, *rows = sources.HOURS_UNICODE
    assert table.headers == tuple(header)
    assert [r.values for r in table.rows] == [tuple(_text(v, False) for v in values)
                                              for values in rows]


def test_a_quoted_line_break_keeps_the_record_on_the_line_it_starts():
    table = read_table(DATA / "volunteers_required.csv")
    assert table.extra["encoding"] == "UTF-8 (with BOM)"
    assert table.headers[0] == "Email*"  # the byte-order mark is not part of the header
    assert [r.number for r in table.rows] == [2, 4, 5]
    assert table.rows[0].values[-1] == "reading,\nmath"
    assert table.rows[1].values[3] == "=1+2" and table.rows[1].values[0] == "  BOB@Example.org"
    assert table.rows[2].values[1] == "陈伟"


def test_excels_sep_line_decides_the_delimiter_and_is_not_a_row():
    table = read_table(DATA / "sep_line.csv")
    assert table.extra["delimiter"] == ";" and table.header_row == 1
    assert table.headers == tuple(sources.HOURS[0])
    assert [r.number for r in table.rows] == [2, 3, 4]


def test_a_csv_named_xls_is_read_as_csv():
    table = read_table(DATA / "csv_named.xls")
    assert table.file_format == "csv" and table.headers == tuple(sources.HOURS[0])


@pytest.mark.parametrize("data, label", [
    ("Zoë;Núñez\n".encode(), "UTF-8"),
    ("Zoë;Núñez\n".encode("cp1252"), "Windows-1252"),
    (b"\xef\xbb\xbfZo\xc3\xab\n", "UTF-8 (with BOM)"),
    ("Zoë\tΩ\n".encode("utf-16-be"), "UTF-16 BE"),
    ("Zoë\tΩ\n".encode("utf-16-le"), "UTF-16 LE"),
    (b"\xff\xfe" + "Zoë\n".encode("utf-16-le"), "UTF-16 LE"),
    (b"caf\x81\x8d", "ISO-8859-1"),  # bytes Windows-1252 leaves undefined
])
def test_encodings_are_detected(data, label):
    text, found = decode(data, "x.csv")
    assert found == label
    assert text.startswith(("Zoë", "caf"))


@pytest.mark.parametrize("sample, delimiter", [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1,5;2,5;3\n", ";"),  # decimal commas do not fool it
    ("a\tb\n\"x, y\"\t2\n", "\t"),
    ("a|b|c\n1|2|3\n", "|"),
    ('name,notes\n"Ana","a; b; c"\n"Bo","d; e; f"\n', ","),  # semicolons inside quotes
    ("Title line\na;b;c\n1;2;3\n4;5;6\n", ";"),
])
def test_delimiters_are_detected_outside_quotes(sample, delimiter):
    assert detect_delimiter(sample) == delimiter


def test_text_without_a_header_row_is_refused(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("1,2,3\n4,5,6\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="no header row") as refused:
        read_table(path)
    assert one_sentence(str(refused.value))


def test_a_huge_field_is_refused(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text('name,notes\nAna,"' + "x" * 2_000_000 + '"\n', encoding="utf-8")
    with pytest.raises(ImportRefused, match="too long") as refused:
        read_table(path)
    assert one_sentence(str(refused.value))
