"""AgentFeed: what running guests say about themselves (addresses, host name, OS), trickled in.

Nothing in /cluster/resources tells whether a VM has the agent enabled, and asking each guest
each poll would be 10,000 requests every 3 s on a big cluster. So:
- only running VMs with the agent enabled and running containers are asked; a VM's flag comes
  from its `status/current` (`agent`, as PVE's AgentIPView reads it), read once per guest and
  kept until the guest starts or reboots, or a `qmconfig` task of it ends;
- the requests go with the polls (`session.run(op, background=True)`), at most `CONCURRENCY` in
  flight per cluster (one: see there) and at most `PER_MINUTE` started per cluster a minute, each with the short
  deadline of `api.agent` (a hung agent is cut and shown as a state, and waits `BACKOFF` before
  it is asked again);
- a guest is asked again at most every `INTERVAL` seconds, and at once when it starts or reboots
  (its status turns running, or its uptime goes back);
- guests in the list's viewport (`visible()`) and the selected ones go first, the rest trickle
  (at most `BACKGROUND_PER_MINUTE` of them started a minute, all clusters together, taken from
  the clusters in turn).
Answers go to the instance model (`InstanceModel.set_agent`), which precomputes the cell text.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..pve import agent, api, permissions
from ..pve.agent import AgentInfo, AgentState
from ..pve.entities import LXC, RUNNING, Instance

if TYPE_CHECKING:
    from ..models.instances import InstanceModel
    from .clusters import Clusters

Key = tuple[str, int]

# Requests in flight per cluster. One: they share the poll lane, which serves queued requests
# before a due poll, so a second one always waiting would starve the list on a slow cluster.
CONCURRENCY = 1
PER_MINUTE = 120  # requests started per cluster a minute
# Guests not on screen nor selected, started a minute, all clusters together (each takes up to 4
# requests). At 10,000 guests they are always due (5 minutes each cannot be kept), and at the full
# rate the trickle cost ~0.8 % of a core here and as many agent calls on the nodes, for addresses
# nobody looks at; the shown guests keep the full rate. One budget for the window, not one per
# cluster: ten clusters' trickles were ~1 % of a core (measured: 135 guests, 540 requests a minute).
BACKGROUND_PER_MINUTE = 15
INTERVAL = 300.0  # seconds before a guest's addresses are asked again
BACKOFF = 900.0  # seconds before a hung or failing agent is asked again
TICK_MS = 250
WALK_STEP = 2000  # guests of a first list taken into the schedule per turn of the event loop (~5 ms)
IDLE_TICK_MS = 2000  # the tick while nobody is due within it (most of the time on a small cluster)
_RESTARTS = frozenset({"qmstart", "qmreboot", "vzstart", "vzreboot", "qmresume", "vzresume"})


class AgentFeed(QObject):
    """Schedules and sends the agent requests of every connected cluster."""

    updated = Signal(object)  # key (cluster, vmid): its AgentInfo changed

    def __init__(self, clusters: Clusters, model: InstanceModel, parent=None, *,
                 visible: Callable[[], Iterable[Key]] | None = None):
        super().__init__(parent)
        self._clusters = clusters
        self._model = model
        self.visible = visible or (lambda: ())
        self.interval, self.backoff, self.per_minute, self.concurrency = INTERVAL, BACKOFF, PER_MINUTE, CONCURRENCY
        self._due: dict[Key, float] = {}  # when each running guest is next asked
        # Per cluster (due, n, key), soonest first; an entry whose due is not the guest's any more is
        # stale. One heap per cluster: a cluster out of room is skipped without popping its guests
        # (with one heap, ten clusters' 12,000 due guests were popped and pushed back 4 times a second).
        self._heaps: dict[str, list[tuple[float, int, Key]]] = {}
        self._seq = itertools.count()
        self._uptime: dict[Key, int] = {}
        self._flag: dict[Key, bool] = {}  # a VM's agent flag, as last read
        self._busy: set[Key] = set()
        self._scanned: set[str] = set()  # clusters whose first list was walked
        self._in_flight: dict[str, int] = {}
        self._started: dict[str, deque[float]] = {}  # start times within the last minute
        self._background: deque[float] = deque()  # start times of guests asked unseen (all clusters)
        self.background_per_minute = BACKGROUND_PER_MINUTE
        self.sent = 0  # requests sent in all (benchmarks)
        # What the lists named while other clusters' first lists were awaited, in order: taken in
        # once none is (`_take_held`, a step per turn). Its requests would wait for them anyway
        # (first_lists.py), and walking each first list's guests here (~4-7 ms of the GUI thread
        # per cluster of 2,000) competed with the lists still to come.
        self._held: deque[tuple[Callable, object]] = deque()
        self._taking = False  # _take_held's steps are under way
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.pump)
        self._timer.start()
        clusters.guests_changed.connect(self._guests_named)
        clusters.polled.connect(self._cluster_polled)
        clusters.removed.connect(self._removed)
        clusters.task_changed.connect(self._task_changed)

    # ------------------------------------------------------------ what is due

    def _wanted(self, inst: Instance | None) -> bool:
        return inst is not None and inst.status == RUNNING and not inst.template

    def _guests_named(self, keys: tuple[Key, ...]) -> None:
        self._now_or_held(self._guests_changed, keys)

    def _cluster_polled(self, cluster: str) -> None:
        self._now_or_held(self._polled, cluster)

    def _now_or_held(self, handler: Callable, arg) -> None:
        if self._held or self._clusters.first_lists.awaited():
            self._held.append((handler, arg))
            if self._timer.interval() != TICK_MS:
                self._timer.start(TICK_MS)
        else:
            handler(arg)

    def _take_held(self) -> None:
        """One held step (pump starts them once no first list is awaited), the next one in a
        later turn (each walks one list's guests: a few ms), until none is left; then what is due
        is sent as usual."""
        if self._held:  # (a removed cluster's may have gone meanwhile)
            handler, arg = self._held.popleft()
            handler(arg)
        if self._held:
            QTimer.singleShot(0, self, self._take_held)
        else:
            self._taking = False
            self.pump()  # what they made due

    def _take_held_soon(self) -> None:
        """Start taking the held steps in a later turn, unless they are under way."""
        if not self._taking:
            self._taking = True
            QTimer.singleShot(0, self, self._take_held)

    def _polled(self, cluster: str) -> None:
        """A cluster's first list: its running guests join the schedule (later polls name the
        guests that changed, `_guests_changed`; no walk over every guest per poll). Those the
        first list did not name (shown as last seen, unchanged) are taken in here."""
        if cluster in self._scanned:
            return
        self._scanned.add(cluster)
        due, uptime = self._due, self._uptime
        keys = tuple(key for inst in self._model.instances_of(cluster)
                     if (key := inst.key) not in due and key not in uptime)
        if len(keys) <= WALK_STEP:
            self._guests_changed(keys)
            return
        # A cluster of 10,000 guests walked in one go held the window ~30-40 ms right after its
        # list was painted (the poll phase's largest stall in some runs): a part per turn, before
        # whatever else was held.
        self._held.extendleft(reversed([(self._guests_changed, keys[i:i + WALK_STEP])
                                        for i in range(0, len(keys), WALK_STEP)]))
        self._take_held_soon()

    def _guests_changed(self, keys: tuple[Key, ...]) -> None:
        # One loop, no call per guest: a live poll of 10,000 guests names ~6,000 (a call each was
        # ~12 ms of GUI time a poll).
        uptime, started = self._uptime, []
        for key, inst in zip(keys, self._model.get_many(keys), strict=True):
            if inst is None or inst.status != RUNNING or inst.template:
                if key in uptime or key in self._due or self._model.agent(key) is not None:
                    self._forget(key)
                continue
            before = uptime.get(key)
            uptime[key] = inst.uptime
            if before is None or inst.uptime < before:  # started, or rebooted
                started.append(key)
        self._refresh_started(started)

    def refresh(self, key: Key, *, config: bool = False) -> None:
        """Ask the guest soon (`config`: read its agent flag again first)."""
        if config:
            self._flag.pop(key, None)
        self._plan(key, 0.0)

    def _refresh_started(self, keys: list[Key]) -> None:
        """`refresh(key, config=True)` for each of them, in one go: a first list names every running
        guest (pushed one by one into its cluster's heap, ~4 ms of each first list of 2,000)."""
        if len(keys) < 64:
            for key in keys:
                self.refresh(key, config=True)
            return
        flags, due, heaps = self._flag, self._due, self._heaps
        for key in keys:
            flags.pop(key, None)
            due[key] = 0.0
            heaps.setdefault(key[0], []).append((0.0, next(self._seq), key))
        for cluster in {key[0] for key in keys}:
            heapq.heapify(heaps[cluster])
        if self._timer.interval() != TICK_MS:
            self._timer.start(TICK_MS)  # due now: back to the quick tick

    def _plan(self, key: Key, due: float) -> None:
        self._due[key] = due
        heapq.heappush(self._heaps.setdefault(key[0], []), (due, next(self._seq), key))
        if self._timer.interval() != TICK_MS and due - time.monotonic() < IDLE_TICK_MS / 1000:
            self._timer.start(TICK_MS)  # due soon: back to the quick tick

    def _task_changed(self, task) -> None:
        if task.running or not task.id.isdigit():
            return
        key = (task.cluster, int(task.id))
        if task.type == "qmconfig":
            self._flag.pop(key, None)
            if key in self._due:
                self.refresh(key)
        elif task.type in _RESTARTS and task.ok and self._wanted(self._model.get(key)):
            self.refresh(key, config=True)

    def _forget(self, key: Key) -> None:
        self._due.pop(key, None)
        self._uptime.pop(key, None)
        if self._model.agent(key) is not None:
            self._model.set_agent(key, None)
            self.updated.emit(key)

    def _removed(self, cluster: str) -> None:
        # Its first list, if held, is not walked later: added again, the cluster's is walked anew.
        self._held = deque(entry for entry in self._held if entry != (self._polled, cluster))
        self._scanned.discard(cluster)
        self._heaps.pop(cluster, None)
        for key in [k for k in self._due if k[0] == cluster]:
            self._due.pop(key, None)
            self._uptime.pop(key, None)
        self._flag = {k: v for k, v in self._flag.items() if k[0] != cluster}

    # ------------------------------------------------------------ sending

    def _room(self, cluster: str, now: float, seen: bool = True) -> bool:
        if self._in_flight.get(cluster, 0) >= self.concurrency:
            return False
        if _in_last_minute(self._started.setdefault(cluster, deque()), now) >= self.per_minute:
            return False
        return seen or _in_last_minute(self._background, now) < self.background_per_minute

    def _candidates(self, now: float, full: set[str]) -> Iterable[tuple[Key, bool]]:
        """Due guests, and whether they are shown: the visible ones first, then the soonest due of
        each cluster not `full`."""
        for key in self.visible():
            if self._due.get(key, now + 1) <= now and key not in self._busy:
                yield key, True
        if _in_last_minute(self._background, now) >= self.background_per_minute:
            return  # no room for guests out of sight (most ticks at 10,000): their heaps stay as they are
        for cluster, heap in list(self._heaps.items()):  # a copy: sending reorders the clusters
            while heap and heap[0][0] <= now and cluster not in full:
                due, _, key = heapq.heappop(heap)
                if self._due.get(key) == due and key not in self._busy:
                    yield key, False

    def pump(self) -> None:
        """Send what is due while the clusters have room (a timer calls it; tests may too)."""
        if self._held and not self._clusters.first_lists.awaited():
            self._take_held_soon()
        now = time.monotonic()
        soonest = min((heap[0][0] for heap in self._heaps.values() if heap), default=None)
        if soonest is None or soonest > now:  # nobody due (every due guest heads a heap): no viewport walk
            if (soonest is None or soonest - now >= IDLE_TICK_MS / 1000) and self._timer.interval() != IDLE_TICK_MS:
                self._timer.start(IDLE_TICK_MS)  # nobody soon either: wake the event loop less often
            return
        full: set[str] = set()
        waiting: list[Key] = []  # due, but their cluster has no room now
        clusters = len(self._clusters.ids())
        try:
            self._send_due(now, full, waiting, clusters)
        finally:
            for key in waiting:
                self._plan(key, self._due[key])

    def _send_due(self, now: float, full: set[str], waiting: list[Key], clusters: int) -> None:
        for key, seen in self._candidates(now, full):
            cluster = key[0]
            if key in self._busy:
                continue  # the visible pass sent it already
            if cluster in full or not self._room(cluster, now, seen):
                full.add(cluster)
                waiting.append(key)
                if len(full) >= clusters:
                    return
                continue
            inst, session = self._model.get(key), self._clusters.get(cluster)
            if inst is None or session is None or session.state != "online":
                self._plan(key, now + 5.0)
                continue
            if inst.type != LXC and not self._allowed(inst):
                self._plan(key, now + self.backoff)
                continue
            self._busy.add(key)
            self._plan(key, now + self.interval)
            if not seen:
                self._background.append(now)
                self._heaps[cluster] = self._heaps.pop(cluster)  # the next unseen one: another cluster's
            self._step(session, inst, now)

    def _allowed(self, inst: Instance) -> bool:
        privileges = self._clusters.privileges(inst.cluster)
        return permissions.missing("agent", privileges, vmid=inst.vmid, pool=inst.pool) is None

    def _send(self, session, op: api.Op, callback) -> None:
        cluster = session.name
        self._in_flight[cluster] = self._in_flight.get(cluster, 0) + 1
        self._started.setdefault(cluster, deque()).append(time.monotonic())
        self.sent += 1

        def done(data, error):
            self._in_flight[cluster] = max(0, self._in_flight.get(cluster, 1) - 1)
            callback(data, error)

        session.run(op, background=True).then(self, done)

    # One guest's requests, one at a time (so a guest holds at most one slot).
    def _step(self, session, inst: Instance, now: float) -> None:
        key = inst.key
        if inst.type == LXC:
            self._send(session, api.container_interfaces(inst),
                       lambda data, error: self._container_done(inst, data, error))
        elif key not in self._flag:
            self._send(session, api.guest_status(inst),
                       lambda data, error: self._status_done(session, inst, data, error))
        elif not self._flag[key]:
            self._finish(key, AgentInfo(AgentState.OFF))
        else:
            self._send(session, api.agent(inst, "network-get-interfaces"),
                       lambda data, error: self._interfaces_done(session, inst, data, error))

    def _status_done(self, session, inst: Instance, data, error) -> None:
        if error is not None:
            self._failed(inst.key, error)
            return
        self._flag[inst.key] = agent.agent_enabled((data or {}).get("agent"))
        self._step(session, inst, time.monotonic())

    def _interfaces_done(self, session, inst: Instance, data, error) -> None:
        if error is not None:
            self._failed(inst.key, error)
            return
        interfaces = agent.qga_interfaces(data)
        known = self._model.agent(inst.key)
        if known is not None and known.state == AgentState.OK and (known.hostname or known.os_name):
            # Host name and OS change rarely: asked again only after a start or reboot.
            self._finish(inst.key, AgentInfo(AgentState.OK, interfaces, known.hostname, known.os_name))
            return
        self._send(session, api.agent(inst, "get-host-name"),
                   lambda d, e: self._hostname_done(session, inst, interfaces, agent.hostname(d) if e is None else ""))

    def _hostname_done(self, session, inst: Instance, interfaces, hostname: str) -> None:
        self._send(session, api.agent(inst, "get-osinfo"),
                   lambda d, e: self._finish(inst.key, AgentInfo(
                       AgentState.OK, interfaces, hostname, agent.os_name(d) if e is None else "")))

    def _container_done(self, inst: Instance, data, error) -> None:
        if error is not None:
            self._failed(inst.key, error)
            return
        # A container's name is its host name (pve-container sets one from the other).
        self._finish(inst.key, AgentInfo(AgentState.OK, agent.lxc_interfaces(data), inst.name))

    def _failed(self, key: Key, error) -> None:
        state = agent.state_of(error)
        if state in (AgentState.TIMEOUT, AgentState.FAILED) and key in self._due:
            self._plan(key, time.monotonic() + self.backoff)
        self._finish(key, AgentInfo(state, error=str(error)))

    def _finish(self, key: Key, info: AgentInfo) -> None:
        self._busy.discard(key)
        if key not in self._due:
            return  # stopped meanwhile: its answer is stale
        if self._model.agent(key) != info:
            self._model.set_agent(key, info)
            self.updated.emit(key)

    # ------------------------------------------------------------ reading

    def info(self, key: Key) -> AgentInfo | None:
        return self._model.agent(key)

    def in_flight(self, cluster: str) -> int:
        return self._in_flight.get(cluster, 0)


def _in_last_minute(starts: deque[float], now: float) -> int:
    """How many of the start times (oldest first) are within the last minute; older ones dropped."""
    while starts and starts[0] < now - 60.0:
        starts.popleft()
    return len(starts)
