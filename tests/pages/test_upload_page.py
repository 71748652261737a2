"""The Aanleveren page in AppTest: upload, every problem in Dutch, preview, publish, restore.

Files are made here: the region's real template filled in with openpyxl, or CSV
bytes. Expected texts and figures are written out here, not taken from the app.
The store is a real SQLite database with the demo data, as a new installation has.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button, Element

from capaciteit import clock
from capaciteit.access import roles
from capaciteit.access.permissions import local_admin
from capaciteit.capacity.categories import default_categories
from capaciteit.formatting import format_date, format_datetime
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.uploads.template import build_template
from tests.conftest import AUTH_SECRETS, copy_database

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
UPLOAD_PAGE = "pages/aanleveren.py"
REGION_PAGE = "pages/regio.py"
REGION = "VR13"
REGION_NAME = "Amsterdam-Amstelland"
UPLOADER = {"is_logged_in": True, "email": "a.devries@vr-amsterdam.nl", "email_verified": True,
            "name": "A. de Vries"}
RECENT = clock.today() - timedelta(days=30)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- files made in the test


def capacity_rows(*, deployable_inspectors: int = 10, inspectors: int = 15,
                  peildatum: date = RECENT) -> list[dict[str, object]]:
    """Two rows for Amsterdam-Amstelland: boa's in Amsterdam and a region-wide inspection."""
    return [
        {"gemeente": "Amsterdam", "organisatie": "Gemeente Amsterdam, Handhaving",
         "categorie": "boa", "subcategorie": "domein-1", "aantal_personen": 120, "fte": 100.5,
         "inzetbaar_personen": 80, "inzetbaar_binnen_uur": 24, "peildatum": peildatum},
        {"gemeente": None, "organisatie": "NVWA regio Noord-West", "categorie": "inspectiedienst",
         "subcategorie": "nvwa", "aantal_personen": inspectors, "fte": 12,
         "inzetbaar_personen": deployable_inspectors, "inzetbaar_binnen_uur": 72,
         "peildatum": peildatum},
    ]


