"""Run every benchmark and write benchmarks/RESULTS.md.

    uv run python -m benchmarks [--repeat N] [--only NAME ...] [--work DIR] [--profile]

NAME is one of: demo, desktop, import, export, report. Without --work the
databases are built in a temporary folder and removed afterwards. --profile also
runs each MentorDesk operation once more under pyinstrument and writes its call
tree to benchmarks/profiles/NAME.txt (untimed; the figures are unchanged).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from .harness import PROFILE_ENV, PROFILING, Result

HERE = Path(__file__).resolve().parent
SUITES = ("demo", "desktop", "import", "export", "report")


def machine() -> str:
    import PySide6
    import sqlalchemy

    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLAlchemy {sqlalchemy.__version__}, PySide6 {PySide6.__version__}"
    )


def _fmt_s(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _target(r: Result) -> str:
    parts = []
    if r.target_ratio is not None:
        parts.append(f"≤ {r.target_ratio:g}×")
    if r.limit_s is not None:
        parts.append(f"< {_fmt_s(r.limit_s)}")
    if r.limit_mb is not None:
        parts.append(f"< {r.limit_mb:g} MB")
    return ", ".join(parts)


def table(results: list[Result]) -> str:
    lines = [
        "| measurement | MentorDesk | baseline | ratio | peak memory | target | verdict |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        peak = f"{r.peak_mb:.0f} MB" if r.peak_mb is not None else ""
        name = r.name + (f" ({r.note})" if r.note else "")
        lines.append(
            f"| {name} | {_fmt_s(r.ours)} | {_fmt_s(r.baseline)} | {ratio} | {peak} | "
            f"{_target(r)} | {r.verdict} |"
        )
    return "\n".join(lines)


def write_results(results: list[Result], elapsed: float, repeat: int) -> Path:
    profiling = PROFILING["seconds"]
    took = f"the whole run took {(elapsed - profiling) / 60:.1f} minutes"
    if profiling:
        took += (f" (and {profiling / 60:.1f} more profiling each MentorDesk operation into "
                 "`benchmarks/profiles/`)")
    text = (
        "# Benchmark results\n\n"
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {machine()}.\n"
        f"Medians of {repeat} alternating runs unless the row says otherwise; {took}. "
        "Regenerate with `uv run python -m benchmarks [--profile]`.\n\n"
        f"{table(results)}\n"
    )
    path = HERE / "RESULTS.md"
    path.write_text(text, encoding="utf-8")
    (HERE / "results.json").write_text(
        json.dumps([r.as_dict() for r in results], indent=1), encoding="utf-8"
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=SUITES)
    parser.add_argument("--work", type=Path, help="keep the databases in this folder")
    parser.add_argument("--profile", action="store_true",
                        help="also profile each MentorDesk side once (pyinstrument) into "
                             "benchmarks/profiles/")
    args = parser.parse_args(argv)
    if args.profile:
        os.environ[PROFILE_ENV] = str(HERE / "profiles")
    work = args.work or Path(tempfile.mkdtemp(prefix="mentordesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    chosen = args.only or list(SUITES)
    started = time.perf_counter()
    results: list[Result] = []
    try:
        from . import bench_demo

        demo_results, data = bench_demo.run(work, args.repeat)
        if "demo" in chosen:
            results += demo_results
        for name in chosen:
            if name == "demo":
                continue
            module = importlib.import_module(f".bench_{name}", __package__)
            print(f"… {name}", file=sys.stderr, flush=True)
            results += module.run(data, args.repeat)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    path = write_results(results, elapsed, args.repeat)
    print(table(results))
    print(f"\nWritten to {path} in {elapsed / 60:.1f} minutes "
          f"({PROFILING['seconds'] / 60:.1f} of them profiling).")
    return 0 if all(r.verdict in ("met", "measured") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
