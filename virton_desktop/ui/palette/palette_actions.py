"""What the palette's choices do in the main window: Ctrl+K opens it; a power verb runs on the
matched guests (confirmed with the count per cluster where it loses work), jumps open the
console, the backups, the migrate dialog or the details of one guest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut

from ...pve.entities import Instance
from ...pve.power import Action
from .. import kit
from .palette import Palette

if TYPE_CHECKING:  # the dialog's module and the run's are imported when one first opens (~5 ms of every start)
    from .bulk_dialog import BulkRunDialog


SHORTCUT = "Ctrl+K"


class PaletteActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.palette = Palette(window.model, window)
        self.shortcut = QShortcut(QKeySequence(SHORTCUT), window, self.palette.open)
        self.palette.power_requested.connect(self.run_power)
        self.palette.jump_requested.connect(self.jump)
        self.dialog: BulkRunDialog | None = None  # the last run's (tests find it here)
        # Replaced in tests; returns True to go ahead.
        self.confirm: Callable[[Action, list[Instance]], bool] = self._ask

    def run_power(self, action: Action, instances: list[Instance]) -> BulkRunDialog | None:
        if not instances:
            return None
        actions = self.window.actions
        if action in (Action.SHUTDOWN, Action.STOP) and not self.confirm(action, instances):
            return None
        from .bulk_dialog import BulkRunDialog  # imported when first opened
        from .bulk_run import BulkRun

        run = BulkRun(action, instances, actions.session_of, self.window.clusters.privileges)
        self.dialog = BulkRunDialog(run, actions.label(action), self.window)
        self.dialog.show()
        run.start()
        return self.dialog

    def _ask(self, action: Action, instances: list[Instance]) -> bool:
        per_cluster = Counter(i.cluster for i in instances)
        lines = "\n".join(kit.fmt(self.tr("%1: %n guest(s)", "", n), cluster)
                          for cluster, n in sorted(per_cluster.items()))
        label = self.window.actions.label(action)
        return kit.confirm(self.window, label, kit.fmt(self.tr("%1 %n guest(s)?", "", len(instances)), label) + "\n\n"
                           + lines, label, destructive=action is Action.STOP, name="paletteConfirm")

    def jump(self, verb: str, inst: Instance) -> None:
        w = self.window
        if verb == "console":
            w.open_console(inst)
        elif verb == "backups":
            w.sections.setCurrentWidget(w.backups_page)
            w.backups_page.search.setText(str(inst.vmid))
        elif verb == "migrate":
            w.migrate.open_for([inst])
        else:
            w.open_detail(inst)
