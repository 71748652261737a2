"""The national report: the map, the table and each region's freshness, as a PDF (fpdf2).

One click on the Kaart page gives a document to print or send: the map image
(``geo.map_image``), one row per veiligheidsregio with the mapped measure, the counts, the
peildatum, its age in days and whether it is stale, and the sources. Regions without data
read "geen gegevens", never 0. The text font is DejaVu Sans as matplotlib ships it, so every
Dutch character (ë, –, €) prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.enums import Align
from fpdf.fonts import FontFace

from capaciteit import texts
from capaciteit.capacity.aggregation import Measure, is_stale
from capaciteit.formatting import format_date, format_datetime, format_number
from capaciteit.geo.map_image import MapLabels, map_png

FONT = "DejaVu"
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
HEADER_FILL = (230, 236, 242)
STALE_FILL = (253, 224, 221)


@dataclass(frozen=True)
class ReportPage:
    """What the report states above and below its map and table (Dutch, from ``texts``)."""

    title: str
    lines: Sequence[str]  # measure and category, peildata, when it was made
    sources: Sequence[str]
    demo_warning: str | None = None


@dataclass(frozen=True)
class MapView:
    """The map as the Kaart page shows it: shapes, region table, measure and its captions."""

    shapes: pd.DataFrame  # regions_display (a GeoDataFrame)
    table: pd.DataFrame  # aggregation.region_table
    measure: Measure
    category_label: str
    peildatum: str
    attributions: Sequence[str]
    has_demo: bool
    stale_after_days: int | None = None  # set: regions the table flags stale are outlined

    def labels(self) -> MapLabels:
        """Title, subtitle, legend title, date and sources of the image."""
        stale = None if self.stale_after_days is None else \
            texts.STALE_LEGEND.format(dagen=self.stale_after_days)
        return MapLabels(texts.MAP_HEADER, f"{self.measure.label}, {self.category_label}",
                         self.measure.label, self.peildatum, self.attributions,
                         texts.MAP_IMAGE_DEMO if self.has_demo else None, stale)


def national_map_png(view: MapView) -> bytes:
    """The national map as on the Kaart page, as a PNG with title, legend, date and sources.

    Stale regions are outlined as on the page.
    """
    stale = "stale" if view.stale_after_days is not None and "stale" in view.table else None
    return map_png(view.shapes, view.table, key="region_code",  # type: ignore[arg-type]
                   value_column=view.measure.column, labels=view.labels(),
                   decimals=view.measure.decimals, stale_column=stale)


def national_report(view: MapView, versions: pd.DataFrame, *, today: date,
                    stale_after_days: int, made_at: datetime) -> bytes:
    """The one-click report of the map as shown: the map, the table and freshness (PDF)."""
    freshness = freshness_table(versions, view.table, today, stale_after_days)
    labels = view.labels()
    page = ReportPage(labels.title, [labels.subtitle, labels.peildatum,
                                     *summary_lines(view.table, freshness, stale_after_days)],
                      labels.attributions, labels.demo_warning)
    return report_pdf(page, national_map_png(view),
                      report_rows(view.table, freshness, view.measure), made_at)


def freshness_table(versions: pd.DataFrame, regions: pd.DataFrame, today: date,
                    stale_after_days: int) -> pd.DataFrame:
    """Per region: its peildata, the oldest one's age in days, stale or not, when it was sent.

    Regions without a current version have no dates (NaN/NaT) and are not called stale:
    they have no data at all, which the table says in its own words.
    """
    frame = regions[["region_code", "region_name"]].merge(
        versions[["region_code", "peildatum_min", "peildatum_max", "uploaded_at"]],
        on="region_code", how="left")
    now = pd.Timestamp(today)
    frame["age_days"] = [(now - pd.Timestamp(p)).days if pd.notna(p) else pd.NA
                         for p in frame["peildatum_min"]]
    frame["stale"] = [pd.notna(p) and is_stale(pd.Timestamp(p), now, stale_after_days)
                      for p in frame["peildatum_min"]]
    return frame.astype({"age_days": "Int64"})


def report_rows(table: pd.DataFrame, freshness: pd.DataFrame, measure: Measure) -> list[list[str]]:
    """The report's table as text: a header row, then one row per region (by name)."""
    rate = [measure.label] if measure.per_capita else []  # a count is a column already
    header = [texts.COLUMN_LABELS["region_name"], *rate, texts.MEASURES["persons"],
              texts.MEASURES["deployable_persons"], texts.MEASURES["fte"],
              *texts.REPORT_FRESHNESS_COLUMNS]
    own = [c for c in freshness.columns if c != "region_code"]  # the map's table may have them
    joined = table.drop(columns=own, errors="ignore").merge(freshness, on="region_code",
                                                            how="left")
    rows = [header]
    for _, row in joined.sort_values("region_name").iterrows():
        if pd.isna(row["persons"]):
            rows.append([row["region_name"], texts.NO_DATA] + [""] * (len(header) - 2))
            continue
        low, high = row["peildatum_min"], row["peildatum_max"]
        peil = format_date(low) if low == high else f"{format_date(low)} – {format_date(high)}"
        rows.append([
            row["region_name"], *[_number(row.get(measure.column), measure.decimals)
                                  for _ in rate],
            _number(row["persons"], 0), _number(row["deployable_persons"], 0),
            _number(row["fte"], 1), peil, str(row["age_days"]),
            texts.REPORT_STALE if row["stale"] else ""])
    return rows


