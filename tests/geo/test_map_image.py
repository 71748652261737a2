"""The map as a PNG: the folium map's own colours per region, legend, title, date, sources."""

from __future__ import annotations

import io

import folium
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from capaciteit.geo.controls import STALE_BORDER
from capaciteit.geo.map_image import RD_NEW, MapLabels, figure_png, map_figure, map_png
from capaciteit.geo.maps import build_choropleth, class_breaks, legend_entries, palette

STALE_TEXT = "peildatum ouder dan 180 dagen"
SOURCES = ["Bron gebiedsindeling: CBS/Kadaster (PDOK), CC BY 4.0 (2023)", "Fictieve demogegevens"]
LABELS = MapLabels("Handhavingscapaciteit per veiligheidsregio", "Aantal personen, Boa's",
                   "Aantal personen", "Peildata: 4 april 2026 – 7 november 2026", SOURCES,
                   "Fictieve demogegevens: niet gebruiken voor besluiten")


def region_values(boundaries, silent: tuple[str, ...], seed: int) -> pd.DataFrame:
    codes = boundaries.regions["region_code"]
    values = pd.Series(np.random.default_rng(seed).integers(0, 5000, len(codes)).astype(float),
                       index=codes.index)
    values[codes.isin(silent)] = np.nan
    return pd.DataFrame({"region_code": codes, "persons": values})


def folium_colours(boundaries, table) -> dict[str, str]:
    fmap = build_choropleth(boundaries.regions_display, table, key="region_code",
                            name_column="region_name", value_column="persons",
                            legend_title="Aantal personen", peildatum="x", attributions=["y"])
    layer = next(c for c in fmap._children.values() if isinstance(c, folium.GeoJson))
    return {f["properties"]["region_code"]: f["properties"]["kleur"]
            for f in layer.data["features"]}


def drawn_colours(figure, boundaries) -> dict[str, str]:
    """The colour the image has at a point well inside each region (its representative point)."""
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())
    axes = figure.axes[0]
    shapes = boundaries.regions_display.to_crs(RD_NEW)
    colours = {}
    for code, shape in zip(shapes["region_code"], shapes.geometry, strict=True):
        inside = shape.buffer(-2000)  # 2 km from the border: never the edge line
        point = (inside if not inside.is_empty else shape).representative_point()
        x, y = axes.transData.transform((point.x, point.y))
        rgba = pixels[pixels.shape[0] - int(round(y)), int(round(x))]
        colours[code] = to_hex(rgba[:3] / 255)
    return colours


@pytest.mark.parametrize("silent, seed", [((), 1), (("VR01", "VR13"), 2), (("VR04",), 3)])
def test_each_region_has_the_colour_it_has_on_the_folium_map(boundaries, silent, seed):
    table = region_values(boundaries, silent, seed)
    figure = map_figure(boundaries.regions_display, table, key="region_code",
                        value_column="persons", labels=LABELS)
    expected = folium_colours(boundaries, table)
    assert drawn_colours(figure, boundaries) == expected
    assert {expected[c] for c in silent} <= {palette().no_data}
    assert len(set(expected.values()) - {palette().no_data}) == len(palette().colours)


def test_the_legend_has_the_maps_classes_and_geen_gegevens(boundaries):
    table = region_values(boundaries, ("VR04",), 4)
    figure = map_figure(boundaries.regions_display, table, key="region_code",
                        value_column="persons", labels=LABELS)
    legend = figure.axes[0].get_legend()
    shown = [(to_hex(h.get_facecolor()), t.get_text())
             for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)]
    assert shown == legend_entries(class_breaks(table["persons"], 5), 0)
    assert shown[-1] == (palette().no_data, "geen gegevens")
    assert legend.get_title().get_text() == "Aantal personen"


