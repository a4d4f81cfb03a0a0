"""The Cloud-Init tab on every real VM config of Proxmox's own regression tests, and on the
cloud-init settings in every form PVE stores them.

tests/data/pve-configs-all holds all of qemu-server's test configs (sources and commits in its
README); each qemu-*.conf is loaded into the demo cluster as a stopped VM (as the VM its cloud-init
volume names, if any) and its Cloud-Init tab made as the guest page makes it (tests/test_cloudinit.py
goes through the page itself). qemu-server's tests hold no other config file with
cloud-init settings (`git log -G` over its history: only the parse-config ones, all in the
corpus), so the other forms PVE stores come from its own sources (FORMS): a config of
qemu-server's migration tests, and that VM after the `qm set` commands of pve-docs'
qm-cloud-init.adoc and the web UI's editors, written through the API as those clients send them.

For each: the tab loads; without a cloud-init drive (as pve-manager's CloudInit.js finds it: an
ide/scsi/sata drive whose value holds `vm-<vmid>-cloudinit`) it offers one and edits nothing, as
the web UI masks its grid; with one it shows the config's truth, read here from PVE's sources,
not from virton_desktop.pve:

- ipconfigN of every netN as qemu-server's `pve-qm-ipconfig` and IPConfigEdit.js read it: `ip`
  dhcp or a CIDR with `gw`, `ip6` dhcp, auto (SLAAC) or a CIDR with `gw6`, unset: none;
- nameserver as pve-common's `address-list` reads it (split_list: `,` `;` and blanks separate),
  searchdomain as Cloudinit.pm (blanks), ciuser, citype and cicustom as stored, ciupgrade
  (default 1), the keys of sshkeys un-escaped as Cloudinit.pm reads them (uri_unescape, one a line);
- saved untouched it writes nothing; one field changed (typed with QTest.keyClicks) writes that
  key alone, an ipconfig keeping the options of the other address family as loaded - also where
  a stored value is one the field would refuse as new input (a comma-separated search domain),
  one a text field holds otherwise (keys stored with CRLF) or a key with authorized_keys options.
"""

import pathlib
import re
from urllib.parse import quote, unquote

import pytest
from PySide6.QtCore import Qt
from test_cloudinit import choose, retype, save, settled
from test_guest_view_corpus import options
from test_settings_untouched import add_guest, read_config, writes
from test_tags_corpus import split_list

from virton_desktop.demo.cloudinit import demo_key
from virton_desktop.session_worker import InstanceDelta
from virton_desktop.ui.guests.cloudinit_view import CloudInitView

from conftest import remember_secret
from helpers import make_model, proxmox

DATA = pathlib.Path(__file__).parent / "data" / "pve-configs-all"
VMID = 900  # a config whose volumes name no VM

# qemu-server src/test/run_qemu_migrate_tests.pl (commit e6352be67f70042a7433a3a3c712b36d02f9f7cb),
# $vm_configs: the VMs with ipconfig0, as Perl hashes there (`snapshots => {}` is no config line).
MIGRATE_1033 = {
    "bootdisk": "scsi0", "cores": "1", "ide0": "rbd-store:vm-1033-cloudinit,media=cdrom,size=4M",
    "ide2": "none,media=cdrom", "ipconfig0": "ip=103.214.69.10/25,gw=103.214.69.1", "memory": "4096",
    "name": "VM1033", "net0": "virtio=4E:F1:82:6D:D7:4B,bridge=vmbr0,firewall=1,rate=10", "numa": "0",
    "ostype": "l26", "scsi0": "rbd-store:vm-1033-disk-1,size=1G", "scsihw": "virtio-scsi-pci",
    "smbios1": "uuid=e01e4c73-46f1-47c8-af79-288fdf6b7462", "sockets": "2",
    "vmgenid": "af47c000-eb0c-48e8-8991-ca4593cd6916"}
MIGRATE_341 = {  # no cloud-init drive (ide2 is an empty CD drive)
    "arch": "aarch64", "bootdisk": "scsi0", "cores": "1", "efidisk0": "local-lvm:vm-341-disk-0",
    "ide2": "none,media=cdrom", "ipconfig0": "ip=103.214.69.10/25,gw=103.214.69.1", "memory": "4096",
    "name": "VM1033", "net0": "virtio=4E:F1:82:6D:D7:4B,bridge=vmbr0,firewall=1,rate=10", "numa": "0",
    "ostype": "l26", "scsi0": "rbd-store:vm-341-disk-0,size=1G", "scsihw": "virtio-scsi-pci",
    "smbios1": "uuid=e01e4c73-46f1-47c8-af79-288fdf6b7462", "sockets": "2",
    "vmgenid": "af47c000-eb0c-48e8-8991-ca4593cd6916"}

