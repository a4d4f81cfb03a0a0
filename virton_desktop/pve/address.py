"""Server addresses as users type them."""

from __future__ import annotations

DEFAULT_PORT = 8006


def split_address(text: str) -> tuple[str, int]:
    """'pve.example.com', 'https://10.0.0.5:8006/', '[fd00::1]:8006' -> (host, port)."""
    text = text.strip()
    for prefix in ("https://", "http://"):
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
    text = text.split("/", 1)[0]
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.lstrip(":")
    elif text.count(":") == 1:
        host, _, port = text.partition(":")
    else:
        host, port = text, ""
    if not host:
        raise ValueError("empty host")
    if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise ValueError("bad port")  # "８００６" is digits to Python, not to a URL
    return host, int(port) if port else DEFAULT_PORT
