"""Children without Qt: building demo databases of a given size."""

from __future__ import annotations

import time

from mentordesk.db import open_database
from mentordesk.services.demo import build_demo


def build(db_path: str, size: str) -> dict:
    db = open_database(db_path, create=True)
    try:
        started = time.perf_counter()
        summary = build_demo(db, size, seed=1)
        return {"seconds": time.perf_counter() - started, "sessions": summary.counts["session"]}
    finally:
        db.dispose()
