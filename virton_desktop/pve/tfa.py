"""PVE's second login factor: what the challenge offers and how an answer is spelled.

Read against pve-access-control (`create_ticket`, `authenticate_2nd_new`), proxmox-tfa's
`TfaChallenge` and the web UI (pve-manager `LoginWindow.js`, widget-toolkit `TfaWindow.js`):

- With `new-format=1` (PVE 7 defaults to 0; PVE 8+ ignores it and always works this way) a
  password that needs a second factor answers `NeedTFA: 1` and a half ticket
  `PVE:!tfa!<challenge>:<hex time>::<signature>`, where `<challenge>` is proxmox-tfa's
  `TfaChallenge` as JSON with its `:` escaped (`uri_escape($data, ':')`). The web UI decodes
  it the same way: `JSON.parse(decodeURIComponent(ticket.split(':')[1].slice(5)))`.
- The challenge holds `totp: true`, `yubico: true`, `recovery: [indexes of unused keys]`
  (an empty list: configured but used up; older proxmox-tfa left it out when empty, and
  earlier ones sent a word, `available` / `low` / `unavailable`), and
  `webauthn` / `u2f` objects (a browser ceremony this app cannot perform).
- The answer goes back as `password=<kind>:<value>` with `tfa-challenge=<half ticket>`:
  `totp:123456`, `recovery:0123-4567-89ab-cdef` (each key works once), `yubico:<44 modhex>`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote

TICKET_PREFIX = "PVE:!tfa!"


class Method(StrEnum):
    """The second factors VirtOn can answer, in the order it offers them (TOTP first)."""

    TOTP = "totp"
    YUBICO = "yubico"
    RECOVERY = "recovery"


# What a value of each kind looks like (the web UI's checks; ASCII only).
_SHAPES = {
    Method.TOTP: re.compile(r"[0-9]{6,8}", re.ASCII),
    Method.RECOVERY: re.compile(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", re.ASCII),
    # A Yubico OTP: 12 characters of public id + 32 of token, in ModHex.
    Method.YUBICO: re.compile(r"[cbdefghijklnrtuv]{32,48}", re.ASCII),
}


@dataclass(frozen=True)
class Challenge:
    """What the server will accept as a second factor for this login."""

    totp: bool = False
    yubico: bool = False
    recovery: bool = False  # unused recovery keys are left
    recovery_ids: tuple[int, ...] = ()  # which ones (PVE numbers them from 0), when the server says
    recovery_used_up: bool = False  # recovery keys were set up and every one has been used
    webauthn: bool = False
    u2f: bool = False

    @property
    def methods(self) -> tuple[Method, ...]:
        """The factors the user can answer here, TOTP first; recovery only while keys are left."""
        offered = []
        if self.totp:
            offered.append(Method.TOTP)
        if self.yubico:
            offered.append(Method.YUBICO)
        if self.recovery:
            offered.append(Method.RECOVERY)
        return tuple(offered)

    @property
    def browser_only(self) -> bool:
        """Only a security key (WebAuthn/U2F) would do: the app cannot log this account in."""
        return not self.methods


# The old format (PVE < 7, or PVE 7 without new-format): a plain TOTP/OTP step.
TOTP_ONLY = Challenge(totp=True)


def parse_ticket(ticket: str) -> Challenge:
    """The challenge inside a half ticket. A ticket without one (the old format) means a
    one-time code; a damaged one too, so the user is asked the one thing every PVE accepts."""
    if not ticket.startswith(TICKET_PREFIX):
        return TOTP_ONLY
    data = ticket[len(TICKET_PREFIX):].split(":", 1)[0]
    try:
        raw = json.loads(unquote(data))
    except ValueError:
        return TOTP_ONLY
    if not isinstance(raw, dict):
        return TOTP_ONLY
    keys = raw.get("recovery")
    ids = tuple(i for i in keys if isinstance(i, int) and not isinstance(i, bool)) if isinstance(keys, list) else ()
    # Before the index list, PBS-era proxmox-tfa sent a state word ("available", "low",
    # "unavailable"); some versions a bare flag. Either way, which keys are left is unknown.
    told = keys is True or keys in ("available", "low")
    return Challenge(totp=raw.get("totp") is True, yubico=raw.get("yubico") is True,
                     recovery=bool(ids) or told,
                     recovery_ids=ids, recovery_used_up=isinstance(keys, list) and not ids,
                     webauthn=isinstance(raw.get("webauthn"), dict), u2f=isinstance(raw.get("u2f"), dict))


def normalized(method: Method, text: str) -> str:
    """The value as PVE expects it: spaces gone (apps show `123 456`); recovery keys lower case."""
    value = "".join(text.split())
    return value.lower() if method is not Method.TOTP else value


def valid(method: Method, text: str) -> bool:
    return bool(_SHAPES[method].fullmatch(normalized(method, text)))


def answer(method: Method, text: str) -> str:
    """The `password` of the second step: `<kind>:<value>`."""
    return "{0}:{1}".format(method.value, normalized(method, text))


def as_answer(text: str) -> str:
    """An answer as given: `kind:value` kept, a bare code taken as a TOTP code."""
    kind, sep, _ = text.partition(":")
    if sep and kind in {m.value for m in Method}:
        return text
    return answer(Method.TOTP, text)
