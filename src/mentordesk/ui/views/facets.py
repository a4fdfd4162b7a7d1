"""What a list's rows offer to filter on, and the row test the filter bar's choices make.

The choices (which programmes, companies and branches appear) are gathered
from the rows in the worker that reads them; the test runs in the page's proxy.
Both are plain Python over the service rows: no query, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from .filter_bar import FilterBar, FilterChoice, overlaps

Pairs = Iterable[tuple[int, str]]
Predicate = Callable[[Any], bool]


def status_choices(statuses: Iterable[Enum], get=lambda row: row.status) -> list[FilterChoice]:
    return [
        FilterChoice(s.label, lambda row, s=s: get(row) == s)  # type: ignore[attr-defined]
        for s in statuses
    ]


def any_of(statuses: Iterable[Enum], get=lambda row: row.status) -> Predicate:
    wanted = frozenset(statuses)
    return lambda row: get(row) in wanted


@dataclass
class FacetChoices:
    programmes: set[tuple[int, str]] = field(default_factory=set)
    sponsors: set[tuple[int, str]] = field(default_factory=set)
    branches: set[tuple[int, str, int]] = field(default_factory=set)


@dataclass(frozen=True)
class Facets:
    """How to read a row's dates, programmes, companies and branches (None: not offered).

    dates(row) -> (first day, last day or None while it runs); the others return
    (id, name) pairs -- branches (id, name, company id) -- a row may have several.
    """

    date_label: str | None = None  # "Applied", "Referred", "Running": the date boxes' tips
    dates: Callable[[Any], tuple[date | None, date | None]] | None = None
    programmes: Callable[[Any], Pairs] | None = None
    sponsors: Callable[[Any], Pairs] | None = None
    branches: Callable[[Any], Iterable[tuple[int, str, int]]] | None = None

    def bar(self, key: str, show: list[FilterChoice | None], on_change: Callable[[], None],
            parent, today: Callable[[], date]) -> FilterBar:
        return FilterBar(key, show, on_change, parent, today=today,
                         dates=self.date_label if self.dates else None,
                         programmes=self.programmes is not None,
                         sponsors=self.sponsors is not None)

    def choices(self, rows: Iterable[Any]) -> FacetChoices:
        """Every programme, company and branch that some row has (run in the worker)."""
        found = FacetChoices()
        for row in rows:
            if self.programmes is not None:
                found.programmes.update(self.programmes(row))
            if self.sponsors is not None:
                found.sponsors.update(self.sponsors(row))
            if self.branches is not None:
                found.branches.update(self.branches(row))
        return found

    def predicate(self, bar: FilterBar) -> Predicate | None:
        """One test for the bar's choices (None: every row passes)."""
        choice = bar.choice()
        tests: list[Predicate] = [choice.accepts] if choice and choice.accepts else []
        start, end = bar.dates()
        if self.dates is not None and (start or end):
            dates = self.dates
            tests.append(lambda row: overlaps(dates(row), start, end))
        for get, chosen in ((self.programmes, bar.chosen("programme")),
                            (self.sponsors, bar.chosen("sponsor")),
                            (self.branches, bar.chosen("branch"))):
            if get is not None and chosen is not None:
                tests.append(lambda row, get=get, chosen=chosen:
                             any(pair[0] == chosen for pair in get(row)))
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda row: all(test(row) for test in tests)

