"""Small-count suppression for printed breakdowns (pure functions over counts).

FIELD.md ("Privacy of minors"): sponsors get aggregates only; small counts are
suppressed, with a second cell suppressed where a total would reveal the first.

The rule, as every report applies it:

1. **Primary suppression.** A count from 1 to 4 (``0 < n < THRESHOLD``) is not
   printed; it reads "fewer than 5". A zero is printed: it names nobody.
2. **Complementary suppression.** A printed total and the cells it adds up form
   one *equation* (cells ... = total). When exactly one member of an equation is
   hidden, the others would give it away, so one more member is hidden ("not
   shown"): the smallest non-zero cell of the equation that is still shown (a
   hidden zero would protect nothing), else any shown cell, else the total
   itself. This repeats until no equation has exactly one hidden member, so a
   hidden cell in a grid also gets a partner in its column when its row's partner
   left the column with only one.

Totals that are not sums (say, distinct volunteers over branches, where one
person can count at two branches) are treated as if they were sums: that only
ever hides more, never less.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
FEWER_THAN = f"fewer than {THRESHOLD}"
NOT_SHOWN = "not shown"
NOTE = (f"Counts from 1 to {THRESHOLD - 1} are printed as \u201c{FEWER_THAN}\u201d; where a "
        "total would reveal such a count, one more count in the same row or column is "
        f"withheld too (\u201c{NOT_SHOWN}\u201d).")


@dataclass(frozen=True, slots=True)
class Hidden:
    """A count that is not printed. `primary`: it is a small count itself; otherwise
    it is hidden so that a total cannot give a small count away."""

    primary: bool

    @property
    def text(self) -> str:
        return FEWER_THAN if self.primary else NOT_SHOWN


SMALL = Hidden(primary=True)
PARTNER = Hidden(primary=False)

Shown = int | Hidden  # what a report prints in place of a count


def is_small(count: int) -> bool:
    """True for the counts that must not be printed (1 to THRESHOLD - 1)."""
    return 0 < count < THRESHOLD


def shown(count: int) -> Shown:
    """One count on its own (no total to protect it from): itself, or SMALL."""
    return SMALL if is_small(count) else count


def protect(values: Sequence[int], equations: Sequence[tuple[Sequence[int], int | None]],
            hidden: set[int] | None = None) -> dict[int, Hidden]:
    """The general rule over a flat list of counts.

    `values[i]` is one printed count; each equation is (indexes of the parts,
    index of their total or None when the total is known but not in `values`, e.g.
    printed elsewhere). `hidden`: indexes already hidden for another reason.
    Returns {index: Hidden} for every count that must not be printed.
    """
    result: dict[int, Hidden] = {i: SMALL for i, v in enumerate(values) if is_small(v)}
    for i in hidden or ():
        result.setdefault(i, PARTNER)
    changed = True
    while changed:
        changed = False
        for parts, total in equations:
            members = [*parts, *([] if total is None else [total])]
            hidden_members = [i for i in members if i in result]
            if len(hidden_members) != 1:
                continue
            partner = _partner(values, parts, total, result)
            if partner is None:
                continue  # a one-cell equation whose total is printed elsewhere: nothing to hide
            result[partner] = PARTNER
            changed = True
    return result


def _partner(values: Sequence[int], parts: Sequence[int], total: int | None,
             hidden: dict[int, Hidden]) -> int | None:
    candidates = [i for i in parts if i not in hidden]
    non_zero = [i for i in candidates if values[i] > 0]
    pool = non_zero or candidates
    if pool:
        return min(pool, key=lambda i: (values[i], i))
    return total if total is not None and total not in hidden else None


def suppress_line(counts: Sequence[int], *, total: int | None = None,
                  total_printed: bool = True) -> tuple[list[Shown], Shown | None]:
    """One row or column of counts and its total.

    `total`: the total as printed (defaults to the sum; pass a distinct count when
    the total is not a sum). `total_printed`: False when no total appears anywhere
    in the report (then only primary suppression applies). Returns (cells, total)
    with hidden members replaced; the total is None when not printed.
    """
    values = list(counts)
    if not total_printed:
        return [shown(v) for v in values], None
    values.append(sum(counts) if total is None else total)
    hidden = protect(values, [(range(len(counts)), len(counts))])
    out: list[Shown] = [hidden.get(i, v) for i, v in enumerate(values)]
    return out[:-1], out[-1]


@dataclass(frozen=True)
class SuppressedGrid:
    """A grid of counts as it may be printed, with its totals (None: not printed)."""

    cells: list[list[Shown]]
    row_totals: list[Shown] | None
    column_totals: list[Shown] | None
    grand_total: Shown | None


def suppress_grid(grid: Sequence[Sequence[int]], *, row_totals: bool = True,
                  column_totals: bool = True,
                  grand_total: int | None = None) -> SuppressedGrid:
    """A table of counts (rows × columns, all rows the same length) with the totals
    that will be printed beside it (row totals in a last column, column totals in a
    last row, and the grand total when both are printed; `grand_total` overrides the
    sum of the cells when it is a distinct count)."""
    rows = [list(r) for r in grid]
    width = len(rows[0]) if rows else 0
    if any(len(r) != width for r in rows):
        raise ValueError("every row of the grid must have the same number of cells")
    n = len(rows)
    values = [v for r in rows for v in r]

    def cell(r: int, c: int) -> int:
        return r * width + c

    equations: list[tuple[Sequence[int], int | None]] = []
    row_at = col_at = grand_at = None
    if row_totals:
        row_at = len(values)
        values += [sum(r) for r in rows]
        equations += [([cell(r, c) for c in range(width)], row_at + r) for r in range(n)]
    if column_totals:
        col_at = len(values)
        values += [sum(r[c] for r in rows) for c in range(width)]
        equations += [([cell(r, c) for r in range(n)], col_at + c) for c in range(width)]
    if row_totals and column_totals:
        grand_at = len(values)
        values.append(sum(values[: n * width]) if grand_total is None else grand_total)
        equations.append(([row_at + r for r in range(n)], grand_at))
        equations.append(([col_at + c for c in range(width)], grand_at))
    hidden = protect(values, equations)

    def out(i: int) -> Shown:
        return hidden.get(i, values[i])

    return SuppressedGrid(
        cells=[[out(cell(r, c)) for c in range(width)] for r in range(n)],
        row_totals=[out(row_at + r) for r in range(n)] if row_at is not None else None,
        column_totals=[out(col_at + c) for c in range(width)] if col_at is not None else None,
        grand_total=out(grand_at) if grand_at is not None else None,
    )


def shown_text(value: Shown, fmt=lambda n: f"{n:,}") -> str:
    """The text printed for a count (formatted) or for a hidden one."""
    return value.text if isinstance(value, Hidden) else fmt(value)
