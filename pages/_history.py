"""Reads of the kept versions, cached once per data version at the page edge.

The sums for the trend charts, and what restoring a version would change (its records
against the current ones).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from capaciteit.capacity import overview
from capaciteit.uploads.preview import restore_preview
from capaciteit.uploads.publishing import Diff
from pages._shared import AppContext


@st.cache_data(show_spinner=False, max_entries=4)
def _version_history(_engine: Engine, url: str, version: tuple[int, int]) -> pd.DataFrame:
    return overview.version_history(_engine)  # _engine: not hashed; url and version key it


def version_history(ctx: AppContext) -> pd.DataFrame:
    """Every stored version with its sums, read again only after a publication or restore."""
    return _version_history(ctx.engine, ctx.settings.effective_database_url,
                            overview.change_token(ctx.engine))


@st.cache_data(show_spinner=False, max_entries=8)
def _restore_change(_engine: Engine, url: str, version: tuple[int, int], region_code: str,
                    chosen: int) -> Diff:
    return restore_preview(_engine, region_code, chosen)


def restore_change(ctx: AppContext, region_code: str, chosen: int) -> Diff:
    """The current version → version ``chosen`` of the region (raises PublishError, Dutch)."""
    return _restore_change(ctx.engine, ctx.settings.effective_database_url,
                           overview.change_token(ctx.engine), region_code, chosen)
