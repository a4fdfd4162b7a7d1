"""The board report's table of volunteers by sponsor and branch, small counts suppressed.

Why here and nowhere else in the board report: a company's branch with one or two
volunteers names them to anyone who works there, and the board report travels
(funders, annual reports). So every count of this table -- volunteers, active
in the period, not active -- goes through privacy.py: counts from 1 to 4 print
as "fewer than 5", and where a total would give one away a second count is
withheld. The equations protected are each row (active + not active =
volunteers), each company's branches against the company's row, and the
companies against the total. The other breakdowns of the board report
(closures, screening, survival, contacts) cover the whole programme and are not
broken down by company, branch or anything else that narrows to a person; they
print exact counts, as the board needs them for oversight.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from ..privacy import Hidden, Shown, protect
from .document import SHADE
from .fonts import BOLD
from .tables import Column, figure_table

COLUMNS = (Column("Company and branch", 3.4), Column("Volunteers", 1, True),
           Column("Active in the period", 1.2, True), Column("Not active", 1, True))
INDENT = "\u00a0" * 4


def suppressed_rows(sponsors: Sequence[Any], on_record: int,
                    active: int) -> tuple[list[list[Any]], list[Any], list[int]]:
    """(rows, total row, indexes of the company rows): a company row followed by its
    branch rows, each [name, volunteers, active, not active] with hidden counts
    replaced by privacy.Hidden."""
    values: list[int] = []
    equations: list[tuple[list[int], int | None]] = []

    def triple(volunteers: int, act: int) -> tuple[int, int, int]:
        at = len(values)
        values.extend((volunteers, act, volunteers - act))
        equations.append(([at + 1, at + 2], at))
        return at, at + 1, at + 2

    names: list[tuple[str, bool]] = []
    slots: list[tuple[int, int, int]] = []
    company_slots = []
    for sponsor in sponsors:
        top = triple(sponsor.volunteers, sponsor.active)
        names.append((sponsor.name, True))
        slots.append(top)
        company_slots.append(top)
        branch_slots = []
        for branch in sponsor.branches:
            branch_slots.append(triple(branch.volunteers, branch.active))
            names.append((INDENT + branch.name, False))
            slots.append(branch_slots[-1])
        if branch_slots:
            equations += [([b[k] for b in branch_slots], top[k]) for k in range(3)]
    total = triple(on_record, active)
    equations += [([c[k] for c in company_slots], total[k]) for k in range(3)]
    hidden = protect(values, equations)

    def cells(slot: tuple[int, int, int]) -> list[Shown]:
        return [hidden.get(i, values[i]) for i in slot]

    rows = [[name, *cells(slot)] for (name, _), slot in zip(names, slots, strict=True)]
    companies = [i for i, (_, top) in enumerate(names) if top]
    return rows, ["All volunteers on record", *cells(total)], companies


def sponsor_table(sponsors: Sequence[Any], on_record: int, active: int, *,
                  width: float) -> Table:
    """The table, company rows shaded with bold figures, branches indented under them."""
    rows, total, companies = suppressed_rows(sponsors, on_record, active)
    table = figure_table(COLUMNS, rows, width=width, total=total)
    commands: list[tuple] = []
    for i, row in enumerate(rows):
        r = i + 1  # the header is row 0
        if i not in companies:  # instead of the zebra: the shading marks the companies
            commands.append(("BACKGROUND", (0, r), (-1, r), colors.white))
            continue
        commands.append(("BACKGROUND", (0, r), (-1, r), SHADE))
        commands += [("FONT", (c, r), (c, r), BOLD, 8.5)
                     for c, value in enumerate(row) if c and not isinstance(value, Hidden)]
    table.setStyle(TableStyle(commands))
    return table
