"""Which versions of a record this app's own undoable commands made.

An undo or redo writes only over the version its command last saw (optimistic
locking), so a change someone else made in between is never overwritten. But
the versions our own later commands made -- an archive and its undo, a second
edit and its undo -- are not someone else's: an undo may skip over them. Each
command step that knows the version it took a record from and to says so here;
`latest(..., mine)` follows those steps on from `mine` and stops at the first
version some other hand made.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

Key = tuple[str, int]


def _owner(service: Any) -> Any:
    """The database a service (or an adapter of bound service methods) writes to."""
    for name in ("db", "update", "archive"):
        found = getattr(service, name, None)
        if name == "db" and found is not None:
            return found
        db = getattr(getattr(found, "__self__", None), "db", None)
        if db is not None:
            return db
    return service


class VersionSteps:
    def __init__(self) -> None:
        # database -> (what, record id) -> {version before: version after}
        self._steps: WeakKeyDictionary[Any, dict[Key, dict[int, int]]] = WeakKeyDictionary()

    @staticmethod
    def _key(service: Any, record_id: int) -> Key:
        return (getattr(service, "what", type(service).__name__), record_id)

    def record(self, service: Any, record_id: int, before: int | None, after: int | None) -> None:
        if before is None or after is None or before == after:
            return
        steps = self._steps.setdefault(_owner(service), {})
        steps.setdefault(self._key(service, record_id), {})[before] = after

    def latest(self, service: Any, record_id: int, mine: int | None) -> int | None:
        """The version our own steps lead to from `mine` (versions only grow)."""
        if mine is None:
            return None
        forward = self._steps.get(_owner(service), {}).get(self._key(service, record_id), {})
        version = mine
        while version in forward:
            version = forward[version]
        return version


STEPS = VersionSteps()
