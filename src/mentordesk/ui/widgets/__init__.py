"""Reusable widgets drawn for MentorDesk (charts, figure tiles)."""
