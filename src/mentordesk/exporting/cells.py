"""Cells that hold text as text: what every openpyxl writer here (and the import's
rejected-rows workbook) uses.

openpyxl turns a string starting with "=" into a formula and "#N/A" (and the
other error codes) into an error value. `safe_value` hands such text over as a
`text_cell`: the string type forced, and Excel's quote-prefix flag set (what
Excel itself does for text typed with a leading apostrophe), so even editing the
cell later does not evaluate it. Characters XML cannot hold (control
characters) are dropped; line breaks are kept.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE


def clean_text(text: str) -> str:
    """Text an .xlsx file holds as it is: no control characters, line breaks as LF
    (XML readers turn a bare CR into LF anyway)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def text_cell(ws, text: str) -> WriteOnlyCell:
    """A cell that holds `text` as a string, never a formula or an error value.

    Works for write-only and normal worksheets (`ws.append([... text_cell(ws, t)])`).
    """
    cell = WriteOnlyCell(ws, None)
    cell._value = clean_text(text)[:32767]
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_value(ws, value):
    """`value` as openpyxl should receive it: risky text wrapped in `text_cell`,
    empty text -- and text that is only spaces and line breaks, which spreadsheet
    readers (python-calamine, so also our import) read as empty -- as no cell at all."""
    if isinstance(value, str):
        if "\r" in value or ILLEGAL_CHARACTERS_RE.search(value):
            value = clean_text(value)
        if not value.strip():
            return None
        if (value[:1] == "=" and len(value) > 1) or value in ERROR_CODES:
            return text_cell(ws, value)
    return value
