"""The Inzetbaar question at the Streamlit edge: the address in, presets, the address out.

The address is read once per session (or when it changed outside the page) into the
form's session state, before the widgets exist; after the widgets, the form is written
back with ``st.query_params``, so the address always holds the question on screen
(``deployment.links``). A preset fills what it fixes and asks for the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from capaciteit import texts
from capaciteit.capacity.categories import Category, horizons
from capaciteit.deployment.answer import MAX_PERSONS_NEEDED, SEARCH_AREAS
from capaciteit.deployment.links import (
    Choices,
    QuestionForm,
    changed_fields,
    link_params,
    preset_fields,
    read_link,
)
from capaciteit.deployment.measures import Measure
from capaciteit.deployment.presets import Preset
from capaciteit.deployment.view import scope_options
from capaciteit.formatting import plain

FIELD_KEYS = {"targets": "inzet_targets", "persons": "inzet_persons", "scopes": "inzet_scopes",
              "powers": "inzet_powers", "hours": "inzet_hours", "area": "inzet_area",
              "measures": "inzet_measures"}
DEFAULT_PERSONS, DEFAULT_AREA = 100, "buren"
ACTIVE, CHOSEN, WRITTEN = "preset_active", "inzet_persons_chosen", "link_written"


def question_choices(names: dict[str, str], categories: tuple[Category, ...],
                     powers: Sequence[str], measures: Sequence[Measure],
                     presets: Sequence[Preset]) -> Choices:
    """What the form offers, for reading a link."""
    return Choices(regions=list(names), scopes=list(scope_options(categories)), powers=powers,
                   hours=[h.hours for h in horizons()], areas=list(SEARCH_AREAS),
                   measures=[m.code for m in measures], presets={p.code: p for p in presets},
                   max_persons=MAX_PERSONS_NEEDED)


def area_options() -> list[str]:
    """The search areas as the form offers them: the default first, then the others in order."""
    return [DEFAULT_AREA, *(a for a in SEARCH_AREAS if a != DEFAULT_AREA)]


def follow_link(choices: Choices) -> None:
    """Before the widgets: fill the form from the address when it is new to this session."""
    state = st.session_state
    state.setdefault(FIELD_KEYS["area"], DEFAULT_AREA)
    if FIELD_KEYS["persons"] not in state:
        state[FIELD_KEYS["persons"]] = DEFAULT_PERSONS
    params = current_params()
    if not params or params == state.get(WRITTEN):
        return  # no link, or the one this page wrote itself
    linked = read_link(params, choices)
    for problem in linked.problems:
        st.error(plain(problem))
    if linked.preset:
        state[ACTIVE] = linked.preset
        if "persons" not in linked.fields:
            state[FIELD_KEYS["persons"]] = None  # the preset does not fix it: ask
    for field, value in linked.fields.items():
        state[FIELD_KEYS[field]] = list(value) if isinstance(value, tuple) else value
    if "persons" in linked.fields:
        state[CHOSEN] = True


def apply_preset(preset: Preset, choices: Choices) -> None:
    """Fill what the preset fixes; keep the regions, and the persons only if someone typed them."""
    state = st.session_state
    for field, value in preset_fields(preset, choices).items():
        state[FIELD_KEYS[field]] = list(value) if isinstance(value, tuple) else value
    state[ACTIVE] = preset.code
    if not state.get(CHOSEN):
        state[FIELD_KEYS["persons"]] = None


def persons_chosen() -> None:
    """The persons field was changed by hand: a preset leaves it as it is."""
    st.session_state[CHOSEN] = True


def form_values() -> QuestionForm:
    """The form as the widgets hold it now."""
    state = st.session_state
    persons = state.get(FIELD_KEYS["persons"])
    return QuestionForm(
        targets=tuple(state.get(FIELD_KEYS["targets"]) or ()),
        persons=None if persons is None else int(persons),
        scopes=tuple(state.get(FIELD_KEYS["scopes"]) or ()),
        powers=tuple(state.get(FIELD_KEYS["powers"]) or ()),
        hours=state.get(FIELD_KEYS["hours"]), area=state.get(FIELD_KEYS["area"]),
        measures=tuple(state.get(FIELD_KEYS["measures"]) or ()))


def follow_form(presets: Sequence[Preset], choices: Choices) -> bool:
    """After the widgets: label the preset, write the address, and say what is missing.

    Returns whether the question is complete enough to answer.
    """
    form = form_values()
    preset = next((p for p in presets if p.code == st.session_state.get(ACTIVE)), None)
    params = link_params(form, preset, default_hours=horizons()[0].hours,
                         default_area=DEFAULT_AREA, choices=choices)
    if params != current_params():
        st.query_params.from_dict(params)
    st.session_state[WRITTEN] = params
    if preset is not None:
        changed = changed_fields(form, preset, choices)
        label = (texts.DEPLOY_PRESET_MODIFIED.format(naam=plain(preset.name),
                                                     velden=", ".join(changed)) if changed
                 else texts.DEPLOY_PRESET_ACTIVE.format(naam=plain(preset.name),
                                                        omschrijving=plain(preset.description)))
        st.markdown(label)
    missing = [field for field in ("targets", "persons") if not getattr(form, field)]
    if not missing:
        return True
    if preset is not None:
        st.info(texts.DEPLOY_PRESET_ASKS.format(open=texts.DEPLOY_PRESET_OPEN_JOIN.join(
            texts.DEPLOY_PRESET_OPEN[field] for field in missing)))
    else:
        st.info(texts.DEPLOY_CHOOSE_TARGET if "targets" in missing else texts.DEPLOY_FILL_PERSONS)
    return False


def current_params() -> dict[str, list[str]]:
    """The address's parameters, every value of each."""
    return {key: list(st.query_params.get_all(key)) for key in st.query_params}
