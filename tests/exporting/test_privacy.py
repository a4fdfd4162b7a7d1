"""Small-count suppression: primary (1-4) and complementary (a total must not give
a hidden count away), on lines, grids and general equations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentordesk.exporting.privacy import (
    FEWER_THAN,
    NOT_SHOWN,
    PARTNER,
    SMALL,
    Hidden,
    is_small,
    protect,
    shown,
    shown_text,
    suppress_grid,
    suppress_line,
)


def test_only_counts_from_one_to_four_are_small():
    assert [is_small(n) for n in range(7)] == [False, True, True, True, True, False, False]
    assert shown(0) == 0 and shown(5) == 5 and shown(1234) == 1234
    assert shown(4) is SMALL and shown(1) is SMALL
    assert SMALL.text == FEWER_THAN == "fewer than 5"
    assert PARTNER.text == NOT_SHOWN == "not shown"
    assert shown_text(SMALL) == "fewer than 5"
    assert shown_text(12345) == "12,345"
    assert shown_text(7, lambda n: f"{n} h") == "7 h"


def test_a_line_without_small_counts_is_printed_as_is():
    cells, total = suppress_line([10, 0, 25])
    assert cells == [10, 0, 25] and total == 35


def test_one_small_count_takes_the_smallest_non_zero_partner_with_it():
    cells, total = suppress_line([30, 3, 0, 8, 12])
    assert cells == [30, SMALL, 0, PARTNER, 12]
    assert total == 53


def test_ties_between_partners_go_to_the_first():
    cells, _ = suppress_line([9, 2, 9])
    assert cells == [PARTNER, SMALL, 9]


def test_two_small_counts_protect_each_other():
    cells, total = suppress_line([2, 40, 3])
    assert cells == [SMALL, 40, SMALL] and total == 45


def test_a_zero_partner_is_used_only_when_nothing_else_is_left():
    cells, total = suppress_line([3, 0], total=8)
    assert cells == [SMALL, PARTNER] and total == 8


def test_a_single_cell_line_hides_its_total():
    cells, total = suppress_line([3], total=7)
    assert cells == [SMALL] and total is PARTNER


def test_a_small_total_is_hidden_and_then_needs_a_partner():
    # 1 + 2 = 3: all three small
    cells, total = suppress_line([1, 2])
    assert cells == [SMALL, SMALL] and total is SMALL
    # total 4 with parts 4 and 0: the total and the part are small, two hidden: safe
    cells, total = suppress_line([4, 0])
    assert cells == [SMALL, 0] and total is SMALL


def test_a_distinct_total_is_protected_as_if_it_were_a_sum():
    # 9 volunteers in all; one of them worked at both branches (5 + 5 = 10 != 9)
    cells, total = suppress_line([5, 2, 3], total=9)
    assert cells == [5, SMALL, SMALL] and total == 9
    cells, total = suppress_line([6, 2, 6], total=13)
    assert cells == [PARTNER, SMALL, 6] and total == 13


def test_without_a_printed_total_only_small_counts_are_hidden():
    cells, total = suppress_line([6, 2, 6], total_printed=False)
    assert cells == [6, SMALL, 6] and total is None


def test_a_grid_gives_partners_in_rows_and_columns():
    grid = [[20, 3, 15],
            [12, 9, 30],
            [25, 14, 40]]
    out = suppress_grid(grid)
    # the 3 is small; its row partner is the 15, which leaves column 2 with one
    # hidden cell, so the column gets a partner (the 30), and so on until every
    # row and column with a hidden cell has at least two
    assert out.cells[0][1] is SMALL
    for r in range(3):
        hidden = [c for c in out.cells[r] + [out.row_totals[r]] if isinstance(c, Hidden)]
        assert len(hidden) != 1
    for c in range(3):
        column = [out.cells[r][c] for r in range(3)] + [out.column_totals[c]]
        assert len([x for x in column if isinstance(x, Hidden)]) != 1
    assert out.grand_total == sum(map(sum, grid))


def test_a_grid_without_totals_only_hides_small_counts():
    out = suppress_grid([[3, 10], [10, 10]], row_totals=False, column_totals=False)
    assert out.cells == [[SMALL, 10], [10, 10]]
    assert out.row_totals is None and out.column_totals is None and out.grand_total is None


def test_a_grid_with_row_totals_only():
    out = suppress_grid([[3, 10, 7], [10, 10, 10]], column_totals=False)
    assert out.cells == [[SMALL, 10, PARTNER], [10, 10, 10]]
    assert out.row_totals == [20, 30] and out.column_totals is None


def test_grid_rows_must_have_the_same_length():
    with pytest.raises(ValueError):
        suppress_grid([[1, 2], [3]])


def test_protect_with_a_total_printed_elsewhere():
    # parts 0 and 1 add up to a total printed in another table (index None)
    hidden = protect([3, 40, 7], [([0, 1], None)])
    assert hidden == {0: SMALL, 1: PARTNER}
    # a one-part equation cannot be protected inside the table: nothing more to hide
    assert protect([3], [([0], None)]) == {0: SMALL}
    assert protect([10, 20], [([0, 1], None)], hidden={1}) == {1: PARTNER, 0: PARTNER}


def _check_rule(values, equations, hidden):
    for i, v in enumerate(values):
        if is_small(v):
            assert hidden[i] is SMALL
        elif i in hidden:
            assert hidden[i] is PARTNER
    for parts, total in equations:
        members = list(parts) + ([] if total is None else [total])
        n_hidden = sum(1 for i in members if i in hidden)
        if total is not None or len(parts) > 1:
            assert n_hidden != 1, (values, parts, total, hidden)


counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=1, max_size=12))
def test_no_line_ever_reveals_a_hidden_count(line):
    cells, total = suppress_line(line)
    values = [*line, sum(line)]
    hidden = {i: v for i, v in enumerate([*cells, total]) if isinstance(v, Hidden)}
    _check_rule(values, [(range(len(line)), len(line))], hidden)
    # what is printed is the count itself
    assert all(c == v for c, v in zip([*cells, total], values, strict=True)
               if not isinstance(c, Hidden))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5).flatmap(
    lambda w: st.lists(st.lists(counts, min_size=w, max_size=w), min_size=1, max_size=6)))
def test_no_row_or_column_of_a_grid_reveals_a_hidden_count(grid):
    out = suppress_grid(grid)
    n, w = len(grid), len(grid[0])
    for r in range(n):
        line = out.cells[r] + [out.row_totals[r]]
        assert sum(isinstance(x, Hidden) for x in line) != 1
    for c in range(w):
        line = [out.cells[r][c] for r in range(n)] + [out.column_totals[c]]
        assert sum(isinstance(x, Hidden) for x in line) != 1
    for line in (out.row_totals + [out.grand_total], out.column_totals + [out.grand_total]):
        assert sum(isinstance(x, Hidden) for x in line) != 1
    for r in range(n):
        for c in range(w):
            if is_small(grid[r][c]):
                assert out.cells[r][c] is SMALL
            elif not isinstance(out.cells[r][c], Hidden):
                assert out.cells[r][c] == grid[r][c]
