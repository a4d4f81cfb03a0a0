"""Real vzdump archive names and backup listings through our reading of them, held against what
Proxmox does with them (data and provenance: tests/data/pve-answers/README.md).

- pve-storage (0c56bad8): src/PVE/Storage.pm `archive_info`, `$BACKUP_EXT_RE_2`; Plugin.pm
  `KNOWN_COMPRESSION_FORMATS`, `$get_subdir_files` (what a dir storage lists), `parse_volname`;
  PBSPlugin.pm `print_volid`, `parse_volname`, `list_volumes`; API2/Storage/Content.pm `index`.
- pve-manager's web UI (14a22df3): www/manager6/grid/BackupView.js (a guest's Backup tab: its
  VMID and type, sorted by vmid ASC, vdate DESC), storage/ContentView.js (`vdate`: the name's
  date, else ctime), Utils.js `render_storage_content`, `volume_is_qemu_backup`,
  `volume_is_lxc_backup`, window/Restore.js (`archive` for a VM, `ostemplate` + `restore` for a CT).
"""

import calendar
import json
import re
import time
from pathlib import Path

import pytest
from PySide6.QtGui import Qt, QTextDocument  # QtGui's Qt has mightBeRichText

from virton_desktop.models.backups import (
    COL_DATE,
    COL_FILE,
    COL_FORMAT,
    COL_NOTES,
    COL_PROTECTED,
    COL_TYPE,
    BackupFilter,
    BackupModel,
)
from virton_desktop.models.instances import InstanceModel
from virton_desktop.models.tasks import TaskModel
from virton_desktop.pve import api, backup
from virton_desktop.pve.entities import Backup

from conftest import make_session
from helpers import answer, started

DATA = Path(__file__).parent / "data" / "pve-answers"
STORAGE = json.loads((DATA / "pve-storage-backups.json").read_text(encoding="utf-8"))
PBS = json.loads((DATA / "pbs-content.json").read_text(encoding="utf-8"))
KIND = {"qemu": "qemu", "lxc": "lxc", "openvz": "lxc"}  # PVE restores an OpenVZ archive as a container


def answered(items):
    """list_volumes items as GET .../content answers them: Content.pm int()s size and vmid,
    volume_list sorts by lc(volid)."""
    out = [{k: (int(v) if k in ("size", "vmid") else v) for k, v in item.items()} for item in items]
    return sorted(out, key=lambda item: item["volid"].lower())


def listed_backups(case):
    return [i for i in answered(case["expected"]) if i["content"] == "backup"]


def read(item, storage="local"):
    return Backup.from_api("c", "x42", storage, item)


def shown(text):
    """What Qt shows of a cell text or tooltip: a tooltip Qt takes for HTML is rendered first."""
    if text and Qt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


# ------------------------------------------------------------------ names


@pytest.mark.parametrize("case", STORAGE["archive_info"]["cases"], ids=lambda c: c["description"])
def test_archive_names_read_as_pve_storage_archive_info(case):
    got = backup.archive_info(case["archive"])
    want = case["expected"]
    if isinstance(want, str):  # "ERROR: couldn't determine archive info"
        assert got is None
        assert backup.parse_backup_name(case["archive"]) is None
        return
    assert (got.filename, got.type, got.format, got.compression, got.is_std_name) == \
        (want["filename"], want["type"], want["format"], want["compression"], bool(want["is_std_name"]))
    assert (got.vmid, got.ctime) == (want.get("vmid"), want.get("ctime"))  # standard names only; UTC
    name = backup.parse_backup_name("local:backup/" + got.filename)
    if not want["is_std_name"]:
        assert name is None
        return
    digits = tuple(int(x) for x in re.findall(r"[0-9]+", got.filename.split("-", 3)[3])[:6])
    assert name == backup.BackupName(KIND[want["type"]], want["vmid"], digits, want["format"],
                                     want["compression"])


