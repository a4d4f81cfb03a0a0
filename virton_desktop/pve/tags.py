"""PVE's guest tags: their format, colours, order and who may set them. Pure functions, no Qt.

Sources (ported exactly, so a tag looks here as it does in PVE's web UI):
- pve-common `PVE::JSONSchema` `pve-tag`: `[a-z0-9_][a-z0-9_\\-\\+\\.]*`, case-insensitive; a list
  is separated by `;` (`,` and blanks are also read).
- proxmox-widget-toolkit `Utils.js` `stringToRGB` (the default colour, a hash of the tag text) and
  `getTextContrastClass` (white or black text by the background's luminance, simplified SAPC).
- pve-manager `UIOptions.js` `parseTagOverrides` (the cluster's `tag-style` `color-map`
  `tag:bg[:fg]`), `tagStyleClass` (shape, default circle), `shouldSortTags` (ordering) and
  `Utils.js` `renderTags` (the alphabetical order: lower case first, then as written).
- pve-guest-common `GuestHelpers.pm` `get_unique_tags` (what PVE stores: sorted unless
  `ordering=config`, lower-cased unless `case-sensitive`), `get_allowed_tags` and
  `assert_tag_permissions` (`user-tag-access`, `registered-tags`, Sys.Modify on /).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TAG_RE = re.compile(r"[a-z0-9_][a-z0-9_\-+.]*", re.IGNORECASE)  # whole tags only (fullmatch)
# pve-common ParseUtils.pm split_list: `,` and `;` are blanks, and a run of blanks (Perl's \s on
# the byte strings PVE reads: space, tab, line breaks, form and vertical tab) separates.
_SEPARATORS = re.compile(r"[,; \t\n\r\f\v]+")
_HEX = re.compile(r"^[0-9a-fA-F]{6}$")

SHAPES = ("full", "circle", "dense", "none")
FREE, LIST, EXISTING, NONE = "free", "list", "existing", "none"

RGB = tuple[float, float, float]


def split(value: object) -> tuple[str, ...]:
    """A tags string as PVE reads it (split_list): "prod;web", older "prod,web", blank separated
    (tabs too) or a NUL-separated list, in its order."""
    if not value:
        return ()
    text = str(value)
    return tuple(t for t in (text.split("\0") if "\0" in text else _SEPARATORS.split(text)) if t)


def join(tags: Iterable[str]) -> str:
    return ";".join(tags)


def is_valid(tag: str) -> bool:
    """PVE's `pve-tag` format, over the whole tag (a `$` would also take "prod\n")."""
    return bool(TAG_RE.fullmatch(tag))


def string_to_rgb(tag: str) -> RGB:
    """proxmox-widget-toolkit `stringToRGB`: a 32-bit string hash, blended 70 % over white."""
    h = 0
    for ch in tag + "prox":  # "give short strings more variance"
        # JS: hash = charCode + ((hash << 5) - hash); hash = hash & hash (ToInt32 at each step)
        h = _int32(ord(ch) + (_int32(h << 5) - h))
    alpha, bg = 0.7, 255
    return ((h & 255) * alpha + bg * (1 - alpha), ((h >> 8) & 255) * alpha + bg * (1 - alpha),
            ((h >> 16) & 255) * alpha + bg * (1 - alpha))


def _int32(value: int) -> int:
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def light_text(rgb: RGB) -> bool:
    """proxmox-widget-toolkit `getTextContrastClass` == 'light': white text reads better on `rgb`."""
    r, g, b = ((c / 255) ** 2.4 for c in rgb[:3])
    bg = r * 0.2126729 + g * 0.7151522 + b * 0.072175
    bg = bg if bg > 0.022 else bg + (0.022 - bg) ** 1.414
    contrast_light = bg ** 0.65 - 1
    contrast_dark = bg ** 0.56 - 0.046134502
    return abs(contrast_light) >= abs(contrast_dark)


WHITE, BLACK = (255, 255, 255), (0, 0, 0)


