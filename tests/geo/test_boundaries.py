"""Fetching, repairing, deriving and caching the gebiedsindeling, against real loopback servers."""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import itertools
import json
import shutil
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from capaciteit.geo.boundaries import (
    LAYERS,
    MANIFEST,
    Boundaries,
    BoundaryError,
    build_boundaries,
    derive_neighbours,
    load_boundaries,
    prepare_boundaries,
    repair_geometries,
)

RD = "EPSG:28992"
REGION_LAYER = LAYERS["regions"]
MUNICIPALITY_LAYER = LAYERS["municipalities"]
WFS_PATH = "/cbs/gebiedsindelingen/{jaar}/wfs/v1_0"
ATTRIBUTION = "Bron gebiedsindeling: CBS/Kadaster (PDOK), CC BY 4.0"  # from the shared README
EXPECTED_REGIONS = [f"VR{n:02d}" for n in range(1, 26)]


# --- loopback servers -------------------------------------------------------------------


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def loopback_server(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def folder_server(folder: Path) -> Iterator[str]:
    with loopback_server(functools.partial(_QuietFiles, directory=str(folder))) as url:
        yield url


def wfs_handler(layers: dict[str, bytes], seen: list[tuple[str, dict[str, list[str]]]],
                year: int) -> type[BaseHTTPRequestHandler]:
    """A minimal PDOK-like WFS: GetFeature answers the layer named by ``typeName``."""

    class Wfs(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            parts = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(parts.query)
            seen.append((parts.path, query))
            layer = query.get("typeName", [""])[0].removeprefix("gebiedsindelingen:")
            if parts.path != WFS_PATH.format(jaar=year) or layer not in layers:
                self.send_error(404)
                return
            body = layers[layer]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Wfs


def unused_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- helpers ----------------------------------------------------------------------------


def shared_layers(shared_regions: Path) -> dict[str, bytes]:
    return {layer: (shared_regions / f"{layer}.geojson").read_bytes()
            for layer in LAYERS.values()}


def raw_by_key(shared_regions: Path) -> dict[str, bytes]:
    return {key: (shared_regions / f"{layer}.geojson").read_bytes()
            for key, layer in LAYERS.items()}


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file in a cache folder with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reference_table(shared_regions: Path) -> pd.DataFrame:
    return pd.read_csv(shared_regions / "gemeente_veiligheidsregio.csv", sep=";", dtype=str)


def invalid_in_source(shared_regions: Path) -> list[str]:
    """Codes of the source's invalid geometries, found here with geopandas."""
    invalid: list[str] = []
    for layer in LAYERS.values():
        gdf = gpd.read_file(shared_regions / f"{layer}.geojson")
        invalid += gdf.loc[~gdf.is_valid, "statcode"].tolist()
    return sorted(invalid)


def swap_axes(collection: dict[str, Any]) -> dict[str, Any]:
    """The same FeatureCollection with every coordinate pair as (lat, lon)."""

    def swap(coords: Any) -> Any:
        if isinstance(coords[0], int | float):
            return [coords[1], coords[0], *coords[2:]]
        return [swap(c) for c in coords]

    swapped = copy.deepcopy(collection)
    for feature in swapped["features"]:
        feature["geometry"]["coordinates"] = swap(feature["geometry"]["coordinates"])
    return swapped


# --- fixtures ---------------------------------------------------------------------------


@dataclass
class Fetched:
    """Caches built from the shared copy through each source path, and what the WFS saw."""

    caches: dict[str, tuple[Path, dict[str, Any]]] = field(default_factory=dict)
    repaired: dict[str, int] = field(default_factory=dict)
    wfs_requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)


@pytest.fixture(scope="module")
def fetched(shared_regions: Path, tmp_path_factory: pytest.TempPathFactory) -> Fetched:
    """The shared copy fetched through every code path: folder, file://, http:// and WFS."""
    result = Fetched()

    def run(name: str, source: str | None, wfs_url: str = "unused") -> None:
        directory = tmp_path_factory.mktemp(f"cache-{name}")
        manifest, repaired = prepare_boundaries(directory, source=source, year=2023,
                                                wfs_url=wfs_url)
        result.caches[name] = (directory, manifest)
        result.repaired[name] = repaired

    run("map", str(shared_regions))
    run("file-url", shared_regions.resolve().as_uri())
    with folder_server(shared_regions) as url:
        run("http-url", f"{url}/")
    handler = wfs_handler(shared_layers(shared_regions), result.wfs_requests, 2023)
    with loopback_server(handler) as url:
        run("pdok-wfs", None, url + WFS_PATH)
    return result


@pytest.fixture
def old_cache(regions_cache: Path, tmp_path: Path) -> Path:
    """A complete earlier cache, in a folder this test may spoil."""
    directory = tmp_path / "regions"
    shutil.copytree(regions_cache, directory)
    return directory


SOURCES = ["map", "file-url", "http-url", "pdok-wfs"]


# --- (a) fetching -----------------------------------------------------------------------


def test_the_wfs_request_asks_pdok_for_geojson_in_wgs84_per_layer(fetched):
    seen = fetched.wfs_requests
    assert len(seen) == 2
    assert sorted(q["typeName"][0] for _, q in seen) == sorted(
        f"gebiedsindelingen:{layer}" for layer in LAYERS.values())
    for path, query in seen:
        assert path == "/cbs/gebiedsindelingen/2023/wfs/v1_0"
        assert query["service"] == ["WFS"]
        assert query["request"] == ["GetFeature"]
        assert query["outputFormat"] == ["application/json"]
        assert query["srsName"] == ["EPSG:4326"]


def test_the_wfs_path_carries_the_requested_year(shared_regions, tmp_path):
    seen: list[tuple[str, dict[str, list[str]]]] = []
    with loopback_server(wfs_handler(shared_layers(shared_regions), seen, 2021)) as url:
        prepare_boundaries(tmp_path, source=None, year=2021, wfs_url=url + WFS_PATH)
    assert {path for path, _ in seen} == {"/cbs/gebiedsindelingen/2021/wfs/v1_0"}


@pytest.mark.parametrize("name", SOURCES[1:])
def test_every_source_path_gives_the_same_cache_as_the_folder(fetched, name, shared_regions):
    files = {k: v["sha256"] for k, v in fetched.caches[name][1]["bestanden"].items()}
    expected = {k: v["sha256"] for k, v in fetched.caches["map"][1]["bestanden"].items()}
    assert files == expected
    assert fetched.repaired[name] == fetched.repaired["map"] == len(
        invalid_in_source(shared_regions))


# --- (b) result -------------------------------------------------------------------------


@pytest.mark.parametrize("name", SOURCES)
def test_the_cache_holds_exactly_the_25_regions_and_the_reference_municipalities(
        fetched, name, shared_regions):
    cached = load_boundaries(fetched.caches[name][0])
    assert cached.regions["region_code"].tolist() == EXPECTED_REGIONS
    assert sorted(cached.municipalities["gemeente_code"]) == sorted(
        reference_table(shared_regions)["gemeentecode"])  # 342 in the 2023 gebiedsindeling
    assert cached.municipalities["gemeente_code"].is_unique


@pytest.mark.parametrize("name", SOURCES)
def test_every_municipality_lies_in_the_region_the_reference_table_names(
        fetched, name, shared_regions):
    cached = load_boundaries(fetched.caches[name][0])
    reference = reference_table(shared_regions)
    derived = dict(zip(cached.municipalities["gemeente_code"],
                       cached.municipalities["region_code"], strict=True))
    expected = dict(zip(reference["gemeentecode"], reference["regiocode"], strict=True))
    mismatches = {code: (derived.get(code), region) for code, region in expected.items()
                  if derived.get(code) != region}
    assert mismatches == {}
    assert len(derived) == len(expected)


def test_each_municipality_falls_in_exactly_one_region_by_area(boundaries: Boundaries):
    regions = boundaries.regions.to_crs(RD).set_index("region_code").geometry
    municipalities = boundaries.municipalities.to_crs(RD)
    for code, geometry, region in zip(municipalities["gemeente_code"],
                                      municipalities.geometry,
                                      municipalities["region_code"], strict=True):
        share = regions.intersection(geometry).area / geometry.area
        assert share.idxmax() == region, code
        assert (share > 0.5).sum() == 1, code


# --- (c) repair -------------------------------------------------------------------------


def test_the_shared_copy_has_exactly_two_invalid_geometries(shared_regions):
    assert invalid_in_source(shared_regions) == ["GM0852", "VR11"]  # what the repairs below fix


def test_invalid_geometries_are_repaired_kept_and_keep_their_area(shared_regions):
    built, repaired = build_boundaries(raw_by_key(shared_regions))
    assert repaired == len(invalid_in_source(shared_regions))
    for layer, column, code, frame in [
        (REGION_LAYER, "region_code", "VR11", built.regions),
        (MUNICIPALITY_LAYER, "gemeente_code", "GM0852", built.municipalities),
    ]:
        original = gpd.read_file(shared_regions / f"{layer}.geojson").to_crs(RD)
        before = original.loc[original["statcode"] == code].geometry.iloc[0]
        after = frame.to_crs(RD).set_index(column).geometry.loc[code]
        assert after.is_valid
        assert after.geom_type in {"Polygon", "MultiPolygon"}
        assert after.area == pytest.approx(before.area, rel=0.01)
        assert after.symmetric_difference(before.buffer(0)).area < 0.01 * before.area


def test_the_repaired_region_covers_its_municipalities(boundaries, shared_regions):
    reference = reference_table(shared_regions)
    members = set(reference.loc[reference["regiocode"] == "VR11", "gemeentecode"])
    municipalities = boundaries.municipalities.to_crs(RD)
    parts = municipalities[municipalities["gemeente_code"].isin(members)]
    region = boundaries.regions.to_crs(RD).set_index("region_code").geometry.loc["VR11"]
    assert region.area == pytest.approx(parts.area.sum(), rel=0.01)


@pytest.mark.parametrize(("wkt", "repaired", "area"), [
    ("POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))", 1, 0.5),            # bow-tie: two triangles
    ("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))", 0, 4.0),            # valid: untouched
    ("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 2, -1 2, 0 2, 0 0))", 1, 16.0),  # zero-width spike
])
def test_repair_makes_a_geometry_valid_and_counts_it(wkt, repaired, area):
    gdf = gpd.GeoDataFrame({"code": ["X"]}, geometry=[shapely.from_wkt(wkt)], crs=RD)
    fixed, count = repair_geometries(gdf)
    assert count == repaired
    assert len(fixed) == 1
    assert fixed.geometry.iloc[0].is_valid
    assert fixed.geometry.iloc[0].geom_type in {"Polygon", "MultiPolygon"}
    assert fixed.geometry.iloc[0].area == pytest.approx(area)


# --- (d) neighbours ---------------------------------------------------------------------


def test_neighbours_are_symmetric_and_never_a_region_itself(boundaries):
    pairs = set(zip(boundaries.neighbours["region_code"],
                    boundaries.neighbours["neighbour_code"], strict=True))
    assert pairs
    assert all(a != b for a, b in pairs)
    assert pairs == {(b, a) for a, b in pairs}
    lengths = boundaries.neighbours.set_index(["region_code", "neighbour_code"])["border_km"]
    assert all(lengths[(a, b)] == lengths[(b, a)] for a, b in pairs)


def test_every_region_has_a_neighbour(boundaries):
    assert sorted(set(boundaries.neighbours["region_code"])) == EXPECTED_REGIONS


def test_neighbours_are_exactly_the_regions_that_share_a_border_line(boundaries):
    """Recompute from geometry: a 1 m wide strip along a shared border has ~ its length in m²."""
    regions = boundaries.regions.to_crs(RD).set_index("region_code").geometry
    listed = boundaries.neighbours.set_index(["region_code", "neighbour_code"])["border_km"]
    strips = {code: geometry.buffer(0.5) for code, geometry in regions.items()}
    for a, b in itertools.combinations(regions.index, 2):
        if regions[a].distance(regions[b]) > 1:
            assert (a, b) not in listed.index
            continue
        shared_m = strips[a].intersection(strips[b]).area
        if shared_m < 5:  # a point contact, not a border
            assert (a, b) not in listed.index, (a, b)
        else:
            assert (a, b) in listed.index, (a, b)
            assert listed[(a, b)] == pytest.approx(shared_m / 1000, abs=0.1, rel=0.02)


def _listed_pairs(boundaries: Boundaries) -> set[tuple[str, str]]:
    return set(zip(boundaries.neighbours["region_code"], boundaries.neighbours["neighbour_code"],
                   strict=True))


def _code_of(boundaries: Boundaries, name: str) -> str:
    return next(code for code, n in boundaries.region_names().items() if n == name)


@pytest.mark.parametrize(("a", "b"), [
    ("Amsterdam-Amstelland", "Zaanstreek-Waterland"),
    ("Utrecht", "Hollands Midden"),
    ("Brabant-Noord", "Brabant-Zuidoost"),
    ("Groningen", "Drenthe"),
])
def test_regions_known_to_border_each_other_are_neighbours(boundaries, a, b):
    a, b = _code_of(boundaries, a), _code_of(boundaries, b)
    regions = boundaries.regions.to_crs(RD).set_index("region_code").geometry
    assert regions[a].intersection(regions[b]).area < 1
    assert regions[a].boundary.intersection(regions[b].boundary).length > 1000
    listed = _listed_pairs(boundaries)
    assert (a, b) in listed


@pytest.mark.parametrize(("a", "b"), [
    ("Groningen", "Zuid-Limburg"),
    ("Fryslân", "Zeeland"),
    ("Haaglanden", "Twente"),
])
def test_regions_far_apart_are_not_neighbours(boundaries, a, b):
    a, b = _code_of(boundaries, a), _code_of(boundaries, b)
    listed = _listed_pairs(boundaries)
    assert (a, b) not in listed


def _square(x: float, y: float, size: float) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


def test_only_a_shared_line_of_at_least_ten_metres_makes_neighbours():
    x, y = 150_000, 450_000  # RD New, metres
    regions = gpd.GeoDataFrame({"region_code": ["A", "B", "C", "D"]}, geometry=[
        _square(x, y, 1000),                 # A
        _square(x + 1000, y, 1000),          # B: shares A's 1 km east edge
        _square(x + 2000, y + 1000, 1000),   # C: touches B in one corner only
        _square(x, y + 1000, 5),             # D: shares 5 m of A's north edge
    ], crs=RD)
    neighbours = derive_neighbours(regions)
    assert neighbours.to_dict("records") == [
        {"region_code": "A", "neighbour_code": "B", "border_km": 1.0},
        {"region_code": "B", "neighbour_code": "A", "border_km": 1.0},
    ]


# --- (e) manifest -----------------------------------------------------------------------


def test_the_manifest_names_source_year_time_hashes_and_attribution(shared_regions, tmp_path):
    before = datetime.now(UTC).replace(microsecond=0)
    with folder_server(shared_regions) as url:
        manifest, _ = prepare_boundaries(tmp_path, source=url, year=2025, wfs_url="unused")
    after = datetime.now(UTC)
    on_disk = json.loads((tmp_path / MANIFEST).read_text("utf-8"))
    assert on_disk == manifest
    assert manifest["bron"] == url
    assert manifest["jaar"] == 2023  # from jrstatcode, not the 2025 asked for
    assert before <= datetime.fromisoformat(manifest["opgehaald_op"]) <= after
    assert manifest["bronvermelding"] == ATTRIBUTION
    assert manifest["bron_sha256"] == {
        layer: sha256_file(shared_regions / f"{layer}.geojson") for layer in LAYERS.values()}
    named = {entry["bestand"] for entry in manifest["bestanden"].values()}
    assert named == {p.name for p in tmp_path.iterdir()} - {MANIFEST}
    for entry in manifest["bestanden"].values():
        assert sha256_file(tmp_path / entry["bestand"]) == entry["sha256"]


def test_the_year_asked_for_is_kept_when_the_data_names_none(shared_regions, tmp_path):
    source = tmp_path / "bron"
    source.mkdir()
    for layer in LAYERS.values():
        data = json.loads((shared_regions / f"{layer}.geojson").read_bytes())
        for feature in data["features"]:
            del feature["properties"]["jrstatcode"]
        (source / f"{layer}.geojson").write_text(json.dumps(data), "utf-8")
    manifest, _ = prepare_boundaries(tmp_path / "cache", source=str(source), year=2024,
                                     wfs_url="unused")
    assert manifest["jaar"] == 2024


def test_a_second_fetch_replaces_the_cache_without_leaving_old_files(shared_regions, old_cache):
    prepare_boundaries(old_cache, source=str(shared_regions), year=2023, wfs_url="unused")
    manifest = json.loads((old_cache / MANIFEST).read_text("utf-8"))
    named = {entry["bestand"] for entry in manifest["bestanden"].values()}
    assert {p.name for p in old_cache.iterdir()} == named | {MANIFEST}


# --- (f) bad input keeps the old cache --------------------------------------------------


def _copy_with(shared: Path, target: Path, layer: str,
               change: Callable[[dict[str, Any]], Any] | None = None,
               content: bytes | None = None) -> Path:
    target.mkdir()
    for name in LAYERS.values():
        shutil.copy(shared / f"{name}.geojson", target / f"{name}.geojson")
    path = target / f"{layer}.geojson"
    if content is not None:
        path.write_bytes(content)
    if change is not None:
        data = json.loads(path.read_bytes())
        change(data)
        path.write_text(json.dumps(data), "utf-8")
    return target


def _drop_region(code: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["features"] = [f for f in data["features"] if f["properties"]["statcode"] != code]
    return change


def _duplicate(code: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["features"] += [copy.deepcopy(f) for f in data["features"]
                             if f["properties"]["statcode"] == code]
    return change


def _drop_property(prop: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for feature in data["features"]:
            del feature["properties"][prop]
    return change


BAD_FOLDERS = {
    "24 regions": (REGION_LAYER, _drop_region("VR13"), None,
                   ["precies de 25 veiligheidsregio's", "24 gevonden", "Ontbrekend: VR13"]),
    "html instead of geojson": (MUNICIPALITY_LAYER, None, b"<html>Onderhoud</html>",
                                ["gemeente_gegeneraliseerd.geojson is geen geldige GeoJSON"]),
    "json but no featurecollection": (REGION_LAYER, None, b'{"type": "Feature"}',
                                      ["veiligheidsregio_gegeneraliseerd.geojson is geen geldige"]),
    "duplicate region": (REGION_LAYER, _duplicate("VR05"), None,
                         ["Dubbele codes in veiligheidsregio_gegeneraliseerd: VR05"]),
    "duplicate municipality": (MUNICIPALITY_LAYER, _duplicate("GM0014"), None,
                               ["Dubbele codes in gemeente_gegeneraliseerd: GM0014"]),
    "no statcode": (MUNICIPALITY_LAYER, _drop_property("statcode"), None,
                    ["mist de eigenschap 'statcode'"]),
}


@pytest.mark.parametrize("case", list(BAD_FOLDERS))
def test_a_bad_folder_is_refused_in_dutch_and_the_old_cache_stays(
        case, shared_regions, old_cache, tmp_path):
    layer, change, content, phrases = BAD_FOLDERS[case]
    source = _copy_with(shared_regions, tmp_path / "bron", layer, change, content)
    before = snapshot(old_cache)
    with pytest.raises(BoundaryError) as raised:
        prepare_boundaries(old_cache, source=str(source), year=2023, wfs_url="unused")
    for phrase in phrases:
        assert phrase in str(raised.value)
    assert snapshot(old_cache) == before


@pytest.mark.parametrize("case", list(BAD_FOLDERS))
def test_a_bad_http_source_is_refused_the_same_way(case, shared_regions, old_cache, tmp_path):
    layer, change, content, phrases = BAD_FOLDERS[case]
    source = _copy_with(shared_regions, tmp_path / "bron", layer, change, content)
    before = snapshot(old_cache)
    with folder_server(source) as url, pytest.raises(BoundaryError) as raised:
        prepare_boundaries(old_cache, source=url, year=2023, wfs_url="unused")
    for phrase in phrases:
        assert phrase in str(raised.value)
    assert snapshot(old_cache) == before


@pytest.mark.parametrize("serve", [False, True], ids=["folder", "http"])
def test_a_missing_layer_file_is_named(serve, shared_regions, old_cache, tmp_path):
    source = tmp_path / "bron"
    source.mkdir()
    shutil.copy(shared_regions / f"{REGION_LAYER}.geojson", source)
    before = snapshot(old_cache)
    with folder_server(source) as url, pytest.raises(BoundaryError) as raised:
        prepare_boundaries(old_cache, source=url if serve else str(source), year=2023,
                           wfs_url="unused")
    assert "ontbreekt het bestand gemeente_gegeneraliseerd.geojson" in str(raised.value)
    assert snapshot(old_cache) == before


@pytest.mark.parametrize("source", [
    "http://127.0.0.1:{port}/gebieden",
    "{tmp}/bestaat-niet",
])
def test_an_unreachable_source_is_refused_and_the_old_cache_stays(source, old_cache, tmp_path):
    where = source.format(port=unused_port(), tmp=tmp_path)
    before = snapshot(old_cache)
    with pytest.raises(BoundaryError) as raised:
        prepare_boundaries(old_cache, source=where, year=2023, wfs_url="unused")
    assert f"De bron {where} is niet bereikbaar" in str(raised.value)
    assert snapshot(old_cache) == before


def test_an_unreachable_pdok_says_how_to_work_offline(old_cache):
    before = snapshot(old_cache)
    wfs_url = f"http://127.0.0.1:{unused_port()}{WFS_PATH}"
    with pytest.raises(BoundaryError) as raised:
        prepare_boundaries(old_cache, source=None, year=2023, wfs_url=wfs_url)
    message = str(raised.value)
    assert "niet worden opgehaald bij PDOK" in message
    assert "CAPACITEIT_GEBIEDEN_BRON" in message
    assert snapshot(old_cache) == before


def test_a_wfs_exception_report_is_refused_as_not_geojson(shared_regions, old_cache):
    layers = shared_layers(shared_regions)
    layers[REGION_LAYER] = (b'<?xml version="1.0"?><ows:ExceptionReport><ows:Exception '
                            b'exceptionCode="InvalidParameterValue"/></ows:ExceptionReport>')
    seen: list[tuple[str, dict[str, list[str]]]] = []
    before = snapshot(old_cache)
    with loopback_server(wfs_handler(layers, seen, 2023)) as url, \
            pytest.raises(BoundaryError) as raised:
        prepare_boundaries(old_cache, source=None, year=2023, wfs_url=url + WFS_PATH)
    assert "veiligheidsregio_gegeneraliseerd.geojson is geen geldige GeoJSON" in str(raised.value)
    assert snapshot(old_cache) == before


# --- (g) axis order ---------------------------------------------------------------------


def test_a_wfs_answer_in_lat_lon_order_is_swapped_back(shared_regions, regions_cache, tmp_path):
    swapped = {}
    for layer in LAYERS.values():
        data = json.loads((shared_regions / f"{layer}.geojson").read_bytes())
        swapped[layer] = json.dumps(swap_axes(data)).encode()
    assert gpd.read_file(io.BytesIO(swapped[REGION_LAYER])).total_bounds[0] > 50
    seen: list[tuple[str, dict[str, list[str]]]] = []
    with loopback_server(wfs_handler(swapped, seen, 2023)) as url:
        manifest, _ = prepare_boundaries(tmp_path, source=None, year=2023,
                                         wfs_url=url + WFS_PATH)
    minx, miny, maxx, maxy = load_boundaries(tmp_path).regions.total_bounds
    assert 3 < minx < maxx < 8
    assert 50 < miny < maxy < 54
    reference = json.loads((regions_cache / MANIFEST).read_text("utf-8"))
    assert ({k: v["sha256"] for k, v in manifest["bestanden"].items()}
            == {k: v["sha256"] for k, v in reference["bestanden"].items()})


# --- (h) display geometry ---------------------------------------------------------------


def test_display_layers_have_every_area_and_valid_simpler_geometry(boundaries):
    for display, full in [(boundaries.regions_display, boundaries.regions),
                          (boundaries.municipalities_display, boundaries.municipalities)]:
        assert len(display) == len(full)
        assert display.geometry.is_valid.all()
        assert shapely.get_num_coordinates(display.geometry.values).sum() < \
            shapely.get_num_coordinates(full.geometry.values).sum()
    assert sorted(boundaries.regions_display["region_code"]) == EXPECTED_REGIONS


def test_simplified_regions_do_not_overlap(boundaries):
    geometries = list(boundaries.regions_display.to_crs(RD).geometry)
    overlap = sum(a.intersection(b).area for a, b in itertools.combinations(geometries, 2))
    assert overlap < 1.0  # m², against ~35,000 km² of land


def _holes(gdf: gpd.GeoDataFrame) -> list[shapely.Polygon]:
    union = shapely.union_all(gdf.to_crs(RD).geometry.values)
    return [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]


def test_simplified_regions_leave_no_gaps_between_them(boundaries):
    """Every hole in the simplified union is a hole (a lake) of the original union too."""
    original = _holes(boundaries.regions)
    simplified = _holes(boundaries.regions_display)
    assert len(simplified) == len(original)
    for hole in simplified:
        overlap = max(hole.intersection(o).area / hole.union(o).area for o in original)
        assert overlap > 0.95, f"new gap of {hole.area:.0f} m²"


def test_simplified_neighbours_still_share_their_border(boundaries):
    display = boundaries.regions_display.to_crs(RD).set_index("region_code").geometry
    long_borders = boundaries.neighbours[boundaries.neighbours["border_km"] >= 5]
    for a, b in zip(long_borders["region_code"], long_borders["neighbour_code"], strict=True):
        assert display[a].boundary.intersection(display[b].boundary).length > 1000, (a, b)
