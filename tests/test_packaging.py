"""Packaging: the PyInstaller spec names files that exist (fast, every run), and the
frozen build really works (slow: packaging/build && packaging/smoke, ~90 s, run only
with MENTORDESK_PACKAGING=1 because it writes build/ and dist/ and takes 2 cores)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentordesk import cli

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "mentordesk.spec"
PACKAGE = ROOT / "src" / "mentordesk"


def _spec_value(name: str):
    """The value of a top-level assignment in the spec, evaluated with the spec's paths."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            code = compile(ast.Expression(node.value), str(SPEC), "eval")
            return eval(code, {"PACKAGE": PACKAGE, "ROOT": ROOT, "str": str})
    raise AssertionError(f"{name} is not assigned in {SPEC.name}")


def test_spec_datas_name_existing_folders_with_the_files_the_app_loads():
    datas = _spec_value("DATAS")
    sources = {Path(source) for source, _dest in datas}
    for source, dest in datas:
        assert Path(source).is_dir(), source
        # the bundle mirrors the package, so Path(__file__)-relative look-ups still work
        assert Path(source).relative_to(PACKAGE.parent).as_posix() == dest
    assert PACKAGE / "migrations" in sources
    assert (PACKAGE / "migrations" / "env.py").is_file()
    assert list((PACKAGE / "migrations" / "versions").glob("0001_*.py"))
    assert PACKAGE / "assets" / "fonts" in sources
    assert (PACKAGE / "assets" / "fonts" / "NotoSans-Regular.ttf").is_file()
    assert PACKAGE / "assets" / "guide" in sources
    assert (PACKAGE / "assets" / "guide" / "user-guide.md").is_file()


def test_spec_hidden_imports_include_every_cli_plugin():
    hidden = set(_spec_value("HIDDEN"))
    assert {f"mentordesk.{name}" for name in cli.PLUGINS} <= hidden


def test_entry_script_and_scripts_exist():
    assert (ROOT / "packaging" / "mentordesk_entry.py").is_file()
    for script in ("build", "smoke"):
        path = ROOT / "packaging" / script
        assert path.is_file() and os.access(path, os.X_OK), script


def test_installer_inputs_exist_and_the_windows_version_has_four_numbers():
    for name in ("mentordesk.ico", "mentordesk.icns", "mentordesk.svg"):
        assert (ROOT / "resources" / name).is_file(), name
    iss = (ROOT / "packaging" / "windows" / "mentordesk.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss and "dist\\MentorDesk\\*" in iss
    sys.path.insert(0, str(ROOT / "packaging" / "windows"))
    try:
        from version_info import numeric_version
    finally:
        sys.path.remove(str(ROOT / "packaging" / "windows"))
    assert numeric_version("0.1.0") == (0, 1, 0, 0)
    assert numeric_version("2.10.3rc1+g12ab") == (2, 10, 3, 0)
    assert numeric_version("1.2rc1") == (1, 2, 0, 0)
    assert numeric_version("7") == (7, 0, 0, 0)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("MENTORDESK_PACKAGING") != "1",
                    reason="builds the frozen bundle (~90 s); set MENTORDESK_PACKAGING=1")
@pytest.mark.skipif(shutil.which("bash") is None or sys.platform == "win32",
                    reason="the packaging scripts are bash (on Windows CI they run in Git Bash)")
def test_frozen_build_passes_the_smoke_test():
    for script in ("build", "smoke"):
        done = subprocess.run(["bash", str(ROOT / "packaging" / script)], cwd=ROOT,
                              capture_output=True, text=True, timeout=900, check=False)
        assert done.returncode == 0, f"packaging/{script} failed:\n{done.stdout}\n{done.stderr}"
    assert "smoke: all steps passed" in done.stdout
