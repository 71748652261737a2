"""Page tests: every page of the dashboard run in-process with AppTest on a real SQLite store.

The app reads its data folder from CAPACITEIT_DATA_DIR (the ``data_dir`` fixture);
expected figures are computed here from the stored records, not by the app's code.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from capaciteit import clock, texts
from capaciteit.formatting import format_date
from capaciteit.geo.boundaries import Boundaries
from capaciteit.settings import get_settings
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from tests.conftest import copy_database

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
REGION_PAGE = "pages/regio.py"
MAP_PAGE = "pages/kaart.py"
UPLOAD_PAGE = "pages/aanleveren.py"
DEMO_BANNER_START = "**Fictieve demogegevens.**"
FOLIUM = "streamlit_folium.st_folium"

# A folder named pages/ next to dashboard.py starts Streamlit in its older multipage
# mode, in which a page switched to directly runs without dashboard.py; the pages
# leave that mode themselves (pages/_shared.py). The banner tests on non-default
# pages below fail when that stops working.


# ---------------------------------------------------------------- helpers


def dutch_integer(value: float) -> str:
    """12345 -> '12.345', written out here rather than taken from the app."""
    return f"{round(value):,}".replace(",", ".")


def dutch_decimal(value: float, decimals: int) -> str:
    """980.5 -> '980,5', 12345.25 -> '12.345,2' (one decimal), written out here."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def app() -> AppTest:
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def run_page(page: str | None = None, *, regio: str | None = None) -> AppTest:
    """Open the app, then (as a user following a link) the page with ``?regio=``."""
    at = app()
    at.run()
    if regio is not None:
        at.query_params["regio"] = regio
    if page is not None:
        at.switch_page(page)
    if regio is not None or page is not None:
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def stored_records() -> pd.DataFrame:
    """All current records, read region by region (not through the app's summary query)."""
    engine = prepare_database(get_settings().effective_database_url)
    with engine.connect() as conn:
        codes = storage.current_versions(conn)["region_code"].tolist()
        frames = [storage.region_records(conn, code) for code in codes]
    engine.dispose()
    return pd.concat(frames, ignore_index=True)


def publish_real_data(region_code: str, gemeente_code: str) -> pd.DataFrame:
    """Publish one small, non-demo version for a region and return its records."""
    records = pd.DataFrame([
        {"region_code": region_code, "gemeente_code": gemeente_code,
         "organisation": "Gemeente handhaving", "organisation_id": None, "category": "boa",
         "subcategory": "domein-1", "persons": 1200, "fte": 950.5,
         "deployable_persons": 700, "deployable_within_hours": 24, "powers": "",
         "peildatum": pd.Timestamp(clock.today()), "note": ""},
        {"region_code": region_code, "gemeente_code": None,
         "organisation": "Regionale dienst", "organisation_id": None, "category": "defensie",
         "subcategory": "bijstand", "persons": 34, "fte": 30.0,
         "deployable_persons": 10, "deployable_within_hours": 24, "powers": "",
         "peildatum": pd.Timestamp(clock.today()), "note": ""},
    ])
    engine = prepare_database(get_settings().effective_database_url)
    with engine.begin() as conn:
        storage.publish_version(conn, region_code, records, uploaded_by="test",
                                filename="opgave.xlsx", is_demo=False)
    engine.dispose()
    return records


def map_features(at: AppTest, index: int = 0) -> list[dict]:
    """The GeoJSON features embedded in the script of the index-th folium map."""
    maps = [c for c in at.get("component_instance") if c.proto.component_name == FOLIUM]
    script = json.loads(maps[index].proto.json_args)["script"]
    start = script.index("_add(", script.index("function geo_json")) + len("_add(")
    collection, _ = json.JSONDecoder().raw_decode(script[start:])
    return collection["features"]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def shows_demo_banner(at: AppTest) -> bool:
    return any(w.value.startswith(DEMO_BANNER_START) for w in at.warning)


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def demo_data(data_dir: Path, demo_database: Path) -> pd.DataFrame:
    """The data folder with a copy of the demo database; returns the stored records."""
    copy_database(demo_database, data_dir).dispose()
    return stored_records()


