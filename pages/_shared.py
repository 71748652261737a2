"""Streamlit edge shared by the pages: cached resources, the app context, the banners."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from capaciteit import services, texts
from capaciteit.boundaries import Boundaries, BoundaryError, load_boundaries
from capaciteit.categories import Category
from capaciteit.database import DatabaseError, prepare_database
from capaciteit.maps import install_map_assets
from capaciteit.settings import Settings, get_settings

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


@dataclass(frozen=True)
class AppContext:
    """What every page reads."""

    settings: Settings
    engine: Engine
    boundaries: Boundaries
    categories: tuple[Category, ...]
    data: services.DashboardData


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
          manifest_mtime: float) -> services.DashboardData:
    return services.dashboard_data(_engine(url), _boundaries(directory, manifest_mtime))


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
        data = _data(url, str(settings.regions_dir), services.data_version(engine), mtime)
    except (BoundaryError, DatabaseError) as error:
        st.error(str(error))
        st.stop()
    if data.has_demo:
        st.warning(texts.DEMO_BANNER, icon="⚠️")
    return AppContext(settings, engine, boundaries, services.categories_for(settings), data)


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


def current_user() -> str:
    """The acting user: the verified e-mail address when logged in, else the local user."""
    if getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email") or st.user.get("name") or "onbekend")
    return f"lokaal ({getpass.getuser()})"


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
