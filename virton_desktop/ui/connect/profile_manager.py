"""The cluster profiles: list, edit, import/export, connect and disconnect."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...models.plain_text import literal_tooltip
from ...profiles import PASSWORD, TOKEN, Profile, ProfileStore, SecretStore
from ...pve.address import split_address
from .. import kit
from .auth_choice import AuthChoice

COLOURS = ("#3465a4", "#4e9a06", "#c4a000", "#ce5c00", "#cc0000", "#75507b", "#555753")


def colour_names(tr) -> dict[str, str]:
    return {"#3465a4": tr("Blue"), "#4e9a06": tr("Green"), "#c4a000": tr("Yellow"), "#ce5c00": tr("Orange"),
            "#cc0000": tr("Red"), "#75507b": tr("Purple"), "#555753": tr("Grey")}


def _dot(colour: str) -> QIcon:
    pix = QPixmap(28, 28)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor(colour).darker(130))
    p.drawEllipse(2, 2, 10, 10)
    p.end()
    return QIcon(pix)


class ProfileManager(QDialog):
    connect_requested = Signal(object, str)  # Profile, secret typed now ("" = use the stored one)
    disconnect_requested = Signal(str)  # profile id
    permissions_requested = Signal(str)  # profile id: open its permission check

    def __init__(self, store: ProfileStore, secrets: SecretStore,
                 connected_ids: Callable[[], set[str]] | None = None, parent=None):
        """`connected_ids()`: the profiles connected now, asked again by `refresh_connected`."""
        super().__init__(parent)
        self.setObjectName("profileManager")
        self.setWindowTitle(self.tr("Clusters"))
        self.store, self.secrets = store, secrets
        self._connected_ids = connected_ids or set
        self.connected = set(self._connected_ids())
        self._current: Profile | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("profileList")
        self.list.setAccessibleName(self.tr("Cluster profiles"))
        self.list.setIconSize(QSize(14, 14))
        self.list.setMinimumWidth(200)

        self.name = self._line("profileName", self.tr("Profile name"), self.tr("e.g. Production"))
        self.addresses = QPlainTextEdit(self)
        self.addresses.setObjectName("profileAddresses")
        self.addresses.setAccessibleName(self.tr("Node addresses"))
        self.addresses.setPlaceholderText("pve1.example.com:8006\npve2.example.com:8006")
        self.addresses.setTabChangesFocus(True)
        self.addresses.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.user = self._line("profileUser", self.tr("User"), "root")
        self.realm = QComboBox(self)
        self.realm.setObjectName("profileRealm")
        self.realm.setAccessibleName(self.tr("Realm"))
        self.realm.setEditable(True)
        self.realm.addItems(["pam", "pve"])
        method = AuthChoice("profileAuth", self)
        self.by_password, self.by_token = method.by_password, method.by_token
        self.token_id = self._line("profileTokenId", self.tr("Token ID"), "virton")
        self.secret = self._line("profileSecret", self.tr("Password or token secret"), "")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember in the system keyring"), self)
        self.remember.setObjectName("profileRemember")
        if not secrets.persistent:
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr("No system keyring is available: secrets are kept in memory "
                                             "until you quit, never in a file."))
        self.colour = QComboBox(self)
        self.colour.setObjectName("profileColour")
        self.colour.setAccessibleName(self.tr("Colour"))
        names = colour_names(self.tr)
        for colour in COLOURS:
            self.colour.addItem(_dot(colour), names[colour], colour)
        self.autoconnect = QCheckBox(self.tr("Connect when VirtOn Desktop starts"), self)
        self.autoconnect.setObjectName("profileAutoconnect")
        self.message = kit.message_label(self, "profileMessage")

        form = self.form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Addresses"), self.addresses)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Realm"), self.realm)
        form.addRow(self.tr("Log in with"), method)
        form.addRow(self.tr("Token ID"), self.token_id)
        form.addRow(self.tr("Secret"), self.secret)
        form.addRow("", self.remember)
        form.addRow(self.tr("Colour"), self.colour)
        form.addRow("", self.autoconnect)
        self.by_token.toggled.connect(lambda on: form.setRowVisible(self.token_id, on))

        # Enter belongs to Connect (the default button), not to whichever button has focus.
        button = partial(kit.button, parent=self, auto_default=False)
        self.new_button = button(self.tr("New"), "profileNew", slot=self.new_profile)
        self.save_button = button(self.tr("Save"), "profileSave", slot=self.save_current)
        self.delete_button = button(self.tr("Delete"), "profileDelete", slot=self.delete_current)
        self.import_button = button(self.tr("Import…"), "profileImport", slot=self.import_file)
        self.export_button = button(self.tr("Export…"), "profileExport", slot=self.export_file)
        self.connect_button = button(self.tr("Connect"), "profileConnect", slot=self.connect_current)
        self.connect_button.setDefault(True)
        self.disconnect_button = button(self.tr("Disconnect"), "profileDisconnect", slot=self.disconnect_current)
        self.permissions_button = button(self.tr("Permissions…"), "profilePermissions", slot=self.check_permissions,
                                         tip=self.tr("What this login may do on the cluster, and how to grant more"))
        self.close_button = button(self.tr("Close"), "profileClose", slot=self.accept)

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.new_button, self.delete_button):
            row.addWidget(b)
        left.addLayout(row)
        row = QHBoxLayout()
        for b in (self.import_button, self.export_button):
            row.addWidget(b)
        left.addLayout(row)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.message)
        right.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        actions.addWidget(self.permissions_button)
        actions.addWidget(self.disconnect_button)
        actions.addWidget(self.connect_button)
        actions.addWidget(self.close_button)
        right.addLayout(actions)
        body = QHBoxLayout(self)
        body.addLayout(left)
        body.addLayout(right, 1)
        self.resize(780, 480)

        self.list.currentItemChanged.connect(lambda item, _old: self._show(item.data(Qt.ItemDataRole.UserRole)
                                                                          if item else None))
        self.refresh()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        line.setPlaceholderText(placeholder)
        return line


    # ------------------------------------------------------------- list

    def refresh(self, select: str | None = None) -> None:
        current = select or (self._current.id if self._current else None)
        self.list.blockSignals(True)
        self.list.clear()
        for profile in self.store.all():
            text = profile.name
            if profile.id in self.connected:
                text = kit.fmt(self.tr("%1 (connected)"), profile.name)
            item = QListWidgetItem(_dot(profile.color), text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setToolTip(literal_tooltip(", ".join(profile.addresses)))
            if profile.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def refresh_connected(self, *_) -> None:
        """A cluster was connected or disconnected. A method of the dialog, so a signal connected
        to it lets go by itself when the dialog or the signal's sender is deleted first."""
        self.connected = set(self._connected_ids())
        self.refresh()

    def _show(self, profile_id: str | None) -> None:
        profile = self.store.get(profile_id) if profile_id else None
        self._current = profile
        p = profile or Profile(name="", addresses=())
        self.name.setText(p.name)
        self.addresses.setPlainText("\n".join(p.addresses))
        self.user.setText(p.user)
        self.realm.setCurrentText(p.realm)
        (self.by_token if p.auth == TOKEN else self.by_password).setChecked(True)
        self.form.setRowVisible(self.token_id, p.auth == TOKEN)
        self.token_id.setText(p.token_id)
        self.secret.clear()
        stored = bool(profile and self.secrets.get(profile.id))
        self.secret.setPlaceholderText(self.tr("kept (leave empty to keep it)") if stored else "")
        self.remember.setChecked(p.remember_secret and self.secrets.persistent)
        self.colour.setCurrentIndex(max(0, self.colour.findData(p.color)))
        self.autoconnect.setChecked(p.autoconnect)
        self.message.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        saved = self._current is not None
        connected = saved and self._current.id in self.connected
        self.delete_button.setEnabled(saved)
        self.connect_button.setEnabled(not connected)
        self.disconnect_button.setEnabled(connected)
        self.permissions_button.setEnabled(connected)

    # ---------------------------------------------------------- editing

    def form_profile(self) -> Profile | None:
        """The profile as typed, or None with the reason shown."""
        name = self.name.text().strip()
        addresses = tuple(a.strip() for a in self.addresses.toPlainText().splitlines() if a.strip())
        if not name:
            return self._invalid(self.tr("Give the profile a name."), self.name)
        if not addresses:
            return self._invalid(self.tr("Enter at least one node address."), self.addresses)
        for address in addresses:
            try:
                split_address(address)
            except ValueError:
                return self._invalid(kit.fmt(self.tr("Not an address: %1"), address), self.addresses)
        if self.by_token.isChecked() and not self.token_id.text().strip():
            return self._invalid(self.tr("Enter the token ID (the part after !)."), self.token_id)
        base = self._current or Profile(name=name, addresses=addresses)
        return replace(base, name=name, addresses=addresses, user=self.user.text().strip() or "root",
                       realm=self.realm.currentText().strip() or "pam",
                       auth=TOKEN if self.by_token.isChecked() else PASSWORD,
                       token_id=self.token_id.text().strip(), remember_secret=self.remember.isChecked(),
                       color=self.colour.currentData() or COLOURS[0], autoconnect=self.autoconnect.isChecked())

    def _invalid(self, text: str, field: QWidget) -> None:
        kit.set_error(self.message, text)
        field.setFocus()
        return None

    def new_profile(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.name.setFocus()

    def save_current(self) -> Profile | None:
        profile = self.form_profile()
        if profile is None:
            return None
        self.store.save(profile)
        if self.secret.text():
            self.secrets.set(profile.id, self.secret.text(), profile.remember_secret)
        elif not profile.remember_secret:
            self.secrets.delete(profile.id, keep_memory=True)
        self._current = profile
        self.refresh(select=profile.id)
        kit.show_message(self.message, self.tr("Saved."))
        return profile

    def delete_current(self) -> None:
        if self._current is None:
            return
        self.secrets.delete(self._current.id)
        self.store.remove(self._current.id)
        self._current = None
        self.refresh()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    def connect_current(self) -> None:
        secret = self.secret.text()
        profile = self.save_current()
        if profile is None:
            return
        self.connect_requested.emit(profile, secret)

    def check_permissions(self) -> None:
        if self._current is not None and self._current.id in self.connected:
            self.permissions_requested.emit(self._current.id)

    def disconnect_current(self) -> None:
        if self._current is not None:
            self.disconnect_requested.emit(self._current.id)

    # ---------------------------------------------------- import/export

    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export profiles"), "virton-profiles.json",
                                              self.tr("Profiles (*.json)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.store.export_json())
        kit.show_message(self.message, kit.fmt(self.tr("Exported to %1 (without passwords or secrets)."), path))

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import profiles"), "", self.tr("Profiles (*.json)"))
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                added = self.store.import_json(handle.read())
        except (OSError, ValueError) as exc:
            self._invalid(kit.fmt(self.tr("Could not import %1: %2"), path, exc), self.list)
            return
        self.refresh(select=added[0].id if added else None)
        kit.show_message(self.message, self.tr("Imported %n profile(s).", "", len(added)))