@pytest.fixture
def population(demo_data: pd.DataFrame, boundaries: Boundaries) -> pd.DataFrame:
    """Inhabitants for every municipality, stored as a population load."""
    municipalities = boundaries.municipality_table()
    inhabitants = pd.DataFrame({
        "gemeente_code": municipalities["gemeente_code"],
        "inhabitants": [10_000 + 137 * i for i in range(len(municipalities))],
    })
    engine = prepare_database(get_settings().effective_database_url)
    with engine.begin() as conn:
        storage.save_population(conn, inhabitants, reference_date=date(2025, 1, 1),
                                filename="bevolking.csv", sha256="0" * 64)
    engine.dispose()
    return inhabitants.merge(municipalities, on="gemeente_code")


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("page, regio, title", [
    (None, None, texts.MAP_HEADER),
    (MAP_PAGE, None, texts.MAP_HEADER),
    (REGION_PAGE, None, None),
    (REGION_PAGE, "VR13", "VR13"),
    (REGION_PAGE, "VR25", "VR25"),
    (UPLOAD_PAGE, None, texts.UPLOAD_HEADER),
    (UPLOAD_PAGE, "VR13", texts.UPLOAD_HEADER),
])
def test_every_page_runs_without_exception_on_demo_data(demo_data, boundaries, page, regio,
                                                        title):
    at = run_page(page, regio=regio)
    expected = boundaries.region_names().get(title, title)
    assert [t.value for t in at.title] == ([expected] if expected else [])


@pytest.mark.parametrize("page, regio", [
    (None, None),
    pytest.param(REGION_PAGE, "VR13"),
    pytest.param(REGION_PAGE, None),
    pytest.param(UPLOAD_PAGE, None),
])
def test_the_demo_banner_is_shown_on_every_page_while_demo_data_is_present(
        demo_data, page, regio):
    assert shows_demo_banner(run_page(page, regio=regio))


@pytest.mark.parametrize("page, regio", [(None, None), (REGION_PAGE, "VR13")])
def test_the_demo_banner_is_not_shown_when_only_real_data_was_published(
        data_dir, boundaries, page, regio):
    gemeente = boundaries.municipality_table().query("region_code == 'VR13'")
    publish_real_data("VR13", gemeente["gemeente_code"].iloc[0])
    at = run_page(page, regio=regio)
    assert not shows_demo_banner(at)
    assert not any("Fictieve demogegevens" in str(w.value) for w in at.warning)


# ---------------------------------------------------------------- the map page


def test_the_national_total_is_the_sum_of_the_persons_stored(demo_data):
    at = run_page()
    assert metric(at, "Landelijk totaal: personen") == dutch_integer(demo_data["persons"].sum())
    assert metric(at, "Landelijk totaal: inzetbaar") == dutch_integer(
        demo_data["deployable_persons"].sum())
    assert metric(at, "Regio's met gegevens") == "25 van 25"


def test_the_national_total_of_real_data_counts_what_was_published(data_dir, boundaries):
    gemeente = boundaries.municipality_table().query("region_code == 'VR05'")
    published = publish_real_data("VR05", gemeente["gemeente_code"].iloc[0])
    at = run_page()
    assert metric(at, "Landelijk totaal: personen") == dutch_integer(published["persons"].sum())
    assert metric(at, "Landelijk totaal: FTE") == dutch_decimal(published["fte"].sum(), 1)
    assert metric(at, "Regio's met gegevens") == f"1 van {len(boundaries.regions)}"


@pytest.mark.parametrize("category", ["boa", "particuliere-beveiliging", "defensie"])
def test_choosing_a_category_changes_the_totals_to_that_categorys_sum(demo_data, category):
    at = run_page()
    everything = metric(at, "Landelijk totaal: personen")
    at.selectbox(key="categorie").set_value(category).run()
    assert not at.exception
    expected = demo_data.loc[demo_data["category"] == category, "persons"].sum()
    assert metric(at, "Landelijk totaal: personen") == dutch_integer(expected)
    assert metric(at, "Landelijk totaal: personen") != everything


