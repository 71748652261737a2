"""Handhavingscapaciteit in kaart: entry point. Run with ``streamlit run dashboard.py``."""

import streamlit as st

from capaciteit import texts
from pages._shared import context, demo_banner

st.set_page_config(page_title=texts.APP_TITLE, page_icon=":material/map:", layout="wide")

navigation = st.navigation([
    st.Page("pages/kaart.py", title=texts.PAGE_MAP, url_path="kaart", default=True,
            icon=":material/map:"),
    st.Page("pages/regio.py", title=texts.PAGE_REGION, url_path="regio",
            icon=":material/location_city:"),
])
demo_banner(context())
navigation.run()
