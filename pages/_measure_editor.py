"""Closure measures at the Streamlit edge: the freed capacity in the answer, and the editor.

The editor is shown to who may manage presets (beheerders); saving runs as a callback
through ``deployment.measure_store.save_measure``, which checks the role again and audits.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from capaciteit import texts
from capaciteit.access.permissions import MANAGE_PRESETS, AccessDenied, can
from capaciteit.capacity.categories import Category
from capaciteit.deployment.answer import Answer
from capaciteit.deployment.measure_store import (
    MeasureError,
    load_measure_history,
    load_measures,
    save_measure,
)
from capaciteit.deployment.measures import Measure, Release, assumption_lines, freed_sentences
from capaciteit.deployment.view import scope_keys, scope_options, scopes_from_keys
from capaciteit.formatting import format_datetime, plain
from pages._shared import AppContext, flash, show_flash, write_refused

NEW = ""
EDITOR_SLOT = "measure_editor"


def freed_lines(answer: Answer, categories: tuple[Category, ...]) -> list[str]:
    """The freed capacity's lines (empty without measures), for the page and the exports."""
    return freed_sentences(answer.freed, answer.deployable, answer.question.persons_needed,
                           categories)


def show_freed(lines: list[str], answer: Answer) -> None:
    """The freed capacity as its own line, its split per (sub)category, and the assumptions."""
    if not lines:
        return
    st.info(lines[0])
    if lines[1:]:
        st.markdown("\n".join(f"- {plain(line)}" for line in lines[1:]))
    with st.expander(texts.FREED_ASSUMPTIONS):
        st.markdown("\n".join(f"- {plain(line)}" for line in assumption_lines(answer.freed)))


def measure_editor(ctx: AppContext) -> None:
    """Choose a measure (or a new one), edit it in a form, save it as a new version."""
    if not can(ctx.user, MANAGE_PRESETS):
        return
    stored = {m.code: m for m in load_measures(ctx.engine, include_inactive=True)}
    code = st.selectbox(texts.MEASURE_CHOOSE, [NEW, *stored], key="measure_choice",
                        format_func=lambda c: stored[c].name if c else texts.MEASURE_NEW)
    measure = stored.get(code) or Measure("", "", "", (), position=len(stored))
    prefix = f"measure_{code or 'new'}"
    options = scope_options(ctx.categories)
    show_flash(EDITOR_SLOT)
    with st.form(f"measure_form_{code or 'new'}"):
        st.text_input(texts.MEASURE_CODE, measure.code, disabled=bool(code),
                      key=f"{prefix}_code")
        st.text_input(texts.PRESET_NAME, measure.name, key=f"{prefix}_name")
        st.text_area(texts.MEASURE_ASSUMPTION, measure.assumption, height=68,
                     key=f"{prefix}_assumption")
        releases = pd.DataFrame({
            "scope": [options.get(k, k) for k in scope_keys(
                (r.category, r.subcategory) for r in measure.releases)],
            "percent": [round(r.fraction * 100, 1) for r in measure.releases]})
        st.caption(texts.MEASURE_RELEASES)
        st.data_editor(releases, num_rows="dynamic", hide_index=True, key=f"{prefix}_releases",
                       column_config={
                           "scope": st.column_config.SelectboxColumn(
                               texts.MEASURE_RELEASE_SCOPE, options=list(options.values()),
                               required=True, width="large"),
                           "percent": st.column_config.NumberColumn(
                               texts.MEASURE_RELEASE_PERCENT, min_value=0, max_value=100,
                               step=1, required=True)})
        st.number_input(texts.PRESET_POSITION, value=measure.position, step=1,
                        key=f"{prefix}_position")
        st.checkbox(texts.PRESET_ACTIVE, measure.active, key=f"{prefix}_active")
        st.form_submit_button(texts.PRESET_SAVE, on_click=_save,
                              args=(ctx, code, prefix, releases))
    if code:
        history = load_measure_history(ctx.engine, code)
        history["saved_at"] = history["saved_at"].map(format_datetime)
        history["releases"] = history["releases"].map(
            lambda rs: ", ".join(f"{r['category']}/{r.get('subcategory') or '*'} "
                                 f"{round(float(r['fraction']) * 100)}%" for r in rs))
        st.caption(texts.MEASURE_HISTORY)
        st.dataframe(history.rename(columns=texts.MEASURE_HISTORY_COLUMNS), hide_index=True)


def _save(ctx: AppContext, code: str, prefix: str, shown: pd.DataFrame) -> None:
    """On submit, before the page reruns: store a new version, keep the outcome to show."""
    state = st.session_state
    by_label = {label: key for key, label in scope_options(ctx.categories).items()}
    rows = edited_rows(shown, state[f"{prefix}_releases"])
    scopes = scopes_from_keys(by_label.get(str(s), str(s)) for s, _ in rows)
    measure = Measure(code or str(state[f"{prefix}_code"]).strip(), state[f"{prefix}_name"],
                      state[f"{prefix}_assumption"],
                      tuple(Release(c, s, float(p) / 100) for (c, s), (_, p)
                            in zip(scopes, rows, strict=True)),
                      int(state[f"{prefix}_position"]), bool(state[f"{prefix}_active"]))
    try:
        saved = save_measure(ctx.engine, measure, actor=ctx.user, categories=ctx.categories)
    except AccessDenied as refused:
        write_refused(refused)
    except MeasureError as error:
        flash(EDITOR_SLOT, "error", plain(error))
    else:
        flash(EDITOR_SLOT, "success", texts.MEASURE_SAVED.format(naam=plain(saved.name)))


def edited_rows(shown: pd.DataFrame, edits: dict) -> list[tuple[object, float]]:
    """The release rows after the data editor's edits, added and deleted rows included."""
    rows = [[s, p] for s, p in zip(shown["scope"], shown["percent"], strict=True)]
    for index, change in edits.get("edited_rows", {}).items():
        for column, value in change.items():
            rows[int(index)][0 if column == "scope" else 1] = value
    deleted = set(edits.get("deleted_rows", []))
    rows = [r for i, r in enumerate(rows) if i not in deleted]
    rows += [[a.get("scope"), a.get("percent")] for a in edits.get("added_rows", [])]
    return [(s, float("nan") if p is None else float(p)) for s, p in rows if s is not None]
