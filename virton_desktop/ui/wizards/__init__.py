"""Wizards that create guests: the VM/CT chooser, "Create VM" and "Create container".

    kind = ask_guest_kind(window)                   # "qemu" | "lxc" | None
    wizard = (CreateVmWizard if kind == "qemu" else CreateCtWizard)(session, window)
    wizard.created.connect(lambda cluster, vmid, start: ...)   # after the create task ended OK
    wizard.open()
"""

from .choose_kind import CreateGuestDialog, ask_guest_kind
from .create_ct import CreateCtWizard
from .create_vm import CreateVmWizard

__all__ = ["CreateGuestDialog", "CreateCtWizard", "CreateVmWizard", "ask_guest_kind"]
