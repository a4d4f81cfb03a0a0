"""A read-only config directory and a full disk: a worded message, the user's input kept, the old file intact.

As root (which ignores file modes) both are real: a 64 KiB tmpfs is filled up, or remounted
read-only. Otherwise a read-only directory is made with chmod and the full disk is skipped.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from virton_desktop import config_files as cf
from virton_desktop.profiles import Profile, ProfileStore
from virton_desktop.trust import TrustStore

from conftest import Heartbeat, record_stall

IS_ROOT = os.name == "posix" and os.geteuid() == 0


class SmallDisk:
    """A folder that can be made read-only or full."""

    def __init__(self, path: Path):
        self.path = path
        self.mounted = False
        self.filler = path / "filler"

    def mount(self) -> None:
        self.path.mkdir()
        if not IS_ROOT:
            return
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=700", "tmpfs", str(self.path)],
                              capture_output=True)
        if done.returncode:
            pytest.skip("mounting a tmpfs is not permitted here: " + done.stderr.decode(errors="replace"))
        self.mounted = True

    def read_only(self) -> None:
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)
        else:
            self.path.chmod(0o500)

    def writable(self) -> None:
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(self.path)], check=True)
        else:
            self.path.chmod(0o700)

    def fill(self) -> None:
        if not self.mounted:
            pytest.skip("a full disk needs a small tmpfs (root only)")
        with open(self.filler, "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"x" * 512)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC

    def unfill(self) -> None:
        self.filler.unlink()

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], check=False)
        else:
            self.path.chmod(0o700)


@pytest.fixture
def disk(tmp_path):
    small = SmallDisk(tmp_path / "config")
    small.mount()
    yield small
    small.unmount()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_read_only_folder_refuses_the_save_and_keeps_the_old_file(disk):
    path = disk.path / "profiles.json"
    ProfileStore(path).save(Profile(name="a", addresses=("a",), id="id-a"))
    before = path.read_bytes()
    disk.read_only()
    store = ProfileStore(path)
    assert [p.name for p in store.all()] == ["a"] and store.take_notices() == []
    with pytest.raises(cf.SaveFailed) as failed:
        store.save(Profile(name="b", addresses=("b",)))
    assert failed.value.notice.kind == cf.WRITE
    assert failed.value.notice.errno in (errno.EROFS, errno.EACCES)
    assert [p.name for p in store.all()] == ["a", "b"]  # kept for this session
    assert path.read_bytes() == before and leftovers(disk.path) == []
    disk.writable()
    store.save(Profile(name="c", addresses=("c",)))  # the next save writes the one that failed too
    assert [p.name for p in ProfileStore(path).all()] == ["a", "b", "c"]


def test_full_disk_refuses_the_save_and_keeps_the_old_file(disk):
    path = disk.path / "trusted-certificates.json"
    store = TrustStore(path)
    store.trust("pve1", 8006, ":".join(["aa"] * 32))
    disk.fill()
    failure = None
    for n in range(200):  # each pin makes the file longer: it stops fitting soon
        before = path.read_bytes()
        try:
            store.trust("pve-with-a-long-name-{0}".format(n), 8006, ":".join(["bb"] * 32))
        except cf.SaveFailed as failed:
            failure = failed.notice
            break
    assert failure is not None and failure.kind == cf.WRITE and failure.errno == errno.ENOSPC
    assert path.read_bytes() == before and leftovers(disk.path) == []  # the last whole version
    assert store.fingerprint("pve-with-a-long-name-{0}".format(n), 8006)  # in effect this session
    disk.unfill()
    store.trust("pve2", 8006, ":".join(["cc"] * 32))
    assert len(TrustStore(path).hosts()) == n + 3


def test_profile_manager_keeps_the_typed_profile_and_says_why(qtbot, disk):
    from virton_desktop.profiles import SecretStore
    from virton_desktop.ui.connect.profile_manager import ProfileManager

    path = disk.path / "profiles.json"
    ProfileStore(path).save(Profile(name="a", addresses=("a",), id="id-a"))
    before = path.read_bytes()
    disk.read_only()
    manager = ProfileManager(ProfileStore(path), SecretStore())
    qtbot.addWidget(manager)
    manager.show()
    QTest.mouseClick(manager.new_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(manager.name, "Staging")
    manager.addresses.setFocus()
    QTest.keyClicks(manager.addresses, "pve9.example.com")
    with Heartbeat() as beat:
        QTest.mouseClick(manager.save_button, Qt.MouseButton.LeftButton)
    record_stall("saving profiles to a read-only folder", True, beat.worst_ms)
    assert manager.isVisible() and manager.name.text() == "Staging"
    assert manager.addresses.toPlainText() == "pve9.example.com"
    assert str(path) in manager.message.text() and "could not be saved" in manager.message.text()
    assert path.read_bytes() == before


def test_trusting_a_certificate_on_a_read_only_folder_still_connects_and_says_so(qtbot, demo, disk):
    from virton_desktop.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    disk.read_only()
    w.connections.trust = TrustStore(disk.path / "trusted-certificates.json")
    w.connections.ask_trust = lambda error, verdict=None: True
    profile = Profile(name="demo", addresses=("{0}:{1}".format(demo.host, demo.port),))
    w.connections.profiles.save(profile)
    with qtbot.waitSignal(w.first_data, timeout=15000):
        w.connections.connect_profile(profile, demo.password)
    assert "trusted-certificates.json could not be saved" in " ".join(w.errors_bar.history)
    for s in w.clusters.sessions():
        s.close()


def test_profile_manager_delete_and_import_on_a_read_only_folder(qtbot, disk, tmp_path):
    import keyring

    from virton_desktop.profiles import KEYRING_SERVICE, SecretStore
    from virton_desktop.ui.connect.profile_manager import ProfileManager

    path = disk.path / "profiles.json"
    store = ProfileStore(path)
    store.save(Profile(name="a", addresses=("a",), id="id-a"))
    secrets = SecretStore()
    secrets.set("id-a", "kept-secret", remember=True)
    before = path.read_bytes()
    disk.read_only()
    manager = ProfileManager(store, secrets)
    qtbot.addWidget(manager)
    QTest.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    assert "could not be saved" in manager.message.text() and manager.list.count() == 0
    assert keyring.get_password(KEYRING_SERVICE, "id-a") == "kept-secret"  # the profile is still on disk
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"version": 1, "profiles": [{"name": "b", "addresses": ["b"]}]}), encoding="utf-8")
    manager.import_from(str(export))
    assert "could not be saved" in manager.message.text() and manager.list.count() == 1
    assert path.read_bytes() == before
    secrets.delete("id-a")
