"""What the browser tests tolerate, each entry with the reason it is harmless.

Everything else fails the tests: any ``pageerror``, any console message of type ``error``.
Requests outside 127.0.0.1 are never tolerated: they are blocked, and JupyterLab and Voila must
make none at all (both tests assert it), so there is no list for them.

A console error is tolerated when its text matches ``text`` and, where ``url`` is given, the URL
it is about (Playwright's ``ConsoleMessage.location``) matches too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Allowed", "CONSOLE_ERRORS", "unexpected"]


@dataclass(frozen=True)
class Allowed:
    """One tolerated console error, where it may happen, and why it is harmless."""

    where: str  # "jupyterlab" or "voila"
    text: str  # regular expression: the console message's text
    why: str
    url: str | None = None  # regular expression for the message's location URL


# Nothing is tolerated today. (Voila's Font Awesome CSS from a CDN, once listed here with the
# console error its blocking caused, is gone: `make app` uses the project's page template.)
CONSOLE_ERRORS: tuple[Allowed, ...] = (
    Allowed(
        "voila",
        r"^Failed to load resource: the server responded with a status of 403 \(Forbidden\)$",
        "leaving a Voila page (following a link to the next notebook), Voila's page asks the "
        "server to shut its kernel down with navigator.sendBeacon, which cannot carry the _xsrf "
        "token, so the server refuses it (voila-dashboards/voila#1458, open); the kernel left "
        "behind is culled when idle (make app's --MappingKernelManager.cull_idle_timeout)",
        url=r"^http://127\.0\.0\.1:\d+/voila/api/shutdown/[0-9a-f-]+$",
    ),
)


def unexpected(
    where: str,
    messages: Iterable[tuple[str, str]],
    *,
    allowed: Iterable[Allowed] = CONSOLE_ERRORS,
) -> list[tuple[str, str]]:
    """The console errors ``(text, location URL)`` that ``allowed`` does not tolerate in
    ``where``.

    Does a script that failed to load on the Voila page fail the test? Yes: nothing is
    tolerated today.

    >>> unexpected("voila", [
    ...     ("Failed to load resource: net::ERR_FAILED", "http://127.0.0.1:8866/voila/x.js")])
    [('Failed to load resource: net::ERR_FAILED', 'http://127.0.0.1:8866/voila/x.js')]

    An entry tolerates a message only where both its text and its location match, and only in
    its own server:

    >>> icon = Allowed("voila", r"^Failed to load resource", "no favicon", url=r"/favicon\\.ico$")
    >>> unexpected("voila", [
    ...     ("Failed to load resource: 404", "http://127.0.0.1:8866/favicon.ico"),
    ...     ("Failed to load resource: 404", "http://127.0.0.1:8866/voila/x.js")], allowed=[icon])
    [('Failed to load resource: 404', 'http://127.0.0.1:8866/voila/x.js')]
    >>> unexpected("jupyterlab", [
    ...     ("Failed to load resource: 404", "http://127.0.0.1:8888/favicon.ico")], allowed=[icon])
    [('Failed to load resource: 404', 'http://127.0.0.1:8888/favicon.ico')]
    """
    rules = [a for a in allowed if a.where == where]
    return [
        (text, url)
        for text, url in messages
        if not any(
            re.search(a.text, text) and (a.url is None or re.search(a.url, url or ""))
            for a in rules
        )
    ]