KEYS = [demo_key("ssh-ed25519", "corpus-1", "o'brien@host (laptop)"), demo_key("ssh-rsa", "corpus-2", "ops")]


def uri_escape(text: str) -> str:
    """Perl URI::Escape::uri_escape (qemu-server src/PVE/CLI/qm.pm maps `--sshkeys <file>` through
    it): everything but RFC 3986's unreserved A-Z a-z 0-9 - . _ ~ escaped."""
    return quote(text.encode(), safe="-._~")


def encode_uri_component(text: str) -> str:
    """JavaScript's encodeURIComponent (pve-manager www/manager6/qemu/SSHKey.js)."""
    return quote(text.encode(), safe="-_.!~*'()")


# Configs beyond the corpus: (base config, the writes that follow, as their clients send them).
FORMS = {
    "migrate-1033": (MIGRATE_1033, []),
    "migrate-341": (MIGRATE_341, []),
    # pve-docs qm-cloud-init.adoc "Deploying Cloud-Init Templates" / "Custom Cloud-Init Configuration":
    # `qm set 123 --sshkey ~/.ssh/id_rsa.pub`, `--ipconfig0 ip=10.0.10.123/24,gw=10.0.10.1`,
    # `--cicustom "user=local:snippets/userconfig.yaml"` (qm.pm escapes the key file with uri_escape).
    "docs-qm-set": (MIGRATE_1033, [
        {"sshkeys": uri_escape(KEYS[1] + "\n")}, {"ipconfig0": "ip=10.0.10.123/24,gw=10.0.10.1"},
        {"cicustom": "user=local:snippets/userconfig.yaml"}]),
    # Every other form: a second and third NIC (IPConfigEdit.js: DHCP + SLAAC, static IPv6 only),
    # DNS servers separated by commas (address-list; pve-container's test-debian-007 stores
    # `nameserver: 8.8.8.8,8.8.8.9`) and two search domains, a user, the format, no upgrade, a
    # password, and keys as SSHKey.js sends them (encodeURIComponent).
    "every-form": (MIGRATE_1033, [
        {"net1": "virtio=4E:F1:82:6D:D7:4C,bridge=vmbr0", "net2": "e1000=4E:F1:82:6D:D7:4D,bridge=vmbr1"},
        {"ipconfig1": "ip=dhcp,ip6=auto", "ipconfig2": "ip6=2001:db8::123/64,gw6=2001:db8::1"},
        {"nameserver": "8.8.8.8,8.8.8.9", "searchdomain": "example.com proxmox.com"},
        {"ciuser": "admin", "citype": "nocloud", "ciupgrade": "0", "cipassword": remember_secret("Corpus-pass-1")},
        {"sshkeys": encode_uri_component("\n".join(KEYS))}]),
    # A key with options, as an authorized_keys line has them (CloudInit.js shows it "with options";
    # ssh-keygen -l, PVE's check, skips them).
    "sshkeys-with-options": (MIGRATE_1033, [
        {"sshkeys": encode_uri_component('from="10.0.0.0/8",command="echo \\"hi there\\"" ' + KEYS[1] + "\n")}]),
    # `qm set --sshkeys` of a key file with CRLF line ends: stored as %0D%0A.
    "sshkeys-crlf": (MIGRATE_1033, [{"sshkeys": uri_escape(KEYS[0] + "\r\n" + KEYS[1] + "\r\n")}]),
    # DNS as lxc/DNS.js (the web UI's editor) writes it: servers joined by blanks, the domain as
    # typed (no vtype: a comma-separated list is stored as such); `;` as address-list reads it.
    "dns-web-ui": (MIGRATE_1033, [{"nameserver": "10.0.0.2 2001:db8::53", "searchdomain": "example.com"}]),
    "dns-as-typed": (MIGRATE_1033, [{"nameserver": "10.0.0.2;10.0.0.3", "searchdomain": "example.com,proxmox.com"}]),
}

CASES = [p.name for p in sorted(DATA.glob("qemu-*.conf"))] + list(FORMS)


def cloudinit_vmid(cfg: dict) -> int | None:
    """The VM a cloud-init volume is named for (`lvm:vm-120-cloudinit`): the config is loaded as
    that VM, as the web UI looks for `vm-<vmid>-cloudinit`."""
    for key, value in cfg.items():
        m = re.search(r"vm-(\d+)-cloudinit", value)
        if re.fullmatch(r"(?:ide|sata|scsi)\d+", key) and m:
            return int(m.group(1))
    return None


