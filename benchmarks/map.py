"""Benchmark 1: building + rendering the national map, against ``json.dumps`` of its GeoJSON."""

from __future__ import annotations

import json
from typing import Any

import folium
import pandas as pd
import shapely

from benchmarks.generators import TODAY
from benchmarks.report import print_table, timing_row
from benchmarks.timing import time_interleaved
from benchmarks.workspace import Workspace, shared_regions_dir
from capaciteit.capacity import aggregation
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.demo import generate_demo_records
from capaciteit.capacity.presentation import map_attributions
from capaciteit.geo.boundaries import REGION_CODES, Boundaries
from capaciteit.geo.maps import build_choropleth
from capaciteit.geo.packing import unpack_geometry

RUNS = 20


def run(workspace: Workspace) -> dict[str, Any]:
    """Time building + rendering the national choropleth against a plain json.dumps floor."""
    boundaries = workspace.boundaries
    table = demo_region_table(boundaries)
    attributions = map_attributions(boundaries.manifest, True, None)

    def build_and_render() -> str:
        return render(national_map(boundaries, table, attributions))

    html = build_and_render()
    geojson = embedded_geojson(national_map(boundaries, table, attributions))
    floor_text = json.dumps(geojson)
    timings = time_interleaved({"floor": lambda: json.dumps(geojson),
                                "ours": build_and_render}, RUNS)
    html_bytes, floor_bytes = len(html.encode()), len(floor_text.encode())
    return {
        "build_render": timings["ours"].as_dict(),
        "floor_json_dumps": timings["floor"].as_dict(),
        "time_ratio": timings["ours"].median / timings["floor"].median,
        "html_kb": html_bytes / 1024,
        "floor_kb": floor_bytes / 1024,
        "size_ratio": html_bytes / floor_bytes,
        "features": len(geojson["features"]),
        "raw_regions_geojson_kb": cached_file_kb(workspace, "regions"),
        "display_regions_geojson_kb": cached_file_kb(workspace, "regions_display"),
        "source_regions_geojson_kb": (
            shared_regions_dir() / "veiligheidsregio_gegeneraliseerd.geojson").stat().st_size
        / 1024,
    }


def demo_region_table(boundaries: Boundaries) -> pd.DataFrame:
    """The region table of the demo data, as the Kaart page makes it (all categories)."""
    records = generate_demo_records(boundaries.municipality_table(), default_categories(),
                                    today=TODAY)
    return aggregation.region_table(records, boundaries.regions, REGION_CODES)


def national_map(boundaries: Boundaries, table: pd.DataFrame,
                 attributions: list[str]) -> folium.Map:
    """The national choropleth of persons per region, as the Kaart page builds it."""
    return build_choropleth(
        boundaries.regions_display, table, key="region_code", name_column="region_name",
        value_column="persons", legend_title="Aantal personen",
        peildatum=f"Peildatum: {TODAY:%d-%m-%Y}", attributions=attributions)


def render(fmap: folium.Map) -> str:
    """The map's whole HTML document, as st_folium renders it on every run."""
    return str(fmap.get_root().render())


def embedded_geojson(fmap: folium.Map) -> dict[str, Any]:
    """The map's features as plain GeoJSON (what its HTML holds packed, unpacked).

    folium has no public accessor for a map's layers; ``_children`` is branca's.
    """
    for child in fmap._children.values():
        if isinstance(child, folium.GeoJson):
            return {**child.data, "features": [
                {**f, "geometry": shapely.geometry.mapping(unpack_geometry(f["geometry"]))}
                for f in child.data["features"]]}
    raise LookupError("the map has no GeoJson layer")


def cached_file_kb(workspace: Workspace, key: str) -> float:
    """Size of one file of the boundary cache, in KB."""
    name = workspace.boundaries.manifest["bestanden"][key]["bestand"]
    return (workspace.regions_dir / name).stat().st_size / 1024


def show(result: dict[str, Any]) -> None:
    """The national map against its floor."""
    build, floor = result["build_render"], result["floor_json_dumps"]
    print(f"\n1. Landelijke kaart ({result['features']} regio's), mediaan van "
          f"{build['runs']} runs na opwarmen, om de beurt met de vloer")
    print_table([
        ("", "ms (mediaan)", "spreiding ms", "vloer ms", "x vloer"),
        timing_row("build_choropleth + render", build, floor),
        ("", "KB", "", "vloer KB", "x vloer"),
        ("HTML van de kaart", f"{result['html_kb']:.1f}", "", f"{result['floor_kb']:.1f}",
         f"{result['size_ratio']:.2f}x"),
    ])
    print("  vloer: json.dumps van de GeoJSON van de kaart (in de HTML verpakt: hele getallen, "
          "elk punt als stap vanaf het vorige)")
    print(f"  Ter vergelijking: regio-GeoJSON onvereenvoudigd (cache) "
          f"{result['raw_regions_geojson_kb']:.1f} KB, vereenvoudigd (cache) "
          f"{result['display_regions_geojson_kb']:.1f} KB, bronbestand "
          f"{result['source_regions_geojson_kb']:.1f} KB")
