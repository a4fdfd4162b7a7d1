"""Tolerant header-name matching: which column holds which field.

    header_key("Email*")               -> "email"
    header_key("firstName")            -> "first name"
    header_key("Correo electrónico")   -> "correo electronico"
    header_key("Date (MM/DD/YYYY)")    -> "date"
    match_headers(["Email*", "Full Name"], {"email": ["email", "correo"], ...})
        -> {0: "email", ...}

Scores (higher wins): the same key 100; the same words in another order 90; a
one-letter typo in a word of five letters or more 80; a synonym whose words
all appear in a longer header 60-79 (more of the header covered scores more);
a header whose words all appear in a longer synonym 50-59.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

# "(Y/N)", "(MM/DD/YYYY)", "(dd.mm.yy)", "(required)", "(s)" and the like.
_HINT_WORDS = {
    "required", "optional", "mandatory", "obligatorio", "obligatoria", "opcional",
    "requerido", "requerida", "s", "es", "a", "as", "os", "yes no", "si no", "y n", "s n",
}
_BRACKETS = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_DATE_HINT = re.compile(r"(?i)[dmyaj]{1,4}([-/. ][dmyaj]{1,4}){1,2}|hh?[:.]mm([:.]ss)?")
_CAMEL = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])"  # letters|digits
                    r"|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")  # camelCase, HTMLParser
_NOT_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _hint(inner: str) -> bool:
    words = " ".join(_NOT_WORD.sub(" ", _fold(inner)).split())
    return not words or words in _HINT_WORDS or bool(_DATE_HINT.fullmatch(inner.strip()))


def header_key(text: str) -> str:
    """The comparison key of a header: casefolded, accents removed, camelCase and
    snake_case split into words, punctuation dropped, "*" required markers and
    format hints in brackets ("(Y/N)", "(MM/DD/YYYY)", "(required)", "(s)")
    removed; other bracketed words stay ("Correo (electrónico)")."""
    text = str(text or "").replace("*", " ").replace("#", " number ")
    text = _BRACKETS.sub(lambda m: " " if _hint(m.group(1)) else f" {m.group(1)} ", text)
    text = _CAMEL.sub(" ", text)
    return " ".join(_NOT_WORD.sub(" ", _fold(text)).split())


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter replaced, added, dropped or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
            and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _typo_match(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b) or a == b:
        return False
    return all(x == y or (min(len(x), len(y)) >= 5 and _one_edit_apart(x, y))
               for x, y in zip(a, b))


def _score(header: str, synonym: str) -> int:
    if not header or not synonym:
        return 0
    if header == synonym:
        return 100
    h, s = header.split(), synonym.split()
    hs, ss = set(h), set(s)
    if hs == ss:
        return 90
    if _typo_match(h, s):
        return 80
    if ss < hs:
        return 60 + (19 * len(ss)) // len(hs)
    if hs < ss:
        return 50 + (9 * len(hs)) // len(ss)
    return 0


def match_headers(
    headers: Sequence[str], fields: Mapping[str, Sequence[str]]
) -> dict[int, str]:
    """Column index -> field name. `fields` maps a field name to its synonyms
    (any spelling; compared by header_key; the field name itself counts too).
    Exact keys first, then tolerant matches (same words in another order, a
    synonym contained in a longer header, a one-letter typo in a long word).
    Each field is used once and each column once; the best score wins, ties go
    to the leftmost column and the first field; the result is deterministic."""
    keys = [header_key(h) for h in headers]
    candidates = []
    for order, (name, synonyms) in enumerate(fields.items()):
        spellings = {header_key(s) for s in (name, *synonyms)} - {""}
        for column, key in enumerate(keys):
            best = max((_score(key, s) for s in spellings), default=0)
            if best:
                candidates.append((-best, column, order, name))
    candidates.sort()
    found: dict[int, str] = {}
    used: set[str] = set()
    for _, column, _, name in candidates:
        if column not in found and name not in used:
            found[column] = name
            used.add(name)
    return dict(sorted(found.items()))
