"""Power actions of the demo cluster as PVE runs them: HA requests and overruled shutdowns.

A DemoPve mixin (`DemoPowerMixin`) over fakepve's power routes.

**HA-managed guests** (``guest.ha_state`` set). qemu-server and pve-container hand start, stop
and shutdown of an HA resource to the HA manager (`ha-manager set vm:ID --state started`,
`ha-manager crm-command stop vm:ID <timeout>`: 0 for Stop, the shutdown timeout - 60 s by
default - for Shutdown) in a `hastart`/`hastop` task that ends OK at once. What happens to
the guest comes later, one HA manager round (``ha_delay`` PVE seconds) after the request, and
shows in `/cluster/resources` (`hastate` is the CRM's service state):

- start: `started` while the LRM starts the guest, then `running`. A start that fails (the
  guest's ``start_error``) is retried on another node, then the service enters `error`, the
  guest still stopped (pve-ha-manager `next_state_started`: max_restart, max_relocate).
- stop / shutdown: `request_stop` while the LRM shuts the guest down; a guest still running
  at the timeout is stopped hard (PVEVM/PVECT `shutdown` with forceStop); then `stopped`.
- a service in `error` ignores start and stop requests: only setting it to `disabled`
  clears the error (pve-ha-manager `next_state_error`).
- Stop with `overrule-shutdown` is refused for HA resources ("Not applicable for HA resources.").

fakepve 0.5 switches the guest and its HA state together after ``ha_delay`` and never fails.
`GET /cluster/ha/status/current` answers as pve-ha-manager's `API2/HA/Status.pm` does (quorum,
master, fencing, one `lrm:<node>` per node, one `service:<sid>` per HA guest with its
`crm_state`, `request_state` and the verbose `state`); fakepve's is a generic sample.

**Overruling a shutdown.** qemu-server's `vm_stop` with `overrule-shutdown=1` (PVE 8.1+)
aborts the guest's running `qmshutdown`/`vzshutdown` tasks first (`abort_guest_tasks`; they
end "received interrupt"), then stops the guest, which so gets the config lock at once.
fakepve 0.5 marks the shutdown only after taking the lock, so its stop timed out behind it.
Here a shutdown task's body runs as its own asyncio task, which the stop cancels.

Own members start with ``vt_``/``_vt_``; the overridden fakepve hooks are `task`,
`_ha_request`, `_ct_ha`, `_do_stop`, `_do_shutdown`, `_lxc_stop` and `stop`.
"""

from __future__ import annotations

import asyncio
import time

from fakepve import PveError, TaskError
from fakepve.lxc import FakeCt

SHUTDOWN_TASKS = ('qmshutdown', 'vzshutdown')
HA_ERROR = 'error'
# qemu-server vm_shutdown: `my $timeout = $param->{timeout} // 60` for the HA request.
HA_SHUTDOWN_TIMEOUT = 60
# The task log line qemu-server's worker prints for the overruled shutdowns.
OVERRULED = 'overruled {0} tasks: {1}'


def _flag(value) -> bool:
    return str(value).lower() in ('1', 'true', 'yes', 'on')


def _sid(guest):
    return '{0}:{1}'.format('ct' if isinstance(guest, FakeCt) else 'vm', guest.vmid)


# The requested state (HA config) a CRM state comes from, for guests never asked here.
_REQUEST_OF = {'started': 'started', 'stopped': 'stopped', 'request_stop': 'stopped', 'error': 'started',
               'disabled': 'disabled'}


def _verbose(guest, request):
    """pve-ha-manager PVE::HA::Tools::get_verbose_service_state."""
    state = guest.ha_state
    if state == 'stopped' and request == 'started':
        return 'starting'
    if state == 'started' and request in ('stopped', 'disabled'):
        return 'stopping'
    if state == 'started' and guest.status != 'running':
        return 'starting'
    return state