def filled_template(boundaries: Boundaries, rows: list[dict[str, object]]) -> bytes:
    """The template the page offers for VR13, filled in on its 'Gegevens' sheet."""
    template = build_template(REGION, REGION_NAME, boundaries.municipality_table(),
                              default_categories())
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["Gegevens"]
    headers = [cell.value for cell in sheet[1]]
    for row_number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row_number, headers.index(header) + 1, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_csv(rows: list[dict[str, object]]) -> bytes:
    """The rows as a Dutch Excel CSV export: semicolons, decimal commas, dd-mm-jjjj."""
    headers = list(rows[0])

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.strftime("%d-%m-%Y")
        return str(value).replace(".", ",")

    lines = [";".join(headers)] + [";".join(cell(r[h]) for h in headers) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture
def store(data_dir: Path, demo_database: Path) -> Iterator[Engine]:
    """This test's own copy of the demo database, as the app will open it."""
    engine = copy_database(demo_database, data_dir)
    roles.grant(engine, local_admin("test-beheer"), UPLOADER["email"], f"regio-invoerder:{REGION}")
    yield engine
    engine.dispose()


def history(engine: Engine, region: str = REGION) -> pd.DataFrame:
    with engine.connect() as conn:
        return storage.history(conn, region)


def current_regions(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return storage.current_versions(conn)["region_code"].tolist()


def records_of(engine: Engine, version: int) -> pd.DataFrame:
    versions = history(engine).set_index("version")
    with engine.connect() as conn:
        return storage.submission_records(conn, int(versions.loc[version, "submission_id"]))


def open_upload_page() -> AppTest:
    """The Aanleveren page for VR13, as a logged-in user who followed a deep link."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = AUTH_SECRETS
    at.user = UPLOADER
    at.run()
    at.query_params["regio"] = REGION
    at.switch_page(UPLOAD_PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at: AppTest, name: str, content: bytes, mime: str = XLSX) -> AppTest:
    at.file_uploader[0].set_value((name, content, mime)).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def publish_button(at: AppTest) -> Button | None:
    found = [b for b in at.button if b.label == "Publiceren"]
    return found[0] if found else None


def publish(at: AppTest) -> AppTest:
    publish_button(at).click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts_of(elements: Iterable[Element]) -> list[str]:
    return [e.value for e in elements]


def shows_demo_banner(at: AppTest) -> bool:
    return any(w.startswith("**Fictieve demogegevens.**") for w in texts_of(at.warning))


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def persons(rows: list[dict[str, object]]) -> str:
    """The rows' aantal_personen added up, as the metric shows a whole number (below 1.000)."""
    total = sum(int(str(r["aantal_personen"])) for r in rows)
    assert total < 1000  # no thousands dot to write out
    return str(total)


# ---------------------------------------------------------------- the page itself


def test_the_upload_page_offers_the_regions_template_and_a_file_field(store):
    at = open_upload_page()
    assert [t.value for t in at.title] == ["Capaciteit aanleveren"]
    assert at.selectbox(key="aanlever_regio").value == REGION
    assert [b.label for b in at.get("download_button")] == ["Sjabloon downloaden"]
    assert len(at.file_uploader) == 1
    assert publish_button(at) is None


# ---------------------------------------------------------------- files that are refused


def test_a_file_with_errors_lists_each_problem_in_dutch_and_stores_nothing(store, boundaries):
    before = history(store)
    at = upload(open_upload_page(), "capaciteit.csv",
                as_csv(capacity_rows(deployable_inspectors=20)), "text/csv")

    assert texts_of(at.error) == [
        "Dit bestand kan niet worden gepubliceerd: 1 fout(en). Verbeter ze en upload het "
        "bestand opnieuw. Er is niets opgeslagen."]
    issues = table_with(at, "Melding")
    assert issues[["Rij", "Kolom", "Waarde", "Melding", "Soort"]].to_dict("records") == [
        {"Rij": 3, "Kolom": "inzetbaar_personen", "Waarde": "20",
         "Melding": "20 is meer dan aantal_personen (15)", "Soort": "fout"}]
    assert publish_button(at) is None
    assert not at.success
    pd.testing.assert_frame_equal(history(store), before)
    assert shows_demo_banner(at)


@pytest.mark.parametrize("name, content, message", [
    ("capaciteit.xlsx", random.Random(13).randbytes(4096),
     "Het bestand is niet te lezen: geen geldig .xlsx-bestand."),
    ("capaciteit.csv", b"", "Het bestand is leeg."),
    ("capaciteit.csv", b"naam;waarde\nAmsterdam;12\n",
     "In tabblad 'CSV' staat geen kopregel met de kolommen van het sjabloon (zoals "
     "organisatie, categorie, aantal_personen). Gebruik het sjabloon."),
])
def test_an_unusable_file_is_refused_with_a_dutch_reason(store, name, content, message):
    at = upload(open_upload_page(), name, content)
    assert texts_of(at.error) == [message]
    assert not at.dataframe
    assert publish_button(at) is None


# ---------------------------------------------------------------- preview and publication


def test_a_valid_file_shows_the_changes_and_totals_before_anything_is_published(
        store, boundaries):
    before = history(store)
    at = upload(open_upload_page(), "capaciteit_vr13.xlsx",
                filled_template(boundaries, capacity_rows()))

    assert not at.error
    assert texts_of(at.success) == [
        "Geen fouten in 2 regels. Controleer het voorbeeld en publiceer."]
    assert [s.value for s in at.subheader] == ["Voorbeeld"]
    # "Huidig" is what the map shows for VR13 now: its demo figures, about to be replaced.
    with store.connect() as conn:
        demo = storage.region_records(conn, REGION)
    assert f"2 regel(s) toegevoegd, {len(demo)} verwijderd, 0 gewijzigd" in texts_of(
        at.markdown)
    assert ("'Huidig' zijn de fictieve demogegevens van Amsterdam-Amstelland. Bij publiceren "
            "worden ze vervangen door dit bestand; de fictieve regels staan onder "
            "'Verwijderd'.") in texts_of(at.info)
    now = demo.groupby("category")["persons"].sum()
    new = {"boa": 120, "inspectiedienst": 15}
    names = {c.code: c.name for c in default_categories()}
    expected = [{"Categorie": names[c], "Huidig": int(now.get(c, 0)),
                 "Nieuw": new.get(c, 0), "Verschil": new.get(c, 0) - int(now.get(c, 0))}
                for c in sorted(set(now.index) | set(new))]
    totals = table_with(at, "Verschil")
    assert sorted(totals.to_dict("records"), key=lambda r: r["Categorie"]) == sorted(
        expected, key=lambda r: r["Categorie"])
    assert totals["Huidig"].sum() == demo["persons"].sum() > 0
    rows = table_with(at, "Organisatie")
    assert rows["Organisatie"].tolist() == ["Gemeente Amsterdam, Handhaving",
                                            "NVWA regio Noord-West"]
    assert not publish_button(at).disabled
    pd.testing.assert_frame_equal(history(store), before)


def test_publishing_stores_a_new_version_by_the_uploader_and_ends_the_demo(store, boundaries):
    at = upload(open_upload_page(), "capaciteit_vr13.xlsx",
                filled_template(boundaries, capacity_rows()))
    publish(at)

    assert "Gepubliceerd als versie 1 van Amsterdam-Amstelland: 2 regels." in texts_of(
        at.success)
    assert any(i.startswith("De fictieve demogegevens (25 versies) zijn verwijderd")
               for i in texts_of(at.info))
    versions = history(store)
    assert versions[["version", "kind", "is_demo", "uploaded_by", "filename", "row_count",
                     "is_current"]].to_dict("records") == [
        {"version": 1, "kind": "upload", "is_demo": False,
         "uploaded_by": "a.devries@vr-amsterdam.nl", "filename": "capaciteit_vr13.xlsx",
         "row_count": 2, "is_current": True}]
    stored = records_of(store, 1).astype(object)
    stored = stored.where(stored.notna(), None)  # a region-wide row has no municipality
    assert stored[["gemeente_code", "organisation", "persons", "fte", "deployable_persons",
                   "deployable_within_hours"]].to_dict("records") == [
        {"gemeente_code": "GM0363", "organisation": "Gemeente Amsterdam, Handhaving",
         "persons": 120, "fte": 100.5, "deployable_persons": 80, "deployable_within_hours": 24},
        {"gemeente_code": None, "organisation": "NVWA regio Noord-West", "persons": 15,
         "fte": 12.0, "deployable_persons": 10, "deployable_within_hours": 72}]
    assert current_regions(store) == [REGION]
    assert [link.label for link in at.get("page_link")][-1] == (
        "Bekijk Amsterdam-Amstelland op de regiopagina")
    assert at.file_uploader[0].value is None  # the published file has left the field

    at.run()
    assert not at.exception
    assert not shows_demo_banner(at)


def test_uploading_the_published_file_again_publishes_nothing(store, boundaries):
    content = filled_template(boundaries, capacity_rows())
    publish(upload(open_upload_page(), "capaciteit_vr13.xlsx", content))

    again = upload(open_upload_page(), "opnieuw.xlsx", content)
    assert texts_of(again.info) == [
        f"Dit bestand is gelijk aan versie 1 van {dutch_day(history(store), 1)}, en dat zijn "
        "de huidige cijfers; er is niets nieuws te publiceren."]
    assert publish_button(again) is None
    assert history(store)["version"].tolist() == [1]


def dutch_day(versions: pd.DataFrame, version: int) -> str:
    """The day a version was published, in Dutch time, as dd-mm-jjjj."""
    moment = pd.Timestamp(versions.set_index("version").loc[version, "uploaded_at"])
    moment = moment if moment.tzinfo else moment.tz_localize("UTC")
    return moment.tz_convert("Europe/Amsterdam").strftime("%d-%m-%Y")


def test_uploading_an_older_versions_file_points_to_restoring_that_version(store, boundaries):
    first = filled_template(boundaries, capacity_rows())
    publish(upload(open_upload_page(), "eerste.xlsx", first))
    publish(upload(open_upload_page(), "tweede.xlsx", filled_template(
        boundaries, capacity_rows(inspectors=18, deployable_inspectors=18))))

    again = upload(open_upload_page(), "eerste-weer.xlsx", first)
    assert texts_of(again.info) == [
        f"Dit bestand is gelijk aan versie 1 van {dutch_day(history(store), 1)} (eerste.xlsx); "
        "die cijfers zijn nu niet de huidige. Wilt u ze terug, gebruik dan 'Herstellen' bij de "
        "geschiedenis op de regiopagina: dan ziet u eerst wat er verandert."]
    link = again.get("page_link")[-1]
    assert link.proto.label == "Versie 1 herstellen op de regiopagina van Amsterdam-Amstelland"
    assert link.proto.page.endswith("regio") and "herstel=1" in link.proto.query_string
    assert publish_button(again) is None
    assert history(store)["version"].tolist() == [2, 1]

    restoring = open_upload_page()
    restoring.query_params["herstel"] = "1"
    restoring.switch_page(REGION_PAGE).run()
    assert restoring.selectbox(key=f"herstel_{REGION}").value == 1  # chosen by the link


def test_warnings_must_be_confirmed_before_publish_is_possible(store, boundaries):
    old = clock.today() - timedelta(days=400)
    at = upload(open_upload_page(), "oud.xlsx",
                filled_template(boundaries, capacity_rows(peildatum=old)))

    assert texts_of(at.warning)[-1] == (
        "1 waarschuwing(en). U kunt publiceren nadat u ze heeft bevestigd.")
    issues = table_with(at, "Melding")
    assert issues["Soort"].tolist() == ["waarschuwing"]
    assert issues["Melding"].iloc[0].startswith(
        "2 regel(s) hebben een peildatum van meer dan een jaar geleden")
    assert publish_button(at).disabled

    at.checkbox[0].check().run()
    assert not publish_button(at).disabled
    publish(at)
    assert "Gepubliceerd als versie 1 van Amsterdam-Amstelland: 2 regels." in texts_of(
        at.success)
    accepted = history(store)["warnings_accepted"].iloc[0]
    assert accepted == [f"Rij 2, peildatum: 2 regel(s) hebben een peildatum van meer dan een "
                        f"jaar geleden (oudste: {format_date(old)})"]


# ---------------------------------------------------------------- history and restore


def test_the_region_page_lists_both_publications_and_restores_version_1_as_version_3(
        store, boundaries):
    first_rows = capacity_rows()
    second_rows = capacity_rows(inspectors=18, deployable_inspectors=18)
    first = filled_template(boundaries, first_rows)
    second = filled_template(boundaries, second_rows)
    publish(upload(open_upload_page(), "eerste.xlsx", first))
    publish(upload(open_upload_page(), "tweede.xlsx", second))

    at = open_upload_page()
    at.switch_page(REGION_PAGE).run()
    assert not at.exception
    shown = table_with(at, "Versie")
    assert shown[["Versie", "Huidig", "Soort", "Door", "Bestand", "Regels"]].to_dict(
        "records") == [
        {"Versie": 2, "Huidig": "ja", "Soort": "upload", "Door": "a.devries@vr-amsterdam.nl",
         "Bestand": "tweede.xlsx", "Regels": 2},
        {"Versie": 1, "Huidig": "", "Soort": "upload", "Door": "a.devries@vr-amsterdam.nl",
         "Bestand": "eerste.xlsx", "Regels": 2}]
    assert next(m.value for m in at.metric if m.label == "Aantal personen") == persons(second_rows)

    picker = at.selectbox(key=f"herstel_{REGION}")
    assert picker.options == [
        f"Versie 1: {format_datetime(history(store).iloc[1]['uploaded_at'])}, eerste.xlsx, "
        "door a.devries@vr-amsterdam.nl, 2 regels (upload)"]
    picker.set_value(1).run()
    assert ("Wat er verandert als u versie 1 herstelt: 0 regel(s) toegevoegd, 0 verwijderd, "
            "1 gewijzigd.") in texts_of(at.markdown)
    assert table_with(at, "Na herstel").to_dict("records") == [
        {"Categorie": "Boa's", "Huidig": 120, "Na herstel": 120, "Verschil": 0},
        {"Categorie": "Inspectiediensten", "Huidig": 18, "Na herstel": 15, "Verschil": -3}]
    at.button(key=f"herstel_knop_{REGION}").click().run()
    assert not at.exception

    versions = history(store)
    assert versions[["version", "kind", "is_current"]].to_dict("records") == [
        {"version": 3, "kind": "herstel", "is_current": True},
        {"version": 2, "kind": "upload", "is_current": False},
        {"version": 1, "kind": "upload", "is_current": False}]
    pd.testing.assert_frame_equal(records_of(store, 3), records_of(store, 1))
    assert table_with(at, "Versie")["Versie"].tolist() == [3, 2, 1]
    assert table_with(at, "Versie")["Soort"].tolist() == [
        f"herstel van versie 1 ({dutch_day(versions, 1)}, eerste.xlsx)", "upload", "upload"]
    assert next(m.value for m in at.metric if m.label == "Aantal personen") == persons(first_rows)
    assert "Versie 1 is hersteld als nieuwe versie 3." in texts_of(at.success)


# ---------------------------------------------------------------- a preview gone stale


def publish_as_colleague(engine: Engine, boundaries: Boundaries, content: bytes) -> None:
    """Another user of VR13 publishes through the service, after their own preview."""
    from capaciteit.uploads import preview, publishing
    from capaciteit.uploads.reader import Limits

    check = preview.check_upload(engine, boundaries, default_categories(), REGION, content,
                                 "collega.xlsx", limits=Limits())
    publishing.publish(engine, REGION, check.result, actor=local_admin(COLLEAGUE),
                       filename=check.filename, sha256=check.sha256, accept_warnings=True,
                       based_on=check.based_on)


COLLEAGUE = "collega@vr-amsterdam.nl"
STALE_START = ("Niet gepubliceerd: de huidige versie van VR13 is veranderd sinds uw voorbeeld "
               "(nu: versie 2, gepubliceerd door collega@vr-amsterdam.nl op ")
REDONE = ("Het voorbeeld hieronder is opnieuw gemaakt tegen de huidige versie. Bekijk de "
          "verschillen, bevestig eventuele waarschuwingen opnieuw en druk nog eens op "
          "'Publiceren'.")


def test_publishing_a_preview_gone_stale_shows_the_new_preview_and_asks_again(
        store, boundaries):
    publish_as_colleague(store, boundaries, filled_template(boundaries, capacity_rows()))
    # 15 → 40 inspectors: a big change against version 1, which the user confirms
    at = upload(open_upload_page(), "mijn.xlsx",
                filled_template(boundaries, capacity_rows(inspectors=40)))
    assert table_with(at, "Melding")["Melding"].tolist() == [
        "het totaal voor Inspectiediensten verandert van 15 naar 40 personen (167%)"]
    at.checkbox[0].check().run()
    assert not publish_button(at).disabled

    publish_as_colleague(store, boundaries, filled_template(
        boundaries, capacity_rows(inspectors=8, deployable_inspectors=8)))  # version 2
    publish(at)

    assert texts_of(at.error)[0].startswith(STALE_START)
    assert REDONE in texts_of(at.info)
    assert not any(t.startswith("Gepubliceerd") for t in texts_of(at.success))
    assert table_with(at, "Verschil").to_dict("records") == [
        {"Categorie": "Boa's", "Huidig": 120, "Nieuw": 120, "Verschil": 0},
        {"Categorie": "Inspectiediensten", "Huidig": 8, "Nieuw": 40, "Verschil": 32}]
    assert table_with(at, "Melding")["Melding"].tolist() == [
        "het totaal voor Inspectiediensten verandert van 8 naar 40 personen (400%)"]
    assert not at.checkbox[0].value
    assert publish_button(at).disabled  # the new warning must be confirmed again
    assert history(store)["version"].tolist() == [2, 1]

    at.checkbox[0].check().run()
    publish(at)
    assert "Gepubliceerd als versie 3 van Amsterdam-Amstelland: 2 regels." in texts_of(
        at.success)
    versions = history(store)
    assert versions[["version", "uploaded_by"]].to_dict("records") == [
        {"version": 3, "uploaded_by": UPLOADER["email"]},
        {"version": 2, "uploaded_by": COLLEAGUE},
        {"version": 1, "uploaded_by": COLLEAGUE}]
    assert versions["warnings_accepted"].iloc[0] == [
        "categorie: het totaal voor Inspectiediensten verandert van 8 naar 40 personen (400%)"]


def test_restoring_from_a_history_gone_stale_is_refused_and_the_new_history_shown(
        store, boundaries):
    publish_as_colleague(store, boundaries, filled_template(boundaries, capacity_rows()))
    publish_as_colleague(store, boundaries, filled_template(
        boundaries, capacity_rows(inspectors=18, deployable_inspectors=18)))
    at = open_upload_page()
    at.switch_page(REGION_PAGE).run()
    at.selectbox(key=f"herstel_{REGION}").set_value(1).run()
    publish_as_colleague(store, boundaries, filled_template(
        boundaries, capacity_rows(inspectors=20, deployable_inspectors=20)))  # version 3

    at.button(key=f"herstel_knop_{REGION}").click().run()
    assert not at.exception
    assert texts_of(at.error)[0].startswith(
        "Niet hersteld: de huidige versie van VR13 is veranderd sinds u de geschiedenis "
        "opende (nu: versie 3, gepubliceerd door collega@vr-amsterdam.nl op ")
    assert table_with(at, "Versie")["Versie"].tolist() == [3, 2, 1]
    assert history(store)["version"].tolist() == [3, 2, 1]

    at.button(key=f"herstel_knop_{REGION}").click().run()
    assert "Versie 1 is hersteld als nieuwe versie 4." in texts_of(at.success)
    assert history(store)["kind"].tolist() == ["herstel", "upload", "upload", "upload"]
