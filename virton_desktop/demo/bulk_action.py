"""PVE 9.1's node-independent bulk actions, as pve-manager serves them
(`PVE/API2/Cluster/BulkAction/Guest.pm`, new in pve-manager 9.1).

``POST /cluster/bulk-action/guest/{start,shutdown,suspend,migrate}`` with ``vms`` (a list of
VMIDs; none: every guest but templates and HA-managed ones), ``max-workers`` (4; migrate 1) and
the action's own options (``timeout``; ``force-stop``; ``to-disk``, ``statestorage``; ``target``,
``online``, ``with-local-disks``). Before anything starts the caller needs 'VM.PowerMgmt'
('VM.Migrate' to migrate) on each ``/vms/<ID>`` (or on ``/`` without ``vms``); suspending to
disk also 'VM.Config.Disk' and 'Datastore.AllocateSpace' on the state storage. The answer is the
UPID of one ``bulk-<action>`` worker.

The worker does what PVE's does: it talks to its own API with the caller's credentials
(`expose_credentials`; here a ticket of the caller's), so every guest's request passes the same
checks, faults and request log as a client's. Guests go in startup order (reversed for shutdown
and suspend; vmid within an order), at most ``max-workers`` tasks at a time. Its log, in PVE's
words: ``Shutting down guests: 100, 105``, ``Shutting down VM 100 (Timeout = 180 seconds)``,
``WARN: Skipping VM 101, not running.``; a refused request is logged as the API client's error
(``WARN: 500 VM 105 is locked (backup)``), a failed task as ``WARN: Stopping VM 105 failed:
<exit status>``. Any warning ends it ``WARNINGS: n``; any failed guest fails it with ``Some
guests failed to shutdown 105`` (``… to start: 105``).

A cluster whose ``version`` is older than 9.1 answers 501 "Method '…' not implemented", as
pveproxy does for an API path it does not know (the demo's first cluster is 9.1, the others 9.0).
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
from fakepve import PveError, TaskError
from fakepve.lxc import FakeCt

ACTIONS = ("start", "shutdown", "suspend", "migrate")
LONG_MAX = 2 ** 63 - 1  # the order of a guest without `startup: order=`


def _flag(value) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _startup(config) -> dict:
    """pve_parse_startup_order: `order=1,up=30,down=60` (missing parts left out)."""
    out = {}
    for part in str(config.get("startup") or "").split(","):
        key, _, value = part.partition("=")
        if key in ("order", "up", "down") and value.strip().isdigit():
            out[key] = int(value)
    return out


class ApiError(Exception):
    """PVE::APIClient::Exception stringified: the HTTP code, the reason, then each field's error."""


class LocalApi:
    """PVE::APIClient::LWP as the worker builds it: to this server, as the caller."""

    def __init__(self, pve, user):
        ticket, csrf = pve.issue_ticket(user)
        self._base = pve.url + "/api2/json"
        self._headers = {"Cookie": "PVEAuthCookie=" + ticket, "CSRFPreventionToken": csrf}
        # The worker trusts its own node's certificate by fingerprint; here: this very server.
        self._http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))

    async def close(self):
        await self._http.close()

    async def call(self, method, path, params=None):
        async with self._http.request(method, self._base + path, data=params, headers=self._headers) as resp:
            body = await resp.json(content_type=None)
            if resp.status != 200:
                fields = (body or {}).get("errors") or {}
                raise ApiError("{0} {1}".format(resp.status, resp.reason)
                               + "".join("\n{0}: {1}".format(k, v) for k, v in fields.items()))
            return body["data"]

    async def task_status(self, node, upid):
        """make_get_request with 3 retries."""
        for attempt in range(4):
            try:
                return await self.call("GET", "/nodes/{0}/tasks/{1}/status".format(node, upid))
            except (ApiError, aiohttp.ClientError):
                if attempt == 3:
                    raise
                await asyncio.sleep(0.01)


class DemoBulkActionMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._vt_bulk_workers = set()  # running workers (asyncio tasks), ended by stop()

    async def stop(self):
        # A worker waiting for its guests would outlive the server (and its event loop).
        for worker in list(self._vt_bulk_workers):
            worker.cancel()
        await asyncio.gather(*self._vt_bulk_workers, return_exceptions=True)
        await super().stop()

    def _routes_vt_bulk_action(self):
        return [("POST", "/cluster/bulk-action/guest/" + action, self._vt_bulk(action)) for action in ACTIONS]

    def _vt_bulk(self, action):
        async def serve(v, user):
            return await self._vt_bulk_run(action, v, user)
        return serve

    # ------------------------------------------------------------ the request

    def _vt_bulk_check(self, user, vms, privilege):
        """check_guest_permissions: each listed guest, else the root."""
        for vmid in vms:
            self.require(user, "/vms/{0}".format(vmid), privilege)
        if not vms:
            self.require(user, "/", privilege)

    async def _vt_bulk_run(self, action, v, user):
        # Imported when first asked: the app's bulk model pulls in its entities (~12 ms of every
        # demo start, before it listens, for an endpoint few sessions call).
        from ..pve import bulk

        if not bulk.supported(self.version):  # PVE 9.1 added the endpoints
            raise PveError(501, "Method 'POST /cluster/bulk-action/guest/{0}' not implemented".format(action))
        vms = [int(x) for x in (v.get("vms") or [])]
        self._vt_bulk_check(user, vms, "VM.Migrate" if action == "migrate" else "VM.PowerMgmt")
        if action == "suspend" and _flag(v.get("to-disk", 0)):
            self._vt_bulk_check(user, vms, "VM.Config.Disk")
            if v.get("statestorage"):
                self.require(user, "/storage/" + v["statestorage"], "Datastore.AllocateSpace")
        workers = int(v.get("max-workers") or v.get("maxworkers") or (1 if action == "migrate" else 4))
        heading = {"start": "Starting", "shutdown": "Shutting down", "suspend": "Suspending",
                   "migrate": "Migrating"}[action]
        suffix = " to {0}".format(v.get("target")) if action == "migrate" else ""
        first = ("{0} guests{1}: {2}".format(heading, suffix, ", ".join(str(x) for x in vms)) if vms
                 else "{0} all guests{1}".format(heading, suffix))
        run = BulkWorker(self, action, v, user, vms, workers)
        return await self._vt_worker_task(sorted(self.nodes)[0], "bulk-" + action, user, run.run, [first])

    async def _vt_worker_task(self, node, ttype, user, body, log):
        """fakepve's task, but ending `WARNINGS: n` as PVE's fork_worker does when the body warned
        (body(record) returns how many times)."""
        upid, pid, start = self._upid(node, ttype, "", user)
        record = {"upid": upid, "node": node, "pid": pid, "pstart": pid * 7, "starttime": start,
                  "type": ttype, "id": "", "user": user, "status": "running", "log": list(log)}
        self.tasks[upid] = record
        self.tasklog.append(record)

        async def run():
            try:
                warnings = await body(record)
                status = "WARNINGS: {0}".format(warnings) if warnings else "OK"
            except TaskError as exc:
                status = str(exc)
            record.update(status="stopped", exitstatus=status, endtime=int(time.time()))
            ended_well = status == "OK" or warnings_in(status)
            record["log"].append(("TASK " if ended_well else "TASK ERROR: ") + status)

        if self.time_scale:
            worker = asyncio.ensure_future(run())
            self._vt_bulk_workers.add(worker)
            worker.add_done_callback(self._vt_bulk_workers.discard)
        else:
            await run()
        return upid


def warnings_in(status: str) -> bool:
    return status.startswith("WARNINGS")


