"""Keyboard layouts: which physical key (and modifiers) types a character on a guest's layout.

Typing text into a console sends key events. noVNC sends each as an X keysym plus the key's
QEMU scancode (`QEMUExtendedKeyEvent`), and QEMU hands the *scancode* to the guest, whose own
layout turns it into a character. So typing "z" into a guest with a German layout must press
the key a US keyboard calls "Y" (`KeyboardEvent.code` "KeyY"), and "@" is AltGr+Q there.

`plan(text, layout)` answers, per character, the strokes to press (modifiers held, then the
key), with dead keys for accented letters the layout has no key for, and names the characters
it cannot type. Layout names are QEMU's / PVE's `keyboard` option values (pve-common
`kvmkeymaplist`), plus a few common layouts PVE does not list (cz) for the per-console choice.

Tables: four rows of keys by `KeyboardEvent.code` (the ISO 105-key block) and, per row, what
each key types plain, with Shift, with AltGr. A token is one character, `dead_<accent>` for a
dead key, or `∅` for nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

NONE = "∅"

ROW_CODES = (
    ("Backquote",) + tuple("Digit{0}".format(n) for n in "1234567890") + ("Minus", "Equal"),
    tuple("Key" + c for c in "QWERTYUIOP") + ("BracketLeft", "BracketRight"),
    tuple("Key" + c for c in "ASDFGHJKL") + ("Semicolon", "Quote", "Backslash"),
    ("IntlBackslash",) + tuple("Key" + c for c in "ZXCVBNM") + ("Comma", "Period", "Slash"),
)

# X keysyms of the modifiers and the dead keys, with the DOM codes noVNC turns into scancodes.
SHIFT = (0xFFE1, "ShiftLeft")
ALTGR = (0xFE03, "AltRight")   # ISO_Level3_Shift
DEAD = {"grave": 0xFE50, "acute": 0xFE51, "circumflex": 0xFE52, "tilde": 0xFE53, "macron": 0xFE54,
        "breve": 0xFE55, "abovedot": 0xFE56, "diaeresis": 0xFE57, "abovering": 0xFE58,
        "doubleacute": 0xFE59, "caron": 0xFE5A, "cedilla": 0xFE5B, "ogonek": 0xFE5C}
# The combining mark each dead key adds (unicodedata's decomposition gives base + mark).
COMBINING = {"grave": "\u0300", "acute": "\u0301", "circumflex": "\u0302", "tilde": "\u0303",
             "macron": "\u0304", "breve": "\u0306", "abovedot": "\u0307", "diaeresis": "\u0308",
             "abovering": "\u030A", "doubleacute": "\u030B", "caron": "\u030C", "cedilla": "\u0327",
             "ogonek": "\u0328"}
# A dead key followed by Space types its accent on its own (X11 compose and Windows alike).
SPACING = {"grave": "`", "acute": "´", "circumflex": "^", "tilde": "~", "diaeresis": "¨", "caron": "ˇ",
           "cedilla": "¸", "abovering": "°", "doubleacute": "˝", "breve": "˘", "abovedot": "˙",
           "ogonek": "˛", "macron": "¯"}
FIXED = {" ": (0x20, "Space"), "\n": (0xFF0D, "Enter"), "\t": (0xFF09, "Tab")}

# name -> (title, rows); each row: (plain, shift, altgr) as space-separated tokens.
_LAYOUTS = {
    "en-us": ("English (US)", (
        ("` 1 2 3 4 5 6 7 8 9 0 - =", "~ ! @ # $ % ^ & * ( ) _ +", ""),
        ("q w e r t y u i o p [ ]", "Q W E R T Y U I O P { }", ""),
        ("a s d f g h j k l ; ' \\", "A S D F G H J K L : \" |", ""),
        ("∅ z x c v b n m , . /", "∅ Z X C V B N M < > ?", ""))),
    "en-gb": ("English (UK)", (
        ("` 1 2 3 4 5 6 7 8 9 0 - =", "¬ ! \" £ $ % ^ & * ( ) _ +", "¦ ∅ ∅ ∅ € ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅"),
        ("q w e r t y u i o p [ ]", "Q W E R T Y U I O P { }", "∅ ∅ é ∅ ∅ ∅ ú í ó ∅ ∅ ∅"),
        ("a s d f g h j k l ; ' #", "A S D F G H J K L : @ ~", "á ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅"),
        ("\\ z x c v b n m , . /", "| Z X C V B N M < > ?", ""))),
    "de": ("German", (
        ("dead_circumflex 1 2 3 4 5 6 7 8 9 0 ß dead_acute", "° ! \" § $ % & / ( ) = ? dead_grave",
         "∅ ∅ ² ³ ∅ ∅ ∅ { [ ] } \\ ∅"),
        ("q w e r t z u i o p ü +", "Q W E R T Z U I O P Ü *", "@ ∅ € ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ~"),
        ("a s d f g h j k l ö ä #", "A S D F G H J K L Ö Ä '", ""),
        ("< y x c v b n m , . -", "> Y X C V B N M ; : _", "| ∅ ∅ ∅ ∅ ∅ ∅ µ ∅ ∅ ∅"))),
    "de-ch": ("German (Switzerland)", (
        ("§ 1 2 3 4 5 6 7 8 9 0 ' dead_circumflex", "° + \" * ç % & / ( ) = ? dead_grave",
         "∅ ¦ @ # ∅ ∅ ¬ | ¢ ∅ ∅ dead_acute dead_tilde"),
        ("q w e r t z u i o p ü dead_diaeresis", "Q W E R T Z U I O P è !", "∅ ∅ € ∅ ∅ ∅ ∅ ∅ ∅ ∅ [ ]"),
        ("a s d f g h j k l ö ä $", "A S D F G H J K L é à £", "∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ { }"),
        ("< y x c v b n m , . -", "> Y X C V B N M ; : _", "\\ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅"))),
    "fr": ("French (AZERTY)", (
        ("² & é \" ' ( - è _ ç à ) =", "∅ 1 2 3 4 5 6 7 8 9 0 ° +", "∅ ∅ ~ # { [ | ` \\ ^ @ ] }"),
        ("a z e r t y u i o p dead_circumflex $", "A Z E R T Y U I O P dead_diaeresis £",
         "∅ ∅ € ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ¤"),
        ("q s d f g h j k l m ù *", "Q S D F G H J K L M % µ", ""),
        ("< w x c v b n , ; : !", "> W X C V B N ? . / §", ""))),
    "es": ("Spanish", (
        ("º 1 2 3 4 5 6 7 8 9 0 ' ¡", "ª ! \" · $ % & / ( ) = ? ¿", "\\ | @ # ~ ∅ ¬ ∅ ∅ ∅ ∅ ∅ ∅"),
        ("q w e r t y u i o p dead_grave +", "Q W E R T Y U I O P dead_circumflex *",
         "∅ ∅ € ∅ ∅ ∅ ∅ ∅ ∅ ∅ [ ]"),
        ("a s d f g h j k l ñ dead_acute ç", "A S D F G H J K L Ñ dead_diaeresis Ç",
         "∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ { }"),
        ("< z x c v b n m , . -", "> Z X C V B N M ; : _", ""))),
    "it": ("Italian", (
        ("\\ 1 2 3 4 5 6 7 8 9 0 ' ì", "| ! \" £ $ % & / ( ) = ? ^", "∅ ∅ ∅ ∅ ∅ € ∅ { [ ] } ∅ ∅"),
        ("q w e r t y u i o p è +", "Q W E R T Y U I O P é *", "∅ ∅ € ∅ ∅ ∅ ∅ ∅ ∅ ∅ [ ]"),
        ("a s d f g h j k l ò à ù", "A S D F G H J K L ç ° §", "∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ ∅ @ # ∅"),
        ("< z x c v b n m , . -", "> Z X C V B N M ; : _", ""))),
    "cz": ("Czech (QWERTZ)", (
        ("; + ě š č ř ž ý á í é = dead_acute", "° 1 2 3 4 5 6 7 8 9 0 % dead_caron",
         "` ! @ # $ % ^ & * { } \\ ∅"),
        ("q w e r t z u i o p ú )", "Q W E R T Z U I O P / (", "\\ | € ∅ ∅ ∅ ∅ ∅ ∅ ∅ [ ]"),
        ("a s d f g h j k l ů § dead_diaeresis", "A S D F G H J K L \" ! '", "∅ ∅ ∅ [ ] ∅ ∅ ∅ ∅ $ ∅ ∅"),
        ("\\ y x c v b n m , . -", "| Y X C V B N M ? : _", "/ ∅ # & @ { } ∅ < > *"))),
}

LAYOUT_NAMES = tuple(_LAYOUTS)
DEFAULT_LAYOUT = "en-us"


def layout_title(name: str) -> str:
    """The layout's English name (the UI translates it)."""
    return _LAYOUTS[name][0]


