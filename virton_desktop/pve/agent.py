"""What a guest tells about itself: addresses, host name and OS, from the QEMU guest agent
(VMs) or from the container's network namespace (containers). No Qt.

Sources: qemu-server `PVE/API2/Qemu/Agent.pm` (GET agent/network-get-interfaces,
get-host-name, get-osinfo, each answered as `{"result": ...}`, VM.GuestAgent.Audit on PVE 9,
VM.Monitor before; `QemuServer/Agent.pm` says "No QEMU guest agent configured" or "QEMU guest
agent is not running"; a hung agent fails guest-ping with "got timeout"), pve-container
`API2/LXC.pm` GET interfaces (PVE >= 8.1: `[{name, hwaddr, inet, inet6}]`), and pve-manager
`www/manager6/qemu/AgentIPView.js` for which addresses are worth showing (no loopback, no
link-local; IPv4 first, then IPv6).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from . import errors


class AgentState(StrEnum):
    WAITING = "waiting"  # not asked yet (or asking)
    OFF = "off"  # the VM's config has no `agent: 1`
    NOT_RUNNING = "not-running"  # enabled, but nobody answers inside the guest
    TIMEOUT = "timeout"  # the agent took the question and never answered (hangs)
    FAILED = "failed"  # another error (permission, an old PVE without the endpoint, ...)
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Interface:
    name: str
    mac: str
    addresses: tuple[str, ...]  # "address/prefix", as the guest reports them (all of them)


@dataclass(frozen=True, slots=True)
class AgentInfo:
    """One guest's answer (or why there is none)."""

    state: AgentState = AgentState.WAITING
    interfaces: tuple[Interface, ...] = ()
    hostname: str = ""
    os_name: str = ""
    error: str = ""  # PVE's words, for the tooltip of FAILED
    addresses: tuple[str, ...] = field(default=(), init=False)  # worth showing, IPv4 first

    def __post_init__(self) -> None:
        object.__setattr__(self, "addresses", shown_addresses(self.interfaces))

    @property
    def first_address(self) -> str:
        return self.addresses[0] if self.addresses else ""

    def search_text(self) -> str:
        """What the search box finds the guest by: every address (all of them, link-local too: a
        user may paste any) and MAC, and the host name, lower case."""
        words = [self.hostname]
        for nic in self.interfaces:
            if nic.mac and nic.mac != "00:00:00:00:00:00":
                words.append(nic.mac)
            words.extend(a.split("/", 1)[0] for a in nic.addresses)
        return " ".join(w for w in words if w).lower()


def agent_enabled(value: object) -> bool:
    """A VM's `agent`: status/current's flag (1/0) or the config option (`1`,
    `enabled=1,fstrim_cloned_disks=1`, `0`, absent)."""
    if value is None:
        return False
    first = str(value).split(",", 1)[0].strip()
    if "=" in first:
        key, _, first = first.partition("=")
        if key.strip() != "enabled":
            return False
    return first.strip().lower() in ("1", "on", "yes", "true")


def _result(answer: Any) -> Any:
    """The agent endpoints' `{"result": ...}` wrapper."""
    return answer.get("result") if isinstance(answer, Mapping) else None


def _prefixed(address: str, prefix: object) -> str:
    return "{0}/{1}".format(address, prefix) if prefix not in (None, "") else address


def qga_interfaces(answer: Any) -> tuple[Interface, ...]:
    """guest-network-get-interfaces: [{name, hardware-address, ip-addresses: [{ip-address,
    ip-address-type, prefix}]}]; anything not shaped so is skipped (the guest writes it)."""
    out = []
    for item in _result(answer) or ():
        if not isinstance(item, Mapping):
            continue
        addresses = tuple(_prefixed(str(ip["ip-address"]), ip.get("prefix"))
                          for ip in item.get("ip-addresses") or () if isinstance(ip, Mapping) and ip.get("ip-address"))
        out.append(Interface(str(item.get("name", "")), str(item.get("hardware-address", "")).lower(), addresses))
    return tuple(out)


def lxc_interfaces(answer: Any) -> tuple[Interface, ...]:
    """pve-container's interfaces: [{name, hwaddr, inet, inet6}] (PVE 9 adds ip-addresses)."""
    out = []
    for item in answer or ():
        if not isinstance(item, Mapping):
            continue
        addresses = [str(item[k]) for k in ("inet", "inet6") if item.get(k)]
        for ip in item.get("ip-addresses") or ():
            if isinstance(ip, Mapping) and ip.get("ip-address"):
                text = _prefixed(str(ip["ip-address"]), ip.get("prefix"))
                if text not in addresses:
                    addresses.append(text)
        out.append(Interface(str(item.get("name", "")), str(item.get("hwaddr", "")).lower(), tuple(addresses)))
    return tuple(out)


def hostname(answer: Any) -> str:
    result = _result(answer)
    return str(result.get("host-name", "")) if isinstance(result, Mapping) else ""


def os_name(answer: Any) -> str:
    """get-osinfo as PVE's summary shows it: pretty-name, else name and version."""
    result = _result(answer)
    if not isinstance(result, Mapping):
        return ""
    pretty = result.get("pretty-name")
    if pretty:
        return str(pretty)
    return " ".join(str(result[k]) for k in ("name", "version") if result.get(k))


def _worth_showing(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(address.split("/", 1)[0].split("%", 1)[0])
    except ValueError:
        return None
    if ip.is_loopback or ip.is_link_local or ip.is_unspecified:
        return None
    return ip


def shown_addresses(interfaces: Iterable[Interface]) -> tuple[str, ...]:
    """The addresses worth showing, without prefixes: not on `lo`, not loopback or link-local
    (169.254/16, fe80::/10), IPv4 before IPv6, each once, in the guest's order otherwise."""
    v4: list[str] = []
    v6: list[str] = []
    for nic in interfaces:
        if nic.name == "lo":
            continue
        for address in nic.addresses:
            ip = _worth_showing(address)
            if ip is None:
                continue
            bucket = v4 if ip.version == 4 else v6
            if str(ip) not in bucket:
                bucket.append(str(ip))
    return tuple(v4 + v6)


def state_of(error: errors.PveError) -> AgentState:
    """What an agent request's error means for the guest's agent."""
    text = str(error).lower()
    if "not running" in text or "no qemu guest agent configured" in text:
        return AgentState.NOT_RUNNING if "not running" in text else AgentState.OFF
    if isinstance(error, errors.RequestTimeout) or "got timeout" in text or "timeout" in text:
        return AgentState.TIMEOUT
    return AgentState.FAILED
