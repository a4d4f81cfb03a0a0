"""Runs last (file name): no ticket, CSRF token, console ticket or password of the whole run was logged.

conftest.py collects every log record of our code and the HTTP stack at DEBUG level, and
every secret the demo clusters issued, for the entire test session.
"""

from conftest import LOG_LINES, SECRETS


def test_no_secret_of_the_whole_run_reached_a_log():
    secrets = {s for s in SECRETS if s and len(s) >= 12}
    assert secrets, "the run issued no tickets: this check would be empty"
    assert LOG_LINES, "nothing was logged: the collector is not attached"
    text = "\n".join(LOG_LINES)
    leaked = sorted(s[:12] + "…" for s in secrets if s in text)
    assert not leaked, "secrets found in the log: {0}".format(leaked)
