"""The desktop on the large database: cold start, the Sessions list, memory."""

from __future__ import annotations

from pathlib import Path

from .harness import Result, in_child, median

START_RATIO = 1.5
FIRST_PAINT_S, KEYSTROKE_S, STALL_S = 0.100, 0.050, 0.100
MEMORY_MB = 300


def cold_start(db: Path, repeat: int) -> Result:
    ours, bare = [], []
    for warm_up in ("startup_mentordesk", "startup_bare"):  # bytecode and file cache
        in_child(f"benchmarks.qt_children:{warm_up}", str(db))
    for _ in range(repeat):
        ours.append(in_child("benchmarks.qt_children:startup_mentordesk", str(db))["wall_s"])
        bare.append(in_child("benchmarks.qt_children:startup_bare", str(db))["wall_s"])
    return Result("cold start to a usable main window (subprocess)", ours=median(ours),
                  baseline=median(bare), target_ratio=START_RATIO, runs=repeat,
                  samples={"ours": ours, "baseline": bare},
                  note="baseline: bare PySide6 window with a table")


def sessions_list(db: Path, repeat: int) -> list[Result]:
    ours = in_child("benchmarks.qt_children:sessions_list", str(db), str(repeat))
    bare = in_child("benchmarks.qt_children:sessions_bare", str(db), str(repeat))
    return [
        Result("sessions list: first paint (150,000 sessions)",
               ours=median(ours["first_paint"]), baseline=median(bare["first_paint"]),
               limit_s=FIRST_PAINT_S, runs=repeat,
               samples={"ours": ours["first_paint"], "baseline": bare["first_paint"]},
               note="baseline: bare QTableView over a list model of every row"),
        Result("sessions list: filter per keystroke", ours=median(ours["keystroke"]),
               baseline=median(bare["keystroke"]), limit_s=KEYSTROKE_S,
               runs=len(ours["keystroke"]),
               samples={"ours": ours["keystroke"], "baseline": bare["keystroke"]},
               note="baseline: QSortFilterProxyModel.setFilterFixedString"),
        Result("sessions list: longest GUI-thread stall", ours=max(ours["stall"]),
               limit_s=STALL_S, runs=repeat, samples={"ours": ours["stall"]}),
    ]


def memory(db: Path) -> Result:
    out = in_child("benchmarks.qt_children:memory_open", str(db))
    return Result("memory with the large database open (every page visited)",
                  peak_mb=out["peak_mb"], limit_mb=MEMORY_MB, runs=1)


def run(data: dict[str, Path], repeat: int) -> list[Result]:
    db = data["large"]
    return [cold_start(db, repeat), *sessions_list(db, repeat), memory(db)]