@pytest.mark.parametrize("case", STORAGE["parse_volname"]["cases"], ids=lambda c: c["volname"])
def test_backup_volumes_as_parse_volname_tells_them(case):
    """A backup volume is a name with a backup extension; its owner is the VMID of a vzdump name."""
    name = case["volname"].split("/", 1)[1]
    if isinstance(case["expected"], str):  # "unable to parse directory volume name"
        assert backup.backup_extension(name) is None
        return
    assert backup.backup_extension(name) is not None
    owner = case["expected"][2]
    b = read({"volid": "local:" + case["volname"], "content": "backup"})
    assert b.vmid == (int(owner) if owner else 0)
    assert b.kind == ("" if name.startswith("vzdump-none-") else KIND[name.split("-")[1]])


@pytest.mark.parametrize("case", STORAGE["path_to_volume_id"]["cases"], ids=lambda c: c["volname"])
def test_dump_files_pve_takes_for_backups(case):
    volid = case["expected"][-1]
    assert (backup.backup_extension(case["volname"].rsplit("/", 1)[1]) is not None) == bool(volid)
    if volid:
        assert read({"volid": volid}).kind == KIND[volid.split("vzdump-")[1].split("-")[0]]


# ------------------------------------------------------------------ listings


@pytest.mark.parametrize("case", STORAGE["list_volumes"]["cases"], ids=lambda c: c["description"])
def test_dir_storage_listing_reads_as_pve_lists_it(case):
    items = listed_backups(case)
    for item in items:
        b = read(item)
        assert (b.vmid, b.kind, b.ctime, b.format, b.size) == \
            (item["vmid"], KIND[item["subtype"]], item["ctime"], item["format"], item["size"])
        assert b.file_name == item["volid"].split(":backup/", 1)[1]  # render_storage_content
        info = backup.archive_info(item["volid"])  # what the listing took from the name, we take too
        assert (info.type, info.ctime, info.vmid) == (item["subtype"], item["ctime"], item["vmid"])
        assert backup.backup_extension(info.filename) == item["format"]
        bare = read({"volid": item["volid"]})  # an answer without its optional fields
        assert (bare.vmid, bare.kind, bare.ctime, bare.format) == (b.vmid, b.kind, b.ctime, b.format)
    dumped = [f.split("/", 1)[1] for f in case["files"] if f.startswith("dump/")]
    # The files of dump/ PVE does not list (vma.xz, vms.gz, zip.gz, tgz.lzo) are no backups to us either.
    assert sorted(f for f in dumped if backup.backup_extension(f)) == \
        sorted(i["volid"].split(":backup/", 1)[1] for i in items)


def test_renamed_archives_read_as_prune_reads_them():
    """prune_backups: type and VMID from archive_info ('unknown' type for `vzdump-1234-renamed`),
    'renamed' for a name that is not standard; the listing's own ctime, vmid and protected."""
    lists = STORAGE["prune_backups"]["lists"]
    items = {i["volid"]: i for name in ("default", "year1970", "novmid") for i in lists[name]}
    checked = 0
    for case in STORAGE["prune_backups"]["cases"]:
        for want in case["expected"]:
            item = items[want["volid"]]
            info = backup.archive_info(want["volid"])
            assert (info.type if info else "unknown") == want["type"]
            assert (info is not None and info.is_std_name) == (want["mark"] != "renamed")
            b = read(item, "BackTest123")  # only volid, ctime, vmid, protected: no subtype, format, size
            assert b.kind == KIND.get(want["type"], "")
            assert (b.vmid, b.ctime, b.protected) == (want.get("vmid", 0), item["ctime"], want["mark"] == "protected")
            assert b.format == backup.backup_extension(backup.file_name(want["volid"]))
            checked += 1
    assert checked == 19


@pytest.mark.parametrize("source", ["ansible", "built"])
def test_pbs_snapshots_read_as_pve_lists_them(source):
    for item in PBS[source]["items"]:
        b = read(item, PBS[source]["storage"])
        btype, vmid, when = item["volid"].split(":backup/", 1)[1].split("/")
        assert b.file_name == "/".join((btype, vmid, when))  # render_storage_content keeps the type and id
        assert (b.vmid, b.kind, b.format) == (item["vmid"], item["subtype"], item["format"])
        assert b.ctime == item["ctime"] == calendar.timegm(time.strptime(when, "%Y-%m-%dT%H:%M:%SZ"))
        assert (b.notes, b.protected) == (item.get("notes", ""), bool(item.get("protected")))
        bare = read({"volid": item["volid"]}, PBS[source]["storage"])
        assert (bare.vmid, bare.kind, bare.ctime, bare.format) == (b.vmid, b.kind, b.ctime, b.format)


