"""benchmarks/app_scale.py runs the whole app end to end and speaks its JSON (figures only; no timing asserts)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"guests", "clusters", "start_s", "stall_ms", "poll_ms", "typing_ms", "idle_cpu", "idle_gui_cpu", "rss_mb"}


def test_app_scale_benchmark_json():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "app_scale.py"), "--json", "--runs", "26x2",
                           "--idle-seconds", "1", "--polls", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout
    result = json.loads(lines[0])["26x2"]
    assert KEYS <= set(result), result
    assert result["clusters"] == 2 and result["guests"] > 0  # both demo clusters' lists arrived
    assert all(result[key] > 0 for key in KEYS - {"idle_cpu", "idle_gui_cpu"}), result
