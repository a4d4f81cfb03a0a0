"""The "Create VM/CT" chooser: a virtual machine or a container (seed 4.2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QDialogButtonBox, QLabel, QVBoxLayout


class CreateGuestDialog(QDialog):
    """Two large choices; `kind` is "qemu", "lxc" or None after exec()."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("createGuestDialog")
        self.setWindowTitle(self.tr("Create VM/CT"))
        self.kind: str | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("What do you want to create?"), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.vm_button = QCommandLinkButton(
            self.tr("Virtual machine"),
            self.tr("A full computer with its own kernel: any operating system, installed from an ISO image."),
            self)
        self.vm_button.setObjectName("createKindVm")
        self.vm_button.setAccessibleName(self.tr("Create virtual machine"))
        self.ct_button = QCommandLinkButton(
            self.tr("Container"),
            self.tr("A Linux system sharing the node's kernel: light and quick to start, made from a template."),
            self)
        self.ct_button.setObjectName("createKindCt")
        self.ct_button.setAccessibleName(self.tr("Create container"))
        lay.addWidget(self.vm_button)
        lay.addWidget(self.ct_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, Qt.Orientation.Horizontal, self)
        buttons.setObjectName("createKindButtons")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.vm_button.clicked.connect(lambda: self._choose("qemu"))
        self.ct_button.clicked.connect(lambda: self._choose("lxc"))
        self.vm_button.setDefault(True)
        # Wide enough for the descriptions to read as sentences, in any language's font.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def _choose(self, kind: str) -> None:
        self.kind = kind
        self.accept()


def ask_guest_kind(parent=None) -> str | None:
    """Modal chooser: "qemu", "lxc" or None (cancelled)."""
    dialog = CreateGuestDialog(parent)
    dialog.exec()
    return dialog.kind
