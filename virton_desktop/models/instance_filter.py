"""What the guest list is narrowed to: the filter, and applying it to thousands of guests at once.

`filter_keys` makes one list pass per active criterion over the keys (in sort order), so a
keystroke in the search box costs no Python call per guest; the search string of each guest
(`haystack`) is computed once per change of the guest, not per keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..pve.entities import HALTED, PAUSED, RUNNING, STOPPED, SUSPENDED, UNKNOWN, Instance
from ..pve.query import Query

Key = tuple[str, int]  # (cluster, vmid)

STATUS_ORDER = {RUNNING: 0, PAUSED: 1, SUSPENDED: 1, STOPPED: 2, UNKNOWN: 3}


def status_group(inst: Instance) -> str:
    """The status filter buckets: running, paused (every QEMU halt, S3 sleep included), stopped, unknown."""
    if inst.status in HALTED:
        return PAUSED
    return inst.status if inst.status in STATUS_ORDER else UNKNOWN


@dataclass(frozen=True)
class InstanceFilter:
    """What the user narrowed the list to. Empty sets mean "all"."""

    text: str = ""
    nodes: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)  # qemu, lxc
    statuses: frozenset[str] = field(default_factory=frozenset)  # status_group values
    clusters: frozenset[str] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)  # lower case; a guest needs all of them
    query: Query | None = None  # the search box's text when it uses qualifiers or negation (then text is "")

    def tokens(self) -> tuple[str, ...]:
        return tuple(self.text.lower().split())

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.nodes or self.types or self.statuses or self.clusters or self.tags
                    or (self.query is not None and self.query.terms))

    def narrows(self, previous: InstanceFilter) -> bool:
        """True when every guest this filter accepts was accepted by `previous` (typing on)."""
        return (self.nodes == previous.nodes and self.types == previous.types
                and self.statuses == previous.statuses and self.clusters == previous.clusters
                and self.tags >= previous.tags and self.query == previous.query
                and self.text.lower().startswith(previous.text.lower()))

    def accepts(self, inst: Instance, haystack: str, tokens: tuple[str, ...]) -> bool:
        if self.nodes and inst.node not in self.nodes:
            return False
        if self.types and inst.type not in self.types:
            return False
        if self.statuses and status_group(inst) not in self.statuses:
            return False
        if self.clusters and inst.cluster not in self.clusters:
            return False
        if self.tags and not has_tags(inst.tags, self.tags):
            return False
        if self.query is not None and not self.query.accepts(inst, haystack):
            return False
        return all(t in haystack for t in tokens)


def filter_keys(keys: list[Key], f: InstanceFilter, all_: dict[Key, Instance], hay: dict[Key, str],
                hays: list[str] | None = None) -> list[Key]:
    """The keys `f` accepts, in their order: one list pass per active criterion, no call per row.

    `hays`, when given, are the search strings of `keys` in the same order (saves a dict
    lookup per row for the common case, text only)."""
    tokens = f.tokens()
    if hays is not None and tokens and not (f.clusters or f.nodes or f.types or f.statuses or f.tags or f.query):
        first, rest = tokens[0], tokens[1:]
        out = [k for k, h in zip(keys, hays, strict=True) if first in h]
        for token in rest:
            out = [k for k in out if token in hay[k]]
        return out
    out = keys
    if f.clusters:
        out = [k for k in out if k[0] in f.clusters]
    if f.nodes:
        out = [k for k in out if all_[k].node in f.nodes]
    if f.types:
        out = [k for k in out if all_[k].type in f.types]
    if f.statuses:
        out = [k for k in out if status_group(all_[k]) in f.statuses]
    if f.tags:
        wanted = f.tags
        out = [k for k in out if has_tags(all_[k].tags, wanted)]
    if f.query is not None and f.query.terms:
        accepts = f.query.accepts
        out = [k for k in out if accepts(all_[k], hay[k])]
    for token in tokens:
        out = [k for k in out if token in hay[k]]
    return list(out) if out is keys else out


def tag_criterion(tags) -> frozenset[str]:
    """The `tags` criterion for these tags (PVE's tags are case-insensitive unless a cluster
    says otherwise; a filter matches them either way)."""
    return frozenset(t.lower() for t in tags if t)


def has_tags(guest_tags: tuple[str, ...], wanted: frozenset[str]) -> bool:
    """The tag criterion (reusable by a query language's `tag:`): the guest carries every tag
    in `wanted` (lower case), case-insensitively."""
    if len(wanted) == 1:
        (only,) = wanted
        return any(t.lower() == only for t in guest_tags)
    return wanted <= {t.lower() for t in guest_tags}


def haystack(inst: Instance) -> str:
    """What the search box matches: VMID, name and tags, lower case, computed once per change."""
    # One f-string lowered as a whole (the digits and spaces stay as they are): ~0.54 -> ~0.28 us,
    # 20,000 of them when ten clusters' first lists come.
    return f"{inst.vmid} {inst.name} {' '.join(inst.tags)}".lower()
