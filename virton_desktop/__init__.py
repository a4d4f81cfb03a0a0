"""VirtOn Desktop: a native desktop client for Proxmox VE clusters."""

__version__ = "0.1.0"
