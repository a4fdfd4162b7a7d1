"""CSV, TSV and TXT tables: the encoding and the delimiter are detected.

Encoding: a byte-order mark decides (UTF-8, UTF-16 LE/BE); without one, a
pattern of NUL bytes in every other position means UTF-16 (LE or BE); else
UTF-8 if the bytes are valid UTF-8; else Windows-1252 (what Excel writes on a
European or American Windows). Delimiter: an Excel "sep=;" first line decides;
else the candidate (tab, semicolon, comma, pipe) that splits the most records
into the same number of fields, counted outside quotes (a candidate that breaks
the quoting counts half). Quoted fields may hold
delimiters and line breaks; a record's row number is the line it starts on.
Cells are text as written ("" for empty; header.extract makes that None):
nothing is converted here.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from .safety import MAX_TEXT_BYTES, refuse
from .table import ImportRefused

CANDIDATES = ("\t", ";", ",", "|")
_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}
_SAMPLE = 64 * 1024
_FIELD_LIMIT = 1024 * 1024
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f]")  # never in text tables


@dataclass(frozen=True)
class Delimited:
    rows: list[list[str]]  # "" for an empty cell
    numbers: list[int]  # the line each record starts on
    encoding: str  # a name for people: "UTF-8", "UTF-16 LE", "Windows-1252", ...
    delimiter: str

    @property
    def note(self) -> str:
        return f"Read as {self.encoding} text separated by {_NAMES[self.delimiter]}s."


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) of a text file; ImportRefused if it is not text."""
    boms = ((b"\xef\xbb\xbf", "utf-8", "UTF-8 (with BOM)"), (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
            (b"\xfe\xff", "utf-16-be", "UTF-16 BE"))
    codec, label, body = None, None, data
    for bom, bom_codec, bom_label in boms:
        if data.startswith(bom):
            codec, label, body = bom_codec, bom_label, data[len(bom):]
            break
    if codec is None:
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if odd > 0.3 * half and even < 0.05 * half:
            codec, label = "utf-16-le", "UTF-16 LE"
        elif even > 0.3 * half and odd < 0.05 * half:
            codec, label = "utf-16-be", "UTF-16 BE"
    try:
        if codec:
            text = body.decode(codec)
        else:
            try:
                text, label = data.decode("utf-8"), "UTF-8"
            except UnicodeDecodeError:
                try:
                    text, label = data.decode("cp1252"), "Windows-1252"
                except UnicodeDecodeError:
                    text, label = data.decode("latin-1"), "ISO-8859-1"
    except UnicodeDecodeError:
        raise refuse(name, f"is not valid {label} text; save it again as CSV UTF-8.") from None
    sample = text[:_SAMPLE]
    if "\x00" in text or len(_CONTROL.findall(sample)) > max(2, len(sample) // 1000):
        raise refuse(name, "is not a spreadsheet or a text table (it holds binary data); "
                     "export it as .xlsx or .csv.")
    return text, label


def _records(text: str, delimiter: str, strict: bool = False):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, skipinitialspace=False, strict=strict)
    line = 0
    for record in reader:
        yield line + 1, record
        line = reader.line_num


def detect_delimiter(text: str) -> str:
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE and "\n" in sample:
        sample = sample[:sample.rindex("\n")]
    best, best_score = ",", 0.0
    for delimiter in CANDIDATES:
        if delimiter not in sample:
            continue
        try:
            counts = [len(r) for _, r in _records(sample, delimiter) if any(f.strip() for f in r)]
        except csv.Error:
            continue
        counts = counts[:200]
        if not counts:
            continue
        fields, times = Counter(counts).most_common(1)[0]
        score = (times / len(counts)) * fields if fields > 1 else 0.0
        try:  # a delimiter that breaks the quoting ("Ana","a; b" split at ;) counts half
            for _ in _records(sample, delimiter, strict=True):
                pass
        except csv.Error:
            score /= 2
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_delimited(data: bytes, name: str) -> Delimited:
    if len(data) > MAX_TEXT_BYTES:
        raise refuse(name, f"is too large to import (over {MAX_TEXT_BYTES // 2**20} MB); "
                     "split it into smaller files.")
    text, encoding = decode(data, name)
    first = text[:12].lower()
    if first.startswith("sep=") and len(text) > 4 and text[4] in "\t;,|":
        delimiter = text[4]  # Excel's "sep=;" line: Excel hides it, so rows count after it
        text = text[text.find("\n") + 1:] if "\n" in text else ""
    else:
        delimiter = detect_delimiter(text)
    rows: list[list[str]] = []
    numbers: list[int] = []
    limit = csv.field_size_limit()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        csv.field_size_limit(_FIELD_LIMIT)
        line = 0
        for record in reader:  # inline rather than _records(): it runs once per record
            numbers.append(line + 1)
            rows.append(record)
            line = reader.line_num
    except csv.Error:
        raise refuse(name, "has a cell too long to be a spreadsheet value (over a million "
                     "characters); check that it is really a table.") from None
    finally:
        csv.field_size_limit(limit)
    return Delimited(rows, numbers, encoding, delimiter)


__all__ = ["Delimited", "ImportRefused", "decode", "detect_delimiter", "read_delimited"]
