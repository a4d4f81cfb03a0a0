"""The tag editors: one guest's tags (add, remove, rename in place) and a selection's (add these,
remove these). Both write through `TagWriter`: only the `tags` key, only where it changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ...models.plain_text import literal_tooltip
from ...pve import tags as T
from ...pve.entities import Instance
from .. import kit, style
from .chips import rgb
from .tag_input import TagInput, TagRules, problem_text
from .tag_writer import TagWriter, WriteResult

_ORIGINAL = Qt.ItemDataRole.UserRole + 1  # the tag an item held when the dialog opened ("" for new)
_LAST = Qt.ItemDataRole.UserRole + 2  # its last accepted text (a refused rename goes back to it)


class _TagDialogBase(QDialog):
    def __init__(self, writer: TagWriter, rules: TagRules, tag_style: T.TagStyle, parent=None):
        super().__init__(parent)
        self.writer = writer
        self.rules = rules
        self.tag_style = tag_style
        self.result_ = WriteResult()
        # Translated in one literal context: in a base class, self.tr() would look under the subclass.
        self.errors = kit.error_label(self, "tagErrors", QCoreApplication.translate("TagDialog", "Problems"),
                                      hidden=True, selectable=True)
        self.buttons, self.save_button = kit.ok_cancel(
            self, QCoreApplication.translate("TagDialog", "Save"), "tagSave", "tagCancel",
            cancel_text=QCoreApplication.translate("TagDialog", "Cancel"), connect=False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        writer.finished.connect(self._finished)

    def save(self) -> None:
        changes = self.changes()
        if changes is None:
            return
        self.save_button.setEnabled(False)
        self.errors.hide()
        self.writer.write(changes)

    def changes(self) -> list[tuple[Instance, Callable]] | None:
        raise NotImplementedError

    def _finished(self, result: WriteResult) -> None:
        self.result_ = result
        if not result.failed:
            self.accept()
            return
        lines = ["{0} ({1}): {2}".format(inst.name, inst.vmid, text) for inst, text in result.failed]
        kit.set_error(self.errors, "\n".join(lines))
        self.save_button.setEnabled(True)


class GuestTagsDialog(_TagDialogBase):
    """One guest's tags: a list (double-click or F2 renames), Remove, and a line to add more."""

    def __init__(self, inst: Instance, writer: TagWriter, rules: TagRules, tag_style: T.TagStyle,
                 completions: list[str], parent=None):
        super().__init__(writer, rules, tag_style, parent)
        self.setObjectName("guestTagsDialog")
        self.instance = inst
        self.setWindowTitle(kit.fmt(self.tr("Tags of %1"), "{0} ({1})".format(inst.name, inst.vmid)))
        self.loaded = tuple(inst.tags)
        self.list = kit.named(QListWidget(self), "tagList", self.tr("Tags"))
        self.list.setEditTriggers(QListWidget.EditTrigger.DoubleClicked | QListWidget.EditTrigger.EditKeyPressed)
        # chips side by side, wrapping, as PVE's tag editor shows them
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(3)
        for tag in tag_style.ordered(self.loaded):
            self._add_item(tag, original=tag)
        self.list.itemChanged.connect(self._renamed)
        self.list.currentItemChanged.connect(lambda *_: self._update())
        self.remove_button = kit.button(self.tr("Remove"), "tagRemove", parent=self, slot=self._remove,
                                        auto_default=False)
        self.input = TagInput("tagNew", self.tr("New tags"), rules, completions, self)
        self.add_button = kit.button(self.tr("Add"), "tagAdd", parent=self, slot=self._add_typed, auto_default=False)
        self.input.changed.connect(self._update)
        self.input.edit.returnPressed.connect(self._add_typed)
        self.rename_message = kit.message_label(self, "tagRenameMessage", hidden=True)

        add_row = QHBoxLayout()
        add_row.addWidget(self.input, 1)
        add_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.addWidget(self.remove_button)
        side.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self.list, 1)
        lists.addLayout(side)
        hint = QLabel(self.tr("Double-click a tag to rename it."), self)
        layout = QVBoxLayout(self)
        layout.addLayout(lists)
        layout.addWidget(hint)
        layout.addWidget(self.rename_message)
        layout.addLayout(add_row)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.resize(460, 240)
        self._update()

    # ------------------------------------------------------------ the list

    def _add_item(self, tag: str, original: str = "") -> None:
        item = QListWidgetItem(tag)
        item.setData(_ORIGINAL, original)
        bg, fg = self.tag_style.colors(tag)
        item.setBackground(QBrush(rgb(bg)))
        item.setForeground(QBrush(rgb(fg)))
        words, blocking = problem_text(tag, self.rules) if original else ("", False)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not blocking:
            flags |= Qt.ItemFlag.ItemIsEditable
        else:  # the login may not remove or rename it (registered, or not allowed)
            item.setToolTip(literal_tooltip(words))  # quotes the tag as the server has it
        item.setFlags(flags)
        self.list.blockSignals(True)
        self.list.addItem(item)
        self.list.blockSignals(False)

    def current_tags(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _renamed(self, item: QListWidgetItem) -> None:
        tag = item.text().strip()
        words, blocking = problem_text(tag, self.rules)
        key = self.tag_style.key
        duplicate = [key(t) for t in self.current_tags()].count(key(tag)) > 1
        if blocking or not tag or duplicate:
            previous = item.data(_LAST) or item.data(_ORIGINAL)
            self.list.blockSignals(True)
            item.setText(previous)
            self.list.blockSignals(False)
            kit.set_error(self.rename_message, words or self.tr("That tag is already there."))
        else:
            item.setData(_LAST, tag)
            self.rename_message.hide()
        self._update()

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.list.takeItem(self.list.row(item))
        self._update()

    def _add_typed(self) -> bool:
        """Move what is typed into the list; False when it cannot be (the reason is shown)."""
        if self.input.blocking():
            return False
        key = self.tag_style.key  # "Prod" is "prod" unless the cluster's tags are case-sensitive
        present = {key(t) for t in self.current_tags()}
        for tag in self.input.tags():
            if key(tag) not in present:
                self._add_item(tag)
                present.add(key(tag))
        self.input.edit.clear()
        self._update()
        return True

    def _update(self) -> None:
        item = self.list.currentItem()
        self.remove_button.setEnabled(item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEditable))
        self.add_button.setEnabled(bool(self.input.tags()) and not self.input.blocking())
        self.save_button.setEnabled(not self.input.blocking() and (
            bool(self.input.tags()) or T.changed(self.loaded, self.current_tags(), self.tag_style)))

    # ------------------------------------------------------------ saving

    def edits(self) -> tuple[dict[str, str], list[str], list[str]]:
        """(renames, added, removed) against the tags the dialog opened with."""
        renames, added, kept = {}, [], set()
        for i in range(self.list.count()):
            item = self.list.item(i)
            original = item.data(_ORIGINAL)
            if not original:
                added.append(item.text())
            else:
                kept.add(original)
                if item.text() != original:
                    renames[original] = item.text()
        removed = [t for t in self.loaded if t not in kept]
        return renames, added, removed

    def changes(self):
        if self.input.tags() and not self._add_typed():
            return None
        renames, added, removed = self.edits()
        style_ = self.tag_style
        return [(self.instance, lambda current: T.edit(current, renames, added, removed, style_))]