def summary_lines(table: pd.DataFrame, freshness: pd.DataFrame,
                  stale_after_days: int) -> list[str]:
    """The national totals over the regions with data, and which regions are stale."""
    reported = table["persons"].notna()
    lines = [texts.REPORT_TOTALS.format(
        personen=format_number(table["persons"].sum()),
        inzetbaar=format_number(table["deployable_persons"].sum()),
        fte=format_number(table["fte"].sum(), 1), aantal=int(reported.sum()),
        totaal=len(table))]
    stale = freshness.loc[freshness["stale"], "region_name"].sort_values().tolist()
    lines.append(texts.REPORT_STALE_LINE.format(dagen=stale_after_days, aantal=len(stale),
                                                regios=", ".join(stale) or "–"))
    return lines


def report_pdf(page: ReportPage, map_image: bytes, rows: list[list[str]],
               made_at: datetime) -> bytes:
    """The report as PDF bytes: title, lines, the map, the table (stale rows shaded), sources."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(page.title)
    pdf.set_creation_date(made_at)
    pdf.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, page.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 10)
    for line in [*page.lines, texts.REPORT_MADE_AT.format(tijdstip=format_datetime(made_at))]:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT", align="L")
    if page.demo_warning:
        pdf.set_text_color(178, 24, 43)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 6, page.demo_warning, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.image(map_image, x=Align.C, w=165, alt_text=page.title)
    pdf.add_page()
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, texts.REPORT_TABLE_HEADING, new_x="LMARGIN", new_y="NEXT", align="L")
    _table(pdf, rows)
    pdf.ln(3)
    pdf.set_font(FONT, "", 8)
    for line in page.sources:
        pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT", align="L")
    return bytes(pdf.output())


def printable_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as text for print: Dutch numbers (whole, or with one decimal), "geen gegevens".

    A number column whose values are all whole shows no decimals; others show one.
    """
    shown = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            present = values.dropna().astype(float)
            decimals = 0 if (present == present.round()).all() else 1
            shown[column] = [texts.NO_DATA if pd.isna(v) else format_number(v, decimals)
                             for v in values]
    return shown.fillna("").astype(str).reset_index(drop=True)


def _table(pdf: FPDF, rows: list[list[str]]) -> None:
    pdf.set_font(FONT, "", 7.5)
    stale_style = FontFace(fill_color=STALE_FILL)
    widths = (36, *[24] * (len(rows[0]) - 7), 18, 18, 16, 40, 14, 18)
    aligns = ("LEFT", *["RIGHT"] * (len(rows[0]) - 4), "LEFT", "RIGHT", "LEFT")
    with pdf.table(col_widths=widths, line_height=4.5, text_align=aligns,
                   headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
                   repeat_headings=1) as table:
        for cells in rows:
            stale = cells[-1] == texts.REPORT_STALE
            row = table.row(style=stale_style if stale else None)
            for cell in cells:
                row.cell(cell)


def _number(value: float | None, decimals: int) -> str:
    return "" if value is None or pd.isna(value) else format_number(value, decimals)
