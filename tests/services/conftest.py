"""Fixtures of the services tests (the database fixtures are in tests/conftest.py)."""

import pytest

from .helpers import Make


@pytest.fixture
def make(services) -> Make:
    return Make(services)