def test_title_subtitle_date_demo_label_and_sources_are_on_the_image(boundaries):
    table = region_values(boundaries, (), 5)
    figure = map_figure(boundaries.regions_display, table, key="region_code",
                        value_column="persons", labels=LABELS)
    words = [t.get_text() for t in figure.texts]
    assert words == [
        "Handhavingscapaciteit per veiligheidsregio",
        "Aantal personen, Boa's · Peildata: 4 april 2026 – 7 november 2026",
        "Fictieve demogegevens: niet gebruiken voor besluiten",
        "Bron gebiedsindeling: CBS/Kadaster (PDOK), CC BY 4.0 (2023)\nFictieve demogegevens"]


def test_real_data_carries_no_demo_label(boundaries):
    table = region_values(boundaries, (), 6)
    labels = MapLabels("T", "S", "L", "Peildatum: 1 mei 2026", SOURCES[:1])
    figure = map_figure(boundaries.regions_display, table, key="region_code",
                        value_column="persons", labels=labels)
    assert not any("Fictieve" in t.get_text() for t in figure.texts)


def test_a_map_without_any_data_is_all_grey_with_only_geen_gegevens(boundaries):
    table = region_values(boundaries, tuple(boundaries.regions["region_code"]), 7)
    figure = map_figure(boundaries.regions_display, table, key="region_code",
                        value_column="persons", labels=LABELS)
    assert set(drawn_colours(figure, boundaries).values()) == {palette().no_data}
    legend = figure.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["geen gegevens"]


def test_the_png_is_a_png_of_the_figure_size(boundaries):
    from matplotlib.image import imread

    data = map_png(boundaries.regions_display, region_values(boundaries, (), 8),
                   key="region_code", value_column="persons", labels=LABELS)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = imread(io.BytesIO(data))
    assert image.shape[:2] == (1440, 1200)  # 8 × 9.6 inches at 150 dpi
    assert figure_png(map_figure(boundaries.regions_display, region_values(boundaries, (), 8),
                                 key="region_code", value_column="persons",
                                 labels=LABELS)) == data


def test_stale_regions_have_the_dashed_purple_outline_explained_in_the_legend(boundaries):
    table = region_values(boundaries, ("VR04",), 8)
    stale_codes = ["VR01", "VR25"]
    table["stale"] = table["region_code"].isin(stale_codes)
    labels = MapLabels("T", "S", "L", "P", SOURCES[:1], stale_legend=STALE_TEXT)
    figure = map_figure(boundaries.regions_display, table, key="region_code",
                        value_column="persons", labels=labels, stale_column="stale")
    axes = figure.axes[0]
    outlines = [c for c in axes.collections
                if len(c.get_edgecolor()) and to_hex(c.get_edgecolor()[0]) == STALE_BORDER]
    assert len(outlines) == 1
    drawn = np.concatenate([path.vertices for path in outlines[0].get_paths()])
    stale = boundaries.regions_display.to_crs(RD_NEW)
    stale = stale[stale["region_code"].isin(stale_codes)]
    assert np.allclose([*drawn.min(axis=0), *drawn.max(axis=0)], stale.total_bounds)
    assert outlines[0].get_linestyle()[0][1] is not None  # dashed, not solid
    legend = axes.get_legend()
    last = legend.legend_handles[-1]
    assert (legend.get_texts()[-1].get_text(), to_hex(last.get_color()),
            last.get_linestyle()) == ("peildatum ouder dan 180 dagen", STALE_BORDER, "--")


def test_without_stale_regions_there_is_no_outline_and_no_legend_line(boundaries):
    table = region_values(boundaries, (), 9).assign(stale=False)
    labels = MapLabels("T", "S", "L", "P", SOURCES[:1], stale_legend=STALE_TEXT)
    figure = map_figure(boundaries.regions_display, table, key="region_code",
                        value_column="persons", labels=labels, stale_column="stale")
    assert STALE_TEXT not in [
        t.get_text() for t in figure.axes[0].get_legend().get_texts()]
