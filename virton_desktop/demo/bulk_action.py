"""PVE 9.1's node-independent bulk actions, as pve-manager serves them
(`PVE/API2/Cluster/BulkAction/Guest.pm`, new in pve-manager 9.1).

``POST /cluster/bulk-action/guest/{start,shutdown,suspend}`` with ``vms`` (a list of VMIDs;
none: every guest), ``timeout``, ``force-stop`` (shutdown), ``max-workers``: the permission is
'VM.PowerMgmt' on each ``/vms/<ID>`` (or on ``/`` without ``vms``), checked before anything
starts; the answer is the UPID of one ``bulk-start`` / ``bulk-shutdown`` / ``bulk-suspend``
worker, which starts each guest's own task and waits for it. Its log says what it did, in PVE's
words: ``Shutting down guests: 100, 105``, ``Shutting down VM 100 (Timeout = 180 seconds)``,
``WARN: Skipping VM 101, not running.``, ``WARN: Stopping VM 105 failed: <exit status>``; when
any guest failed, the worker itself fails with ``Some guests failed to shutdown 105``.

A cluster whose ``version`` is older than 9.1 answers 501 "Method '…' not implemented", as
pveproxy does for an API path it does not know (the demo's first cluster is 9.1, the others 9.0).
"""

from __future__ import annotations

import asyncio

from fakepve import PveError, TaskError
from fakepve.lxc import FakeCt

BULK_SINCE = (9, 1)
VERBS = {"start": ("Starting", "Starting", "start"), "shutdown": ("Shutting down", "Stopping", "shutdown"),
         "suspend": ("Suspending", "Suspending", "suspend")}


def version_tuple(text: str) -> tuple[int, ...]:
    out = []
    for part in str(text).split(".")[:2]:
        digits = "".join(ch for ch in part if ch.isdigit())
        out.append(int(digits or 0))
    return tuple(out)


class DemoBulkActionMixin:
    def _routes_vt_bulk_action(self):
        return [("POST", "/cluster/bulk-action/guest/" + action, self._vt_bulk(action)) for action in VERBS]

    def _vt_bulk(self, action):
        async def serve(v, user):
            return await self._vt_bulk_run(action, v, user)
        return serve

    async def _vt_bulk_run(self, action, v, user):
        if version_tuple(self.version) < BULK_SINCE:
            raise PveError(501, "Method 'POST /cluster/bulk-action/guest/{0}' not implemented".format(action))
        vms = [int(x) for x in (v.get("vms") or [])]
        if vms:
            for vmid in vms:
                if not self.allowed(user, "/vms/{0}".format(vmid), "VM.PowerMgmt"):
                    raise PveError(403, "Permission check failed (/vms/{0}, VM.PowerMgmt)".format(vmid))
        elif not self.allowed(user, "/", "VM.PowerMgmt"):
            raise PveError(403, "Permission check failed (/, VM.PowerMgmt)")
        guests = [g for g in list(self.vms) + list(self.cts) if not vms or g.vmid in vms]
        doing, failing, _verb = VERBS[action]
        listed = ", ".join(str(x) for x in sorted(vms)) if vms else ""
        log = ["{0} guests: {1}".format(doing, listed) if vms else "{0} all guests".format(doing)]
        timeout = v.get("timeout")

        async def body():
            # This worker's record: the one whose log starts with this very string object (the
            # record holds a copy of `log`, made before the UPID is known here).
            record = next(r for r in reversed(self.tasklog) if r["log"] and r["log"][0] is log[0])
            failed = []
            for guest in sorted(guests, key=lambda g: g.vmid):
                kind = "CT" if isinstance(guest, FakeCt) else "VM"
                running = guest.status == "running"
                if action == "start" and running and getattr(guest, "qmpstatus", "running") != "paused":
                    record["log"].append("WARN: Skipping {0} {1}, already running.".format(kind, guest.vmid))
                    continue
                if action != "start" and not running:
                    record["log"].append("WARN: Skipping {0} {1}, not running.".format(kind, guest.vmid))
                    continue
                if action == "shutdown":
                    seconds = int(timeout if timeout is not None else 180)
                    record["log"].append("Shutting down {0} {1} (Timeout = {2} seconds)".format(
                        kind, guest.vmid, seconds))
                else:
                    record["log"].append("{0} {1} {2}".format(doing, kind, guest.vmid))
                exit_status = await self._vt_bulk_one(guest, action, user, timeout)
                if exit_status != "OK" and not exit_status.startswith("WARNINGS"):
                    failed.append(guest.vmid)
                    record["log"].append("WARN: {0} {1} {2} failed: {3}".format(failing, kind, guest.vmid,
                                                                            exit_status))
            if failed:
                joined = ", ".join(str(x) for x in failed)
                if action == "shutdown":
                    raise TaskError("Some guests failed to shutdown " + joined)
                raise TaskError("Some guests failed to {0}: {1}".format(action, joined))

        node = sorted(self.nodes)[0]
        return await self.task(node, "bulk-" + action, "", user, body, lock=False, log=log)

    async def _vt_bulk_one(self, guest, action, user, timeout):
        """One guest's own task, as the worker starts it through the API; its exit status."""
        try:
            if isinstance(guest, FakeCt):
                params = {"node": guest.node, "vmid": guest.vmid}
                if action == "shutdown":
                    params.update(timeout=int(timeout if timeout is not None else 180), forceStop=1)
                upid = await getattr(self, "_lxc_" + action)(user, params)
            else:
                params = {}
                if action == "shutdown":
                    params = {"timeout": int(timeout if timeout is not None else 180), "forceStop": 1}
                upid = await getattr(self, "_do_" + action)(guest, user, params)
        except PveError as exc:
            return str(getattr(exc, "message", "") or exc)
        if not isinstance(upid, str) or not upid.startswith("UPID:"):
            return "OK"
        while self.tasks[upid]["status"] == "running":
            await asyncio.sleep(0.05 if self.time_scale else 0)
        return self.tasks[upid].get("exitstatus", "OK")
