"""Trend charts hold exactly the points rrddata returned, for every timeframe and both
consolidations; gaps stay gaps; the hover names the time and values; the demo's rrddata is believable."""

import math

import numpy as np
import pytest

from virton_desktop.demo.rrd import VT_RRD_POINTS, VT_RRD_STEPS
from virton_desktop.ui.guests.charts import TIMEFRAMES, TrendCharts, series_arrays

from helpers import api

NOW = 1_795_000_000.0


@pytest.fixture
def frozen(demo):
    demo.pve.vt_clock = lambda: NOW  # the figures stand still, so two reads agree
    return demo


def _charts(qtbot, session, node, kind, vmid):
    charts = TrendCharts(session)
    qtbot.addWidget(charts)
    charts.set_guest(node, kind, vmid)
    return charts


@pytest.mark.parametrize("kind,vmid", [("qemu", 102), ("lxc", 204)])
def test_charts_hold_the_points_of_every_timeframe(qtbot, session, frozen, kind, vmid):
    node = "pve1" if vmid == 102 else "pve3"
    charts = _charts(qtbot, session, node, kind, vmid)
    charts.start()
    for tf in TIMEFRAMES:
        for cf in ("AVERAGE", "MAX"):
            with qtbot.waitSignal(charts.loaded, timeout=10000,
                                  check_params_cb=lambda t, c, tf=tf, cf=cf: (t, c) == (tf, cf)):
                charts.set_timeframe(tf, cf)
            expected = api(qtbot, session, "GET", "/nodes/{0}/{1}/{2}/rrddata".format(node, kind, vmid),
                           {"timeframe": tf, "cf": cf})
            assert len(charts.points) == len(expected) == VT_RRD_POINTS
            times, values = series_arrays(expected)
            x, y = charts.curves["cpu"].getData()
            assert np.array_equal(x, times)
            assert np.allclose(y, values["cpu"], equal_nan=True)
            for name in ("mem", "diskread", "diskwrite", "netin", "netout"):
                assert np.allclose(charts.curves[name].getData()[1], values[name], equal_nan=True)
            assert times[-1] - times[-2] == VT_RRD_STEPS[tf]
    charts.stop()


def test_max_is_at_least_average(frozen):
    vm = frozen.pve.vm(102)
    avg = frozen.pve.vt_rrd(vm, "day", "AVERAGE")
    top = frozen.pve.vt_rrd(vm, "day", "MAX")
    assert all(m["cpu"] >= a["cpu"] for a, m in zip(avg, top, strict=True) if "cpu" in a)
    assert all(m["netin"] >= a["netin"] for a, m in zip(avg, top, strict=True) if "cpu" in a)


def test_gaps_while_stopped(qtbot, session, frozen):
    pve = frozen.pve
    stopped = pve.vm(101)
    assert all(set(p) == {"time"} for p in pve.vt_rrd(stopped, "hour"))  # stopped for hours: all gap
    year = pve.vt_rrd(stopped, "year")
    assert any("cpu" in p for p in year) and any("cpu" not in p for p in year)
    charts = _charts(qtbot, session, "pve1", "qemu", 101)
    charts.set_points(pve.vt_rrd(stopped, "hour"))
    assert np.all(np.isnan(charts.curves["cpu"].getData()[1]))
    assert "No data" in charts.status.text()


def test_daily_rhythm_and_consistency_with_live_figures(frozen):
    pve = frozen.pve
    vm = pve.vm(102)
    hour = pve.vt_rrd(vm, "hour")
    live = pve.vt_figures(vm)
    # The newest minute is close to what status/current says now.
    assert abs(hour[-1]["mem"] - live["mem"]) / live["mem"] < 0.1
    assert hour[-1]["maxmem"] == 16384 * 1024 ** 2 and hour[-1]["maxcpu"] == 8
    week = [p["netin"] for p in pve.vt_rrd(vm, "day") if "netin" in p]
    assert max(week) > 1.5 * min(week)  # busier by day than by night
    assert all(p["cpu"] >= 0 and not math.isnan(p["cpu"]) for p in hour if "cpu" in p)


def test_unknown_timeframe_is_refused(qtbot, session, frozen):
    from virton_desktop.pve import errors
    with pytest.raises(errors.InvalidParameters):
        api(qtbot, session, "GET", "/nodes/pve1/qemu/102/rrddata", {"timeframe": "decade"})


def test_hover_names_time_and_values(qtbot, session, frozen):
    charts = _charts(qtbot, session, "pve1", "qemu", 102)
    points = frozen.pve.vt_rrd(frozen.pve.vm(102), "day")
    charts.set_points(points)
    i = charts.show_at(points[10]["time"] + 100)
    assert i == 10
    text = charts.hover.text()
    assert "CPU" in text and "{0:.1f} %".format(points[10]["cpu"] * 100) in text
    assert "B/s" in text
    assert all(line.isVisible() for line in charts.lines)
    assert all(line.value() == points[10]["time"] for line in charts.lines)


def test_benchmark_runs_and_speaks_json():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, str(root / "benchmarks" / "charts.py"), "--json", "--repeat", "2"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout
    result = json.loads(lines[0])
    assert result["year_points"] == VT_RRD_POINTS and result["series"] == 7
    for key in ("chart_redraw_ms", "chart_switch_ms", "chart_repaint_ms", "status_refresh_ms"):
        assert result[key] > 0 and result[key.replace("_ms", "_cpu_ms")] >= 0


def test_paused_vm_has_used_no_cpu_since_it_was_paused(frozen):
    points = frozen.pve.vt_rrd(frozen.pve.vm(107), "hour")
    assert points[-1]["cpu"] == 0 and points[-1]["netin"] == 0 and points[-1]["mem"] > 0
