"""Streamlit edge shared by the pages: cached resources, the app context, banners, messages."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from capaciteit import preparation, texts
from capaciteit.access import local_mode
from capaciteit.access.login import LoginRefused
from capaciteit.access.overview import user_of_login
from capaciteit.access.permissions import AccessDenied, User, local_admin
from capaciteit.agreements import overview as agreement_overview
from capaciteit.assistance import overview as assistance_overview
from capaciteit.capacity import overview
from capaciteit.capacity.categories import Category
from capaciteit.deployment.answer import PreparedCapacity
from capaciteit.deployment.warm import WarmCapacity
from capaciteit.formatting import plain
from capaciteit.geo.boundaries import Boundaries, BoundaryError, load_boundaries
from capaciteit.geo.maps import install_map_assets
from capaciteit.settings import Settings, get_settings
from capaciteit.storage.engine import DatabaseError, prepare_database

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
WRITE_REFUSED_SLOT = "schrijven_geweigerd"
FLASH = "meldingen"  # session state: messages kept by a callback, shown after the rerun
ALERTS = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}


@dataclass(frozen=True)
class AppContext:
    """What every page reads."""

    settings: Settings
    engine: Engine
    boundaries: Boundaries
    categories: tuple[Category, ...]
    data: overview.DashboardData
    user: User


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return prepare_database(url)


@st.cache_resource(show_spinner=False)
def _boundaries(directory: str, manifest_mtime: float) -> Boundaries:
    return load_boundaries(Path(directory))


@st.cache_resource(show_spinner=False)
def _assets(static_dir: str) -> Path:
    return install_map_assets(Path(static_dir))


@st.cache_resource(show_spinner=False)
def _latest_data(url: str) -> dict[str, overview.DashboardData]:
    return {}  # the newest data read per boundary folder: the next read redoes changed regions


@st.cache_data(show_spinner=False, max_entries=8)
def _data(url: str, directory: str, version: overview.ChangeToken,
          manifest_mtime: float) -> overview.DashboardData:
    latest = _latest_data(url)
    data = overview.dashboard_data(_engine(url), _boundaries(directory, manifest_mtime),
                                   latest.get(directory))
    latest[directory] = data
    return data


@st.cache_data(show_spinner=False, max_entries=8)
def _data_as_of(url: str, directory: str, version: tuple[int, int], manifest_mtime: float,
                day: date) -> overview.DashboardData:
    return overview.dashboard_data_as_of(_engine(url), _boundaries(directory, manifest_mtime),
                                         day)


def historic_data(ctx: AppContext, day: date) -> overview.DashboardData:
    """The map's data as it stood at the end of ``day`` (cached per data version and day)."""
    manifest = ctx.settings.regions_dir / "manifest.json"
    mtime = manifest.stat().st_mtime if manifest.exists() else 0.0
    url = ctx.settings.effective_database_url
    return _data_as_of(url, str(ctx.settings.regions_dir), overview.change_token(ctx.engine),
                       mtime, day)


def context() -> AppContext:
    """Set the page up: route through dashboard.py, load data (cached), show the banners.

    Stops with a Dutch error when boundaries or database are not available.
    """
    _leave_pages_folder_mode()
    if not auth_configured():
        _serve_lokale_modus_locally_only()
    settings = get_settings()
    _assets(str(STATIC_DIR))
    manifest = settings.regions_dir / "manifest.json"
    try:
        mtime = manifest.stat().st_mtime if manifest.exists() else 0.0
        boundaries = _boundaries(str(settings.regions_dir), mtime)
        url = settings.effective_database_url
        engine = _engine(url)
        data = _data(url, str(settings.regions_dir), overview.change_token(engine), mtime)
    except (BoundaryError, DatabaseError) as error:  # the operator's own settings: Markdown
        st.error(str(error))
        st.stop()
    show_flash(WRITE_REFUSED_SLOT)  # first, even when the page stops below (role gone)
    user = acting_user()
    _access_banner(user)
    if data.has_demo:
        st.warning(texts.DEMO_BANNER, icon="⚠️")
    return AppContext(settings, engine, boundaries, preparation.categories_for(settings), data,
                      user)


