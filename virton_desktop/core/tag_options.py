"""Each cluster's tag options (GET /cluster/options): colours and shape, order, who may set what.

Asked when a session comes online (after every login) and again when a tag editor opens, as
PVE's web UI does (`PVE.UIOptions.update()` on edit). Until an answer, and when the request
fails, a cluster has PVE's defaults (hash colours, circle, alphabetical) and no known tag rules
(PVE decides on write). QtCore only.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from ..pve import api
from ..pve.tags import TagAccess, TagStyle
from ..session import SessionState


class TagOptions(QObject):
    changed = Signal(str)  # cluster id whose tag options changed

    def __init__(self, clusters, parent=None):
        super().__init__(parent)
        self._clusters = clusters
        self._styles: dict[str, TagStyle] = {}
        self._access: dict[str, TagAccess] = {}
        clusters.added.connect(lambda session: self.refresh(session.name))
        clusters.state_changed.connect(self._state)
        clusters.removed.connect(self._forget)

    def style(self, cluster_id: str) -> TagStyle:
        return self._styles.get(cluster_id, _DEFAULT_STYLE)

    def access(self, cluster_id: str) -> TagAccess:
        return self._access.get(cluster_id, _UNKNOWN_ACCESS)

    def privileged(self, cluster_id: str) -> bool:
        """Sys.Modify on /: any tag, registered ones included (assert_tag_permissions)."""
        return self._clusters.privileges(cluster_id).holds("Sys.Modify", "/")

    def cluster_tags(self, cluster_id: str, guests: Iterable) -> set[str]:
        """Every tag the cluster's guests carry (what /cluster/resources shows this login)."""
        return {t for inst in guests if inst.cluster == cluster_id for t in inst.tags}

    def refresh(self, cluster_id: str) -> None:
        session = self._clusters.get(cluster_id)
        if session is None or session.state != SessionState.ONLINE:
            return
        session.run(api.cluster_options(), background=True).then(
            self, lambda data, error, s=session: self._answered(s, data, error))

    def _state(self, cluster_id: str, state: str, _error) -> None:
        if state == SessionState.ONLINE:
            self.refresh(cluster_id)

    def _forget(self, cluster_id: str) -> None:
        self._styles.pop(cluster_id, None)
        self._access.pop(cluster_id, None)

    def _answered(self, session, data, error) -> None:
        if error is not None or self._clusters.get(session.name) is not session:
            return  # keep what was known: PVE still refuses what it refuses
        style, access = TagStyle.from_options(data), TagAccess.from_options(data)
        # Compared with what was in effect (PVE's defaults before a first answer): a cluster whose
        # options are the defaults changes nothing, and repaints nothing (ten clusters answering
        # at the start were ten full repaints of the guest list, ~10-15 ms each).
        unchanged = (self.style(session.name), self.access(session.name)) == (style, access)
        self._styles[session.name], self._access[session.name] = style, access
        if not unchanged:
            self.changed.emit(session.name)


_DEFAULT_STYLE = TagStyle(known=False)  # PVE's defaults on screen; writes leave the folding to PVE
_UNKNOWN_ACCESS = TagAccess()
