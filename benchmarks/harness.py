"""The measuring kit: medians of side-by-side runs, peak memory in a child
process, and the verdict of each figure against its target.

Every benchmark runs the MentorDesk operation and its raw-library baseline in
the same run on the same data, alternating them so that a busy moment of the
machine hurts both alike, and reports the ratio of the medians.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The folder profiles go to (`python -m benchmarks --profile`); unset, nothing is profiled.
PROFILE_ENV = "MENTORDESK_BENCH_PROFILES"
PROFILING = {"seconds": 0.0}  # time spent profiling, left out of the run's own time


@dataclass
class Result:
    name: str
    ours: float | None = None  # median seconds of the MentorDesk operation
    baseline: float | None = None  # median seconds of the raw-library baseline
    target_ratio: float | None = None  # ours / baseline must stay at or below this
    limit_s: float | None = None  # ours must stay under this many seconds
    peak_mb: float | None = None  # peak resident memory of the MentorDesk side
    limit_mb: float | None = None
    runs: int = 0
    samples: dict[str, list[float]] = field(default_factory=dict)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    def misses(self) -> list[str]:
        found = []
        if self.target_ratio is not None and (self.ratio is None or self.ratio > self.target_ratio):
            found.append("ratio")
        if self.limit_s is not None and (self.ours is None or self.ours >= self.limit_s):
            found.append("time")
        if self.limit_mb is not None and (self.peak_mb is None or self.peak_mb >= self.limit_mb):
            found.append("memory")
        return found

    @property
    def verdict(self) -> str:
        misses = self.misses()
        if not (self.target_ratio or self.limit_s or self.limit_mb):
            return "measured"
        return "met" if not misses else "MISSED (" + ", ".join(misses) + ")"

    def as_dict(self) -> dict:
        return {
            "name": self.name, "ours_s": self.ours, "baseline_s": self.baseline,
            "ratio": self.ratio, "target_ratio": self.target_ratio, "limit_s": self.limit_s,
            "peak_mb": self.peak_mb, "limit_mb": self.limit_mb, "runs": self.runs,
            "verdict": self.verdict, "note": self.note, "samples": self.samples,
        }


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def side_by_side(
    ours: Callable[[], object], baseline: Callable[[], object], repeat: int,
    setup: Callable[[], object] | None = None, warmup: bool = True,
) -> tuple[list[float], list[float]]:
    """Alternate the two sides `repeat` times (after one untimed warm-up of
    each); `setup` runs untimed before every run (e.g. a fresh database)."""
    if warmup:
        for fn in (ours, baseline):
            if setup:
                setup()
            fn()
    a, b = [], []
    for _ in range(repeat):
        for fn, out in ((ours, a), (baseline, b)):
            if setup:
                setup()
            out.append(timed(fn))
    return a, b


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process so far (None where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def profile_path(name: str) -> Path | None:
    """Where the profile called `name` goes, or None when this run profiles nothing."""
    folder = os.environ.get(PROFILE_ENV)
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder) / f"{name}.txt"


def write_profile(profiler, path: Path, title: str) -> None:
    """pyinstrument's call tree as plain text (frames under 1% of the time left out)."""
    text = profiler.output_text(unicode=False, color=False)
    path.write_text(f"{title}\n{text}", encoding="utf-8")


def profiled(name: str, fn: Callable[[], object]) -> None:
    """With --profile, run `fn` once more (untimed) under pyinstrument and write
    benchmarks/profiles/<name>.txt; otherwise do nothing."""
    path = profile_path(name)
    if path is None:
        return
    from pyinstrument import Profiler

    started = time.perf_counter()
    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        fn()
    finally:
        profiler.stop()
    write_profile(profiler, path, f"Profile: {name} (in process, pyinstrument)")
    PROFILING["seconds"] += time.perf_counter() - started


def profiled_child(name: str, target: str, *args: str) -> None:
    """With --profile, run `module:function(*args)` once more in a fresh interpreter
    under pyinstrument (imports and start-up included) and write its profile."""
    path = profile_path(name)
    if path is not None:
        started = time.perf_counter()
        in_child(target, *args, profile_to=path)
        PROFILING["seconds"] += time.perf_counter() - started


def _child_code(profile_to: Path | None) -> str:
    call = "getattr(importlib.import_module(module), name)(*sys.argv[2:]) or {}"
    if profile_to is None:
        return f"out = {call}\n"
    return (
        "from pyinstrument import Profiler\n"
        "from benchmarks.harness import write_profile\n"
        "profiler = Profiler(interval=0.001); profiler.start()\n"
        f"out = {call}\n"
        "profiler.stop()\n"
        f"write_profile(profiler, Path({str(profile_to)!r}), "
        "'Profile: ' + sys.argv[1] + ' (fresh interpreter, pyinstrument)')\n"
    )


def in_child(target: str, *args: str, env: dict[str, str] | None = None,
             timeout: float = 600, profile_to: Path | None = None) -> dict:
    """Run `module:function(*args)` in a fresh interpreter and return the dict
    it returns (sent back as JSON on the last line of its output), with the
    child's wall time and peak memory added; `profile_to` writes a profile of it."""
    code = (
        "import json, sys, importlib\n"
        "from pathlib import Path\n"
        "from benchmarks.harness import peak_rss_mb\n"
        "module, _, name = sys.argv[1].partition(':')\n"
        f"{_child_code(profile_to)}"
        "out['peak_mb'] = peak_rss_mb()\n"
        "print('\\n' + json.dumps(out), flush=True)\n"
        "import os; os._exit(0)  # the measured work is over; skip the interpreter's teardown\n"
    )
    child_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    # An installed app has its bytecode compiled; let the children write theirs
    # (a warm-up run does it) instead of compiling every module on every start.
    child_env.pop("PYTHONDONTWRITEBYTECODE", None)
    child_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "src"), child_env.get("PYTHONPATH", "")) if p
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, target, *args], capture_output=True, text=True,
        env=child_env, timeout=timeout, cwd=ROOT,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{target} failed: " + " | ".join(tail))
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["wall_s"] = wall
    return out
