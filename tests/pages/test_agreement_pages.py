"""The Afspraken and Witte vlekken pages in AppTest, on a real SQLite store.

Forms are filled through their widgets; what was stored is read back through the
service, and expected texts and figures are written out here.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from capaciteit import clock, texts
from capaciteit.access.permissions import local_admin
from capaciteit.agreements import overview as agreement_overview
from capaciteit.agreements.rules import AgreementDraft, Catalogue
from capaciteit.agreements.service import create_agreement
from capaciteit.capacity.categories import default_categories
from capaciteit.geo.boundaries import Boundaries
from capaciteit.settings import get_settings
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from tests.conftest import copy_database
from tests.pages.support import open_page

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
AGREEMENTS_PAGE = "pages/afspraken.py"
WHITE_SPOTS_PAGE = "pages/witte-vlekken.py"
REGION_PAGE = "pages/regio.py"
TODAY = clock.today()
LOCAL_USER = f"lokaal ({getpass.getuser()})"  # no login configured: the local user acts


@pytest.fixture
def demo(data_dir: Path, demo_database: Path) -> Iterator[Engine]:
    """This test's own copy of the demo database."""
    engine = copy_database(demo_database, data_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def small(data_dir: Path) -> Iterator[Engine]:
    """Real (non-demo) figures for VR13 only: two boa organisations and defence."""
    engine = prepare_database(get_settings().effective_database_url)
    rows = [
        ("Gemeente Amsterdam", "boa", "domein-1", 100, 60),
        ("Stichting Toezicht", "boa", "domein-2", 30, 10),
        ("Kazerne Amsterdam", "defensie", "bijstand", 50, 40),
    ]
    records = pd.DataFrame(
        [
            {
                "region_code": "VR13",
                "gemeente_code": None,
                "organisation": org,
                "organisation_id": None,
                "category": cat,
                "subcategory": sub,
                "persons": persons,
                "fte": float(persons),
                "deployable_persons": deployable,
                "deployable_within_hours": 24,
                "powers": "",
                "peildatum": pd.Timestamp(TODAY),
                "note": "",
            }
            for org, cat, sub, persons, deployable in rows
        ]
    )
    with engine.begin() as conn:
        storage.publish_version(conn, "VR13", records, uploaded_by="test")
    yield engine
    engine.dispose()


def catalogue(boundaries: Boundaries) -> Catalogue:
    return Catalogue(boundaries.region_names(), default_categories())


DRAFT = AgreementDraft(
    region_code="VR13",
    partner_name="Gemeente Amsterdam",
    partner_type="gemeente",
    scopes=(("boa", None),),
    committed_persons=50,
    lead_time_hours=24,
    valid_from=TODAY - timedelta(days=10),
    valid_to=TODAY + timedelta(days=400),
    status="getekend",
)


def submit(at: AppTest, form: str) -> AppTest:
    button = next(b for b in at.button if b.label == "Opslaan" and b.form_id == form)
    button.click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def stored(engine: Engine) -> pd.DataFrame:
    return agreement_overview.list_agreements(engine, TODAY)[0]


# ---------------------------------------------------------------- the pages run


TITLES = {AGREEMENTS_PAGE: texts.AGREEMENTS_HEADER, WHITE_SPOTS_PAGE: texts.WHITE_SPOTS_HEADER}


@pytest.mark.parametrize("page", [AGREEMENTS_PAGE, WHITE_SPOTS_PAGE])
def test_the_pages_run_on_demo_data(demo, page):
    at = open_page(page)
    assert [t.value for t in at.title] == [TITLES[page]]
    assert not at.error


@pytest.mark.parametrize("page", [AGREEMENTS_PAGE, WHITE_SPOTS_PAGE])
def test_the_pages_run_on_an_empty_store(data_dir, page):
    at = open_page(page)
    assert [t.value for t in at.title] == [TITLES[page]]
    assert not at.error


def test_without_agreements_the_list_says_so(demo):
    at = open_page(AGREEMENTS_PAGE)
    assert "Er zijn nog geen afspraken vastgelegd." in [i.value for i in at.info]


# ---------------------------------------------------------------- the create form


def test_a_half_filled_form_lists_dutch_errors_and_stores_nothing(small):
    at = open_page(AGREEMENTS_PAGE)
    at.text_input(key="nieuw_partner_name").input("Stichting Toezicht")
    at.number_input(key="nieuw_committed_persons").set_value(-4)
    at.date_input(key="nieuw_valid_from").set_value(TODAY)
    at.date_input(key="nieuw_valid_to").set_value(TODAY - timedelta(days=1))
    submit(at, "nieuw_form")

    assert [e.value for e in at.error] == ["Niet opgeslagen: 6 fout(en). Er is niets opgeslagen."]
    problems = table_with(at, "Melding")
    assert problems[["Veld", "Melding"]].values.tolist() == [
        ["Veiligheidsregio", "kies een veiligheidsregio of 'landelijk'"],
        ["Soort partner", "is niet ingevuld"],
        ["Categorieën en subcategorieën", "kies ten minste één categorie of subcategorie"],
        ["Aanlooptijd (uur)", "is niet ingevuld"],
        ["Toegezegde personen", "-4 is negatief; vul 0 of meer in"],
        [
            "Geldig tot (leeg: onbepaald)",
            f"de einddatum {fmt(TODAY - timedelta(days=1))} ligt vóór de begindatum {fmt(TODAY)}",
        ],
    ]
    assert stored(small).empty
    assert at.text_input(key="nieuw_partner_name").value == "Stichting Toezicht"  # kept


def fmt(day: date) -> str:
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def fill_complete(at: AppTest, committed: int) -> AppTest:
    at.selectbox(key="nieuw_region_code").set_value("VR13")
    at.selectbox(key="nieuw_partner_type").set_value("defensie")
    at.text_input(key="nieuw_partner_name").input("Ministerie van Defensie")
    at.multiselect(key="nieuw_scopes").set_value(["defensie"])
    at.number_input(key="nieuw_committed_persons").set_value(committed)
    at.number_input(key="nieuw_lead_time_hours").set_value(48)
    at.date_input(key="nieuw_valid_from").set_value(TODAY - timedelta(days=1))
    at.selectbox(key="nieuw_status").set_value("getekend")
    at.text_input(key="nieuw_contact_person").input("K. de Boer")
    return at


def test_a_complete_form_is_stored_with_the_acting_user(small):
    at = submit(fill_complete(open_page(AGREEMENTS_PAGE), committed=30), "nieuw_form")
    assert [s.value for s in at.success] == [
        "Afspraak #1 met Ministerie van Defensie is opgeslagen."
    ]
    agreements = stored(small)
    assert agreements[
        ["partner_name", "partner_type", "committed_persons", "effective_status", "contact_person"]
    ].values.tolist() == [["Ministerie van Defensie", "defensie", 30, "geldig", "K. de Boer"]]
    log = agreement_overview.change_log(small, 1)
    assert log["changed_by"].tolist() == [LOCAL_USER]
    assert at.text_input(key="nieuw2_partner_name").value == ""  # a fresh form follows
    assert table_with(at, "Partner")["Partner"].tolist() == ["Ministerie van Defensie"]


def test_committing_above_capacity_warns_and_saves_only_after_confirmation(small):
    at = submit(fill_complete(open_page(AGREEMENTS_PAGE), committed=75), "nieuw_form")
    assert [w.value for w in at.warning][-1] == (
        "Niet opgeslagen: 1 waarschuwing(en). Vink de bevestiging aan en sla opnieuw op."
    )
    assert table_with(at, "Melding")["Melding"].tolist() == [
        "75 toegezegde personen is meer dan de geregistreerde capaciteit in "
        "Amsterdam-Amstelland (VR13) voor Defensie: 50 personen"
    ]
    assert stored(small).empty

    at.checkbox(key="nieuw_confirm").check()
    submit(at, "nieuw_form")
    assert [s.value for s in at.success] == [
        "Afspraak #1 met Ministerie van Defensie is opgeslagen."
    ]
    assert stored(small)["committed_persons"].tolist() == [75]


# ---------------------------------------------------------------- list, filters, edit, log


@pytest.fixture
def three(small, boundaries) -> Engine:
    cat = catalogue(boundaries)
    create_agreement(small, DRAFT, actor=local_admin("a"), catalogue=cat)
    create_agreement(
        small,
        replace(
            DRAFT,
            region_code="landelijk",
            partner_name="Defensie",
            partner_type="defensie",
            scopes=(("defensie", None),),
            valid_to=TODAY + timedelta(days=30),
        ),
        actor=local_admin("a"),
        catalogue=cat,
    )
    create_agreement(
        small,
        replace(
            DRAFT,
            region_code="VR01",
            partner_name="Gemeente Groningen",
            status="concept",
            committed_persons=0,
        ),
        actor=local_admin("a"),
        catalogue=cat,
        accept_warnings=True,
    )
    return small


@pytest.mark.parametrize(
    "key, value, partners",
    [
        ("filter_regio", None, ["Gemeente Amsterdam", "Defensie", "Gemeente Groningen"]),
        ("filter_regio", "VR13", ["Gemeente Amsterdam", "Defensie"]),  # national ones apply too
        ("filter_regio", "landelijk", ["Defensie"]),
        ("filter_cat", "boa", ["Gemeente Amsterdam", "Gemeente Groningen"]),
        ("filter_type", "defensie", ["Defensie"]),
        ("filter_status", "concept", ["Gemeente Groningen"]),
        ("filter_status", "geldig", ["Gemeente Amsterdam", "Defensie"]),
    ],
)
def test_the_filters_narrow_the_list(three, key, value, partners):
    at = open_page(AGREEMENTS_PAGE)
    at.selectbox(key=key).set_value(value).run()
    assert not at.exception
    assert table_with(at, "Partner")["Partner"].tolist() == partners


def test_the_expiring_filter_keeps_agreements_ending_within_90_days(three):
    at = open_page(AGREEMENTS_PAGE)
    at.checkbox(key="filter_soon").check().run()
    assert table_with(at, "Partner")["Partner"].tolist() == ["Defensie"]


def test_a_deep_link_filters_on_the_region(three):
    at = open_page(AGREEMENTS_PAGE, regio="VR01")
    assert table_with(at, "Partner")["Partner"].tolist() == ["Defensie", "Gemeente Groningen"]


def test_editing_shows_the_change_in_the_log(three):
    at = open_page(AGREEMENTS_PAGE)
    at.selectbox(key="afspraak").set_value(1).run()
    detail = table_with(at, "Veld").set_index("Veld")["Waarde"]
    assert detail["Partner"] == "Gemeente Amsterdam"
    assert detail["Afgeleide status"] == "geldig"
    assert at.text_input(key="wijzig_1_partner_name").value == "Gemeente Amsterdam"

    at.selectbox(key="wijzig_1_status").set_value("opgezegd")
    at.number_input(key="wijzig_1_committed_persons").set_value(40)
    submit(at, "wijzig_1_form")
    assert [s.value for s in at.success] == [
        "Afspraak #1 is gewijzigd (Toegezegde personen, Status)."
    ]
    log = table_with(at, "Wat")
    assert log["Actie"].tolist() == ["gewijzigd", "aangemaakt"]
    assert log["Door"].tolist() == [LOCAL_USER, "a"]
    assert log["Wat"].iloc[0] == "Toegezegde personen: 50 → 40; Status: getekend → opgezegd"
    assert stored(three).set_index("agreement_id").loc[1, "effective_status"] == "opgezegd"


def test_an_edit_with_an_error_keeps_the_stored_agreement(three):
    at = open_page(AGREEMENTS_PAGE)
    at.selectbox(key="afspraak").set_value(1).run()
    at.multiselect(key="wijzig_1_scopes").set_value([])
    submit(at, "wijzig_1_form")
    assert table_with(at, "Melding")["Melding"].tolist() == [
        "kies ten minste één categorie of subcategorie"
    ]
    assert len(agreement_overview.change_log(three, 1)) == 1


def test_the_region_page_lists_its_own_and_national_agreements(three):
    at = open_page(REGION_PAGE, regio="VR13")
    assert "Afspraken" in [s.value for s in at.subheader]
    assert table_with(at, "Partner")["Partner"].tolist() == ["Gemeente Amsterdam", "Defensie"]


# ---------------------------------------------------------------- import and export


def test_the_export_leaves_out_personal_data_unless_asked(three):
    at = open_page(AGREEMENTS_PAGE)
    labels = [b.label for b in at.get("download_button")]
    assert "Afspraken downloaden (Excel)" in labels
    assert at.checkbox(key="export_persoonlijk").value is False


def test_an_import_with_an_error_shows_the_row_and_stores_nothing(small):
    content = (
        b"partner;partnertype;regio;categorieen;toegezegde_personen;aanlooptijd_uur;"
        b"geldig_van;geldig_tot;status\r\n"
        b"Gemeente Amsterdam;gemeente;VR13;boa;10;24;01-01-2026;31-12-2025;getekend\r\n"
    )
    at = open_page(AGREEMENTS_PAGE)
    at.file_uploader(key="afspraken_import_0").set_value(("a.csv", content, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Niet ingelezen: 1 fout(en). Verbeter ze en lees het bestand opnieuw in. Er is niets "
        "opgeslagen."
    ]
    problems = table_with(at, "Melding")
    assert problems[["Rij", "Kolom"]].values.tolist() == [[2, "geldig_tot"]]
    assert not [b for b in at.button if b.label == "Inlezen"]
    assert stored(small).empty


def test_a_valid_import_is_stored_after_clicking_inlezen(small):
    content = (
        "partner;partnertype;regio;categorieen;toegezegde_personen;aanlooptijd_uur;"
        "geldig_van;status\r\n"
        f"Gemeente Amsterdam;gemeente;VR13;boa;10;24;{TODAY:%d-%m-%Y};getekend\r\n"
    ).encode()
    at = open_page(AGREEMENTS_PAGE)
    at.file_uploader(key="afspraken_import_0").set_value(("a.csv", content, "text/csv")).run()
    assert "Geen fouten: 1 nieuwe en 0 gewijzigde" in at.success[0].value
    next(b for b in at.button if b.label == "Inlezen").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Ingelezen: 1 nieuwe en 0 gewijzigde afspraak/afspraken (0 ongewijzigd)."
    ]
    assert stored(small)["partner_name"].tolist() == ["Gemeente Amsterdam"]


# ---------------------------------------------------------------- white spots


def grid(at: AppTest) -> pd.DataFrame:
    return table_with(at, "Defensie").set_index("Veiligheidsregio")


def test_the_white_spot_grid_shows_white_spots_and_covered_shares(small, boundaries):
    at = open_page(WHITE_SPOTS_PAGE)
    name = boundaries.region_names()["VR13"]
    assert grid(at).loc[name, "Boa's"] == "witte vlek (70 inzetbaar)"
    assert grid(at).loc[name, "Defensie"] == "witte vlek (40 inzetbaar)"
    assert grid(at).loc[boundaries.region_names()["VR01"], "Boa's"] == ""  # no capacity

    create_agreement(small, DRAFT, actor=local_admin("a"), catalogue=catalogue(boundaries))
    at = open_page(WHITE_SPOTS_PAGE)
    assert grid(at).loc[name, "Boa's"] == f"{round(60 / 70 * 100)}% gedekt"
    assert grid(at).loc[name, "Defensie"] == "witte vlek (40 inzetbaar)"


def test_choosing_a_cell_lists_the_uncovered_organisations(small, boundaries):
    create_agreement(small, DRAFT, actor=local_admin("a"), catalogue=catalogue(boundaries))
    at = open_page(WHITE_SPOTS_PAGE)
    at.selectbox(key="vlek_regio").set_value("VR13")
    at.selectbox(key="vlek_categorie").set_value("boa").run()
    uncovered = table_with(at, "Organisatie")
    assert uncovered[["Organisatie", "Inzetbare personen"]].values.tolist() == [
        ["Stichting Toezicht", 10]
    ]


def test_the_map_flags_regions_where_an_agreement_lapses_soon(small, boundaries):
    create_agreement(
        small,
        replace(DRAFT, valid_to=TODAY + timedelta(days=20)),
        actor=local_admin("a"),
        catalogue=catalogue(boundaries),
    )
    at = open_page(WHITE_SPOTS_PAGE)
    maps = [
        c
        for c in at.get("component_instance")
        if c.proto.component_name == "streamlit_folium.st_folium"
    ]
    script = maps[0].proto.json_args
    assert script.count("capaciteit-aflopend") == 1
    assert "Amsterdam-Amstelland: Aflopend binnen 90 dagen: 1" in script
    expiring = table_with(at, "Dagen")
    assert expiring[["Partner", "Dagen"]].values.tolist() == [["Gemeente Amsterdam", 20]]