@dataclass(frozen=True, slots=True)
class Stroke:
    """One key press: `keys` are (keysym, DOM code), modifiers first, pressed in order and
    released in reverse (the shape `ConsoleView.send_keys`' combos have)."""

    keys: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class Plan:
    strokes: tuple[Stroke, ...]
    refused: tuple[str, ...]  # the characters the layout cannot type, each once, in text order


def keysym_of(char: str) -> int:
    """X keysym of a character: Latin-1 as itself, the rest as Unicode keysyms (0x1000000 + code)."""
    cp = ord(char)
    return cp if 0x20 <= cp <= 0x7E or 0xA0 <= cp <= 0xFF else 0x1000000 + cp


def _token_stroke(token: str, code: str, level: int) -> Stroke:
    mods = ((), (SHIFT,), (ALTGR,))[level]
    sym = DEAD[token[5:]] if token.startswith("dead_") else keysym_of(token)
    return Stroke(mods + ((sym, code),))


def _table(name: str) -> tuple[dict[str, Stroke], dict[str, Stroke]]:
    """(character -> stroke, dead accent name -> stroke) for one layout; the first (fewest
    modifiers) way to type a character wins."""
    chars: dict[str, Stroke] = {}
    dead: dict[str, Stroke] = {}
    for level in range(3):
        for codes, levels in zip(ROW_CODES, _LAYOUTS[name][1], strict=True):
            tokens = levels[level].split()
            if not tokens:  # no AltGr level in this row
                continue
            if len(tokens) != len(codes):
                raise ValueError("layout {0}: row of {1} has {2} keys".format(name, codes[0], len(tokens)))
            for code, token in zip(codes, tokens, strict=True):
                if token == NONE:
                    continue
                target = dead if token.startswith("dead_") else chars
                key = token[5:] if token.startswith("dead_") else token
                target.setdefault(key, _token_stroke(token, code, level))
    return chars, dead