def test_per_capita_measures_are_unavailable_with_an_explanation_without_population(demo_data):
    at = run_page()
    options = at.selectbox(key="maat").options
    assert not any("per 10.000 inwoners" in o for o in options)
    assert texts.PER_CAPITA_UNAVAILABLE in [c.value for c in at.caption]


def test_with_population_the_map_opens_on_persons_per_10000_inhabitants(demo_data, population):
    at = run_page()
    options = at.selectbox(key="maat").options
    assert "Aantal personen per 10.000 inwoners" in options
    assert not any("niet beschikbaar" in c.value for c in at.caption)
    assert at.selectbox(key="maat").value.label == "Aantal personen per 10.000 inwoners"
    assert any("Inwonertallen per 1 januari 2025" in c.value for c in at.caption)
    shown = at.dataframe[0].value.set_index("Regiocode")
    persons = demo_data[demo_data["region_code"] == "VR13"]["persons"].sum()
    inhabitants = population.loc[population["region_code"] == "VR13", "inhabitants"].sum()
    assert shown.loc["VR13", "Aantal personen per 10.000 inwoners"] == round(
        persons / inhabitants * 10_000, 1)
    national = demo_data["persons"].sum() / population["inhabitants"].sum() * 10_000
    sentence = next(m.value for m in at.markdown if m.value.startswith("Kaart van"))
    assert f"Landelijk: {dutch_decimal(national, 1)} per 10.000 inwoners" in sentence
    assert "Landelijk totaal" not in sentence


def test_the_map_offers_every_subcategory_indented_below_its_category(demo_data):
    at = run_page()
    box = at.selectbox(key="categorie")
    labels = box.options
    assert labels.index("\u2003\u2003Domein IV Openbaar vervoer") > labels.index("Boa's")
    box.select("boa/domein-4").run()
    assert not at.exception
    domain_4 = demo_data[(demo_data["category"] == "boa")
                         & (demo_data["subcategory"] == "domein-4")]
    shown = at.dataframe[0].value.set_index("Regiocode")
    by_region = domain_4.groupby("region_code")["persons"].sum()
    assert shown.loc["VR13", "Aantal personen"] == by_region.get("VR13", 0)
    assert metric(at, "Landelijk totaal: personen") == dutch_integer(domain_4["persons"].sum())


def test_the_map_holds_all_25_regions_and_the_attribution(demo_data, boundaries):
    at = run_page()
    maps = [c for c in at.get("component_instance") if c.proto.component_name == FOLIUM]
    assert len(maps) == 1
    features = map_features(at)
    assert sorted(f["properties"]["region_code"] for f in features) == sorted(
        boundaries.region_names())
    script = json.loads(maps[0].proto.json_args)["script"]
    assert "CBS/Kadaster (PDOK), CC BY 4.0" in script
    assert "addAttribution(\"Fictieve demogegevens\")" in script


def test_the_map_loads_leaflet_from_the_app_itself(demo_data):
    at = run_page()
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    for link in [*args["css_links"], *args["js_links"]]:
        assert link.startswith("/app/static/"), link


def test_clicking_a_region_on_the_map_opens_its_region_page(demo_data, boundaries):
    at = run_page()
    at.session_state["kaart"] = {"last_active_drawing": {"properties": {"region_code": "VR13"}}}
    at.run()
    assert not at.exception
    assert at.query_params["regio"] == "VR13"
    assert at.title[0].value == boundaries.region_names()["VR13"]


def test_the_region_table_can_be_downloaded_as_csv_and_excel_the_map_as_png_and_pdf(demo_data):
    at = run_page()
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel", "Kaart als afbeelding (PNG)",
                      "Rapport met kaart, tabel en actualiteit (PDF)"]


def test_the_map_page_holds_every_region_in_a_table_for_print(demo_data, boundaries):
    at = run_page()
    printed = at.table[0].value  # shown only when printing (pages/_print.py)
    assert len(printed) == 25
    assert sorted(printed["Veiligheidsregio"]) == sorted(boundaries.region_names().values())
    assert "None" not in printed.to_numpy().ravel().tolist()


