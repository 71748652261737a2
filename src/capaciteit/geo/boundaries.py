"""Gebiedsindeling: fetch, validate, derive and cache the CBS safety-region boundaries.

The cache in ``data/regions/`` holds the regions and municipalities (WGS84), the
municipality→region table derived by a spatial join, the regions' neighbours
derived from shared borders, simplified display geometries, and a
``manifest.json`` that names them. The manifest is written last with an atomic
rename, so a reader sees either the old complete cache or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from capaciteit import texts

LAYERS = {
    "regions": "veiligheidsregio_gegeneraliseerd",
    "municipalities": "gemeente_gegeneraliseerd",
}
REGION_CODES = tuple(f"VR{n:02d}" for n in range(1, 26))
WORK_CRS = "EPSG:28992"  # RD New: metres, for every geometric operation
DISPLAY_CRS = "EPSG:4326"
DISPLAY_TOLERANCE_M = 250.0
MIN_SHARED_BORDER_M = 10.0
MANIFEST = "manifest.json"


class BoundaryError(Exception):
    """The boundaries could not be fetched or are not valid; the message is Dutch."""


@dataclass(frozen=True)
class Boundaries:
    """The validated gebiedsindeling that every page and check stands on."""

    regions: gpd.GeoDataFrame
    municipalities: gpd.GeoDataFrame
    neighbours: pd.DataFrame
    regions_display: gpd.GeoDataFrame
    municipalities_display: gpd.GeoDataFrame
    manifest: dict[str, Any]

    def region_names(self) -> dict[str, str]:
        """Map region code to name, in code order."""
        return dict(zip(self.regions["region_code"], self.regions["region_name"], strict=True))

    def municipality_table(self) -> pd.DataFrame:
        """Municipality code, name and region code, without geometry."""
        return pd.DataFrame(
            self.municipalities[["gemeente_code", "gemeente_name", "region_code"]]
        )


def fetch_layers(source: str | None, year: int, wfs_url: str, timeout: float) -> dict[str, bytes]:
    """Download or read the two boundary layers as raw GeoJSON bytes.

    Parameters
    ----------
    source
        ``None`` for the PDOK WFS; otherwise a folder, a ``file://`` URL or an
        ``http(s)://`` URL of a folder that holds ``<layer>.geojson``.
    year
        Year of the CBS gebiedsindeling (PDOK serves one service per year).
    wfs_url
        The WFS endpoint template with ``{jaar}``.
    timeout
        Seconds to wait for each download.
    """
    return {key: _fetch_layer(source, layer, year, wfs_url, timeout)
            for key, layer in LAYERS.items()}


def layer_url(source: str | None, layer: str, year: int, wfs_url: str) -> str:
    """The URL or path one layer is read from."""
    if source is None:
        query = urllib.parse.urlencode({
            "service": "WFS", "version": "2.0.0", "request": "GetFeature",
            "typeName": f"gebiedsindelingen:{layer}", "outputFormat": "application/json",
            "srsName": "EPSG:4326",
        })
        return f"{wfs_url.format(jaar=year)}?{query}"
    if "://" in source:
        return f"{source.rstrip('/')}/{layer}.geojson"
    return str(Path(source) / f"{layer}.geojson")


def build_boundaries(raw: dict[str, bytes]) -> tuple[Boundaries, int]:
    """Parse, repair, validate and derive everything from the raw layers.

    Returns the boundaries (without manifest) and how many geometries were
    repaired. The year found in the data, if any, is in ``manifest["jaar"]``.
    """
    regions = _parse_layer(raw["regions"], LAYERS["regions"], "region")
    municipalities = _parse_layer(raw["municipalities"], LAYERS["municipalities"], "gemeente")
    regions, repaired_r = repair_geometries(regions)
    municipalities, repaired_m = repair_geometries(municipalities)
    validate_regions(regions)
    if municipalities.empty:
        raise BoundaryError(texts.BOUNDARIES_NO_MUNICIPALITIES)
    _check_unique(municipalities, "gemeente_code", LAYERS["municipalities"])
    municipalities = assign_municipalities(regions, municipalities)
    boundaries = Boundaries(
        regions=regions,
        municipalities=municipalities,
        neighbours=derive_neighbours(regions),
        regions_display=simplify_for_display(regions),
        municipalities_display=simplify_for_display(municipalities),
        manifest={"jaar": regions.attrs.get("jaar")},
    )
    return boundaries, repaired_r + repaired_m


def repair_geometries(gdf: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    """Make invalid geometries valid, keeping their polygonal parts; never drop one."""
    invalid = ~gdf.geometry.is_valid
    if not invalid.any():
        return gdf, 0
    fixed = gdf.copy()
    # "structure" keeps the area of overlapping parts (the default drops overlaps)
    repaired = shapely.make_valid(fixed.geometry[invalid].values, method="structure",
                                  keep_collapsed=False)
    polygonal = [_polygonal_part(g) for g in repaired]
    fixed.loc[invalid, "geometry"] = gpd.GeoSeries(polygonal, index=fixed.index[invalid],
                                                   crs=gdf.crs)
    return fixed, int(invalid.sum())


def validate_regions(regions: gpd.GeoDataFrame) -> None:
    """Require exactly the 25 safety regions VR01..VR25, each once."""
    _check_unique(regions, "region_code", LAYERS["regions"])
    found = set(regions["region_code"])
    missing = sorted(set(REGION_CODES) - found)
    unknown = sorted(found - set(REGION_CODES))
    if missing or unknown:
        raise BoundaryError(texts.BOUNDARIES_WRONG_REGIONS.format(
            aantal=len(found), ontbrekend=", ".join(missing) or "geen",
            onbekend=", ".join(unknown) or "geen"))


def assign_municipalities(
    regions: gpd.GeoDataFrame, municipalities: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Give every municipality the code of the one region that contains it.

    Uses a spatial join of each municipality's representative point (a point
    guaranteed inside the polygon) with the regions, in RD New.
    """
    points = municipalities[["gemeente_code", "geometry"]].to_crs(WORK_CRS)
    points["geometry"] = points.geometry.representative_point()
    joined = gpd.sjoin(points, regions[["region_code", "geometry"]].to_crs(WORK_CRS),
                       how="left", predicate="within")
    counts = joined.groupby("gemeente_code")["region_code"].count()
    orphans = sorted(counts.index[counts != 1])
    if orphans:
        raise BoundaryError(texts.BOUNDARIES_ORPHAN_MUNICIPALITIES.format(
            aantal=len(orphans), codes=", ".join(orphans[:20])))
    mapping = joined.set_index("gemeente_code")["region_code"]
    result = municipalities.copy()
    result["region_code"] = result["gemeente_code"].map(mapping)
    return result.sort_values("gemeente_code").reset_index(drop=True)


