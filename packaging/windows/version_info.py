"""The Windows version resource of mentordesk.exe, written from the package version
(the spec calls write_version_file on Windows; PyInstaller's EXE(version=...) reads it)."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple}, prodvers={tuple}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'MentorDesk developers'),
      StringStruct('FileDescription', '{name}'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'mentordesk'),
      StringStruct('LegalCopyright', 'MentorDesk developers'),
      StringStruct('OriginalFilename', 'mentordesk.exe'),
      StringStruct('ProductName', '{name}'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """'1.2.3rc1' -> (1, 2, 3, 0): Windows wants four numbers."""
    release = re.match(r"\d+(?:\.\d+)*", version)  # the release segment of PEP 440
    numbers = [int(n) for n in release.group().split(".")[:3]] if release else []
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def write_version_file(path: Path, version: str, name: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(tuple=numeric_version(version), version=version,
                                    name=name), encoding="utf-8")
    return path
