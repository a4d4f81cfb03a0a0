"""The "Create container" wizard: General, Template, Resources, Disks, Network, DNS, Summary.

    wizard = CreateCtWizard(session, parent)
    wizard.created.connect(on_created)   # (cluster, vmid, start_after), after the task ended OK
    wizard.open()
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QWidget

from ...pve import create, validate
from .. import kit, style
from .common import FormPage, NicPage, combo_set_items
from .create_base import CreateWizardBase, SummaryPage
from .general import GeneralPage
from .options import volume_label
from .tables import CtNicList, MountList


class CtGeneralPage(GeneralPage):
    def __init__(self, wizard: CreateCtWizard):
        super().__init__(
            wizard.options, QCoreApplication.translate("CtGeneralPage", "General"),
            QCoreApplication.translate("CtGeneralPage", "Where the container runs, its name and how root logs in."),
            QCoreApplication.translate(
                "CtGeneralPage", "CT ID"), QCoreApplication.translate("CtGeneralPage", "Hostname"),
            "createHostname", QCoreApplication.translate("CtGeneralPage", "e.g. cache-01"))
        self.password = kit.named(QLineEdit(self), "createPassword", self.tr("Root password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        strength_box = QWidget(self)
        row = QHBoxLayout(strength_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.password, 1)
        self.strength = kit.named(QProgressBar(self), "passwordStrength", self.tr("Password strength"))
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(self.password.sizeHint().height() // 2)
        self.strength.setMinimumWidth(self.fontMetrics().horizontalAdvance("MMMMMM"))
        row.addWidget(self.strength)
        self.strength_text = QLabel(self)
        self.strength_text.setObjectName("passwordStrengthText")
        row.addWidget(self.strength_text)
        self.add_field(self.tr("Root password"), strength_box, "password",
                       check=lambda: validate.check_password(self.password.text(), self.name.text().strip()),
                       hint=lambda: self.tr("At least 8 characters with three of: lower case, upper case, "
                                            "digits, symbols; not containing the hostname."))
        self.watch(self.password, "password")
        self.rules["password"].quiet = True
        self.name.textChanged.connect(lambda *_: self.revalidate())
        self.confirm = kit.named(QLineEdit(self), "createPasswordConfirm", self.tr("Confirm password"))
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field(self.tr("Confirm password"), self.confirm, "confirm",
                       check=lambda: validate.check_password_confirm(self.password.text(), self.confirm.text()))
        self.rules["confirm"].quiet = True
        self.password.textChanged.connect(self._strength)
        self.ssh_keys = kit.named(QPlainTextEdit(self), "createSshKeys", self.tr("SSH public keys"))
        self.ssh_keys.setPlaceholderText(self.tr("optional: one key a line, e.g. ssh-ed25519 AAAA… user@host"))
        self.ssh_keys.setTabChangesFocus(True)
        self.ssh_keys.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.add_field(self.tr("SSH public keys"), self.ssh_keys, "ssh_keys",
                       check=lambda: validate.check_ssh_keys(self.ssh_keys.toPlainText()))
        self.unprivileged = kit.named(QCheckBox(self.tr("Unprivileged container (recommended)"), self),
                                      "createUnprivileged", self.tr("Unprivileged container"))
        self.unprivileged.setChecked(True)
        self.add_field(self.tr("Security"), self.unprivileged, "unprivileged",
                       hint=lambda: "" if self.unprivileged.isChecked() else self.tr(
                           "A privileged container's root is root on the node. Use only for trusted systems."))
        # As PVE's wizard: on by default, only for unprivileged containers.
        self.nesting = kit.named(QCheckBox(self.tr("Nesting (systemd of newer distributions needs it)"), self),
                                 "createNesting", self.tr("Nesting"))
        self.nesting.setChecked(True)
        self.unprivileged.toggled.connect(self.nesting.setEnabled)
        self.add_field(self.tr("Nesting"), self.nesting, "nesting")
        self._strength()

    def _strength(self, *_):
        score = validate.password_strength(self.password.text())
        self.strength.setValue(score)
        self.strength.setStyleSheet("QProgressBar::chunk {{ background: {0}; }}".format(style.strength_color(score)))
        self.strength_text.setText(validate.strength_label(score) if self.password.text() else "")


class TemplatePage(FormPage):
    def __init__(self, wizard: CreateCtWizard):
        super().__init__(self.tr("Template"), self.tr("The OS image the container starts from."), "templatePage")
        self.wiz = wizard
        self.storage = kit.combo(parent=self, name="createTemplateStorage", accessible=self.tr("Storage"),
                                 fit_contents=True)
        self.add_field(self.tr("Storage"), self.storage, "template_storage", check=self._check_storage,
                       hint=lambda: self._loading_text("vztmpl"))
        self.template = kit.combo(parent=self, name="createTemplate", accessible=self.tr("Template"), fit_contents=True)
        self.add_field(self.tr("Template"), self.template, "ostemplate", check=self._check_template,
                       hint=lambda: self._loading_text(self._key()) if self.storage.currentData() else "")
        self.storage.currentIndexChanged.connect(self._storage_changed)
        self.busy = lambda: self.wiz.options.in_flight("vztmpl", self._key())

    def _key(self) -> str:
        return "vztmpl:" + (self.storage.currentData() or "")

    def _loading_text(self, key: str) -> str:
        return self.wiz.options.state_text(key) if self.wiz.options.loading(key) else ""

    def fill_storages(self) -> None:
        combo_set_items(self.storage, [(s, s) for s in self.wiz.options.items("vztmpl")], default="local")
        self.revalidate()

    def _storage_changed(self, *_):
        storage = self.storage.currentData()
        self.template.clear()
        if storage:
            self.wiz.load_volumes(self._key(), storage, "vztmpl")
        self.revalidate()

    def fill_templates(self, key: str) -> None:
        if key != self._key():
            return
        combo_set_items(self.template, [(volume_label(v).rsplit(" (", 1)[0], v)
                                        for v in self.wiz.options.items(key)])
        self.revalidate()

    def _check_storage(self):
        if self.storage.currentData():
            return validate.check_storage_id(self.storage.currentData())
        return self.wiz.options.issue("vztmpl", self.wiz.no_storage_text(self.tr(
            "No storage on this node holds CT templates. Enable the content \"Container template\" on a "
            "storage in PVE: Datacenter > Storage.")))

    def _check_template(self):
        if self.template.currentData():
            return validate.check_volid(self.template.currentData())
        if not self.storage.currentData():
            return None
        return self.wiz.options.issue(self._key(), self.tr(
            "No CT templates on this storage. Download one in PVE: Storage > CT Templates > Templates."))


class ResourcesPage(FormPage):
    def __init__(self, wizard: CreateCtWizard):
        super().__init__(self.tr("Resources"), self.tr("CPU cores, memory and swap for the container."),
                         "resourcesPage")
        self.cores = kit.spin(1, 128, 1, accelerated=True, name="createCtCores", accessible=self.tr("CPU cores"))
        self.add_field(self.tr("CPU cores"), self.cores, "cores")
        self.memory = kit.spin(validate.MEMORY_MIN, 4 * 1024 * 1024, 512, " MiB", 256, accelerated=True,
                               name="createCtMemory", accessible=self.tr("Memory"))
        self.add_field(self.tr("Memory"), self.memory, "memory",
                       check=lambda: validate.check_memory(self.memory.value()))
        self.swap = kit.spin(0, 4 * 1024 * 1024, 512, " MiB", 256, accelerated=True, name="createCtSwap",
                             accessible=self.tr("Swap"))
        self.add_field(self.tr("Swap"), self.swap, "swap")


class CtDisksPage(FormPage):
    def __init__(self, wizard: CreateCtWizard):
        super().__init__(self.tr("Disks"), self.tr("The root disk and optional mount points."), "ctDisksPage")
        self.wiz = wizard
        self.root_storage = kit.combo(parent=self, name="createRootStorage", accessible=self.tr("Root disk storage"),
                                      fit_contents=True)
        self.root_size = kit.spin(1, int(validate.DISK_MAX_GIB), 8, " GiB", accelerated=True, name="createRootSize",
                                  accessible=self.tr("Root disk size"))
        root = QWidget(self)
        row = QHBoxLayout(root)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.root_storage)
        row.addWidget(self.root_size)
        row.addStretch(1)
        self.add_field(self.tr("Root disk"), root, "rootfs", check=self._check_root,
                       hint=lambda: self.wiz.options.state_text("rootdir") if self.wiz.options.loading("rootdir")
                       else "")
        self.watch(self.root_storage, "rootfs")
        self.watch(self.root_size, "rootfs")
        self.body.addWidget(QLabel(self.tr("Mount points"), self))
        self.mounts = MountList(self)
        self.body.addWidget(self.mounts)
        self.add_table("mounts", self.mounts)
        self.busy = lambda: self.wiz.options.in_flight("rootdir")

    def fill(self) -> None:
        items = self.wiz.options.items("rootdir")
        combo_set_items(self.root_storage, [(s, s) for s in items], default="local-lvm")
        self.mounts.set_choices("storages", items)
        self.revalidate()

    def _check_root(self):
        if self.root_storage.currentData():
            return validate.check_storage_id(self.root_storage.currentData())
        return self.wiz.options.issue("rootdir", self.wiz.no_storage_text(self.tr(
            "No storage on this node can hold container disks (content \"Container\").")))


class DnsPage(FormPage):
    def __init__(self, wizard: CreateCtWizard):
        super().__init__(self.tr("DNS"), self.tr("How the container resolves names. Empty: use the node's settings."),
                         "dnsPage")
        self.domain = kit.named(QLineEdit(self), "createSearchDomain", self.tr("Search domain"))
        self.domain.setPlaceholderText(self.tr("e.g. example.com (empty: as the node)"))
        self.add_field(self.tr("Search domain"), self.domain, "searchdomain",
                       check=lambda: validate.check_domain(self.domain.text().strip()))
        self.servers = kit.named(QLineEdit(self), "createDnsServers", self.tr("DNS servers"))
        self.servers.setPlaceholderText(self.tr("e.g. 1.1.1.1 9.9.9.9 (empty: as the node)"))
        self.add_field(self.tr("DNS servers"), self.servers, "nameserver",
                       check=lambda: validate.check_dns_servers(self.servers.text()),
                       hint=lambda: self.tr("IPv4 or IPv6 addresses, separated by spaces or commas."))


class CreateCtWizard(CreateWizardBase):
    kind = "lxc"
    storage_contents = {"vztmpl": "vztmpl", "rootdir": "rootdir"}

    def __init__(self, session, parent=None, privileges=None):
        super().__init__(session, parent, privileges)
        self.setObjectName("createCtWizard")
        self.setWindowTitle(self.tr("Create container"))
        self.general = CtGeneralPage(self)
        self.template_page = TemplatePage(self)
        self.resources_page = ResourcesPage(self)
        self.disks_page = CtDisksPage(self)
        self.network_page = NicPage(
            self, self.tr("Interfaces inside the container, each on a bridge of the node."), "ctNetworkPage",
            CtNicList, create.CtNic())
        self.dns_page = DnsPage(self)
        self.summary = SummaryPage(self, create.ct_summary)
        self.add_pages(self.general, self.template_page, self.resources_page, self.disks_page,
                       self.network_page, self.dns_page, self.summary)

    def option_loaded(self, key: str) -> None:
        if key == "vztmpl":
            self.template_page.fill_storages()
        elif key.startswith("vztmpl:"):
            self.template_page.fill_templates(key)
        elif key == "rootdir":
            self.disks_page.fill()

    def spec(self) -> create.CtSpec:
        g = self.general
        return create.CtSpec(
            node=g.current_node(), vmid=int(g.vmid.text().strip() or 0), hostname=g.name.text().strip(),
            password=g.password.text(), ostemplate=self.template_page.template.currentData() or "",
            ssh_keys=g.ssh_keys.toPlainText(), unprivileged=g.unprivileged.isChecked(),
            nesting=g.nesting.isChecked(),
            cores=self.resources_page.cores.value(), memory=self.resources_page.memory.value(),
            swap=self.resources_page.swap.value(),
            rootfs_storage=self.disks_page.root_storage.currentData() or "",
            rootfs_gib=self.disks_page.root_size.value(), mounts=self.disks_page.mounts.values(),
            nics=self.network_page.nics.values(),
            nameservers=validate.split_servers(self.dns_page.servers.text()),
            searchdomain=self.dns_page.domain.text().strip(), pool=g.pool.pool())

    def params(self, spec):
        return create.ct_params(spec)

    def fields(self, spec):
        return create.ct_fields(spec)

