"""Writing tags: each guest's config read, the change applied to the tags it holds now, and only
the `tags` key written (with the read's digest), only where the stored tags really change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from ...pve import api
from ...pve import tags as T
from ...pve.entities import Instance
from ...pve.errors import describe

# A change: the guest's tags as configured -> the tags it should hold.
Change = Callable[[tuple[str, ...]], tuple[str, ...]]


@dataclass
class WriteResult:
    written: list[Instance] = field(default_factory=list)
    unchanged: list[Instance] = field(default_factory=list)
    failed: list[tuple[Instance, str]] = field(default_factory=list)


class TagWriter(QObject):
    """One round of tag writes over several guests (in parallel, each guest read then written)."""

    finished = Signal(object)  # WriteResult

    def __init__(self, session_of: Callable[[str], object], style_of: Callable[[str], T.TagStyle], parent=None):
        super().__init__(parent)
        self._session_of = session_of
        self._style_of = style_of
        self._result = WriteResult()
        self._open = 0

    def write(self, changes: list[tuple[Instance, Change]]) -> None:
        self._result, self._open = WriteResult(), len(changes)
        if not changes:
            self.finished.emit(self._result)
        for inst, change in changes:
            session = self._session_of(inst.cluster)
            if session is None:
                self._done(inst, error=self.tr("The cluster is not connected."))
                continue
            session.run(api.guest_config(inst)).then(
                self, lambda data, error, i=inst, c=change, s=session: self._read(s, i, c, data, error))

    def _read(self, session, inst: Instance, change: Change, data, error) -> None:
        if error is not None:
            self._done(inst, error=describe(error))
            return
        style = self._style_of(inst.cluster)
        current = T.split(data.get("tags"))
        new = change(current)
        if not T.changed(current, new, style):
            self._done(inst, written=False)
            return
        params = T.update_params(style.unique(new), data.get("digest"))
        session.run(api.update_config(inst, params)).then(
            self, lambda _data, err, s=session: self._written(s, inst, err))

    def _written(self, session, inst: Instance, error) -> None:
        if error is None:
            session.refresh()  # the list shows the new tags with the next poll: ask for it now
        self._done(inst, written=error is None, error=describe(error) if error is not None else "")

    def _done(self, inst: Instance, written: bool = False, error: str = "") -> None:
        if error:
            self._result.failed.append((inst, error))
        elif written:
            self._result.written.append(inst)
        else:
            self._result.unchanged.append(inst)
        self._open -= 1
        if self._open == 0:
            self.finished.emit(self._result)
