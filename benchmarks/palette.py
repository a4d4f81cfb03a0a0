#!/usr/bin/env python3
"""Action palette benchmark: the query and its preview, per keystroke, at thousands of guests.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/palette.py [--json] [--guests N] [--repeat K]

The demo cluster's guests (fetched once through the real client, as benchmarks/instance_list.py)
fill an `InstanceModel`; a shown main-window-sized parent holds the real `Palette`. Each figure is
the median over K runs of every keystroke of typing QUERY (and deleting it), timed with
`time.perf_counter()` around `setText` *and* the event processing it causes (repaint included):

  palette_ms        the palette: query parsed, matches from the precomputed keys, preview capped
  naive_palette_ms  baseline in the same run: search keys computed per keystroke and every match
                    put in the preview (no cap)
  search_ms         the guest list's search box given the same query language (InstanceFilter
                    with a query) through the app's guest list page, the typing pause left out
  plain_search_ms   the search box's plain-text search of the same free word (today's path)

Output: a table with ratios against the baselines, or --json: one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import instance_list as bench  # noqa: E402
from PySide6.QtWidgets import QApplication, QTreeWidgetItem, QWidget  # noqa: E402

from virton_desktop.models.instance_filter import InstanceFilter, haystack  # noqa: E402
from virton_desktop.models.instances import InstanceModel  # noqa: E402
from virton_desktop.pve.query import parse, parse_command  # noqa: E402
from virton_desktop.ui.palette.palette import VERBS, Palette  # noqa: E402

QUERY = "shutdown web status:running -tag:db"
KEYS = ("rows", "palette_ms", "naive_palette_ms", "search_ms", "plain_search_ms")


def keystrokes(text: str) -> list[str]:
    typed = [text[:n] for n in range(1, len(text) + 1)]
    return typed + typed[-2::-1] + [""]


def naive_preview(palette: Palette, instances, text: str) -> None:
    """What the palette would cost without its index and cap."""
    q = parse_command(text, VERBS).query
    matched = [i for i in instances if q.accepts(i, haystack(i))]
    palette.guests.clear()
    palette.guests.addTopLevelItems([QTreeWidgetItem([i.name, str(i.vmid), i.cluster, i.node, i.status])
                                     for i in matched])


def median_keystroke(app, operation, texts, repeat) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        for text in texts:
            gc.collect()
            times.append(bench.timed(app, lambda t=text: operation(t)))
    return statistics.median(times), max(times)


def run(guests: int, repeat: int) -> dict:
    instances = bench.fetch_instances(guests)
    app = QApplication.instance() or QApplication([])
    bench.quiet_offscreen_warnings()
    model = InstanceModel()
    model._load(instances)
    window = QWidget()
    window.resize(1280, 800)
    window.show()
    palette = Palette(model, window)
    palette.open()
    bench.settle(app)
    texts = keystrokes(QUERY)
    out = {"rows": len(instances)}
    out["palette_ms"], worst = median_keystroke(app, palette.line.setText, texts, repeat)
    palette.line.textChanged.disconnect(palette.update_preview)
    out["naive_palette_ms"], _ = median_keystroke(app, lambda t: naive_preview(palette, instances, t), texts, repeat)
    palette.hide()
    page, _table = bench.make_screen(model, "app")
    bench.settle(app)
    query_texts = keystrokes(QUERY.split(None, 1)[1])
    out["search_ms"], _ = median_keystroke(
        app, lambda t: model.set_filter(InstanceFilter(query=parse(t))), query_texts, repeat)
    out["plain_search_ms"], _ = median_keystroke(app, lambda t: model.set_filter(InstanceFilter(text=t)),
                                                 keystrokes("web"), repeat)
    bench.dispose(page)
    window.close()
    result = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in out.items()}
    result["palette_worst_ms"] = round(worst, 2)
    return result


def table(r: dict, repeat: int) -> str:
    return "\n".join([
        "VirtOn Desktop action palette: {0} guests, median per keystroke over {1} runs of typing {2!r}".format(
            r["rows"], repeat, QUERY),
        "{0:<44}{1:>12}{2:>14}".format("figure", "ms", "vs baseline"),
        "{0:<44}{1:>12.2f}{2:>14}".format("palette: query + capped preview", r["palette_ms"],
                                          bench.ratio(r["naive_palette_ms"], r["palette_ms"])),
        "{0:<44}{1:>12.2f}".format("  worst keystroke", r["palette_worst_ms"]),
        "{0:<44}{1:>12.2f}{2:>14}".format("baseline: keys per keystroke, no cap", r["naive_palette_ms"], "1.0x"),
        "{0:<44}{1:>12.2f}{2:>14}".format("search box with the query language", r["search_ms"],
                                          bench.ratio(r["plain_search_ms"], r["search_ms"])),
        "{0:<44}{1:>12.2f}{2:>14}".format("search box, plain text (baseline)", r["plain_search_ms"], "1.0x"),
    ])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else on stdout")
    parser.add_argument("--guests", type=int, default=10000, help="generated guests (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (default 3)")
    args = parser.parse_args(argv)
    if args.json:
        sys.stdout.flush()
        saved = os.dup(1)
        os.dup2(2, 1)
        try:
            with contextlib.redirect_stdout(sys.stderr):
                result = run(args.guests, args.repeat)
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        print(table(run(args.guests, args.repeat), args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
