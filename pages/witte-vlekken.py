"""Witte vlekken: capacity no valid agreement covers, on a map and per region × category."""


import streamlit as st
from streamlit_folium import st_folium

from capaciteit import clock, texts
from capaciteit.agreements.coverage import uncovered_organisations
from capaciteit.agreements.coverage_map import build_coverage_map
from capaciteit.agreements.sheet import export_frame
from capaciteit.agreements.view import (
    expiring_table,
    expiring_window,
    map_table,
    uncovered_table,
    white_spot_grid,
    white_spots_table,
)
from capaciteit.capacity.categories import category_names
from capaciteit.capacity.presentation import map_attributions, peildatum_label
from capaciteit.exports import XLSX_TYPE, to_xlsx_bytes
from capaciteit.formatting import format_date
from pages._agreement_widgets import coverage
from pages._shared import context, show_table

GRID_KEY = "vlekken_raster"


def pick_cell() -> None:
    """A clicked cell of the grid chooses the region and category below it."""
    cells = st.session_state[GRID_KEY]["selection"]["cells"]
    if cells:
        row, column = cells[0]
        st.session_state["vlek_regio"] = region_codes[int(row)]
        st.session_state["vlek_categorie"] = column_codes.get(column)


ctx = context()
st.title(texts.WHITE_SPOTS_HEADER)
st.caption(texts.WHITE_SPOTS_INTRO)
today = clock.today()
days = expiring_window()
picture = coverage(ctx, today)
names = ctx.boundaries.region_names()
categories = category_names(ctx.categories)
spots = picture.cells[picture.cells["white_spot"]]
st.metric(texts.PAGE_WHITE_SPOTS, texts.WHITE_SPOTS_COUNT.format(
    aantal=len(spots), regios=spots["region_code"].nunique()))

st_folium(build_coverage_map(
    ctx.boundaries.regions_display, map_table(picture.shares), days=days,
    peildatum=peildatum_label(ctx.data.versions), basemap=ctx.settings.basemap,
    attributions=map_attributions(ctx.boundaries.manifest, ctx.data.has_demo, None)),
    key="vlekkenkaart", height=560, use_container_width=True, returned_objects=[])
st.caption(texts.WHITE_SPOTS_MAP_HINT.format(dagen=days))

st.subheader(texts.WHITE_SPOTS_EXPIRING.format(dagen=days))
if picture.expiring.empty:
    st.write(texts.WHITE_SPOTS_EXPIRING_NONE.format(dagen=days))
else:
    show_table(expiring_table(picture.expiring, names, today))

st.subheader(texts.WHITE_SPOTS_TABLE)
st.caption(texts.WHITE_SPOTS_TABLE_HINT)
grid = white_spot_grid(picture.cells, ctx.boundaries.regions, ctx.categories)
region_codes = grid.index.tolist()
column_codes = {categories[c]: c for c in grid.columns if c in categories}
st.dataframe(grid.rename(columns={"region_name": texts.COLUMN_LABELS["region_name"],
                                  **categories}),
             hide_index=True, key=GRID_KEY, on_select=pick_cell, selection_mode="single-cell")
left, right = st.columns(2)
region = left.selectbox(texts.FILTER_REGION, list(names), index=None, key="vlek_regio",
                        format_func=lambda c: f"{names[c]} ({c})",
                        placeholder=texts.AGREEMENT_FORM_CHOOSE)
category = right.selectbox(texts.FILTER_CATEGORY, list(categories), index=None,
                           key="vlek_categorie", format_func=categories.__getitem__,
                           placeholder=texts.AGREEMENT_FORM_CHOOSE)
if region and category:
    st.markdown("**" + texts.UNCOVERED_HEADER.format(regio=names[region],
                                                     categorie=categories[category]) + "**")
    cell = picture.cells[(picture.cells["region_code"] == region)
                         & (picture.cells["category"] == category)]
    uncovered = uncovered_organisations(picture.covered, region, category)
    if cell.empty or int(cell["deployable_persons"].sum()) == 0:
        st.info(texts.UNCOVERED_NO_CAPACITY)
    elif uncovered["deployable_persons"].sum() == 0:
        st.success(texts.UNCOVERED_NONE)
    else:
        show_table(uncovered_table(uncovered, ctx.categories))

notes = [n.format(datum=format_date(today)) for n in texts.WHITE_SPOTS_EXPORT_NOTES]
down = st.columns(2)
down[0].download_button(texts.WHITE_SPOTS_EXPORT, to_xlsx_bytes(
    white_spots_table(picture.cells), texts.PAGE_WHITE_SPOTS,
    [*notes, texts.WHITE_SPOTS_INTRO]), "witte_vlekken.xlsx", XLSX_TYPE)
down[1].download_button(texts.AGREEMENT_EXPORT, to_xlsx_bytes(
    export_frame(picture.agreements, picture.scopes, include_personal=False),
    texts.AGREEMENT_SHEET, [texts.AGREEMENT_EXPORT_NO_PERSONAL]), "afspraken.xlsx", XLSX_TYPE)