_TABLES: dict[str, tuple[dict[str, Stroke], dict[str, Stroke]]] = {}


def table(name: str) -> tuple[dict[str, Stroke], dict[str, Stroke]]:
    if name not in _TABLES:
        _TABLES[name] = _table(name)
    return _TABLES[name]


def strokes_for(char: str, layout: str) -> tuple[Stroke, ...] | None:
    """The strokes that type one character on the layout, or None if it cannot."""
    if char in FIXED:
        return (Stroke((FIXED[char],)),)
    chars, dead = table(layout)
    if char in chars:
        return (chars[char],)
    space = Stroke((FIXED[" "],))
    for accent, spacing in SPACING.items():
        if char == spacing and accent in dead:
            return dead[accent], space
    parts = unicodedata.normalize("NFD", char)
    if len(parts) == 2:
        base, mark = parts
        accent = next((a for a, m in COMBINING.items() if m == mark), None)
        if accent in dead and base in chars:
            return dead[accent], chars[base]
    return None


def plan(text: str, layout: str) -> Plan:
    """The strokes typing `text` on the layout (carriage returns dropped: a newline is Enter),
    and the characters it cannot type (those are skipped)."""
    if layout not in _LAYOUTS:
        layout = DEFAULT_LAYOUT
    strokes: list[Stroke] = []
    refused: list[str] = []
    for char in unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")):
        found = strokes_for(char, layout)
        if found is None:
            if char not in refused:
                refused.append(char)
        else:
            strokes.extend(found)
    return Plan(tuple(strokes), tuple(refused))


def layout_for(keyboard: str | None) -> str:
    """The table for a VM's `keyboard` option (unset or unknown: en-us, QEMU's default)."""
    return keyboard if keyboard in _LAYOUTS else DEFAULT_LAYOUT
