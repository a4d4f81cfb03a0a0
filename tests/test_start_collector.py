"""The starts' imports run without the cyclic garbage collector (fresh processes).

What they make (modules, classes, the window) lives as long as the process, so walking it while
it loads is wasted: the demo's process switched the collector off only once its ~300 modules were
loaded (~90 collections, ~16 ms of every demo start), the app only once its QApplication existed
(~40, ~6 ms). Counted with gc.callbacks, each in a process of its own.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COUNTING = """
import gc, json, sys
runs = []
gc.callbacks.append(lambda phase, info: phase == "stop" and runs.append(info["generation"]))
"""


def _collections(code: str, env=None) -> list[int]:
    out = subprocess.run([sys.executable, "-c", COUNTING + code + "\nprint(json.dumps(runs))"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_demo_process_loads_its_modules_with_the_collector_off():
    runs = _collections("""
import os, runpy
sys.argv = ["virton_desktop.demo", "--help"]
stdout, sys.stdout = sys.stdout, open(os.devnull, "w")
try:
    runpy.run_module("virton_desktop.demo", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
sys.stdout = stdout
""")
    assert len(runs) <= 5, runs  # those of the interpreter's own start, before the package


def test_the_app_starts_with_the_collector_off(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_STATE_HOME=str(tmp_path / "state"), QT_QPA_PLATFORM="offscreen")
    runs = _collections("""
from virton_desktop import app
args = app.parse_args([])
before = len(runs)
started = app.start(args)
runs[:] = runs[before:]  # those of the start alone
""", env)
    assert runs == []
