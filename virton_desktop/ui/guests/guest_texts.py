"""The guest page's rows in words: labels by row id, the fixed words, table headers and cells.

`pve.guest_view` decides what a row says; this puts it in the user's language as rich text
for the sections (`ui/guests/sections.py`): `(id, label, html)` for a form, `(id, cells, note)`
for a table. Every text here is translated under the context "GuestTexts".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from ... import icons
from ...pve import ha, parse
from ...pve.guest_view import DASH, Change, DiskKind, DiskRow, NicRow, PendingRow, Phrase, Row, Value, Word
from ...pve.tags import TagStyle
from .. import kit, style
from ..style import Tone
from .sections import esc

# A tag is a chip with its own background: its text colour goes with that, not with the theme.
DEFAULT_TAG_STYLE = TagStyle()  # PVE's order (alphabetical) where no cluster style is known


def _span(tone: Tone, rich: str) -> str:
    return '<span style="color:{0}">{1}</span>'.format(style.css(tone), rich)


class GuestTexts(QObject):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.words = {
            Word.YES: self.tr("yes"), Word.NO: self.tr("no"), Word.ON: self.tr("on"), Word.OFF: self.tr("off"),
            Word.ENABLED: self.tr("enabled"), Word.DISABLED: self.tr("disabled"), Word.NONE: self.tr("none"),
            Word.NOT_IN_HA: self.tr("not managed by HA"), Word.ALL_HOST_CORES: self.tr("all host cores"),
            Word.AES_NI: self.tr("AES-NI exposed (hardware crypto acceleration)"),
            Word.NO_AES_NI: self.tr("no AES-NI (crypto in software)"),
            Word.BALLOON_MIN: self.tr("on, minimum %1"), Word.REMOVED: self.tr("removed"),
            Word.NO_MEDIA: self.tr("no media"),
        }
        self.labels = {
            "status": self.tr("Status"), "node": self.tr("Node"), "pool": self.tr("Pool"),
            "uptime": self.tr("Uptime"), "hastate": self.tr("HA state"), "tags": self.tr("Tags"),
            "lock": self.tr("Lock"), "template": self.tr("Template"),
            "ostype": self.tr("OS type"), "boot": self.tr("Boot order"), "machine": self.tr("Machine"),
            "bios": self.tr("BIOS"), "scsihw": self.tr("SCSI controller"), "agent": self.tr("QEMU guest agent"),
            "onboot": self.tr("Start at boot"), "arch": self.tr("Architecture"),
            "unprivileged": self.tr("Unprivileged"), "features": self.tr("Features"),
            "hostname": self.tr("Hostname"),
            "sockets": self.tr("Sockets"), "cores": self.tr("Cores per socket"), "vcpus": self.tr("Total vCPUs"),
            "cpu": self.tr("CPU type"), "memory": self.tr("Memory"), "balloon": self.tr("Ballooning"),
            "swap": self.tr("Swap"),
        }
        self.container_labels = {**self.labels, "cores": self.tr("Cores")}
        self.disk_kinds = {
            DiskKind.CD_DRIVE: self.tr("CD/DVD drive"), DiskKind.CLOUD_INIT: self.tr("Cloud-init drive"),
            DiskKind.ROOT: self.tr("root disk"), DiskKind.MOUNT_POINT: self.tr("mount point"),
            DiskKind.EFI_VARS: self.tr("EFI vars disk"), DiskKind.TPM_STATE: self.tr("TPM state"),
            DiskKind.UNUSED: self.tr("unused disk"), DiskKind.DRIVE: self.tr("%1 disk"),
        }
        self.changes = {Change.ADDED: self.tr("added at next start"), Change.CHANGED: self.tr("changes at next start"),
                        Change.REMOVED: self.tr("removed at next start")}

    # ------------------------------------------------------------ forms

    def value(self, value: Value) -> str:
        """A value as rich text."""
        if isinstance(value, Word):
            return esc(self.words[value])
        if isinstance(value, Phrase):
            return esc(kit.fmt(self.words[value.word], value.arg))
        return esc(value)

    def row_html(self, row: Row) -> str:
        text = self.value(row.value)
        if row.raw:
            text += " " + _span(Tone.MUTED, "({0})".format(esc(row.raw)))
        if row.note is not None:
            text += "<br>" + _span(Tone.OK if row.note is Word.AES_NI else Tone.MUTED, self.value(row.note))
        if row.pending is not None:
            text += " " + _span(Tone.PENDING, "→ {0} ({1})".format(self.value(row.pending),
                                                                  esc(self.tr("after restart"))))
        return text

    def form(self, rows: Sequence[Row], container: bool = False) -> list[tuple[str, str, str]]:
        labels = self.container_labels if container else self.labels
        return [(row.id, labels.get(row.id, row.id), self.row_html(row)) for row in rows]

    def summary(self, rows: Sequence[Row], status_text: str, ha_service=None) -> list[tuple[str, str, str]]:
        """The summary form: the status with its colour and `status_text`, tags as chips, a lock in colour;
        the HA row with the HA manager's entry (`ha_config.HaService`) when it is known."""
        out = []
        for row in rows:
            if row.id == "status":
                text = '<span style="color:{0}">●</span> {1}'.format(
                    icons.STATUS_COLORS.get(str(row.value), icons.UNKNOWN_COLOR), esc(status_text))
            elif row.id == "tags" and isinstance(row.value, tuple):
                text = " ".join('<span style="{0}">&nbsp;{1}&nbsp;</span>'.format(style.tag_sheet(), esc(t))
                                for t in DEFAULT_TAG_STYLE.ordered(row.value))
            elif row.id == "lock" and isinstance(row.value, str):
                text = _span(Tone.WARNING, "🔒 " + esc(row.value))
            elif row.id == "hastate" and isinstance(row.value, str):
                text = self.ha_html(row.value, row.raw, ha_service)
            else:
                text = self.row_html(row)
            out.append((row.id, self.labels.get(row.id, row.id), text))
        return out

    def ha_html(self, hastate: str, sid: str, service=None) -> str:
        """The HA state in words (red when in error), the resource id, and what the state means (pve.ha);
        with the HA manager's entry: "started on pve2 (request: started, max. restart 1, max. relocate 1)"."""
        words = esc(ha.state_text(hastate))
        text = _span(Tone.ERROR, words) if hastate == ha.ERROR else words
        if service is not None and service.node:
            text = kit.fmt(self.tr("%1 on %2"), text, esc(service.node))
            text += " " + esc(kit.fmt(self.tr("(request: %1, max. restart %2, max. relocate %3)"),
                                      ha.state_text(service.request_state), service.max_restart,
                                      service.max_relocate))
        text += " " + _span(Tone.MUTED, "({0})".format(esc(sid)))
        meaning = ha.state_help(hastate)
        return text + ("<br>" + _span(Tone.MUTED, esc(meaning)) if meaning else "")

    # ------------------------------------------------------------ tables

    def nic_headers(self, container: bool) -> list[str]:
        headers = [self.tr("Interface"), self.tr("Model"), self.tr("MAC address"), self.tr("Bridge"),
                   self.tr("VLAN"), self.tr("Firewall")]
        return headers + [self.tr("IPv4"), self.tr("Gateway")] if container else headers

    def nic_table(self, rows: Sequence[NicRow], container: bool) -> list[tuple[str, list[str], str]]:
        out = []
        for row in rows:
            nic = row.nic
            cells = ["<b>{0}</b>".format(esc(row.id) + (" ({0})".format(esc(row.name)) if row.name else "")),
                     esc(nic.model), "<tt>{0}</tt>".format(esc(nic.mac or DASH)), esc(nic.bridge or DASH),
                     esc(nic.tag) if nic.tag is not None else DASH,
                     self.value(Word.ON if nic.firewall else Word.OFF)]
            if container:
                cells += [esc(nic.ip or DASH), esc(nic.gw or DASH)]
            out.append((row.id, cells, self.change(row.change)))
        return out

    def disk_headers(self) -> list[str]:
        return [self.tr("Disk"), self.tr("Interface"), self.tr("Storage"), self.tr("Volume"), self.tr("Size"),
                self.tr("Options")]

    def disk_table(self, rows: Sequence[DiskRow]) -> list[tuple[str, list[str], str]]:
        out = []
        for row in rows:
            kind = self.disk_kinds[row.kind]
            if row.kind is DiskKind.DRIVE:
                kind = kit.fmt(kind, row.bus)
            options = row.options
            if row.mountpoint:
                options = kit.fmt(self.tr("at %1"), row.mountpoint) + (", " + options if options else "")
            cells = ["<b>{0}</b>".format(esc(row.id)), esc(kind), esc(row.storage or DASH), self.value(row.volume),
                     esc(parse.human_bytes(row.size, 0) if row.size else DASH), esc(options or DASH)]
            out.append((row.id, cells, self.change(row.change)))
        return out

    def pending_headers(self) -> list[str]:
        return [self.tr("Setting"), self.tr("Now"), "", self.tr("After the next start")]

    def pending_table(self, rows: Sequence[PendingRow]) -> list[tuple[str, list[str], str]]:
        return [(row.id, ["<b>{0}</b>".format(esc(row.id)), esc(DASH if row.now is None else row.now), "→",
                          "<b>{0}</b>".format(esc(self.tr("(removed)") if row.after is None else row.after))], "")
                for row in rows]

    def change(self, change: Change | None) -> str:
        return "" if change is None else self.changes[change]
