"""The theme in .streamlit/config.toml: text contrast at least 4.5:1, captions included."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
THEME = tomllib.loads(CONFIG.read_text("utf-8"))["theme"]
CAPTION_OPACITY = 0.6  # Streamlit draws st.caption at this opacity (seen in Chromium, 1.67)
WHITE = "#ffffff"
CODE_BACKGROUND = "#fdfdfd"  # what axe-core measured behind code in a caption


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def faded(colour: str, background: str, opacity: float) -> str:
    """``colour`` drawn at ``opacity`` over ``background``."""
    mixed = [round(opacity * int(colour[i:i + 2], 16)
                   + (1 - opacity) * int(background[i:i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def test_wcag_contrast_agrees_with_known_values():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    # a dark grey like Streamlit's default text fails once faded as a caption
    assert contrast(faded("#31333f", WHITE, CAPTION_OPACITY), WHITE) < 4.5


@pytest.mark.parametrize(("option", "background"), [("textColor", WHITE),
                                                    ("codeTextColor", CODE_BACKGROUND)])
def test_text_and_code_reach_4_5_to_1_also_in_a_caption(option, background):
    colour = THEME[option]
    assert contrast(colour, background) >= 4.5
    assert contrast(faded(colour, background, CAPTION_OPACITY), background) >= 4.5


def test_the_primary_colour_is_rijksoverheid_lintblauw_with_contrast_on_white():
    assert THEME["primaryColor"].lower() == "#154273"
    assert contrast(THEME["primaryColor"], WHITE) >= 4.5


def test_fonts_come_from_the_app_itself_never_from_elsewhere():
    urls = [face.get("url", "") for face in THEME.get("fontFaces", [])]
    assert all(url.startswith("app/static/") for url in urls), urls
    assert "://" not in str(THEME.get("font", ""))
