"""The backup table: vzdump archives of every backup storage, and the vzdump jobs running or failed.

Rows are `BackupRow`s of two kinds:
- a volume (`Backup`), keyed ("vol", cluster, volid), status completed;
- a job (a vzdump `Task`), keyed ("job", cluster, upid): running (with live progress from its
  log) or failed. A job that ends OK leaves the table: its archive appears as a volume at the
  next listing.

Filtering (text: file name or VMID; statuses; types; one guest) and sorting live in the model
(a few hundred rows: no proxy needed, and `sort()` keeps persistent indexes). Updates are
incremental: after the first load, listings and task news become row inserts/removes, at most
one layout change when the order changes, and `dataChanged` for changed rows only; progress
touches the status cell of its row and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QDateTime, QModelIndex, Qt, Signal

from ..pve import backup as pvebackup
from ..pve import errors, parse
from ..pve.entities import LXC, QEMU, Backup, Task
from .base import SortsItself, TableModel, failed_color
from .plain_text import literal_tooltip

(COL_FILE, COL_VMID, COL_NAME, COL_TYPE, COL_NODE, COL_STORAGE, COL_SIZE, COL_DATE, COL_NOTES, COL_PROTECTED,
 COL_STATUS, COL_FORMAT) = range(12)  # the format came last: a header state saved before still fits
COLUMN_COUNT = 12

RowRole = Qt.ItemDataRole.UserRole + 1  # the BackupRow
ProgressRole = Qt.ItemDataRole.UserRole + 2  # JobProgress of a running job, else None
SortRole = Qt.ItemDataRole.UserRole + 3
StatusRole = Qt.ItemDataRole.UserRole + 4  # COMPLETED / FAILED / RUNNING

COMPLETED = "completed"
FAILED = "failed"
RUNNING = "running"
STATUSES = (COMPLETED, FAILED, RUNNING)

Key = tuple  # ("vol", cluster, volid) or ("job", cluster, upid)
NameResolver = Callable[[str, int], str]


class JobProgress(NamedTuple):
    """How far a running vzdump job got: percent is -1 while unknown (containers: indeterminate)."""

    percent: int = -1
    done: int = 0
    total: int = 0
    read_rate: float = 0.0
    write_rate: float = 0.0
    eta: int | None = None
    vmid: int | None = None  # the guest being backed up now (a job may cover several)
    kind: str = ""  # its type, once the log said it
    storage: str = ""  # the job's target storage, from its first log line

    @property
    def indeterminate(self) -> bool:
        return self.percent < 0


def progress_from_log(lines: Iterable[str], previous: JobProgress | None = None) -> JobProgress:
    """Fold new log lines into a job's progress: the guest being backed up and its last progress line."""
    prog = previous or JobProgress()
    for line in lines:
        if line.startswith("INFO: starting new backup job:") and "--storage " in line:
            prog = prog._replace(storage=line.split("--storage ", 1)[1].split()[0].strip("'\""))
            continue
        if line.startswith("INFO: Starting Backup of VM "):
            rest = line[len("INFO: Starting Backup of VM "):].split()
            vmid = int(rest[0]) if rest and rest[0].isdigit() else None
            kind = rest[1].strip("()") if len(rest) > 1 else ""
            prog = JobProgress(vmid=vmid, kind=kind, storage=prog.storage)
            continue
        p = pvebackup.parse_progress(line)
        if p is not None:
            prog = JobProgress(percent=p.percent, done=p.done, total=p.total, read_rate=p.read_rate,
                               write_rate=p.write_rate, eta=p.eta(), vmid=prog.vmid, kind=prog.kind or QEMU,
                               storage=prog.storage)
    return prog


