"""Cluster profiles (how to reach and log in to a cluster) and their secrets.

Profiles are a JSON file with a schema version in the config directory (`record_file.RecordFile`:
read whatever it holds, unknown fields and unreadable entries kept, merged with other running
instances under a lock, written atomically; a file from a newer version is read, never
rewritten). They never contain a secret. Passwords and token secrets live only in the OS
keyring (service `virton-desktop`, one entry per profile) — or, where no usable keyring exists,
in memory for this session (`SecretStore.persistent` is False and the UI says so once). Never a file.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .config_files import FileNotice, config_dir
from .pve.address import split_address
from .pve.client import Credentials
from .record_file import LIST, RecordFile

SCHEMA_VERSION = 1
FILE_NAME = "profiles.json"
KEYRING_SERVICE = "virton-desktop"

PASSWORD = "password"
TOKEN = "token"

_TEXT_FIELDS = ("user", "realm", "token_id", "color", "id")
_FLAG_FIELDS = ("remember_secret", "autoconnect")


@dataclass(frozen=True)
class Profile:
    name: str
    addresses: tuple[str, ...]  # "host" or "host:port", tried in order (failover)
    user: str = "root"
    realm: str = "pam"
    auth: str = PASSWORD  # or TOKEN
    token_id: str = ""
    remember_secret: bool = True
    color: str = "#3465a4"
    autoconnect: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def userid(self) -> str:
        """user@realm, as PVE wants it."""
        return self.user if "@" in self.user else "{0}@{1}".format(self.user, self.realm or "pam")

    def endpoints(self) -> list[tuple[str, int]]:
        return [split_address(a) for a in self.addresses if a.strip()]

    def credentials(self, secret: str) -> Credentials:
        if self.auth == TOKEN:
            return Credentials(self.userid, token_id=self.token_id, token_secret=secret)
        return Credentials(self.userid, password=secret)

    def to_json(self) -> dict:
        data = asdict(self)
        data["addresses"] = list(self.addresses)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Profile:
        """The profile an entry describes. ValueError when any known field is missing or of the wrong
        kind: a half-read profile would be written back half (unknown fields are ignored here)."""
        if not isinstance(data, dict):
            raise ValueError("a profile is a JSON object")
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        name, addresses = values.get("name"), values.get("addresses")
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a profile needs a name")
        if not isinstance(addresses, list) or not addresses or not all(isinstance(a, str) for a in addresses):
            raise ValueError("a profile needs a list of addresses")
        for address in addresses:
            if not 0 < split_address(address)[1] < 65536:
                raise ValueError("port out of range")
        values["addresses"] = tuple(addresses)
        if not all(isinstance(values.get(k, ""), str) for k in _TEXT_FIELDS):
            raise ValueError("a text field is not text")
        if not all(type(values.get(k, False)) is bool for k in _FLAG_FIELDS):
            raise ValueError("a yes/no field is not true or false")
        if values.get("auth", PASSWORD) not in (PASSWORD, TOKEN) or values.get("id", "x") == "":
            raise ValueError("unknown login method or empty id")
        return cls(**values)


def _parse(key: str, raw: object) -> Profile:
    return Profile.from_json(raw)


class ProfileStore:
    """Profiles in a JSON file; every change is saved at once.

    `save`, `remove` and `import_json` raise `config_files.SaveFailed` when the file cannot be
    written (read-only folder, full disk, a newer version's file, ...): the change stays in effect
    in this instance and is written with the next save that succeeds."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / FILE_NAME
        self._file = RecordFile(self.path, "profiles", LIST, SCHEMA_VERSION, _parse)

    def load(self) -> None:
        """Read the file again: what other instances saved shows; changes not yet written stay."""
        self._file.load()

    def take_notices(self) -> list[FileNotice]:
        """What the user should be told about the file since the last call (damage kept aside, ...)."""
        return self._file.take_notices()

    @property
    def read_only(self) -> bool:
        """The file is from a newer version of the program: shown, never rewritten."""
        return self._file.read_only

    def all(self) -> list[Profile]:
        return sorted(self._file.records.values(), key=lambda p: p.name.lower())

    def get(self, profile_id: str) -> Profile | None:
        return self._file.records.get(profile_id)

    def save(self, profile: Profile) -> None:
        """Add or change a profile. Of a changed one, only the fields that differ from the profile as
        loaded are written over what another instance may have saved in it meanwhile."""
        known, loaded = profile.to_json(), self.get(profile.id)
        before = loaded.to_json() if loaded is not None else {}
        self._file.put(profile.id, known, {name for name, value in known.items() if before.get(name) != value})

    def remove(self, profile_id: str) -> None:
        if profile_id in self._file.records:
            self._file.delete(profile_id)

    def export_json(self, ids: list[str] | None = None) -> str:
        """Profiles for another machine: no secrets (there are none in a profile anyway)."""
        chosen = [p for p in self.all() if ids is None or p.id in ids]
        return json.dumps({"version": SCHEMA_VERSION, "profiles": [p.to_json() for p in chosen]}, indent=2)

    def import_json(self, text: str) -> list[Profile]:
        """Add the profiles of an export, as new profiles (new ids). Raises ValueError when unreadable
        (nothing added then), SaveFailed when they could not be written (they stay for this session)."""
        try:
            data = json.loads(text)
        except RecursionError:
            raise ValueError("nested too deeply") from None
        if not isinstance(data, dict) or not isinstance(data.get("profiles"), list):
            raise ValueError("not a VirtOn Desktop profile export")
        added = [replace(Profile.from_json(item), id=uuid.uuid4().hex, autoconnect=False) for item in data["profiles"]]
        if added:
            self._file.put_many({p.id: p.to_json() for p in added})
        return added


# Backends that keep secrets in a file readable by anyone with the user's files (keyrings.alt's
# plaintext and "encrypted" files, whose key sits beside them), or that do nothing.
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def _name_of(backend) -> str:
    return type(backend).__module__ + "." + type(backend).__name__


def _protects(backend) -> bool:
    """A backend that keeps secrets in an OS keychain (never a plaintext or do-nothing one)."""
    if getattr(backend, "priority", 0) <= 0:
        return False
    return not type(backend).__module__.startswith(_REFUSED_MODULES)


def choose_keyring(backend) -> tuple[object | None, str]:
    """The backend to keep secrets in (None: memory only), and the name of one refused, if any.

    A chainer (several backends installed) writes to the first that accepts; it is replaced by
    its best member that protects secrets, so a plaintext file is never written to.
    """
    members = list(getattr(backend, "backends", None) or [backend])
    members.sort(key=lambda b: getattr(b, "priority", 0), reverse=True)
    refused = [m for m in members if not _protects(m) and getattr(m, "priority", 0) > 0]
    usable = [m for m in members if _protects(m)]
    return (usable[0] if usable else None), (_name_of(refused[0]) if refused else "")


class SecretStore:
    """Secrets by profile id: the OS keyring, or memory when there is no keyring that protects them.

    A keyring that fails when used (a D-Bus timeout, a locked collection the user dismissed)
    does not fail the login: the secret stays in memory for the session, and `problem` says why.
    """

    def __init__(self):
        self._memory: dict[str, str] = {}
        # The keyring is chosen when first needed: finding the backends loads every keyring
        # plugin (~70 ms, and a D-Bus call on some desktops), on the way to the window otherwise.
        self._chosen: tuple | None = None  # (backend or None, the refused one's name)
        self._choosing = threading.Lock()  # chosen once, by the GUI thread or the reader
        # Secrets read from the keyring ahead of their use (read_ahead), by profile id.
        self._read: dict[str, str] = {}
        self._reading = threading.Lock()  # one read-ahead at a time
        self._touched: set[str] = set()  # ids set or deleted here: a read-ahead leaves them be
        self.problem = ""  # what went wrong at use; the caller tells the user once

    def _choice(self) -> tuple:
        with self._choosing:
            if self._chosen is None:
                try:
                    # Imported here: the keyring package alone is ~0.1 s of a start that may never
                    # need it (the demo; a list of clusters none of which connects at start).
                    import keyring

                    self._chosen = choose_keyring(keyring.get_keyring())
                except Exception as exc:  # noqa: BLE001 - a broken keyring set-up: memory only, said once
                    self._failed(exc)
                    self._chosen = (None, "")
            return self._chosen

    def read_ahead(self, profile_ids: Iterable[str], then: Callable[[], object] | None = None) -> None:
        """Read these profiles' secrets from the keyring on a thread of its own, then call
        `then()` there; `get` takes them from memory afterwards. The profiles connecting at
        start: importing the keyring and finding its backend (~0.2 s of CPU here, D-Bus calls
        on a Linux desktop) and a read per profile were the GUI thread's before any cluster
        could log in, and a locked keyring's unlock prompt held the window for as long as it
        stayed open. Reads run one after another; a secret set or deleted meanwhile wins."""
        wanted = list(profile_ids)
        threading.Thread(target=self._read_all, args=(wanted, then), name="keyring-read", daemon=True).start()

    def _read_all(self, profile_ids: list[str], then: Callable[[], object] | None) -> None:
        try:
            with self._reading:
                for profile_id in profile_ids:
                    if profile_id in self._touched or profile_id in self._read or not self.persistent:
                        continue
                    secret = self._stored(profile_id)
                    if secret and profile_id not in self._touched:  # not set or deleted meanwhile
                        self._read[profile_id] = secret
        finally:  # whatever the keyring did: what waits for the reads goes on (asking for what is missing)
            if then is not None:
                then()

    @property
    def _backend(self):
        return self._choice()[0]

    @property
    def refused(self) -> str:
        """The name of a keyring found but not used (it would write secrets to a plain file)."""
        return self._choice()[1]

    @property
    def persistent(self) -> bool:
        """Secrets reach the OS keyring: there is one, and it has not failed at use."""
        return self._backend is not None and not self.problem

    @property
    def backend_name(self) -> str:
        backend = self._backend
        return _name_of(backend) if backend is not None else ""

    def _failed(self, exc: Exception) -> None:
        self.problem = "{0}: {1}".format(type(exc).__name__, exc)[:200]

    def get(self, profile_id: str) -> str:
        if profile_id in self._memory:
            return self._memory[profile_id]
        if profile_id in self._read:
            return self._read[profile_id]
        if not self.persistent:
            return ""
        return self._stored(profile_id)

    def _stored(self, profile_id: str) -> str:
        try:
            return self._backend.get_password(KEYRING_SERVICE, profile_id) or ""
        except Exception as exc:  # noqa: BLE001 - any keyring failure means: memory only
            self._failed(exc)
            return ""

    def set(self, profile_id: str, secret: str, remember: bool) -> None:
        """Keep the secret for this session; in the keyring too when `remember` and one exists."""
        self._memory[profile_id] = secret
        self._touched.add(profile_id)
        self._read.pop(profile_id, None)
        if not remember:
            self.delete(profile_id, keep_memory=True)
            return
        if self.persistent:
            try:
                self._backend.set_password(KEYRING_SERVICE, profile_id, secret)
            except Exception as exc:  # noqa: BLE001 - the secret stays in memory
                self._failed(exc)

    def delete(self, profile_id: str, keep_memory: bool = False) -> None:
        self._touched.add(profile_id)
        self._read.pop(profile_id, None)
        if not keep_memory:
            self._memory.pop(profile_id, None)
        if self.persistent:
            from keyring.errors import PasswordDeleteError  # loaded with the keyring (_choice)

            try:
                self._backend.delete_password(KEYRING_SERVICE, profile_id)
            except PasswordDeleteError:
                pass
            except Exception as exc:  # noqa: BLE001
                self._failed(exc)