# ------------------------------------------------------------------ PVE's web UI, emulated


def pve_type(item):
    """Utils.js: volume_is_qemu_backup / volume_is_lxc_backup of a listing item, or ''."""
    volid, fmt, sub = item["volid"], item.get("format"), item.get("subtype")
    if fmt == "pbs-vm" or ":backup/vzdump-qemu-" in volid or sub == "qemu":
        return "qemu"
    return "lxc" if fmt == "pbs-ct" or re.search(":backup/vzdump-(lxc|openvz)-", volid) or sub == "lxc" else ""


def pve_guest_view(items, vmid, vmtype):
    """grid/BackupView.js: the guest's VMID and type; sorters vmid ASC, vdate DESC, stable on the
    answer's order (per storage: by lc(volid)). `vdate` (storage/ContentView.js): the name's
    YYYY_MM_DD-HH_MM_SS, else ctime (the browser's time zone: UTC here)."""
    def vdate(item):
        m = re.search(r"(\d{4}_\d{2}_\d{2})-(\d{2}_\d{2}_\d{2})", item["volid"])
        if m:
            return m.group(1).replace("_", "-") + " " + m.group(2).replace("_", ":")
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(item["ctime"])) if item.get("ctime") else ""
    mine = [i for i in answered(items) if i.get("vmid") == vmid and pve_type(i) == vmtype]
    return [i["volid"] for i in sorted(mine, key=vdate, reverse=True)]


GUESTS = {16110: "qemu", 16112: "lxc", 19253: "lxc", 931: "qemu"}
# Beside the real ones, what PVE lists for other files of a dump directory (Plugin.pm `$get_subdir_files`):
# an old VM archive of a VMID a container has now, a renamed one, odd characters, HTML in notes.
EXTRA = [
    {"volid": "local:backup/vzdump-qemu-16112-2019_07_01-03_00_00.vma.zst", "format": "vma.zst", "subtype": "qemu",
     "vmid": 16112, "ctime": 1561950000, "size": 1, "content": "backup"},
    {"volid": "local:backup/vzdump-16110-renamed.tar.zst", "format": "tar.zst", "subtype": "unknown",
     "vmid": 16110, "ctime": 1234567890, "size": 1, "content": "backup"},
    {"volid": "local:backup/vzdump-qemu-16110-<b>before upgrade</b> & co.vma.zst", "format": "vma.zst",
     "subtype": "qemu", "vmid": 16110, "ctime": 1585602800, "size": 1, "content": "backup",
     "notes": "<i>first line</i> & <img src=x>", "protected": 1},
    {"volid": "local:backup/vzdump-qemu-16110-whatever-the-name_is_here.tgz", "format": "tgz", "subtype": "qemu",
     "vmid": 16110, "ctime": 1585602835, "size": 1, "content": "backup"},
]


def mixed_answer():
    """One dir storage's answer (three list_volumes cases with images, ISOs, templates and snippets
    beside backups of five guests), the PBS ones, and EXTRA."""
    cases = STORAGE["list_volumes"]["cases"]
    local = [i for c in cases[:2] + cases[4:5] for i in answered(c["expected"])] + EXTRA
    return {"local": local, "datastore": PBS["ansible"]["items"], "pbs": PBS["built"]["items"]}