def parse_color_map(text: str) -> dict[str, tuple[tuple[int, int, int], tuple[int, int, int] | None]]:
    """`color-map` "prod:ff0000:ffffff;dev:00ff00" -> {tag: (background, text or None)}; bad entries skipped."""
    out = {}
    for entry in (text or "").split(";"):
        parts = entry.split(":")
        if len(parts) not in (2, 3) or not parts[0] or not all(_HEX.match(p) for p in parts[1:]):
            continue
        colors = [tuple(int(p[i:i + 2], 16) for i in (0, 2, 4)) for p in parts[1:]]
        out[parts[0]] = (colors[0], colors[1] if len(colors) > 1 else None)
    return out


def _property_string(value: object) -> dict[str, str]:
    """A `key=value,key=value` option as PVE's datacenter.cfg stores it (older answers send it so)."""
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    out = {}
    for part in str(value or "").split(","):
        key, sep, val = part.partition("=")
        if sep:
            out[key.strip()] = val.strip()
    return out


def _flag(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _list(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if v)
    return split(value)


@dataclass(frozen=True)
class TagStyle:
    """The cluster's `tag-style` option (GET /cluster/options): colours, shape, order."""

    color_map: Mapping[str, tuple[tuple[int, int, int], tuple[int, int, int] | None]] = field(default_factory=dict)
    shape: str = "circle"  # PVE's default (UIOptions tagStyleClass)
    ordering: str = "alphabetical"
    case_sensitive: bool = False
    # False until the cluster's options have answered (or when they could not be read): what a
    # write sends is then the tags as written, and PVE folds them by its real rules (a default
    # taken for granted would lower-case every tag of a case-sensitive cluster). Not part of
    # equality: a known style equal to the defaults changes nothing on screen.
    known: bool = field(default=True, compare=False)

    @classmethod
    def from_options(cls, options: Mapping | None) -> TagStyle:
        style = _property_string((options or {}).get("tag-style"))
        shape = str(style.get("shape") or "circle")
        return cls(color_map=parse_color_map(str(style.get("color-map") or "")),
                   shape=shape if shape in SHAPES else "circle",
                   ordering="config" if style.get("ordering") == "config" else "alphabetical",
                   case_sensitive=_flag(style.get("case-sensitive", 0)))

    def colors(self, tag: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """(background, text) as PVE's `getTagElement` paints the tag: the map's colours, else the
        hash colour with white or black text by its luminance."""
        mapped = self.color_map.get(tag)
        if mapped is not None:
            bg, fg = mapped
            return bg, fg if fg is not None else (WHITE if light_text(bg) else BLACK)
        rgb = string_to_rgb(tag)
        # CSS rounds rgb() channels to the nearest integer, halves up (Python's round() would go to even)
        return tuple(math.floor(c + 0.5) for c in rgb), WHITE if light_text(rgb) else BLACK

    def key(self, tag: str) -> str:
        """The form PVE tells tags apart in (`get_unique_tags`): as written on a case-sensitive
        cluster (or one whose style is not known yet), else lower case."""
        return tag if self.case_sensitive or not self.known else tag.lower()

    def ordered(self, tags: Iterable[str]) -> tuple[str, ...]:
        """The order PVE shows them in (`renderTags`): as configured, or alphabetical."""
        tags = tuple(tags)
        if self.ordering == "config":
            return tags
        return tuple(sorted(tags, key=lambda t: (t.lower(), t)))

    def unique(self, tags: Iterable[str]) -> tuple[str, ...]:
        """What PVE stores (`get_unique_tags`): duplicates dropped, lower case unless case-sensitive,
        sorted unless ordering=config."""
        tags = list(tags)
        if self.ordering != "config" and self.known:  # not known: as written, PVE sorts them
            tags.sort(key=(lambda t: t) if self.case_sensitive else str.lower)
        seen, out = set(), []
        for tag in tags:
            tag = self.key(tag)
            if tag not in seen:
                seen.add(tag)
                out.append(tag)
        return tuple(out)


# Why a tag may not be set or removed by this login.
REGISTERED, NOT_ALLOWED, NO_TAGS, UNSURE = "registered", "not-allowed", "no-tags", "unsure"


@dataclass(frozen=True)
class TagAccess:
    """Which tags this login may set or remove (`assert_tag_permissions`).

    GET /cluster/options gives `user-tag-access` and `registered-tags` only with Sys.Audit on /;
    `allowed-tags` (the tags this login may use, registered ones left out) always. Without the
    rules (`known` False) a tag outside `allowed` may still be free: PVE decides (UNSURE)."""

    allowed: frozenset[str] = frozenset()
    registered: frozenset[str] = frozenset()
    user_allow: str = FREE
    known: bool = False

    @classmethod
    def from_options(cls, options: Mapping | None) -> TagAccess:
        options = options or {}
        access = _property_string(options.get("user-tag-access"))
        allow = str(access.get("user-allow") or FREE)
        return cls(allowed=frozenset(_list(options.get("allowed-tags"))),
                   registered=frozenset(_list(options.get("registered-tags"))),
                   user_allow=allow if allow in (FREE, LIST, EXISTING, NONE) else FREE,
                   known="user-tag-access" in options or "registered-tags" in options)

    def refusal(self, tag: str, privileged: bool, visible: Iterable[str] = ()) -> str | None:
        """None when the login may set or remove `tag`; else why not (REGISTERED, NOT_ALLOWED,
        NO_TAGS) or UNSURE (the rules are not visible to this login and the tag is not listed).

        `visible`: the tags of the guests this login sees. Without the rules, such a tag missing
        from `allowed` is refused for sure: `free` and `existing` list every tag of every guest
        with VM.Audit, so it is registered or the cluster allows only a list."""
        if privileged:  # Sys.Modify on /
            return None
        if tag in self.registered:
            return REGISTERED
        if tag in self.allowed:
            return None
        if not self.known:
            return NOT_ALLOWED if tag in set(visible) else UNSURE
        if self.user_allow == FREE:
            return None
        return NO_TAGS if self.user_allow == NONE else NOT_ALLOWED

    def completions(self, cluster_tags: Iterable[str], privileged: bool) -> list[str]:
        """What to offer while typing: every tag in use and the registered ones for a login that
        may set anything; otherwise only what it may set (PVE's `allowed-tags`)."""
        if privileged:
            pool = set(cluster_tags) | self.registered | self.allowed
        elif self.known and self.user_allow == FREE:
            pool = (set(cluster_tags) | self.allowed) - self.registered
        else:
            pool = set(self.allowed)
        return sorted(pool, key=lambda t: (t.lower(), t))


def retag(current: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = (),
          style: TagStyle = TagStyle()) -> tuple[str, ...]:
    """`current` (config order) without `remove` and with `add` appended, as PVE would store it.
    Matching is case-insensitive unless the cluster's tags are case-sensitive."""
    fold = style.key
    gone = {fold(t) for t in remove}
    kept = [t for t in current if fold(t) not in gone]
    present = {fold(t) for t in kept}
    for tag in add:
        if fold(tag) not in present and fold(tag) not in gone:
            kept.append(tag)
            present.add(fold(tag))
    return style.unique(kept)


def edit(current: Iterable[str], renames: Mapping[str, str] | None = None, add: Iterable[str] = (),
         remove: Iterable[str] = (), style: TagStyle = TagStyle()) -> tuple[str, ...]:
    """One guest's edit applied to the tags it holds now: renamed in place, then `retag`."""
    renamed = {style.key(old): new for old, new in (renames or {}).items()}
    return retag([renamed.get(style.key(t), t) for t in current], add, remove, style)


def changed(current: Iterable[str], new: Iterable[str], style: TagStyle = TagStyle()) -> bool:
    """True when writing `new` changes what PVE holds: the stored forms differ (the set, and the
    order where the cluster keeps the configured order)."""
    return style.unique(current) != style.unique(new)


def update_params(new: tuple[str, ...], digest: str | None) -> dict[str, str]:
    """The PUT body that writes only the tags key (deleted when none is left)."""
    params = {"tags": join(new)} if new else {"delete": "tags"}
    if digest:
        params["digest"] = digest
    return params
