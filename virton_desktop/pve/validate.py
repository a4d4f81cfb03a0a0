"""The seed's input rules for creating guests, plus the limits PVE itself enforces.

Each `check_*` function takes what the user typed and returns `None` when it is fine, or
an `Issue`: an untranslated message (marked with `QT_TRANSLATE_NOOP`, context "Validate",
`%1` placeholders) and whether it only warns. `issue.text()` translates it through the hook
in `pve/text.py`, so this module stays free of Qt.

Warnings (`issue.warning`) never block creation; errors do.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import struct
from dataclasses import dataclass

from .text import QT_TRANSLATE_NOOP, fmt, translate

CONTEXT = "Validate"  # written out in every QT_TRANSLATE_NOOP below: pyside6-lupdate skips a variable context


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with a value: `message` untranslated, `args` for its %1.., `warning` if not blocking."""

    message: str
    args: tuple = ()
    warning: bool = False

    def text(self) -> str:
        return fmt(translate(CONTEXT, self.message), *self.args)


def _err(message: str, *args) -> Issue:
    return Issue(message, tuple(args))


def _warn(message: str, *args) -> Issue:
    return Issue(message, tuple(args), warning=True)


# ------------------------------------------------------------------ names

# PVE's `dns-name` format, one label: letters, digits, hyphens, not starting/ending with a hyphen.
NAME_MAX = 63
_NAME_CHARS = re.compile(r"[A-Za-z0-9-]*")


def check_name(name: str, *, required: bool = True) -> Issue | None:
    """VM name or CT hostname: letters, digits and hyphen only (seed); a DNS label (PVE)."""
    if not name:
        return _err(QT_TRANSLATE_NOOP("Validate", "Enter a name.")) if required else None
    if not _NAME_CHARS.fullmatch(name):
        bad = next(c for c in name if not (c.isascii() and (c.isalnum() or c == "-")))
        return _err(QT_TRANSLATE_NOOP("Validate", "Only letters A-Z, digits and hyphens (-) are allowed; "
                                               "\"%1\" is not."), bad)
    if name.startswith("-") or name.endswith("-"):
        return _err(QT_TRANSLATE_NOOP("Validate", "The name cannot start or end with a hyphen."))
    if len(name) > NAME_MAX:
        return _err(QT_TRANSLATE_NOOP("Validate", "At most %1 characters (this has %2)."), NAME_MAX, len(name))
    return None


_DOMAIN_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def check_domain(domain: str) -> Issue | None:
    """A DNS search domain like `example.com` (optional)."""
    if not domain:
        return None
    if len(domain) > 253 or not all(_DOMAIN_LABEL.fullmatch(p) for p in domain.rstrip(".").split(".")):
        return _err(QT_TRANSLATE_NOOP("Validate", "Not a valid domain name (e.g. example.com)."))
    return None


VMID_MIN, VMID_MAX = 100, 999999999


def ascii_number(text: str) -> bool:
    """Digits 0-9 only: `str.isdigit` (and `int`) also take ١٢٣ or １２３, which PVE refuses."""
    return text.isascii() and text.isdigit()


def check_vmid(text: str) -> Issue | None:
    """A guest id: a whole number from 100 to 999999999."""
    if not text.strip():
        return _err(QT_TRANSLATE_NOOP("Validate", "Enter an ID."))
    if not ascii_number(text.strip()) or not VMID_MIN <= int(text) <= VMID_MAX:
        return _err(QT_TRANSLATE_NOOP("Validate", "The ID must be a number from %1 to %2."), VMID_MIN, VMID_MAX)
    return None


def vmid_in_use(vmid: int | str) -> Issue:
    """The server said the id is taken (`GET /cluster/nextid?vmid=N` answered 400)."""
    return _err(QT_TRANSLATE_NOOP("Validate", "ID %1 is already in use; choose another."), vmid)


# ------------------------------------------------------------------ password

PASSWORD_MIN = 8
_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"[0-9]"), re.compile(r"[^a-zA-Z0-9]"))


def password_classes(password: str) -> int:
    """How many of lower case, upper case, digit and symbol the password uses (0..4)."""
    return sum(1 for c in _CLASSES if c.search(password))