def load(demo, session, case: str, tmp_path):
    """The case as a stopped VM of the demo (a demo guest of the same VMID gives way); (Instance, config as stored)."""
    if case in FORMS:
        base, puts = FORMS[case]
        path = tmp_path / (case + ".conf")
        path.write_text("".join("{0}: {1}\n".format(k, v) for k, v in base.items()))
    else:
        path, puts = DATA / case, []
    vmid = cloudinit_vmid(read_config(path)) or VMID
    if demo.pve.vm(vmid) is not None:
        demo.pve.vms.remove(demo.pve.vm(vmid))
    inst = add_guest(demo, session, path, vmid)
    for params in puts:
        proxmox(demo).nodes("pve1").qemu(vmid).config.put(**params)
    cfg = read_config(path) if not puts else {k: str(v) for k, v in demo.pve.vm(vmid).config.items()}
    demo.pve.vt_writes.clear()
    return inst, cfg


def open_tab(qtbot, session, inst):
    """The Cloud-Init tab of `inst` as the guest page makes it (DetailPage: CloudInitView on the
    page's model, which holds the guest as the next list poll brings it), once it has loaded."""
    model = make_model(session)
    model.apply(InstanceDelta(session.name, False, (inst,), ()))
    view = CloudInitView(session, model, inst.key)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: settled(view), timeout=10000)
    return view


def cloudinit_drive(cfg: dict, vmid: int) -> str | None:
    """pve-manager www/manager6/qemu/CloudInit.js set_button_status: an ide/scsi/sata drive whose
    value matches `vm-<vmid>-cloudinit`."""
    found = [k for k, v in cfg.items() if re.fullmatch(r"(?:ide|scsi|sata)\d+", k) and f"vm-{vmid}-cloudinit" in v]
    return found[0] if found else None


def pve_ipconfig(value: str | None) -> tuple[str, str, str, str, str, str]:
    """(IPv4 mode, address, gateway, IPv6 mode, address, gateway) of an ipconfigN: qemu-server
    Network.pm `pve-qm-ipconfig` (ip: dhcp or CIDR, ip6: dhcp, auto or CIDR) as IPConfigEdit.js
    setIPConfig splits it; an unset address is no configuration of that family."""
    opts = options(value or "", "ip")
    ip, ip6 = opts.get("ip", ""), opts.get("ip6", "")
    v4 = "dhcp" if ip == "dhcp" else "static" if ip else "none"
    v6 = ip6 if ip6 in ("dhcp", "auto") else "static" if ip6 else "none"
    return (v4, ip if v4 == "static" else "", opts.get("gw", ""), v6, ip6 if v6 == "static" else "",
            opts.get("gw6", ""))


def pve_keys(text: str) -> list[str]:
    """The keys of a key text: qemu-server Cloudinit.pm (opennebula) `split(/\\s*\\n\\s*/, uri_unescape(...))`."""
    return [key for key in re.split(r"\s*\n\s*", text.strip()) if key]


def pve_flag(value: str | None, default: bool) -> bool:
    """A JSONSchema boolean as PVE reads it (1|0|on|off|yes|no|true|false)."""
    if value is None:
        return default
    return str(value).lower() in ("1", "on", "yes", "true")


def shown(view) -> dict:
    return {"user": view.user.text(), "ssh_keys": pve_keys(view.ssh_keys.toPlainText()),
            "domain": view.domain.text().split(), "servers": split_list(view.servers.text()),
            "upgrade": view.upgrade.isChecked(), "other": view.other.text() if not view.other.isHidden() else "",
            "ipconfigs": {key: tuple(getattr(editor.value(), f) for f in ("ipv4", "ip", "gw", "ipv6", "ip6", "gw6"))
                          for key, editor in view.ip_editors.items()}}


def truth(cfg: dict) -> dict:
    nets = {"ipconfig" + k[3:] for k in cfg if re.fullmatch(r"net\d+", k)}
    nets |= {k for k in cfg if re.fullmatch(r"ipconfig\d+", k)}
    other = [f"{name}: {cfg[key]}" for key, name in (("citype", "Format"), ("cicustom", "Custom files"))
             if cfg.get(key)]
    return {"user": cfg.get("ciuser", ""), "ssh_keys": pve_keys(unquote(cfg.get("sshkeys", ""))),
            "domain": (cfg.get("searchdomain") or "").split(), "servers": split_list(cfg.get("nameserver", "")),
            "upgrade": pve_flag(cfg.get("ciupgrade"), True), "other": "\n".join(other),
            "ipconfigs": {key: pve_ipconfig(cfg.get(key)) for key in nets}}


