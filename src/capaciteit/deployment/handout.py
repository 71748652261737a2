"""The crisis answer fit to hand out: a static map image and a printable HTML page.

The map is drawn without a browser (geopandas + matplotlib's Agg canvas, no
pyplot state): the searched regions coloured by deployable persons with their
numbers, grey for no data, pale outside the search area, targets outlined red,
with legend, peildatum and sources. The page holds the demo warning as
prominently as the screen, the verdict in its colour, the map, whom to call,
the agreements, the cost with exact amounts, and the freshness per region.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass
from datetime import datetime
from numbers import Number

import geopandas as gpd
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from capaciteit import texts
from capaciteit.deployment.answer import Answer
from capaciteit.deployment.cost import CostEstimate, Duration
from capaciteit.deployment.verdict import GREEN, RED
from capaciteit.deployment.view import (
    agreement_view,
    caller_view,
    cost_sentences,
    cost_view,
    freshness_lines,
    supplier_view,
)
from capaciteit.formatting import format_datetime, format_number
from capaciteit.geo.boundaries import WORK_CRS
from capaciteit.geo.maps import OUTSIDE_FILL, assign_classes, class_breaks, palette

TARGET_EDGE = "#d7301f"
VERDICT_COLOURS = {GREEN: ("#e6f4ea", "#1e7b34"), "geel": ("#fff8e1", "#b58100"),
                   RED: ("#fdecea", "#b3261e")}
PRINT_CSS = """
body{font:11pt/1.4 sans-serif;color:#111;margin:2em}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:13pt;margin:1.2em 0 .3em}
table{border-collapse:collapse;width:100%;font-size:9pt;table-layout:auto}
th,td{border:1px solid #888;padding:2px 4px;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
td.n{text-align:right;white-space:nowrap}.stale{color:#a50f15;font-weight:bold}
.meta{color:#444}.demo{border:3px solid #b3261e;background:#fdecea;color:#7a1712;
font-size:14pt;font-weight:bold;padding:.5em .8em;margin:.6em 0}
.verdict{border-left:8px solid;padding:.4em .8em;margin:.4em 0}.verdict p{margin:.2em 0}
img.map{max-width:100%;max-height:120mm;display:block}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}
img.map,.verdict,.demo{break-inside:avoid}@page{size:A4 landscape;margin:12mm}}
"""


@dataclass(frozen=True)
class Handout:
    """Everything the printable answer and its workbook show."""

    answer: Answer
    question_text: str
    level: str  # verdict.LEVELS
    sentences: list[str]  # the verdict's, then notes (markdown)
    estimate: CostEstimate
    duration: Duration
    made_at: datetime
    demo: bool
    notes: list[str]  # sources and attributions


def map_image(regions: gpd.GeoDataFrame, suppliers: pd.DataFrame, targets: list[str], *,
              peildatum: str, attributions: list[str], width_in: float = 7.5) -> bytes:
    """A PNG of the search area: deployable persons per searched region, grey for no data."""
    shapes = regions[["region_code", "geometry"]].to_crs(WORK_CRS).merge(
        suppliers[["region_code", "deployable_persons"]], on="region_code", how="left")
    searched = shapes["region_code"].isin(set(suppliers["region_code"]))
    values = shapes["deployable_persons"].where(searched)
    breaks = class_breaks(values[searched], len(palette().colours))
    classes = assign_classes(values, breaks)
    colours = palette().colours
    n_classes = max(len(breaks) - 1, 1)
    fills = [OUTSIDE_FILL if not inside else palette().no_data if c < 0
             else colours[_spread(int(c), n_classes, len(colours))]
             for inside, c in zip(searched, classes, strict=True)]
    left, bottom, right, top = shapes[searched].total_bounds if searched.any() \
        else shapes.total_bounds
    pad = max(right - left, top - bottom) * 0.12
    figure = Figure(figsize=(width_in, width_in * 0.75), dpi=150)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0.08, 1, 0.92))
    ax.set_axis_off()
    shapes.plot(ax=ax, color=fills, edgecolor=palette().border, linewidth=0.5)
    ax.set_xlim(left - pad, right + pad)
    ax.set_ylim(bottom - pad, top + pad)
    ax.set_aspect("equal", adjustable="datalim")
    shapes[shapes["region_code"].isin(targets)].plot(
        ax=ax, facecolor="none", edgecolor=TARGET_EDGE, linewidth=2.2)
    for row, inside in zip(shapes.itertuples(), searched, strict=True):
        if inside and pd.notna(row.deployable_persons):
            point = row.geometry.representative_point()
            ax.annotate(format_number(row.deployable_persons), (point.x, point.y), ha="center",
                        va="center", fontsize=8, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#555",
                              "lw": 0.5})
    ax.legend(handles=_legend(breaks, n_classes), title=texts.DEPLOY_MAP_LEGEND,
              loc="upper left", fontsize=8, title_fontsize=9, frameon=True, framealpha=0.9)
    figure.text(0.01, 0.045, peildatum, fontsize=9)
    figure.text(0.01, 0.012, " · ".join(attributions), fontsize=8, color="#333")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def print_page(handout: Handout, map_png: bytes | None) -> str:
    """A self-contained, print-friendly HTML page of the answer for the team's meeting."""
    h, answer = handout, handout.answer
    agreements = (_table(agreement_view(answer)) if len(answer.agreements)
                  else f"<p>{_e(texts.DEPLOY_NO_AGREEMENTS)}</p>")
    callers = (_table(_blank_missing(caller_view(answer))) if len(answer.organisations)
               else f"<p>{_e(texts.DEPLOY_CALLERS_NONE)}</p>")
    fresh = "".join(f'<li{" class=stale" if texts.DEPLOY_STALE_MARK in line else ""}>'
                    f"{_e(line)}</li>" for line in freshness_lines(answer))
    fill, edge = VERDICT_COLOURS[h.level]
    image = (f'<img class=map alt="{_e(texts.PRINT_MAP_ALT)}" src="data:image/png;base64,'
             f'{base64.b64encode(map_png).decode("ascii")}">' if map_png else "")
    demo = f"<div class=demo>{_markdown_bold(texts.DEMO_BANNER)}</div>" if h.demo else ""
    return (
        f"<!doctype html><html lang=nl><head><meta charset=utf-8>"
        f"<title>{_e(texts.PRINT_TITLE)}</title><style>{PRINT_CSS}</style></head>"
        f"<body><h1>{_e(texts.PRINT_TITLE)}</h1>{demo}"
        f"<p class=meta>{_e(texts.PRINT_MADE.format(tijd=format_datetime(h.made_at)))}</p>"
        f"<h2>{_e(texts.PRINT_QUESTION)}</h2><p>{_e(h.question_text)}</p>"
        f"<h2>{_e(texts.PRINT_ANSWER)}</h2>"
        f'<div class="verdict {h.level}" style="background:{fill};border-color:{edge}">'
        + "".join(f"<p>{_markdown_bold(s)}</p>" for s in h.sentences) + "</div>"
        + image
        + f"<h2>{_e(texts.DEPLOY_SUPPLIERS)}</h2>{_table(supplier_view(answer))}"
        f"<p class=meta>{_markdown_bold(texts.DEPLOY_TERMS)}</p>"
        f"<h2>{_e(texts.DEPLOY_CALLERS)}</h2>{callers}"
        f"<p class=meta>{_e(texts.DEPLOY_CALLERS_CAPTION)}</p>"
        f"<h2>{_e(texts.DEPLOY_AGREEMENTS)}</h2>{agreements}"
        f"<h2>{_e(texts.COST_HEADER)}</h2>{_table(cost_view(h.estimate))}"
        + "".join(f"<p>{_markdown_bold(s)}</p>" for s in cost_sentences(h.estimate, h.duration))
        + f"<h2>{_e(texts.PRINT_FRESHNESS)}</h2><ul>{fresh}</ul>"
        + "".join(f"<p class=meta>{_e(n)}</p>" for n in h.notes)
        + "</body></html>")


def _blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing numbers as empty cells (an organisation without agreement has no lead time)."""
    return frame.astype(object).where(frame.notna(), "")


def _legend(breaks: list[float], n_classes: int) -> list[Patch]:
    colours = palette().colours
    handles = [Patch(facecolor=colours[_spread(i, n_classes, len(colours))], edgecolor="#555",
                     label=f"{format_number(low)} – {format_number(high)}")
               for i, (low, high) in enumerate(zip(breaks[:-1], breaks[1:], strict=True))]
    return [*handles,
            Patch(facecolor=palette().no_data, edgecolor="#555", label=texts.NO_DATA),
            Patch(facecolor=OUTSIDE_FILL, edgecolor="#555", label=texts.DEPLOY_OUTSIDE_LEGEND),
            Patch(facecolor="none", edgecolor=TARGET_EDGE, linewidth=2,
                  label=texts.PRINT_MAP_TARGET)]


def _spread(class_index: int, n_classes: int, n_colours: int) -> int:
    """The palette index of a class when there are fewer classes than colours."""
    if n_classes <= 1:
        return n_colours - 1
    return round(class_index * (n_colours - 1) / (n_classes - 1))


def _e(text: str) -> str:
    return html.escape(text)


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v) for v in row) + "</tr>"
        for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object) -> str:
    if value is pd.NA or (isinstance(value, Number) and not isinstance(value, bool)):
        shown = texts.NO_DATA if pd.isna(value) else format_number(value)  # type: ignore[arg-type]
        return f"<td class=n>{_e(shown)}</td>"
    return f"<td>{_e('' if value is None else str(value))}</td>"


def _markdown_bold(markdown: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(markdown))
