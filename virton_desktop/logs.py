"""The log file: where it lives, what never reaches it (secrets), and the hard-crash record.

The program logs to stderr as before and, from `install()`, to a rotating file a user can attach
to a report. Every record passes `RedactSecrets` first: the client never logs a ticket on purpose,
but urllib3's DEBUG lines carry request URLs (vncticket=...), and one careless format string must
not put a password on disk.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths

LOG_NAME = "virton-desktop.log"
CRASH_NAME = "crash.log"  # faulthandler's output: a Python stack per thread after a hard crash
MAX_BYTES = 1024 * 1024
BACKUPS = 5
REDACTED = "<redacted>"

_PATTERNS = (
    # a PVE ticket: PVE:user@realm:HEX::base64 signature (also PVEVNC: tickets)
    (re.compile(r"PVE(?:VNC)?:[^\s:;&\"']+:[0-9A-Fa-f]+::[A-Za-z0-9+/=]+"), REDACTED),
    # an API token header: PVEAPIToken=user@realm!id=secret (keep who, drop the secret)
    (re.compile(r"(PVEAPIToken[= ][^\s=]+=)[^\s,;&\"']+"), r"\1" + REDACTED),
    # name=value / name: value pairs, in query strings, form bodies, headers and dict reprs
    (re.compile(r"(?i)((?:csrfpreventiontoken|pveauthcookie|vncticket|ticket|password|passwd|token[_-]?secret"
                r"|secret|new-password|otp|tfa-challenge)['\"]?\s*[=:]\s*['\"]?)[^\s,;&\"'}]+"), r"\1" + REDACTED),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites each record's final message with the secrets replaced (a handler filter: it runs
    for records of every logger, including urllib3's)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def log_dir() -> Path:
    """XDG_STATE_HOME/virton-desktop/log on Linux, %LOCALAPPDATA%\\VirtOn\\logs on Windows,
    ~/Library/Logs/VirtOn Desktop on macOS."""
    if sys.platform == "darwin":
        path = Path.home() / "Library" / "Logs" / "VirtOn Desktop"
    elif sys.platform == "win32":
        local = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
        path = Path(local) / "VirtOn" / "logs"
    else:
        import os

        state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        path = Path(state) / "virton-desktop" / "log"
    return path


def install(debug: bool, directory: Path | None = None) -> Path | None:
    """Logs to stderr and to the rotating file in `directory` (default `log_dir()`); returns the
    file's path, or None when the folder cannot be written (then stderr only)."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.DEBUG if debug else logging.WARNING)
    stderr.addFilter(RedactSecrets())
    stderr.setFormatter(fmt)
    root.addHandler(stderr)
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(directory / LOG_NAME, maxBytes=MAX_BYTES,
                                                       backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        root.warning("no log file in %s: %s", directory, exc)
        return None
    handler.addFilter(RedactSecrets())
    handler.setFormatter(fmt)
    root.addHandler(handler)
    return Path(handler.baseFilename)


_crash_file = None  # kept open for the whole run: faulthandler writes to its descriptor on a crash


def enable_crash_record(directory: Path | None = None) -> Path | None:
    """Sets faulthandler to write to CRASH_NAME in `directory`. A non-empty crash file left by the
    previous run is first renamed aside; its new path is returned (to tell the user once)."""
    global _crash_file
    directory = directory or log_dir()
    found = set_aside_crash_record(directory)
    try:
        _crash_file = open(directory / CRASH_NAME, "w", encoding="utf-8")  # noqa: SIM115 - stays open for faulthandler
    except OSError as exc:
        logging.getLogger("virton_desktop").warning("no crash record in %s: %s", directory, exc)
        return found
    faulthandler.enable(_crash_file, all_threads=True)
    return found


def set_aside_crash_record(directory: Path) -> Path | None:
    """The crash file a hard crash of the previous run left in `directory`, renamed aside
    (crash-<time>.log); None when there is none or it is empty."""
    path = directory / CRASH_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if not (path.exists() and path.stat().st_size > 0):
            return None
        from datetime import datetime

        found = path.with_name("crash-{0}.log".format(datetime.now().strftime("%Y%m%d-%H%M%S")))
        path.replace(found)
        return found
    except OSError as exc:
        logging.getLogger("virton_desktop").warning("no crash record in %s: %s", directory, exc)
        return None
