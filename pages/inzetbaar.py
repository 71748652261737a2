"""Inzetbaar: a crisis team's question — who can come, from where, under which agreement."""


import streamlit as st

from capaciteit import clock, texts
from capaciteit.access.permissions import MANAGE_PRESETS, can
from capaciteit.agreements.overview import agreement_frames
from capaciteit.capacity.categories import horizons
from capaciteit.capacity.presentation import map_attributions
from capaciteit.deployment.answer import (
    MAX_PERSONS_NEEDED,
    Question,
    answer_question,
)
from capaciteit.deployment.handout import Handout
from capaciteit.deployment.measure_store import load_measures
from capaciteit.deployment.presets import load_presets
from capaciteit.deployment.view import (
    answer_sentences,
    answer_verdict,
    power_options,
    question_line,
    scope_options,
    scopes_from_keys,
)
from pages._answer_sections import (
    show_agreements,
    show_callers,
    show_cost,
    show_downloads,
    show_map,
    show_suppliers,
    show_verdict,
)
from pages._assistance_widgets import answer_block
from pages._measure_editor import freed_lines, measure_editor, show_freed
from pages._preset_editor import preset_buttons, preset_editor
from pages._question_link import (
    area_options,
    follow_form,
    follow_link,
    persons_chosen,
    question_choices,
)
from pages._shared import context, deployable_capacity

ctx = context()
names = ctx.boundaries.region_names()
st.title(texts.DEPLOY_HEADER)
st.caption(texts.DEPLOY_INTRO)
presets, measures = load_presets(ctx.engine), load_measures(ctx.engine)
today = clock.today()
capacity = deployable_capacity(ctx, today)
found_powers = capacity.rows["powers"].cat.categories.tolist()
power_choices = power_options([*found_powers, *(w for p in presets for w in p.powers)])
choices = question_choices(names, ctx.categories, power_choices, measures, presets)
follow_link(choices)
preset_buttons(presets, choices)
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
powers = left.multiselect(texts.DEPLOY_POWERS, power_choices, key="inzet_powers",
                          help=texts.DEPLOY_POWERS_HELP, placeholder=texts.AGREEMENT_FORM_CHOOSE,
                          select_all=False)
measure_names = {m.code: m.name for m in measures}
in_force = left.multiselect(texts.DEPLOY_MEASURES, list(measure_names), key="inzet_measures",
                            format_func=measure_names.__getitem__, help=texts.DEPLOY_MEASURES_HELP,
                            placeholder=texts.AGREEMENT_FORM_CHOOSE,
                          select_all=False)
hours = right.radio(texts.DEPLOY_HOURS, [h.hours for h in horizons()], key="inzet_hours",
                    horizontal=True, format_func=lambda h: next(
                        x.name for x in horizons() if x.hours == h))
needed = right.number_input(texts.DEPLOY_PERSONS, min_value=1, max_value=MAX_PERSONS_NEEDED,
                            value=None, step=10, key="inzet_persons", on_change=persons_chosen)
# the default first: Streamlit shows a radio's first option when it redraws one whose value
# came from session state, so the default cannot silently become "eigen regio"
area = right.radio(texts.DEPLOY_AREA, area_options(), horizontal=True,
                   key="inzet_area", format_func=texts.SEARCH_AREA_LABELS.__getitem__)
if not follow_form(presets, choices) or needed is None:  # address follows; ask what is missing
    st.stop()

question = Question(tuple(targets), int(hours), int(needed), scopes_from_keys(scope_choice),
                    tuple(powers), area, tuple(in_force))
agreements, agreement_scopes = agreement_frames(ctx.engine)
answer = answer_question(question, capacity, ctx.data.versions, agreements, agreement_scopes,
                         ctx.boundaries.regions, ctx.boundaries.neighbours, today=today,
                         stale_after_days=ctx.settings.stale_after_days, measures=measures)
verdict = answer_verdict(answer, names)
sentences = answer_sentences(answer, names, ctx.settings.stale_after_days)
attributions = map_attributions(ctx.boundaries.manifest, ctx.data.has_demo, None)
show_verdict(verdict, sentences)
freed = freed_lines(answer, ctx.categories)
show_freed(freed, answer)
answer_block(ctx, question, answer, today)  # bijstand (issue 14): ingezet; ask for bijstand
show_map(ctx, answer, targets, attributions)
show_suppliers(answer)
show_callers(answer)
show_agreements(answer)
estimate, duration = show_cost(answer)
show_downloads(ctx, Handout(
    answer, question_line(question, names, ctx.categories), verdict.level, [*sentences, *freed],
    estimate, duration, clock.now(), ctx.data.has_demo, attributions))

if can(ctx.user, MANAGE_PRESETS):  # offered to who may; the service refuses anyone else
    with st.expander(texts.PRESET_EDIT):
        st.caption(texts.PRESET_EDIT_INTRO)
        preset_editor(ctx, found_powers, measures)
    with st.expander(texts.MEASURE_EDIT):
        st.caption(texts.MEASURE_EDIT_INTRO)
        measure_editor(ctx)
