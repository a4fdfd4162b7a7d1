"""Which column holds which field: found from the headers, corrected by the
coordinator, saved as a named template and reused for files with the same headers.

A template is keyed by the *header signature*: a hash of the set of header keys
(headers.header_key: case, accents, punctuation, "*" and "(MM/DD/YYYY)" hints
do not matter, nor does the order of the columns). It stores header key ->
field, so it still applies when the columns come in another order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..domain.errors import ValidationError
from .headers import header_key, match_headers
from .kinds import Kind


@dataclass(frozen=True)
class ColumnMapping:
    kind: str
    headers: tuple[str, ...]
    columns: dict[int, str]  # column index -> field name
    template: str | None = None  # the saved template that was reused, if any
    unmapped: tuple[int, ...] = ()  # columns left out of the import
    missing: tuple[str, ...] = ()  # requirements no column covers ("first name and last name, or ...")
    signature: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing

    def header_of(self) -> dict[str, str]:
        """Field name -> the header of the column mapped to it."""
        return {name: self.headers[index] for index, name in self.columns.items()}

    def keyed(self) -> dict[str, str]:
        """Header key -> field name: what a template stores."""
        return {header_key(self.headers[i]): name for i, name in self.columns.items()}


def header_signature(headers: Sequence[str]) -> str:
    keys = sorted({k for k in (header_key(h) for h in headers) if k})
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:40]


def build_mapping(kind: Kind, headers: Sequence[str], columns: Mapping[int, str | None],
                  template: str | None = None) -> ColumnMapping:
    """A checked mapping: known fields only, each field on one column at most."""
    headers = tuple(headers)
    chosen: dict[int, str] = {}
    seen: dict[str, int] = {}
    known = kind.synonyms()
    for index, name in sorted(columns.items()):
        if not name:
            continue
        if not 0 <= index < len(headers):
            raise ValidationError(f"The file has no column number {index + 1}.", "mapping")
        if name not in known:
            raise ValidationError(
                f"{name!r} is not a field of a {kind.label} import.", "mapping")
        if name in seen:
            raise ValidationError(
                f"The columns {headers[seen[name]]!r} and {headers[index]!r} are both mapped to "
                f"{kind.field(name).label!r}; choose one.", "mapping")
        seen[name] = index
        chosen[index] = name
    return ColumnMapping(
        kind=kind.name, headers=headers, columns=chosen, template=template,
        unmapped=tuple(i for i in range(len(headers)) if i not in chosen),
        missing=tuple(kind.missing(chosen.values())), signature=header_signature(headers),
    )


def automatic_mapping(kind: Kind, headers: Sequence[str]) -> ColumnMapping:
    """Columns mapped by header name (synonyms in English and Spanish, tolerant matching)."""
    return build_mapping(kind, headers, match_headers(list(headers), kind.synonyms()))


def from_template(kind: Kind, headers: Sequence[str], name: str,
                  keyed: Mapping[str, str]) -> ColumnMapping:
    """A saved template applied to these headers (fields the kind no longer has are dropped)."""
    known = kind.synonyms()
    columns = {}
    used = set()
    for index, header in enumerate(headers):
        field = keyed.get(header_key(header))
        if field in known and field not in used:
            columns[index] = field
            used.add(field)
    return build_mapping(kind, headers, columns, template=name)


def with_column(mapping: ColumnMapping, kind: Kind, index: int, field: str | None) -> ColumnMapping:
    """The mapping with one column changed (None: leave the column out)."""
    columns: dict[int, str | None] = dict(mapping.columns)
    if field:
        columns = {i: f for i, f in columns.items() if f != field}
    columns[index] = field
    return replace(build_mapping(kind, mapping.headers, columns), template=None)
