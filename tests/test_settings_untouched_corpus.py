"""The settings dialog on every real guest config Proxmox's own regression tests hold.

tests/data/pve-configs-all has all of qemu-server's and pve-container's test configs (sources and
commits in its README). Each, loaded into the demo cluster as a stopped guest, must open to the
form (not an error in its place), show every loaded number as it is (no editor's range clamped
it), and, saved untouched, write nothing (the demo records every write). One edit of a NIC or of
the CPU type changes that part of its option string and keeps every other part as loaded.
"""

import pathlib
import re

import pytest
from test_settings_untouched import add_guest, open_dialog, read_config, writes

from virton_desktop.pve import config as C
from virton_desktop.ui.guests.settings_dialog import SettingsDialog

CORPUS = sorted((pathlib.Path(__file__).parent / "data" / "pve-configs-all").glob("*.conf"))
VMID = 900  # not a demo guest's

# Configs Proxmox itself refuses to read, so that an error in place of the form is right: none.
# PVE reads a guest config leniently for `GET …/config` (pmxcfs' parse_vm_config without $strict:
# an unknown or repeated section is warned about, not refused; the strict parse that refuses
# parse-config-input's duplicate-sections.conf and unknown-sections.conf is asked for only by
# qemu-server's own test and by a remote migration's import), and every file here is one PVE's
# test suites read.
REFUSED_BY_PVE: dict[str, str] = {}


def loaded_numbers(cfg: dict, container: bool) -> dict[str, int]:
    """What each number editor must show, read by PVE's schema with its defaults for unset keys:
    qemu-server memory `[current=]<int>` (512), sockets and cores (1), balloon unset = memory;
    pve-container memory and swap (512), cores unset = all host cores (0 in the editor)."""
    memory = int(str(cfg.get("memory", 512)).removeprefix("current="))
    numbers = {"memory": memory, "cores": int(cfg.get("cores", 0 if container else 1))}
    if container:
        numbers["swap"] = int(cfg.get("swap", 512))
    else:
        numbers["sockets"] = int(cfg.get("sockets", 1))
        numbers["balloon"] = int(cfg.get("balloon", memory))
    return numbers


def vlan_tags(cfg: dict) -> dict[str, int]:
    """netN -> its VLAN tag (0: none)."""
    return {key: int(m.group(1)) if (m := re.search(r"(?:^|,)tag=(\d+)", value)) else 0
            for key, value in cfg.items() if re.fullmatch(r"net\d+", key)}


def test_the_corpus_is_all_in_its_readme():
    readme = (CORPUS[0].parent / "README.md").read_text()
    listed = set(re.findall(r"^\| ((?:qemu|lxc)-\S+\.conf) \|", readme, re.MULTILINE))
    assert listed == {p.name for p in CORPUS}
    assert len(CORPUS) >= 300 and sum(p.name.startswith("lxc-") for p in CORPUS) >= 100


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_untouched_save_writes_nothing(qtbot, demo, session, path):
    cfg = read_config(path)
    dialog = open_dialog(qtbot, session, add_guest(demo, session, path, VMID), may_fail=True)
    if path.name in REFUSED_BY_PVE:
        assert dialog.load_errors, REFUSED_BY_PVE[path.name]
        return
    assert not dialog.load_errors
    shown = {key: getattr(dialog, key).value() for key in loaded_numbers(cfg, dialog.container)}
    assert shown == loaded_numbers(cfg, dialog.container)
    assert {row.nic.key: row.vlan.value() for row in dialog.nic_rows} == vlan_tags(cfg)
    assert {key: spin.value() for key, spin in dialog.disk_spins.items() if spin.value()} == {}
    assert dialog.changes() == ({}, [], [])
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert writes(demo) == []


@pytest.mark.parametrize("path", [p for p in CORPUS if p.name not in REFUSED_BY_PVE], ids=lambda p: p.name)
def test_one_edit_keeps_the_rest_of_the_option_string(qtbot, demo, session, path):
    """A new VLAN tag on each NIC, a new CPU type: the rest as loaded (cpu-level.conf's
    `flags=+md-clear;+pdpe1gb;-hv-tlbflush` too, whose `;` is PVE's own list separator)."""
    cfg = read_config(path)
    dialog = open_dialog(qtbot, session, add_guest(demo, session, path, VMID))
    for row in dialog.nic_rows:
        row.vlan.setValue(77)
        expected = C.split_options(cfg[row.nic.key]) | {"tag": "77"}
        if dialog.container:
            expected.setdefault("type", "veth")  # as PVE writes every container NIC (print_lxc_network)
        put, deletes, grows = dialog.changes()
        assert ({k: C.split_options(v) for k, v in put.items()}, deletes, grows) == ({row.nic.key: expected}, [], [])
        row.vlan.setValue(vlan_tags(cfg)[row.nic.key])
    if not dialog.container:
        model = "max" if dialog.cpu_type.currentText() != "max" else "host"
        dialog.cpu_type.setCurrentText(model)
        put, deletes, grows = dialog.changes()
        expected = C.split_options(cfg.get("cpu"), default_key="cputype") | {"cputype": model}
        assert (C.split_options(put.pop("cpu"), default_key="cputype"), put, deletes, grows) == (expected, {}, [], [])