def derive_neighbours(regions: gpd.GeoDataFrame) -> pd.DataFrame:
    """Pairs of regions that share a border line (not just a point), both directions.

    Returns columns ``region_code``, ``neighbour_code`` and ``border_km``.
    """
    rd = regions[["region_code", "geometry"]].to_crs(WORK_CRS)
    pairs = gpd.sjoin(rd, rd, how="inner", predicate="intersects",
                      lsuffix="a", rsuffix="b")
    pairs = pairs[pairs["region_code_a"] != pairs["region_code_b"]]
    geometry = rd.set_index("region_code").geometry
    lengths = shapely.intersection(
        shapely.boundary(geometry.loc[pairs["region_code_a"]].values),
        shapely.boundary(geometry.loc[pairs["region_code_b"]].values),
    )
    result = pd.DataFrame({
        "region_code": pairs["region_code_a"].to_numpy(),
        "neighbour_code": pairs["region_code_b"].to_numpy(),
        "border_km": (shapely.length(lengths) / 1000).round(1),
    })
    result = result[result["border_km"] * 1000 >= MIN_SHARED_BORDER_M]
    return result.sort_values(["region_code", "neighbour_code"]).reset_index(drop=True)


def simplify_for_display(
    gdf: gpd.GeoDataFrame, tolerance_m: float = DISPLAY_TOLERANCE_M
) -> gpd.GeoDataFrame:
    """Simplify a coverage for the map, keeping shared borders shared.

    ``shapely.coverage_simplify`` simplifies each shared edge once, so
    neighbours get no gaps or slivers. Coordinates are rounded to 5 decimals
    (about 1 m) after projecting back to WGS84.
    """
    rd = gdf.to_crs(WORK_CRS)
    simplified = shapely.coverage_simplify(rd.geometry.values, tolerance_m)
    result = rd.copy()
    result["geometry"] = gpd.GeoSeries(simplified, index=rd.index, crs=WORK_CRS)
    result = result.to_crs(DISPLAY_CRS)
    result["geometry"] = shapely.set_precision(result.geometry.values, 1e-5)
    return result


