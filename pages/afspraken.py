"""Afspraken: list and filter agreements, see one with its change log, create, edit, import."""


import pandas as pd
import streamlit as st

from capaciteit import clock, texts
from capaciteit.access.permissions import AGREEMENT_WRITE, NATIONAL_AGREEMENT, can
from capaciteit.agreements import rules as agreement_rules
from capaciteit.agreements.model import NATIONAL, reference
from capaciteit.agreements.overview import change_log, list_agreements
from capaciteit.agreements.rules import Catalogue
from capaciteit.agreements.view import (
    agreements_table,
    detail_table,
    expiring_window,
    filter_agreements,
    log_table,
    region_label,
)
from capaciteit.bounds import Bounds
from capaciteit.capacity.categories import category_names
from capaciteit.formatting import plain
from pages._agreement_widgets import (
    agreement_form,
    exchange_section,
    may_write_agreements,
    new_form_prefix,
)
from pages._shared import context, show_table

ctx = context()
st.title(texts.AGREEMENTS_HEADER)
st.write(texts.AGREEMENTS_INTRO)
names = ctx.boundaries.region_names()
catalogue = Catalogue(names, ctx.categories, Bounds.from_settings(ctx.settings))
today = clock.today()
agreements, scopes = list_agreements(ctx.engine, today)
ref = reference()
overview, create, exchange = st.tabs(texts.AGREEMENT_TABS)

with overview:
    if st.query_params.get("regio") in names and "filter_regio" not in st.session_state:
        st.session_state["filter_regio"] = st.query_params["regio"]
    cols = st.columns(4)
    region = cols[0].selectbox(texts.FILTER_REGION, [None, NATIONAL, *names], key="filter_regio",
                               format_func=lambda c: texts.ALL if c is None
                               else region_label(c, names),
                               placeholder=texts.CHOOSE_OPTION)
    categories = category_names(ctx.categories)
    category = cols[1].selectbox(texts.FILTER_CATEGORY, [None, *categories], key="filter_cat",
                                 format_func=lambda c: texts.ALL if c is None else categories[c],
                                 placeholder=texts.CHOOSE_OPTION)
    partner_type = cols[2].selectbox(texts.FILTER_PARTNER_TYPE, [None, *ref.partner_types],
                                     key="filter_type", format_func=lambda c: c or texts.ALL,
                                     placeholder=texts.CHOOSE_OPTION)
    effective = cols[3].selectbox(texts.FILTER_EFFECTIVE, [None, *sorted(ref.effective)],
                                  key="filter_status", format_func=lambda c: c or texts.ALL,
                                  placeholder=texts.CHOOSE_OPTION)
    soon = st.checkbox(texts.FILTER_EXPIRING.format(dagen=expiring_window()), key="filter_soon")
    shown = filter_agreements(agreements, scopes, today=today, region=region, category=category,
                              partner_type=partner_type, effective=effective, expiring_only=soon)
    if agreements.empty:
        st.info(texts.AGREEMENTS_NONE)
    elif shown.empty:
        st.info(texts.AGREEMENTS_NONE_MATCH)
    else:
        st.caption(texts.AGREEMENTS_COUNT.format(aantal=len(shown), totaal=len(agreements)))
        show_table(agreements_table(shown, scopes, names, ctx.categories))
        labels = {int(a.agreement_id): texts.AGREEMENT_LABEL.format(
            id=a.agreement_id, partner=a.partner_name, regio=region_label(a.region_code, names))
            for a in shown.itertuples()}
        chosen = st.selectbox(texts.AGREEMENT_CHOOSE, list(labels), index=None,
                              key="afspraak", format_func=labels.__getitem__,
                              placeholder=texts.AGREEMENT_FORM_CHOOSE)
        if chosen is not None:
            row = agreements.set_index("agreement_id", drop=False).loc[chosen]
            st.subheader(plain(labels[chosen]))
            show_table(detail_table(row, scopes, names, ctx.categories))
            st.subheader(texts.AGREEMENT_LOG)
            show_table(log_table(change_log(ctx.engine, chosen)))
            region_of = None if pd.isna(row["region_code"]) else str(row["region_code"])
            if can(ctx.user, AGREEMENT_WRITE if region_of else NATIONAL_AGREEMENT,
                   region_of):  # offered to who may; the service checks again
                with st.expander(texts.AGREEMENT_EDIT):
                    last = row["last_change_id"]
                    agreement_form(ctx, f"wijzig_{chosen}",
                                   agreement_rules.draft_from_stored(row, scopes), chosen,
                                   None if last is None else int(last))

with create:
    if may_write_agreements(ctx):
        agreement_form(ctx, new_form_prefix())
    else:
        st.info(texts.AGREEMENT_READ_ONLY)

with exchange:
    exchange_section(ctx, catalogue, agreements, scopes, today)
