"""Paths to tests/data/ and the tables behind its files, for the reading tests."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = DATA / "hostile"



def _load(name: str):
    """Import tests/data/NAME.py without leaving a __pycache__ there (.gitignore
    keeps everything under tests/data)."""
    spec = importlib.util.spec_from_file_location(f"mentordesk_test_{name}", DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    before, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = before
    return module


sources = _load("sources")  # the tables behind the files
hostile_bytes = _load("hostile_bytes")  # builders of hostile files


def one_sentence(message: str) -> bool:
    """One line, ending with a full stop, no second sentence starting after it."""
    return ("\n" not in message and message.endswith(".")
            and re.search(r"[.!?] +[A-Z]", message) is None and "Traceback" not in message)
