"""Demo data: the large database's build time, and that it grows linearly
(10x large takes about ten times as long, not a hundred)."""

from __future__ import annotations

from pathlib import Path

from .harness import Result, in_child, median, profiled_child

LINEAR_SLACK = 1.25  # 10x the data may cost at most 12.5x the time


def run(work: Path, repeat: int) -> tuple[list[Result], dict[str, Path]]:
    times, peak = [], 0.0
    large = work / "large.sqlite"
    for i in range(max(2, repeat // 2)):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{large}{suffix}").unlink(missing_ok=True)
        out = in_child("benchmarks.demo_children:build", str(large), "large")
        times.append(out["seconds"])
        peak = max(peak, out["peak_mb"] or 0)
    x10 = work / "x10.sqlite"
    out10 = in_child("benchmarks.demo_children:build", str(x10), "x10", timeout=1800)
    one = median(times)
    profiled_child("demo-build-large", "benchmarks.demo_children:build",
                   str(work / "profiled-large.sqlite"), "large")
    (work / "profiled-large.sqlite").unlink(missing_ok=True)
    results = [
        Result("demo: build large (2,000 volunteers, 150,000 sessions)", ours=one,
               peak_mb=peak, runs=len(times), samples={"ours": times}),
        Result("demo: 10x large vs 10 x large (linear growth)", ours=out10["seconds"],
               baseline=10 * one, target_ratio=LINEAR_SLACK, peak_mb=out10["peak_mb"], runs=1,
               note=f"{out10['sessions']:,} sessions"),
    ]
    return results, {"large": large, "x10": x10}
