"""Believable ``rrddata`` for the demo's guests, and a stateful QEMU disk resize.

fakepve answers ``GET .../rrddata`` generically (``[{}]``) and ``PUT .../qemu/{vmid}/resize``
without storing anything. ``DemoRrdMixin`` (a base of ``DemoPve``) serves both:

- rrddata for qemu and lxc, every timeframe (hour 1 min, day 30 min, week 3 h, month 12 h,
  year 1 week steps; 70 points each, as PVE's RRD archives) and cf AVERAGE or MAX.
- The values come from the same load profile and formulas as the live figures
  (``DemoPve.vt_figures``), multiplied by a daily rhythm (busier by day, quiet at night)
  taken relative to now, so the newest point matches what status/current shows.
- Gaps: a point has only ``time`` (PVE leaves unknown values out) while the guest was
  stopped. Each guest gets a deterministic run history: the current run since its start,
  a maintenance stop of a few hours before it, and an older run; stopped guests were last
  running some days ago.
- Disk and network are averaged byte rates over each step (differences of the cumulative
  counters); MAX takes the highest of several samples in the step.

Own members start with ``vt_``/``_vt_`` (FakePve has ~300 members; a clash breaks it silently).
"""

from __future__ import annotations

import math
import random
import re
from types import SimpleNamespace

from fakepve import PveError

# PVE's RRD archives: (seconds per point) for each timeframe; 70 points each.
VT_RRD_STEPS = {"hour": 60, "day": 1800, "week": 10800, "month": 43200, "year": 604800}
VT_RRD_POINTS = 70
# Samples taken inside one step to form its AVERAGE / MAX: enough that the guests' short load
# waves (2..20 minutes) average out in the long steps instead of aliasing into a sawtooth.
_SAMPLES = 6
_SAMPLES_LONG = 30
_UNITS = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}


def _daily(t: float, phase: float) -> float:
    """Busier by day: 0.55 at night .. 1.45 in the afternoon (local hour of the demo clock)."""
    hour = (t % 86400) / 3600.0
    return 1.0 + 0.45 * math.sin(2 * math.pi * (hour - 9.0) / 24.0 + phase * 0.1)


