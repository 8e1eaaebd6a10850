"""What the browser tests tolerate, each entry with the reason it is harmless.

Everything else fails the tests: any request that leaves 127.0.0.1 (in JupyterLab none at all,
whatever this list says), any ``pageerror``, any console message of type ``error``.

Requests outside 127.0.0.1 are always blocked, listed or not: the list only says which blocked
requests are expected. A console error is tolerated when its text matches ``text`` and, where
``url`` is given, the URL it is about (Playwright's ``ConsoleMessage.location``) matches too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Allowed", "OUTSIDE_REQUESTS", "CONSOLE_ERRORS", "unexpected_requests", "unexpected"]


@dataclass(frozen=True)
class Allowed:
    """One tolerated request or console error, where it may happen, and why it is harmless."""

    where: str  # "jupyterlab" or "voila"
    text: str  # regular expression: the request's URL, or the console message's text
    why: str
    url: str | None = None  # regular expression for a console message's location URL


# Voila's page templates link Font Awesome's style sheets from a CDN (the tree page v4.5, the
# rendered notebook v5 and its v4 shims). Offline they are blocked; the only loss is icons on
# buttons that also carry a text label.
_FONT_AWESOME = r"^https://cdn\.jsdelivr\.net/npm/(@fortawesome/fontawesome-free@|font-awesome@)"

OUTSIDE_REQUESTS: tuple[Allowed, ...] = (
    Allowed(
        "voila",
        _FONT_AWESOME + r"[^/]+/css/[\w.-]+\.css$",
        "Voila's templates load Font Awesome's icon CSS from a CDN; blocked offline, buttons keep "
        "their text labels",
    ),
)

CONSOLE_ERRORS: tuple[Allowed, ...] = (
    Allowed(
        "voila",
        r"^Failed to load resource: net::ERR_BLOCKED_BY_CLIENT(\.Inspector)?$",
        "Chromium's report of our blocking the Font Awesome CSS above (the message names no URL; "
        "its location must be that CSS)",
        url=_FONT_AWESOME,
    ),
)


def unexpected_requests(where: str, urls: Iterable[str]) -> list[str]:
    """The blocked outside requests that the list does not expect in ``where``.

    >>> unexpected_requests("voila", [
    ...     "https://cdn.jsdelivr.net/npm/font-awesome@4.5.0/css/font-awesome.min.css",
    ...     "https://example.com/track.js"])
    ['https://example.com/track.js']
    >>> unexpected_requests("jupyterlab",
    ...     ["https://cdn.jsdelivr.net/npm/font-awesome@4.5.0/css/font-awesome.min.css"])
    ['https://cdn.jsdelivr.net/npm/font-awesome@4.5.0/css/font-awesome.min.css']
    """
    rules = [a for a in OUTSIDE_REQUESTS if a.where == where]
    return [u for u in urls if not any(re.search(a.text, u) for a in rules)]


def unexpected(where: str, messages: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The console errors ``(text, location URL)`` that the list does not tolerate in ``where``.

    >>> unexpected("voila", [
    ...     ("Failed to load resource: net::ERR_BLOCKED_BY_CLIENT.Inspector",
    ...      "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@%5E5/css/all.min.css"),
    ...     ("Failed to load resource: net::ERR_FAILED", "http://127.0.0.1:8866/voila/x.js")])
    [('Failed to load resource: net::ERR_FAILED', 'http://127.0.0.1:8866/voila/x.js')]
    """
    rules = [a for a in CONSOLE_ERRORS if a.where == where]
    return [
        (text, url)
        for text, url in messages
        if not any(
            re.search(a.text, text) and (a.url is None or re.search(a.url, url or ""))
            for a in rules
        )
    ]
