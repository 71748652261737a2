"""The kept versions' sums for the trend charts, read once per data version (a data cache)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from capaciteit.capacity import overview
from pages._shared import AppContext


@st.cache_data(show_spinner=False, max_entries=4)
def _version_history(_engine: Engine, url: str, version: tuple[int, int]) -> pd.DataFrame:
    return overview.version_history(_engine)  # _engine: not hashed; url and version key it


def version_history(ctx: AppContext) -> pd.DataFrame:
    """Every stored version with its sums, read again only after a publication or restore."""
    return _version_history(ctx.engine, ctx.settings.effective_database_url,
                            overview.change_token(ctx.engine))