def write_cache(
    boundaries: Boundaries, directory: Path, *, source: str, year: int,
    source_sha256: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Write the cache files and then, atomically, the manifest that names them."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "regions": ("veiligheidsregio", boundaries.regions),
        "municipalities": ("gemeente", boundaries.municipalities),
        "regions_display": ("veiligheidsregio_kaart", boundaries.regions_display),
        "municipalities_display": ("gemeente_kaart", boundaries.municipalities_display),
    }
    written: dict[str, dict[str, str]] = {}
    for key, (stem, gdf) in files.items():
        written[key] = _write_hashed(directory, stem, "geojson", gdf.to_json(drop_id=True).encode())
    written["neighbours"] = _write_hashed(
        directory, "buren", "csv", boundaries.neighbours.to_csv(index=False).encode())
    manifest = {
        "bron": source,
        "jaar": year,
        "bron_sha256": source_sha256 or {},
        "opgehaald_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "bronvermelding": texts.BOUNDARIES_ATTRIBUTION,
        "aantal_regios": len(boundaries.regions),
        "aantal_gemeenten": len(boundaries.municipalities),
        "bestanden": written,
    }
    tmp = directory / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    os.replace(tmp, directory / MANIFEST)
    _remove_unreferenced(directory, {f["bestand"] for f in written.values()})
    return manifest


def load_boundaries(directory: Path) -> Boundaries:
    """Read the cache named by the manifest; raise BoundaryError when there is none."""
    manifest_path = directory / MANIFEST
    if not manifest_path.exists():
        raise BoundaryError(texts.BOUNDARIES_NOT_PREPARED)
    manifest = json.loads(manifest_path.read_text("utf-8"))
    files = manifest["bestanden"]

    def read(key: str) -> gpd.GeoDataFrame:
        return gpd.read_file(directory / files[key]["bestand"])

    return Boundaries(
        regions=read("regions"),
        municipalities=read("municipalities"),
        neighbours=pd.read_csv(directory / files["neighbours"]["bestand"]),
        regions_display=read("regions_display"),
        municipalities_display=read("municipalities_display"),
        manifest=manifest,
    )


def prepare_boundaries(
    directory: Path, *, source: str | None, year: int, wfs_url: str, timeout: float = 60.0
) -> tuple[dict[str, Any], int]:
    """Fetch, validate and cache the boundaries; the old cache stays unless all succeeds.

    Returns the new manifest and the number of repaired geometries.
    """
    raw = fetch_layers(source, year, wfs_url, timeout)
    label = source if source is not None else wfs_url.format(jaar=year)
    boundaries, repaired = build_boundaries(raw)
    year = boundaries.manifest.get("jaar") or year
    hashes = {LAYERS[k]: hashlib.sha256(v).hexdigest() for k, v in raw.items()}
    manifest = write_cache(boundaries, directory, source=label, year=year, source_sha256=hashes)
    return manifest, repaired