@dataclass(frozen=True, slots=True)
class BackupRow:
    """One line of the table: a volume, or a vzdump job (running or failed)."""

    key: Key
    cluster: str
    backup: Backup | None = None
    task: Task | None = None
    progress: JobProgress | None = None

    @property
    def status(self) -> str:
        if self.task is not None:
            return RUNNING if self.task.running else FAILED
        return COMPLETED

    @property
    def is_job(self) -> bool:
        return self.task is not None

    @property
    def vmid(self) -> int | None:
        if self.backup is not None:
            return self.backup.vmid or None  # 0: PVE names no guest (a renamed archive)
        if self.progress is not None and self.progress.vmid is not None:
            return self.progress.vmid
        return self.task.vmid if self.task is not None else None

    @property
    def kind(self) -> str:
        if self.backup is not None:
            return self.backup.kind
        return self.progress.kind if self.progress is not None else ""

    @property
    def storage(self) -> str:
        if self.backup is not None:
            return self.backup.storage
        return self.progress.storage if self.progress is not None else ""

    @property
    def node(self) -> str:
        return self.backup.node if self.backup is not None else self.task.node if self.task else ""

    @property
    def time(self) -> int:
        return self.backup.ctime if self.backup is not None else self.task.starttime if self.task else 0


def volume_key(b: Backup) -> Key:
    return ("vol", b.cluster, b.volid)


def job_key(t: Task) -> Key:
    return ("job", t.cluster, t.upid)


@dataclass(frozen=True)
class BackupFilter:
    """What the user narrowed the list to; empty sets mean all."""

    text: str = ""
    statuses: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()  # qemu, lxc
    guest: tuple[str, int] | None = None  # (cluster, vmid): the detail page's tab

    def accepts(self, row: BackupRow, guest_kind: str = "") -> bool:
        """`guest_kind`: the type of the `guest` ("qemu"/"lxc", "" when not known). A guest's backups
        are the archives of its VMID and of its type, as on its Backup tab in PVE's web UI
        (grid/BackupView.js filters on `vmid` and `volume_is_qemu_backup`/`volume_is_lxc_backup`):
        not an old archive of another guest that had the VMID, not a file that is neither."""
        if self.guest is not None and row.backup is not None:
            if not row.kind or (guest_kind and row.kind != guest_kind):
                return False
        if self.guest is not None and (row.cluster, row.vmid) != self.guest:
            if not (row.is_job and row.task is not None and row.task.vmid is None
                    and row.cluster == self.guest[0] and row.progress is not None
                    and row.progress.vmid == self.guest[1]):
                return False
        if self.statuses and row.status not in self.statuses:
            return False
        if self.types and row.kind not in self.types:
            return False
        text = self.text.strip().lower()
        if text:
            vmid = row.vmid
            name = row.backup.file_name.lower() if row.backup is not None else ""
            if not (text in name or (vmid is not None and text in str(vmid))):
                return False
        return True