@pytest.mark.parametrize("case", CASES)
def test_the_tab_shows_the_config_and_an_untouched_save_writes_nothing(qtbot, demo, session, case, tmp_path):
    inst, cfg = load(demo, session, case, tmp_path)
    view = open_tab(qtbot, session, inst)
    assert view.status.isHidden(), view.status.text()  # no error in place of the form
    drive = cloudinit_drive(cfg, inst.vmid)
    assert view.drive == drive
    if drive is None:  # CloudInit.js masks its grid: "No CloudInit Drive found"
        assert not view.no_drive.isHidden() and view.pending_box.isHidden()
        assert not any(w.isEnabled() for w in (view.user, view.ssh_keys, view.servers, view.save_button))
        assert not any(e.ipv4.isEnabled() for e in view.ip_editors.values())
        return
    assert view.no_drive.isHidden() and view.user.isEnabled()
    assert shown(view) == truth(cfg)
    assert view.password_state.text().startswith("A password is set") == bool(cfg.get("cipassword"))
    assert not view.dirty and not view.save_button.isEnabled()
    view.save()  # even when called: nothing goes out
    assert view.status.text() == "Nothing changed." and writes(demo) == []


def written(qtbot, demo, view) -> dict:
    """Save; the one PUT it sent, without its digest."""
    before = len(writes(demo))
    sent = save(qtbot, view)
    (method, _path, form), = writes(demo)[before:]
    assert method == "PUT" and {k: v for k, v in form.items() if k != "digest"} == {k: str(v) for k, v in sent.items()}
    return sent


def other_family(value: str, family: str) -> dict:
    keys = ("ip", "gw") if family == "6" else ("ip6", "gw6")
    return {k: v for k, v in options(value or "", "ip").items() if k in keys}


DRIVE_CASES = [c for c in CASES if c in FORMS and FORMS[c][0] is MIGRATE_1033]
DRIVE_CASES += [p.name for p in sorted(DATA.glob("qemu-*.conf")) if cloudinit_vmid(read_config(p))]


@pytest.mark.parametrize("case", DRIVE_CASES)
def test_one_changed_field_writes_that_key_alone(qtbot, demo, session, case, tmp_path):
    inst, cfg = load(demo, session, case, tmp_path)
    view = open_tab(qtbot, session, inst)
    server = proxmox(demo).nodes("pve1").qemu(inst.vmid)

    retype(qtbot, view.user, "corpus-user")
    assert written(qtbot, demo, view) == {"ciuser": "corpus-user"}
    retype(qtbot, view.servers, "192.0.2.53, 2001:db8::53")
    assert written(qtbot, demo, view) == {"nameserver": "192.0.2.53 2001:db8::53"}  # DNSEdit.js: joined by ' '
    retype(qtbot, view.domain, "corpus.example")
    assert written(qtbot, demo, view) == {"searchdomain": "corpus.example"}
    view.ssh_keys.moveCursor(view.ssh_keys.textCursor().MoveOperation.End)
    if view.ssh_keys.toPlainText() and not view.ssh_keys.toPlainText().endswith("\n"):
        qtbot.keyClick(view.ssh_keys, Qt.Key.Key_Return)
    qtbot.keyClicks(view.ssh_keys, KEYS[0])
    assert written(qtbot, demo, view) == {"sshkeys": encode_uri_component(view.ssh_keys.toPlainText())}
    qtbot.mouseClick(view.upgrade, Qt.MouseButton.LeftButton)
    assert written(qtbot, demo, view) == {"ciupgrade": int(view.upgrade.isChecked())}

    for key in list(view.ip_editors):
        loaded = server.config.get().get(key, "")
        editor = view.ip_editors[key]
        # IPv4: DHCP becomes static, static gets a new address, none becomes DHCP
        if editor.ipv4.currentData() == "none":
            choose(editor.ipv4, "dhcp")
        else:
            choose(editor.ipv4, "static")
            retype(qtbot, editor.ip, "198.51.100.7/24")
            retype(qtbot, editor.gw, "198.51.100.1")
        sent = written(qtbot, demo, view)
        assert list(sent) == [key] and other_family(sent[key], "4") == other_family(loaded, "4")
        loaded, editor = sent[key], view.ip_editors[key]
        if editor.ipv6.currentData() == "auto":
            choose(editor.ipv6, "dhcp")
        elif editor.ipv6.currentData() == "none":
            choose(editor.ipv6, "auto")
        else:
            choose(editor.ipv6, "static")
            retype(qtbot, editor.ip6, "2001:db8:7::7/64")
        sent = written(qtbot, demo, view)
        assert list(sent) == [key] and other_family(sent[key], "6") == other_family(loaded, "6")

    after = {k: str(v) for k, v in demo.pve.vm(inst.vmid).config.items()}
    changed = {"ciuser", "nameserver", "searchdomain", "sshkeys", "ciupgrade", *view.ip_editors}
    assert {k: v for k, v in after.items() if k not in changed and k != "digest"} == \
        {k: v for k, v in cfg.items() if k not in changed and k != "digest"}