class BulkWorker:
    """The body of one `bulk-<action>` worker (handle_task_foreach_guest and the action's subs)."""

    def __init__(self, pve, action, params, user, vms, max_workers):
        self.pve, self.action, self.params, self.user = pve, action, params, user
        self.vms, self.max_workers = vms, max_workers
        self.record = None
        self.warnings = 0
        self.failed = []

    def say(self, text):
        self.record["log"].extend(text.splitlines())

    def warn(self, text):
        self.warnings += 1
        self.record["log"].extend(("WARN: " + text.rstrip("\n")).splitlines())

    def guests(self):
        """get_start_stop_list (or, to migrate, get_filtered_vmlist with templates and HA guests)."""
        pve, chosen = self.pve, set(self.vms)
        out = {}
        for guest in list(pve.vms) + list(pve.cts):
            if chosen and guest.vmid not in chosen:
                continue
            if self.action != "migrate" and (guest.template or (not chosen and guest.ha_managed)):
                continue
            startup = _startup(guest.config)
            order = startup.get("order", LONG_MAX) if self.action != "migrate" else 0
            if self.action in ("shutdown", "suspend"):
                order = -order  # reverse order for shutdown
            out.setdefault(order, []).append((guest, startup))
        return out

    async def run(self, record):
        self.record = record
        api = LocalApi(self.pve, self.user)
        try:
            groups = self.guests()
            for order in sorted(groups):
                await self._one_order(api, sorted(groups[order], key=lambda g: g[0].vmid))
        finally:
            await api.close()
        if self.failed:
            joined = ", ".join(str(x) for x in self.failed)
            raise TaskError("Some guests failed to start: " + joined if self.action == "start"
                            else "Some guests failed to {0} {1}".format(self.action, joined))
        return self.warnings

    async def _one_order(self, api, guests):
        running = {}  # upid -> (guest, startup, the node it was on when its task started)
        for guest, startup in guests:
            while len(running) >= self.max_workers:  # wait until at least one slot is free
                for upid in list(running):
                    await self._check(api, running, upid)
                await self._sleep()
            node = guest.node  # where its task runs, even once it has migrated
            try:
                upid = await getattr(self, "_start_" + self.action)(api, guest, startup)
            except (ApiError, aiohttp.ClientError) as exc:
                self.warn(str(exc))
                upid = None
            if upid == 1:  # done without a task (skipped)
                continue
            if upid is None:
                self.failed.append(guest.vmid)
                continue
            running[upid] = (guest, startup, node)
        for upid in list(running):  # wait until the current order is finished
            while upid in running:
                await self._check(api, running, upid)
                if upid in running:
                    await self._sleep()

    async def _sleep(self):
        await asyncio.sleep(self.pve.time_scale or 0.01)  # PVE polls every second

    async def _check(self, api, running, upid):
        guest, startup, node = running[upid]
        try:
            task = await api.task_status(node, upid)
        except (ApiError, aiohttp.ClientError):
            task = None
        if task is not None and task.get("status") == "running":
            return
        del running[upid]
        exit_status = (task or {}).get("exitstatus", "")
        if task is not None and (exit_status == "OK" or warnings_in(exit_status)):
            await self._succeeded(guest, startup)
            return
        self.failed.append(guest.vmid)
        failing = {"start": "Starting", "migrate": "Migrating"}.get(self.action, "Stopping")
        self.warn("{0} {1} {2} failed: {3}".format(failing, _kind(guest), guest.vmid,
                                                    exit_status if task is not None else "could not query task status"))

    async def _succeeded(self, guest, startup):
        delay = startup.get("up", 0) if self.action == "start" else 0
        if delay > 0:
            self.say("Waiting for {0} seconds (startup delay)".format(delay))
            await self.pve.pause(delay)

    @staticmethod
    def _path(guest, tail):
        return "/nodes/{0}/{1}/{2}/{3}".format(guest.node, _type(guest), guest.vmid, tail)

    async def _status(self, api, guest):
        try:
            return await api.call("GET", self._path(guest, "status/current"))
        except (ApiError, aiohttp.ClientError):
            return None

    async def _start_start(self, api, guest, startup):
        operation = "start"
        status = await self._status(api, guest)
        if status is not None and status.get("status") == "running":
            if status.get("qmpstatus") is not None and status["qmpstatus"] != "paused":
                self.warn("Skipping {0} {1}, already running.".format(_kind(guest), guest.vmid))
                return 1
            operation = "resume"
        params = {}
        if self.params.get("timeout") is not None and operation == "start" and _type(guest) == "qemu":
            params["timeout"] = self.params["timeout"]
        self.say("Starting {0} {1}".format(_kind(guest), guest.vmid))
        return await api.call("POST", self._path(guest, "status/" + operation), params)

    async def _start_shutdown(self, api, guest, startup):
        status = await self._status(api, guest)
        if status is not None and status.get("status") != "running":
            self.warn("Skipping {0} {1}, not running.".format(_kind(guest), guest.vmid))
            return 1
        # PVE reads the parameter itself here, not its schema default of 1.
        if status is not None and status.get("qmpstatus") == "paused" and not _flag(self.params.get("force-stop", 0)):
            self.warn("Skipping {0} {1}, resume paused VM before shutdown.".format(_kind(guest), guest.vmid))
            return 1
        timeout = int(startup.get("down", self.params.get("timeout") or 180))
        force = 1 if self.params.get("force-stop") is None else int(_flag(self.params["force-stop"]))
        self.say("Shutting down {0} {1} (Timeout = {2} seconds)".format(_kind(guest), guest.vmid, timeout))
        return await api.call("POST", self._path(guest, "status/shutdown"), {"forceStop": force, "timeout": timeout})

    async def _start_suspend(self, api, guest, startup):
        if _type(guest) != "qemu":
            self.warn("skipping {0}, only VMs can be suspended".format(guest.vmid))
            return 1
        status = await self._status(api, guest)
        if status is not None and status.get("status") != "running":
            self.warn("Skipping VM {0}, not running.".format(guest.vmid))
            return 1
        to_disk = _flag(self.params.get("to-disk", 0))
        params = {"todisk": int(to_disk)}
        if to_disk and self.params.get("statestorage"):
            params["statestorage"] = self.params["statestorage"]
        self.say("Suspending VM {0}".format(guest.vmid))
        return await api.call("POST", self._path(guest, "status/suspend"), params)

    async def _start_migrate(self, api, guest, startup):
        target = self.params.get("target")
        if guest.node == target:
            self.warn("{0} {1} already on {2}, skipping.".format(_kind(guest), guest.vmid, guest.node))
            return 1
        params = {"target": target}
        if self.params.get("online") is not None:
            params["restart" if _type(guest) == "lxc" else "online"] = self.params["online"]
        if _type(guest) == "qemu" and self.params.get("with-local-disks") is not None:
            params["with-local-disks"] = self.params["with-local-disks"]
        self.say("Migrating {0} {1}".format(_kind(guest), guest.vmid))
        return await api.call("POST", self._path(guest, "migrate"), params)


def _type(guest) -> str:
    return "lxc" if isinstance(guest, FakeCt) else "qemu"


def _kind(guest) -> str:
    return "CT" if isinstance(guest, FakeCt) else "VM"

