"""Entry point of the reading half: any supported file -> one `SheetTable`.

    read_table(path, sheet=None, vocabulary=(...), progress=...) -> SheetTable
    list_sheets(path) -> ("Volunteers", "Hours", ...)

The format is decided by the file's bytes, never by its extension
(safety.sniff): a ".xls" that is really CSV is read as CSV, an ".xlsx" that is
really an encrypted CFB package is refused. Every refusal is an
`ImportRefused` whose text is one sentence; any unexpected error from a reader
library becomes one too. Cells come back as stored (formulas are never
evaluated); parsing them into dates, minutes, ... is parse.py's job, per mapped
column, later. One pass over the rows; no per-cell parsing here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

from ..domain.progress import SILENT, Progress
from .delimited import decode, read_delimited
from .header import extract
from .safety import MAX_FILE_BYTES, refuse, sniff
from .table import ImportRefused, SheetTable
from .workbook import Workbook, open_workbook


def _load(path: Path) -> tuple[bytes, str]:
    path = Path(path)
    name = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise refuse(name, f"is too large to import (over {MAX_FILE_BYTES // 2**20} MB); "
                         "split it into smaller files.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise refuse(name, "was not found; check the folder and the file name.") from None
    except IsADirectoryError:
        raise refuse(name, "is a folder, not a file.") from None
    except PermissionError:
        raise refuse(name, "cannot be opened: it may be open in another program; "
                     "close it and try again.") from None
    except OSError as error:
        raise refuse(name, f"cannot be read ({error.strerror or 'input/output error'}).") from None
    return data, sniff(data, name)


def read_table(
    path: Path,
    sheet: str | None = None,
    *,
    vocabulary: Collection[str] = (),
    progress: Progress = SILENT,
) -> SheetTable:
    """Read one sheet of a workbook (or a delimited text file) as a table.

    `sheet`: a sheet name (exact, else compared ignoring case); None reads the
    first visible sheet that has a header row; an unknown name is refused with
    the list of sheets. Ignored for CSV/TSV/TXT.
    `vocabulary`: header keys (headers.header_key) the caller expects; the row
    naming most of them is taken as the header row.
    `progress`: told how far reading got, and asked (check()) whether to stop;
    Cancelled propagates.
    Raises ImportRefused (one sentence) when the file cannot be used.
    """
    path = Path(path)
    progress.check()
    data, fmt = _load(path)
    digest = hashlib.sha256(data).hexdigest()
    if fmt == "csv":
        text = read_delimited(data, path.name)
        progress.check()
        found = extract(text.rows, text.numbers, vocabulary=vocabulary, progress=progress)
        if found is None:
            raise refuse(path.name, "has no header row (a row of column names such as "
                         "Name, Email) in its first rows; add one and try again.")
        return SheetTable(
            path.name, digest, "csv", None, (), found.header_row, found.headers, found.rows,
            found.skipped, (text.note, *found.notes),
            {"encoding": text.encoding, "delimiter": text.delimiter})
    book = open_workbook(data, path.name)
    progress.check()
    fallback = None
    for name in _sheets_to_try(book, sheet):
        rows, merged = book.rows(name)
        progress.check()
        found = extract(rows, vocabulary=vocabulary, merged=merged, progress=progress)
        if found is None and sheet is not None:
            raise refuse(path.name, f"has no header row (a row of column names such as Name, "
                         f"Email) on sheet \u201c{name}\u201d; add one or choose another sheet.")
        if found is None:
            continue
        table = SheetTable(
            path.name, digest, fmt, name, book.visible, found.header_row, found.headers,
            found.rows, found.skipped, found.notes, {"merged_ranges": len(merged)})
        # Unasked, a cover or notes sheet (one column, or no rows) gives way to a real table.
        if sheet is not None or (table.rows and len(table.headers) > 1):
            return table
        fallback = fallback or table
    if fallback is not None:
        return fallback
    raise refuse(path.name, "has no sheet with a header row (a row of column names such as "
                 "Name, Email); add one and try again.")


def _sheets_to_try(book: Workbook, sheet: str | None) -> tuple[str, ...]:
    if sheet is None:
        return book.visible
    if sheet in book.sheets:
        return (sheet,)
    folded = [s for s in book.sheets if s.casefold() == sheet.strip().casefold()]
    if folded:
        return (folded[0],)
    listed = ", ".join(f"\u201c{s}\u201d" for s in book.visible)
    raise refuse(book.name, f"has no sheet called \u201c{sheet}\u201d; its sheets are {listed}.")


def list_sheets(path: Path) -> tuple[str, ...]:
    """The visible worksheets of a workbook, in workbook order; () for
    CSV/TSV/TXT. Raises ImportRefused for files that cannot be read at all."""
    data, fmt = _load(Path(path))
    if fmt == "csv":
        decode(data, Path(path).name)  # refuses binary data
        return ()
    return open_workbook(data, Path(path).name).visible


__all__ = ["ImportRefused", "SheetTable", "list_sheets", "read_table"]
