"""MentorDesk: a desktop application for volunteer mentoring programmes."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mentordesk")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"