class DemoRrdMixin:
    """Mixin for DemoPve: rrddata and QEMU resize routes (see the module docstring)."""

    def _routes_vt_rrd(self):
        return [("GET", "/nodes/{node}/qemu/{vmid}/rrddata", self._vt_rrd_qemu),
                ("GET", "/nodes/{node}/lxc/{vmid}/rrddata", self._vt_rrd_lxc),
                ("PUT", "/nodes/{node}/qemu/{vmid}/resize", self._vt_qemu_resize)]

    # ------------------------------------------------------------ run history

    def vt_runs(self, guest, now):
        """[(start, end)] intervals in which the guest ran, newest last (deterministic per vmid)."""
        rng = random.Random("runs:{0}:{1}".format(self.vt_seed, guest.vmid))
        if guest.template:
            return []
        if guest.status == "running" and guest.started_at:
            start = guest.started_at
            runs = [(start, now)]
            end = start - rng.uniform(600, 6 * 3600)       # a maintenance stop before the current run
        else:
            end = now - rng.uniform(2 * 3600, 12 * 86400)   # stopped some hours or days ago
            runs = []
        older = end - rng.uniform(20, 200) * 86400
        runs.insert(0, (older, end))
        runs.insert(0, (older - 400 * 86400, older - rng.uniform(3600, 3 * 86400)))
        return runs

    # ------------------------------------------------------------ figures

    def _vt_sample(self, guest, t, start):
        ghost = SimpleNamespace(vmid=guest.vmid, status="running", template=False, started_at=start,
                                config=guest.config, qmpstatus="running")
        return self.vt_figures(ghost, now=t)

    def vt_rrd(self, guest, timeframe, cf="AVERAGE", now=None):
        """The rrddata points PVE would give for this guest (see the module docstring)."""
        if timeframe not in VT_RRD_STEPS:
            raise PveError(400, "Parameter verification failed.",
                           {"timeframe": "value '{0}' does not have a value in the enumeration "
                                         "'hour, day, week, month, year'".format(timeframe)})
        step = VT_RRD_STEPS[timeframe]
        now = self.vt_clock() if now is None else now
        last = int(now) // step * step
        runs = self.vt_runs(guest, now)
        maxmem = self._vt_maxmem(guest)
        maxcpu = self._vt_maxcpu(guest)
        is_max = str(cf).upper() == "MAX"
        prof = self._vt_profile(guest.vmid)
        phase = prof["phase"]
        norm = _daily(now, phase)
        # A paused VM keeps its memory but has burnt no CPU and moved no bytes since it was paused.
        paused_from = None
        if getattr(guest, "qmpstatus", "running") == "paused" and runs:
            paused_from = max(runs[-1][0], now - random.Random("pause:{0}".format(guest.vmid)).uniform(1, 20) * 3600)
        out = []
        for i in range(VT_RRD_POINTS - 1, -1, -1):
            t_end = last - i * step
            t_start = t_end - step
            run = next((r for r in runs if r[0] < t_end and r[1] > t_start), None)
            point = {"time": t_end}
            if run is None:
                out.append(point)      # stopped: PVE leaves the values out
                continue
            lo, hi = max(t_start, run[0]), min(t_end, run[1])
            cpus, mems = [], []
            samples = _SAMPLES if step <= 60 else _SAMPLES_LONG
            # Memory swings slowly (30 min .. 2 h): over long steps it is averaged over a whole
            # swing, else steps of half a swing alternate up and down like a sawtooth.
            mem_lo = lo if step <= 60 else max(run[0], hi - max(step, prof["mem_period"]))
            for k in range(samples):
                t = lo + (hi - lo) * (k + 0.5) / samples
                fig = self._vt_sample(guest, t, run[0])
                rhythm = _daily(t, phase) / norm
                cpus.append(0.0 if paused_from and t >= paused_from else min(1.0, fig["cpu"] * rhythm))
                tm = mem_lo + (hi - mem_lo) * (k + 0.5) / samples
                mem = self._vt_sample(guest, tm, run[0])["mem"] if step > 60 else fig["mem"]
                mems.append(mem * (1 + 0.04 * (_daily(tm, phase) - norm)))
            first = self._vt_sample(guest, lo, run[0])
            end = self._vt_sample(guest, hi, run[0])
            span = max(1.0, hi - lo)
            rhythm = _daily((lo + hi) / 2, phase) / norm
            point.update(cpu=round(max(cpus) if is_max else sum(cpus) / len(cpus), 5), maxcpu=maxcpu,
                         mem=int(max(mems) if is_max else sum(mems) / len(mems)), maxmem=maxmem)
            for key in ("netin", "netout", "diskread", "diskwrite"):
                rate = (end[key] - first[key]) / span * rhythm
                if paused_from and lo >= paused_from:
                    rate = 0.0
                point[key] = round(rate * (1.6 if is_max else 1.0), 2)
            if guest in self.cts:
                point["maxdisk"] = self._maxdisk(guest)
                point["disk"] = int(point["maxdisk"] * prof["disk"])
                point["maxswap"] = int(guest.config.get("swap", 512)) * 1024 ** 2
                point["swap"] = 0
            else:
                point["maxdisk"] = self._vm_maxdisk(guest)
                point["disk"] = 0
            out.append(point)
        return out

    def _vt_maxmem(self, guest):
        return int(str(guest.config.get("memory", 512)).split("=")[-1]) * 1024 ** 2

    @staticmethod
    def _vt_maxcpu(guest):
        cfg = guest.config
        return int(cfg.get("cores", 1)) * int(cfg.get("sockets", 1))

    async def _vt_rrd_qemu(self, v, user):
        vm = self.find(v["node"], int(v["vmid"]))
        return self.vt_rrd(vm, v.get("timeframe"), v.get("cf", "AVERAGE"))

    async def _vt_rrd_lxc(self, v, user):
        ct = self._find_ct(v["node"], v["vmid"])
        return self.vt_rrd(ct, v.get("timeframe"), v.get("cf", "AVERAGE"))

    # ------------------------------------------------------------ qemu resize

    async def _vt_qemu_resize(self, v, user):
        """PVE 9: PUT .../resize grows a disk (never shrinks) and answers with a task UPID."""
        vm = self.find(v["node"], int(v["vmid"]))
        disk, text = v["disk"], str(v["size"]).strip()
        if vm.lock:
            raise PveError(500, "VM is locked ({0})".format(vm.lock))
        if v.get("digest") and v["digest"] != vm.digest():
            raise PveError(500, "detected modified configuration - file changed by other user? Try again.")
        value = vm.config.get(disk)
        if value is None or "media=cdrom" in str(value):
            raise PveError(500, "unable to resize - no such disk '{0}'".format(disk))
        m = re.match(r"^(\+)?(\d+(?:\.\d+)?)([KMGT])?$", text)
        if not m:
            raise PveError(400, "Parameter verification failed.", {"size": "value does not match the regex pattern"})
        parts = str(value).split(",")
        old = 0
        for p in parts:
            if p.startswith("size="):
                sm = re.match(r"size=(\d+(?:\.\d+)?)([KMGT])?", p)
                old = int(float(sm.group(1)) * _UNITS[sm.group(2) or "G"])
        amount = int(float(m.group(2)) * _UNITS[m.group(3) or "G"]) if m.group(3) else int(float(m.group(2)))
        new = old + amount if m.group(1) else amount
        if new < old:
            raise PveError(500, "shrinking disks is not supported")
        if new == old:
            raise PveError(500, "disk is already at specified size")

        async def body():
            size = "{0}G".format(new // 1024 ** 3) if new % 1024 ** 3 == 0 else "{0}M".format(new // 1024 ** 2)
            kept = [p for p in str(vm.config[disk]).split(",") if not p.startswith("size=")]
            vm.config[disk] = ",".join(kept + ["size=" + size])
            return "successfully resized disk '{0}' to {1}".format(disk, size)
        return await self.task(vm.node, "resize", vm.vmid, user, body, vm=vm)


__all__ = ["DemoRrdMixin", "VT_RRD_STEPS", "VT_RRD_POINTS"]
