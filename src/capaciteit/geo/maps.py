"""Choropleth maps: colour classes, legend, tooltip, attribution, and offline Leaflet assets.

Leaflet puts tooltips, the legend and the attribution in the page as HTML, so every
text that goes into them is HTML-escaped here (``formatting.html_text``): a name
such as ``<img src=x onerror=…>`` is shown as typed, never run.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from capaciteit import texts
from capaciteit.formatting import format_number, html_text
from capaciteit.geo.accessible import HatchedNoData, KeyboardRegions, ZoomableMap, hatched
from capaciteit.geo.classes import (
    assign_classes,
    class_breaks,
    class_colours,
    legend_entries,
    palette,
    shown_values,
)
from capaciteit.geo.controls import STALE_BORDER, MapBanner, MetricScale, legend_row

__all__ = ["assign_classes", "build_choropleth", "build_supply_map", "class_breaks",
           "legend_entries", "palette"]
from capaciteit.geo.packing import UNPACK_JS, pack_frame

STATIC_URL = "/app/static"
LEAFLET_VERSION_DIR = "leaflet"
PDOK_TILES = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
)
NL_BOUNDS = [[50.75, 3.35], [53.55, 7.25]]


def build_choropleth(
    shapes: gpd.GeoDataFrame,
    table: pd.DataFrame,
    *,
    key: str,
    name_column: str,
    value_column: str,
    legend_title: str,
    peildatum: str,
    attributions: Sequence[str],
    decimals: int = 0,
    basemap: bool = False,
    highlight: Sequence[str] = (),
    breaks: Sequence[float] | None = None,
    freshness: Freshness | None = None,
    notes: Sequence[str] = (),
    banner: str | None = None,
) -> folium.Map:
    """A folium choropleth of ``value_column`` joined to ``shapes`` on ``key``.

    Regions missing from ``table`` or with a missing value are grey and read
    "geen gegevens" in the tooltip, never 0. Values are classed as shown (rounded
    to ``decimals``). The legend shows the classes, the peildatum and ``notes``
    (e.g. the population's date); the attribution control names the sources. With
    ``freshness``, the tooltip names each region's peildatum and stale regions get a
    dashed outline, explained in the legend. ``banner`` stands at the top of the map
    (e.g. that it shows a past date).
    """
    columns = [key, value_column, *([freshness.text_column, freshness.stale_column]
                                    if freshness else [])]
    joined = shapes[[key, name_column, "geometry"]].merge(table[columns], on=key, how="left")
    values = shown_values(joined[value_column], decimals)
    if breaks is None:  # quantile classes; a fixed scale (e.g. 0–100 %) can be passed in
        breaks = class_breaks(values, len(palette().colours), decimals)
    joined["kleur"] = class_colours(assign_classes(values, breaks), max(len(breaks) - 1, 1))
    joined["waarde"] = [html_text(texts.NO_DATA if pd.isna(v) else format_number(v, decimals))
                        for v in values]
    joined["naam"] = joined[name_column].map(html_text)
    fields, aliases = ["naam", "waarde"], ["", html_text(legend_title)]
    if freshness:
        joined["peil"] = joined[freshness.text_column].fillna("").map(html_text)
        joined["oud"] = joined[freshness.stale_column].fillna(False).astype(bool)
        fields.append("peil")
        aliases.append(html_text(texts.PEILDATUM))
    else:
        joined["oud"] = False
    joined = joined[[key, *fields[:1], *fields[1:], "kleur", "oud", "geometry"]]

    fmap = ZoomableMap(tiles=None, zoom_control=True, scrollWheelZoom=False,
                       prefer_canvas=False, zoom_snap=0.25)
    offline_assets(fmap)
    SteadyFocus().add_to(fmap)
    MetricScale().add_to(fmap)
    if basemap:
        folium.TileLayer(PDOK_TILES, attr=texts.MAP_BACKGROUND_ATTRIBUTION,
                         name=texts.MAP_BACKGROUND_LAYER, max_zoom=19).add_to(fmap)
    highlighted = set(highlight)
    layer = folium.GeoJson(
        pack_frame(joined),
        name=legend_title, filter=JsCode(UNPACK_JS),
        style_function=lambda f: _region_style(f["properties"], key, highlighted),
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=True),
    ).add_to(fmap)
    KeyboardRegions(layer).add_to(fmap)
    HatchedNoData(layer, palette().no_data).add_to(fmap)
    fmap.fit_bounds(_bounds(joined))
    Legend(legend_title, legend_entries(breaks, decimals), peildatum, notes=notes,
           dashed=freshness.legend if freshness and joined["oud"].any() else None).add_to(fmap)
    Attribution(list(attributions)).add_to(fmap)
    if banner:
        MapBanner(banner).add_to(fmap)
    return fmap


@dataclass(frozen=True)
class Freshness:
    """Which columns of a choropleth's table hold each region's peildatum text and stale flag."""

    text_column: str
    stale_column: str
    legend: str


STALE_DASH = "6 4"


def _region_style(properties: dict[str, object], key: str,
                  highlighted: set[str]) -> dict[str, object]:
    """Fill by class; a thick black border when highlighted, a dashed one when stale."""
    style: dict[str, object] = {"fillColor": properties["kleur"], "fillOpacity": 0.85,
                                "color": palette().border, "weight": 0.8}
    if properties.get("oud"):
        style.update(color=STALE_BORDER, weight=2.5, dashArray=STALE_DASH)
    if properties[key] in highlighted:
        style.update(color="#000000", weight=3)
    return style


OUTSIDE_FILL = "#f7f7f7"
TARGET_BORDER = "#d7301f"


def build_supply_map(
    shapes: gpd.GeoDataFrame,
    suppliers: pd.DataFrame,
    targets: Sequence[str],
    *,
    legend_title: str,
    peildatum: str,
    attributions: Sequence[str],
    basemap: bool = False,
) -> folium.Map:
    """A map of who can come: searched regions coloured and labelled with their numbers.

    ``suppliers`` has region_code and deployable_persons (NaN: no data, grey)
    for the searched regions; other regions are pale ("buiten zoekgebied").
    Target regions get a thick red border. Each searched region with data shows
    its number at a point inside it.
    """
    joined = shapes[["region_code", "region_name", "geometry"]].merge(
        suppliers[["region_code", "deployable_persons"]], on="region_code", how="left")
    searched = joined["region_code"].isin(set(suppliers["region_code"]))
    values = joined["deployable_persons"]
    breaks = class_breaks(values, len(palette().colours), 0)
    colours = class_colours(assign_classes(values, breaks), max(len(breaks) - 1, 1))
    joined["kleur"] = [colour if inside else OUTSIDE_FILL
                       for inside, colour in zip(searched, colours, strict=True)]
    joined["waarde"] = [html_text(texts.DEPLOY_OUTSIDE_LEGEND.lower() if not inside
                                  else texts.NO_DATA if pd.isna(v) else format_number(v))
                        for inside, v in zip(searched, values, strict=True)]
    joined["doel"] = joined["region_code"].isin(set(targets))
    joined["naam"] = joined["region_name"].map(html_text)
    layer = joined[["region_code", "naam", "waarde", "kleur", "doel", "geometry"]]

    fmap = ZoomableMap(tiles=None, zoom_control=True, scrollWheelZoom=False, zoom_snap=0.25)
    offline_assets(fmap)
    SteadyFocus().add_to(fmap)
    MetricScale().add_to(fmap)
    if basemap:
        folium.TileLayer(PDOK_TILES, attr=texts.MAP_BACKGROUND_ATTRIBUTION,
                         name=texts.MAP_BACKGROUND_LAYER, max_zoom=19).add_to(fmap)
    shapes_layer = folium.GeoJson(
        pack_frame(layer), name=legend_title,
        filter=JsCode(UNPACK_JS),
        style_function=lambda f: {
            "fillColor": f["properties"]["kleur"], "fillOpacity": 0.85,
            "color": TARGET_BORDER if f["properties"]["doel"] else palette().border,
            "weight": 4 if f["properties"]["doel"] else 0.8,
        },
        tooltip=folium.GeoJsonTooltip(fields=["naam", "waarde"],
                                      aliases=["", html_text(legend_title)], sticky=True),
    ).add_to(fmap)
    KeyboardRegions(shapes_layer).add_to(fmap)
    HatchedNoData(shapes_layer, palette().no_data).add_to(fmap)
    labelled = joined[searched & values.notna()]
    points = labelled.geometry.representative_point()
    for point, value, is_target in zip(points, labelled["deployable_persons"],
                                       labelled["doel"], strict=True):
        folium.Marker([point.y, point.x], icon=folium.DivIcon(
            html=_number_label(format_number(value), bool(is_target)),
            icon_size=(56, 20), icon_anchor=(28, 10), class_name="capaciteit-getal"),
        ).add_to(fmap)
    fmap.fit_bounds(_bounds(joined[searched]) if searched.any() else NL_BOUNDS)
    entries = [*legend_entries(breaks, 0), (OUTSIDE_FILL, texts.DEPLOY_OUTSIDE_LEGEND)]
    Legend(legend_title, entries, peildatum).add_to(fmap)
    Attribution(list(attributions)).add_to(fmap)
    return fmap


def _number_label(text: str, is_target: bool) -> str:
    border = TARGET_BORDER if is_target else "#333333"
    return (f'<div style="font:bold 12px/18px sans-serif;text-align:center;background:#fff;'
            f'border:1px solid {border};border-radius:3px;padding:0 3px;'
            f'white-space:nowrap">{html_text(text)}</div>')


def offline_assets(fmap: folium.Map) -> folium.Map:
    """Point the map at Leaflet served by the app itself; drop the CDN extras it does not use."""
    base = f"{STATIC_URL}/{LEAFLET_VERSION_DIR}"
    fmap.default_js = [("leaflet", f"{base}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{base}/leaflet.css")]
    return fmap


def install_map_assets(static_dir: Path) -> Path:
    """Copy Leaflet from the installed ``xstatic-leaflet`` package into ``static/leaflet``.

    Idempotent: files already in place with the same size are left alone.
    """
    from xstatic.pkg import leaflet  # imported here: only needed when installing

    source = Path(leaflet.BASE_DIR)
    target = static_dir / LEAFLET_VERSION_DIR
    for relative in ("leaflet.js", "leaflet.css", "images"):
        src, dst = source / relative, target / relative
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif not dst.exists() or dst.stat().st_size != src.stat().st_size:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return target


def map_asset_links(fmap: folium.Map) -> list[str]:
    """Every JS/CSS link the map asks a browser to load (as streamlit-folium collects them)."""
    links: list[str] = []

    def walk(element: object) -> None:
        links.extend(href for _, href in getattr(element, "default_css", []))
        links.extend(src for _, src in getattr(element, "default_js", []))
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(fmap)
    return links


class Legend(MacroElement):
    """A Leaflet control with the colour classes, the title and the peildatum."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function() {
                var div = L.DomUtil.create('div', 'capaciteit-legenda');
                div.setAttribute('role', 'region');
                div.setAttribute('aria-label', {{ this.label|tojson }});
                div.style.cssText = 'background:#fff;padding:6px 8px;font:12px/1.4 sans-serif;'
                    + 'border:1px solid #999;border-radius:4px;';
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
            var style = document.createElement('style');
            style.textContent = '.leaflet-container{background:#f4f6f8}';
            document.head.appendChild(style);
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, entries: list[tuple[str, str]], peildatum: str, *,
                 notes: Sequence[str] = (), dashed: str | None = None) -> None:
        super().__init__()
        self._name = "Legend"
        self.label = texts.MAP_LEGEND_LABEL
        rows = "".join(legend_row(hatched(colour) if colour == palette().no_data else colour, label)
                       for colour, label in entries)
        if dashed:
            rows += legend_row("#ffffff", dashed, border=f"2px dashed {STALE_BORDER}")
        lines = "".join(f'<div style="margin-top:4px">{html_text(line)}</div>'
                        for line in (peildatum, *notes))
        self.html = f"<strong>{html_text(title)}</strong>{rows}{lines}"


