"""AgentCells: what each guest's agent said (`pve.agent.AgentInfo`) and its IP cell, (text,
tooltip, muted), made once per answer so the instance model's data() only looks it up."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..pve.agent import AgentInfo, AgentState

Key = tuple[str, int]
Cell = tuple[str, str, bool]


class AgentCells:
    def __init__(self):
        self.infos: dict[Key, AgentInfo] = {}
        self.cells: dict[Key, Cell] = {}
        self.translate()

    def translate(self) -> None:
        """(Re)make the texts, and every cell in the current language."""
        # Spelled out per text: lupdate reads only literal QCoreApplication.translate calls.
        self._state_text = {
            AgentState.NOT_RUNNING: (
                QCoreApplication.translate("InstanceModel", "agent not running"),
                QCoreApplication.translate("InstanceModel",
                                           "The QEMU guest agent is enabled but not running in the guest.")),
            AgentState.TIMEOUT: (
                QCoreApplication.translate("InstanceModel", "agent not answering"),
                QCoreApplication.translate("InstanceModel",
                                           "The guest agent does not answer; it is asked again later.")),
            AgentState.FAILED: (
                QCoreApplication.translate("InstanceModel", "no agent data"),
                QCoreApplication.translate("InstanceModel", "The guest agent could not be asked: %1")),
            AgentState.OFF: (
                "", QCoreApplication.translate("InstanceModel",
                                               "The QEMU guest agent is not enabled in this VM's options.")),
        }
        self._lines = (QCoreApplication.translate("InstanceModel", "Addresses: %1"),
                       QCoreApplication.translate("InstanceModel", "Host name: %1"),
                       QCoreApplication.translate("InstanceModel", "OS: %1"),
                       QCoreApplication.translate("InstanceModel", "no address"))
        self.cells.update((key, self._cell(info)) for key, info in self.infos.items())

    def set(self, key: Key, info: AgentInfo | None) -> None:
        if info is None:
            self.pop(key)
        else:
            self.infos[key] = info
            self.cells[key] = self._cell(info)

    def search_text(self, key: Key) -> str:
        """What the search box finds the guest by beyond its own fields ("" when nothing is known)."""
        info = self.infos.get(key)
        return "" if info is None else " " + info.search_text()

    def pop(self, key: Key) -> None:
        self.infos.pop(key, None)
        self.cells.pop(key, None)

    def _cell(self, info: AgentInfo) -> Cell:
        if info.state == AgentState.OK:
            addresses, host, os_line, none = self._lines
            lines = [addresses.replace("%1", ", ".join(info.addresses) or none)]
            if info.hostname:
                lines.append(host.replace("%1", info.hostname))
            if info.os_name:
                lines.append(os_line.replace("%1", info.os_name))
            return info.first_address or none, "\n".join(lines), not info.addresses
        text, tip = self._state_text.get(info.state, ("", ""))
        return text, tip.replace("%1", info.error), True