def check_password(password: str, hostname: str = "") -> Issue | None:
    """The root password policy: >= 8 characters, three of four kinds, not containing the hostname."""
    if not password:
        return _err(QT_TRANSLATE_NOOP("Validate", "Enter a password."))
    if len(password) < PASSWORD_MIN:
        return _err(QT_TRANSLATE_NOOP("Validate", "At least %1 characters (this has %2)."), PASSWORD_MIN, len(password))
    if password_classes(password) < 3:
        return _err(QT_TRANSLATE_NOOP("Validate", "Use at least three of: lower-case letters, upper-case letters, "
                                               "digits, symbols."))
    if len(hostname) >= 3 and hostname.lower() in password.lower():
        return _err(QT_TRANSLATE_NOOP("Validate", "The password must not contain the hostname."))
    return None


def check_password_confirm(password: str, confirm: str) -> Issue | None:
    if confirm != password:
        return _err(QT_TRANSLATE_NOOP("Validate", "The passwords do not match."))
    return None


STRENGTH_LABELS = (QT_TRANSLATE_NOOP("Validate", "Very weak"), QT_TRANSLATE_NOOP("Validate", "Weak"),
                   QT_TRANSLATE_NOOP("Validate", "Fair"), QT_TRANSLATE_NOOP("Validate", "Strong"),
                   QT_TRANSLATE_NOOP("Validate", "Very strong"))


def password_strength(password: str) -> int:
    """A rough 0..4 score for the indicator: length and variety, minus repeats. 3+ passes the policy."""
    if not password:
        return 0
    score = 0
    if len(password) >= PASSWORD_MIN:
        score += 1
    if len(password) >= 12:
        score += 1
    if len(password) >= 16:
        score += 1
    classes = password_classes(password)
    score += max(0, classes - 2)
    if len(set(password)) <= len(password) // 2:
        score -= 1  # "aaaaaaaa1A!" style
    if check_password(password) is not None:
        score = min(score, 2)
    return max(0, min(4, score))


def strength_label(score: int) -> str:
    return translate(CONTEXT, STRENGTH_LABELS[max(0, min(4, score))])


# ------------------------------------------------------------------ numbers

def check_vlan(text: str) -> Issue | None:
    """A VLAN tag: empty (none) or 1..4094."""
    text = text.strip()
    if not text:
        return None
    if not ascii_number(text) or not 1 <= int(text) <= 4094:
        return _err(QT_TRANSLATE_NOOP("Validate", "The VLAN tag must be a number from 1 to 4094 (or empty)."))
    return None


MEMORY_MIN = 16
MEMORY_RECOMMENDED = 512


def check_memory(mib: int) -> Issue | None:
    """Memory in MiB: PVE's minimum is 16; below 512 MiB only warns (seed: 512 recommended)."""
    if mib < MEMORY_MIN:
        return _err(QT_TRANSLATE_NOOP("Validate", "At least %1 MiB."), MEMORY_MIN)
    if mib < MEMORY_RECOMMENDED:
        return _warn(QT_TRANSLATE_NOOP("Validate", "Less than %1 MiB: most systems need at least that much "
                                                "to install and run."), MEMORY_RECOMMENDED)
    return None


DISK_MAX_GIB = 128 * 1024


def check_disk_size(gib: float) -> Issue | None:
    if gib <= 0:
        return _err(QT_TRANSLATE_NOOP("Validate", "The size must be more than 0 GiB."))
    if gib > DISK_MAX_GIB:
        return _err(QT_TRANSLATE_NOOP("Validate", "At most %1 GiB."), DISK_MAX_GIB)
    return None


# ------------------------------------------------------------------ addresses

_MAC = re.compile(r"[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")


def check_mac(text: str) -> Issue | None:
    """A MAC address (empty = generated by PVE): six hex pairs, a unicast address."""
    if not text:
        return None
    if not _MAC.fullmatch(text):
        return _err(QT_TRANSLATE_NOOP("Validate", "A MAC address looks like BC:24:11:2A:3B:4C."))
    if int(text[:2], 16) & 1:
        return _err(QT_TRANSLATE_NOOP("Validate", "This is a multicast address; the first byte must be even."))
    return None


def _address(text: str):
    """An IP address as PVE's `ip`/`ipv6` formats take it. Python also accepts an IPv6 scope
    (`fe80::1%anything`), whose text could carry `,` `=` into an option string: refused."""
    if "%" in text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _interface(text: str, version: int):
    if "/" not in text or "%" in text:
        return None
    try:
        iface = ipaddress.ip_interface(text.strip())
    except ValueError:
        return None
    return iface if iface.version == version else None


