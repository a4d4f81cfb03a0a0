"""benchmarks/app_scale.py runs the whole app end to end and speaks its JSON (figures only; no timing asserts)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"guests", "clusters", "start_s", "stall_ms", "poll_ms", "typing_ms", "idle_cpu", "idle_gui_cpu", "rss_mb",
        "bare_s"}


def run_benchmark(script: str, *args: str) -> str:
    """benchmarks/<script> with `args` (this tree first on PYTHONPATH, offscreen): its standard
    output, once it ended well."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


def test_app_scale_benchmark_json():
    stdout = run_benchmark("app_scale.py", "--json", "--runs", "26x2", "--idle-seconds", "1", "--polls", "1",
                           "--starts", "2")
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, stdout
    result = json.loads(lines[0])["26x2"]
    assert KEYS <= set(result), result
    assert result["clusters"] == 2 and result["guests"] > 0  # both demo clusters' lists arrived
    assert result["last_known_lists"] == 0  # a first start: an empty home
    assert all(result[key] > 0 for key in KEYS - {"idle_cpu", "idle_gui_cpu"}), result
    # Two launches, each with its own bare window; the start shown is their median, with its range.
    launches = result["launches"]
    assert len(launches) == 2 and all(one["start_s"] > 0 and one["bare_s"] > 0 and one["busy"] > 0
                                      for one in launches), launches
    assert result["start_min_s"] <= result["start_s"] <= result["start_max_s"]
    assert sorted(one["start_s"] for one in launches) == [result["start_min_s"], result["start_max_s"]]


def test_start_timeline_shows_each_clusters_steps():
    out = run_benchmark("start_timeline.py", "--clusters", "2", "--guests", "0")
    for step in ("add", "apply"):
        assert any(line.split()[3:4] == [step] for line in out.splitlines()), out
    for cluster in ("demo", "demo-2"):  # each worker's login and first poll, by its cluster
        for step in ("login", "poll"):
            assert any(line.split()[2:5] == ["worker", cluster, step] for line in out.splitlines()), out
    assert "populated" in out.splitlines()[-1]


def test_saved_start_measures_saved_clusters_and_the_demo():
    stdout = run_benchmark("saved_start.py", "--json", "--clusters", "2", "--guests", "0", "--runs", "1")
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, stdout
    result = json.loads(lines[0])
    for kind in ("saved", "demo"):
        assert result[kind]["runs"] == 1, result
        assert all(result[kind][name] > 0 for name in ("start_s", "window_s", "start_cpu_s", "gui_cpu_s")), result
    launches = result["launches"]
    assert [launch["kind"] for launch in launches] == ["saved", "demo"]
    # Both clusters' lists were on screen: the saved profiles connected at start, as the demo's did.
    assert all(launch["clusters_listed"] == 2 and launch["guests"] > 12 for launch in launches), launches


def test_app_scale_measures_a_returning_users_start():
    """A run ending in "r": one unmeasured launch first leaves its state (the last-known lists, the
    change feed) in a home the measured launches share."""
    stdout = run_benchmark("app_scale.py", "--json", "--runs", "26x2r", "--idle-seconds", "1", "--polls", "1",
                           "--starts", "1")
    result = json.loads(stdout.strip().splitlines()[0])["26x2r"]
    assert result["returning"] is True and result["clusters"] == 2 and result["guests"] > 0
    assert len(result["launches"]) == 1 and result["start_s"] > 0
    assert result["last_known_lists"] == 2  # both clusters' lists, from the first launch
