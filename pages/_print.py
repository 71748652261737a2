"""Printing a page (Ctrl+P): no sidebar, header or widgets, and every row of its tables.

An interactive table (``st.dataframe``) draws only the rows in view on a canvas, so a
printout would hold ten rows. A page hands its table to :func:`printable` as well: shown
only in print, as a plain table with every row. The stylesheet hides what is only for the
screen. Streamlit gives a container with ``key`` the class ``st-key-<key>``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from capaciteit.capacity.report import printable_table

PRINT_ONLY = "alleen-afdrukken"
PRINT_CSS = f"""
<style>
.st-key-{PRINT_ONLY} {{ display: none; }}
@media print {{
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stButton"],
  [data-testid="stDownloadButton"], [data-testid="stDataFrame"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"] {{
    display: none !important;
  }}
  .st-key-{PRINT_ONLY} {{ display: block !important; }}
  .st-key-{PRINT_ONLY} table {{ font-size: 9pt; break-inside: auto; }}
  .st-key-{PRINT_ONLY} tr {{ break-inside: avoid; }}
  [data-testid="stMain"], [data-testid="stAppViewContainer"] {{ overflow: visible !important; }}
}}
</style>
"""


def printable(frame: pd.DataFrame) -> None:
    """The print stylesheet, and ``frame`` as a plain table that only a printout shows."""
    st.html(PRINT_CSS)
    with st.container(key=PRINT_ONLY):
        st.table(printable_table(frame), hide_index=True)
