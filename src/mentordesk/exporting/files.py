"""Writing an output file safely, and keeping text from turning into a formula.

`atomic_output(path)` yields a temporary path beside the target; the caller
writes the whole file there, and only when that succeeded is it moved over the
target with `os.replace` (atomic on one volume, on Windows too). A failure or a
Cancel removes the temporary file and leaves any previous file byte-identical.

`neutralise_formula(text)` follows OWASP's CSV Injection advice
(owasp.org/www-community/attacks/CSV_Injection): a cell must not begin with
``=``, ``+``, ``-``, ``@``, tab (0x09) or carriage return (0x0D); such text gets
a leading apostrophe, which spreadsheets read as "this is text". OWASP also
warns that field separators and quotes can start a new cell, so the CSV writer
(delimited.py) wraps every field in double quotes and doubles embedded quotes.
In an .xlsx file no apostrophe is needed: the text is stored as a string cell
(excel.py), which is never evaluated.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from ..domain.errors import MentorDeskError

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class OutputError(MentorDeskError):
    """The output file cannot be written (folder missing, disk full, ...)."""


class FileInUse(OutputError):
    """The target is open in another program (Excel locks the files it has open)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} is open in another program; close it and try again.")
        self.path = path


def neutralise_formula(text: str) -> str:
    """Text a spreadsheet will not read as a formula (OWASP: prefix an apostrophe)."""
    if text and text[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def _describe(error: OSError, path: Path) -> OutputError:
    if error.errno == errno.ENOSPC:
        return OutputError(f"The disk is full; {path.name} could not be written.")
    reason = (error.strerror or str(error) or "unknown error").rstrip(".")
    return OutputError(f"{path.name} could not be written ({reason.lower()}).")


def _create_temp(path: Path) -> Path:
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"The folder {folder} does not exist; choose another folder.")
    if path.is_dir():
        raise OutputError(f"{path} is a folder; choose a file name.")
    for _ in range(20):
        temp = folder / f".~{path.stem}.{secrets.token_hex(4)}{path.suffix}"
        try:
            # 0o666 minus the umask: the final file gets the usual permissions.
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
            return temp
        except FileExistsError:
            continue
        except PermissionError:
            raise OutputError(
                f"You cannot write to the folder {folder}; choose another folder.") from None
        except OSError as error:
            raise _describe(error, path) from None
    raise OutputError(f"No temporary file could be created in {folder}.")


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


@contextlib.contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; move it into place on success.

    On any exception (including Cancelled) the temporary file is removed and
    the previous target, if any, is left untouched. OSErrors become one-sentence
    `OutputError`s; a target locked by another program becomes `FileInUse`.
    """
    path = Path(path)
    temp = _create_temp(path)
    try:
        yield temp
    except OSError as error:
        _remove(temp)
        raise _describe(error, path) from None
    except BaseException:
        _remove(temp)
        raise
    try:
        os.replace(temp, path)
    except PermissionError:
        # Windows: a sharing violation (the file is open in Excel) or access denied.
        _remove(temp)
        if path.exists() and not os.access(path, os.W_OK) and os.name == "nt":
            raise OutputError(f"{path.name} is read-only; choose another name.") from None
        raise FileInUse(path) from None
    except OSError as error:
        _remove(temp)
        raise _describe(error, path) from None
