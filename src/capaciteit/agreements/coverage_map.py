"""The white-spot map: the covered share per region, and markers where agreements lapse soon."""

from __future__ import annotations

from collections.abc import Sequence

import folium
import geopandas as gpd
import pandas as pd

from capaciteit import texts
from capaciteit.formatting import html_text
from capaciteit.geo.maps import build_choropleth

MARKER_CLASS = "capaciteit-aflopend"
SHARE_BREAKS = (0.0, 20.0, 40.0, 60.0, 80.0, 100.0)  # a share is read on a fixed 0–100 % scale


def build_coverage_map(shapes: gpd.GeoDataFrame, shares: pd.DataFrame, *, days: int,
                       peildatum: str, attributions: Sequence[str],
                       basemap: bool = False) -> folium.Map:
    """A choropleth of the covered share (%) with a ⚠ marker per region with lapsing agreements.

    ``shares`` is ``agreement_view.map_table``: region_code, covered_percent and
    expiring_count. Regions with lapsing agreements also get a thick outline; the
    marker's tooltip names how many agreements lapse there within ``days`` days.
    """
    flagged = shares.loc[shares["expiring_count"] > 0, ["region_code", "expiring_count"]]
    fmap = build_choropleth(
        shapes, shares, key="region_code", name_column="region_name",
        value_column="covered_percent", legend_title=texts.WHITE_SPOTS_MEASURE,
        peildatum=peildatum, attributions=attributions, basemap=basemap, decimals=1,
        highlight=flagged["region_code"].tolist(), breaks=SHARE_BREAKS)
    located = shapes.merge(flagged, on="region_code")
    points = located.geometry.representative_point()
    label = texts.WHITE_SPOTS_EXPIRING_TOOLTIP.format(dagen=days)
    for point, name, count in zip(points, located["region_name"], located["expiring_count"],
                                  strict=True):
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=_marker_html(int(count)), icon_size=(34, 20),
                                icon_anchor=(17, 10), class_name=MARKER_CLASS),
            tooltip=html_text(f"{name}: {label}: {int(count)}"),
        ).add_to(fmap)
    return fmap


def _marker_html(count: int) -> str:
    return ('<div style="font:bold 12px/18px sans-serif;text-align:center;background:#fff3cd;'
            'border:1px solid #000;border-radius:3px;white-space:nowrap">'
            f"&#9888; {count}</div>")
