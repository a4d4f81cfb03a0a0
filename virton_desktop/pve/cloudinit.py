"""Cloud-init of a VM as Proxmox VE keeps it (no Qt): the keys, their spelling, what to write.

Sources: qemu-server `PVE/QemuServer.pm` (`$confdesc_cloudinit`: citype, ciuser, cipassword,
ciupgrade (default 1), cicustom, searchdomain, nameserver, sshkeys, ipconfig0..N),
`PVE/API2/Qemu.pm` (`GET config` answers `**********` for a set cipassword; `update_vm` stores
a password hashed unless the OS is Windows; `cloudinit_pending`: the changes since the image
was last generated) and pve-manager `www/manager6/qemu/CloudInit.js`, `SSHKey.js`,
`IPConfigEdit.js` (what the web UI shows and writes).

- `sshkeys` is stored percent-encoded: the web UI sends `encodeURIComponent(text)` and PVE
  un-escapes it before checking the keys (`URI::Escape::uri_unescape`); `encode_ssh_keys` is
  that JavaScript function, byte for byte.
- `ipconfigN` belongs to `netN`: `ip=dhcp|<cidr>,gw=<ipv4>,ip6=dhcp|auto|<cidr>,gw6=<ipv6>`;
  an empty one is deleted (IPConfigEdit.js: `params.delete`).
- Changes to these keys reach the guest only through the image: PVE regenerates it at every
  start of the VM; a running VM keeps the old image until `PUT …/cloudinit` (the web UI's
  "Regenerate Image") and the guest reads it at its next boot.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import quote, unquote

from . import config as C
from . import validate as V
from .text import QT_TRANSLATE_NOOP

# The keys of `$confdesc_cloudinit` this app edits (citype and cicustom are shown, not edited).
USER, PASSWORD, SSH_KEYS, DOMAIN, SERVERS, UPGRADE = ("ciuser", "cipassword", "sshkeys", "searchdomain",
                                                      "nameserver", "ciupgrade")
MASKED_PASSWORD = "**********"  # what GET config answers for a set cipassword
_DRIVE = re.compile(r"^(ide|sata|scsi)\d+$")
_IPCONFIG = re.compile(r"^ipconfig(\d+)$")

# encodeURIComponent leaves A-Z a-z 0-9 and - _ . ! ~ * ' ( ) as they are.
_URI_COMPONENT_SAFE = "-_.!~*'()"


def encode_ssh_keys(text: str) -> str:
    """What the web UI stores for `sshkeys` (SSHKey.js): JavaScript's encodeURIComponent of the text."""
    return quote(text, safe=_URI_COMPONENT_SAFE, encoding="utf-8")


def decode_ssh_keys(value: object) -> str:
    """The keys as text from the stored (percent-encoded) value."""
    return unquote(str(value or ""), encoding="utf-8", errors="replace")


# What a text field makes of a line break: QPlainTextEdit (and a browser's textarea, SSHKey.js)
# holds \r\n, \r, U+2028 and U+2029 as \n.
_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029]")


def same_keys(a: str, b: str) -> bool:
    """True when two key texts are the same for an editor: equal once their line breaks are a
    text field's and the blanks around them dropped. `qm set --sshkeys <file>` stores a file's
    CRLF as `%0D%0A` (qemu-server qm.pm: uri_escape of the file); the field shows them as \n."""
    return _LINE_BREAK.sub("\n", a).strip() == _LINE_BREAK.sub("\n", b).strip()


def drive_key(config: Mapping[str, object], vmid: int) -> str | None:
    """The key of the VM's cloud-init drive (`ide2: local-lvm:vm-108-cloudinit,media=cdrom`), or None.

    As CloudInit.js finds it: an ide/sata/scsi drive whose volume is `vm-<vmid>-cloudinit`
    (or, before allocation, `<storage>:cloudinit`).
    """
    marker = re.compile(r"(^|[:/])vm-{0}-cloudinit(\.\w+)?$|^[^:,]+:cloudinit$".format(int(vmid)))
    for key in sorted(config, key=C._natural_key):
        if _DRIVE.match(key):
            volume = C.split_options(config[key], default_key="file").get("file", "")
            if marker.search(volume):
                return key
    return None