class DemoPowerMixin:
    """HA requests through the HA manager's states; Stop that overrules a running shutdown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._vt_shutdowns = {}  # UPID of a running shutdown task -> its runner (see task)
        self._vt_ha_work = set()  # the HA manager's pending work (asyncio tasks), ended by stop()

    async def stop(self):
        # Pending HA rounds would outlive the server (and its event loop): end them first.
        for work in list(self._vt_ha_work):
            work.cancel()
        await super().stop()

    # ------------------------------------------------------------ tasks

    async def task(self, node, ttype, tid, user, body, vm=None, lock=True, log=()):
        """fakepve's task; a shutdown's body runs as an asyncio task of its own so a Stop with
        overrule-shutdown can abort it (`_vt_overrule`)."""
        if ttype not in SHUTDOWN_TASKS:
            return await super().task(node, ttype, tid, user, body, vm=vm, lock=lock, log=log)
        runner = {'aborted': False}

        async def abortable():
            if runner['aborted']:
                raise TaskError('received interrupt')
            runner['body'] = asyncio.ensure_future(body())
            try:
                return await runner['body']
            except asyncio.CancelledError:
                if runner['aborted']:
                    raise TaskError('received interrupt') from None
                raise
            finally:
                self._vt_shutdowns.pop(runner.get('upid'), None)

        upid = await super().task(node, ttype, tid, user, abortable, vm=vm, lock=lock, log=log)
        if self.tasks[upid]['status'] == 'running':
            runner['upid'] = upid
            self._vt_shutdowns[upid] = runner
        return upid

    def _vt_overrule(self, guest, ttype):
        """Abort the guest's running shutdown tasks; their UPIDs."""
        aborted = []
        for record in list(self.tasklog):
            runner = self._vt_shutdowns.get(record['upid'])
            if (runner is None or record['type'] != ttype or record['id'] != str(guest.vmid)
                    or record['status'] != 'running'):
                continue
            runner['aborted'] = True
            if 'body' in runner:
                runner['body'].cancel()
            aborted.append(record['upid'])
        return aborted

    def _vt_note_overruled(self, upid, ttype, aborted):
        if aborted:
            self.tasks[upid]['log'].insert(0, OVERRULED.format(ttype, ', '.join(aborted)))

    # ------------------------------------------------------------ QEMU

    async def _do_stop(self, vm, user, p):
        overrule = _flag(p.get('overrule-shutdown', 0))
        if vm.ha_managed:
            if overrule:
                raise PveError(400, 'Parameter verification failed.',
                               {'overrule-shutdown': 'Not applicable for HA resources.'})
            return await super()._do_stop(vm, user, p)
        aborted = self._vt_overrule(vm, 'qmshutdown') if overrule else []
        upid = await super()._do_stop(vm, user, p)
        self._vt_note_overruled(upid, 'qmshutdown', aborted)
        return upid

    async def _do_shutdown(self, vm, user, p):
        if not vm.ha_managed:
            return await super()._do_shutdown(vm, user, p)
        self._need_running(vm)
        self._check_lock(vm)
        timeout = int(p.get('timeout') or HA_SHUTDOWN_TIMEOUT)
        return await self._vt_ha_request(vm, user, 'stopped', timeout)

    async def _ha_request(self, vm, user, state):
        # fakepve's start and hard stop of an HA VM.
        return await self._vt_ha_request(vm, user, state, 0)

    # ------------------------------------------------------------ containers

    async def _lxc_stop(self, user, v):
        ct = self._here(v)
        if ct is None or ct.ha_managed or not _flag(v.get('overrule-shutdown', 0)):
            return await super()._lxc_stop(user, v)
        aborted = self._vt_overrule(ct, 'vzshutdown')
        upid = await super()._lxc_stop(user, v)
        self._vt_note_overruled(upid, 'vzshutdown', aborted)
        return upid

    async def _ct_ha(self, ct, user, state, timeout=None):
        # fakepve's HA start, stop (no timeout: a hard stop) and shutdown of a container.
        return await self._vt_ha_request(ct, user, state, timeout or 0)

    # ------------------------------------------------------------ the HA manager

    def _routes_virton_ha(self):
        return [('GET', '/cluster/ha/status/current', self._vt_ha_status)]

    async def _vt_ha_status(self, v, user):
        now = int(time.time())
        stamp = time.ctime(now)
        nodes = sorted(self.nodes)
        res = [{'id': 'quorum', 'type': 'quorum', 'node': nodes[0], 'status': 'OK', 'quorate': 1},
               {'id': 'master', 'type': 'master', 'node': nodes[0], 'status': '{0} (active, {1})'.format(
                   nodes[0], stamp), 'timestamp': now},
               {'id': 'fencing', 'type': 'fencing', 'node': nodes[0], 'status': 'armed (CRM watchdog active)',
                'armed-state': 'armed'}]
        guests = sorted((g for g in list(self.vms) + list(self.cts) if g.ha_state), key=_sid)
        for node in nodes:
            busy = any(g.node == node and g.ha_state not in ('stopped', 'disabled', 'error') for g in guests)
            res.append({'id': 'lrm:' + node, 'type': 'lrm', 'node': node, 'timestamp': now,
                        'status': '{0} ({1}, {2}, {3})'.format(node, 'active' if busy else 'idle',
                                                                'watchdog active' if busy else 'watchdog standby',
                                                                stamp)})
        for guest in guests:
            request = getattr(guest, 'vt_ha_request', None) or _REQUEST_OF.get(guest.ha_state, 'started')
            state = _verbose(guest, request)
            res.append({'id': 'service:' + _sid(guest), 'type': 'service', 'sid': _sid(guest), 'node': guest.node,
                        'crm_state': guest.ha_state, 'request_state': request, 'state': state,
                        'status': '{0} ({1}, {2})'.format(_sid(guest), guest.node, state),
                        'max_restart': 1, 'max_relocate': 1, 'failback': 1})
        return res

    async def _vt_ha_request(self, guest, user, state, timeout):
        """The `hastart`/`hastop` task: it only files the request and ends OK."""
        kind = 'CT' if isinstance(guest, FakeCt) else 'VM'
        verb = 'start' if state == 'started' else 'stop'

        if guest.ha_state != HA_ERROR:  # `set --state` and `crm-command stop` write the request
            guest.vt_ha_request = state

        async def body():
            if self.time_scale:
                work = asyncio.ensure_future(self._vt_ha_manage(guest, state, timeout))
                self._vt_ha_work.add(work)
                work.add_done_callback(self._vt_ha_work.discard)
            else:
                await self._vt_ha_manage(guest, state, timeout)
        return await self.task(guest.node, 'ha' + verb, guest.vmid, user, body, lock=False,
                               log=['Requesting HA {0} for {1} {2}'.format(verb, kind, guest.vmid)])

    async def _vt_ha_manage(self, guest, state, timeout):
        """What the CRM and the LRM then do with the guest."""
        if guest.ha_state == HA_ERROR:
            return  # only `disabled` takes a service out of error
        await self.pause(self.ha_delay)  # the CRM's next round
        if state == 'started':
            guest.ha_state = 'started'
            if guest.status == 'running':
                return
            await self.pause(guest.start_secs)
            if guest.start_error:
                await self.pause(self.ha_delay)  # tried on another node: fails there too
                guest.ha_state = HA_ERROR
                return
            self._vt_power_on(guest)
            return
        guest.ha_state = 'request_stop'
        if timeout and getattr(guest, 'acpi', True) and guest.shutdown_secs <= timeout:
            await self.pause(guest.shutdown_secs)  # the guest shut down in time
        else:
            await self.pause(timeout or guest.stop_secs)  # hard stop, at once or at the timeout
        self._vt_power_off(guest)
        guest.ha_state = 'stopped'

    def _vt_power_on(self, guest):
        guest.status = 'running'
        guest.started_at = time.time()
        if isinstance(guest, FakeCt):
            self._apply(guest)
            guest.pid = next(self._ct_pids)
        else:
            guest.apply_pending()
            guest.qmpstatus = 'running'

    def _vt_power_off(self, guest):
        guest.status = 'stopped'
        if isinstance(guest, FakeCt):
            guest.pid = None
        else:
            guest.qmpstatus = 'stopped'
