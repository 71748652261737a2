"""Regio: one veiligheidsregio's capacity by category, by municipality, neighbours, freshness."""


import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from capaciteit import clock, texts
from capaciteit.access.permissions import RESTORE, AccessDenied, can
from capaciteit.agreements.overview import list_agreements
from capaciteit.agreements.view import agreements_table, filter_agreements
from capaciteit.capacity.aggregation import (
    Measure,
    by_category,
    by_municipality,
    is_stale,
    national_totals,
    neighbours_of,
)
from capaciteit.capacity.categories import categories_frame
from capaciteit.capacity.overview import region_history
from capaciteit.capacity.presentation import (
    freshness_line,
    labelled,
    map_attributions,
    peildatum_label,
)
from capaciteit.capacity.trends import region_trend, trend_chart, version_series
from capaciteit.formatting import format_number, plain
from capaciteit.geo.maps import build_choropleth
from capaciteit.uploads import publishing
from capaciteit.uploads.view import history_view, totals_view, version_option
from pages._history import restore_change, version_history
from pages._shared import context, flash, region_choice, show_flash, show_table, write_refused


def restore_version(code: str, based_on: publishing.VersionStamp | None) -> None:
    """On click, before the page runs: restore the chosen version and keep the outcome.

    The page that follows then shows the restored figures and history, and the message.
    """
    chosen = int(st.session_state[f"herstel_{code}"])
    try:
        done = publishing.restore(ctx.engine, code, chosen, actor=ctx.user, based_on=based_on)
    except AccessDenied as refused:  # checked against the role table as it is now
        write_refused(refused)
        return
    except publishing.PublishError as error:
        flash(f"herstellen_{code}", "error", plain(error))
    else:
        flash(f"herstellen_{code}", "success",
              texts.RESTORE_DONE.format(bron=chosen, versie=done.version))


ctx = context()
names = ctx.boundaries.region_names()
title = st.empty()
code = region_choice(names, key="regio")
if code is None:
    st.stop()
title.title(names[code])

summary = ctx.data.summary[ctx.data.summary["region_code"] == code]
versions = ctx.data.versions[ctx.data.versions["region_code"] == code]
if versions.empty:
    st.info(texts.REGION_NO_DATA.format(naam=names[code]))
else:
    totals = national_totals(summary)
    cols = st.columns(3)
    cols[0].metric(texts.MEASURES["persons"], format_number(totals["persons"]))
    cols[1].metric(texts.MEASURES["deployable_persons"],
                   format_number(totals["deployable_persons"]))
    cols[2].metric(texts.MEASURES["fte"], format_number(totals["fte"], 1))

    st.subheader(texts.REGION_FRESHNESS)
    version = versions.iloc[0]
    st.write(freshness_line(version))  # uploader and file name made plain in the core
    if is_stale(version["peildatum_min"], pd.Timestamp.today(), ctx.settings.stale_after_days):
        st.warning(texts.REGION_STALE.format(dagen=ctx.settings.stale_after_days))

    st.subheader(texts.TREND_HEADER)  # the region's versions (capacity/trends.py)
    trend = region_trend(version_series(version_history(ctx)), code)
    note = texts.TREND_REGION_NOTE.format(aantal=len(trend))
    st.altair_chart(trend_chart(trend, "uploaded_at", ["persons", "deployable_persons"],
                                {"version": texts.TREND_VERSION}), width="stretch", alt=note)
    st.caption(note)

    st.subheader(texts.REGION_BY_CATEGORY)
    per_category = by_category(summary, categories_frame(ctx.categories))
    st.bar_chart(labelled(per_category, ["subcategory_name", "persons", "deployable_persons"]),
                 x=texts.COLUMN_LABELS["subcategory_name"],
                 y=[texts.MEASURES["persons"], texts.MEASURES["deployable_persons"]],
                 x_label="", y_label=texts.PERSONS_AXIS, horizontal=True, stack=False, sort=False,
                 height=520)
    show_table(labelled(per_category, ["category_name", "subcategory_name", "persons", "fte",
                                       "deployable_persons"]))

    st.subheader(texts.REGION_BY_MUNICIPALITY)
    municipalities = ctx.boundaries.municipality_table()
    per_municipality = by_municipality(
        summary, municipalities[municipalities["region_code"] == code], texts.REGIONWIDE)
    shapes = ctx.boundaries.municipalities_display
    measure = Measure("persons")
    st_folium(build_choropleth(
        shapes[shapes["region_code"] == code], per_municipality, key="gemeente_code",
        name_column="gemeente_name", value_column="persons", legend_title=measure.label,
        peildatum=peildatum_label(versions), basemap=ctx.settings.basemap,
        attributions=map_attributions(ctx.boundaries.manifest, ctx.data.has_demo, None)),
        key="gemeentekaart", height=480, use_container_width=True, returned_objects=[])
    show_table(labelled(per_municipality, ["gemeente_code", "gemeente_name", "persons", "fte",
                                           "deployable_persons"]))

st.subheader(texts.AGREEMENT_REGION_SECTION)
agreements, scopes = list_agreements(ctx.engine, clock.today())
own = filter_agreements(agreements, scopes, today=clock.today(), region=code)
if own.empty:
    st.caption(texts.AGREEMENT_REGION_NONE)
else:
    show_table(agreements_table(own, scopes, names, ctx.categories))
st.page_link("pages/afspraken.py", query_params={"regio": code}, label=texts.AGREEMENT_REGION_LINK)

st.subheader(texts.REGION_NEIGHBOURS)
for _, neighbour in neighbours_of(ctx.boundaries.neighbours, code, names).iterrows():
    st.page_link("pages/regio.py", query_params={"regio": neighbour["region_code"]},
                 label=texts.REGION_NEIGHBOUR_LINK.format(
                     naam=neighbour["region_name"], code=neighbour["region_code"],
                     km=format_number(neighbour["border_km"], 1)))

st.subheader(texts.HISTORY)
show_flash(f"herstellen_{code}")
shown, versions_of_region = region_history(ctx.engine, code)  # stamp read first
show_table(history_view(versions_of_region))
earlier = versions_of_region.loc[~versions_of_region["is_current"], "version"].tolist()
if earlier and can(ctx.user, RESTORE, code):
    asked = st.query_params.get("herstel", "")  # from the upload page: a duplicate file
    if asked.isdigit() and int(asked) in earlier and st.session_state.get("herstel_url") != asked:
        st.session_state[f"herstel_{code}"], st.session_state["herstel_url"] = int(asked), asked
    chosen = st.selectbox(texts.RESTORE_CHOOSE, earlier, key=f"herstel_{code}",
                          placeholder=texts.CHOOSE_OPTION,
                          format_func=lambda v: version_option(versions_of_region, v))
    try:
        change = restore_change(ctx, code, chosen)
    except publishing.PublishError as error:
        st.error(plain(error))
    else:
        st.write(texts.RESTORE_PREVIEW.format(versie=chosen, samenvatting=change.summary()))
        show_table(totals_view(change, ctx.categories, texts.RESTORE_TOTALS_COLUMNS))
    st.button(texts.RESTORE_BUTTON, key=f"herstel_knop_{code}", on_click=restore_version,
              args=(code, shown))
