"""The benchmark suite's verdicts (the suite itself runs with `python -m benchmarks`)."""

from benchmarks.harness import Result, side_by_side


def test_a_ratio_over_its_target_is_a_miss():
    assert Result("x", ours=2.6, baseline=1.0, target_ratio=2.5).verdict == "MISSED (ratio)"
    assert Result("x", ours=2.4, baseline=1.0, target_ratio=2.5).verdict == "met"


def test_missing_figures_never_pass():
    assert Result("x", target_ratio=1.5).verdict == "MISSED (ratio)"
    assert Result("x", limit_mb=300).verdict == "MISSED (memory)"
    assert Result("x", ours=0.2, limit_s=0.1, peak_mb=400, limit_mb=300).misses() == [
        "time", "memory"]


def test_side_by_side_alternates_and_sets_up_each_run():
    calls = []
    a, b = side_by_side(lambda: calls.append("a"), lambda: calls.append("b"), repeat=2,
                        setup=lambda: calls.append("s"), warmup=False)
    assert calls == ["s", "a", "s", "b", "s", "a", "s", "b"]
    assert len(a) == len(b) == 2


def test_profiles_are_written_only_when_asked(tmp_path, monkeypatch):
    from benchmarks import harness

    monkeypatch.delenv(harness.PROFILE_ENV, raising=False)
    harness.profiled("nothing", lambda: sum(range(10)))
    assert harness.profile_path("nothing") is None

    monkeypatch.setenv(harness.PROFILE_ENV, str(tmp_path / "profiles"))

    def busy_work():
        return sorted(str(i) for i in range(200_000))

    harness.profiled("in-process", busy_work)
    text = (tmp_path / "profiles" / "in-process.txt").read_text(encoding="utf-8")
    assert text.startswith("Profile: in-process") and "busy_work" in text


def test_a_child_can_be_profiled(tmp_path):
    from benchmarks.harness import in_child

    out = in_child("json:loads", '{"answer": 42}', profile_to=tmp_path / "child.txt")
    assert out["answer"] == 42 and out["wall_s"] > 0
    text = (tmp_path / "child.txt").read_text(encoding="utf-8")
    assert text.startswith("Profile: json:loads (fresh interpreter") and "loads" in text