def check_cidr(text: str, version: int = 4) -> Issue | None:
    """A static address with prefix length, e.g. 10.0.0.5/24 or 2001:db8::5/64."""
    if not text.strip():
        return _err(QT_TRANSLATE_NOOP("Validate", "Enter the address with its prefix length."))
    iface = _interface(text, version)
    if iface is None:
        if version == 4:
            return _err(QT_TRANSLATE_NOOP("Validate", "An IPv4 address with prefix length, e.g. 10.0.0.5/24."))
        return _err(QT_TRANSLATE_NOOP("Validate", "An IPv6 address with prefix length, e.g. 2001:db8::5/64."))
    net = iface.network
    if iface.ip == net.network_address and net.num_addresses > 2:
        return _err(QT_TRANSLATE_NOOP("Validate", "%1 is the network address, not a host address."), iface.ip)
    if version == 4 and iface.ip == net.broadcast_address and net.num_addresses > 2:
        return _err(QT_TRANSLATE_NOOP("Validate", "%1 is the broadcast address, not a host address."), iface.ip)
    return None


# PVE's `pve-bridge-id` (a Linux interface name: at most 15 characters), ASCII only.
_BRIDGE = re.compile(r"[A-Za-z0-9_.-]{1,15}")
# A CPU model as PVE names them (`x86-64-v2-AES`, `host`, `custom-mymodel`).
_CPU_MODEL = re.compile(r"(custom-)?[A-Za-z0-9_.+-]{1,64}")


# pve-storage's `pve-storage-id` (parse_storage_id: /^[a-z][a-z0-9\-\_\.]*[a-z0-9]$/i), ASCII only.
_STORAGE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]", re.ASCII)
# What may follow `storage:` in a volume id that goes into an option string (`ide2=<volid>,media=cdrom`).
_VOLUME_NAME = re.compile(r"[^,=;\s\x00-\x1f\x7f]+")


def check_storage_id(text: str) -> Issue | None:
    """A storage's id as the server listed it; empty: none chosen."""
    if not text:
        return _err(QT_TRANSLATE_NOOP("Validate", "Choose a storage."))
    if not _STORAGE_ID.fullmatch(text):
        return _err(QT_TRANSLATE_NOOP("Validate", "\"%1\" is not a storage id Proxmox VE would give (letters, "
                                                  "digits, '-', '_' and '.')."), text)
    return None


def check_volid(text: str) -> Issue | None:
    """A volume id the server listed (`local:iso/debian-13.iso`): a storage id, `:`, then no separators."""
    storage, sep, name = text.partition(":")
    if not sep or check_storage_id(storage) is not None or not _VOLUME_NAME.fullmatch(name):
        return _err(QT_TRANSLATE_NOOP("Validate", "\"%1\" is not a volume id this app can send safely."), text)
    return None


def check_bridge(text: str) -> Issue | None:
    """A bridge (or SDN vnet) name; nothing that could add options to the NIC's option string."""
    if not _BRIDGE.fullmatch(text.strip()):
        return _err(QT_TRANSLATE_NOOP("Validate", "A bridge name has up to 15 letters, digits, '.', '-' "
                                                  "or '_', e.g. vmbr0."))
    return None


def check_cpu_model(text: str) -> Issue | None:
    if not _CPU_MODEL.fullmatch(text.strip()):
        return _err(QT_TRANSLATE_NOOP("Validate", "A CPU type has letters, digits, '.', '-', '_' or '+' only, "
                                                  "e.g. x86-64-v2-AES or host."))
    return None


def check_nic_ipv4(text: str) -> Issue | None:
    """A container NIC's IPv4: empty (none), dhcp, manual, or an address with prefix length."""
    if text.strip() in ("", "dhcp", "manual"):
        return None
    return check_cidr(text, 4)


def check_gateway(text: str, cidr: str = "", version: int = 4) -> Issue | None:
    """An optional gateway address; a gateway outside the interface's network only warns."""
    if not text.strip():
        return None
    gw = _address(text.strip())
    if gw is None or gw.version != version:
        if version == 4:
            return _err(QT_TRANSLATE_NOOP("Validate", "An IPv4 address, e.g. 10.0.0.1."))
        return _err(QT_TRANSLATE_NOOP("Validate", "An IPv6 address, e.g. 2001:db8::1."))
    iface = _interface(cidr, version) if cidr else None
    if iface is not None:
        if gw == iface.ip:
            return _err(QT_TRANSLATE_NOOP("Validate", "The gateway cannot be the interface's own address."))
        if gw not in iface.network:
            return _warn(QT_TRANSLATE_NOOP("Validate", "The gateway is outside %1."), iface.network)
    return None