class BackupModel(SortsItself, TableModel, QAbstractTableModel):
    """Backups and vzdump jobs of all clusters. See the module docstring."""

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_ALIGNED = frozenset({COL_VMID, COL_SIZE})

    counts_changed = Signal()  # rows were added or removed, or a status changed
    job_finished = Signal(object)  # Task: a vzdump job we showed as running has ended

    def __init__(self, parent=None, *, name_of: NameResolver | None = None):
        super().__init__(parent)
        self._name_of = name_of
        self._guest_of: Callable[[str, int], Mapping | None] | None = None
        self._all: dict[Key, BackupRow] = {}
        self._rows: list[Key] = []
        self._doomed: set[Key] = set()  # keys to drop once their rows are removed
        self._filter = BackupFilter()
        self._sort_column = COL_DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._translate()

    # ------------------------------------------------------------ texts

    def _header_texts(self) -> list[str]:
        return [self.tr("File name"), self.tr("VMID"), self.tr("Guest"), self.tr("Type"), self.tr("Node"),
                self.tr("Storage"), self.tr("Size"), self.tr("Date"), self.tr("Notes"), self.tr("Protected"),
                self.tr("Status"), self.tr("Format")]

    def status_text(self, status: str) -> str:
        return {COMPLETED: self.tr("Completed"), FAILED: self.tr("Failed"),
                RUNNING: self.tr("In progress")}.get(status, status)

    def type_text(self, kind: str) -> str:
        return {QEMU: self.tr("VM"), LXC: self.tr("CT")}.get(kind, "")

    def guest_name(self, cluster: str, vmid: int | None) -> str:
        if self._name_of is None or vmid is None:
            return ""
        try:
            return self._name_of(cluster, vmid) or ""
        except Exception:  # a resolver must never break the view
            return ""

    def set_name_resolver(self, name_of: NameResolver | None) -> None:
        self._name_of = name_of
        self.names_changed()

    def set_guest_resolver(self, guest_of: Callable[[str, int], Mapping | None] | None) -> None:
        """Where a guest's `type` and `node` come from (a /cluster/resources item): the type of a job
        whose log does not tell it yet, the node shown for archives on a shared storage."""
        self._guest_of = guest_of
        self.names_changed()

    def _guest_field(self, cluster: str, vmid: int | None, field: str) -> str:
        if self._guest_of is None or vmid is None:
            return ""
        try:
            return str((self._guest_of(cluster, vmid) or {}).get(field) or "")
        except Exception:  # a resolver must never break the view
            return ""

    def _kind(self, cluster: str, vmid: int | None) -> str:
        return self._guest_field(cluster, vmid, "type")

    def node_text(self, row: BackupRow) -> str:
        """The node of a row: a job's, or the one that holds an archive; on a shared storage (every
        node sees it) the guest's node, else 'shared'."""
        if row.backup is not None and row.backup.shared:
            return self._guest_field(row.cluster, row.vmid, "node") or self.tr("shared")
        return row.node

    def names_changed(self) -> None:
        """Guest names (and types) may have changed: refresh the Guest column, fill in unknown job types."""
        guessed = []
        for key, row in self._all.items():
            if row.is_job and row.progress is not None and not row.progress.kind:
                kind = self._kind(row.cluster, row.vmid)
                if kind:
                    self._all[key] = replace(row, progress=row.progress._replace(kind=kind))
                    guessed.append(key)
        if guessed or self._filter.guest is not None:  # a guest's type tells which archives are its own
            self._refresh_rows(guessed)
        self._columns_changed(COL_NAME, COL_NODE)

    def progress_text(self, prog: JobProgress) -> str:
        """'42% · 350.0 MiB/s · 1m 20s left' (or what is known of it)."""
        if prog.indeterminate:
            return self.tr("In progress (no percentage for containers)") if prog.kind == LXC else self.tr("Starting…")
        parts = [self.tr("%1%").replace("%1", str(prog.percent))]
        if prog.read_rate:
            parts.append(self.tr("%1/s").replace("%1", parse.human_bytes(prog.read_rate)))
        if prog.eta is not None and prog.percent < 100:
            parts.append(self.tr("%1 left").replace("%1", _short_duration(prog.eta)))
        return " \u00b7 ".join(parts)

    # ------------------------------------------------------ Qt model API

    def _item(self, index: QModelIndex) -> BackupRow | None:
        key = super()._item(index)
        return None if key is None else self._all[key]

    def _role_data(self, row: BackupRow, col: int, role: int):
        if role == RowRole:
            return row
        if role == StatusRole:
            return row.status
        if role == ProgressRole:
            return row.progress if row.status == RUNNING else None
        if role == SortRole:
            return self._sort_value(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return failed_color() if row.status == FAILED else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.status == FAILED and row.task is not None:
                return literal_tooltip(errors.describe(errors.from_task_exit(row.task.exitstatus)))
            if col == COL_FILE and row.backup is not None:
                return literal_tooltip(row.backup.volid)
            if col == COL_NOTES and row.backup is not None and row.backup.notes:
                return literal_tooltip(row.backup.notes)
        return None

    def _display(self, row: BackupRow, col: int) -> str:
        b, t = row.backup, row.task
        if col == COL_FILE:
            if b is not None:
                return b.file_name
            return self.tr("Backup job %1").replace("%1", t.id or self.tr("(several guests)")) if t else ""
        if col == COL_VMID:
            return "" if row.vmid is None else str(row.vmid)
        if col == COL_NAME:
            return self.guest_name(row.cluster, row.vmid)
        if col == COL_TYPE:
            return self.type_text(row.kind)
        if col == COL_NODE:
            return self.node_text(row)
        if col == COL_STORAGE:
            return row.storage
        if col == COL_SIZE:
            return parse.human_bytes(b.size) if b is not None else ""
        if col == COL_DATE:
            return QDateTime.fromSecsSinceEpoch(row.time).toString("yyyy-MM-dd HH:mm:ss") if row.time else ""
        if col == COL_NOTES:
            if b is not None:
                return b.notes.replace("\n", " ")
            if t is not None and not t.running:
                return t.exitstatus
            return ""
        if col == COL_PROTECTED:
            return self.tr("Yes") if b is not None and b.protected else ""
        if col == COL_FORMAT:
            return b.format if b is not None else ""  # PVE's own words: vma.zst, tgz, pbs-vm
        if col == COL_STATUS:
            if row.status == RUNNING and row.progress is not None:
                return self.status_text(RUNNING) + " " + self.progress_text(row.progress)
            return self.status_text(row.status)
        return ""

    def _sort_value(self, row: BackupRow, col: int):
        b = row.backup
        if col == COL_VMID:
            return row.vmid if row.vmid is not None else -1
        if col == COL_SIZE:
            return b.size if b is not None else -1
        if col == COL_DATE:
            return row.time
        if col == COL_PROTECTED:
            return 1 if b is not None and b.protected else 0
        if col == COL_STATUS:
            return STATUSES.index(row.status)
        return self._display(row, col).lower()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        self._refresh_rows(())

    # ------------------------------------------------------------ lookup

    def row(self, index_or_row) -> BackupRow:
        r = index_or_row.row() if isinstance(index_or_row, QModelIndex) else int(index_or_row)
        return self._all[self._rows[r]]

    def rows(self) -> list[BackupRow]:
        """The visible rows, in order."""
        return [self._all[k] for k in self._rows]

    def all_rows(self) -> list[BackupRow]:
        return list(self._all.values())

    def row_of(self, key: Key) -> int:
        try:
            return self._rows.index(key)
        except ValueError:
            return -1

    def get(self, key: Key) -> BackupRow | None:
        return self._all.get(key)

    def find_volume(self, cluster: str, volid: str) -> BackupRow | None:
        return self._all.get(("vol", cluster, volid))

    def running_jobs(self) -> list[BackupRow]:
        return [r for r in self._all.values() if r.status == RUNNING]

    def count(self, status: str | None = None) -> int:
        return sum(1 for r in self._all.values() if status is None or r.status == status)

    # ------------------------------------------------------------ filter

    @property
    def filter(self) -> BackupFilter:
        return self._filter

    def set_filter(self, flt: BackupFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self._refresh_rows(())

    # ----------------------------------------------------------- updates

    def set_volumes(self, cluster: str, backups: Iterable[Backup], storages: Iterable[str] | None = None) -> None:
        """The archives of a cluster's listing. `storages`: which storages were listed (volumes of the
        others are kept, e.g. a storage of an offline node); None means all of the cluster's."""
        fresh = {volume_key(b): b for b in backups}
        listed = None if storages is None else set(storages)
        changed = []
        for key, row in list(self._all.items()):
            if key[0] != "vol" or row.cluster != cluster or key in fresh:
                continue
            if listed is not None and row.backup.storage not in listed:
                continue
            self._doomed.add(key)
        for key, b in fresh.items():
            self._doomed.discard(key)
            old = self._all.get(key)
            if old is None or old.backup != b:
                self._all[key] = BackupRow(key, cluster, backup=b)
                changed.append(key)
        self._refresh_rows(changed)

    def update_task(self, task: Task) -> None:
        """A vzdump task's news: running → a job row; failed → kept as failed; OK → the row goes."""
        if task.type != "vzdump":
            return
        key = job_key(task)
        old = self._all.get(key)
        if old is not None and old.task is not None and not old.task.running and task.running:
            return  # stale: a task never runs again
        was_running = old is not None and old.task is not None and old.task.running
        if task.ok:
            if old is not None:
                self._doomed.add(key)
                self._refresh_rows(())
        else:
            prog = old.progress if old is not None else None
            if prog is None and task.vmid is not None:
                prog = JobProgress(vmid=task.vmid, kind=self._kind(task.cluster, task.vmid))
            if not task.running and task.log_tail and prog is not None:
                prog = progress_from_log(task.log_tail, prog)
            new = BackupRow(key, task.cluster, task=task, progress=prog)
            if new != old:
                self._doomed.discard(key)
                self._all[key] = new
                self._refresh_rows([key])
        if was_running and not task.running:
            self.job_finished.emit(task)

    def update_progress(self, cluster: str, upid: str, lines: Iterable[str]) -> None:
        """New log lines of a running job: only its status cell changes (dataChanged, no relayout)."""
        key = ("job", cluster, upid)
        row = self._all.get(key)
        if row is None or row.status != RUNNING:
            return
        prog = progress_from_log(lines, row.progress)
        if prog == row.progress:
            return
        old_kind, old_vmid = row.kind, row.vmid
        self._all[key] = replace(row, progress=prog)
        if (prog.kind, prog.vmid) != (old_kind, old_vmid):
            self._refresh_rows([key])  # type/VMID cells (and maybe the filter) change too
            return
        r = self.row_of(key)
        if r >= 0:
            self._cell_changed(r, COL_STATUS, [Qt.ItemDataRole.DisplayRole, ProgressRole])

    def remove_cluster(self, cluster: str) -> None:
        self._doomed.update(k for k, r in self._all.items() if r.cluster == cluster)
        self._refresh_rows(())

    # -------------------------------------------------------- row moves

    def _sorted_visible(self) -> list[Key]:
        flt = self._filter
        doomed = self._doomed
        guest_kind = self._kind(*flt.guest) if flt.guest is not None else ""
        keys = [k for k, r in self._all.items() if k not in doomed and flt.accepts(r, guest_kind)]
        col = self._sort_column
        rows = self._all
        # Equal values keep the order of PVE's web UI, whichever way the column sorts: newest
        # first, then by volume id as PVE lists them (pve-storage `volume_list`: `lc($a->{volid})
        # cmp lc($b->{volid})`; the grid's sort is stable). Python's sort is stable, reversed too.
        keys.sort(key=lambda k: (-rows[k].time, k[2].lower(), k))
        keys.sort(key=lambda k: self._sort_value(rows[k], col), reverse=self._descending)
        return keys

    def _refresh_rows(self, changed: Iterable[Key]) -> None:
        """Bring the visible rows to the filter and sort order with precise signals."""
        new = self._sorted_visible()
        rows = self._rows
        structural = False
        newset = set(new)
        for r in range(len(rows) - 1, -1, -1):
            if rows[r] not in newset:
                self.beginRemoveRows(QModelIndex(), r, r)
                del rows[r]
                self.endRemoveRows()
                structural = True
        # Rows left the view first (a view may read them while they go), then the data.
        for key in self._doomed:
            self._all.pop(key, None)
        self._doomed.clear()
        present = set(rows)
        survivors = [k for k in new if k in present]
        if survivors != rows:
            persistent = self._begin_relayout()
            old = rows[:]
            rows[:] = survivors
            where = {k: i for i, k in enumerate(rows)}
            self._end_relayout(persistent, old, lambda key: where.get(key, -1))
        for pos, key in enumerate(new):
            if pos >= len(rows) or rows[pos] != key:
                self.beginInsertRows(QModelIndex(), pos, pos)
                rows.insert(pos, key)
                self.endInsertRows()
                structural = True
        if changed:
            where = {k: i for i, k in enumerate(rows)}
            for key in changed:
                r = where.get(key)
                if r is not None:
                    self._rows_changed(r, r)
        if structural or changed:
            self.counts_changed.emit()


def _short_duration(seconds: int) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if h:
        return "{0}h {1:02d}m".format(h, m)
    if m:
        return "{0}m {1:02d}s".format(m, s)
    return "{0}s".format(s)
