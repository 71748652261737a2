"""Region shapes packed for the map's HTML: whole numbers, each point as a step from the last.

The display geometry is rounded to 1e-5 degrees already (``boundaries.simplify_for_display``),
so ``[5.12345, 52.1234]`` becomes ``512345,5212340`` once and each next point only its step
(``-120,45``): the same points, about half the characters. A shared border holds the same
points on both sides, so it is still shared after unpacking. The browser unpacks each feature
in Leaflet's ``filter`` option, which Leaflet calls before it builds the feature's layer.

Packed ``coordinates`` are a text: polygons separated by ``|``, rings by ``;``, numbers by ``,``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

SCALE = 100_000  # 1e-5 degrees, the precision of the display geometry

UNPACK_JS = """function(feature) {
    var g = feature.geometry;
    if (g && typeof g.coordinates === "string") {
        g.coordinates = g.coordinates.split("|").map(function(polygon) {
            return polygon.split(";").map(function(ring) {
                var n = ring.split(","), points = [], x = 0, y = 0;
                for (var i = 0; i < n.length; i += 2) {
                    x += +n[i]; y += +n[i + 1];
                    points.push([x / SCALE, y / SCALE]);
                }
                return points;
            });
        });
    }
    return true;
}""".replace("SCALE", str(SCALE))


def pack_frame(frame: gpd.GeoDataFrame) -> dict[str, Any]:
    """A GeoDataFrame as a FeatureCollection with packed geometry (properties: its columns).

    A shape is packed once per process (the display geometry does not change).
    """
    properties = json.loads(frame.drop(columns=frame.geometry.name).to_json(orient="records"))
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": dict(_packed(geometry.wkb))}
        for props, geometry in zip(properties, frame.geometry, strict=True)]}


def pack_geometry(geometry: BaseGeometry) -> dict[str, str]:
    """A Polygon or MultiPolygon as a packed MultiPolygon."""
    polygons = getattr(geometry, "geoms", [geometry])
    return {"type": "MultiPolygon", "coordinates": "|".join(
        ";".join(_pack_ring(np.asarray(ring.coords)) for ring in
                 (polygon.exterior, *polygon.interiors))
        for polygon in polygons)}


@lru_cache(maxsize=512)
def _packed(wkb: bytes) -> dict[str, str]:
    return pack_geometry(shapely.from_wkb(wkb))


def unpack_geometry(packed: dict[str, Any]) -> BaseGeometry:
    """What the browser makes of a packed geometry (for tests and figures)."""
    if not isinstance(packed.get("coordinates"), str):
        return shapely.geometry.shape(packed)
    polygons = []
    for polygon in packed["coordinates"].split("|"):
        rings = [np.cumsum(np.array(ring.split(","), dtype=np.int64).reshape(-1, 2), axis=0)
                 / SCALE for ring in polygon.split(";")]
        polygons.append(shapely.Polygon(rings[0], rings[1:]))
    return shapely.MultiPolygon(polygons)


def _pack_ring(coords: np.ndarray) -> str:
    whole = np.rint(coords[:, :2] * SCALE).astype(np.int64)
    steps = np.diff(whole, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    return ",".join(map(str, steps.ravel().tolist()))
