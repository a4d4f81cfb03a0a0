"""The guest query language shared by the action palette and the list's search box.

    web prod -tag:old status:running cluster:seoul node:pve1 tag:"my tag" type:ct pool:dev ha:yes ip:10.0.

Terms are ANDed; `-` negates one; values may be quoted ("..."; an unclosed quote runs to the end);
everything is case-insensitive. A free word matches when it is part of the guest's search key
(VMID, name, tags); `fuzzy=True` (the palette) also accepts the word's letters in order in the
name ("wb1" finds "web1"). An unknown qualifier (`foo:bar`) is kept as a free word and noted, so
names with a colon still work. `parse_command` reads a leading verb first:
"shutdown tag:prod", "open console of web1", "go to backups of 102".

Qt-free: `Query.accepts(inst, key)` is the predicate; `key` is `instance_filter.haystack(inst)`,
computed once per change of a guest, never per keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .entities import HALTED, HIBERNATED, LXC, PAUSED, QEMU, RUNNING, STOPPED, SUSPENDED, UNKNOWN, Instance

QUALIFIERS = ("tag", "node", "cluster", "status", "type", "pool", "ha", "ip")

TYPE_ALIASES = {"qemu": QEMU, "vm": QEMU, "kvm": QEMU, "lxc": LXC, "ct": LXC, "container": LXC}
# Words a user may say for QMP's states: "asleep" is what the app calls S3 (`suspended`).
STATUS_ALIASES = {"asleep": SUSPENDED, "sleeping": SUSPENDED, "halted": PAUSED, "offline": UNKNOWN}
HA_YES = frozenset({"yes", "true", "1", "managed", "on"})
HA_NO = frozenset({"no", "false", "0", "none", "off"})


class Note(StrEnum):
    """What the parser noticed; the UI words them."""

    UNKNOWN_QUALIFIER = "unknown-qualifier"  # kept as a free word
    UNBALANCED_QUOTE = "unbalanced-quote"    # the quote ran to the end
    NEEDS_ADDRESSES = "needs-addresses"      # ip: without the guest agent's addresses


@dataclass(frozen=True)
class Term:
    field: str  # "" for a free word, else one of QUALIFIERS
    value: str  # lower case
    negated: bool = False


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...] = ()
    notes: tuple[tuple[Note, str], ...] = ()  # (what, the text concerned)
    fuzzy: bool = False

    def is_plain(self) -> bool:
        """Only positive free words: the search box's old substring search says the same."""
        return all(not t.field and not t.negated for t in self.terms)

    def words(self) -> tuple[str, ...]:
        return tuple(t.value for t in self.terms if not t.field and not t.negated)

    def accepts(self, inst: Instance, key: str) -> bool:
        for term in self.terms:
            if _matches(term, inst, key, self.fuzzy) == term.negated:
                return False
        return True


@dataclass(frozen=True)
class Command:
    verb: str  # "" when the text starts with no verb
    query: Query = field(default_factory=Query)


def tokens(text: str) -> tuple[list[str], bool]:
    """Split on blanks outside quotes; returns (tokens with their quotes removed, quote left open)."""
    out: list[str] = []
    current: list[str] = []
    quoted = started = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            started = True
        elif ch.isspace() and not quoted:
            if started:
                out.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
            started = True
    if started:
        out.append("".join(current))
    return out, quoted


def parse(text: str, *, fuzzy: bool = False) -> Query:
    raw, open_quote = tokens(text)
    terms: list[Term] = []
    notes: list[tuple[Note, str]] = []
    for token in raw:
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        name, colon, value = body.partition(":")
        name = name.lower()
        if colon and name in QUALIFIERS:
            if value:
                terms.append(Term(name, value.lower(), negated))
                if name == "ip":
                    notes.append((Note.NEEDS_ADDRESSES, value))
            continue  # "tag:" alone: the user is still typing
        if colon and name and value and not name.isdigit():
            notes.append((Note.UNKNOWN_QUALIFIER, name))
        if body and body != "-":
            terms.append(Term("", body.lower(), negated))
    if open_quote:
        notes.append((Note.UNBALANCED_QUOTE, ""))
    return Query(tuple(terms), tuple(notes), fuzzy)


def parse_command(text: str, verbs: frozenset[str] | set[str], *, fuzzy: bool = True) -> Command:
    """A leading verb (one of `verbs`, lower case), optionally after "open" / "go to" and
    followed by "of": the rest is the query. Without a verb the whole text is the query."""
    words = text.split(None, 1)
    rest = text
    if words and words[0].lower() in ("open", "go") and len(words) > 1:
        rest = words[1]
        if words[0].lower() == "go":
            parts = rest.split(None, 1)
            rest = parts[1] if parts and parts[0].lower() == "to" and len(parts) > 1 else rest
    parts = rest.split(None, 1)
    if not parts or parts[0].lower() not in verbs:
        return Command("", parse(text, fuzzy=fuzzy))
    verb, rest = parts[0].lower(), parts[1] if len(parts) > 1 else ""
    after = rest.split(None, 1)
    if after and after[0].lower() == "of":
        rest = after[1] if len(after) > 1 else ""
    return Command(verb, parse(rest, fuzzy=fuzzy))


def status_matches(inst: Instance, value: str) -> bool:
    """`status:` - the list's status groups (paused = every QEMU halt), the app's words
    (hibernated, asleep) and PVE's raw state (io-error...)."""
    value = STATUS_ALIASES.get(value, value)
    shown = inst.shown_status
    if value == PAUSED:
        return inst.status in HALTED
    if value == STOPPED:
        return shown == STOPPED
    if value == HIBERNATED:
        return inst.hibernated
    if value == RUNNING:
        return inst.status == RUNNING
    return inst.status == value


def ip_matches(addresses, value: str) -> bool:
    """`ip:` - an address of the guest starts with the value (10.0. finds the subnet)."""
    return any(a.lower().startswith(value) for a in addresses)


def _fuzzy(word: str, name: str) -> bool:
    it = iter(name)
    return all(ch in it for ch in word)


def _matches(term: Term, inst: Instance, key: str, fuzzy: bool) -> bool:
    f, v = term.field, term.value
    if not f:
        return v in key or (fuzzy and _fuzzy(v, inst.name.lower()))
    if f == "tag":
        return any(t.lower() == v for t in inst.tags)
    if f == "node":
        return inst.node.lower() == v
    if f == "cluster":
        return inst.cluster.lower() == v
    if f == "status":
        return status_matches(inst, v)
    if f == "type":
        return inst.type == TYPE_ALIASES.get(v, v)
    if f == "pool":
        return inst.pool.lower() == v
    if f == "ha":
        if v in HA_YES:
            return bool(inst.hastate)
        if v in HA_NO:
            return not inst.hastate
        return inst.hastate.lower() == v
    if f == "ip":
        addresses = getattr(inst, "addresses", None)
        if addresses is None:
            # The guest agent's addresses (and MACs) live in the search string the model keeps
            # beside the guest (InstanceModel.set_agent), not in the Instance.
            addresses = [w for w in key.split() if "." in w or ":" in w]
        return bool(addresses) and ip_matches(addresses, v)
    return False