class BulkTagsDialog(_TagDialogBase):
    """Several guests: tags to add to each and tags to remove from each."""

    def __init__(self, instances: list[Instance], writer: TagWriter, rules: TagRules, tag_style: T.TagStyle,
                 completions: list[str], parent=None):
        super().__init__(writer, rules, tag_style, parent)
        self.setObjectName("bulkTagsDialog")
        self.instances = list(instances)
        self.setWindowTitle(kit.fmt(self.tr("Tags of %1 guests"), len(self.instances)))
        names = ", ".join("{0} ({1})".format(i.name, i.vmid) for i in self.instances[:6])
        if len(self.instances) > 6:
            names += ", …"
        intro = kit.message_label(self, "bulkTagsGuests")
        intro.setText(names)
        self.add_input = TagInput("tagsToAdd", self.tr("Tags to add"), rules, completions, self)
        on_selection = sorted({t for i in self.instances for t in i.tags}, key=lambda t: (t.lower(), t))
        self.remove_input = TagInput("tagsToRemove", self.tr("Tags to remove"), rules, on_selection, self)
        self.preview = kit.message_label(self, "bulkTagsPreview")
        for field in (self.add_input, self.remove_input):
            field.changed.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Add these tags:"), self.add_input)
        form.addRow(self.tr("Remove these tags:"), self.remove_input)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.resize(520, 260)
        self._update()

    def _change(self):
        # what can be sent: a refused tag blocks Save and counts for nothing in the preview
        add = [t for t in self.add_input.tags() if T.is_valid(t)]
        remove = [t for t in self.remove_input.tags() if T.is_valid(t)]
        style_ = self.tag_style
        return lambda current: T.retag(current, add, remove, style_)

    def _update(self) -> None:
        change = self._change()
        count = sum(1 for i in self.instances if T.changed(i.tags, change(i.tags), self.tag_style))
        blocking = self.add_input.blocking() or self.remove_input.blocking()
        self.preview.setText(kit.fmt(self.tr("%1 of %2 guests change."), count, len(self.instances)))
        style.apply_tone(self.preview, style.Tone.MUTED)
        self.save_button.setEnabled(not blocking and bool(self.add_input.tags() or self.remove_input.tags()))

    def changes(self):
        change = self._change()
        return [(inst, change) for inst in self.instances]
