"""Ratio benchmarks: each MentorDesk operation beside its raw-library baseline.

Run `uv run python -m benchmarks` (see README); not part of the test command.
"""
