"""Streamlit edge shared by the pages: cached resources, the app context, the banners."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from capaciteit import services, texts
from capaciteit.boundaries import Boundaries, BoundaryError, load_boundaries
from capaciteit.categories import Category
from capaciteit.database import DatabaseError, prepare_database
from capaciteit.maps import install_map_assets
from capaciteit.settings import Settings, get_settings
from sqlalchemy import Engine

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
    """Load (cached) settings, database, boundaries and data; stop with a Dutch error if not."""
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
    return AppContext(settings, engine, boundaries, services.categories_for(settings), data)


def demo_banner(ctx: AppContext) -> None:
    """The 'Fictieve demogegevens' banner, shown on every page while demo data is present."""
    if ctx.data.has_demo:
        st.warning(texts.DEMO_BANNER, icon="⚠️")
