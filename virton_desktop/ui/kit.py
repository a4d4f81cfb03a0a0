"""The small builders every room used to write for itself: named widgets, spin boxes, combo
boxes, buttons, OK/Cancel rows, message labels, confirmation boxes, and `fmt` for `%1` texts.

Each builder does only what its parameters say; a default leaves Qt's default alone, so a
call site switching to the kit keeps its behaviour. Object names are what tests and
accessibility tools find widgets by; accessible names are what screen readers say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from ..pve import text as pve_text
from . import style

W = TypeVar("W", bound=QWidget)

# `fmt(self.tr("%1 of %2 failed"), "Start", "web1")`: the one placeholder filler of the
# program (pve/text.py), re-exported here so widgets need only the kit.
fmt = pve_text.fmt


def named(widget: W, object_name: str, accessible_name: str | None = None) -> W:
    """Set the object name and, when given, the accessible name; returns the widget."""
    widget.setObjectName(object_name)
    if accessible_name is not None:
        widget.setAccessibleName(accessible_name)
    return widget


def _name(widget: W, name: str, accessible: str | None) -> W:
    return named(widget, name, accessible) if name else widget


def spin(low: int, high: int, value: int | None = None, suffix: str = "", step: int = 1, *,
         accelerated: bool = False, parent: QWidget | None = None, name: str = "",
         accessible: str | None = None) -> QSpinBox:
    """A QSpinBox over [low, high]; `value` None leaves Qt's choice (low, or 0 if in range).

    `accelerated` speeds up a held arrow (the create wizards use it).
    """
    box = _name(QSpinBox(parent), name, accessible)
    box.setRange(low, high)
    if value is not None:
        box.setValue(value)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setAccelerated(accelerated)
    return box


def combo(items: Iterable[tuple[str, object]] = (), *, parent: QWidget | None = None, name: str = "",
          accessible: str | None = None, tip: str = "", fit_contents: bool = False) -> QComboBox:
    """A QComboBox holding `(text, data)` items; `fit_contents` sizes it to its longest item."""
    box = _name(QComboBox(parent), name, accessible)
    if tip:
        box.setToolTip(tip)
    if fit_contents:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for text, data in items:
        box.addItem(text, data)
    return box


def without_accelerator(text: str) -> str:
    """A button text without its `&` accelerator markers (`&&` stays one `&`), for accessible names."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def button(text: str, name: str = "", *, parent: QWidget | None = None, tip: str = "",
           slot: Callable[[], object] | None = None, accessible: str | None = None, tool: bool = False,
           text_only: bool = False, auto_default: bool | None = None) -> QAbstractButton:
    """A QPushButton (or QToolButton with `tool`) showing `text`.

    With `name`, the accessible name is `accessible`, else the text without `&`. `slot` is
    called with no argument on click (the `checked` flag is dropped). `text_only` (tool
    buttons) shows the text even when an icon is set later; `auto_default=False` stops a
    push button in a dialog from taking Enter.
    """
    if tool:
        widget = QToolButton(parent)
        widget.setText(text)
        if text_only:
            widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    else:
        widget = QPushButton(text, parent)
        if auto_default is not None:
            widget.setAutoDefault(auto_default)
    _name(widget, name, without_accelerator(text) if accessible is None else accessible)
    if tip:
        widget.setToolTip(tip)
    if slot is not None:
        widget.clicked.connect(lambda _checked=False: slot())
    return widget


def ok_cancel(dialog: QDialog, ok_text: str, ok_name: str, cancel_name: str, *, cancel_text: str = "",
              ok_role: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok,
              connect: bool = True) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's button row: `ok_role` (relabelled `ok_text`) and Cancel, both named.

    The Cancel button keeps Qt's translated text; `cancel_text` is only its accessible name
    (give the room's own `self.tr("Cancel")`). With `connect`, OK accepts and Cancel rejects.
    Returns the box and its OK button.
    """
    buttons = QDialogButtonBox(ok_role | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(ok_role)
    ok.setText(ok_text)
    named(ok, ok_name, without_accelerator(ok_text))
    named(buttons.button(QDialogButtonBox.StandardButton.Cancel), cancel_name, cancel_text or None)
    if connect:
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
    return buttons, ok


# ------------------------------------------------------------------ messages

def message_label(parent: QWidget | None, name: str, accessible: str | None = None, *, tone: style.Tone | None = None,
                  hidden: bool = False, selectable: bool = False) -> QLabel:
    """A word-wrapped label for a status line or an error under a form.

    Plain text: what it shows often comes from the server or the guest and must never be
    read as HTML. `tone` colours it from the start (an always-red problem line);
    `selectable` lets the user copy an error text.
    """
    label = named(QLabel(parent), name, accessible)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if tone:
        style.apply_tone(label, tone)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if hidden:
        label.hide()
    return label


def error_label(parent: QWidget | None, name: str, accessible: str | None = None, *, hidden: bool = False,
                selectable: bool = False) -> QLabel:
    """`message_label` in the error colour."""
    return message_label(parent, name, accessible, tone=style.Tone.ERROR, hidden=hidden, selectable=selectable)


def show_message(label: QLabel, text: str, tone: style.Tone | None = None) -> None:
    """Show `text` in `label`, coloured by `tone` (None: the theme's normal text colour)."""
    style.apply_tone(label, tone)
    label.setText(text)
    label.show()


def set_error(label: QLabel, text: str) -> None:
    """Show `text` in `label` in the error colour."""
    show_message(label, text, style.Tone.ERROR)


# ------------------------------------------------------------------ confirmation

def confirm_box(parent: QWidget | None, title: str, text: str, ok_text: str, *, destructive: bool = False,
                name: str = "confirm", ok_name: str = "", cancel_text: str = "",
                icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
                default_cancel: bool = True) -> tuple[QMessageBox, QAbstractButton]:
    """Build (not show) the box `confirm` runs; returns it and its OK button.

    The OK button gets `ok_text`, the Destructive role with `destructive` (platform styles
    mark it) else the Accept role. Cancel is Qt's standard (translated) button, or a Reject
    button reading `cancel_text`; with `default_cancel`, Enter picks Cancel.
    """
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the questions name guests, snapshots, backups
    box.setObjectName(name)
    if cancel_text:
        cancel = box.addButton(cancel_text, QMessageBox.ButtonRole.RejectRole)
    else:
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    role = QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
    ok = box.addButton(ok_text, role)
    if ok_name:
        ok.setObjectName(ok_name)
    if default_cancel:
        box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, ok


def confirm(parent: QWidget | None, title: str, text: str, ok_text: str, *, destructive: bool = False,
            name: str = "confirm", ok_name: str = "", cancel_text: str = "",
            icon: QMessageBox.Icon = QMessageBox.Icon.Warning, default_cancel: bool = True) -> bool:
    """Ask a yes/no question in a modal box; True when the user chose `ok_text`.

    Parameters as `confirm_box`. Pages keep `self.confirm = …` as their seam so tests answer
    without a modal box; a test of this function clicks a button from a timer.
    """
    box, ok = confirm_box(parent, title, text, ok_text, destructive=destructive, name=name, ok_name=ok_name,
                          cancel_text=cancel_text, icon=icon, default_cancel=default_cancel)
    box.exec()
    chosen = box.clickedButton() is ok
    box.deleteLater()
    return chosen