def _fetch_layer(source: str | None, layer: str, year: int, wfs_url: str,
                 timeout: float) -> bytes:
    where = layer_url(source, layer, year, wfs_url)
    if source is not None and "://" not in source:
        path = Path(where)
        if not path.is_dir() and not path.parent.exists():
            raise BoundaryError(texts.BOUNDARIES_UNREACHABLE.format(
                bron=source, fout=texts.BOUNDARIES_NO_FOLDER))
        if not path.exists():
            raise BoundaryError(texts.BOUNDARIES_MISSING_FILE.format(
                bron=source, bestand=path.name))
        return path.read_bytes()
    try:
        request = urllib.request.Request(where, headers={"User-Agent": "capaciteit/0.1"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise BoundaryError(texts.BOUNDARIES_MISSING_FILE.format(
                bron=source or wfs_url.format(jaar=year), bestand=f"{layer}.geojson")) from error
        raise BoundaryError(_unreachable(source, year, wfs_url, texts.BOUNDARIES_HTTP_STATUS.format(
            status=error.code))) from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise BoundaryError(_unreachable(source, year, wfs_url, str(reason))) from error


def _unreachable(source: str | None, year: int, wfs_url: str, reason: str) -> str:
    if source is None:
        return texts.BOUNDARIES_NO_SOURCE.format(fout=reason)
    return texts.BOUNDARIES_UNREACHABLE.format(bron=source, fout=reason)


def _parse_layer(raw: bytes, layer: str, kind: str) -> gpd.GeoDataFrame:
    name = f"{layer}.geojson"
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise ValueError(texts.BOUNDARIES_NOT_COLLECTION)
        gdf = gpd.GeoDataFrame.from_features(data["features"], crs=DISPLAY_CRS)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BoundaryError(texts.BOUNDARIES_NOT_GEOJSON.format(
            bestand=name, fout=error)) from error
    gdf.attrs["jaar"] = _year_of(gdf)
    for prop in ("statcode", "statnaam"):
        if prop not in gdf.columns:
            raise BoundaryError(texts.BOUNDARIES_MISSING_PROPERTY.format(
                bestand=name, eigenschap=prop))
    gdf = gdf.rename(columns={"statcode": f"{kind}_code", "statnaam": f"{kind}_name"})
    gdf[f"{kind}_code"] = gdf[f"{kind}_code"].astype(str).str.strip()
    year = gdf.attrs["jaar"]
    gdf = _fix_axis_order(gdf[[f"{kind}_code", f"{kind}_name", "geometry"]])
    gdf = gdf.sort_values(f"{kind}_code").reset_index(drop=True)
    gdf.attrs["jaar"] = year
    return gdf


def _year_of(gdf: gpd.GeoDataFrame) -> int | None:
    """The year in PDOK's ``jrstatcode`` (``2023VR01``), when present."""
    if "jrstatcode" not in gdf.columns or gdf.empty:
        return None
    years = gdf["jrstatcode"].astype(str).str[:4]
    return int(years.iloc[0]) if years.str.isdigit().all() and years.nunique() == 1 else None


def _fix_axis_order(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Swap to lon/lat when a WFS answered EPSG:4326 in lat/lon order."""
    if gdf.empty:
        return gdf
    minx, _, _, _ = gdf.total_bounds
    if minx > 45:  # the Netherlands lies at 3..8 °E, 50..54 °N
        gdf = gdf.copy()
        gdf["geometry"] = shapely.transform(gdf.geometry.values, lambda c: c[:, ::-1])
    return gdf


def _polygonal_part(geometry: shapely.Geometry) -> shapely.Geometry:
    if isinstance(geometry, shapely.GeometryCollection) and not isinstance(
        geometry, shapely.MultiPolygon | shapely.Polygon
    ):
        parts = [g for g in shapely.get_parts(geometry)
                 if isinstance(g, shapely.Polygon | shapely.MultiPolygon)]
        return shapely.union_all(parts)
    return geometry


def _check_unique(gdf: gpd.GeoDataFrame, column: str, layer: str) -> None:
    duplicated = sorted(set(gdf.loc[gdf[column].duplicated(), column]))
    if duplicated:
        raise BoundaryError(texts.BOUNDARIES_DUPLICATE_CODES.format(
            laag=layer, codes=", ".join(duplicated)))


def _write_hashed(directory: Path, stem: str, ext: str, content: bytes) -> dict[str, str]:
    digest = hashlib.sha256(content).hexdigest()
    name = f"{stem}-{digest[:12]}.{ext}"
    target = directory / name
    if not target.exists():
        tmp = directory / f".{name}.tmp"
        tmp.write_bytes(content)
        os.replace(tmp, target)
    return {"bestand": name, "sha256": digest}


def _remove_unreferenced(directory: Path, keep: set[str]) -> None:
    for path in directory.iterdir():
        if path.suffix in {".geojson", ".csv"} and path.name not in keep:
            path.unlink(missing_ok=True)
