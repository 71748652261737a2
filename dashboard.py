"""Handhavingscapaciteit in kaart: entry point. Run with ``streamlit run dashboard.py``."""

import streamlit as st

from capaciteit import texts

st.set_page_config(page_title=texts.APP_TITLE, page_icon="🗺️", layout="wide")

navigation = st.navigation([
    st.Page("pages/kaart.py", title=texts.PAGE_MAP, url_path="kaart", default=True,
            icon=":material/map:"),
    st.Page("pages/regio.py", title=texts.PAGE_REGION, url_path="regio",
            icon=":material/location_city:"),
    st.Page("pages/aanleveren.py", title=texts.PAGE_UPLOAD, url_path="aanleveren",
            icon=":material/upload_file:"),
])
navigation.run()  # every page starts with pages._shared.context(): data, banners
