"""The Inzetbaar answer at the Streamlit edge, one function per section of the page.

Verdict, map, suppliers, whom to call, agreements, cost and the downloads; each
only shows what ``capaciteit.deployment`` worked out.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from capaciteit import texts
from capaciteit.capacity.presentation import peildatum_label
from capaciteit.deployment.answer import Answer
from capaciteit.deployment.cost import CostEstimate, Duration, duration_units, estimate_cost
from capaciteit.deployment.handout import Handout, map_image, print_page
from capaciteit.deployment.verdict import GREEN, RED, Verdict
from capaciteit.deployment.view import (
    agreement_view,
    caller_view,
    cost_sentences,
    cost_view,
    freshness_lines,
    supplier_view,
)
from capaciteit.deployment.workbook import answer_workbook
from capaciteit.exports import XLSX_TYPE, to_csv_bytes
from capaciteit.formatting import format_number
from capaciteit.geo.maps import build_supply_map
from pages._shared import AppContext

LABELS = {**texts.COLUMN_LABELS, **texts.DEPLOY_COLUMN_LABELS}
HELP = {LABELS["ring"]: texts.DEPLOY_RING_HELP, LABELS["distance_km"]: texts.DEPLOY_DISTANCE_HELP,
        LABELS["lead_time_hours"]: texts.DEPLOY_LEAD_TIME_HELP,
        LABELS["lead_time"]: texts.DEPLOY_LEAD_TIME_HELP}
# widths that keep every column of a table on a 1024-px page
WIDTHS: dict[str, Literal["small", "medium", "large"]] = {
    LABELS["agreement"]: "medium", LABELS["agreements"]: "medium",
    LABELS["contact_mailbox"]: "medium", LABELS["region_name"]: "medium",
    LABELS["organisation"]: "medium"}


def show_verdict(verdict: Verdict, sentences: list[str]) -> None:
    """One box with both readings, in the colour of the worse; stale data below it."""
    box = st.success if verdict.level == GREEN else st.error if verdict.level == RED \
        else st.warning
    box("\n\n".join(verdict.sentences))
    for line in sentences[len(verdict.sentences):]:
        st.warning(line)


def show_map(ctx: AppContext, answer: Answer, targets: list[str],
             attributions: list[str]) -> None:
    """The search area: deployable persons per region, grey for no data."""
    st_folium(build_supply_map(
        ctx.boundaries.regions_display, answer.suppliers, targets,
        legend_title=texts.DEPLOY_MAP_LEGEND, peildatum=peildatum_label(ctx.data.versions),
        attributions=attributions, basemap=ctx.settings.basemap),
        key="inzetkaart", height=560, use_container_width=True, returned_objects=[])
    st.caption(texts.DEPLOY_MAP_CAPTION)


def show_suppliers(answer: Answer) -> None:
    """The region-level summary, nearest first, with Ring and Afstand explained."""
    st.subheader(texts.DEPLOY_SUPPLIERS)
    _table(supplier_view(answer))
    st.caption(texts.DEPLOY_TERMS)


def show_callers(answer: Answer) -> None:
    """Whom to call: the organisations per supplying region, with a CSV download."""
    st.subheader(texts.DEPLOY_CALLERS)
    if answer.organisations.empty:
        st.info(texts.DEPLOY_CALLERS_NONE)
        return
    view = caller_view(answer)
    lead = LABELS["lead_time_hours"]  # empty, not "None", for an organisation without agreement
    _table(view.assign(**{lead: [format_number(v) if pd.notna(v) else "" for v in view[lead]]}))
    st.caption(texts.DEPLOY_CALLERS_CAPTION)
    st.download_button(texts.DEPLOY_CALLERS_CSV, to_csv_bytes(view), texts.DEPLOY_CALLERS_FILE,
                       "text/csv", on_click="ignore")


def show_agreements(answer: Answer) -> None:
    """The valid agreements that cover the persons found."""
    st.subheader(texts.DEPLOY_AGREEMENTS)
    if answer.agreements.empty:
        st.info(texts.DEPLOY_NO_AGREEMENTS)
        return
    if answer.agreements["exceeds_horizon"].any():
        st.warning(texts.DEPLOY_LEAD_TIME_WARNING.format(
            aantal=int(answer.agreements["exceeds_horizon"].sum())))
    _static_table(agreement_view(answer))
    st.caption(f"{texts.DEPLOY_OVERLAP_NOTE} {texts.DEPLOY_AGREEMENTS_CAPTION}")


def show_cost(answer: Answer) -> tuple[CostEstimate, Duration]:
    """The duration asked here, and the estimate under the covering agreements."""
    st.subheader(texts.COST_HEADER)
    left, right, _ = st.columns([1, 1, 2])
    amount = left.number_input(texts.COST_DURATION, min_value=1, max_value=10_000, value=1,
                               step=1, key="inzet_duur")
    unit = right.selectbox(texts.COST_UNIT, duration_units(), index=1, key="inzet_duur_eenheid")
    duration = Duration(int(amount), str(unit))
    estimate = estimate_cost(answer.cost_lines, duration)
    if estimate.items:
        _static_table(cost_view(estimate))
    lines = cost_sentences(estimate, duration)
    st.markdown(lines[0])
    for line in lines[1:-1]:
        st.warning(line)
    st.caption(lines[-1])
    with st.expander(texts.PRINT_FRESHNESS):
        st.markdown("\n".join(f"- {line}" for line in freshness_lines(answer)))
    return estimate, duration


def show_downloads(ctx: AppContext, handout: Handout) -> None:
    """The answer as .xlsx and as a printable page, made when clicked."""
    regions = ctx.boundaries.regions_display
    peildatum = peildatum_label(ctx.data.versions)

    def printable() -> str:
        image = map_image(regions, handout.answer.suppliers, list(handout.answer.question.targets),
                          peildatum=peildatum, attributions=handout.notes)
        return print_page(handout, image)

    down = st.columns(2)
    down[0].download_button(texts.DEPLOY_EXPORT, lambda: answer_workbook(handout),
                            "inzetbaar.xlsx", XLSX_TYPE, on_click="ignore")
    down[1].download_button(texts.DEPLOY_PRINT, printable, "inzetbaar.html", "text/html",
                            help=texts.DEPLOY_PRINT_HELP, on_click="ignore")


def _static_table(frame: pd.DataFrame) -> None:
    """A small table that wraps its text to the page's width (every column stays in view)."""
    shown = frame.copy()
    for column in shown.select_dtypes("number").columns:
        shown[column] = [format_number(v) for v in shown[column]]
    st.table(shown.set_index(shown.columns[0]))


def _table(frame: pd.DataFrame) -> None:
    """A table whose numbers follow the reader's locale, terms explained, widths that fit."""
    numeric = set(frame.select_dtypes("number").columns)
    config = {c: (st.column_config.NumberColumn(c, format="localized", help=HELP.get(c))
                  if c in numeric else
                  st.column_config.TextColumn(c, help=HELP.get(c), width=WIDTHS.get(c)))
              for c in frame.columns}
    st.dataframe(frame, hide_index=True, column_config=config)  # type: ignore[arg-type]
