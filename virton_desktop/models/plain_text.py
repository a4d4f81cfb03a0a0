"""Tooltips that show guest- and server-controlled text literally.

Qt reads a tooltip as HTML when it looks like HTML (`Qt::mightBeRichText`: a tag before the
first line break), and a tooltip has no text-format switch. A guest named
`<img src=file:///etc/passwd>` or a task exit status with markup would be rendered (and
local images loaded); `literal_tooltip` escapes such text instead, and leaves every other
text exactly as it was (escaping it would show `&amp;` to the user).
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def literal_tooltip(text: str | None) -> str | None:
    """`text` as a tooltip that Qt shows character for character (None stays None)."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return '<p style="white-space:pre-wrap">{0}</p>'.format(html.escape(text, quote=False))