def test_a_guests_backups_are_pves_guest_tab_in_its_order(qtmodeltester):
    answers = mixed_answer()
    model = BackupModel()
    model.set_guest_resolver(lambda _c, vmid: {"type": GUESTS[vmid]} if vmid in GUESTS else None)
    model.set_volumes("c", [Backup.from_api("c", "x42", sid, i) for sid, items in answers.items() for i in items
                            if i["content"] == "backup"])
    qtmodeltester.check(model)
    everything = [i for items in answers.values() for i in items]
    for vmid, vmtype in GUESTS.items():
        model.set_filter(BackupFilter(guest=("c", vmid)))
        # Per storage as PVE lists them; across storages, newest first like the grid's vdate sort.
        want = pve_guest_view(everything, vmid, vmtype)
        assert [r.backup.volid for r in model.rows()] == want, vmid
    model.set_filter(BackupFilter(guest=("c", 16110)))
    assert len(model.rows()) == 8 and "local:backup/vzdump-16110-renamed.tar.zst" not in \
        [r.backup.volid for r in model.rows()]  # neither a VM's nor a container's: on no guest's tab
    model.set_filter(BackupFilter(guest=("c", 16112)))
    assert all(r.kind == "lxc" for r in model.rows()) and len(model.rows()) == 6  # with openvz and PBS ct
    model.set_filter(BackupFilter())
    assert model.rowCount() == sum(1 for i in everything if i["content"] == "backup")
    for r in range(model.rowCount()):
        b = model.row(r).backup
        item = next(i for i in everything if i["volid"] == b.volid)
        assert model.index(r, COL_FORMAT).data() == item["format"]  # vma.zst, tgz, tar.bz2, pbs-vm as PVE shows
        assert model.index(r, COL_FILE).data() == re.sub(r"^.*?:(.*?/)?", "", b.volid)
        assert model.index(r, COL_TYPE).data() == {"qemu": "VM", "lxc": "CT", "": ""}[pve_type(item)]
        assert shown(model.index(r, COL_FILE).data(Qt.ItemDataRole.ToolTipRole)) == b.volid
        assert model.index(r, COL_PROTECTED).data() == ("Yes" if item.get("protected") else "")
        if item.get("notes"):
            assert model.index(r, COL_NOTES).data() == item["notes"]
            assert shown(model.index(r, COL_NOTES).data(Qt.ItemDataRole.ToolTipRole)) == item["notes"]
        assert model.row(r).vmid == item["vmid"]


def test_archives_of_one_second_keep_pves_order_both_ways():
    """list_volumes_test: vzdump-qemu-16110-2020_03_30-21_13_55 as .vma and as .vma.zst. PVE's grid sorts
    stably on the answer's order (`volume_list`: lc(volid)), whichever way the date column sorts."""
    items = listed_backups(STORAGE["list_volumes"]["cases"][0])
    model = BackupModel()
    model.set_volumes("c", [read(i) for i in reversed(items)])
    same = [i["volid"] for i in items if "21_13_55" in i["volid"]]
    assert same == sorted(same, key=str.lower) and len(same) == 2
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        model.sort(COL_DATE, order)
        assert [r.backup.volid for r in model.rows() if r.backup.volid in same] == same


# ------------------------------------------------------------------ the app against the demo cluster


def _put_files(pve, files, notes=None, protected=()):
    """Files of a dir storage's directories into the demo's `local` (ctime: list_volumes_test's
    mocked stat, 1234567890)."""
    content = {"dump": "backup", "template/iso": "iso", "template/cache": "vztmpl"}
    for path in files:
        where, name = path.rsplit("/", 1)
        if where not in content:
            continue  # images, snippets: not on `local` of the demo, and no backups
        kind = content[where]
        pve.storages["local"]["volumes"]["{0}/{1}".format(kind, name)] = {
            "content": kind, "size": 131072, "ctime": 1234567890, "format": "raw",
            "notes": (notes or {}).get(name, ""), "protected": name in protected}


