"""pve/cloudinit.py without a server: the spelling PVE and its web UI use, and what a save writes."""

import dataclasses

import pytest

from virton_desktop.pve import cloudinit as CI

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0+/x= o'brien@host (laptop)!*~"


def test_ssh_keys_are_encoded_like_encodeURIComponent():  # noqa: N802 - the JavaScript function's name
    # encodeURIComponent keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ) and escapes everything else as UTF-8.
    text = KEY + "\nssh-rsa AAAAB3Nza k\u00e4the@h\u00f6st\n"
    assert CI.encode_ssh_keys(text) == (
        "ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIG0%2B%2Fx%3D%20o'brien%40host%20(laptop)!*~"
        "%0Assh-rsa%20AAAAB3Nza%20k%C3%A4the%40h%C3%B6st%0A")
    assert CI.decode_ssh_keys(CI.encode_ssh_keys(text)) == text
    assert CI.key_names(CI.encode_ssh_keys(text)) == ["o'brien@host (laptop)!*~", "k\u00e4the@h\u00f6st"]


def test_ipconfig_round_trip_and_modes():
    for value in ("ip=dhcp", "ip=10.0.0.5/24,gw=10.0.0.1", "ip6=auto", "ip=dhcp,ip6=dhcp",
                  "ip=192.0.2.7/25,gw=192.0.2.1,ip6=2001:db8::7/64,gw6=2001:db8::1"):
        assert CI.format_ipconfig(CI.parse_ipconfig(value)) == value
    assert CI.parse_ipconfig("ip6=auto").ipv6 == "auto" and CI.parse_ipconfig("").ipv4 == "none"
    assert CI.format_ipconfig(CI.IpConfig()) == ""


def test_injection_into_ip_fields_is_refused_before_and_at_the_option_string():
    bad = CI.IpConfig("static", "10.0.0.5/24,gw=6.6.6.6", "10.0.0.1")
    assert "ip" in CI.check_ipconfig(bad)
    with pytest.raises(ValueError):
        CI.format_ipconfig(bad)
    assert "gw6" in CI.check_ipconfig(CI.IpConfig(ipv6="static", ip6="2001:db8::5/64", gw6="fe80::1%eth0,x=1"))
    assert CI.issues(CI.Form(servers="1.1.1.1,ip=dhcp"))["servers"]
    assert CI.issues(CI.Form(user="root,x=1"))["user"]


def test_prepare_writes_only_what_changed_and_deletes_what_was_cleared():
    config = {"ciuser": "debian", "cipassword": CI.MASKED_PASSWORD, "nameserver": "10.0.0.2",
              "searchdomain": "example.com", "net0": "virtio=BC:24:11:00:00:01,bridge=vmbr0",
              "net1": "virtio=BC:24:11:00:00:02,bridge=vmbr1", "ipconfig0": "ip=dhcp",
              "sshkeys": CI.encode_ssh_keys(KEY + "\n"), "digest": "d" * 40}
    form = CI.loaded(config)
    assert CI.prepare(config, form) == {}
    assert form.ipconfigs.keys() == {"ipconfig0", "ipconfig1"} and form.upgrade
    changed = dataclasses.replace(form, user="admin", domain="", password="").with_ipconfig(
        "ipconfig1", CI.IpConfig("static", "10.1.0.5/24", "10.1.0.1"))
    assert CI.prepare(config, changed) == {"ciuser": "admin", "ipconfig1": "ip=10.1.0.5/24,gw=10.1.0.1",
                                           "delete": "cipassword,searchdomain"}
    # Keys and DNS servers spelt differently but meaning the same are not rewritten.
    same = dataclasses.replace(form, ssh_keys=KEY + "\n\n", servers=" 10.0.0.2 ")
    assert CI.prepare(config, same) == {}
    assert CI.prepare(config, dataclasses.replace(form, upgrade=False)) == {"ciupgrade": 0}
    assert CI.prepare(config, dataclasses.replace(form, ssh_keys="")) == {"delete": "sshkeys"}
    assert CI.prepare(config, dataclasses.replace(form, password="n3w pass")) == {"cipassword": "n3w pass"}


