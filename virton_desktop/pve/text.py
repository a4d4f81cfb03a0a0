"""User texts in Qt-free code: the extraction marker and the translation hook, defined once.

`pve/` imports no Qt, so it cannot call `QCoreApplication.translate` itself. A module marks
each text with `QT_TRANSLATE_NOOP("Context", "text")`, the name `pyside6-lupdate` looks for;
lupdate extracts a call only when its context is a literal string, so every call site writes
its context out. The application installs `QCoreApplication.translate` with
`install_translator` at start; until then (tests of `pve/` alone, scripts) texts stay English.
Placeholders are `%1`, `%2`, ... as in Qt, so translators can reorder them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Translator = Callable[[str, str], str]  # (context, source text) -> translated text

_PLACEHOLDER = re.compile(r"%(\d)")  # %1..%9, one digit, as QString.arg


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark `text` for extraction under `context`; it is translated later, where it is shown."""
    return text


def _untranslated(context: str, text: str) -> str:
    return text


_translate: Translator = _untranslated


def install_translator(translator: Translator) -> None:
    """Route every text through `translate(context, text)` (QCoreApplication.translate)."""
    global _translate
    _translate = translator


def translate(context: str, text: str) -> str:
    """`text` (marked under `context`) in the user's language."""
    return _translate(context, text)


def fmt(text: str, *args: object) -> str:
    """Fill `%1`..`%9` of an already translated text with `args`, like QString.arg.

    One pass: a value that itself contains `%2` is not filled again. Placeholders may come in
    any order (translators reorder them); one without an argument stays as it is.
    """
    return _PLACEHOLDER.sub(lambda m: _arg(args, int(m.group(1))), text)


def _arg(args: tuple[object, ...], number: int) -> str:
    return str(args[number - 1]) if 0 < number <= len(args) else "%" + str(number)
