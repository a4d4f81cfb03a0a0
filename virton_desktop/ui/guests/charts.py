"""Trend charts of one guest from PVE's rrddata: CPU, memory, disk read/write, network in/out.

One pyqtgraph `GraphicsLayoutWidget` with four plots sharing a local-time axis (X linked),
a time range (hour .. year) and consolidation (average / maximum) above it, and a hover
crosshair that names the time and every value under the mouse. Gaps (points without
values: the guest was stopped) stay gaps (NaN, `connect="finite"`).

`TrendCharts.start()` fetches now and every 30 s (at most one request in flight); `stop()`
ends it; the detail page calls them when it is shown / hidden / closed.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...core.poller import Poller
from ...models.plain_text import literal_tooltip
from ...pve import api, errors
from ...session import ClusterSession
from .. import kit, style
from ..theme import Theme

RRD_INTERVAL_MS = 30_000
TIMEFRAMES = ("hour", "day", "week", "month", "year")
MB = 1_000_000.0
GiB = 1024.0 ** 3

# series name -> (plot index, rrddata key, scale, colour)
SERIES = {
    "cpu": (0, "cpu", 100.0, style.SERIES_COLORS["cpu"]),
    "mem": (1, "mem", 1 / GiB, style.SERIES_COLORS["mem"]),
    "maxmem": (1, "maxmem", 1 / GiB, style.SERIES_COLORS["mem"]),
    "diskread": (2, "diskread", 1 / MB, style.SERIES_COLORS["disk_read"]),
    "diskwrite": (2, "diskwrite", 1 / MB, style.SERIES_COLORS["disk_write"]),
    "netin": (3, "netin", 1 / MB, style.SERIES_COLORS["net_in"]),
    "netout": (3, "netout", 1 / MB, style.SERIES_COLORS["net_out"]),
}


def _nice(value: float) -> float:
    """The next of 1, 1.5, 2, 3, 4, 5, 6, 8, 10 x 10^k at or above value."""
    exp = math.floor(math.log10(value))
    base = 10.0 ** exp
    for step in (1, 1.5, 2, 3, 4, 5, 6, 8, 10):
        if step * base >= value * (1 - 1e-9):
            return round(step * base, 12)
    return 10 * base


def rate_text(bytes_per_s: float) -> str:
    """A byte rate readable at every size: '1.2 MB/s', '35 kB/s', '420 B/s'."""
    if bytes_per_s >= MB:
        return "{0:.1f} MB/s".format(bytes_per_s / MB)
    if bytes_per_s >= 1000:
        return "{0:.0f} kB/s".format(bytes_per_s / 1000)
    return "{0:.0f} B/s".format(bytes_per_s)


def series_arrays(points: list[dict]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """rrddata points -> (times, {series: values in display units}); missing values are NaN."""
    times = np.array([float(p.get("time", 0)) for p in points], dtype=float)
    out = {}
    for name, (_plot, key, scale, _color) in SERIES.items():
        out[name] = np.array([float(p[key]) * scale if p.get(key) is not None else np.nan for p in points],
                             dtype=float)
    return times, out



class LocalDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis with day and month names in the language of the UI.

    pyqtgraph formats with `strftime`, which follows the C locale ("Fri 27"); names go
    through QLocale instead ("27일 (금)" in Korean), numbers as they were.
    """

    _NAMED = {"%a %d": "ddd d", "%b": "MMM", "%b %d": "MMM d"}

    def tickStrings(self, values, scale, spacing):
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        qt_format = self._NAMED.get(spec.format) if spec is not None else None
        if qt_format is None:
            return super().tickStrings(values, scale, spacing)
        locale = QLocale()
        if qt_format == "ddd d" and locale.language() == QLocale.Language.Korean:
            qt_format = "d일 (ddd)"  # 27일 (금), as Korean calendars write it
        return [locale.toString(QDateTime.fromSecsSinceEpoch(int(v)), qt_format) for v in values]