def test_the_guest_tabs_against_the_demo_show_what_pves_would(qtbot, demo):
    from virton_desktop.ui.backups.backup_dialogs import RestoreDialog
    from virton_desktop.ui.backups.backups_page import BackupsView

    cases = STORAGE["list_volumes"]["cases"]
    demo.pve.add_vm(16110, "x42-vm", node="pve1")
    demo.pve.add_ct(16112, name="x42-ct", node="pve1", config={"rootfs": "local-lvm:vm-16112-disk-0,size=8G"})
    files = [f for c in (cases[0], cases[1], cases[4]) for f in c["files"]]
    files += ["dump/vzdump-16110-renamed.tar.zst", "dump/vzdump-qemu-16112-2019_07_01-03_00_00.vma.zst"]
    _put_files(demo.pve, files, notes={"vzdump-qemu-16110-2020_03_30-21_12_45.vma.lzo": "<b>web</b>\nsecond line"},
               protected={"vzdump-qemu-16110-2020_03_30-21_11_40.vma.gz"})
    s = make_session(demo)
    s.guests, s.tasks = InstanceModel(), TaskModel()
    s.instances_polled.connect(s.guests.apply)
    started(qtbot, s)
    try:
        # The demo lists these files as PVE's list_volumes did (its own items for them).
        pve_items = {i["volid"]: i for c in (cases[0], cases[1], cases[4]) for i in listed_backups(c)}
        listing = answer(qtbot, s.run(api.storage_content("pve1", "local", "backup")))
        for item in listing:
            if item["volid"] in pve_items:
                want = pve_items[item["volid"]]
                assert {k: item.get(k) for k in ("subtype", "vmid", "ctime", "format")} == \
                    {k: want[k] for k in ("subtype", "vmid", "ctime", "format")}
        renamed = next(i for i in listing if i["volid"] == "local:backup/vzdump-16110-renamed.tar.zst")
        assert (renamed["subtype"], renamed["vmid"], renamed["format"]) == ("unknown", 16110, "tar.zst")

        for vmid, vmtype in ((16110, "qemu"), (16112, "lxc")):
            view = BackupsView(lambda: {s.name: s}, guest_key=("demo", vmid), guests=s.guests, tasks=s.tasks.tasks)
            qtbot.addWidget(view)
            with qtbot.waitSignal(view.feed.refreshed, timeout=15000):
                view.show()
            assert [r.backup.volid for r in view.model.rows()] == pve_guest_view(listing, vmid, vmtype)
            if vmid == 16110:
                noted = next(r for r in range(view.model.rowCount()) if view.model.row(r).backup.notes)
                assert view.model.index(noted, COL_NOTES).data() == "<b>web</b>"  # the listing's first line
                assert shown(view.model.index(noted, COL_NOTES).data(Qt.ItemDataRole.ToolTipRole)) == "<b>web</b>"
                protected = [view.model.index(r, COL_PROTECTED).data() for r in range(view.model.rowCount())]
                assert protected.count("Yes") == 1
            view.hide()

        page = BackupsView(lambda: {s.name: s}, guests=s.guests, tasks=s.tasks.tasks)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.feed.refreshed, timeout=15000):
            page.show()
        volids = {r.backup.volid for r in page.model.all_rows() if r.backup is not None}
        assert not any(":iso/" in v or ":vztmpl/" in v for v in volids)  # templates and ISOs are no backups
        renamed_row = page.model.find_volume("demo", "local:backup/vzdump-16110-renamed.tar.zst")
        page.select(renamed_row)
        assert not page.restore_button.isEnabled() and "cannot tell" in page.restore_button.toolTip()
        openvz = page.model.find_volume("demo", "local:backup/vzdump-openvz-16112-2020_03_30-21_39_30.tar.bz2")
        page.select(openvz)
        assert page.restore_button.isEnabled()
        dialog = RestoreDialog(page.feed, s, openvz, page)
        qtbot.addWidget(dialog)
        assert dialog.overwrite.isEnabled()  # CT 16112 is the container this archive was taken of
        _cluster, node, op = dialog.request()
        assert (op.path, op.params["ostemplate"], op.params["restore"]) == \
            ("/nodes/{0}/lxc".format(node), openvz.backup.volid, 1)
        # A VM's archive of VMID 16112, a container's now: restorable as a new VM, never over the container.
        old_vm = page.model.find_volume("demo", "local:backup/vzdump-qemu-16112-2019_07_01-03_00_00.vma.zst")
        dialog = RestoreDialog(page.feed, s, old_vm, page)
        qtbot.addWidget(dialog)
        assert not dialog.overwrite.isEnabled() and dialog.request()[2].path.endswith("/qemu")
    finally:
        s.close()
