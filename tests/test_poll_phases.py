"""Poll phases: clusters that start together do not poll together for ever (poll_phases.py)."""

from __future__ import annotations

import itertools

import pytest

from virton_desktop.poll_phases import SPACING, PollPhases
from virton_desktop.session_worker import POLL_INTERVAL


def _apart(times, gap):
    return all(abs(a - b) >= gap - 1e-9 for a, b in itertools.combinations(times, 2))


def test_ten_clusters_polled_at_once_are_spread_over_the_interval():
    phases = PollPhases()
    workers = [object() for _ in range(10)]
    # Their first lists came within 50 ms: each asks for its next poll one interval later.
    booked = [phases.book(w, 100.0 + 0.005 * i + POLL_INTERVAL, POLL_INTERVAL) for i, w in enumerate(workers)]
    assert _apart(booked, SPACING)
    assert all(b - (100.0 + 0.005 * i + POLL_INTERVAL) <= POLL_INTERVAL for i, b in enumerate(booked))
    # ...and they stay apart poll after poll, each at its own pace from its booked time.
    for _ in range(5):
        booked = [phases.book(w, b + POLL_INTERVAL + 0.03, POLL_INTERVAL) for w, b in zip(workers, booked, strict=True)]
        assert _apart(booked, SPACING)


def test_a_free_time_is_kept_and_a_worker_does_not_avoid_itself():
    phases = PollPhases()
    a, b = object(), object()
    assert phases.book(a, 10.0, 3.0) == 10.0
    assert phases.book(b, 20.0, 3.0) == 20.0  # far from a's
    assert phases.book(a, 10.1, 3.0) == 10.1  # only its own booking near: replaced, not avoided
    assert phases.book(b, 10.2, 3.0) == pytest.approx(10.1 + SPACING)


def test_a_gap_between_bookings_is_taken_when_wide_enough():
    phases = PollPhases()
    first, second, third = object(), object(), object()
    phases.book(first, 10.0, 3.0)
    phases.book(second, 11.0, 3.0)
    assert phases.book(third, 10.1, 3.0) == pytest.approx(10.0 + SPACING)  # before the second, spaced from both


def test_no_poll_moves_more_than_one_interval_and_the_wanted_time_is_kept_when_none_fits():
    phases = PollPhases()
    crowd = [object() for _ in range(30)]  # more than fit in 3 s at 0.25 s apart
    booked = [phases.book(w, 50.0, POLL_INTERVAL) for w in crowd]
    assert all(50.0 <= t <= 50.0 + POLL_INTERVAL for t in booked)
    assert booked[-1] == 50.0  # none fitted: polled when asked, as without phases


def test_spacing_shrinks_with_a_short_interval_and_a_released_worker_is_forgotten():
    phases = PollPhases()
    a, b = object(), object()
    phases.book(a, 1.0, 0.2)
    assert phases.book(b, 1.0, 0.2) == pytest.approx(1.0 + 0.2 / 8)  # a test polling every 0.2 s
    phases.release(a)
    assert list(phases.booked()) == [b]
    assert phases.book(b, 1.0, 0.2) == 1.0


def test_sessions_started_together_book_their_polls_apart(qtbot):
    """Three clusters connected at once (as at start): after their first lists, their workers'
    next polls are booked apart, and each goes on polling from its own phase."""
    from virton_desktop.demo.served import serve_clusters

    from conftest import make_session

    served = serve_clusters(3, time_scale=0)
    phases = PollPhases()
    sessions = [make_session(demo, name=demo.name) for demo in served]
    polls = {s.name: 0 for s in sessions}
    try:
        for s in sessions:
            s.set_poll_interval(1.0)
            s._worker.phases = phases
            s.instances_polled.connect(lambda _delta, name=s.name: polls.__setitem__(name, polls[name] + 1))
        for s in sessions:
            s.start()
        qtbot.waitUntil(lambda: min(polls.values()) >= 3, timeout=20000)
        booked = phases.booked()
        assert set(booked) == {s._worker for s in sessions}
        assert _apart(booked.values(), min(SPACING, 1.0 / 8))
    finally:
        for s in sessions:
            s.close()
        for demo in served:
            demo.close()
    assert phases.booked() == {}  # each worker let its booking go when it ended
