"""Lokale modus answers only loopback names: the Host decision, table-driven.

The Streamlit edge (pages/_shared.py) passes the request's headers; the browser
test in tests/browser/test_login_browser.py opens the app under a foreign name.
"""

from __future__ import annotations

import pytest

from capaciteit.access.local_mode import is_loopback_address, is_loopback_host, serves_request


@pytest.mark.parametrize(("host", "local"), [
    ("localhost:8501", True),
    ("localhost", True),
    ("127.0.0.1", True),
    ("127.0.0.1:8501", True),
    ("[::1]:8501", True),
    ("[::1]", True),
    ("LOCALHOST", True),
    ("LocalHost:80", True),
    ("localhost.evil.example", False),
    ("localhost.evil.example:8501", False),
    ("127.0.0.1.nip.io", False),
    ("127.0.0.1.nip.io:8501", False),
    ("evil.example:8501", False),
    ("evil.example", False),
    ("localhost:8501@evil.example", False),
    ("user@localhost", False),
    ("localhost:", False),
    ("localhost:99999", False),
    ("localhost:0", False),
    ("localhost:85o1", False),
    ("::1", False),  # an IPv6 Host must be bracketed
    ("[::2]:8501", False),
    ("127.0.0.2", False),
    ("0.0.0.0:8501", False),
    ("192.168.1.10:8501", False),
    ("", False),
    ("   ", False),
    (None, False),  # missing
])
def test_only_loopback_names_with_an_optional_port_are_local(host, local):
    assert is_loopback_host(host) is local


@pytest.mark.parametrize(("address", "local"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True),
    ("0.0.0.0", False), ("", False), (None, False), ("192.168.1.10", False),
])
def test_lokale_modus_listens_on_loopback_only(address, local):
    assert is_loopback_address(address) is local


@pytest.mark.parametrize(("headers", "served"), [
    ({"Host": "localhost:8501", "Origin": "http://localhost:8501"}, True),
    ({"host": "127.0.0.1:8501"}, True),
    ({"Host": "evil.example:8501", "Origin": "http://evil.example:8501"}, False),
    ({"Upgrade": "websocket"}, False),  # a request without Host
    ({"Host": ""}, False),
    ({}, True),  # no request at all: run in-process (AppTest), nobody else can reach it
])
def test_a_session_is_served_only_when_its_request_named_a_loopback_host(headers, served):
    assert serves_request(headers) is served
