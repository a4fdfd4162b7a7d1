"""Small helpers: `slug` for e-mail addresses and the seeded random picks."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from ...domain.dates import add_months
from .vocabulary import _TRANSLIT

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: 'Γιώργος' -> 'giorgos', 'Łukasz' -> 'lukasz'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    base = base.replace("ου", "ou")
    out = "".join(_TRANSLIT.get(ch, ch) for ch in base)
    return _NON_ALNUM.sub("", out)


def _shares(rng: random.Random, items: Sequence[tuple[Any, float]], n: int) -> list[Any]:
    """Exactly `n` items in the given shares (largest remainder), shuffled."""
    total = sum(w for _, w in items)
    raw = [(item, n * w / total) for item, w in items]
    counts = [int(x) for _, x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i][1] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    out = [item for (item, _), c in zip(raw, counts) for _ in range(c)]
    rng.shuffle(out)
    return out


def _partition(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """`parts` integers in [low, high] that add up to `total` (clamped if impossible)."""
    total = max(parts * low, min(parts * high, total))
    sizes = [low] * parts
    left = total - parts * low
    while left > 0:
        i = rng.randrange(parts)
        if sizes[i] < high:
            sizes[i] += 1
            left -= 1
    return sizes


def _between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _weighted(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in choices)
    x = rng.random() * total
    for item, w in choices:
        x -= w
        if x < 0:
            return item
    return choices[-1][0]


def _years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)