def test_pending_list_as_pve_answers_it():
    answer = [{"key": "ciuser", "value": "debian", "pending": "admin"}, {"key": "searchdomain", "value": "x"},
              {"key": "ipconfig1", "pending": "ip=dhcp"}, {"key": "nameserver", "delete": 1},
              {"key": "cipassword", "value": CI.MASKED_PASSWORD}]
    assert [p.key for p in CI.pending_changes(answer)] == ["ciuser", "ipconfig1", "nameserver"]
    assert CI.shown_value("cipassword", "$6$salt$hash") == CI.MASKED_PASSWORD


def test_the_cloudinit_drive_is_found_as_the_web_ui_finds_it():
    assert CI.drive_key({"ide2": "local-lvm:vm-108-cloudinit,media=cdrom"}, 108) == "ide2"
    assert CI.drive_key({"scsi1": "local:108/vm-108-cloudinit.qcow2,media=cdrom"}, 108) == "scsi1"
    assert CI.drive_key({"ide2": "local:iso/debian.iso,media=cdrom"}, 108) is None
    assert CI.drive_key({"ide2": "local-lvm:vm-109-cloudinit,media=cdrom"}, 108) is None
    assert CI.new_drive_value("local-lvm") == "local-lvm:cloudinit"
    with pytest.raises(ValueError):
        CI.new_drive_value("local,media=disk")


def test_a_stored_value_the_fields_would_refuse_blocks_no_other_edit():
    # pve-manager www/manager6/qemu/CloudInit.js edits each key in its own window, and lxc/DNS.js
    # (its DNS editor) gives searchdomain no vtype: PVE stores `example.com,proxmox.com` as typed
    # (qemu-server's searchdomain has no format). Such a value, left as it is, only warns; it is
    # not sent, and the user's edit of another key is.
    config = {"ciuser": "debian", "searchdomain": "example.com,proxmox.com", "net0": "virtio,bridge=vmbr0",
              "ipconfig0": "ip=10.0.0.0/8,ip6=dhcp"}  # a network address: pve_verify_cidrv4 takes it
    before = CI.loaded(config)
    assert CI.issues(before)["domain"] and CI.blocking(CI.issues(before))  # as new input: refused
    assert not CI.blocking(CI.issues(before, before)) and CI.issues(before, before)["domain"].warning
    changed = dataclasses.replace(before, user="admin").with_ipconfig(
        "ipconfig0", dataclasses.replace(before.ipconfigs["ipconfig0"], ipv6="auto"))
    assert not CI.blocking(CI.issues(changed, before))
    assert CI.prepare(config, changed) == {"ciuser": "admin", "ipconfig0": "ip=10.0.0.0/8,ip6=auto"}
    # Typed anew, the same values are refused: a domain list is separated by blanks (Cloudinit.pm
    # get_dns_conf splits on \s+), an address is a host's.
    assert CI.blocking(CI.issues(dataclasses.replace(changed, domain="a.example,b.example"), before))
    retyped = changed.with_ipconfig("ipconfig0", CI.IpConfig("static", "10.1.0.0/16"))
    assert CI.blocking(CI.issues(retyped, before))


def test_keys_stored_with_crlf_are_not_rewritten_by_an_other_edit():
    # qemu-server src/PVE/CLI/qm.pm: `qm set --sshkeys <file>` stores uri_escape(file) - a file's
    # CRLF as %0D%0A. A text field holds them as \n (QPlainTextEdit, as a browser's textarea for
    # SSHKey.js): unchanged keys are not rewritten; edited ones are written as the field has them.
    stored = ("ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIG0%20a%40b%0D%0A"
              "ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIG1%20c%0D%0A")
    config = {"sshkeys": stored, "ciuser": "debian"}
    shown = CI.loaded(config).ssh_keys.replace("\r\n", "\n")  # what QPlainTextEdit.toPlainText() gives
    form = dataclasses.replace(CI.loaded(config), ssh_keys=shown, user="admin")
    assert CI.prepare(config, form) == {"ciuser": "admin"}
    assert CI.same_keys(CI.decode_ssh_keys(stored), shown) and not CI.same_keys(shown, shown + "x")
    assert CI.prepare(config, dataclasses.replace(form, ssh_keys=shown + KEY)) == {
        "ciuser": "admin", "sshkeys": CI.encode_ssh_keys(shown + KEY)}
