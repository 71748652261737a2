"""Choropleth maps: colour classes, legend, tooltip, attribution, and offline Leaflet assets.

Leaflet puts tooltips, the legend and the attribution in the page as HTML, so every
text that goes into them is HTML-escaped here (``formatting.html_text``): a name
such as ``<img src=x onerror=…>`` is shown as typed, never run.
"""

from __future__ import annotations

import math
import shutil
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from capaciteit import texts
from capaciteit.formatting import format_number, html_text
from capaciteit.geo.packing import UNPACK_JS, pack_frame

STATIC_URL = "/app/static"
LEAFLET_VERSION_DIR = "leaflet"
PDOK_TILES = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
)
NL_BOUNDS = [[50.75, 3.35], [53.55, 7.25]]


@dataclass(frozen=True)
class Palette:
    """Colour classes for choropleths, read from reference data."""

    colours: tuple[str, ...]
    no_data: str
    border: str


@cache
def palette() -> Palette:
    """The reference palette (sequential, colour-blind safe)."""
    text = resources.files("capaciteit.reference").joinpath("kleurklassen.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Palette(tuple(data["kleuren"]), data["geen_gegevens"], data["rand"])


def class_breaks(values: pd.Series, n_classes: int) -> list[float]:
    """Quantile class breaks rounded to two significant digits, lowest to highest.

    Returns ``[min, b1, ..., max]``: class ``i`` holds values in
    ``[breaks[i], breaks[i+1])`` (the last class includes its upper bound).
    Missing values are ignored; fewer distinct values give fewer classes.
    """
    present = values.dropna().astype(float)
    if present.empty:
        return []
    low, high = float(present.min()), float(present.max())
    if low == high:
        return [low, high]
    distinct = np.unique(present)
    if len(distinct) <= n_classes:  # one class per value: break midway, rounded if it fits
        mids = [(float(a) + float(b)) / 2 for a, b in zip(distinct[:-1], distinct[1:], strict=True)]
        return [low, *(_round_nice(m) if a < _round_nice(m) < b else m
                       for m, a, b in zip(mids, distinct[:-1], distinct[1:], strict=True)), high]
    quantiles = np.quantile(present, np.linspace(0, 1, n_classes + 1))[1:-1]
    inner = sorted({_round_nice(q) for q in quantiles if low < _round_nice(q) < high})
    return [low, *inner, high]


def assign_classes(values: pd.Series, breaks: Sequence[float]) -> pd.Series:
    """Class index per value (0-based); -1 where the value is missing."""
    inner = np.asarray(breaks[1:-1], dtype=float)
    classes = np.searchsorted(inner, values.to_numpy(dtype=float, na_value=np.nan),
                              side="right")
    return pd.Series(np.where(values.isna(), -1, classes), index=values.index, dtype="int64")


def legend_entries(breaks: Sequence[float], decimals: int) -> list[tuple[str, str]]:
    """(colour, label) per class, plus the grey 'geen gegevens' entry."""
    colours = palette().colours
    entries = []
    for i in range(max(len(breaks) - 1, 0)):
        label = f"{format_number(breaks[i], decimals)} – {format_number(breaks[i + 1], decimals)}"
        entries.append((colours[_colour_index(i, len(breaks) - 1)], label))
    entries.append((palette().no_data, texts.NO_DATA))
    return entries


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
) -> folium.Map:
    """A folium choropleth of ``value_column`` joined to ``shapes`` on ``key``.

    Regions missing from ``table`` or with a missing value are grey and read
    "geen gegevens" in the tooltip, never 0. The legend shows the class breaks
    and the peildatum; the attribution control names the sources.
    """
    joined = shapes[[key, name_column, "geometry"]].merge(
        table[[key, value_column]], on=key, how="left")
    if breaks is None:  # quantile classes; a fixed scale (e.g. 0–100 %) can be passed in
        breaks = class_breaks(joined[value_column], len(palette().colours))
    classes = assign_classes(joined[value_column], breaks)
    n_classes = max(len(breaks) - 1, 1)
    joined["kleur"] = [palette().no_data if c < 0 else
                       palette().colours[_colour_index(int(c), n_classes)] for c in classes]
    joined["waarde"] = [html_text(texts.NO_DATA if pd.isna(v) else format_number(v, decimals))
                        for v in joined[value_column]]
    joined["naam"] = joined[name_column].map(html_text)
    joined = joined[[key, "naam", "waarde", "kleur", "geometry"]]

    fmap = folium.Map(tiles=None, zoom_control=True, scrollWheelZoom=False,
                      prefer_canvas=False, control_scale=True, zoom_snap=0.25)
    offline_assets(fmap)
    SteadyFocus().add_to(fmap)
    if basemap:
        folium.TileLayer(PDOK_TILES, attr=texts.MAP_BACKGROUND_ATTRIBUTION,
                         name=texts.MAP_BACKGROUND_LAYER, max_zoom=19).add_to(fmap)
    highlighted = set(highlight)
    folium.GeoJson(
        pack_frame(joined),
        name=legend_title, filter=JsCode(UNPACK_JS),
        style_function=lambda f: {
            "fillColor": f["properties"]["kleur"], "fillOpacity": 0.85,
            "color": "#000000" if f["properties"][key] in highlighted else palette().border,
            "weight": 3 if f["properties"][key] in highlighted else 0.8,
        },
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["naam", "waarde"],
                                      aliases=["", html_text(legend_title)], sticky=True),
    ).add_to(fmap)
    fmap.fit_bounds(_bounds(joined))
    Legend(legend_title, legend_entries(breaks, decimals), peildatum).add_to(fmap)
    Attribution(list(attributions)).add_to(fmap)
    return fmap


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
    breaks = class_breaks(values, len(palette().colours))
    classes = assign_classes(values, breaks)
    n_classes = max(len(breaks) - 1, 1)
    joined["kleur"] = [
        OUTSIDE_FILL if not inside else palette().no_data if c < 0
        else palette().colours[_colour_index(int(c), n_classes)]
        for inside, c in zip(searched, classes, strict=True)]
    joined["waarde"] = [html_text(texts.DEPLOY_OUTSIDE_LEGEND.lower() if not inside
                                  else texts.NO_DATA if pd.isna(v) else format_number(v))
                        for inside, v in zip(searched, values, strict=True)]
    joined["doel"] = joined["region_code"].isin(set(targets))
    joined["naam"] = joined["region_name"].map(html_text)
    layer = joined[["region_code", "naam", "waarde", "kleur", "doel", "geometry"]]

    fmap = folium.Map(tiles=None, zoom_control=True, scrollWheelZoom=False,
                      control_scale=True, zoom_snap=0.25)
    offline_assets(fmap)
    SteadyFocus().add_to(fmap)
    if basemap:
        folium.TileLayer(PDOK_TILES, attr=texts.MAP_BACKGROUND_ATTRIBUTION,
                         name=texts.MAP_BACKGROUND_LAYER, max_zoom=19).add_to(fmap)
    folium.GeoJson(
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
            style.textContent = '.leaflet-container{background:#f4f6f8}'
                + ' path.leaflet-interactive:focus{outline:none}';
            document.head.appendChild(style);
        })();
        {% endmacro %}
    """)

    def __init__(self, title: str, entries: list[tuple[str, str]], peildatum: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.label = texts.MAP_LEGEND_LABEL
        rows = "".join(
            f'<div><span style="display:inline-block;width:14px;height:14px;'
            f'background:{colour};border:1px solid #555;margin-right:6px;'
            f'vertical-align:middle"></span>{html_text(label)}</div>'
            for colour, label in entries
        )
        self.html = (f"<strong>{html_text(title)}</strong>{rows}"
                     f"<div style=\"margin-top:4px\">{html_text(peildatum)}</div>")


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


def _colour_index(class_index: int, n_classes: int) -> int:
    """Spread fewer classes over the full palette, so one class is not always the palest."""
    n_colours = len(palette().colours)
    if n_classes <= 1:
        return n_colours // 2
    return round(class_index * (n_colours - 1) / (n_classes - 1))


def _round_nice(value: float) -> float:
    if value == 0:
        return 0.0
    digits = 1 - int(math.floor(math.log10(abs(value))))
    return float(round(value, digits))


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