class TrendCharts(QWidget):
    loaded = Signal(str, str)  # timeframe, cf: after an answer was drawn
    failed = Signal(str)  # translated message

    def __init__(self, session: ClusterSession, parent=None):
        super().__init__(parent)
        self.setObjectName("trendCharts")
        self.setAccessibleName(self.tr("Resource trends"))
        self.session = session
        self._guest: api.GuestRef | None = None
        self.points: list[dict] = []
        self.times = np.zeros(0)
        self.values: dict[str, np.ndarray] = {}
        self.loaded_for: tuple[str, str] | None = None

        self.range_box = QComboBox(self)
        self.range_box.setObjectName("chartRange")
        self.range_box.setAccessibleName(self.tr("Time range"))
        for tf, text in zip(TIMEFRAMES, (self.tr("Last hour"), self.tr("Last day"), self.tr("Last week"),
                                         self.tr("Last month"), self.tr("Last year")), strict=True):
            self.range_box.addItem(text, tf)
        self.range_box.setCurrentIndex(1)
        self.cf_box = QComboBox(self)
        self.cf_box.setObjectName("chartConsolidation")
        self.cf_box.setAccessibleName(self.tr("Average or maximum"))
        self.cf_box.addItem(self.tr("Average"), "AVERAGE")
        self.cf_box.addItem(self.tr("Maximum"), "MAX")
        self.hover = QLabel(self)
        self.hover.setObjectName("chartHover")
        self.hover.setAccessibleName(self.tr("Value under the mouse"))
        self.hover.setTextFormat(Qt.TextFormat.RichText)
        self.hover.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status = QLabel(self)
        self.status.setObjectName("chartStatus")
        self.status.setAccessibleName(self.tr("Chart status"))

        top = QHBoxLayout()
        top.addWidget(self.hover, 1)
        top.addWidget(self.status)
        top.addWidget(self.range_box)
        top.addWidget(self.cf_box)

        self.view = pg.GraphicsLayoutWidget(self)
        self.view.setObjectName("chartView")
        self.view.setAccessibleName(self.tr("Trend charts"))
        self.view.setMinimumHeight(420)
        # Titles name the series in their colours: no legend box covering the newest points.
        def key(text, series):
            return '<span style="color:{0}">■ {1}</span>'.format(SERIES[series][3], text)
        titles = (self.tr("CPU usage (%)"),
                  kit.fmt(self.tr("Memory (GiB): %1 %2"), key(self.tr("used"), "mem"),
                          '<span style="color:{0}">┅ {1}</span>'.format(SERIES["maxmem"][3], self.tr("allocated"))),
                  kit.fmt(self.tr("Disk (MB/s): %1 %2"), key(self.tr("read"), "diskread"),
                          key(self.tr("write"), "diskwrite")),
                  kit.fmt(self.tr("Network (MB/s): %1 %2"), key(self.tr("in"), "netin"), key(self.tr("out"), "netout")))
        self.plots: list[pg.PlotItem] = []
        self.lines: list[pg.InfiniteLine] = []
        for i, title in enumerate(titles):
            axis = LocalDateAxis(orientation="bottom")  # local time, day and month names of the UI language
            plot = self.view.addPlot(row=i // 2, col=i % 2, axisItems={"bottom": axis})
            plot.setTitle(title, size="10pt")
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.getAxis("left").setWidth(48)
            plot.setLimits(yMin=0)
            # Axis labels (and the grid they draw) are text: replaying them on every repaint costs
            # milliseconds each offscreen/software. Cached as pixmaps, they redraw only when their
            # range changes.
            for side in ("left", "bottom"):
                plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            plot.titleLabel.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if i:
                plot.setXLink(self.plots[0])
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(style.rgba(style.CHART_CURSOR), width=1))
            line.hide()
            plot.addItem(line, ignoreBounds=True)
            self.plots.append(plot)
            self.lines.append(line)
        self._titles = titles
        self._apply_theme()
        Theme.of().changed.connect(self._apply_theme)  # View > Theme, or the system's scheme
        self.curves: dict[str, pg.PlotDataItem] = {}
        labels = {"cpu": self.tr("CPU"), "mem": self.tr("Used"), "maxmem": self.tr("Allocated"),
                  "diskread": self.tr("Read"), "diskwrite": self.tr("Write"), "netin": self.tr("In"),
                  "netout": self.tr("Out")}
        self.labels = labels
        for name, (idx, _key, _scale, color) in SERIES.items():
            plot = self.plots[idx]
            line_style = Qt.PenStyle.DashLine if name == "maxmem" else Qt.PenStyle.SolidLine
            pen = pg.mkPen(color, width=2, style=line_style)
            fill = None
            if name in ("cpu", "mem"):
                c = QColor(color)
                c.setAlpha(40)
                fill = pg.mkBrush(c)
            curve = plot.plot([], [], pen=pen, connect="finite",
                              fillLevel=0 if fill is not None else None, brush=fill, antialias=False)
            self.curves[name] = curve

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self.poller = Poller(session, self._rrd_op, RRD_INTERVAL_MS, self)
        self.poller.result.connect(self._show)
        self.poller.failed.connect(lambda e: self._failed(errors.describe(e)))
        self.range_box.currentIndexChanged.connect(self._selection_changed)
        self.cf_box.currentIndexChanged.connect(self._selection_changed)
        self._mouse = pg.SignalProxy(self.view.scene().sigMouseMoved, rateLimit=30, slot=self._mouse_moved)
        self._clear_hover()

    def _apply_theme(self, _dark: bool = False) -> None:
        """The charts' background, titles and axes in the theme's colours (the series keep theirs)."""
        pal = QGuiApplication.palette()
        fg = pal.color(QPalette.ColorRole.WindowText)
        self.view.setBackground(pal.color(QPalette.ColorRole.Base))
        for plot, title in zip(self.plots, self._titles, strict=True):
            plot.setTitle(title, color=fg, size="10pt")
            for side in ("left", "bottom"):
                plot.getAxis(side).setTextPen(fg)
                plot.getAxis(side).setPen(QColor(fg.red(), fg.green(), fg.blue(), 90))

    # ------------------------------------------------------------ selection

    @property
    def timeframe(self) -> str:
        return self.range_box.currentData()

    @property
    def cf(self) -> str:
        return self.cf_box.currentData()

    def set_timeframe(self, timeframe: str, cf: str | None = None) -> None:
        self.range_box.setCurrentIndex(TIMEFRAMES.index(timeframe))
        if cf is not None:
            self.cf_box.setCurrentIndex(self.cf_box.findData(cf))

    def set_guest(self, node: str, kind: str, vmid: int) -> None:
        self._guest = api.GuestRef(node, kind, vmid)

    def _rrd_op(self) -> api.Op | None:
        return api.guest_rrddata(self._guest, self.timeframe, self.cf) if self._guest else None

    def start(self) -> None:
        self.poller.start()

    def stop(self) -> None:
        self.poller.stop()

    def _selection_changed(self) -> None:
        if self.poller.active:
            self.poller.stop()  # drop an answer for the previous range
            self.status.setText(self.tr("Loading…"))
            self.poller.start()

    # ------------------------------------------------------------ drawing

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Trends unavailable"))
        self.status.setToolTip(literal_tooltip(message))
        self.failed.emit(message)

    def _show(self, data) -> None:
        self.set_points(list(data or []))
        self.loaded_for = (self.timeframe, self.cf)
        self.loaded.emit(self.timeframe, self.cf)

    def set_points(self, points: list[dict]) -> None:
        """Draw rrddata points (all series). The cost the benchmark measures, with the repaint."""
        points = sorted((p for p in points if "time" in p), key=lambda p: p["time"])
        self.points = points
        self.times, self.values = series_arrays(points)
        for name, curve in self.curves.items():
            curve.setData(self.times, self.values[name], connect="finite")
        if len(self.times):
            span = max(self.times[-1] - self.times[0], 1.0)
            x_range = [self.times[0] - span * 0.01, self.times[-1] + span * 0.01]
            if self.plots[0].vb.viewRange()[0] != x_range:  # an unchanged axis keeps its cached labels
                self.plots[0].setXRange(*x_range, padding=0)
        known = [p for p in points if p.get("cpu") is not None]
        self.status.setText("" if known else self.tr("No data in this range (the guest was not running)"))
        self.status.setToolTip("")
        self._fit_y()
        self._clear_hover()

    def _top(self, *names: str) -> float:
        tops = [float(np.nanmax(self.values[n])) for n in names
                if len(self.values[n]) and not np.all(np.isnan(self.values[n]))]
        return max(tops) if tops else 0.0

    def _fit_y(self) -> None:
        """Y ranges from the data with headroom for the legend, rounded up to a nice number: a
        refresh with similar data keeps the range, so the axis (text, costly) is not redrawn."""
        tops = (min(100.0, max(5.0, self._top("cpu") * 1.3)), self._top("mem", "maxmem") * 1.35,
                self._top("diskread", "diskwrite") * 1.45, self._top("netin", "netout") * 1.45)
        for plot, top in zip(self.plots, tops, strict=True):
            top = _nice(max(top, 0.001))
            if plot.vb.viewRange()[1] != [0.0, top]:
                plot.setYRange(0, top, padding=0)

    # ------------------------------------------------------------ hover

    def _clear_hover(self) -> None:
        for line in self.lines:
            line.hide()
        self.hover.setText('<span style="color:{0}">{1}</span>'.format(
            style.css(style.Tone.MUTED, self.palette()), self.tr("Point at a chart to read its values")))

    def _mouse_moved(self, event) -> None:
        pos = event[0]
        for plot in self.plots:
            if plot.sceneBoundingRect().contains(pos):
                x = plot.vb.mapSceneToView(pos).x()
                self.show_at(x)
                return
        self._clear_hover()

    def show_at(self, x: float) -> int | None:
        """Put the crosshair on the point nearest to time `x`; returns its index."""
        if not len(self.times):
            return None
        i = int(np.argmin(np.abs(self.times - x)))
        t = self.times[i]
        for line in self.lines:
            line.setPos(t)
            line.show()
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(t))
        parts = ["<b>{0}</b>".format(stamp)]
        fmt = {"cpu": "{0:.1f} %", "mem": "{0:.2f} GiB", "maxmem": "{0:.2f} GiB"}
        for name in ("cpu", "mem", "diskread", "diskwrite", "netin", "netout"):
            v = self.values[name][i]
            text = "–" if np.isnan(v) else fmt[name].format(v) if name in fmt else rate_text(v * MB)
            color = SERIES[name][3]
            if name == "mem":
                label = self.tr("Memory")
            elif name.startswith("disk"):
                label = kit.fmt(self.tr("Disk %1"), self.labels[name].lower())
            elif name.startswith("net"):
                label = kit.fmt(self.tr("Net %1"), self.labels[name].lower())
            else:
                label = self.labels[name]
            parts.append('<span style="color:{0}">■</span> {1} {2}'.format(color, label, text))
        self.hover.setText(" &nbsp; ".join(parts))
        return i
