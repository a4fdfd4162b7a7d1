"""The rejected rows workbook: the rows as they were, in order, with the reason."""

from datetime import date

from openpyxl import load_workbook

from mentordesk.importing.plan import RowPlan
from mentordesk.importing.rejects import unique_headers, write_rejects
from mentordesk.importing.rows import Problem
from mentordesk.importing.table import SheetTable, SourceRow


def test_rejected_rows_keep_their_cells_order_and_formula_looking_text(tmp_path):
    headers = ("Email", "Notes", "Notes", "Born")
    rows = [(3, ("a@x.org", "=HYPERLINK(\"http://evil\")", "+1 555", date(1990, 5, 1))),
            (4, ("b@x.org", "fine", None, None)),
            (9, ("bad", "@sum(A1)", "-x", 32980))]
    table = SheetTable("v.csv", "0" * 64, "csv", None, (), 1, headers,
                       tuple(SourceRow(n, v) for n, v in rows))
    plans = [RowPlan(9, "rejected", problems=[Problem(9, "Email", "bad", "Not an email."),
                                              Problem(9, None, "", "Enter the name.")]),
             RowPlan(4, "new"),
             RowPlan(3, "rejected", problems=[Problem(3, "Born", "x", "Too old.")])]
    out = write_rejects(table, plans, tmp_path / "rejected.xlsx")
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Email", "Notes", "Notes (2)", "Born", "Problem"]
    assert [v[0] for v in values[1:]] == ["a@x.org", "bad"]  # the file's order
    assert values[1][1] == "=HYPERLINK(\"http://evil\")" and sheet["B2"].data_type == "s"
    assert values[1][3].date() == date(1990, 5, 1) and values[2][3] == 32980
    assert values[1][4] == "Born: Too old."
    assert values[2][4] == "Email: Not an email. Enter the name."
    assert not [p for p in tmp_path.iterdir() if p.name != "rejected.xlsx"]  # no temp file left


def test_headers_are_made_unique_for_the_excel_table():
    assert unique_headers(["A", "a", "", "A"]) == ["A", "a (2)", "Column", "A (3)"]
