"""Last-known state at start-up and the feed of what changed since the user last looked.

`LastKnownState` (owned by the main window):
- when a cluster is added and has no guests on screen yet, its last-known list (last_known.py)
  is shown at once, greyed as stale with its age in the cluster bar; power actions on those
  guests stay disabled until the cluster's first live list replaces them;
- the first live list is compared with it, and the cluster's tasks since then (GET /cluster/tasks)
  say who did what: the changes go to the feed (View > Changes since you last looked), and the
  status bar's button says how many there are;
- each cluster's list is saved at most once a minute (the rows are copied on the GUI thread, the
  JSON written on a background thread) and at close;
- while the app runs, what others change is added to the same feed every minute
  (live_changes.py);
- the changes not yet marked as seen, and when the user last marked them, are kept between runs
  (seen_changes.py): the feed lists them again at the next start until "Mark as seen". The newest
  `change_feed.KEPT` of each cluster are listed and kept, the older ones counted (the dock says
  how many); the file is written on a thread of its own ("change-feed-writer"), the last writes
  waited for at close and before "Mark as seen".
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import change_feed, last_known
from ..config_files import SaveFailed
from ..pve import api
from ..seen_changes import SeenFile
from ..session_worker import InstanceDelta
from ..thread_signals import emit_if_alive
from . import kit
from .live_changes import LiveChanges
from .session_restore import cluster_key

log = logging.getLogger(__name__)

SAVE_EVERY_MS = 60_000
SHOW_AT_ONCE = 2_000  # cached guests put into the list per event-loop turn at start
# How long the last-known reader waits for the next cluster before it ends: clusters added one
# per event-loop turn (the demo's, saved ones connecting at start) then share one reader, where
# each found the last one ended and waited ~1-3 ms for a new thread to start (ten clusters).
READER_LINGER_S = 0.5
# A cluster's last-known list is shown when its live one has not come this long after the cluster
# was added. A near cluster answers sooner: its stale list only flashed before the live one
# replaced it, and reading and showing it (ten clusters of 2,000 guests: ~0.2 s of CPU, the reader's
# and the GUI thread's) held back the live lists of every cluster by as much.
CACHED_AFTER_MS = 300
# A cluster that answered first still has its list read, for the change feed: once no first list
# is awaited any more, one cluster at a time this far apart (each read builds its guests, and each
# comparison asks the cluster's task lists: ten at once held the first polls back, a 38 ms stall).
COMPARE_LATER_MS = 250


class FeedModel(QAbstractTableModel):
    """The changes, newest first: when, cluster, guest, what, by whom."""

    COLUMNS = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.changes: list[change_feed.Change] = []
        self.dropped: dict[str, int] = {}  # cluster -> changes found but not kept (older than its KEPT newest)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 5:
            return (self.tr("When"), self.tr("Cluster"), self.tr("Guest"), self.tr("Change"), self.tr("By"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self.changes[index.row()]
        col = index.column()
        if col == 0:
            return time.strftime("%Y-%m-%d %H:%M", time.localtime(c.when)) if c.when else self.tr("while closed")
        if col == 1:
            return c.cluster
        if col == 2:
            if c.vmid is None:
                return ""
            return "{0} ({1})".format(c.vmid, c.name) if c.name else str(c.vmid)
        if col == 3:
            return self.describe(c)
        return c.user

    def describe(self, c: change_feed.Change) -> str:
        words = {change_feed.CREATED: self.tr("created"), change_feed.DESTROYED: self.tr("destroyed"),
                 change_feed.STARTED: self.tr("started"), change_feed.STOPPED: self.tr("stopped")}
        if c.kind == change_feed.MIGRATED:
            return kit.fmt(self.tr("migrated %1"), c.detail)
        if c.kind == change_feed.BACKUP_FAILED:
            return kit.fmt(self.tr("backup failed: %1"), c.detail)
        if c.kind == change_feed.TASK_FAILED:
            return kit.fmt(self.tr("task failed: %1"), c.detail)
        return words.get(c.kind, c.kind)

    def add(self, changes: list[change_feed.Change]) -> None:
        """Add `changes` (those already listed are not added again); each cluster keeps its newest
        KEPT, the older ones are counted in `dropped`."""
        known = set(self.changes)
        changes = [c for c in changes if c not in known]  # kept from an earlier run and found again
        if not changes:
            return
        merged = sorted(self.changes + changes, key=lambda c: -c.when)
        listed: dict[str, int] = {}
        kept = []
        for change in merged:
            count = listed[change.cluster] = listed.get(change.cluster, 0) + 1
            if count <= change_feed.KEPT:
                kept.append(change)
            else:
                self.note_dropped(change.cluster, 1)
        self.beginResetModel()
        self.changes = kept
        self.endResetModel()

    def note_dropped(self, cluster: str, count: int) -> None:
        if count > 0:
            self.dropped[cluster] = self.dropped.get(cluster, 0) + count

    def dropped_at_least(self, cluster: str, count: int) -> None:
        """The count kept in the feed's file (it includes what this run counted when it wrote it)."""
        if count > self.dropped.get(cluster, 0):
            self.dropped[cluster] = count

    def of_cluster(self, cluster: str) -> list[change_feed.Change]:
        return [c for c in self.changes if c.cluster == cluster]

    def dropped_total(self) -> int:
        return sum(self.dropped.values())

    def total(self) -> int:
        """The changes found since the user last looked: those listed and those not kept."""
        return len(self.changes) + self.dropped_total()

    def clear(self) -> None:
        self.beginResetModel()
        self.changes = []
        self.dropped = {}
        self.endResetModel()


