"""Toegankelijkheid: the accessibility statement in the Dutch government's format."""

import streamlit as st

from capaciteit import texts
from capaciteit.accessibility import statement_markdown
from pages._shared import context

ctx = context()
st.title(texts.ACCESSIBILITY_HEADER)
st.markdown(texts.ACCESSIBILITY_INTRO.format(titel=texts.APP_TITLE))
for heading, body in statement_markdown(ctx.settings.accessibility_contact):
    st.header(heading)
    st.markdown(body)
