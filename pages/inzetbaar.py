"""Inzetbaar: a crisis team's question — who can come, from where, under which agreement."""

from datetime import date, datetime

import streamlit as st
from streamlit_folium import st_folium

from capaciteit import texts
from capaciteit.access.permissions import MANAGE_PRESETS, can
from capaciteit.agreements.overview import agreement_frames
from capaciteit.capacity.categories import horizons
from capaciteit.capacity.presentation import map_attributions, peildatum_label
from capaciteit.deployment.answer import (
    MAX_PERSONS_NEEDED,
    SEARCH_AREAS,
    Question,
    answer_question,
)
from capaciteit.deployment.presets import load_presets
from capaciteit.deployment.view import (
    agreement_view,
    answer_sentences,
    answer_workbook,
    freshness_lines,
    power_options,
    print_page,
    question_line,
    scope_options,
    scopes_from_keys,
    supplier_view,
)
from capaciteit.exports import XLSX_TYPE
from capaciteit.geo.maps import build_supply_map
from pages._preset_editor import preset_buttons, preset_editor
from pages._shared import context, deployable_capacity, show_table

ctx = context()
names = ctx.boundaries.region_names()
st.title(texts.DEPLOY_HEADER)
st.caption(texts.DEPLOY_INTRO)
preset_buttons(load_presets(ctx.engine), names)

today = date.today()
capacity = deployable_capacity(ctx, today)
left, right = st.columns(2)
targets = left.multiselect(texts.DEPLOY_TARGETS, list(names), key="inzet_targets",
                           format_func=lambda c: f"{names[c]} ({c})",
                           placeholder=texts.AGREEMENT_FORM_CHOOSE,
                           select_all=False)
scopes = scope_options(ctx.categories)
scope_choice = left.multiselect(texts.DEPLOY_SCOPES, list(scopes), key="inzet_scopes",
                                format_func=scopes.__getitem__, help=texts.DEPLOY_SCOPES_HELP,
                                placeholder=texts.AGREEMENT_FORM_CHOOSE,
                                select_all=False)
found_powers = capacity.rows["powers"].cat.categories.tolist()
powers = left.multiselect(texts.DEPLOY_POWERS, power_options(found_powers), key="inzet_powers",
                          help=texts.DEPLOY_POWERS_HELP, placeholder=texts.AGREEMENT_FORM_CHOOSE,
                          select_all=False)
hours = right.radio(texts.DEPLOY_HOURS, [h.hours for h in horizons()], key="inzet_hours",
                    horizontal=True, format_func=lambda h: next(
                        x.name for x in horizons() if x.hours == h))
needed = right.number_input(texts.DEPLOY_PERSONS, min_value=1, max_value=MAX_PERSONS_NEEDED,
                            value=100, step=10,
                            key="inzet_persons")
area = right.radio(texts.DEPLOY_AREA, list(SEARCH_AREAS), index=1, horizontal=True,
                   key="inzet_area", format_func=texts.SEARCH_AREA_LABELS.__getitem__)
if not targets:
    st.info(texts.DEPLOY_CHOOSE_TARGET)
    st.stop()

question = Question(tuple(targets), int(hours), int(needed), scopes_from_keys(scope_choice),
                    tuple(powers), area)
agreements, agreement_scopes = agreement_frames(ctx.engine)
answer = answer_question(question, capacity, ctx.data.versions, agreements, agreement_scopes,
                         ctx.boundaries.regions, ctx.boundaries.neighbours, today=today,
                         stale_after_days=ctx.settings.stale_after_days)
sentences = answer_sentences(answer, names, ctx.settings.stale_after_days)
(st.error if answer.shortfall else st.success)(sentences[0])
for line in sentences[1:]:
    st.warning(line)

attributions = map_attributions(ctx.boundaries.manifest, ctx.data.has_demo, None)
st_folium(build_supply_map(
    ctx.boundaries.regions_display, answer.suppliers, targets,
    legend_title=texts.DEPLOY_MAP_LEGEND, peildatum=peildatum_label(ctx.data.versions),
    attributions=attributions, basemap=ctx.settings.basemap),
    key="inzetkaart", height=560, use_container_width=True, returned_objects=[])
st.caption(texts.DEPLOY_MAP_CAPTION)

st.subheader(texts.DEPLOY_SUPPLIERS)
show_table(supplier_view(answer))
st.subheader(texts.DEPLOY_AGREEMENTS)
if answer.agreements.empty:
    st.info(texts.DEPLOY_NO_AGREEMENTS)
else:
    if answer.agreements["exceeds_horizon"].any():
        st.warning(texts.DEPLOY_LEAD_TIME_WARNING.format(
            aantal=int(answer.agreements["exceeds_horizon"].sum())))
    show_table(agreement_view(answer))
    st.caption(texts.DEPLOY_OVERLAP_NOTE)
with st.expander(texts.PRINT_FRESHNESS):
    st.markdown("\n".join(f"- {line}" for line in freshness_lines(answer)))

asked = question_line(question, names, ctx.categories)
made_at = datetime.now().astimezone()
down = st.columns(2)
down[0].download_button(texts.DEPLOY_EXPORT, answer_workbook(
    answer, sentences, asked, made_at, attributions), "inzetbaar.xlsx", XLSX_TYPE)
down[1].download_button(texts.DEPLOY_PRINT, print_page(
    answer, sentences, asked, made_at, attributions), "inzetbaar.html", "text/html",
    help=texts.DEPLOY_PRINT_HELP)

if can(ctx.user, MANAGE_PRESETS):  # offered to who may; the service refuses anyone else
    with st.expander(texts.PRESET_EDIT):
        st.caption(texts.PRESET_EDIT_INTRO)
        preset_editor(ctx, found_powers)
