"""Lokale modus: without a login the dashboard answers only this computer, by every name.

Without ``[auth]`` the single local user is beheerder, so the app must be reachable
from this machine only. Listening on 127.0.0.1 is not enough: a web page the local
user visits can point its own host name at 127.0.0.1 (DNS rebinding), and a reverse
proxy on this machine forwards every visitor to 127.0.0.1. The request's ``Host``
header tells both apart from the local user's browser, which says ``localhost``,
``127.0.0.1`` or ``[::1]`` (with any port). A reverse proxy in front needs ``[auth]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

LOOPBACK_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1"})
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
_HOST_HEADER = re.compile(r"^(?P<name>\[[0-9a-fA-F:.]+\]|[^:\[\]]+)(?::(?P<port>[0-9]{1,5}))?$")


def is_loopback_address(address: str | None) -> bool:
    """Does the server listen on a loopback address only (``server.address``)?"""
    return (address or "") in LOOPBACK_ADDRESSES


def is_loopback_host(host: str | None) -> bool:
    """Is ``host`` (a ``Host`` header: name and optional port) a loopback name?

    ``localhost``, ``127.0.0.1`` and ``[::1]`` in any letter case, with or without a
    port; anything else (other names, names that merely start with one of these,
    an empty or missing header, a malformed port) is not.
    """
    match = _HOST_HEADER.match((host or "").strip())
    if match is None:
        return False
    port = match.group("port")
    if port is not None and not 0 < int(port) < 65536:
        return False
    return match.group("name").lower() in LOOPBACK_HOSTS


def serves_request(headers: Mapping[str, str]) -> bool:
    """May lokale modus answer a session opened with these request ``headers``?

    A session that came over HTTP must name a loopback host. A session with no
    request behind it at all (run in-process, as Streamlit's AppTest does) has no
    headers and is local by definition; a real browser connection always sends some.
    """
    if not headers:
        return True
    return is_loopback_host(next((v for k, v in headers.items() if k.lower() == "host"), None))
