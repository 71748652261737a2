"""Kaart: the national choropleth of capacity per veiligheidsregio."""

from datetime import UTC, date, datetime

import streamlit as st
from streamlit_folium import st_folium

from capaciteit import texts
from capaciteit.capacity.aggregation import (
    available_measures,
    filter_category,
    national_totals,
    region_table,
)
from capaciteit.capacity.categories import category_names
from capaciteit.capacity.presentation import (
    describe_map,
    labelled,
    map_attributions,
    peildatum_label,
)
from capaciteit.capacity.report import MapView, national_map_png, national_report
from capaciteit.capacity.trends import national_trend, trend_chart, version_series
from capaciteit.exports import XLSX_TYPE, to_csv_bytes, to_xlsx_bytes
from capaciteit.formatting import format_date, format_number
from capaciteit.geo.maps import build_choropleth, clicked_feature_code
from pages._history import version_history
from pages._print import printable
from pages._shared import context, show_table

MAP_KEY = "kaart"

ctx = context()
data = ctx.data
names = category_names(ctx.categories)
st.title(texts.MAP_HEADER)

left, right = st.columns(2)
category = left.selectbox(texts.CHOOSE_CATEGORY, [None, *names], key="categorie",
                          format_func=lambda c: texts.ALL_CATEGORIES if c is None else names[c])
measures = available_measures(data.population is not None)
measure = right.selectbox(texts.CHOOSE_MEASURE, measures, key="maat",
                          format_func=lambda m: m.label)
if data.population is None:
    right.caption(texts.PER_CAPITA_UNAVAILABLE)
elif measure.per_capita:
    right.caption(texts.PER_CAPITA_NOTE.format(datum=format_date(data.population_date)))

summary = filter_category(data.summary, category)
table = region_table(summary, ctx.boundaries.regions, data.versions["region_code"],
                     data.population)
totals = national_totals(summary)
peildatum = peildatum_label(data.versions)

cols = st.columns(4)
cols[0].metric(texts.NATIONAL_TOTALS["persons"], format_number(totals["persons"]))
cols[1].metric(texts.NATIONAL_TOTALS["deployable_persons"],
               format_number(totals["deployable_persons"]))
cols[2].metric(texts.NATIONAL_TOTALS["fte"], format_number(totals["fte"], 1))
cols[3].metric(texts.REGIONS_WITH_DATA, texts.REGIONS_WITH_DATA_VALUE.format(
    aantal=table["persons"].notna().sum(), totaal=len(table)))

category_label = texts.ALL_CATEGORIES if category is None else names[category]
st.markdown(describe_map(table, measure, category_label))
fmap = build_choropleth(
    ctx.boundaries.regions_display, table, key="region_code", name_column="region_name",
    value_column=measure.column, legend_title=measure.label, peildatum=peildatum,
    attributions=map_attributions(ctx.boundaries.manifest, data.has_demo, data.population_date),
    decimals=measure.decimals, basemap=ctx.settings.basemap)
st.caption(f"{texts.MAP_CLICK_HINT} {peildatum}.")
st_folium(fmap, key=MAP_KEY, height=620, use_container_width=True,
          returned_objects=["last_active_drawing"])
clicked = clicked_feature_code(st.session_state.pop(MAP_KEY, None), "region_code")
if clicked:
    st.switch_page("pages/regio.py", query_params={"regio": clicked})

columns = ["region_code", "region_name", "persons", "fte", "deployable_persons"]
if data.population is not None:
    columns += ["inhabitants", measure.column] if measure.per_capita else ["inhabitants"]
shown = labelled(table, columns, {measure.column: measure.label})
show_table(shown)
notes = [f"{measure.label}, {category_label}", peildatum, *map_attributions(
    ctx.boundaries.manifest, data.has_demo, data.population_date)]
printable(shown)  # Ctrl+P: every row, no sidebar or widgets
down = st.columns(4)
down[0].download_button(texts.DOWNLOAD_CSV, to_csv_bytes(shown), "capaciteit_per_regio.csv",
                        "text/csv")
down[1].download_button(texts.DOWNLOAD_XLSX, to_xlsx_bytes(shown, texts.MAP_SHEET, notes),
                        "capaciteit_per_regio.xlsx", XLSX_TYPE)
view = MapView(ctx.boundaries.regions_display, table, measure, category_label, peildatum,
               map_attributions(ctx.boundaries.manifest, data.has_demo, data.population_date),
               data.has_demo)  # the image and the report are made on click, not on every run
down[2].download_button(texts.MAP_IMAGE_DOWNLOAD, lambda: national_map_png(view),
                        "kaart_capaciteit.png", "image/png", on_click="ignore",
                        icon=":material/map:")
down[3].download_button(texts.REPORT_DOWNLOAD, lambda: national_report(
    view, data.versions, today=date.today(), stale_after_days=ctx.settings.stale_after_days,
    made_at=datetime.now(UTC)), "rapport_capaciteit.pdf", "application/pdf",
    on_click="ignore", icon=":material/picture_as_pdf:")

st.subheader(texts.TREND_HEADER)  # from the kept versions (capacity/trends.py)
national = national_trend(version_series(version_history(ctx), category))
if national.empty:
    st.caption(texts.TREND_NONE)
else:
    note = texts.TREND_NATIONAL_NOTE.format(
        categorie=category_label, datum=format_date(national["day"].iloc[-1]),
        aantal=national["regions"].iloc[-1], totaal=len(ctx.boundaries.regions))
    st.altair_chart(trend_chart(national, "day", [measure.base], {"regions": texts.TREND_REGIONS}),
                    width="stretch", alt=note)
    st.caption(note)