def split_servers(text: str) -> list[str]:
    return [s for s in re.split(r"[\s,;]+", text.strip()) if s]


def check_dns_servers(text: str) -> Issue | None:
    """DNS servers: IPv4 or IPv6 addresses separated by spaces or commas (optional; max 3 as resolv.conf)."""
    servers = split_servers(text)
    for server in servers:
        if _address(server) is None:
            return _err(QT_TRANSLATE_NOOP("Validate", "\"%1\" is not an IP address."), server)
    if len(servers) > 3:
        return _warn(QT_TRANSLATE_NOOP("Validate", "Only the first three DNS servers are used."))
    return None


# ------------------------------------------------------------------ paths and keys

def check_mount_path(path: str) -> Issue | None:
    """A container mount point: an absolute path, not /, no `..`, nothing that breaks the option string."""
    if not path:
        return _err(QT_TRANSLATE_NOOP("Validate", "Enter the path inside the container, e.g. /data."))
    if not path.startswith("/"):
        return _err(QT_TRANSLATE_NOOP("Validate", "The path must start with /."))
    if path.rstrip("/") == "":
        return _err(QT_TRANSLATE_NOOP("Validate", "/ is the root disk; choose a directory below it."))
    if ".." in path.split("/"):
        return _err(QT_TRANSLATE_NOOP("Validate", "The path cannot contain \"..\"."))
    if re.search(r"[,=;\s\x00-\x1f\x7f]", path):
        return _err(QT_TRANSLATE_NOOP("Validate", "The path cannot contain spaces, commas, \"=\" or \";\"."))
    return None


SSH_KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                 "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")


def _key_blob_type(data: str) -> str | None:
    try:
        blob = base64.b64decode(data, validate=True)
        (length,) = struct.unpack(">I", blob[:4])
        return blob[4:4 + length].decode("ascii")
    except (binascii.Error, struct.error, UnicodeDecodeError, ValueError):
        return None


def _after_options(line: str) -> str:
    """What follows the options of an authorized_keys line (or the host of a known_hosts one), as
    ssh-keygen skips them: all up to the first blank outside double quotes (\\" is no quote)."""
    quoted, i = False, 0
    while i < len(line) and (quoted or line[i] not in " \t"):
        if line[i] == "\\" and line[i + 1:i + 2] == '"':
            i += 1
        elif line[i] == '"':
            quoted = not quoted
        i += 1
    return line[i:]


def public_key(line: str) -> tuple[str, str] | None:
    """(type, base64) of the key on one line as `ssh-keygen -l` reads it (PVE's
    validate_ssh_public_keys runs it on every line; OpenSSH ssh-keygen.c do_fingerprint): a bare
    `type base64 [comment]`, else that after the line's options, as in `from="10.0.0.0/8",no-pty
    ssh-ed25519 AAAA... me` (pve-manager's CloudInit.js lists such keys "with options"). None: no key."""
    for text in (line, _after_options(line)):
        parts = text.split()
        if len(parts) >= 2 and _key_blob_type(parts[1]) == parts[0]:
            return parts[0], parts[1]
    return None


def check_ssh_keys(text: str) -> Issue | None:
    """OpenSSH public keys, one a line (`ssh-ed25519 AAAA... comment`, options before it allowed
    as in authorized_keys); empty lines allowed.

    PVE checks every non-empty line with `ssh-keygen -l` (pve-common validate_ssh_public_keys):
    a `#` comment line is no key and fails, and so does `ssh-dss` on PVE 9 (OpenSSH 10 dropped DSA).
    """
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            return _err(QT_TRANSLATE_NOOP("Validate", "Line %1 is a comment: Proxmox VE refuses comment lines "
                                                   "here. Remove it (a comment goes after the key)."), number)
        key = public_key(line)
        if (key[0] if key else line.split()[0]) == "ssh-dss":
            return _err(QT_TRANSLATE_NOOP("Validate", "Line %1 is a DSA key (ssh-dss), which Proxmox VE 9 no "
                                                   "longer accepts. Use an Ed25519 or RSA key."), number)
        if key is None or key[0] not in SSH_KEY_TYPES:
            return _err(QT_TRANSLATE_NOOP("Validate", "Line %1 is not an OpenSSH public key "
                                                   "(like \"ssh-ed25519 AAAA... user@host\")."), number)
    return None
