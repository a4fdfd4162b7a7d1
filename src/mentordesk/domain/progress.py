"""Progress out, cancellation in: what long work (import, export, reports,
backups) accepts, without knowing about Qt. The GUI's TaskControl
(ui/tasks.py) satisfies the protocol; the CLI passes `SILENT` or its own."""

from __future__ import annotations

from typing import Protocol

from .errors import MentorDeskError


class Cancelled(MentorDeskError):
    """Raised by Progress.check() when the user pressed Cancel."""

    def __init__(self) -> None:
        super().__init__("Cancelled; nothing was changed.")


class Progress(Protocol):
    def progress(self, done: int, total: int, text: str = "") -> None: ...

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop."""


class _Silent:
    def progress(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass


SILENT: Progress = _Silent()