class FeedDock(QDockWidget):
    def __init__(self, model: FeedModel, open_change, parent=None):
        super().__init__(self.tr("Changes since you last looked"), parent)
        self.setObjectName("changeFeedDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableView(body)
        self.table.setObjectName("changeFeedTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line per change, as the task panel
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 90, 200, 560)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: open_change(model.changes[index.row()]))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.dropped_note = QLabel(body)
        self.dropped_note.setObjectName("changeFeedDropped")
        self.dropped_note.setTextFormat(Qt.TextFormat.PlainText)
        self.dropped_note.hide()
        row.addWidget(self.dropped_note)
        row.addStretch(1)
        self.seen_button = QPushButton(self.tr("Mark as seen"), body)
        self.seen_button.setObjectName("changeFeedSeen")
        row.addWidget(self.seen_button)
        layout.addLayout(row)
        self.setWidget(body)

    def show_dropped(self, dropped: int) -> None:
        self.dropped_note.setText(kit.fmt(self.tr("Only the newest %1 changes of each cluster are listed; %2 older "
                                                  "ones are not."), change_feed.KEPT, dropped))
        self.dropped_note.setVisible(dropped > 0)


class LastKnownState(QObject):
    # A cluster's file read on a background thread: (cluster, Snapshot or None). Building 10,000
    # guests from it takes ~80 ms, too long for the GUI thread.
    loaded = Signal(str, object)

    def __init__(self, window, base=None):
        super().__init__(window)
        self.window = window
        self.base = base  # the state folder (None: last_known's default)
        self.model = FeedModel(self)
        self._cached: dict[str, last_known.Snapshot] = {}  # cluster -> what was shown before it was live
        self._dirty: set[str] = set()
        self._live: set[str] = set()  # clusters whose live list has come since they were added
        self._keys: dict[str, str] = {}  # cluster -> its entry in the files (profile:<id>, name:<name>)
        self._seen_at: dict[str, float | None] = {}  # cluster key -> when its feed was last marked as seen
        self._seen_file: SeenFile | None = None
        self._writer: threading.Thread | None = None
        # The last-known lists are read on one thread for all clusters: a thread started per
        # cluster made each of ten clusters' registration wait ~3 ms for its start.
        # The thread ends when nothing has been left to read for READER_LINGER_S (a thread
        # waiting for ever would keep this object, and its window, alive).
        self._reads: queue.SimpleQueue[tuple[str, str]] = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        self._reader_lock = threading.Lock()
        self._next_compare = 0.0  # time.monotonic() from which the next read for the feed alone may start
        # The feed's file is written on a thread of its own: a write re-reads, merges and replaces
        # the whole file, with an fsync, and the feed records what others changed every minute.
        # Pending entries by cluster key: only the latest of each is written.
        self._seen_pending: dict[str, tuple] = {}
        self._seen_writer: threading.Thread | None = None
        self._seen_lock = threading.Lock()
        self.dock: FeedDock | None = None
        self.notice = QToolButton(window)
        self.notice.setObjectName("changeFeedNotice")
        self.notice.setAutoRaise(True)
        self.notice.hide()
        self.notice.clicked.connect(self.show_feed)
        window.statusBar().addWidget(self.notice)
        self.started = False
        self._timer = QTimer(self)
        self._timer.setInterval(SAVE_EVERY_MS)
        self._timer.timeout.connect(self.save_soon)
        self.live = LiveChanges(window, self.record, parent=self)  # what others change while it runs

    def start(self) -> None:
        """Show last-known lists of clusters added from now on, and keep the lists (the app calls
        it; tests that want it call it)."""
        self.started = True
        self.window.clusters.added.connect(self._added)
        self.window.clusters.polled.connect(self._polled)
        self.loaded.connect(self._loaded)
        self._timer.start()
        self.live.start()

    # ---------------------------------------------------------------- API

    def add_menu_entry(self, menu) -> None:
        action = menu.addAction(self.tr("Changes since you last looked…"))
        action.setObjectName("action-change-feed")
        action.triggered.connect(self.show_feed)

    def show_feed(self) -> FeedDock:
        if self.dock is None:
            self.dock = FeedDock(self.model, self._open_change, self.window)
            self.dock.seen_button.clicked.connect(self.mark_seen)
            # Beside the task panel, as a tab of its own: both are lists of what happened.
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            self.window.tabifyDockWidget(self.window.task_panel, self.dock)
        self.dock.show_dropped(self.model.dropped_total())
        self.dock.show()
        self.dock.raise_()
        return self.dock

    def mark_seen(self) -> None:
        self.flush_seen()  # an earlier write still on its way must not land after this one
        now = time.time()
        for key in self._keys.values():
            self._seen_at[key] = now
            self._put_seen(key, now, [], 0)
        self.model.clear()
        self.notice.hide()
        if self.dock is not None:
            self.dock.show_dropped(0)

    def is_cached(self, cluster: str) -> bool:
        """The cluster's rows on screen are the last-known list, not yet a live one."""
        return cluster in self._cached

    def save_all(self) -> None:
        """Now, on this thread (the app is closing)."""
        self.flush_seen()
        if not self.started:
            return
        if self._writer is not None:
            self._writer.join()
        for cluster in list(self._dirty):
            job = self._job(cluster)
            if job is not None:
                self._write(*job)
        self._dirty.clear()

    def save_soon(self) -> None:
        """Write the lists that changed since the last save, on a background thread."""
        if not self._dirty or (self._writer is not None and self._writer.is_alive()):
            return
        jobs = [job for job in (self._job(c) for c in self._dirty) if job is not None]
        self._dirty.clear()
        self._writer = threading.Thread(target=lambda: [self._write(*job) for job in jobs],
                                        name="last-known-writer", daemon=True)
        self._writer.start()

    # ------------------------------------------------------------ helpers

    def _job(self, cluster: str):
        session = self.window.clusters.get(cluster)
        if session is None or cluster in self._cached:
            return None
        # A list of immutable Instances: the writer thread makes the rows (last_known.encode).
        return cluster_key(session), time.time(), self.window.model.instances_of(cluster)

    def _write(self, key: str, saved_at: float, guests: list) -> None:
        try:
            last_known.save(key, saved_at, guests, self.base)
        except OSError:
            pass  # a cache: the next start just has no list to show early

    def _added(self, session) -> None:
        cluster = session.name
        key = self._keys[cluster] = cluster_key(session)
        seen = self._seen().get(key, cluster)  # found at an earlier start, not yet seen
        self._seen_at[key] = seen.seen_at
        self.model.add(list(seen.unseen))
        self.model.dropped_at_least(cluster, seen.dropped)
        self._show_notice()
        self._live.discard(cluster)
        if self.window.model.has_guests(cluster):
            return
        QTimer.singleShot(CACHED_AFTER_MS, self, lambda: self._read_later(key, cluster, session))

    def _read_later(self, key: str, cluster: str, session) -> None:
        if self.window.clusters.get(cluster) is not session:
            return  # removed or replaced meanwhile (a replacement was added on its own)
        if cluster in self._live:  # live already: its list is read for the feed only
            wait = self._next_compare - time.monotonic()
            if self.window.clusters.first_lists.awaited() or wait > 0:
                later = COMPARE_LATER_MS if wait <= 0 else int(wait * 1000) + 1
                QTimer.singleShot(later, self, lambda: self._read_later(key, cluster, session))
                return
            self._next_compare = time.monotonic() + COMPARE_LATER_MS / 1000
        with self._reader_lock:
            self._reads.put((key, cluster))
            if self._reader is None:
                self._reader = threading.Thread(target=self._read_all, name="last-known-reader", daemon=True)
                self._reader.start()

    def _read_all(self) -> None:
        while True:
            try:
                key, cluster = self._reads.get(timeout=READER_LINGER_S)
            except queue.Empty:
                with self._reader_lock:  # what `_added` put before this lock is read, not left
                    if self._reads.empty():
                        self._reader = None
                        return
                continue
            try:
                self._load(key, cluster)
            except Exception:  # noqa: BLE001 - a cache: that cluster shows no early list, the others still do
                log.exception("reading the last-known list of %s failed", cluster)

    def _load(self, key: str, cluster: str) -> None:
        snapshot = last_known.load(key, cluster, self.base)
        emit_if_alive(self.loaded, cluster, snapshot)  # (the window may have closed meanwhile)

    def _loaded(self, cluster: str, snapshot) -> None:
        if snapshot is None or self.window.clusters.get(cluster) is None:
            return
        if cluster in self._live:  # the cluster answered first: nothing stale to show, only what changed
            self._ask_tasks(cluster, snapshot)
            return
        self._cached[cluster] = snapshot
        # In parts, one per event-loop turn: 10,000 guests at once held the GUI thread ~100 ms.
        self.window.model.apply(InstanceDelta(cluster, True, snapshot.guests[:SHOW_AT_ONCE], ()))
        self.window.model.set_stale(cluster, True)
        self._show_more(cluster, snapshot, SHOW_AT_ONCE)
        self.window.clusters.note_cached(cluster, snapshot.saved_at)
        self.window.cluster_bar.show_message(kit.fmt(
            self.tr("%1: showing the guest list as it was %2 ago, until the cluster answers. Actions wait "
                    "until then."), cluster, self.window.age_text(cluster)))

    def _show_more(self, cluster: str, snapshot, start: int) -> None:
        if start >= len(snapshot.guests):
            return

        def more() -> None:
            # Not when the live list came meanwhile (it replaces the cached one) or the cluster went.
            if self._cached.get(cluster) is snapshot and self.window.clusters.get(cluster) is not None:
                part = snapshot.guests[start:start + SHOW_AT_ONCE]
                self.window.model.apply(InstanceDelta(cluster, False, part, ()))
                self._show_more(cluster, snapshot, start + SHOW_AT_ONCE)
        QTimer.singleShot(0, self, more)

    def _polled(self, cluster: str) -> None:
        self._dirty.add(cluster)
        self._live.add(cluster)
        snapshot = self._cached.pop(cluster, None)
        if snapshot is not None:
            self._ask_tasks(cluster, snapshot)
            self.window._selection_changed()  # its actions are possible again

    def _ask_tasks(self, cluster: str, snapshot) -> None:
        """The tasks since the snapshot was saved, then the changes between it and the live list."""
        session = self.window.clusters.get(cluster)
        if session is None:
            return
        live = self.window.model.instances_of(cluster)
        # /cluster/tasks keeps the cluster's recent tasks only; each node's own list goes back to
        # the saved list's time (failed ones: what a long absence must not hide).
        ops = [api.cluster_tasks()] + [api.node_tasks(node, int(snapshot.saved_at), errors_only=True)
                                       for node in sorted({g.node for g in live} | {g.node for g in snapshot.guests})]
        answers: list = []

        def answered(data, error) -> None:
            answers.append(data if error is None and isinstance(data, list) else [])
            if len(answers) == len(ops):
                self._compare(cluster, snapshot, live, [item for listing in answers for item in listing])
        for op in ops:
            session.run(op, background=True).then(self, answered)

    def _compare(self, cluster, snapshot, live, listing) -> None:
        unique = {str(item.get("upid")): item for item in listing if isinstance(item, dict)}
        tasks = change_feed.tasks_of(cluster, unique.values())
        found, total = change_feed.found_changes(cluster, snapshot.guests, live, tasks, snapshot.saved_at,
                                                 limit=change_feed.KEPT)
        self.record(cluster, found, total - len(found))

    def record(self, cluster: str, found: list, dropped: int = 0) -> None:
        """Changes into the feed (newest first), kept with the cluster's unseen ones until marked
        as seen; `dropped`: older ones found and not kept."""
        self.model.add(found)
        self.model.note_dropped(cluster, dropped)
        self._show_notice()
        key = self._keys.get(cluster)
        if (found or dropped) and key is not None:
            self._put_seen_later(key, self._seen_at.get(key), self.model.of_cluster(cluster),
                                 self.model.dropped.get(cluster, 0))

    def _show_notice(self) -> None:
        total = self.model.total()
        if total:
            self.notice.setText(self.tr("%n change(s) since you last looked", "", total))
            self.notice.show()
        if self.dock is not None:
            self.dock.show_dropped(self.model.dropped_total())

    def _seen(self) -> SeenFile:
        if self._seen_file is None:
            self._seen_file = SeenFile(self.base)
            for notice in self._seen_file.take_notices():  # a damaged file was kept aside: say so once
                from .file_messages import describe

                self.window.statusBar().showMessage(describe(notice), 10000)
        return self._seen_file

    def _put_seen(self, key: str, seen_at: float | None, unseen, dropped: int) -> None:
        try:
            self._seen().put(key, seen_at, unseen, dropped)
        except SaveFailed as exc:
            log.warning("change feed not saved: %s", exc)

    def _put_seen_later(self, key: str, seen_at: float | None, unseen, dropped: int) -> None:
        """Write the cluster's entry on the feed's writer thread (the latest one of each cluster)."""
        self._seen()  # made here, so its notices reach the status bar
        with self._seen_lock:
            self._seen_pending[key] = (seen_at, list(unseen), dropped)
            if self._seen_writer is None:
                self._seen_writer = threading.Thread(target=self._write_seen, name="change-feed-writer",
                                                     daemon=True)
                self._seen_writer.start()

    def _write_seen(self) -> None:
        while True:
            with self._seen_lock:
                if not self._seen_pending:
                    self._seen_writer = None
                    return
                key, entry = self._seen_pending.popitem()
            try:
                self._put_seen(key, *entry)
            except Exception:  # noqa: BLE001 - a feed not saved: the next write tries again
                log.exception("writing the change feed failed")

    def flush_seen(self) -> None:
        """Wait for the feed's writes on their way (at close, before "Mark as seen")."""
        with self._seen_lock:
            writer = self._seen_writer
        if writer is not None:
            writer.join()

    def _open_change(self, change) -> None:
        inst = self.window.model.get((change.cluster, change.vmid)) if change.vmid is not None else None
        if change.upid and change.kind in (change_feed.TASK_FAILED, change_feed.BACKUP_FAILED):
            from ..pve.entities import Task

            self.window.task_panel.open_log(Task.from_upid(change.cluster, change.upid))
        elif inst is not None:
            self.window.open_detail(inst)
