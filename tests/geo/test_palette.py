"""The colour classes, checked as colour-blind readers and greyscale print see them.

Deuteranopia is simulated with Machado, Oliveira & Fernandes (2009), severity 1.0, in
linear sRGB; greyscale is the relative luminance (as a printer's grey); differences are
CIE76 ΔE in CIELAB (D65). A ΔE of about 10 is told apart at a glance on a map.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from capaciteit.geo.accessible import HATCH_ID, HATCH_LINE
from capaciteit.geo.maps import build_choropleth, palette

DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805],
                        [0.2126, 0.7152, 0.0722],
                        [0.0193, 0.1192, 0.9505]])
D65 = np.array([0.95047, 1.0, 1.08883])
APART = 10.0  # ΔE between neighbouring classes, at least


def linear(colour: str) -> np.ndarray:
    srgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    ratio = SRGB_TO_XYZ @ rgb_linear / D65
    f = np.where(ratio > 216 / 24389, np.cbrt(ratio), (24389 / 27 * ratio + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


VIEWS = {
    "normal": lambda rgb: rgb,
    "deuteranopia": lambda rgb: np.clip(DEUTERANOPIA @ rgb, 0, 1),
    "greyscale": lambda rgb: np.full(3, float(SRGB_TO_XYZ[1] @ rgb)),
}


def seen(colour: str, view: str) -> np.ndarray:
    return lab(VIEWS[view](linear(colour)))


def delta_e(a: str, b: str, view: str) -> float:
    return float(np.linalg.norm(seen(a, view) - seen(b, view)))


def test_the_colour_science_agrees_with_known_values():
    assert seen("#ffffff", "normal") == pytest.approx([100, 0, 0], abs=0.05)
    assert seen("#777777", "normal")[0] == pytest.approx(50.0, abs=0.5)
    assert delta_e("#ff0000", "#00ff00", "normal") > 100
    assert delta_e("#ff0000", "#00aa00", "deuteranopia") < delta_e("#ff0000", "#00aa00", "normal")
    assert delta_e("#ff0000", "#00aa00", "deuteranopia") < 35  # red/green merge for a deutan


@pytest.mark.parametrize("view", list(VIEWS))
def test_neighbouring_colour_classes_stay_apart(view):
    colours = palette().colours
    gaps = [delta_e(a, b, view) for a, b in zip(colours, colours[1:], strict=False)]
    assert min(gaps) >= APART, dict(zip(colours[1:], gaps, strict=True))


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_classes_run_from_light_to_dark_in_every_view(view):
    lightness = [seen(c, view)[0] for c in palette().colours]
    assert lightness == sorted(lightness, reverse=True)


def test_no_data_grey_alone_would_vanish_in_greyscale_so_the_map_hatches_it(boundaries):
    """The grey is as light as a class in print, so the hatching carries the difference."""
    closest = min(delta_e(palette().no_data, c, "greyscale") for c in palette().colours)
    assert closest < APART  # why the hatching is needed; if this fails, revisit it
    assert delta_e(HATCH_LINE, palette().no_data, "greyscale") >= 3 * APART
    codes = boundaries.regions["region_code"]
    table = pd.DataFrame({"region_code": codes, "persons": [np.nan] + [1.0] * (len(codes) - 1)})
    html = build_choropleth(
        boundaries.regions_display, table, key="region_code", name_column="region_name",
        value_column="persons", legend_title="Aantal personen", peildatum="Peildatum",
        attributions=["Bron"]).get_root().render()
    assert f'"{HATCH_ID}"' in html and f'"{palette().no_data}"' in html
    assert "repeating-linear-gradient" in html  # the legend's swatch is hatched too


def test_no_data_grey_is_apart_from_every_class_for_a_deutan():
    assert min(delta_e(palette().no_data, c, "deuteranopia") for c in palette().colours) >= APART
