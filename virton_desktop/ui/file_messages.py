"""The user's words for what happened to a config file (`config_files.FileNotice`)."""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication

from .. import config_files as cf
from ..pve.text import QT_TRANSLATE_NOOP
from . import kit

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_READ_ONLY = (errno.EROFS,)
_REFUSED = (errno.EACCES, errno.EPERM)


def _tr(text: str) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP("FileMessages", ...) (pyside6-lupdate reads the marks)."""
    return QCoreApplication.translate("FileMessages", text)


def _why(notice: cf.FileNotice) -> str:
    """The system's reason in plain words where there are some (the raw text otherwise)."""
    if notice.errno in _FULL:
        return _tr(QT_TRANSLATE_NOOP("FileMessages", "the disk is full"))
    if notice.errno in _READ_ONLY:
        return _tr(QT_TRANSLATE_NOOP("FileMessages", "the disk or folder is read-only"))
    if notice.errno in _REFUSED:
        return _tr(QT_TRANSLATE_NOOP("FileMessages", "permission denied"))
    return notice.reason


def describe(notice: cf.FileNotice) -> str:
    path = str(notice.path)
    if notice.kind == cf.KEPT_ASIDE:
        return kit.fmt(_tr(QT_TRANSLATE_NOOP("FileMessages", "%1 could not be read (%2). It was kept as %3; "
                                                             "VirtOn Desktop started without it.")),
                       path, notice.reason, str(notice.kept_as))
    if notice.kind == cf.LEFT_DAMAGED:
        return kit.fmt(_tr(QT_TRANSLATE_NOOP("FileMessages", "%1 could not be read (%2) and could not be moved "
                                                             "aside. It is left as it is: changes are kept until "
                                                             "you quit, not saved.")), path, notice.reason)
    if notice.kind == cf.UNREADABLE:
        return kit.fmt(_tr(QT_TRANSLATE_NOOP("FileMessages", "%1 could not be read (%2). It is left as it is: "
                                                             "changes are kept until you quit, not saved.")),
                       path, _why(notice))
    if notice.kind == cf.NEWER:
        return kit.fmt(_tr(QT_TRANSLATE_NOOP("FileMessages", "%1 was written by a newer version of VirtOn Desktop "
                                                             "(format %2). This version shows what it understands "
                                                             "and never changes the file: changes are kept until "
                                                             "you quit, not saved.")), path, str(notice.version))
    if notice.kind == cf.SKIPPED:
        return kit.fmt(_tr(QT_TRANSLATE_NOOP("FileMessages", "Entries of %1 that could not be read: %2. They stay "
                                                             "in the file unchanged and are not shown.")),
                       path, str(notice.count))
    if notice.kind == cf.LOCKED:
        return kit.fmt(_tr(QT_TRANSLATE_NOOP("FileMessages", "%1 could not be saved: another program kept it locked. "
                                                             "The file is unchanged; your change is kept until you "
                                                             "quit.")), path)
    return kit.fmt(_tr(QT_TRANSLATE_NOOP("FileMessages", "%1 could not be saved (%2). The file is unchanged; your "
                                                         "change is kept until you quit.")), path, _why(notice))
