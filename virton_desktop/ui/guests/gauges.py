"""Live CPU and memory gauges of one guest, with a health word (the seed's 정상/주의/위험).

`health(fraction, running)` holds the thresholds: warning from 80 %, critical from 95 %,
"stopped" when the guest does not run. `GaugePanel` shows two ring gauges and polls
`status/current` every 1.5 s while it is started (the detail page starts it when shown
and stops it when hidden or closed); at most one request is in flight.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from ...core.poller import Poller
from ...pve import api, parse
from ...pve.entities import PAUSED, RUNNING, STOPPED
from ...session import ClusterSession
from .. import kit, style

STATUS_INTERVAL_MS = 1500
WARNING_AT = 0.80
CRITICAL_AT = 0.95


class Health(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    CRITICAL = "critical"
    STOPPED = "stopped"


HEALTH_COLORS = {Health.NORMAL: QColor(style.FILL_OK), Health.WARNING: QColor(style.FILL_WARNING),
                 Health.CRITICAL: QColor(style.FILL_ERROR), Health.STOPPED: QColor(style.FILL_IDLE)}


def health(fraction: float | None, running: bool = True) -> Health:
    """Normal below 80 %, warning from 80 %, critical from 95 %; stopped when not running."""
    if not running or fraction is None:
        return Health.STOPPED
    if fraction >= CRITICAL_AT:
        return Health.CRITICAL
    if fraction >= WARNING_AT:
        return Health.WARNING
    return Health.NORMAL


class Gauge(QWidget):
    """A ring filled to a fraction, the percentage in the middle, a title and a detail line under it."""

    def __init__(self, title: str, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self.title = title
        self.fraction: float | None = None
        self.detail = ""
        self.health = Health.STOPPED
        self.health_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(max(160, fm.horizontalAdvance(self.detail) + 16), 120 + 3 * fm.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(140, 120 + 3 * self.fontMetrics().height())

    def set_value(self, fraction: float | None, detail: str, state: Health, state_text: str) -> None:
        changed = (fraction, detail, state, state_text) != (self.fraction, self.detail, self.health, self.health_text)
        self.fraction, self.detail, self.health, self.health_text = fraction, detail, state, state_text
        if changed:
            pct = "–" if fraction is None else "{0:.0f} %".format(fraction * 100)
            self.setAccessibleDescription("{0}: {1}, {2}".format(self.title, pct, state_text))
            self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        ring = 104
        x = (self.width() - ring) / 2
        rect = QRectF(x + 6, 6, ring - 12, ring - 12)
        # The text colour, faint: a grey track on either theme (Mid is darker than a dark window)
        track = self.palette().windowText().color()
        track.setAlpha(45)
        p.setPen(QPen(track, 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.drawArc(rect, 225 * 16, -270 * 16)
        color = HEALTH_COLORS[self.health]
        if self.fraction is not None and self.health is not Health.STOPPED:
            p.setPen(QPen(color, 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawArc(rect, 225 * 16, int(-270 * 16 * min(max(self.fraction, 0.0), 1.0)))
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.6)
        big.setBold(True)
        p.setFont(big)
        p.setPen(self.palette().windowText().color())
        text = "–" if self.fraction is None or self.health is Health.STOPPED else "{0:.0f}%".format(self.fraction * 100)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(self.font())
        y = ring + 2
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(0, y, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, self.title)
        p.setFont(self.font())
        p.setPen(color)
        p.drawText(QRectF(0, y + fm.height(), self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter,
                   "● " + self.health_text)
        p.setPen(self.palette().placeholderText().color())
        p.drawText(QRectF(0, y + 2 * fm.height(), self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter,
                   fm.elidedText(self.detail, Qt.TextElideMode.ElideMiddle, self.width()))
        p.end()


class GaugePanel(QWidget):
    """CPU and memory gauges fed by status/current (see the module docstring)."""

    updated = Signal()  # after each applied answer (tests, benchmarks)

    def __init__(self, session: ClusterSession, parent=None):
        super().__init__(parent)
        self.setObjectName("gaugePanel")
        self.setAccessibleName(self.tr("Live usage"))
        self.session = session
        self.cpu = Gauge(self.tr("CPU usage"), "cpuGauge", self)
        self.mem = Gauge(self.tr("Memory usage"), "memoryGauge", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.cpu)
        row.addWidget(self.mem)
        self._guest: api.GuestRef | None = None
        self.poller = Poller(session, lambda: api.guest_status(self._guest) if self._guest else None,
                             STATUS_INTERVAL_MS, parent=self)
        self.poller.result.connect(self.apply)
        self.apply({"status": STOPPED})

    def health_word(self, state: Health) -> str:
        return {Health.NORMAL: self.tr("Normal"), Health.WARNING: self.tr("Warning"),
                Health.CRITICAL: self.tr("Critical"), Health.STOPPED: self.tr("Stopped")}[state]

    def set_guest(self, node: str, kind: str, vmid: int) -> None:
        self._guest = api.GuestRef(node, kind, vmid)

    def start(self) -> None:
        self.poller.start()

    def stop(self) -> None:
        self.poller.stop()

    def apply(self, data) -> None:
        """Show one status/current answer (the GUI-thread cost the benchmark measures)."""
        data = data or {}
        running = data.get("status") == RUNNING and data.get("qmpstatus", RUNNING) != PAUSED
        maxcpu = float(data.get("cpus") or data.get("maxcpu") or 0)
        cpu = float(data.get("cpu") or 0.0)
        maxmem, mem = int(data.get("maxmem") or 0), int(data.get("mem") or 0)
        mem_fraction = mem / maxmem if maxmem else None
        cpu_state = health(cpu, running)
        mem_state = health(mem_fraction, running and maxmem > 0)
        cpu_detail = kit.fmt(self.tr("of %1 vCPU"), "{0:g}".format(maxcpu)) if maxcpu else ""
        mem_detail = (kit.fmt(self.tr("%1 of %2"), parse.human_bytes(mem), parse.human_bytes(maxmem))
                      if maxmem and running else (parse.human_bytes(maxmem) if maxmem else ""))
        if data.get("status") == RUNNING and not running:
            paused = self.tr("Paused")
            self.cpu.set_value(None, cpu_detail, Health.STOPPED, paused)
            self.mem.set_value(mem_fraction, mem_detail, Health.STOPPED, paused)
        else:
            self.cpu.set_value(cpu if running else None, cpu_detail, cpu_state, self.health_word(cpu_state))
            self.mem.set_value(mem_fraction if running else None, mem_detail, mem_state, self.health_word(mem_state))
        self.updated.emit()
