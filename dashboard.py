"""Handhavingscapaciteit in kaart: entry point. Run with ``streamlit run dashboard.py``."""

import streamlit as st

from capaciteit import texts

PAGE_LANGUAGE_SCRIPT = "<script>document.documentElement.lang = 'nl';</script>"

st.set_page_config(page_title=texts.APP_TITLE, page_icon="🗺️", layout="wide")

MAP_PAGE = st.Page("pages/kaart.py", title=texts.PAGE_MAP, url_path="kaart", icon=":material/map:")


def _home() -> None:
    """The root address opens the map at its own address, /kaart (a bookmark of either works).

    Streamlit serves the default page at ``/`` only and answers its own url_path with a
    "Page not found" dialog, so the default is this hidden page that switches to the map.
    """
    st.switch_page(MAP_PAGE)


navigation = st.navigation([
    st.Page(_home, title=texts.PAGE_MAP, url_path="start", default=True, visibility="hidden"),
    MAP_PAGE,
    st.Page("pages/regio.py", title=texts.PAGE_REGION, url_path="regio",
            icon=":material/location_city:"),
    st.Page("pages/aanleveren.py", title=texts.PAGE_UPLOAD, url_path="aanleveren",
            icon=":material/upload_file:"),
    st.Page("pages/afspraken.py", title=texts.PAGE_AGREEMENTS, url_path="afspraken",
            icon=":material/handshake:"),
    st.Page("pages/witte-vlekken.py", title=texts.PAGE_WHITE_SPOTS, url_path="witte-vlekken",
            icon=":material/layers:"),
    st.Page("pages/inzetbaar.py", title=texts.PAGE_DEPLOYABLE, url_path="inzetbaar",
            icon=":material/group:"),
    st.Page("pages/bijstand.py", title=texts.PAGE_ASSISTANCE, url_path="bijstand",
            icon=":material/emergency_share:"),
    st.Page("pages/beheer.py", title=texts.PAGE_ADMIN, url_path="beheer",
            icon=":material/admin_panel_settings:"),
    st.Page("pages/toegankelijkheid.py", title=texts.PAGE_ACCESSIBILITY,
            url_path="toegankelijkheid", icon=":material/accessibility_new:"),
])
# Streamlit's page says lang="en" (streamlit/streamlit#15726); the content is Dutch.
st.sidebar.html(PAGE_LANGUAGE_SCRIPT, unsafe_allow_javascript=True)
navigation.run()  # every page starts with pages._shared.context(): data, banners
