"""The status board on a map: a line with an arrowhead from each supplier to the requester.

Offline like every map here (Leaflet from the app's own static files); the regions are
drawn as pale outlines, the lines' width follows the persons, ingezet (accepted and under
way) in dark blue, only offered in dashed grey. Legend, tooltip, date and attribution on
the map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import folium
import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point, Polygon

from capaciteit import texts
from capaciteit.formatting import format_number, html_text
from capaciteit.geo.boundaries import WORK_CRS
from capaciteit.geo.maps import NL_BOUNDS, Attribution, Legend, SteadyFocus, offline_assets

DEPLOYED_COLOUR, OFFERED_COLOUR, OUTLINE = "#08306b", "#737373", "#9e9e9e"
ARROW_M = 9_000  # arrowhead length in metres (RD New)


def build_flow_map(shapes: gpd.GeoDataFrame, flows: pd.DataFrame, *, date_label: str,
                   attributions: Sequence[str]) -> folium.Map:
    """Lines supplier → requesting region from ``board.flows`` (offered, deployed)."""
    fmap = folium.Map(tiles=None, zoom_control=True, scrollWheelZoom=False,
                      control_scale=True, zoom_snap=0.25)
    offline_assets(fmap)
    SteadyFocus().add_to(fmap)
    outline = shapes[["region_code", "region_name", "geometry"]].copy()
    outline["naam"] = (outline["region_name"] + " (" + outline["region_code"] + ")").map(
        html_text)
    folium.GeoJson(outline[["naam", "geometry"]].to_json(drop_id=True),
                   style_function=lambda _: {"fillColor": "#f7f7f7", "fillOpacity": 0.6,
                                             "color": OUTLINE, "weight": 0.8},
                   tooltip=folium.GeoJsonTooltip(fields=["naam"], labels=False)).add_to(fmap)
    points = shapes.set_index("region_code").geometry.to_crs(WORK_CRS).representative_point()
    drawn = flows[flows["region_code"].isin(points.index) & flows["for_region"].isin(
        points.index)]
    starts, ends = points[drawn["region_code"]].tolist(), points[drawn["for_region"]].tolist()
    shapes_4326 = gpd.GeoSeries(  # every line, then every arrowhead: one projection
        [_segment(a, b) for a, b in zip(starts, ends, strict=True)]
        + [_arrowhead(a, b) for a, b in zip(starts, ends, strict=True)],
        crs=WORK_CRS).to_crs(4326).tolist()
    for index, flow in enumerate(drawn.itertuples()):
        deployed = int(flow.deployed) > 0
        persons = int(flow.deployed) if deployed else int(flow.offered)
        colour = DEPLOYED_COLOUR if deployed else OFFERED_COLOUR
        tip = html_text(texts.ASSIST_MAP_TOOLTIP.format(
            van=flow.region_code, naar=flow.for_region, aangeboden=format_number(flow.offered),
            ingezet=format_number(flow.deployed), verzoeken=flow.requests))
        line, head = shapes_4326[index], shapes_4326[len(drawn) + index]
        folium.PolyLine([(y, x) for x, y in line.coords], color=colour,
                        weight=2 + min(persons, 200) ** 0.5, opacity=0.9,
                        dash_array=None if deployed else "6 6", tooltip=tip).add_to(fmap)
        folium.Polygon([(y, x) for x, y in head.exterior.coords], color=colour,
                       fill=True, fill_color=colour, fill_opacity=1, weight=1,
                       tooltip=tip).add_to(fmap)
    if shapes_4326:  # the flows with some room around them; no flows: the whole country
        west, south, east, north = gpd.GeoSeries(shapes_4326).total_bounds
        fmap.fit_bounds([[south - 0.3, west - 0.4], [north + 0.3, east + 0.4]])
    else:
        fmap.fit_bounds(NL_BOUNDS)
    Legend(texts.ASSIST_MAP_LEGEND, [(DEPLOYED_COLOUR, texts.ASSIST_MAP_DEPLOYED),
                                     (OFFERED_COLOUR, texts.ASSIST_MAP_OFFERED)],
           date_label).add_to(fmap)
    Attribution(list(attributions)).add_to(fmap)
    return fmap


def _segment(start: Point, end: Point) -> LineString:
    return LineString([(start.x, start.y), _short_of(start, end)])


def _short_of(start: Point, end: Point) -> tuple[float, float]:
    """The end point, pulled back by the arrowhead's length."""
    dx, dy = end.x - start.x, end.y - start.y
    length = math.hypot(dx, dy) or 1.0
    pull = min(ARROW_M, length / 2) / length
    return end.x - dx * pull, end.y - dy * pull


def _arrowhead(start: Point, end: Point) -> Polygon:
    dx, dy = end.x - start.x, end.y - start.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    size = min(ARROW_M, length / 2)
    base_x, base_y = end.x - ux * size, end.y - uy * size
    half = size * 0.55
    return Polygon([(end.x, end.y), (base_x - uy * half, base_y + ux * half),
                    (base_x + uy * half, base_y - ux * half)])
