"""pve.backup: vzdump progress lines, backup file names, snapshot trees (pure, no Qt)."""

from virton_desktop.pve import backup
from virton_desktop.pve.entities import Backup, Snapshot

GiB = 1024 ** 3
MiB = 1024 ** 2


def test_progress_line_of_qemu_vzdump():
    p = backup.parse_progress("INFO:  42% (13.4 GiB of 32.0 GiB) in 1m 5s, read: 211.0 MiB/s, write: 205.3 MiB/s")
    assert p.percent == 42
    assert p.done == int(13.4 * GiB) and p.total == 32 * GiB
    assert p.seconds == 65
    assert p.read_rate == 211 * MiB and abs(p.write_rate - 205.3 * MiB) < 1
    assert 80 <= p.eta() <= 95


def test_progress_line_variants():
    first = backup.parse_progress("INFO:   0% (0.0 B of 32.0 GiB) in 0s, read: 0.0 B/s, write: 0.0 B/s")
    assert first.percent == 0 and first.done == 0 and first.eta() is None
    last = backup.parse_progress("INFO: 100% (32.0 GiB of 32.0 GiB) in 2h 3m 4s, read: 1.2 GiB/s, write: 0 B/s")
    assert last.percent == 100 and last.seconds == 7384 and last.eta() == 0
    assert backup.parse_progress("INFO:   7% (512.0 MiB of 7.0 GiB) in 3s").read_rate == 0.0


def test_other_lines_are_not_progress():
    for line in ("INFO: starting new backup job: vzdump 100", "INFO: Total bytes written: 1234 (1.2GiB, 95MiB/s)",
                 "TASK OK", "", "INFO: backup is sparse: 20.1 GiB (62%) total zero data"):
        assert backup.parse_progress(line) is None


def test_last_progress_picks_the_newest():
    lines = ["INFO: starting", "INFO:  10% (1.0 GiB of 10.0 GiB) in 2s, read: 500.0 MiB/s, write: 480.0 MiB/s",
             "INFO:  20% (2.0 GiB of 10.0 GiB) in 4s, read: 500.0 MiB/s, write: 480.0 MiB/s", "INFO: other"]
    assert backup.last_progress(lines).percent == 20
    assert backup.last_progress(["TASK OK"]) is None


def test_duration_forms():
    assert backup.duration_seconds("42s") == 42
    assert backup.duration_seconds("1d 2h 3m 4s") == 93784


def test_backup_names():
    name = backup.parse_backup_name("nfs-storage:backup/vzdump-qemu-100-2026_11_20-01_00_02.vma.zst")
    assert name == backup.BackupName("qemu", 100, (2026, 11, 20, 1, 0, 2), "vma", "zst")
    ct = backup.parse_backup_name("vzdump-lxc-200-2026_11_20-01_13_22.tar.zst")
    assert ct.kind == "lxc" and ct.vmid == 200 and ct.archive == "tar"
    assert backup.parse_backup_name("vzdump-qemu-101-2026_01_02-03_04_05.vma").compression == ""
    assert backup.parse_backup_name("local:iso/debian.iso") is None
    assert backup.archive_name("qemu", 100, (2026, 11, 20, 1, 0, 2)) == "vzdump-qemu-100-2026_11_20-01_00_02.vma.zst"
    assert backup.archive_name("lxc", 7, (2026, 1, 2, 3, 4, 5), "gzip").endswith(".tar.gz")
    assert backup.archive_name("lxc", 7, (2026, 1, 2, 3, 4, 5), "0").endswith(".tar")
    assert backup.file_name("s:backup/x.vma.zst") == "x.vma.zst" and backup.storage_of("s:backup/x") == "s"


def test_backup_entity_from_content_item():
    item = {"volid": "nfs-storage:backup/vzdump-lxc-200-2026_11_20-01_13_22.tar.zst", "size": 3 * GiB,
            "ctime": 1763600002, "format": "tar.zst", "notes": "dns1 nightly", "protected": 1}
    b = Backup.from_api("demo", "pve1", "nfs-storage", item, shared=True)
    assert (b.vmid, b.kind, b.protected, b.notes) == (200, "lxc", True, "dns1 nightly")
    assert b.file_name == "vzdump-lxc-200-2026_11_20-01_13_22.tar.zst" and b.key == ("demo", item["volid"])


def test_snapshot_names():
    assert backup.snapshot_name_problem("before_update") == ""
    assert backup.snapshot_name_problem("a-1_B") == ""
    assert backup.snapshot_name_problem("") == "empty"
    assert backup.snapshot_name_problem("1st") == "first"
    assert backup.snapshot_name_problem("_x") == "first"
    assert backup.snapshot_name_problem("with space") == "chars"
    assert backup.snapshot_name_problem("a.b") == "chars"
    assert backup.snapshot_name_problem("a" * 41) == "long"
    assert backup.snapshot_name_problem("a" * 40) == ""
    assert backup.snapshot_name_problem("current") == "reserved"


def test_snapshot_tree_with_now_under_the_active_snapshot():
    items = [{"name": "base", "snaptime": 100, "description": "fresh install"},
             {"name": "upgrade", "parent": "base", "snaptime": 200, "vmstate": 1},
             {"name": "experiment", "parent": "base", "snaptime": 300},
             {"name": "current", "parent": "upgrade", "running": 1, "description": "You are here!"}]
    roots = backup.snapshot_tree(items)
    assert [r.name for r in roots] == ["base"]
    base = roots[0]
    assert [c.name for c in base.children] == ["upgrade", "experiment"]
    upgrade = base.children[0]
    assert upgrade.vmstate and [c.name for c in upgrade.children] == ["current"]
    now = upgrade.children[0]
    assert now.is_current and now.running and now.description == ""
    assert Snapshot.from_api(items[1]).vmstate and Snapshot.from_api(items[3]).is_current


def test_snapshot_tree_edge_cases():
    assert [n.name for n in backup.snapshot_tree([{"name": "current"}])] == ["current"]
    broken = backup.snapshot_tree([{"name": "orphan", "parent": "gone"}, {"name": "current", "parent": "orphan"}])
    assert [n.name for n in broken] == ["orphan"] and broken[0].children[0].is_current
    cycle = backup.snapshot_tree([{"name": "a", "parent": "b"}, {"name": "b", "parent": "a"}])
    assert [n.name for n in cycle] == ["a"] and [c.name for c in cycle[0].children] == ["b"]
