"""The national map as a PNG, drawn without a browser (geopandas + matplotlib's Agg canvas).

Colours and classes are the folium map's own: the same quantile breaks (``maps.class_breaks``),
the same class per value (``maps.assign_classes``) and the same colour per class and legend
labels (``maps.legend_entries``); grey with a legend entry "geen gegevens" for no data, never
0. Drawn in RD New (EPSG:28992), so the country keeps its shape. Only matplotlib's object API
is used (``Figure`` with an Agg canvas), never pyplot: no global state, safe in a server.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import geopandas as gpd
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from capaciteit.geo.controls import STALE_BORDER
from capaciteit.geo.maps import assign_classes, class_breaks, legend_entries, palette

RD_NEW = "EPSG:28992"
DEMO_RED = "#b2182b"
STALE_DASHES: Final = "--"  # as the folium map's dashed outline


@dataclass(frozen=True)
class MapLabels:
    """What an image of a map states besides the colours: all of it Dutch, from ``texts``."""

    title: str
    subtitle: str  # the measure and category
    legend_title: str
    peildatum: str  # "Peildata: … – …"
    attributions: Sequence[str]  # sources, and the demo line while demo data is shown
    demo_warning: str | None = None  # a banner on the image itself while data are fictitious
    stale_legend: str | None = None  # with ``stale_column``: the dashed outline's legend text


def region_colours(values: pd.Series, breaks: Sequence[float] | None = None) -> list[str]:
    """The fill colour per value, as the folium choropleth gives it (grey for missing)."""
    if breaks is None:
        breaks = class_breaks(values, len(palette().colours))
    entries = legend_entries(breaks, 0)
    return [palette().no_data if c < 0 else entries[int(c)][0]
            for c in assign_classes(values, breaks)]


def map_figure(shapes: gpd.GeoDataFrame, table: pd.DataFrame, *, key: str, value_column: str,
               labels: MapLabels, decimals: int = 0, width_inches: float = 8.0,
               stale_column: str | None = None) -> Figure:
    """A matplotlib figure of ``value_column`` per shape: title, legend, date and sources.

    Shapes absent from ``table`` or with a missing value are grey ("geen gegevens").
    With ``stale_column`` (True where a region's peildatum is old), those regions get the
    folium map's dashed purple outline, explained in the legend by ``labels.stale_legend``.
    """
    columns = [key, value_column, *([stale_column] if stale_column else [])]
    joined = shapes[[key, "geometry"]].merge(table[columns], on=key, how="left")
    breaks = class_breaks(joined[value_column], len(palette().colours))
    projected = gpd.GeoDataFrame(joined, geometry="geometry", crs=shapes.crs).to_crs(RD_NEW)
    projected["kleur"] = region_colours(projected[value_column], breaks)

    figure = Figure(figsize=(width_inches, width_inches * 1.2), dpi=150)
    FigureCanvasAgg(figure)
    top = 0.86 if labels.demo_warning else 0.9
    axes = figure.add_axes((0.02, 0.08, 0.96, top - 0.09))
    projected.plot(ax=axes, color=projected["kleur"], edgecolor=palette().border, linewidth=0.5)
    stale = projected[projected[stale_column].eq(True)] if stale_column else projected.iloc[:0]
    if not stale.empty:  # on top, so a neighbour's border does not hide the dashes
        stale.boundary.plot(ax=axes, color=STALE_BORDER, linewidth=1.6, linestyle=STALE_DASHES)
    axes.set_axis_off()
    axes.set_aspect("equal")
    figure.text(0.04, 0.965, labels.title, fontsize=15, weight="bold", va="top")
    figure.text(0.04, 0.925, f"{labels.subtitle} · {labels.peildatum}", fontsize=10, va="top",
                color="#333333")
    if labels.demo_warning:
        figure.text(0.04, 0.89, labels.demo_warning, fontsize=10, weight="bold", va="top",
                    color="white", bbox={"facecolor": DEMO_RED, "edgecolor": DEMO_RED,
                                         "boxstyle": "round,pad=0.3"})
    entries = legend_entries(breaks, decimals)  # the classes, then grey "geen gegevens"
    handles: list[Artist] = [Patch(facecolor=colour, edgecolor="#555555", label=label)
                             for colour, label in entries]
    if not stale.empty and labels.stale_legend:
        handles.append(Line2D([], [], color=STALE_BORDER, linewidth=1.6,  # a Patch's dashes
                              linestyle=STALE_DASHES, label=labels.stale_legend))  # get lost
    axes.legend(handles=handles, title=labels.legend_title, loc="upper left", fontsize=9,
                title_fontsize=9, frameon=True, framealpha=0.95, alignment="left")
    figure.text(0.04, 0.03, "\n".join(labels.attributions), fontsize=7.5, va="bottom",
                color="#444444", linespacing=1.4)
    return figure


def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi, facecolor="white",
                   metadata={"Software": None})
    return buffer.getvalue()


def map_png(shapes: gpd.GeoDataFrame, table: pd.DataFrame, *, key: str, value_column: str,
            labels: MapLabels, decimals: int = 0, stale_column: str | None = None) -> bytes:
    """The map of :func:`map_figure` as a PNG."""
    return figure_png(map_figure(shapes, table, key=key, value_column=value_column,
                                 labels=labels, decimals=decimals, stale_column=stale_column))
