"""What both create wizards' pages are made of: field messages, live field checks, a form page
whose Next is enabled only while every check passes, and the network page they share.

The server lists the pages offer live in `options.py`, the submit flow in `create_base.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ...pve import validate
from ..style import Tone, apply_tone

# A field message's kind -> its colour; a hint (or anything else) is secondary text.
_TONES = {"error": Tone.ERROR, "warning": Tone.WARNING}


class FieldMessage(QLabel):
    """The line under a field: an error (red), a warning (amber), a hint (grey) or nothing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        self.kind = ""

    def show_issue(self, issue: validate.Issue | None, hint: str = "") -> None:
        if issue is None:
            self.show_text(hint, "hint" if hint else "")
        else:
            self.show_text(issue.text(), "warning" if issue.warning else "error")

    def show_text(self, text: str, kind: str = "error") -> None:
        self.kind = kind if text else ""
        apply_tone(self, _TONES.get(kind, Tone.MUTED))
        self.setText(text)
        self.setVisible(bool(text))


def combo_set_items(combo: QComboBox, items: list[tuple[str, Any]], keep: Any = None,
                    default: Any = None) -> None:
    """Replace a combo's items (text, data), keeping the current choice if it is still offered."""
    current = combo.currentData() if keep is None else keep
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    for wanted in (current, default):
        index = combo.findData(wanted) if wanted is not None else -1
        if index >= 0:
            combo.setCurrentIndex(index)
            break
    combo.blockSignals(False)
    combo.currentIndexChanged.emit(combo.currentIndex())


@dataclass
class Rule:
    """A field's live check: `check()` -> Issue | None; `server` holds PVE's message until edited."""

    name: str
    message: FieldMessage
    check: Callable[[], validate.Issue | None]
    hint: Callable[[], str] | None = None
    server: str = ""
    passive: bool = False  # the page words this field's message itself; only server errors go here
    quiet: bool = False  # an empty required field shows its hint, not an error, until first edited
    touched: bool = False

    def blocking(self) -> bool:
        issue = self.check()
        return bool(self.server) or (issue is not None and not issue.warning)

    def show(self) -> None:
        if self.server:
            self.message.show_text(self.server, "error")
        elif not self.passive:
            issue = self.check()
            if self.quiet and not self.touched and issue is not None and not issue.warning:
                issue = None
            self.message.show_issue(issue, self.hint() if self.hint else "")


class FormPage(QWizardPage):
    """A wizard page whose Next/Create is enabled only while every rule passes."""

    def __init__(self, title: str = "", subtitle: str = "", name: str = "", parent=None):
        super().__init__(parent)
        if title:
            self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        if name:
            self.setObjectName(name)
        self.rules: dict[str, Rule] = {}
        self.tables: dict[str, Any] = {}  # input name -> RowList
        self.busy: Callable[[], bool] = lambda: False  # e.g. an option still loading
        self.outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.outer.addLayout(self.form)
        self.body = QVBoxLayout()  # tables and notes below the form
        self.outer.addLayout(self.body)
        self._tail = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self.outer.addItem(self._tail)

    def add_field(self, label: str, widget: QWidget, name: str = "",
                  check: Callable[[], validate.Issue | None] | None = None,
                  hint: Callable[[], str] | None = None) -> FieldMessage:
        """A form row: label, the widget and its message line below it."""
        box = QWidget(self)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        message = FieldMessage(box)
        lay.addWidget(message)
        self.form.addRow(label, box)
        if name:
            self.rules[name] = Rule(name, message, check or (lambda: None), hint)
            self.watch(widget, name)
        return message

    def add_table(self, name: str, table) -> None:
        """Register a RowList placed in `body`: it takes the page's spare height (and scrolls)."""
        if self._tail is not None:
            self.outer.removeItem(self._tail)
            self._tail = None
            self.outer.setStretchFactor(self.body, 1)
        self.body.setStretchFactor(table, 1)
        self.tables[name] = table
        table.changed.connect(self.revalidate)

    def watch(self, widget: QWidget, name: str | None = None) -> None:
        """Re-check when the widget changes; an edit clears the server's message for that field."""
        def edited(*_):
            if name and name in self.rules:
                self.rules[name].server = ""
                self.rules[name].touched = True
            self.revalidate()
        for signal in ("textChanged", "currentIndexChanged", "valueChanged", "toggled"):
            sig = getattr(widget, signal, None)
            if sig is not None:
                sig.connect(edited)
                break

    def revalidate(self, *_):
        for rule in self.rules.values():
            rule.show()
        self.completeChanged.emit()

    def initializePage(self) -> None:  # noqa: N802 - Qt override: words every field when shown
        self.revalidate()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        if self.busy():
            return False
        if any(rule.blocking() for rule in self.rules.values()):
            return False
        return not any(t.blocking() for t in self.tables.values())

    def owns(self, name: str) -> bool:
        return name in self.rules or name in self.tables

    def set_server_error(self, name: str, row: int | None, text: str) -> None:
        if name in self.tables:
            self.tables[name].set_server_error(row or 0, text)
        elif name in self.rules:
            self.rules[name].server = text
        self.revalidate()


class NicPage(FormPage):
    """The network page of both wizards: a table of interfaces on the node's bridges."""

    def __init__(self, wizard, subtitle: str, name: str, list_class, first_row):
        super().__init__(QCoreApplication.translate("NicPage", "Network"), subtitle, name)
        self.wiz = wizard
        self.state = FieldMessage(self)
        self.body.addWidget(self.state)
        self.nics = list_class(self)
        self.body.addWidget(self.nics)
        self.add_table("nics", self.nics)
        self.nics.add_row(first_row)
        self.busy = lambda: self.wiz.options.in_flight("bridges")

    def fill(self) -> None:
        opts = self.wiz.options
        self.nics.set_choices("bridges", opts.items("bridges"))
        text = opts.state_text("bridges", QCoreApplication.translate(
            "NicPage", "This node has no bridge. Create one in PVE: node > System > Network."))
        self.state.show_text(text, "hint" if opts.in_flight("bridges") else "warning")
        self.completeChanged.emit()


def debounce(parent: QObject, msec: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msec)
    timer.timeout.connect(slot)
    return timer

