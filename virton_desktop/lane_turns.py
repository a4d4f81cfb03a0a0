"""What the clusters' poll lanes take turns at (Qt-free): building a poll's guests, and sending
background requests.

Every cluster's poll lane (session_worker.Worker) is a thread of one process: whatever they do
in Python they do one at a time anyway (the GIL), beside the GUI thread. Left to themselves, ten
lanes doing the same work at once took the GIL from each other and from the GUI thread turn by
turn, and the window stood still for ten lanes' work at a time. So:

- `BUILDING`: one lane at a time decodes a guest list and checks and builds its guests. Ten
  clusters' workers doing it at once left the GUI thread one turn in eleven (a stall of ~10x
  the work); the requests themselves stay concurrent.
- `background_turn()`: background requests (pages' and feeds', the task list, those held while
  first lists came) are sent by one lane at a time. Ten lanes sending and decoding at once (the
  moment the lists are on screen, every cluster's held requests, task list and feeds' requests
  go out together) left the GUI thread one GIL turn in eleven, ~60 ms stalls. A lane waits for
  its turn at most TURN_WAIT seconds and then goes anyway: a cluster whose request hangs delays
  the other clusters' background requests by that much, never longer. Polls, task status and
  the user's actions never wait for a turn.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from .pve import resource_rows

BUILDING = threading.Lock()
BACKGROUND_TURN = threading.Semaphore(1)
TURN_WAIT = 0.25
# After its background request a lane keeps the turn this long, idle (the GIL free): the GUI thread
# handles the answer before the next lane's comes. Once ten clusters' lists were on screen their
# held requests (~100: permissions, tag options, task lists, four agent calls per guest in view)
# otherwise came in ~0.3 s, each turn of the GUI thread handling several answers while the lanes
# decoded the next: app_scale's poll-phase stall, three alternated pairs, 44 / 40 / 71 ms -> 31 /
# 24 / 17 ms. It costs each background request 6 ms more (a gauge polled every 1.5 s).
TURN_PAUSE = 0.006


def decode_rows(body: bytes, decoder: resource_rows.RowsDecoder):
    """The guest list's rows, decoded by one lane at a time (BUILDING: the decoder holds the GIL
    throughout, ~2 ms for 2,000 guests) with the lane's own decoder."""
    with BUILDING:
        return decoder(body)


@contextmanager
def background_turn():
    """This lane's turn to send a background request (see the module docstring)."""
    turn = BACKGROUND_TURN.acquire(timeout=TURN_WAIT)
    try:
        yield
        if turn:
            time.sleep(TURN_PAUSE)  # the GUI's turn before the next lane's (see TURN_PAUSE)
    finally:
        if turn:
            BACKGROUND_TURN.release()
