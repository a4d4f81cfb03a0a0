"""SPICE displays: which VMs have one, and the `.vv` file remote-viewer reads.

A VM has a SPICE display when its `vga` type is `qxl`, `qxl2`..`qxl4` (qemu-server
`vga_conf_has_spice`) or a `virtio*` type (API2/Qemu.pm `vm_status` reports `spice: 1` for
both, and the web UI offers SPICE from that flag). `vga: ...,clipboard=vnc` (PVE >= 8.1) gives
noVNC a real clipboard instead of typed keys.

POST `/nodes/{node}/qemu/{vmid}/spiceproxy` answers the keys of a remote-viewer config
(pve-access-control `remote_viewer_config`): type, title, host (a proxy ticket), proxy,
tls-port, host-subject, ca (the PEM with its newlines already written as `\\n`), password,
delete-this-file, secure-attention, toggle-fullscreen, release-cursor. The web UI writes them
as `key=value` lines under `[virt-viewer]` (pve-manager Utils.js `openSpiceViewer`); so do we,
after checking that no value can start a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# The keys remote-viewer understands in a [virt-viewer] section (virt-viewer's
# remote-viewer-file documentation); anything else the server sends is left out.
VV_KEYS = frozenset({
    "type", "host", "port", "tls-port", "username", "password", "disable-channels", "tls-ciphers",
    "ca", "host-subject", "fullscreen", "title", "toggle-fullscreen", "release-cursor",
    "smartcard-insert", "smartcard-remove", "secure-attention", "enable-smartcard", "enable-usbredir",
    "color-depth", "disable-effects", "enable-usb-autoshare", "usb-filter", "proxy", "delete-this-file",
    "secure-channels", "versions", "newer-version-url",
})
REQUIRED = ("type", "host", "password")
_SPICE_VGA = re.compile(r"^(qxl[234]?|virtio.*)$")


class SpiceConfigError(ValueError):
    """The server's answer cannot be written as a safe .vv file."""


def vga_options(vga: str | None) -> dict[str, str]:
    """`vga` property string -> {"type": ..., "memory": ..., "clipboard": ...}; the type is the
    default key (`qxl,memory=32` and `type=qxl,memory=32` are the same)."""
    options: dict[str, str] = {}
    for part in (vga or "").split(","):
        if not part:
            continue
        key, sep, value = part.partition("=")
        if sep:
            options[key.strip()] = value.strip()
        else:
            options["type"] = key.strip()
    return options


def has_spice(config: Mapping[str, Any]) -> bool:
    """Whether the VM's display speaks SPICE (as status/current's `spice` flag says)."""
    return bool(_SPICE_VGA.match(vga_options(config.get("vga")).get("type", "")))


def has_vnc_clipboard(config: Mapping[str, Any]) -> bool:
    """`vga: ...,clipboard=vnc`: noVNC's clipboard reaches the guest (PVE >= 8.1)."""
    return vga_options(config.get("vga")).get("clipboard") == "vnc"


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        value = int(value)
    if not isinstance(value, (str, int)):
        raise SpiceConfigError("{0}: not a string or number".format(key))
    text = str(value)
    if key == "ca":
        # PVE escapes the certificate's newlines itself; escape any it left raw, the same way.
        text = text.replace("\r\n", "\n").replace("\n", "\\n")
    if any(c in text for c in "\r\n\0"):
        raise SpiceConfigError("{0}: a line break in the value".format(key))
    return text


def vv_text(answer: Mapping[str, Any]) -> str:
    """The `.vv` file for a spiceproxy answer. Raises SpiceConfigError when the answer lacks a
    required key, is not a SPICE config, or a value would break out of its line."""
    missing = [k for k in REQUIRED if k not in answer]
    if missing:
        raise SpiceConfigError("missing: " + ", ".join(missing))
    if answer.get("type") != "spice":
        raise SpiceConfigError("type: not spice")
    if "port" not in answer and "tls-port" not in answer:
        raise SpiceConfigError("missing: tls-port")
    lines = ["[virt-viewer]"]
    for key, value in answer.items():
        if key in VV_KEYS and value is not None:
            lines.append("{0}={1}".format(key, _value(key, value)))
    return "\n".join(lines) + "\n"
