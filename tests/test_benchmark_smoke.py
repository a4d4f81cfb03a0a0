"""The instance list benchmark runs end to end and speaks its JSON (figures only; no timing asserts)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"rows", "first_load_ms", "poll_apply_ms", "filter_ms", "sort_ms", "rss_mb", "naive_poll_apply_ms",
        "naive_filter_ms", "live_poll_ms", "naive_live_poll_ms"}


def run_benchmark(script: str, *args: str, offscreen: bool = True) -> str:
    """benchmarks/<script> with `args`, as a developer runs it (this tree first on PYTHONPATH):
    its standard output, once it ended well."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen") if offscreen else dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


@pytest.mark.parametrize("view", ["plain", "app"])
def test_instance_list_benchmark_json(view):
    stdout = run_benchmark("instance_list.py", "--json", "--guests", "300", "--repeat", "2", "--view", view)
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, stdout  # one JSON object and nothing else on stdout
    result = json.loads(lines[0])
    assert set(result) == KEYS
    assert result["rows"] == 300
    for key in KEYS - {"rows"}:
        value = result[key]
        assert isinstance(value, (int, float)) and value > 0, (key, value)
        assert round(value, 2) == value, (key, value)


AGENT_KEYS = {"guests", "running", "seconds", "requests_per_minute", "naive_requests_per_minute", "pump_ms",
              "update_ms", "gui_ms_per_minute", "naive_gui_ms_per_minute", "visible_s"}


def test_agent_polling_benchmark_json():
    stdout = run_benchmark("agent_polling.py", "--json", "--guests", "200", "--seconds", "4")
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, stdout
    result = json.loads(lines[0])
    assert set(result) == AGENT_KEYS
    assert result["guests"] == 200 and result["requests_per_minute"] > 0


def test_palette_benchmark_json():
    stdout = run_benchmark("palette.py", "--json", "--guests", "300", "--repeat", "1")
    result = json.loads(stdout.strip())
    assert result["rows"] == 300 and all(result[k] > 0 for k in ("palette_ms", "naive_palette_ms", "search_ms"))


DEMO_START_KEYS = {"ready_s", "ready_cpu_s", "served_s", "served_cpu_s"}


def test_demo_start_benchmark_json():
    stdout = run_benchmark("demo_start.py", "--json", "--guests", "50", "--clusters", "2", "--runs", "1",
                           offscreen=False)
    result = json.loads(stdout.strip())
    assert set(result) == DEMO_START_KEYS
    assert 0 < result["ready_s"] <= result["served_s"] and 0 <= result["ready_cpu_s"] <= result["served_cpu_s"]


def test_stall_watch_runs_the_app_and_speaks_its_json():
    stdout = run_benchmark("stall_watch.py", "--json", "--guests", "200", "--clusters", "1", "--polls", "1",
                           "--idle-seconds", "1", "--late-ms", "1")
    result = json.loads(stdout.strip().splitlines()[-1])
    assert set(result["figures"]) == {"start_s", "poll_ms", "typing_ms", "idle_cpu"}
    # A 1 ms threshold: every heartbeat gap is "late", so stalls are seen and named.
    assert result["stalls"] and all(s["late_ms"] >= 1 and s["stacks"] for s in result["stalls"])
    assert all(any(line.startswith("GUI: ") for line in seen["threads"])
               for s in result["stalls"] for seen in s["stacks"])


def test_gil_convoy_benchmark_json():
    stdout = run_benchmark("gil_convoy.py", "--json", "--calls", "50", "--busy", "1", "--switch-ms", "5,1")
    result = json.loads(stdout.strip())
    assert result["calls"] == 50 and [r["switch_ms"] for r in result["results"]] == [5.0, 1.0]
    assert all(r["alone_ms"] > 0 and r["busy_1_ms"] > 0 and r["busy_1_ratio"] > 0 for r in result["results"])


def test_request_cost_benchmark_json():
    stdout = run_benchmark("request_cost.py", "--json", "--requests", "30", "--rounds", "1", "--guests", "60")
    result = json.loads(stdout.strip())
    assert result["guests"] == 60
    assert all(result[key] > 0 for key in ("version_ms", "version_floor_ms", "guest_list_ms", "guest_list_floor_ms"))


CONSOLE_KEYS = {"vmid", "screen", "repeat", "cold_open_ms", "open_ms", "reconnect_ms", "extra_rss_mb",
                "second_console_mb", "qemu_rss_mb", "python", "pyside6", "cpus"}


def test_console_benchmark_json():
    """A console opened, reopened and reconnected once (QtWebEngine offscreen): the benchmark had
    stopped importing when ConsoleManager moved to its own module, and nothing ran it."""
    stdout = run_benchmark("console.py", "--json", "--repeat", "1")
    result = json.loads(stdout.strip().splitlines()[-1])
    assert set(result) == CONSOLE_KEYS
    assert result["repeat"] == 1 and all(result[k] > 0 for k in ("cold_open_ms", "open_ms", "reconnect_ms"))


def test_console_wall_benchmark_imports():
    """The wall benchmark (tens of seconds of consoles) is only asked for its options here: what it
    imports from console.py and app_scale.py is there."""
    assert "--seconds" in run_benchmark("console_wall.py", "--help")