class SteadyFocus(MacroElement):
    """Leaflet focuses the map on mouse-down without scrolling the page that holds it.

    Leaflet's keyboard handler calls ``focus()`` on the map; in an iframe that scrolls
    the parent page between mouse-down and mouse-up, Leaflet then sees a drag and the
    first click on a region is lost. ``preventScroll`` keeps the page where it stands.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(keyboard) {
            if (!keyboard) { return; }
            keyboard.disable();
            keyboard._onMouseDown = function() {
                if (!this._focused) { this._map._container.focus({preventScroll: true}); }
            };
            keyboard.enable();
        })({{ this._parent.get_name() }}.keyboard);
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "SteadyFocus"


class Attribution(MacroElement):
    """Source attribution in Leaflet's attribution control (bottom right of the map)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {% for text in this.texts %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ text|tojson }});
        {% endfor %}
        {% endmacro %}
    """)

    def __init__(self, attributions: list[str]) -> None:
        super().__init__()
        self._name = "Attribution"
        self.texts = [html_text(line) for line in attributions]


def _bounds(gdf: gpd.GeoDataFrame) -> list[list[float]]:
    if gdf.empty:
        return NL_BOUNDS
    minx, miny, maxx, maxy = gdf.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def clicked_feature_code(value: object, key: str) -> str | None:
    """The code of the clicked feature in an ``st_folium`` value, if any."""
    if not isinstance(value, dict):
        return None
    feature = value.get("last_active_drawing")
    if not isinstance(feature, dict):
        return None
    code = (feature.get("properties") or {}).get(key)
    return str(code) if code else None
