"""The guard the browser tests rely on: it blocks and counts requests and web sockets that
leave 127.0.0.1, and it sees console errors and uncaught page errors (so the JupyterLab test's
"none of them" can fail)."""

from __future__ import annotations

import pytest

from tests.browser.pages import watch

pytestmark = pytest.mark.slow

_REACH_OUT = """async () => {
    new WebSocket('wss://example.org/socket');
    try { await fetch('https://example.com/track.js'); return 'fetched'; }
    catch (error) { return 'blocked'; }
}"""


def test_requests_and_sockets_outside_localhost_are_blocked_and_counted(context):
    record = watch(context)
    page = record.follow(context.new_page())
    page.set_content("<p>offline</p>")
    assert page.evaluate(_REACH_OUT) == "blocked"
    page.wait_for_timeout(300)  # the socket's routing is asynchronous
    assert sorted(record.outside) == ["https://example.com/track.js", "wss://example.org/socket"]


def test_console_errors_and_page_errors_are_recorded(context):
    record = watch(context)
    page = record.follow(context.new_page())
    page.set_content("<script>console.error('broken'); setTimeout(() => null.x, 0);</script>")
    page.wait_for_timeout(300)
    assert [text for text, _ in record.console_errors] == ["broken"]
    assert len(record.page_errors) == 1
