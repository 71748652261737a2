"""Presets (veelgestelde vragen) at the Streamlit edge: buttons, the ?vraag= link, the editor.

The editor is shown to who may manage presets; saving runs as a callback, so the
click survives the rerun that ``context()`` may ask for.
"""

from __future__ import annotations

import streamlit as st

from capaciteit import texts
from capaciteit.access.permissions import MANAGE_PRESETS, AccessDenied, can
from capaciteit.capacity.categories import horizons
from capaciteit.deployment.links import Choices
from capaciteit.deployment.measures import Measure
from capaciteit.deployment.presets import Preset, PresetError, load_presets, save_preset
from capaciteit.deployment.view import power_options, scope_keys, scope_options, scopes_from_keys
from capaciteit.formatting import plain
from pages._question_link import apply_preset
from pages._shared import AppContext, flash, show_flash, write_refused

NEW = ""
EDITOR_SLOT = "preset_editor"


def preset_buttons(presets: list[Preset], choices: Choices) -> None:
    """A button per preset; a click fills what the preset fixes (``_question_link``)."""
    st.subheader(texts.DEPLOY_PRESETS)
    for column, preset in zip(st.columns(max(len(presets), 1)), presets, strict=False):
        column.button(plain(preset.name), key=f"preset_button_{preset.code}",
                      on_click=apply_preset, args=(preset, choices),
                      help=plain(preset.description) or None, use_container_width=True)


def preset_editor(ctx: AppContext, found_powers: list[str], measures: list[Measure]) -> None:
    """Choose a preset (or a new one), edit it in a form, save it through the service.

    Shown to who may manage presets (beheerders); the service refuses everyone else.
    """
    if not can(ctx.user, MANAGE_PRESETS):
        return
    stored = {p.code: p for p in load_presets(ctx.engine, include_inactive=True)}
    code = st.selectbox(texts.PRESET_CHOOSE, [NEW, *stored], key="preset_choice",
                        format_func=lambda c: stored[c].name if c else texts.PRESET_NEW,
                        placeholder=texts.CHOOSE_OPTION)
    preset = stored.get(code) or Preset("", "", "", (), (), horizons()[0].hours,
                                        position=len(stored))
    prefix = f"preset_{code or 'new'}"
    show_flash(EDITOR_SLOT)
    with st.form(f"preset_form_{code or 'new'}"):
        st.text_input(texts.PRESET_CODE, preset.code, disabled=bool(code), key=f"{prefix}_code")
        st.text_input(texts.PRESET_NAME, preset.name, key=f"{prefix}_name")
        st.text_area(texts.PRESET_DESCRIPTION, preset.description, height=68,
                     key=f"{prefix}_description")
        options = scope_options(ctx.categories)
        st.multiselect(texts.DEPLOY_SCOPES, list(options), scope_keys(preset.scopes),
                       format_func=options.__getitem__, key=f"{prefix}_scopes",
                       placeholder=texts.AGREEMENT_FORM_CHOOSE,
                       select_all=False)
        st.multiselect(texts.DEPLOY_POWERS, power_options([*found_powers, *preset.powers]),
                       list(preset.powers), accept_new_options=True, key=f"{prefix}_powers",
                       placeholder=texts.AGREEMENT_FORM_CHOOSE,
                       select_all=False)
        names = {m.code: m.name for m in measures}
        st.multiselect(texts.DEPLOY_MEASURES, list(names),
                       [c for c in preset.measures if c in names], format_func=names.__getitem__,
                       key=f"{prefix}_measures", placeholder=texts.AGREEMENT_FORM_CHOOSE,
                       select_all=False)
        st.radio(texts.DEPLOY_HOURS, [h.hours for h in horizons()], horizontal=True,
                 index=[h.hours for h in horizons()].index(preset.hours),
                 format_func=lambda h: next(x.name for x in horizons() if x.hours == h),
                 key=f"{prefix}_hours")
        st.number_input(texts.PRESET_POSITION, value=preset.position, step=1,
                        key=f"{prefix}_position")
        st.checkbox(texts.PRESET_ACTIVE, preset.active, key=f"{prefix}_active")
        st.form_submit_button(texts.PRESET_SAVE, on_click=_save, args=(ctx, code, prefix))


def _save(ctx: AppContext, code: str, prefix: str) -> None:
    """On submit, before the page reruns: store the preset, keep the outcome to show."""
    state = st.session_state
    preset = Preset(code or str(state[f"{prefix}_code"]).strip(), state[f"{prefix}_name"],
                    state[f"{prefix}_description"], scopes_from_keys(state[f"{prefix}_scopes"]),
                    tuple(state[f"{prefix}_powers"]), int(state[f"{prefix}_hours"]),
                    int(state[f"{prefix}_position"]), bool(state[f"{prefix}_active"]),
                    tuple(state[f"{prefix}_measures"]))
    try:
        saved = save_preset(ctx.engine, preset, actor=ctx.user, categories=ctx.categories)
    except AccessDenied as refused:  # by the role table as it is now; shown by context()
        write_refused(refused)
    except PresetError as error:
        flash(EDITOR_SLOT, "error", plain(error))
    else:
        flash(EDITOR_SLOT, "success", texts.PRESET_SAVED.format(naam=plain(saved.name)))
