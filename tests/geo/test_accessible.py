"""The maps' accessibility in their HTML: zoom allowed, region shapes operable by keyboard."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from capaciteit.geo.accessible import zoomable_header
from capaciteit.geo.maps import build_choropleth, build_supply_map

FOLIUM_VIEWPORT = ('<meta name="viewport" content="width=device-width,\n'
                   '                initial-scale=1.0, maximum-scale=1.0, user-scalable=no" />')


@pytest.fixture(scope="module")
def maps(boundaries) -> dict[str, str]:
    codes = boundaries.regions["region_code"]
    table = pd.DataFrame({"region_code": codes,
                          "persons": np.arange(len(codes), dtype=float) + 10})
    choropleth = build_choropleth(
        boundaries.regions_display, table, key="region_code", name_column="region_name",
        value_column="persons", legend_title="Aantal personen", peildatum="Peildatum",
        attributions=["Bron"])
    supply = build_supply_map(
        boundaries.regions_display,
        pd.DataFrame({"region_code": codes[:3], "deployable_persons": [5.0, np.nan, 7.0]}),
        [codes.iloc[0]], legend_title="Inzetbaar", peildatum="Peildatum", attributions=["Bron"])
    return {"choropleth": choropleth.get_root().render(), "supply": supply.get_root().render()}


def test_zoomable_header_drops_only_the_zoom_block_of_folium_viewport():
    header = f"<style>x</style>{FOLIUM_VIEWPORT}<script>y</script>"
    assert zoomable_header(header) == ('<style>x</style><meta name="viewport" content='
                                       '"width=device-width,\n                initial-scale=1.0"'
                                       ' /><script>y</script>')


@pytest.mark.parametrize("kind", ["choropleth", "supply"])
def test_every_map_lets_the_reader_zoom(maps, kind):
    html = maps[kind]
    assert 'name="viewport"' in html
    assert "user-scalable=no" not in html and "maximum-scale" not in html


@pytest.mark.parametrize("kind", ["choropleth", "supply"])
def test_every_map_makes_its_region_shapes_keyboard_buttons(maps, kind):
    html = maps[kind]
    assert html.count("setAttribute('tabindex', '0')") == 1
    assert "setAttribute('role', 'button')" in html
    assert "event.key !== 'Enter'" in html
    assert "path.leaflet-interactive:focus-visible{stroke:#000" in html
