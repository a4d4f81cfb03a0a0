"""The action palette (Ctrl+K): a query line over every guest of every cluster, a preview of the
matches and the actions that apply to them. Keyboard only: Up/Down move, Tab switches between
actions and guests, Enter runs, Esc closes.

The search keys (pve/query.py) are computed once per change of the guest model, not per keystroke;
the preview shows at most PREVIEW_CAP rows and says how many more matched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...models.instance_filter import haystack
from ...models.instances import InstanceModel
from ...pve import power
from ...pve.entities import Instance
from ...pve.query import Note, Query, parse_command
from .. import kit

PREVIEW_CAP = 200
ACTION_ROWS = 6  # the action list grows to this many rows, then scrolls
# Verbs typed first in the query ("shutdown tag:prod"): power actions run on every match; jumps
# act on one guest (the chosen row, else the first match).
POWER_VERBS = {"start": power.Action.START, "shutdown": power.Action.SHUTDOWN, "reboot": power.Action.REBOOT,
               "stop": power.Action.STOP, "suspend": power.Action.PAUSE, "pause": power.Action.PAUSE,
               "resume": power.Action.RESUME}
JUMPS = ("console", "backups", "migrate", "details")
VERBS = frozenset(POWER_VERBS) | frozenset(JUMPS)


class PaletteIndex:
    """Every guest with its search key, rebuilt only after the model changed."""

    def __init__(self, guests: Callable[[], list[Instance]]):
        self._guests = guests
        self._entries: list[tuple[Instance, str]] | None = None

    def invalidate(self, *args) -> None:
        self._entries = None

    def entries(self) -> list[tuple[Instance, str]]:
        if self._entries is None:
            self._entries = sorted(((i, haystack(i)) for i in self._guests()),
                                   key=lambda e: (e[0].cluster, e[0].vmid))
        return self._entries

    def matches(self, q: Query) -> list[Instance]:
        if not q.terms:
            return [i for i, _ in self.entries()]
        accepts = q.accepts
        return [i for i, key in self.entries() if accepts(i, key)]


class Palette(QFrame):
    power_requested = Signal(object, list)  # power.Action, the matched guests
    jump_requested = Signal(str, object)    # a JUMPS verb, the Instance

    def __init__(self, model: InstanceModel, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("actionPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._model = model
        self.index = PaletteIndex(lambda: list(model.all_instances()))
        for change in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.counts_changed):
            change.connect(self.index.invalidate)
        self.line = kit.named(QLineEdit(self), "paletteQuery", self.tr("Palette query"))
        self.line.setPlaceholderText(self.tr("Guests or an action: shutdown tag:prod status:running cluster:seoul"))
        self.line.installEventFilter(self)
        self.note = QLabel(self)
        self.note.setObjectName("paletteNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.actions_list = kit.named(QListWidget(self), "paletteActions", self.tr("Actions"))
        self.guests = kit.named(QTreeWidget(self), "paletteGuests", self.tr("Matching guests"))
        self.guests.setRootIsDecorated(False)
        self.guests.setHeaderLabels([self.tr("Name"), self.tr("ID"), self.tr("Cluster"), self.tr("Node"),
                                     self.tr("Status")])
        self.more = QLabel(self)
        self.more.setObjectName("paletteMore")
        self.hint = QLabel(self.tr("Tab: actions / guests · Enter: run · Esc: close"), self)
        self.hint.setEnabled(False)  # greyed: a reminder, not content
        for w in (self.actions_list, self.guests):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the line keeps the keyboard; Tab picks the list
        layout = QVBoxLayout(self)
        for w in (self.line, self.note, self.actions_list):
            layout.addWidget(w)
        layout.addWidget(self.guests, 1)  # the room the action list leaves
        bottom = QHBoxLayout()
        bottom.addWidget(self.more, 1)
        bottom.addWidget(self.hint)
        layout.addLayout(bottom)
        self.line.textChanged.connect(self.update_preview)
        self.focus_guests = False
        self.matched: list[Instance] = []
        self.verb = ""

    # ------------------------------------------------------------ words

    def verb_label(self, verb: str) -> str:
        return {"start": self.tr("Start"), "shutdown": self.tr("Shut down"), "reboot": self.tr("Reboot"),
                "stop": self.tr("Stop"), "suspend": self.tr("Suspend"), "pause": self.tr("Suspend"),
                "resume": self.tr("Resume"), "console": self.tr("Open the console"),
                "backups": self.tr("Go to the backups"), "migrate": self.tr("Migrate…"),
                "details": self.tr("Show the details")}[verb]

    def note_text(self, note: Note, text: str) -> str:
        if note is Note.UNKNOWN_QUALIFIER:
            return kit.fmt(self.tr("\"%1:\" is no qualifier (tag, node, cluster, status, type, pool, ha, ip): "
                                   "searched as a word"), text)
        if note is Note.UNBALANCED_QUOTE:
            return self.tr("A quote is not closed: it runs to the end")
        return self.tr("IP addresses need the guest agent data")

    # ------------------------------------------------------------ showing

    def open(self) -> None:
        parent = self.parentWidget()
        width = min(760, max(480, parent.width() - 80))
        self.resize(width, 460)
        self.move(parent.mapToGlobal(parent.rect().topLeft()) + QPoint((parent.width() - width) // 2, 60))
        self.index.invalidate()
        self.focus_guests = False
        self.actions_list.setEnabled(True)
        self.line.clear()
        self.update_preview()
        self.show()
        self.raise_()
        self.line.setFocus()

    def update_preview(self, *args) -> None:
        command = parse_command(self.line.text(), VERBS)
        self.verb = command.verb
        self.matched = self.index.matches(command.query)
        notes = [self.note_text(n, t) for n, t in command.query.notes]
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        self._fill_guests()
        self._fill_actions()

    def _fill_guests(self) -> None:
        self.guests.setUpdatesEnabled(False)
        self.guests.clear()
        items = []
        for inst in self.matched[:PREVIEW_CAP]:
            item = QTreeWidgetItem([inst.name, str(inst.vmid), inst.cluster, inst.node,
                                     self._model.status_text(inst)])
            item.setData(0, Qt.ItemDataRole.UserRole, inst.key)
            items.append(item)
        self.guests.addTopLevelItems(items)
        if items:
            self.guests.setCurrentItem(items[0])
        self.guests.setUpdatesEnabled(True)
        hidden = len(self.matched) - len(items)
        self.more.setText(kit.fmt(self.tr("%n more", "", hidden)) if hidden > 0 else
                          kit.fmt(self.tr("%n guest(s)", "", len(self.matched))))

    def _fill_actions(self) -> None:
        self.actions_list.clear()
        verbs = [self.verb] if self.verb else [v for v in POWER_VERBS if v != "pause"] + list(JUMPS)
        for verb in verbs:
            if verb in POWER_VERBS:
                action = POWER_VERBS[verb]
                count = sum(1 for i in self.matched if action in power.available(i))
                if not count and not self.verb:
                    continue
                text = kit.fmt(self.tr("%1 (%2 of %3 guests)"), self.verb_label(verb), count, len(self.matched))
            else:
                if not self.matched:
                    continue
                text = kit.fmt(self.tr("%1: %2"), self.verb_label(verb), self._name(self.target()))
            item = QListWidgetItem(text, self.actions_list)
            item.setData(Qt.ItemDataRole.UserRole, verb)
        if self.actions_list.count():
            self.actions_list.setCurrentRow(0)
        self._fit_actions()

    def _fit_actions(self) -> None:
        """As tall as its actions (up to ACTION_ROWS): a typed verb leaves one row, and the guests get the room."""
        rows = max(1, min(self.actions_list.count(), ACTION_ROWS))
        row = self.actions_list.sizeHintForRow(0)
        if row <= 0:
            row = self.actions_list.fontMetrics().height() + 4
        self.actions_list.setFixedHeight(rows * row + 2 * self.actions_list.frameWidth())

    @staticmethod
    def _name(inst: Instance | None) -> str:
        if inst is None:
            return ""
        return "{0} ({1})".format(inst.vmid, inst.name) if inst.name else str(inst.vmid)

    def target(self) -> Instance | None:
        """The guest a jump acts on: the chosen row, else the first match."""
        item = self.guests.currentItem()
        if item is not None:
            key = item.data(0, Qt.ItemDataRole.UserRole)
            for inst in self.matched[:PREVIEW_CAP]:
                if inst.key == key:
                    return inst
        return self.matched[0] if self.matched else None

    # ------------------------------------------------------------ keys

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._move(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.focus_guests = not self.focus_guests
                self.actions_list.setEnabled(not self.focus_guests)  # greyed: Up/Down and Enter act on the other
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate()
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        if self.focus_guests:
            count = self.guests.topLevelItemCount()
            if count:
                row = self.guests.indexOfTopLevelItem(self.guests.currentItem()) if self.guests.currentItem() else 0
                self.guests.setCurrentItem(self.guests.topLevelItem(max(0, min(count - 1, row + step))))
                self._fill_actions()  # jumps name the chosen guest
        else:
            count = self.actions_list.count()
            if count:
                self.actions_list.setCurrentRow(max(0, min(count - 1, self.actions_list.currentRow() + step)))

    def activate(self) -> None:
        """Enter: in the guests, the chosen guest's details (or the typed verb on it); in the
        actions, the chosen action on the matches."""
        if self.focus_guests:
            inst = self.target()
            if inst is None:
                return
            verb = self.verb or "details"
            self.hide()
            if verb in POWER_VERBS:
                self.power_requested.emit(POWER_VERBS[verb], [inst])
            else:
                self.jump_requested.emit(verb, inst)
            return
        item = self.actions_list.currentItem()
        if item is None:
            return
        verb = item.data(Qt.ItemDataRole.UserRole)
        self.hide()
        if verb in POWER_VERBS:
            self.power_requested.emit(POWER_VERBS[verb], list(self.matched))
        elif self.target() is not None:
            self.jump_requested.emit(verb, self.target())

