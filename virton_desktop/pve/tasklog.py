"""Reading a task's log page by page: where the next page starts, and which lines are new.

PVE answers `GET /nodes/{node}/tasks/{upid}/log?start=S&limit=L` with at most L lines after
the first S, each `{"n": number, "t": text}`, numbered from 1. A log without any line yet
answers `[{"n": 1, "t": "no content"}]`: a placeholder (PVE adds it for its web UI), not a
line. A finished task's log ends with `TASK OK`, `TASK WARNINGS: n` or `TASK ERROR: ...`.

    cursor = TaskLogCursor(task.node, task.upid)
    data = send(cursor.next_op())       # the request of the next page
    fresh = cursor.feed(data)           # the lines not seen before; the cursor moves past them

A finished task's last lines (its ERROR and TASK lines) come from `read_tail`, which pages to
the end the answer's `total` names.

Pure (no Qt, no network): the session's worker reads a finished task's tail with it, the
GUI-side `core.task_follower.TaskFollower` follows running tasks with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from . import api

PAGE = 500
PLACEHOLDER = "no content"
END_PREFIX = "TASK "


class TaskLogCursor:
    """How far one task's log has been read (`offset` = lines read = the next page's `start`)."""

    def __init__(self, node: str, upid: str, page: int = PAGE, offset: int = 0):
        self.node = node
        self.upid = upid
        self.page = page
        self.offset = offset
        self.more = False  # the last page was full: more lines may be waiting right now
        self.ended = False  # the closing line (`TASK ...`) was read: the task has ended

    def next_op(self) -> api.Op:
        return api.task_log(self.node, self.upid, self.offset, self.page)

    def feed(self, items: Iterable[Any] | None) -> list[str]:
        """The texts of the lines in `items` (a page's answer) that lie beyond the offset, in order.

        Pages may overlap (a page asked again after an error): lines already read are skipped
        by their number; a line without a usable number counts as the next one.
        """
        items = list(items or ())
        self.more = len(items) >= self.page
        if self.offset == 0 and _placeholder(items):
            return []
        fresh = []
        for item in items:
            if not isinstance(item, Mapping):
                continue
            number = _number(item.get("n"), self.offset + 1)
            if number <= self.offset:
                continue
            self.offset = number
            text = str(item.get("t", ""))
            fresh.append(text)
            if text.startswith(END_PREFIX):
                self.ended = True
        return fresh


def _placeholder(items: list) -> bool:
    return (len(items) == 1 and isinstance(items[0], Mapping) and items[0].get("t") == PLACEHOLDER
            and _number(items[0].get("n"), 1) == 1)


def _number(value: Any, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return default


def read_tail(send: Callable[[api.Op], Any], node: str, upid: str, lines: int, page: int = PAGE) -> list[str]:
    """The last `lines` lines of a finished task's log (`send` answers an Op with its `data`).

    Most logs fit the first page. A longer log's answer counts its lines in `total` (pve-manager
    `read_task_log`: `set_result_attrib('total', $count)`; the client keeps it on the list, a
    `shapes.Counted`): the page that ends at `total` is read next. Without a `total` the first
    page's last lines are all there is to show.
    """
    lines = max(1, min(lines, page))
    cursor = TaskLogCursor(node, upid, page)
    answer = send(cursor.next_op())
    first = cursor.feed(answer)
    total = getattr(answer, "total", None)
    if not cursor.more or not isinstance(total, int) or total <= cursor.offset:
        return first[-lines:]
    tail = TaskLogCursor(node, upid, page, offset=max(0, total - lines))
    return tail.feed(send(tail.next_op()))[-lines:]
