"""What a busy Python thread costs the GUI thread's Qt calls: the GIL convoy (issue 21).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/gil_convoy.py            # table
    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/gil_convoy.py --json     # one JSON object
        [--calls 2000] [--busy 1,3] [--switch-ms 5,1]

PySide6 lets go of the GIL around most of its calls into Qt, even cheap ones (a QRect's
`adjusted`, a QModelIndex's `row`). Alone, that costs little. With another Python thread busy (a
request lane decoding and building a guest list, json decoding an answer), each such call hands
the GIL to that thread, and the GUI thread gets it back only when the busy one is made to let
go: after Python's switch interval (5 ms by default). A paint of the guest list makes hundreds
of such calls. So the GUI thread's Qt work is not shared with a busy thread turn by turn as its
Python is: it is stretched many times over, which is why the lanes take turns at what they do
in Python and hold back while the first lists come (lane_turns.py, first_lists.py).

Here: `--calls` rounds of the calls a cell's paint makes (QPainter.drawText and fillRect,
QFontMetricsF.horizontalAdvance, QRect.adjusted, QModelIndex.row) into an offscreen image on
the main thread, timed alone, then with 1 and 3 threads spinning in Python, at each switch
interval. Figures: ms for all rounds, and the ratio to alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time


def rounds(calls: int) -> float:
    """Seconds for `calls` rounds of a cell's Qt calls (the objects made once, before)."""
    from PySide6.QtCore import QModelIndex, QPointF, QRect
    from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    metrics = QFontMetricsF(QApplication.font())
    colour, at, rect, index = QColor(40, 40, 40), QPointF(10, 20), QRect(0, 0, 120, 24), QModelIndex()
    began = time.perf_counter()
    for _ in range(calls):
        painter.fillRect(rect, colour)
        painter.drawText(at, "web-c2-00003")
        metrics.horizontalAdvance("web-c2-00003")
        rect.adjusted(4, 0, -4, 0)
        index.row()
    took = time.perf_counter() - began
    painter.end()
    return took


def with_busy(threads: int, calls: int) -> float:
    """`rounds` while `threads` Python threads spin."""
    stop = threading.Event()

    def spin() -> None:
        n = 0
        while not stop.is_set():
            for _ in range(1000):
                n += 1

    spinners = [threading.Thread(target=spin, daemon=True) for _ in range(threads)]
    for spinner in spinners:
        spinner.start()
    time.sleep(0.02)  # running before the first call
    try:
        return rounds(calls)
    finally:
        stop.set()
        for spinner in spinners:
            spinner.join()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--busy", default="1,3", help="busy threads of each measurement (default %(default)s)")
    ap.add_argument("--switch-ms", default="5,1", help="switch intervals tried, ms (default %(default)s)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])  # noqa: F841 - fonts and painting need it
    rounds(200)  # the font's glyphs and the paint engine made before anything is timed
    busy = [int(n) for n in args.busy.split(",") if n]
    results = []
    for switch_ms in (float(s) for s in args.switch_ms.split(",") if s):
        sys.setswitchinterval(switch_ms / 1000)
        alone = rounds(args.calls)
        row = {"switch_ms": switch_ms, "alone_ms": round(alone * 1000, 1)}
        for threads in busy:
            took = with_busy(threads, args.calls)
            row["busy_{0}_ms".format(threads)] = round(took * 1000, 1)
            row["busy_{0}_ratio".format(threads)] = round(took / alone, 1)
        results.append(row)
    if args.json:
        print(json.dumps({"calls": args.calls, "results": results}))
        return 0
    print("{0} rounds of a cell's Qt calls on the main thread; ms (x alone)".format(args.calls))
    print("switch interval  alone  " + "  ".join("{0} busy thread(s)".format(n) for n in busy))
    for row in results:
        print("{0:>12g} ms {1:>7.1f}  ".format(row["switch_ms"], row["alone_ms"]) + "  ".join(
            "{0:>10.1f} (x{1:g})".format(row["busy_{0}_ms".format(n)], row["busy_{0}_ratio".format(n)])
            for n in busy))
    return 0


if __name__ == "__main__":
    sys.exit(main())
