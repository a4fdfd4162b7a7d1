"""The demo's sizes, its summary and cancel error, and the limits every stage shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...domain.errors import MentorDeskError


class DemoCancelled(MentorDeskError):
    """The coordinator cancelled the demo build; nothing was written."""


@dataclass(frozen=True)
class DemoSize:
    """How much to generate. Sessions land within 5% of `target_sessions`."""

    volunteers: int
    youth: int
    matches: int
    sponsors: int
    branches: int
    target_sessions: int
    programmes: int = 3
    circles: int = 3
    # A pre-match training is held every this many days.
    training_every_days: int = 28
    # Share of today's mentors who were already mentoring two years ago.
    veteran_share: float = 0.6


SIZES: dict[str, DemoSize] = {
    "small": DemoSize(
        volunteers=60, youth=55, matches=60, sponsors=4, branches=12,
        target_sessions=3_000, programmes=3, circles=3, training_every_days=28,
        veteran_share=0.35,
    ),
    "large": DemoSize(
        volunteers=2_000, youth=2_000, matches=3_000, sponsors=40, branches=200,
        target_sessions=150_000, programmes=10, circles=12, training_every_days=14,
        veteran_share=0.8,
    ),
    # Ten times a large agency: what DESIGN.md says must still work (the benchmarks
    # build it to show that costs grow linearly). Ten programmes, like "large".
    "x10": DemoSize(
        volunteers=20_000, youth=20_000, matches=30_000, sponsors=400, branches=2_000,
        target_sessions=1_500_000, programmes=10, circles=120, training_every_days=14,
        veteran_share=0.8,
    ),
}


@dataclass
class DemoSummary:
    size: str
    seed: int
    as_of: date
    counts: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# The tables build_demo fills, in insertion order (the keys of DemoSummary.counts).
TABLES = (
    "programme", "sponsor", "branch", "volunteer", "employment", "screening_check",
    "youth", "match", "session", "support_contact", "learning_circle",
    "circle_member", "event", "attendance", "audit_entry",
)

CHUNK_ROWS = 20_000
HISTORY_DAYS = 730          # two years of sessions, contacts and events
LEGACY_DAYS = 540           # the oldest running matches began this long before that