def test_an_empty_database_shows_no_data_for_every_region(data_dir):
    at = run_page()
    assert not at.exception
    assert metric(at, "Regio's met gegevens") == "0 van 25"
    assert metric(at, "Landelijk totaal: personen") == "geen gegevens"  # missing is not 0
    features = map_features(at)
    assert len(features) == 25
    assert {f["properties"]["waarde"] for f in features} == {"geen gegevens"}
    assert at.dataframe[0].value["Aantal personen"].isna().all()
    assert not shows_demo_banner(at)


def test_a_missing_boundary_cache_shows_how_to_fetch_it(data_dir):
    shutil.rmtree(data_dir / "regions")
    for page in (None, REGION_PAGE):
        at = run_page(page, regio="VR13" if page else None)
        assert len(at.error) == 1
        assert "python -m capaciteit gebieden ophalen" in at.error[0].value
        assert not at.get("component_instance")


# ---------------------------------------------------------------- the region page


def test_a_deep_link_opens_the_page_of_that_region(demo_data, boundaries):
    at = run_page(REGION_PAGE, regio="VR13")
    assert at.title[0].value == boundaries.region_names()["VR13"]
    assert at.selectbox(key="regio").value == "VR13"
    assert not at.error


def test_a_deep_link_shows_the_regions_own_totals(demo_data):
    at = run_page(REGION_PAGE, regio="VR13")
    own = demo_data[demo_data["region_code"] == "VR13"]
    assert metric(at, "Aantal personen") == dutch_integer(own["persons"].sum())


def test_the_region_page_maps_exactly_the_regions_municipalities(demo_data, boundaries):
    at = run_page(REGION_PAGE, regio="VR13")
    expected = boundaries.municipality_table().query("region_code == 'VR13'")
    features = map_features(at)
    assert sorted(f["properties"]["gemeente_code"] for f in features) == sorted(
        expected["gemeente_code"])


def test_an_unknown_region_code_shows_a_dutch_error(demo_data):
    at = run_page(REGION_PAGE, regio="VR99")
    assert len(at.error) == 1
    assert "Onbekende veiligheidsregio 'VR99'" in at.error[0].value
    assert not at.title


def test_a_region_without_data_says_so(data_dir, boundaries):
    other = boundaries.municipality_table().query("region_code == 'VR01'")
    publish_real_data("VR01", other["gemeente_code"].iloc[0])
    at = run_page(REGION_PAGE, regio="VR13")
    name = boundaries.region_names()["VR13"]
    assert at.title[0].value == name
    assert [i.value for i in at.info if i.value != texts.LOCAL_MODE_BANNER] == [
        f"Voor {name} zijn nog geen capaciteitsgegevens ingediend."]
    assert not at.metric


def test_choosing_another_region_updates_the_link(demo_data, boundaries):
    at = run_page(REGION_PAGE, regio="VR13")
    at.selectbox(key="regio").set_value("VR01").run()
    assert not at.exception
    assert at.title[0].value == boundaries.region_names()["VR01"]
    assert at.query_params["regio"] == "VR01"


def step_charts(at: AppTest) -> list[dict]:
    """The charts of a page that step from version to version (the trends)."""
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    return [s for s in specs if s.get("mark", {}).get("interpolate") == "step-after"]


def test_the_map_page_charts_the_national_trend_and_counts_the_regions_in_it(demo_data):
    at = run_page()
    assert len(step_charts(at)) == 1
    note = next(c.value for c in at.caption if c.value.startswith("Per dag met een publicatie"))
    assert note.endswith("Regio's zonder gegevens tellen niet mee, niet als 0: op "
                         f"{format_date(clock.today())} 25 van 25 regio's met gegevens.")


def test_the_region_page_charts_the_regions_versions(demo_data):
    at = run_page("pages/regio.py", regio="VR13")
    assert len(step_charts(at)) == 1
    assert ("Elke versie geldt vanaf het moment van publiceren tot de volgende (1 versie(s), "
            "alle categorieën).") in [c.value for c in at.caption]