def new_drive_value(storage: str) -> str:
    """The value that asks PVE to allocate a cloud-init drive on `storage` (the web UI's
    "Add > CloudInit Drive": `ide2: local-lvm:cloudinit`)."""
    if V.check_storage_id(storage) is not None:
        raise ValueError("not a storage id: {0!r}".format(storage))
    return "{0}:cloudinit".format(storage)


# ------------------------------------------------------------------ IP config

IPV4_MODES = ("none", "dhcp", "static")
IPV6_MODES = ("none", "dhcp", "auto", "static")  # auto: SLAAC


@dataclass(frozen=True)
class IpConfig:
    """One `ipconfigN`, split into what the editor shows."""

    ipv4: str = "none"
    ip: str = ""
    gw: str = ""
    ipv6: str = "none"
    ip6: str = ""
    gw6: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # anything else the string carried, kept


def parse_ipconfig(value: object) -> IpConfig:
    opts = C.split_options(value)
    ip, ip6 = opts.pop("ip", ""), opts.pop("ip6", "")
    gw, gw6 = opts.pop("gw", ""), opts.pop("gw6", "")
    ipv4 = "dhcp" if ip == "dhcp" else ("static" if ip else "none")
    ipv6 = ip6 if ip6 in ("dhcp", "auto") else ("static" if ip6 else "none")
    return IpConfig(ipv4, ip if ipv4 == "static" else "", gw, ipv6, ip6 if ipv6 == "static" else "", gw6,
                    tuple(opts.items()))


def format_ipconfig(ipc: IpConfig) -> str:
    """The option string (printIPConfig); '' when there is nothing (the key is then deleted)."""
    opts: dict[str, object] = {}
    if ipc.ipv4 == "static":
        opts["ip"] = ipc.ip.strip()
        opts["gw"] = ipc.gw.strip() or None
    elif ipc.ipv4 == "dhcp":
        opts["ip"] = "dhcp"
    if ipc.ipv6 == "static":
        opts["ip6"] = ipc.ip6.strip()
        opts["gw6"] = ipc.gw6.strip() or None
    elif ipc.ipv6 in ("dhcp", "auto"):
        opts["ip6"] = ipc.ipv6
    opts.update(ipc.extra)
    return C.format_options(opts)


def check_ipconfig(ipc: IpConfig) -> dict[str, V.Issue]:
    """Problems per field ("ip", "gw", "ip6", "gw6"); warnings included (they do not block)."""
    issues: dict[str, V.Issue | None] = {}
    if ipc.ipv4 == "static":
        issues["ip"] = V.check_cidr(ipc.ip, 4)
        issues["gw"] = V.check_gateway(ipc.gw, ipc.ip, 4)
    if ipc.ipv6 == "static":
        issues["ip6"] = V.check_cidr(ipc.ip6, 6)
        issues["gw6"] = V.check_gateway(ipc.gw6, ipc.ip6, 6)
    return {k: v for k, v in issues.items() if v is not None}


# ------------------------------------------------------------------ the other fields

_USER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]*\$?")


def check_user(text: str) -> V.Issue | None:
    """A user name for the guest (empty: the image's default user)."""
    if not text:
        return None
    if len(text) > 64 or not _USER.fullmatch(text):
        return V.Issue(QT_TRANSLATE_NOOP("Validate", "A user name has letters, digits, '_', '.', '@' or '-' "
                                                     "(up to 64), e.g. debian."))
    return None


def check_domains(text: str) -> V.Issue | None:
    """DNS search domains, separated by spaces (empty: the host's settings)."""
    for domain in text.split():
        issue = V.check_domain(domain)
        if issue is not None:
            return issue
    return None


