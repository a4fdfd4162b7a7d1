"""CSV output: UTF-8 with BOM, every field quoted, formula-like text neutralised (OWASP)."""

from __future__ import annotations

import csv
from datetime import date

from mentordesk.exporting.delimited import write_csv
from mentordesk.exporting.sheets import DATE, HOURS, ID, INT, PERCENT, Column, Sheet

COLUMNS = [Column("MentorDesk ID", ID), Column("Name"), Column("Date", DATE),
           Column("Minutes", INT), Column("Hours", HOURS), Column("Rate", PERCENT)]


def test_bom_quotes_and_owasp_neutralisation(tmp_path):
    path = tmp_path / "out.csv"
    rows = [
        (1, "Zoë Ødegaard", date(2025, 1, 31), 50, 50 / 60, 0.125),
        (2, '=HYPERLINK("http://evil.example","x")', None, 90, 1.5, None),
        (3, "+1 555 0100", None, None, None, None),
        (4, "-2", None, None, None, None),
        (5, "@SUM(A1)", None, None, None, None),
        (6, "\t=1", None, None, None, None),
        (7, "\r=1", None, None, None, None),
        (8, 'a "quoted", separated; text', None, None, None, None),
    ]
    assert write_csv(path, Sheet("Sessions", "t", COLUMNS, rows, len(rows))) == len(rows)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    text = raw[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == '"MentorDesk ID","Name","Date","Minutes","Hours","Rate"'
    assert lines[1] == '"1","Zoë Ødegaard","2025-01-31","50","0.83","12.5%"'
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh))
    names = [row[1] for row in back[1:]]
    assert names == ["Zoë Ødegaard", "'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1 555 0100",
                     "'-2", "'@SUM(A1)", "'\t=1", "'\r=1", 'a "quoted", separated; text']
    assert back[2][2:] == ["", "90", "1.50", ""]
    # Every field is quoted, so a separator or quote inside text never starts a new cell.
    assert '"8","a ""quoted"", separated; text","","","",""' in lines
    assert '"2","\'=HYPERLINK(""http://evil.example"",""x"")","","90","1.50",""' in lines


def test_an_empty_roster_is_a_header_line(tmp_path):
    path = tmp_path / "empty.csv"
    assert write_csv(path, Sheet("Sessions", "t", COLUMNS, [], 0)) == 0
    assert path.read_bytes() == (
        b'\xef\xbb\xbf"MentorDesk ID","Name","Date","Minutes","Hours","Rate"\r\n')
