"""Kaart: the national choropleth of capacity per veiligheidsregio."""

from datetime import UTC, datetime

import streamlit as st
from streamlit_folium import st_folium

from capaciteit import clock, texts
from capaciteit.capacity.aggregation import (
    available_measures,
    default_measure,
    filter_category,
    national_totals,
)
from capaciteit.capacity.categories import category_choices
from capaciteit.capacity.national_table import (
    LINK_TEXT,
    export_frame,
    map_table,
    national_table,
    styled,
)
from capaciteit.capacity.presentation import (
    describe_map,
    map_attributions,
    peildatum_label,
    stale_line,
)
from capaciteit.capacity.report import MapView, national_map_png, national_report
from capaciteit.capacity.trends import national_trend, trend_chart, version_series
from capaciteit.exports import XLSX_TYPE, to_csv_bytes, to_xlsx_bytes
from capaciteit.formatting import format_date, format_number, plain
from capaciteit.geo.maps import Freshness, build_choropleth, clicked_feature_code
from pages._history import version_history
from pages._print import printable
from pages._shared import context, historic_data

MAP_KEY = "kaart"

ctx = context()
st.title(texts.MAP_HEADER)
today = clock.today()
with st.sidebar.expander(texts.REGION_LINKS):  # real links: reached with Tab, opened with Enter
    for code, name in ctx.boundaries.region_names().items():
        st.page_link("pages/regio.py", label=plain(name), query_params={"regio": code})

choices = category_choices(ctx.categories)
left, right, when = st.columns([2, 2, 1.3])
as_of = None
if when.toggle(texts.AS_OF_TOGGLE, key="stand_op_aan"):
    as_of = when.date_input(texts.AS_OF_DATE, value=today, max_value=today, key="stand_op",
                            format="DD-MM-YYYY")
data = ctx.data if as_of is None else historic_data(ctx, as_of)
if as_of is not None:
    st.warning(texts.AS_OF_BANNER.format(datum=format_date(as_of)), icon=":material/history:")
    if data.versions.empty:
        st.info(texts.AS_OF_NOTHING.format(datum=format_date(as_of)))
category = left.selectbox(texts.CHOOSE_CATEGORY, [None, *choices], key="categorie",
                          format_func=lambda c: texts.ALL_CATEGORIES if c is None else choices[c],
                          placeholder=texts.CATEGORY_PLACEHOLDER)
measures = available_measures(data.population is not None)
measure = right.selectbox(texts.CHOOSE_MEASURE, measures, key="maat",
                          index=measures.index(default_measure(measures)),
                          format_func=lambda m: m.label, placeholder=texts.MEASURE_PLACEHOLDER)
population_note = (texts.POPULATION_LEGEND.format(datum=format_date(data.population_date))
                   if data.population_date else None)
if data.population is None:
    right.caption(texts.PER_CAPITA_UNAVAILABLE)
elif measure.per_capita:
    right.caption(texts.PER_CAPITA_NOTE.format(datum=format_date(data.population_date)))

stale_days = ctx.settings.stale_after_days
summary = filter_category(data.summary, category)
table = map_table(summary, ctx.boundaries.regions, data.versions, data.population,
                  as_of or today, stale_days)
shown = national_table(table, measure)
peildatum = peildatum_label(data.versions)
totals = national_totals(summary)
reporting = int(table["persons"].notna().sum())
cols = st.columns(4)
for col, column in zip(cols, ["persons", "deployable_persons", "fte"], strict=False):
    col.metric(texts.NATIONAL_TOTALS[column], format_number(totals[column], 1 if column == "fte"
                                                            else 0) if reporting else texts.NO_DATA)
cols[3].metric(texts.REGIONS_WITH_DATA, texts.REGIONS_WITH_DATA_VALUE.format(
    aantal=reporting, totaal=len(table)))

category_label = texts.ALL_CATEGORIES if category is None else choices[category].strip()
attributions = map_attributions(ctx.boundaries.manifest, data.has_demo, data.population_date)
notes = [n for n in (population_note if measure.per_capita else None,) if n]
fmap = build_choropleth(
    ctx.boundaries.regions_display, table, key="region_code", name_column="region_name",
    value_column=measure.column, legend_title=measure.label, peildatum=peildatum,
    attributions=attributions, decimals=measure.decimals, basemap=ctx.settings.basemap,
    freshness=Freshness("freshness_text", "stale", texts.STALE_LEGEND.format(dagen=stale_days)),
    notes=notes, banner=texts.AS_OF_MAP.format(datum=format_date(as_of)) if as_of else None)
st.caption(f"{texts.MAP_CLICK_HINT} {peildatum}.")
st_folium(fmap, key=MAP_KEY, height=620, use_container_width=True,
          returned_objects=["last_active_drawing"])
st.markdown(f"{describe_map(table, measure, category_label)} {stale_line(table, stale_days)}")
clicked = clicked_feature_code(st.session_state.pop(MAP_KEY, None), "region_code")
if clicked:
    st.switch_page("pages/regio.py", query_params={"regio": clicked})

link = texts.NATIONAL_COLUMN_LABELS["region_link"]
st.dataframe(styled(shown, measure), hide_index=True, placeholder="", column_config={
    link: st.column_config.LinkColumn(link, help=texts.REGION_LINK_HELP, display_text=LINK_TEXT)})
download, decimals = export_frame(shown, measure)
sheet_notes = [f"{measure.label}, {category_label}", peildatum, *attributions,
               *([texts.AS_OF_SHEET_NOTE.format(datum=format_date(as_of))] if as_of else [])]
printable(download)  # Ctrl+P: every row, no sidebar or widgets
down = st.columns(4)
down[0].download_button(texts.DOWNLOAD_CSV, to_csv_bytes(download, decimals),
                        "capaciteit_per_regio.csv", "text/csv")
down[1].download_button(texts.DOWNLOAD_XLSX, to_xlsx_bytes(
    download, texts.MAP_SHEET, sheet_notes, decimals), "capaciteit_per_regio.xlsx", XLSX_TYPE)
view = MapView(ctx.boundaries.regions_display, table, measure, category_label, peildatum,
               attributions, data.has_demo, stale_days)  # image and report: made on click
down[2].download_button(texts.MAP_IMAGE_DOWNLOAD, lambda: national_map_png(view),
                        "kaart_capaciteit.png", "image/png", on_click="ignore",
                        icon=":material/map:")
down[3].download_button(texts.REPORT_DOWNLOAD, lambda: national_report(
    view, data.versions, today=as_of or today, stale_after_days=stale_days,
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
