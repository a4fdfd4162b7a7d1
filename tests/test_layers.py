"""Layers point one way: ui -> services -> domain. Nothing below ui/ imports Qt."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mentordesk"
QT_ALLOWED = {"ui"}
# importing/ and exporting/ are pure functions of plain data (readers, writers);
# services/ orchestrate them inside transactions, so they sit between domain and services.
LAYERS = {"domain": 0, "importing": 1, "exporting": 1, "services": 2, "ui": 3}


def _imports(path: Path) -> list[tuple[str, int]]:
    """Absolute module names imported by a file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["mentordesk", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, node.lineno))
            found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _python_files():
    return sorted(PACKAGE.rglob("*.py"))


def test_the_rule_sees_the_package():
    assert len(_python_files()) > 20


def test_no_qt_below_ui():
    leaks = []
    for path in _python_files():
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in QT_ALLOWED:
            continue
        for module, line in _imports(path):
            if module.split(".")[0] in ("PySide6", "shiboken6", "PyQt6", "PyQt5"):
                leaks.append(f"{rel}:{line} imports {module}")
    assert leaks == []


def test_layers_point_one_way():
    wrong = []
    for path in _python_files():
        rel = path.relative_to(PACKAGE)
        own = LAYERS.get(rel.parts[0])
        if own is None:
            continue
        for module, line in _imports(path):
            parts = module.split(".")
            if parts[0] != "mentordesk" or len(parts) < 2:
                continue
            target = LAYERS.get(parts[1])
            if target is not None and target > own:
                wrong.append(f"{rel}:{line} imports {module}")
            if own <= LAYERS["exporting"] and parts[1] in ("cli", "app"):
                wrong.append(f"{rel}:{line} imports {module}")
            if own == LAYERS["domain"] and parts[1] == "db":
                wrong.append(f"{rel}:{line} imports {module}")
    assert wrong == []


def test_cli_paths_do_not_load_qt():
    code = (
        "import sys; from mentordesk.cli import run; "
        "rc = run(['check', '--db', sys.argv[1]]); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; print(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "/nonexistent/x.sqlite"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"


def test_the_window_loads_no_file_format_library_until_it_is_used():
    """Start-up time: openpyxl, reportlab, pypdfium2 and Alembic load on first use."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'; "
        "import mentordesk.services.container, mentordesk.ui.main_window; "
        "print(sorted(m for m in ('openpyxl', 'reportlab', 'pypdfium2', 'alembic') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
