"""Choropleths: colour classes as data, and the rendered map as a user would see it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from xstatic.pkg import leaflet

from capaciteit.geo.maps import (
    PDOK_TILES,
    assign_classes,
    build_choropleth,
    class_breaks,
    clicked_feature_code,
    install_map_assets,
    legend_entries,
    map_asset_links,
    palette,
)
from capaciteit.geo.packing import unpack_geometry

ATTRIBUTION = "Bron gebiedsindeling: CBS/Kadaster (PDOK), CC BY 4.0"
GREY = "#cccccc"
SILENT = "VR04"


@pytest.mark.parametrize(("values", "expected"), [
    ([], []),
    ([np.nan, np.nan], []),
    ([7, 7, 7], [7.0, 7.0]),
    ([np.nan, 3, np.nan, 3], [3.0, 3.0]),
    ([1, 2], [1.0, 1.5, 2.0]),
    ([1, 2, 2, 3], [1.0, 1.5, 2.5, 3.0]),
    ([np.nan, 1, 2, 2, 3, np.nan], [1.0, 1.5, 2.5, 3.0]),
    ([10, 11, 12], [10.0, 10.5, 11.5, 12.0]),
    ([1, 1, 1, 1, 100], [1.0, 50.0, 100.0]),
])
def test_class_breaks_of_hand_made_values(values, expected):
    assert class_breaks(pd.Series(values, dtype=float), 5) == expected


SERIES = {
    "uniform": np.arange(1, 26, dtype=float),
    "skewed": np.array([0, 0, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987],
                       dtype=float),
    "rates": np.random.default_rng(7).gamma(2.0, 3.0, 25),
    "with gaps": np.array([np.nan, 4.5, 120.0, np.nan, 33.3, 7.0, 61.0, 2.0, 90.0]),
    "large": np.random.default_rng(3).integers(100, 50_000, 25).astype(float),
}


@pytest.mark.parametrize("name", SERIES)
@pytest.mark.parametrize("n_classes", [3, 5])
def test_class_breaks_increase_from_minimum_to_maximum(name, n_classes):
    values = pd.Series(SERIES[name])
    breaks = class_breaks(values, n_classes)
    assert breaks[0] == values.min()
    assert breaks[-1] == values.max()
    assert all(a < b for a, b in zip(breaks, breaks[1:], strict=False))
    assert 2 <= len(breaks) <= n_classes + 1


@pytest.mark.parametrize("name", SERIES)
def test_every_present_value_gets_a_class_within_the_breaks(name):
    values = pd.Series(SERIES[name])
    breaks = class_breaks(values, 5)
    classes = assign_classes(values, breaks)
    last = len(breaks) - 2
    assert (classes[values.isna()] == -1).all()
    for value, cls in zip(values.dropna(), classes[values.notna()], strict=True):
        assert 0 <= cls <= last
        assert breaks[cls] <= value
        assert value < breaks[cls + 1] or (cls == last and value == breaks[-1])


@pytest.mark.parametrize(("values", "breaks", "expected"), [
    ([0.0, 4.9, 5.0, 9.9, 10.0, 20.0], [0.0, 5.0, 10.0, 20.0], [0, 0, 1, 1, 2, 2]),
    ([np.nan, 3.0, None], [0.0, 5.0, 10.0], [-1, 0, -1]),
    ([2.0, 2.0], [2.0, 2.0], [0, 0]),
])
def test_assign_classes_puts_missing_values_in_class_minus_one(values, breaks, expected):
    classes = assign_classes(pd.Series(values, dtype=float), breaks)
    assert classes.tolist() == expected


def test_legend_entries_end_with_the_grey_no_data_entry():
    entries = legend_entries([0.0, 5.0, 10.0, 20.0], 0)
    assert [label for _, label in entries] == ["0 – 4", "5 – 9", "10 – 20", "geen gegevens"]
    assert entries[-1] == (GREY, "geen gegevens")
    colours = [colour for colour, _ in entries[:-1]]
    full = palette().colours  # five colours: three classes take the palest, middle, darkest
    assert colours == [full[0], full[len(full) // 2], full[-1]]


def test_a_legend_without_values_has_only_the_no_data_entry():
    assert legend_entries([], 1) == [(GREY, "geen gegevens")]


def test_legend_labels_use_a_decimal_comma_and_thousands_dots():
    entries = legend_entries([1234.5, 20000.25], 1)
    assert entries[0][1] == "1.234,5 – 20.000,2"


@pytest.mark.parametrize(("breaks", "decimals", "expected"), [
    ([100.0, 598.0, 1000.0, 1400.0, 2100.0], 0,
     ["100 – 597", "598 – 999", "1.000 – 1.399", "1.400 – 2.100"]),
    ([0.0, 20.0, 40.0, 100.0], 1, ["0,0 – 19,9", "20,0 – 39,9", "40,0 – 100,0"]),
    ([3.0, 4.0, 9.0], 0, ["3", "4 – 9"]),
])
def test_legend_classes_do_not_overlap(breaks, decimals, expected):
    labels = [label for _, label in legend_entries(breaks, decimals)[:-1]]
    assert labels == expected


@pytest.mark.parametrize("name", SERIES)
@pytest.mark.parametrize("decimals", [0, 1])
def test_each_shown_value_lies_within_the_legend_label_of_its_class(name, decimals):
    values = pd.Series(SERIES[name]).round(decimals)
    breaks = class_breaks(values, 5, decimals)
    classes = assign_classes(values, breaks)
    labels = [label for _, label in legend_entries(breaks, decimals)[:-1]]
    step = 10.0 ** -decimals
    for value, cls in zip(values.dropna(), classes[values.notna()], strict=True):
        low, _, high = labels[cls].partition(" – ")
        as_float = [float(t.replace(".", "").replace(",", ".")) for t in (low, high or low)]
        assert as_float[0] - step / 2 <= value <= as_float[1] + step / 2, (value, labels[cls])
    assert len(set(labels)) == len(labels)


def features(html: str) -> list[dict]:
    """The GeoJSON features embedded in the rendered map."""
    match = re.search(r'_add\((\{"features".*\})\);', html)
    assert match, "no GeoJSON data in the map"
    return json.loads(match.group(1))["features"]


def fill_colours(html: str) -> dict[str, str]:
    """Fill colour per region, read from the rendered style switch (with its default)."""
    styler = re.search(r"_styler\(feature\) \{(.*?)\n        \}", html, re.DOTALL)
    assert styler, "no style function in the map"
    body = styler.group(1)
    colours: dict[str, str] = {}
    for cases, style in re.findall(r'((?:case "[A-Z]{2}\d+": )+)\s*return (\{[^}]*\});', body):
        for code in re.findall(r'case "([A-Z]{2}\d+)"', cases):
            colours[code] = json.loads(style)["fillColor"]
    default = re.search(r"default:\s*return (\{[^}]*\});", body)
    for feature in features(html):
        code = feature["properties"]["region_code"]
        if code not in colours:
            assert default, f"{code} has no style"
            colours[code] = json.loads(default.group(1))["fillColor"]
    return colours


def legend_html(html: str) -> str:
    match = re.search(r"div\.innerHTML = (\".*?\");\n", html)
    assert match, "no legend in the map"
    return json.loads(match.group(1))


def attributions(html: str) -> list[str]:
    return [json.loads(t) for t in re.findall(r"addAttribution\((\".*?\")\);", html)]


@pytest.fixture(scope="module")
def region_values(boundaries) -> pd.DataFrame:
    codes = boundaries.regions["region_code"]
    values = pd.Series(np.arange(len(codes), dtype=float) * 100 + 1234, index=codes.index)
    values[codes == SILENT] = np.nan
    return pd.DataFrame({"region_code": codes, "persons": values})


def choropleth(boundaries, table, **kwargs):
    options = {"key": "region_code", "name_column": "region_name", "value_column": "persons",
               "legend_title": "Aantal personen", "peildatum": "Peildatum: 3 november 2026",
               "attributions": [ATTRIBUTION, "Fictieve demogegevens"]}
    return build_choropleth(boundaries.regions_display, table, **{**options, **kwargs})


@pytest.fixture(scope="module")
def rendered(boundaries, region_values) -> str:
    return choropleth(boundaries, region_values).get_root().render()


def test_the_map_shows_all_25_regions(rendered, boundaries):
    codes = sorted(f["properties"]["region_code"] for f in features(rendered))
    assert codes == sorted(boundaries.regions["region_code"])
    assert len(codes) == 25


def test_a_region_without_data_is_grey_and_reads_geen_gegevens_not_zero(rendered):
    silent = [f["properties"] for f in features(rendered)
              if f["properties"]["region_code"] == SILENT]
    assert silent[0]["waarde"] == "geen gegevens"
    assert fill_colours(rendered)[SILENT] == GREY
    others = {code: colour for code, colour in fill_colours(rendered).items() if code != SILENT}
    assert len(others) == 24
    assert GREY not in others.values()


def test_the_tooltip_shows_the_region_name_and_its_formatted_value(rendered, boundaries,
                                                                   region_values):
    props = {f["properties"]["region_code"]: f["properties"] for f in features(rendered)}
    names = boundaries.region_names()
    first = region_values.dropna().iloc[-1]
    assert props[first["region_code"]]["naam"] == names[first["region_code"]]
    expected = f"{int(first['persons']) // 1000}.{int(first['persons']) % 1000:03d}"
    assert props[first["region_code"]]["waarde"] == expected
    assert 'let fields = ["naam", "waarde"];' in rendered
    assert '"Aantal personen"' in rendered.split("let aliases")[1].split(";")[0]


def test_the_legend_shows_the_title_the_classes_and_the_peildatum(rendered, region_values):
    legend = legend_html(rendered)
    breaks = class_breaks(region_values["persons"], len(palette().colours))
    assert "<strong>Aantal personen</strong>" in legend
    assert legend.count("</span>") == len(breaks)  # classes plus 'geen gegevens'
    assert "1.234 – " in legend  # the lowest value opens the first class
    assert "geen gegevens" in legend
    assert "Peildatum: 3 november 2026" in legend


def test_the_map_credits_the_boundaries_source_and_the_demo_data(rendered):
    assert attributions(rendered) == [ATTRIBUTION, "Fictieve demogegevens"]


def test_the_map_loads_leaflet_from_the_app_and_never_from_a_cdn(boundaries, region_values):
    fmap = choropleth(boundaries, region_values)
    links = map_asset_links(fmap)
    # the files install_map_assets copies into static/leaflet/, served at /app/static/
    assert sorted(links) == ["/app/static/leaflet/leaflet.css", "/app/static/leaflet/leaflet.js"]
    html = fmap.get_root().render()
    assert "cdn.jsdelivr" not in html
    assert "unpkg.com" not in html


@pytest.mark.parametrize(("basemap", "expected"), [(True, True), (False, False)])
def test_the_pdok_basemap_appears_only_when_asked(boundaries, region_values, basemap, expected):
    html = choropleth(boundaries, region_values, basemap=basemap).get_root().render()
    assert (PDOK_TILES.split("{z}")[0] in html) is expected
    assert ("L.tileLayer(" in html) is expected
    assert "openstreetmap" not in html


def test_a_map_where_no_region_has_data_is_all_grey(boundaries):
    table = pd.DataFrame({"region_code": boundaries.regions["region_code"],
                          "persons": np.nan})
    html = choropleth(boundaries, table).get_root().render()
    assert set(fill_colours(html).values()) == {GREY}
    assert {f["properties"]["waarde"] for f in features(html)} == {"geen gegevens"}


def test_highlighted_regions_get_a_thick_black_border(boundaries, region_values):
    html = choropleth(boundaries, region_values, highlight=["VR13"]).get_root().render()
    style = re.search(r'case "VR13":\s*return (\{[^}]*\});', html)
    assert style and json.loads(style.group(1))["weight"] == 3


@pytest.mark.parametrize(("value", "expected"), [
    (None, None),
    ("VR01", None),
    ({}, None),
    ({"last_active_drawing": None}, None),
    ({"last_active_drawing": {"properties": None}}, None),
    ({"last_active_drawing": {"properties": {"naam": "Drenthe"}}}, None),
    ({"last_active_drawing": {"properties": {"region_code": "VR03"}}}, "VR03"),
])
def test_clicked_feature_code_reads_the_code_of_the_clicked_region(value, expected):
    assert clicked_feature_code(value, "region_code") == expected


def tree(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_install_map_assets_copies_leaflet_into_the_static_folder(tmp_path):
    target = install_map_assets(tmp_path / "static")
    assert target == tmp_path / "static" / "leaflet"
    source = Path(leaflet.BASE_DIR)
    assert (target / "leaflet.js").read_bytes() == (source / "leaflet.js").read_bytes()
    assert (target / "leaflet.css").read_bytes() == (source / "leaflet.css").read_bytes()
    assert (target / "images" / "marker-icon.png").exists()


def test_installing_map_assets_twice_changes_nothing(tmp_path):
    first = tree(install_map_assets(tmp_path / "static"))
    second = tree(install_map_assets(tmp_path / "static"))
    assert first == second


def test_installing_map_assets_repairs_a_damaged_copy(tmp_path):
    target = install_map_assets(tmp_path / "static")
    (target / "leaflet.js").write_text("kapot")
    install_map_assets(tmp_path / "static")
    assert (target / "leaflet.js").read_bytes() == \
        (Path(leaflet.BASE_DIR) / "leaflet.js").read_bytes()


def test_a_fixed_scale_colours_zero_shares_palest_and_lists_every_class(boundaries):
    import folium as _folium

    from capaciteit.geo.maps import palette as _palette

    shares = boundaries.regions[["region_code"]].assign(share=0.0)
    fmap = build_choropleth(boundaries.regions_display, shares, key="region_code",
                            name_column="region_name", value_column="share",
                            legend_title="Gedekt (%)", peildatum="Peildatum: x",
                            attributions=["bron"], breaks=(0, 20, 40, 60, 80, 100))
    layer = next(c for c in fmap._children.values() if isinstance(c, _folium.GeoJson))
    colours = {f["properties"]["kleur"] for f in layer.data["features"]}
    assert colours == {_palette().colours[0]}
    html = fmap.get_root().render()
    for label in ("0 – 19", "20 – 39", "40 – 59", "60 – 79", "80 – 100"):
        assert json.dumps(label)[1:-1] in html  # the legend is embedded as a JSON string


# ---------------------------------------------------------------- outside text stays text

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_SHOWN = "&lt;img src=x onerror=alert(1)&gt;"  # what innerHTML shows as text


def test_tooltips_legend_and_attribution_show_hostile_names_as_text(boundaries, region_values):
    """Leaflet puts tooltip fields, legend and attribution in the page as HTML."""
    shapes = boundaries.regions_display.copy()
    shapes.loc[shapes["region_code"] == "VR13", "region_name"] = f"Amsterdam {HOSTILE}"
    fmap = build_choropleth(shapes, region_values, key="region_code", name_column="region_name",
                            value_column="persons", legend_title=f"Titel {HOSTILE}",
                            peildatum=f"Peildatum {HOSTILE}",
                            attributions=[f"Bron {HOSTILE}"])
    html = fmap.get_root().render()
    names = {f["properties"]["region_code"]: f["properties"]["naam"] for f in features(html)}
    assert names["VR13"] == f"Amsterdam {HOSTILE_SHOWN}"
    assert names["VR01"] == boundaries.region_names()["VR01"]  # plain names unchanged
    assert f"<strong>Titel {HOSTILE_SHOWN}</strong>" in legend_html(html)
    assert f"Peildatum {HOSTILE_SHOWN}" in legend_html(html)
    assert attributions(html) == [f"Bron {HOSTILE_SHOWN}"]
    aliases, _ = json.JSONDecoder().raw_decode(html.split("let aliases = ")[1])
    assert aliases == ["", f"Titel {HOSTILE_SHOWN}"]
    assert HOSTILE not in html


def test_the_lapsing_marker_tooltip_shows_a_hostile_region_name_as_text(boundaries):
    from capaciteit.agreements.coverage_map import build_coverage_map

    shapes = boundaries.regions_display.copy()
    shapes.loc[shapes["region_code"] == "VR13", "region_name"] = HOSTILE
    shares = boundaries.regions[["region_code"]].assign(
        covered_percent=50.0, expiring_count=[1 if c == "VR13" else 0
                                              for c in boundaries.regions["region_code"]])
    html = build_coverage_map(shapes, shares, days=90, peildatum="p",
                              attributions=["bron"]).get_root().render()
    assert f"{HOSTILE_SHOWN}: " in html  # folium's tooltip is HTML in a JS template string
    assert HOSTILE not in html


def test_the_map_takes_focus_without_scrolling_the_page_that_holds_it(rendered):
    """Leaflet's mouse-down focus scrolled the page and lost the first click (browser test)."""
    assert rendered.count("focus({preventScroll: true})") == 1
    assert re.search(r"\}\)\(map_\w+\.keyboard\);", rendered)  # this map's keyboard handler


def test_the_packed_shapes_unpack_to_the_25_display_shapes_with_shared_borders_touching(
        rendered, boundaries):
    shapes = {f["properties"]["region_code"]: unpack_geometry(f["geometry"])
              for f in features(rendered)}
    display = boundaries.regions_display.set_index("region_code").geometry
    assert sorted(shapes) == sorted(display.index) and len(shapes) == 25
    for code, shape in shapes.items():
        assert shape.is_valid, code
        assert shape.symmetric_difference(display[code]).area < 1e-12, code
    for a, b in boundaries.neighbours[["region_code", "neighbour_code"]].itertuples(
            index=False):
        shared = shapes[a].boundary.intersection(shapes[b].boundary)
        assert shared.length > 0.001, (a, b)  # a border line, not a point
        assert shapes[a].intersection(shapes[b]).area < 1e-12, (a, b)  # no overlap


def test_the_national_map_html_stays_within_80_kb(rendered):
    assert len(rendered.encode()) <= 80 * 1024
