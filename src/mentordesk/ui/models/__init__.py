"""Qt table models over the plain rows the services return."""

from .columns import Column
from .proxy import RecordFilterProxy
from .records import RecordTableModel, RowRole, SearchRole, SortRole

__all__ = ["Column", "RecordFilterProxy", "RecordTableModel", "RowRole", "SearchRole", "SortRole"]
