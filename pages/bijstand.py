"""Bijstand: requests for assistance, offers, acceptance, deployment and return (issue 14)."""


import streamlit as st

from capaciteit import clock, texts
from pages._assistance_widgets import (
    SLOT,
    assistance_data,
    awaiting_block,
    board_block,
    new_request_block,
    request_block,
)
from pages._shared import context, show_flash

ctx = context()
today = clock.today()
names = ctx.boundaries.region_names()
st.title(texts.ASSIST_HEADER)
st.caption(texts.ASSIST_INTRO)
show_flash(SLOT)
data = assistance_data(ctx, today)
awaiting_block(ctx, data)
new_request_block(ctx, today)
board_block(ctx, data, today)
request_block(ctx, data, names, today)
