"""SPICE consoles: fetch `spiceproxy`, hand the `.vv` file to remote-viewer, remove the file.

The file holds a one-use SPICE password (valid about 30 s, qemu-server `expire_password`), so it
is written where no other user can read it: a private directory (mkdtemp: 0700) and a 0600 file
(mkstemp). remote-viewer is started without a shell and reads the file when it starts; PVE asks
it to delete the file (`delete-this-file=1`), and we delete it too as soon as remote-viewer has
ended or `GRACE_S` after the start, and everything left when the program quits.

When remote-viewer is not installed, `install_hint()` says how to get it on this system.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ...pve import api, errors
from ...pve.entities import QEMU, Instance
from ...pve.spice import SpiceConfigError, has_spice, vga_options, vv_text
from .. import kit
from ..permission_gate import gate

VIEWER = "remote-viewer"
GRACE_S = 30          # remote-viewer has read the file long before this
WATCH_MS = 500


# Where installers put remote-viewer when it is not on the PATH a desktop session gives us:
# the virt-viewer MSI (Program Files\VirtViewer vN\bin), Homebrew (apps started from the Dock do
# not get the shell's PATH).
FALLBACKS = (os.path.join(os.environ.get("ProgramFiles", r"C:\Program Files"), "VirtViewer*", "bin",
                          "remote-viewer.exe"),
             "/opt/homebrew/bin/remote-viewer", "/usr/local/bin/remote-viewer")


def viewer_path() -> str | None:
    """remote-viewer on PATH, else where its installers put it; None when not installed."""
    found = shutil.which(VIEWER)
    if found:
        return found
    for pattern in FALLBACKS:
        hits = sorted(p for p in glob.glob(pattern) if os.access(p, os.X_OK))
        if hits:
            return hits[-1]  # the newest VirtViewer version sorts last
    return None


def install_hint(platform: str = sys.platform) -> str:
    """How to install remote-viewer on this operating system (translated)."""
    if platform.startswith("win"):
        return QCoreApplication.translate(
            "SpiceLauncher", "Install virt-viewer for Windows (the MSI from virt-manager.org, or "
            "\"winget install RedHat.VirtViewer\"), then try again.")
    if platform == "darwin":
        return QCoreApplication.translate(
            "SpiceLauncher", "Install virt-viewer with Homebrew (\"brew install virt-viewer\"), then try again.")
    return QCoreApplication.translate(
        "SpiceLauncher", "Install the virt-viewer package, then try again:\n"
        "    Debian, Ubuntu:  sudo apt install virt-viewer\n"
        "    Fedora:  sudo dnf install virt-viewer\n"
        "    Arch:  sudo pacman -S virt-viewer")


class SpiceLauncher(QObject):
    """Opens SPICE consoles in remote-viewer. `session_of(cluster)` gives a guest's session."""

    message = Signal(str)         # what happened, for a status bar
    launched = Signal(str)        # the .vv file's path, once remote-viewer runs
    file_removed = Signal(str)

    def __init__(self, session_of: Callable[[str], object], parent=None):
        super().__init__(parent)
        self.session_of = session_of
        self.directory: str | None = None
        self.running: list[tuple[subprocess.Popen, str, float]] = []
        self._replies: dict[tuple, object] = {}
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._reap)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.remove_all)
        self.box: QMessageBox | None = None

    # ---------------------------------------------------------------- API

    def add_to_menu(self, menu: QMenu, inst: Instance, need) -> None:
        """A "SPICE console" entry for a VM, gated like the console (VM.Console)."""
        if inst.type != QEMU or inst.template:
            return
        action = menu.addAction(self.tr("SPICE console (remote-viewer)"))
        action.setObjectName("menu-spice")
        gate(action, inst.alive, need, self.tr("Open the VM's SPICE display in remote-viewer"))
        action.triggered.connect(lambda _=False, i=inst: self.open(i))

    def open(self, inst: Instance, config: dict | None = None) -> None:
        """Check the VM has a SPICE display (from `config`, else its config), then launch."""
        if viewer_path() is None:
            self._not_installed()
            return
        session = self.session_of(inst.cluster)
        if session is None:
            return
        if config is not None:
            self._with_config(session, inst, config)
            return
        reply = session.run(api.guest_config(inst))
        self._replies[inst.key] = reply
        reply.then(self, lambda data, error: self._on_config(session, inst, data, error))

    def remove_all(self) -> None:
        """Delete every .vv file still there and the private directory (the program ends)."""
        for _proc, path, _started in self.running:
            self._remove(path)
        self.running.clear()
        self._watch.stop()
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    # ------------------------------------------------------------ helpers

    def _tell(self, title: str, text: str, name: str) -> None:
        self.message.emit(text)
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName(name)
        box.setTextFormat(Qt.TextFormat.PlainText)  # may hold the server's words
        box.open()
        self.box = box

    def _not_installed(self) -> None:
        self._tell(self.tr("remote-viewer is not installed"),
                   self.tr("SPICE consoles open in remote-viewer, which is not installed.") + "\n\n" +
                   install_hint(), "spiceNotInstalled")

    def _fail(self, text: str) -> None:
        self._tell(self.tr("SPICE console"), text, "spiceFailed")

    def _on_config(self, session, inst: Instance, data, error) -> None:
        self._replies.pop(inst.key, None)
        if error is not None:
            self._fail(errors.describe(error))
        else:
            self._with_config(session, inst, data)

    def _with_config(self, session, inst: Instance, config: dict) -> None:
        if not has_spice(config):
            shown = vga_options(config.get("vga")).get("type") or "std"
            self._fail(kit.fmt(self.tr("%1 has no SPICE display (its display is \"%2\"). Choose SPICE "
                                       "(qxl) as its display in the hardware settings to use remote-viewer."),
                               inst.name or inst.vmid, shown))
            return
        host = urllib.parse.urlsplit(session.client.base_url).hostname or ""
        reply = session.run(api.spiceproxy(inst, host))
        self._replies[inst.key] = reply
        reply.then(self, lambda data, error: self._on_proxy(inst, data, error))

    def _on_proxy(self, inst: Instance, data, error) -> None:
        self._replies.pop(inst.key, None)
        if error is not None:
            self._fail(errors.describe(error))
            return
        try:
            text = vv_text(data)
        except SpiceConfigError as exc:
            self._fail(kit.fmt(self.tr("The server's SPICE settings cannot be used (%1)."), str(exc)))
            return
        viewer = viewer_path()
        if viewer is None:  # uninstalled meanwhile
            self._not_installed()
            return
        path = self._write(text)
        try:
            proc = subprocess.Popen([viewer, path], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            self._remove(path)
            self._fail(kit.fmt(self.tr("remote-viewer could not be started: %1"), exc.strerror or str(exc)))
            return
        self.running.append((proc, path, time.monotonic()))
        self._watch.start()
        self.message.emit(kit.fmt(self.tr("Opened the SPICE console of %1 in remote-viewer."), inst.name or inst.vmid))
        self.launched.emit(path)

    def _write(self, text: str) -> str:
        if self.directory is None or not os.path.isdir(self.directory):
            self.directory = tempfile.mkdtemp(prefix="virton-spice-")  # 0700
        fd, path = tempfile.mkstemp(suffix=".vv", dir=self.directory)  # 0600
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path

    def _reap(self) -> None:
        now = time.monotonic()
        keep = []
        for proc, path, started in self.running:
            ended = proc.poll() is not None
            if ended or now - started > GRACE_S:
                self._remove(path)
            if not ended:
                keep.append((proc, path, started) if os.path.exists(path) else (proc, "", started))
        # A viewer still running after its file is gone is only watched so it is reaped.
        self.running = keep
        if not self.running:
            self._watch.stop()

    def _remove(self, path: str) -> None:
        if path and os.path.exists(path):
            try:
                os.remove(path)
            except OSError:
                return
        if path:
            self.file_removed.emit(path)