def normal_servers(text: str) -> str:
    """DNS servers as PVE writes the list (`address-list`): separated by spaces."""
    return " ".join(V.split_servers(text))


def normal_domains(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ the form

@dataclass(frozen=True)
class Form:
    """What the cloud-init section shows and edits. `password`: None = unchanged, "" = remove."""

    user: str = ""
    password: str | None = None
    ssh_keys: str = ""
    domain: str = ""
    servers: str = ""
    upgrade: bool = True
    ipconfigs: Mapping[str, IpConfig] = field(default_factory=dict)  # "ipconfig0" -> IpConfig

    def with_ipconfig(self, key: str, ipc: IpConfig) -> Form:
        return replace(self, ipconfigs={**self.ipconfigs, key: ipc})


def nic_ipconfig_keys(config: Mapping[str, object]) -> list[str]:
    """`ipconfigN` for every `netN` of the VM, and any ipconfig left without its NIC, in order."""
    keys = {"ipconfig" + k[3:] for k in config if re.match(r"^net\d+$", k)}
    keys.update(k for k in config if _IPCONFIG.match(k))
    return sorted(keys, key=C._natural_key)


def password_set(config: Mapping[str, object]) -> bool:
    return bool(config.get(PASSWORD))


def upgrade_on(config: Mapping[str, object]) -> bool:
    return str(config.get(UPGRADE, "1")).strip() not in ("0", "false", "no", "off")


def loaded(config: Mapping[str, object]) -> Form:
    """The form as the config says."""
    return Form(user=str(config.get(USER) or ""), ssh_keys=decode_ssh_keys(config.get(SSH_KEYS)),
                domain=str(config.get(DOMAIN) or ""), servers=str(config.get(SERVERS) or ""),
                upgrade=upgrade_on(config),
                ipconfigs={k: parse_ipconfig(config.get(k)) for k in nic_ipconfig_keys(config)})


def issues(form: Form, before: Form | None = None) -> dict[str, V.Issue]:
    """Problems per field id ("user", "ssh_keys", "domain", "servers", "ipconfig0.ip", ...).

    `before`: the form as loaded. A field still holding its loaded value only warns: PVE holds
    that value already and a save leaves it as it is (the web UI edits each key in its own
    window, CloudInit.js, so a stored value never stands in the way of another key's edit)."""
    found: dict[str, V.Issue | None] = {"user": check_user(form.user.strip()),
                                        "ssh_keys": V.check_ssh_keys(form.ssh_keys),
                                        "domain": check_domains(form.domain),
                                        "servers": V.check_dns_servers(form.servers)}
    for key, ipc in form.ipconfigs.items():
        for name, issue in check_ipconfig(ipc).items():
            found["{0}.{1}".format(key, name)] = issue
    kept = untouched(form, before) if before is not None else set()
    return {k: replace(v, warning=True) if k in kept else v for k, v in found.items() if v is not None}


def untouched(form: Form, before: Form) -> set[str]:
    """The field ids of `form` that hold the value `before` has, as `prepare` compares them (an
    ipconfig's IPv4 or IPv6 part as a whole: its address and gateway are checked together)."""
    same = {name for name, unchanged in (
        ("user", form.user.strip() == before.user), ("ssh_keys", same_keys(form.ssh_keys, before.ssh_keys)),
        ("domain", normal_domains(form.domain) == normal_domains(before.domain)),
        ("servers", normal_servers(form.servers) == normal_servers(before.servers))) if unchanged}
    for key, ipc in form.ipconfigs.items():
        old = before.ipconfigs.get(key, IpConfig())
        if (ipc.ipv4, ipc.ip, ipc.gw) == (old.ipv4, old.ip, old.gw):
            same.update((key + ".ip", key + ".gw"))
        if (ipc.ipv6, ipc.ip6, ipc.gw6) == (old.ipv6, old.ip6, old.gw6):
            same.update((key + ".ip6", key + ".gw6"))
    return same


def blocking(found: Mapping[str, V.Issue]) -> bool:
    return any(not issue.warning for issue in found.values())


def prepare(config: Mapping[str, object], form: Form) -> dict[str, object]:
    """The PUT config parameters for what the user changed against `config` (as loaded): each
    changed key with its new value, cleared keys in `delete`; nothing when nothing changed.

    Raises ValueError when a value could add options of its own (fields check before this).
    """
    before = loaded(config)
    params: dict[str, object] = {}
    deletes: list[str] = []

    def put(key: str, old: str, new: str) -> None:
        if new == old:
            return
        if new:
            params[key] = new
        elif key in config:
            deletes.append(key)

    put(USER, before.user, form.user.strip())
    if form.password is not None:
        if form.password:
            params[PASSWORD] = form.password
        elif password_set(config):
            deletes.append(PASSWORD)
    # The keys as typed (SSHKey.js encodes the field's text); an unchanged text is not rewritten,
    # so a stored value spelt differently from our encoding, or with CRLF, stays as it is.
    if not same_keys(form.ssh_keys, before.ssh_keys):
        if form.ssh_keys.strip():
            params[SSH_KEYS] = encode_ssh_keys(form.ssh_keys)
        elif SSH_KEYS in config:
            deletes.append(SSH_KEYS)
    put(DOMAIN, normal_domains(before.domain), normal_domains(form.domain))
    put(SERVERS, normal_servers(before.servers), normal_servers(form.servers))
    if form.upgrade != before.upgrade:
        params[UPGRADE] = 1 if form.upgrade else 0
    for key, ipc in form.ipconfigs.items():
        old = before.ipconfigs.get(key, IpConfig())
        if ipc != old:
            put(key, format_ipconfig(old), format_ipconfig(ipc))
    for key, value in params.items():
        if key.startswith("ipconfig"):
            continue  # format_options checked it
        if key == PASSWORD:
            if "\n" in str(value) or "\0" in str(value):
                raise ValueError("password with a line break")
        elif key != SSH_KEYS and re.search(r"[\x00-\x1f\x7f]", str(value)):
            raise ValueError("control character in {0}".format(key))
    if deletes:
        params["delete"] = ",".join(deletes)
    return params


# ------------------------------------------------------------------ pending

@dataclass(frozen=True)
class Pending:
    """One line of `GET …/cloudinit`: `value` as the image has it, `pending` the new one."""

    key: str
    value: str | None = None
    pending: str | None = None
    delete: bool = False

    @property
    def changed(self) -> bool:
        return self.delete or self.pending is not None


def pending_changes(answer: list[Mapping[str, object]]) -> list[Pending]:
    """The entries of `GET …/cloudinit` that the image does not have yet, in key order."""
    out = []
    for item in answer or ():
        entry = Pending(key=str(item.get("key", "")),
                        value=None if item.get("value") is None else str(item["value"]),
                        pending=None if item.get("pending") is None else str(item["pending"]),
                        delete=bool(item.get("delete")))
        if entry.changed:
            out.append(entry)
    return sorted(out, key=lambda p: C._natural_key(p.key))


def shown_value(key: str, value: str | None) -> str:
    """A cloud-init value for display: SSH keys decoded to their comments' lines, the password never."""
    if value is None:
        return ""
    if key == PASSWORD:
        return MASKED_PASSWORD
    if key == SSH_KEYS:
        return ", ".join(key_names(value))
    return value


def key_names(value: object) -> list[str]:
    """What names each stored key (its comment, else its type), as the web UI lists them."""
    names = []
    for line in decode_ssh_keys(value).splitlines():
        parts = line.split()
        if parts:
            names.append(" ".join(parts[2:]) if len(parts) > 2 else parts[0])
    return names
