"""Guest agent data in the window: the list's IP column, "Copy address" and "Open SSH" in the
guest menus, and the guest page's agent section. The data comes from `core.agent_feed`.

Open SSH starts `ssh://user@address` through the desktop (the system's ssh handler), or the
terminal command set in View > "SSH to guests…" (`ssh_settings.py`: `%u` user, `%a` address;
e.g. `x-terminal-emulator -e ssh %u@%a`); the user is root unless set there.
"""

from __future__ import annotations

import shlex

from PySide6.QtCore import QObject, QProcess, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenu

from ...core.agent_feed import AgentFeed
from ...pve.agent import AgentInfo, AgentState
from ...pve.entities import LXC, Instance
from ..permission_gate import gate, guest_need
from .sections import FormSection, TableSection, esc
from .ssh_settings import SshSettingsDialog, ssh_command, ssh_user


def ssh_target(address: str, user: str) -> str:
    """user@address; an IPv6 address in brackets, as an ssh:// URL needs it."""
    return "{0}@{1}".format(user, "[{0}]".format(address) if ":" in address else address)


class AgentActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.clusters = window.clusters
        self.model = window.model
        self.page = window.page
        self.feed = AgentFeed(self.clusters, self.model, self, visible=self._visible)
        self.page.menu_extenders.append(self._menu_entries)
        self.opened: list[str] = []  # what Open SSH started (tests)
        self.ssh_settings_action = QAction(self.tr("SSH to guests…"), window)
        self.ssh_settings_action.setObjectName("action-ssh-settings")
        self.ssh_settings_action.triggered.connect(self.open_ssh_settings)
        view = window.findChild(QMenu, "viewMenu")
        if view is not None:
            view.addSeparator()
            view.addAction(self.ssh_settings_action)

    def open_ssh_settings(self) -> SshSettingsDialog:
        dialog = SshSettingsDialog(self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # ------------------------------------------------------------ the list

    def _visible(self) -> list:
        """The guests in the viewport and the selected ones: asked before the rest."""
        return [inst.key for inst in self.page.selected()] + self.page.keys_in_view()

    # ------------------------------------------------------------ menus

    def need(self, inst: Instance):
        """What the login lacks to read the guest's agent (containers need only VM.Audit)."""
        if inst.type == LXC:
            return None
        return guest_need(self.clusters.privileges(inst.cluster), "agent", inst)

    def _menu_entries(self, menu: QMenu, selected: list[Instance]) -> None:
        if len(selected) != 1:
            return
        inst = selected[0]
        info = self.model.agent(inst.key)
        address = info.first_address if info is not None else ""
        need = self.need(inst)
        if need is not None:
            menu.setToolTipsVisible(True)
        tip = "" if address else self.tr("The guest has told no address (it needs a running guest agent).")
        copy = menu.addAction(self.tr("Copy address"))
        copy.setObjectName("menu-copy-address")
        gate(copy, bool(address), need, tip or address)
        copy.triggered.connect(lambda _=False, a=address: self.copy_address(a))
        if info is not None and len(info.addresses) > 1:
            more = menu.addMenu(self.tr("Copy other address"))
            more.setObjectName("menu-copy-other")
            for other in info.addresses[1:]:
                more.addAction(other).triggered.connect(lambda _=False, a=other: self.copy_address(a))
        ssh = menu.addAction(self.tr("Open SSH"))
        ssh.setObjectName("menu-ssh")
        gate(ssh, bool(address), need, tip or ssh_target(address, ssh_user()))
        ssh.triggered.connect(lambda _=False, a=address: self.open_ssh(a))

    def copy_address(self, address: str) -> None:
        QGuiApplication.clipboard().setText(address)
        self.window.statusBar().showMessage(self.tr("Copied %1").replace("%1", address), 4000)

    def open_ssh(self, address: str) -> None:
        user, command = ssh_user(), ssh_command()
        if command:
            argv = [part.replace("%u", user).replace("%a", address) for part in shlex.split(command)]
            self.opened.append(" ".join(argv))
            if not QProcess.startDetached(argv[0], argv[1:]):
                self.window.statusBar().showMessage(self.tr("Could not start %1").replace("%1", argv[0]), 8000)
            return
        url = "ssh://" + ssh_target(address, user)
        self.opened.append(url)
        if not QDesktopServices.openUrl(QUrl(url)):
            self.window.statusBar().showMessage(
                self.tr("No program opens ssh:// links here; set a terminal command in View > SSH to guests…."), 8000)

    # ------------------------------------------------------------ the guest page

    def wire_detail(self, page) -> None:
        """The guest page's "Guest agent" section, below the network interfaces."""
        body = page.network.parentWidget()
        form = FormSection(self.tr("Guest agent"), "sectionAgent", body)
        table = TableSection(self.tr("Addresses reported by the guest"), "sectionAgentInterfaces",
                             self.tr("No addresses reported."), body)
        grid = body.layout()
        index = grid.indexOf(page.network)
        row = grid.getItemPosition(index)[0] if index >= 0 else grid.rowCount()
        # Below the network box: the rows under it move one down.
        for item in reversed(range(grid.count())):
            r, c, rs, cs = grid.getItemPosition(item)
            if r > row:
                widget = grid.itemAt(item).widget()
                if widget is not None:
                    grid.addWidget(widget, r + 1, c, rs, cs)
        grid.addWidget(form, row + 1, 0)
        grid.addWidget(table, row + 1, 1)
        page.agent_form, page.agent_table = form, table

        def show(key=None) -> None:
            inst = page.instance
            if inst is None or (key is not None and key != inst.key):
                return
            self._show(form, table, inst, self.model.agent(inst.key))

        self.feed.updated.connect(show)
        page.destroyed.connect(lambda: self._disconnect(show))
        show()
        if page.instance is not None and self.model.agent(page.instance.key) is None:
            self.feed.refresh(page.instance.key)

    def _disconnect(self, slot) -> None:
        try:
            self.feed.updated.disconnect(slot)
        except (RuntimeError, TypeError):
            pass

    def _show(self, form: FormSection, table: TableSection, inst: Instance, info: AgentInfo | None) -> None:
        state = self.state_text(inst, info)
        form.set_rows([("state", self.tr("State"), esc(state)),
                       ("hostname", self.tr("Host name"), esc(info.hostname if info else "")),
                       ("os", self.tr("Operating system"), esc(info.os_name if info else ""))])
        rows = []
        for nic in (info.interfaces if info is not None else ()):
            rows.append((nic.name, [esc(nic.name), esc(nic.mac), esc(", ".join(nic.addresses))], ""))
        table.set_table([self.tr("Interface"), self.tr("MAC address"), self.tr("Addresses")], rows)

    def state_text(self, inst: Instance, info: AgentInfo | None) -> str:
        need = self.need(inst)
        if need is not None:
            return self.tr("Not asked: the login lacks %1 on %2").replace("%1", need.privilege.split("|")[0]) \
                .replace("%2", need.path)
        if info is None:
            return self.tr("Not running") if inst.status != "running" else self.tr("Asking…")
        return {AgentState.OK: self.tr("Answering"), AgentState.OFF: self.tr("Not enabled in the VM's options"),
                AgentState.NOT_RUNNING: self.tr("agent not running"),
                AgentState.TIMEOUT: self.tr("agent not answering"),
                AgentState.FAILED: self.tr("Could not be asked: %1").replace("%1", info.error),
                AgentState.WAITING: self.tr("Asking…")}[info.state]
