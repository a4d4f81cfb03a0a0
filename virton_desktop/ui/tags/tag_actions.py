"""Tags in the main window: the list's chips column and filter bar, "Edit tags…" in the Guest
menus and on the guest page, gated by VM.Config.Options (pve.permissions FEATURES "tags")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ...core.tag_options import TagOptions
from ...models.instances import COL_TAGS
from ...pve.entities import Instance
from ...pve.tags import TagStyle
from .. import kit
from ..permission_gate import first_need, gate, guest_need
from .chips import chips_html
from .tag_delegate import TagChipDelegate
from .tag_filter_bar import TagFilterBar
from .tag_input import TagRules
from .tag_writer import TagWriter

if TYPE_CHECKING:  # the dialogs' module is imported when one first opens
    from .tag_dialogs import BulkTagsDialog, GuestTagsDialog


class TagActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.clusters = window.clusters
        self.model = window.model
        self.page = window.page
        self.options = TagOptions(self.clusters, self)
        self.dialog: GuestTagsDialog | BulkTagsDialog | None = None  # the open editor (tests)

        self.delegate = TagChipDelegate(self.options.style, self.page.table)
        self.page.table.setItemDelegateForColumn(COL_TAGS, self.delegate)
        self.filter_bar = TagFilterBar(self.all_tags, self.style_for_tag, self.page)
        self.page.layout().insertWidget(1, self.filter_bar)
        self.filter_bar.changed.connect(self.page.set_tag_filter)
        self.delegate.tag_clicked.connect(self.filter_bar.add)
        self.options.changed.connect(self._styles_changed)

        self.edit_action = QAction(self.tr("Edit tags…"), window)
        self.edit_action.setObjectName("action-tags")
        self.edit_action.triggered.connect(lambda: self.open_editor(self.page.selected()))
        menu = window.findChild(QMenu, "guestMenuBar")
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.edit_action)
        self.page.menu_extenders.append(self._menu_entries)
        self.page.selection_changed.connect(self._regate)
        self.clusters.privileges_changed.connect(lambda _session: self._regate())
        self.model.counts_changed.connect(self._regate)
        self._regate()

    # ------------------------------------------------------------ reading

    def all_tags(self) -> set[str]:
        return {t for inst in self.model.all_instances() for t in inst.tags}

    def style_for_tag(self, _tag: str) -> TagStyle:
        """The filter bar's chips: the first cluster's colours (one cluster in most windows)."""
        ids = self.clusters.ids()
        return self.options.style(ids[0]) if ids else TagStyle()

    def rules(self, cluster: str) -> TagRules:
        return TagRules(self.options.access(cluster), self.options.privileged(cluster),
                        self.options.cluster_tags(cluster, self.model.instances_of(cluster)))

    def completions(self, cluster: str) -> list[str]:
        rules = self.rules(cluster)
        return rules.access.completions(rules.visible, rules.privileged)

    # ------------------------------------------------------------ gating

    def need(self, instances: list[Instance]):
        return first_need(self.clusters.privileges, "tags", instances)

    @staticmethod
    def possible(instances: list[Instance]) -> bool:
        # qemu-server and pve-container refuse config changes of a locked guest (check_lock)
        return bool(instances) and not any(i.lock for i in instances)

    def _regate(self) -> None:
        selected = self.page.selected()
        gate(self.edit_action, self.possible(selected), self.need(selected) if selected else None,
             self.tr("Add or remove tags of the selected guests"))

    def _menu_entries(self, menu: QMenu, selected: list[Instance]) -> None:
        if not selected:
            return
        action = menu.addAction(self.tr("Edit tags…"))
        action.setObjectName("menu-tags")
        need = self.need(selected)
        if need is not None:
            menu.setToolTipsVisible(True)
        gate(action, self.possible(selected), need)
        action.triggered.connect(lambda _=False, s=list(selected): self.open_editor(s))

    def _styles_changed(self, cluster: str) -> None:
        """A cluster's tag colours changed: its rows on screen, if any, get their tags painted
        again (the others look the same: ten clusters answering after the start were ten full
        repaints of the list, ~10-15 ms each, for the one cluster in view)."""
        self.delegate.styles_changed()
        table = self.page.table
        if table.isColumnHidden(COL_TAGS) or all(key[0] != cluster for key in self.page.keys_in_view()):
            return
        viewport = table.viewport()
        viewport.update(QRect(table.columnViewportPosition(COL_TAGS), 0, table.columnWidth(COL_TAGS),
                              viewport.height()))

    # ------------------------------------------------------------ editors

    def open_editor(self, instances: list[Instance], parent: QWidget | None = None):
        if not instances:
            return None
        cluster = instances[0].cluster
        self.options.refresh(cluster)  # as PVE's editor does: the newest rules and tags
        from .tag_dialogs import BulkTagsDialog, GuestTagsDialog  # imported when first opened
        writer = TagWriter(self.clusters.get, self.options.style, None)
        style, rules, words = self.options.style(cluster), self.rules(cluster), self.completions(cluster)
        if len(instances) == 1:
            dialog = GuestTagsDialog(instances[0], writer, rules, style, words, parent or self.window)
        else:
            dialog = BulkTagsDialog(instances, writer, rules, style, words, parent or self.window)
        writer.setParent(dialog)
        dialog.finished.connect(lambda _code, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog) -> None:
        result = dialog.result_
        if result.written or result.unchanged:
            self.window.statusBar().showMessage(kit.fmt(self.tr("Tags written to %1 guests; %2 unchanged."),
                                                        len(result.written), len(result.unchanged)), 8000)
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # ------------------------------------------------------------ the guest page

    def wire_detail(self, page) -> None:
        button = kit.button(self.tr("Tags…"), "detailTags", parent=page,
                            tip=self.tr("Add, remove or rename this guest's tags"),
                            slot=lambda: self.open_editor([page.instance] if page.instance else [], page))

        def regate(inst: Instance | None) -> None:
            need = guest_need(self.clusters.privileges(inst.cluster), "tags", inst) if inst is not None else None
            gate(button, inst is not None and not inst.lock, need, self.tr("Add, remove or rename this guest's tags"))

        page.tag_html = lambda inst: chips_html(self.options.style(inst.cluster), inst.tags)
        page.add_header_button(button, regate)
        page.refresh_summary()
        self.options.changed.connect(page.refresh_summary)
