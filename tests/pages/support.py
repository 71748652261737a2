"""Shared AppTest steps for the page tests: open a page as someone, run, read values."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import AUTH_SECRETS

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def open_page(page: str, user: dict[str, object] | None = None, **params: str) -> AppTest:
    """Run dashboard.py, then ``page`` with ``params`` in the URL; raise nothing.

    ``user`` None: lokale modus (no login configured); a dict: login configured and
    ``st.user`` set to it (``{"is_logged_in": False}`` for a visitor).
    """
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    if user is not None:
        at.secrets["auth"] = AUTH_SECRETS
        at.user = user
    at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def run_ok(target) -> AppTest:
    """Run the app (from the AppTest or from a widget just used) and check it raised nothing."""
    at = target.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def values(elements) -> list[str]:
    """The shown values of AppTest elements, as text."""
    return [str(e.value) for e in elements]
