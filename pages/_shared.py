"""Streamlit edge shared by the pages: cached resources, the app context, the banners."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from capaciteit import preparation, texts
from capaciteit.access.permissions import User, local_admin
from capaciteit.access.roles import load_user
from capaciteit.agreements import repository as agreement_repository
from capaciteit.capacity import overview
from capaciteit.capacity.categories import Category
from capaciteit.deployment.answer import PreparedCapacity, prepare_capacity
from capaciteit.geo.boundaries import Boundaries, BoundaryError, load_boundaries
from capaciteit.geo.maps import install_map_assets
from capaciteit.settings import Settings, get_settings
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import DatabaseError, prepare_database

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


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


@st.cache_data(show_spinner=False, max_entries=8)
def _data(url: str, directory: str, version: tuple[int, int],
          manifest_mtime: float) -> overview.DashboardData:
    return overview.dashboard_data(_engine(url), _boundaries(directory, manifest_mtime))


def context() -> AppContext:
    """Set the page up: route through dashboard.py, load data (cached), show the banners.

    Stops with a Dutch error when boundaries or database are not available.
    """
    _leave_pages_folder_mode()
    settings = get_settings()
    _assets(str(STATIC_DIR))
    manifest = settings.regions_dir / "manifest.json"
    try:
        mtime = manifest.stat().st_mtime if manifest.exists() else 0.0
        boundaries = _boundaries(str(settings.regions_dir), mtime)
        url = settings.effective_database_url
        engine = _engine(url)
        data = _data(url, str(settings.regions_dir), overview.change_token(engine), mtime)
    except (BoundaryError, DatabaseError) as error:
        st.error(str(error))
        st.stop()
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
    Tested by the banner tests on non-default pages (tests/test_pages.py).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def auth_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OpenID Connect)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return False


def current_user() -> str:
    """The acting user's label (e-mail address) for services that take a name."""
    return acting_user().label


def acting_user() -> User:
    """The acting user with their roles; in lokale modus the single local beheerder.

    Logged-out visitors get the login button and nothing else.
    """
    if not auth_configured():
        return local_admin(f"lokaal ({getpass.getuser()})")
    if not st.user.is_logged_in:
        st.info(texts.LOGIN_NEEDED)
        st.button(texts.LOGIN_BUTTON, on_click=st.login, type="primary")
        st.stop()
    settings = get_settings()
    email = str(st.user.get("email") or "")
    groups = st.user.get("groups") or []
    with _engine(settings.effective_database_url).connect() as conn:
        user = load_user(conn, email, str(st.user.get("name") or ""),
                         groups if isinstance(groups, list) else [], settings.group_roles)
    if not user.grants:
        st.warning(texts.NO_ROLE.format(email=email))
        st.button(texts.LOGOUT_BUTTON, on_click=st.logout)
        st.stop()
    return user


def _access_banner(user: User) -> None:
    """Lokale modus banner, or who is logged in with which roles and a logout button."""
    if not auth_configured():
        address = st.get_option("server.address") or ""
        if address not in LOOPBACK:
            st.error(texts.LOCAL_MODE_REFUSED.format(adres=address or "alle adressen"))
            st.stop()
        st.info(texts.LOCAL_MODE_BANNER, icon=":material/lock:")
        return
    with st.sidebar:
        st.caption(f"{user.label}: " + ", ".join(sorted(
            g.role + (f" {g.region_code}" if g.region_code else "") for g in user.grants)))
        st.button(texts.LOGOUT_BUTTON, on_click=st.logout)


def region_choice(names: dict[str, str], key: str) -> str | None:
    """A region selectbox seeded from the deep link ``?regio=VR13`` and written back to it."""
    requested = st.query_params.get("regio")
    url_key = f"{key}_url"
    if requested in names and (requested != st.session_state.get(url_key)
                               or st.session_state.get(key) is None):
        st.session_state[key] = requested
    if requested and requested not in names:
        st.error(texts.UNKNOWN_REGION.format(code=requested))
    code = st.selectbox(texts.CHOOSE_REGION, list(names), key=key, index=None,
                        format_func=lambda c: f"{names[c]} ({c})",
                        placeholder=texts.NO_REGION_CHOSEN)
    if code is not None:
        st.query_params["regio"] = st.session_state[url_key] = code
    return code


def show_table(frame: pd.DataFrame, **kwargs: object) -> None:
    """A sortable table whose numbers follow the reader's locale (12.345,6 in Dutch)."""
    numeric = frame.select_dtypes("number").columns
    config = {c: st.column_config.NumberColumn(format="localized") for c in numeric}
    st.dataframe(frame, hide_index=True, column_config=config, **kwargs)  # type: ignore[arg-type]


@st.cache_resource(show_spinner=False, max_entries=2)
def _deployable(url: str, version: tuple[int, int], agreements: int,
                today: date) -> PreparedCapacity:
    with _engine(url).connect() as conn:
        capacity = storage.deployable_capacity(conn)
        frames = agreement_repository.agreements_frame(conn)
    return prepare_capacity(capacity, *frames, today)


def deployable_capacity(ctx: AppContext, today: date) -> PreparedCapacity:
    """The capacity the Inzetbaar answer reads, with its coverage worked out.

    Loaded and prepared once per data version, agreements version and day (a
    resource cache: not copied per run, treat it as read-only); each question
    then takes a few array sums.
    """
    url = ctx.settings.effective_database_url
    return _deployable(url, overview.change_token(ctx.engine), agreements_token(ctx), today)


def agreements_token(ctx: AppContext) -> int:
    """A token that changes whenever an agreement changes."""
    with ctx.engine.connect() as conn:
        return agreement_repository.change_token(conn)
