"""UI state only (window geometry, table headers, last page, list filters, recent
databases), behind one small wrapper.

Programme rules and organisation settings live in the database (SettingsService);
this file remembers how the coordinator left the window. Tests pass a temporary
ini file so nothing touches the user's real settings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

RECENT_LIMIT = 8


class UiSettings:
    def __init__(self, store: QSettings | str | Path | None = None):
        if isinstance(store, QSettings):
            self._qs = store
        elif store is not None:
            self._qs = QSettings(str(store), QSettings.Format.IniFormat)
        else:  # the platform's place for this application (name set by ui/app.py)
            self._qs = QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._qs

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, (bytes, bytearray)) and value:
            return QByteArray(bytes(value))
        return None

    def _text(self, key: str) -> str | None:
        value = self._qs.value(key)
        return value if isinstance(value, str) and value else None

    # --- main window ------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, state: QByteArray) -> None:
        self._qs.setValue("window/state", state)

    def last_page(self) -> str | None:
        return self._text("window/lastPage")

    def set_last_page(self, key: str) -> None:
        self._qs.setValue("window/lastPage", key)

    # --- tables -------------------------------------------------------------------

    def header_state(self, table: str, columns: tuple[str, ...]) -> QByteArray | None:
        """The saved header of `table`, only if it was saved for these same columns."""
        if self._text(f"tables/{table}/columns") != ",".join(columns):
            return None
        return self._bytes(f"tables/{table}/header")

    def set_header_state(self, table: str, columns: tuple[str, ...], state: QByteArray) -> None:
        self._qs.setValue(f"tables/{table}/columns", ",".join(columns))
        self._qs.setValue(f"tables/{table}/header", state)

    def clear_header_state(self, table: str) -> None:
        self._qs.remove(f"tables/{table}")

    # --- list filters -------------------------------------------------------------

    def list_filters(self, page: str) -> dict[str, Any]:
        """The filter choices a list page was left with ({} when none or unreadable)."""
        try:
            value = json.loads(self._text(f"filters/{page}") or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def set_list_filters(self, page: str, state: dict[str, Any]) -> None:
        self._qs.setValue(f"filters/{page}", json.dumps(state, sort_keys=True))

    # --- recent databases ---------------------------------------------------------

    def recent_databases(self) -> list[str]:
        """Files (and URLs, without passwords) opened lately, the latest first."""
        try:
            value = json.loads(self._text("recent/databases") or "[]")
        except ValueError:
            return []
        return [v for v in value if isinstance(v, str) and v][:RECENT_LIMIT] \
            if isinstance(value, list) else []

    def add_recent_database(self, target: str) -> None:
        recent = [target, *(t for t in self.recent_databases() if t != target)]
        self._set_recent(recent[:RECENT_LIMIT])

    def remove_recent_database(self, target: str) -> None:
        self._set_recent([t for t in self.recent_databases() if t != target])

    def clear_recent_databases(self) -> None:
        self._set_recent([])

    def _set_recent(self, targets: list[str]) -> None:
        self._qs.setValue("recent/databases", json.dumps(targets))

    def sync(self) -> None:
        self._qs.sync()