def _leave_pages_folder_mode() -> None:
    """Make Streamlit run dashboard.py (navigation, page config) before every page.

    A folder named ``pages/`` next to the main script makes Streamlit start in
    its older multipage mode, in which a deep link such as ``/regio?regio=VR13``
    as the first request runs the page file alone, without ``dashboard.py``.
    ``st.navigation`` switches that mode off, but only once dashboard.py has
    run. When a page finds itself run alone, it switches the mode off and
    reruns: the rerun goes through dashboard.py to the same page and query.
    Guarded by a browser test that opens a deep link as a fresh server's first request
    (tests/browser/test_map_browser.py) and by the banner tests in tests/pages/test_pages.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _serve_lokale_modus_locally_only() -> None:
    """Without [auth]: stop with a Dutch refusal unless the request comes from this computer.

    The server must listen on loopback only, and the browser must have asked for a
    loopback name (a page that rebinds its own name to 127.0.0.1, or a reverse proxy on
    this machine, sends another Host). Nothing else of the page runs, so no data shows
    and no widget (hence no callback) ever exists in such a session.
    """
    address = st.get_option("server.address") or ""
    if not local_mode.is_loopback_address(address):
        st.error(texts.LOCAL_MODE_REFUSED.format(adres=plain(address or texts.ALL_ADDRESSES)))
        st.stop()
    if not local_mode.serves_request(dict(st.context.headers)):
        st.error(texts.LOCAL_MODE_HOST_REFUSED)
        st.stop()


def write_refused(refused: AccessDenied) -> None:
    """In a button's callback: keep a write's refusal for the next run to show first.

    ``context()`` shows it before anything else, even when the page then stops
    because the role is gone.
    """
    flash(WRITE_REFUSED_SLOT, "error", plain(refused))


def auth_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OpenID Connect)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return False


def acting_user() -> User:
    """The acting user with their roles; in lokale modus the single local beheerder.

    Logged-out visitors get the login button and nothing else; a login that does not
    name a verified identity gets a Dutch refusal and the logout button.
    """
    if not auth_configured():
        return local_admin(texts.LOCAL_USER_LABEL.format(naam=getpass.getuser()))
    if not st.user.is_logged_in:
        st.info(texts.LOGIN_NEEDED)
        st.button(texts.LOGIN_BUTTON, on_click=st.login, type="primary")
        st.stop()
    settings = get_settings()
    try:
        user = user_of_login(_engine(settings.effective_database_url), st.user.to_dict(),
                             settings)
    except LoginRefused as refused:
        st.error(str(refused))
        st.button(texts.LOGOUT_BUTTON, on_click=st.logout)
        st.stop()
    if not user.grants:
        st.warning(texts.NO_ROLE.format(email=plain(user.email)))
        st.button(texts.LOGOUT_BUTTON, on_click=st.logout)
        st.stop()
    return user


def _access_banner(user: User) -> None:
    """Lokale modus banner, or who is logged in with which roles and a logout button."""
    if not auth_configured():  # the address and the Host were checked first, in context()
        st.info(texts.LOCAL_MODE_BANNER, icon=":material/lock:")
        return
    with st.sidebar:
        st.caption(plain(f"{user.label}: " + ", ".join(sorted(
            g.role + (f" {g.region_code}" if g.region_code else "") for g in user.grants))))
        st.button(texts.LOGOUT_BUTTON, on_click=st.logout)


def region_choice(names: dict[str, str], key: str) -> str | None:
    """A region selectbox seeded from the deep link ``?regio=VR13`` and written back to it."""
    requested = st.query_params.get("regio")
    url_key = f"{key}_url"
    if requested in names and (requested != st.session_state.get(url_key)
                               or st.session_state.get(key) is None):
        st.session_state[key] = requested
    if requested and requested not in names:
        st.error(texts.UNKNOWN_REGION.format(code=plain(requested)))
    code = st.selectbox(texts.CHOOSE_REGION, list(names), key=key, index=None,
                        format_func=lambda c: f"{names[c]} ({c})",
                        placeholder=texts.NO_REGION_CHOSEN)
    if code is not None:
        st.query_params["regio"] = st.session_state[url_key] = code
    return code


def flash(slot: str, kind: str, message: str, table: pd.DataFrame | None = None) -> None:
    """Keep a message to show once, after the rerun: call it in a widget's callback.

    ``slot`` names where the page shows it (see :func:`show_flash`); ``kind`` is
    success, info, warning or error. ``message`` is Markdown: outside text in it
    goes through ``formatting.plain``. ``table`` (issues, say) is shown below it.
    """
    st.session_state.setdefault(FLASH, {}).setdefault(slot, []).append((kind, message, table))


def show_flash(slot: str) -> list[str]:
    """Show the messages kept for ``slot``, then forget them; return their kinds."""
    kept = st.session_state.get(FLASH, {}).pop(slot, [])
    for kind, message, table in kept:
        ALERTS[kind](message)
        if table is not None:
            show_table(table)
    return [kind for kind, _, _ in kept]


def show_table(frame: pd.DataFrame, **kwargs: Any) -> None:
    """A sortable table whose numbers follow the reader's locale (12.345,6 in Dutch)."""
    numeric = frame.select_dtypes("number").columns
    config = {c: st.column_config.NumberColumn(format="localized") for c in numeric}
    kwargs.setdefault("placeholder", "")  # a missing value is an empty cell, never "None"
    st.dataframe(frame, hide_index=True, column_config=config, **kwargs)


@st.cache_resource(show_spinner=False)
def _warm_capacity(url: str) -> WarmCapacity:
    return WarmCapacity()


def deployable_capacity(ctx: AppContext, today: date) -> PreparedCapacity:
    """The capacity the Inzetbaar answer reads, with its coverage worked out.

    Kept warm per database for every session (``deployment.warm``): each run reads the
    change tokens and redoes only the regions a publication or an agreement change
    touched; each question then takes a few array sums. Treat it as read-only.
    """
    return _warm_capacity(ctx.settings.effective_database_url).prepared(ctx.engine, today)


def assistance_token(ctx: AppContext) -> tuple[int, int]:
    """A token that changes with every bijstand step (deployed persons leave capacity)."""
    return assistance_overview.change_token(ctx.engine)


def agreements_token(ctx: AppContext) -> int:
    """A token that changes whenever an agreement changes."""
    return agreement_overview.change_token(ctx.engine)
