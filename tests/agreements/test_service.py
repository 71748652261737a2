"""Agreement writes on SQLite and PostgreSQL: create, update, change log, import, export.

Every test runs on both stores (the ``engine`` fixture). Nothing may be half saved:
after a refusal the three agreement tables hold exactly what they held before.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from capaciteit import clock
from capaciteit.access.permissions import local_admin
from capaciteit.agreements import overview as agreement_overview
from capaciteit.agreements import rules as agreement_rules
from capaciteit.agreements import service as agreement_service
from capaciteit.agreements.importing import check_import, import_agreements
from capaciteit.agreements.rules import AgreementDraft, AgreementRejected, Catalogue
from capaciteit.agreements.service import create_agreement, update_agreement
from capaciteit.agreements.sheet import export_frame, read_agreement_sheet
from capaciteit.capacity.categories import default_categories
from capaciteit.exports import to_xlsx_bytes
from capaciteit.formatting import format_date
from capaciteit.storage import repository as storage
from capaciteit.storage.models import Agreement, AgreementChange, AgreementScope

TODAY = clock.today()
NAMES = {f"VR{i:02d}": f"Regio {i}" for i in range(1, 26)}
NAMES["VR13"] = "Amsterdam-Amstelland"
CATALOGUE = Catalogue(NAMES, default_categories())
ACTOR = local_admin("beleid@vr13.nl")
DRAFT = AgreementDraft(
    region_code="VR13",
    partner_name="Gemeente Amsterdam",
    partner_type="gemeente",
    scopes=(("boa", "domein-1"),),
    committed_persons=20,
    lead_time_hours=24,
    valid_from=TODAY - timedelta(days=30),
    valid_to=TODAY + timedelta(days=365),
    status="getekend",
    powers="toezicht op naleving noodverordening",
    compensation_eur=45.0,
    compensation_unit="per uur",
    payer="veiligheidsregio",
    contact_mailbox="crisis@amsterdam.nl",
    contact_person="J. Jansen",
)


def publish_capacity(engine: Engine, persons: int = 120) -> None:
    records = pd.DataFrame(
        [
            {
                "region_code": "VR13",
                "gemeente_code": "GM0363",
                "organisation": "Gemeente Amsterdam",
                "organisation_id": None,
                "category": "boa",
                "subcategory": "domein-1",
                "persons": persons,
                "fte": persons * 0.8,
                "deployable_persons": persons // 2,
                "deployable_within_hours": 24,
                "powers": "",
                "peildatum": pd.Timestamp(TODAY),
                "note": "",
            }
        ]
    )
    with engine.begin() as conn:
        storage.publish_version(conn, "VR13", records, uploaded_by="test")


def counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Agreement, AgreementScope, AgreementChange)
        )


def scope_pairs(scopes: pd.DataFrame) -> list[tuple[str, str | None]]:
    return [
        (c, s if isinstance(s, str) else None)
        for c, s in zip(scopes["category"], scopes["subcategory"], strict=True)
    ]


def stored(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    return agreement_overview.list_agreements(engine, TODAY)


# ---------------------------------------------------------------- create


def test_creating_stores_the_agreement_its_scopes_and_one_log_entry(engine):
    publish_capacity(engine)
    saved = create_agreement(engine, DRAFT, actor=ACTOR, catalogue=CATALOGUE)
    agreements, scopes = stored(engine)
    assert counts(engine) == (1, 1, 1)
    row = agreements.iloc[0]
    assert row["agreement_id"] == saved.agreement_id
    assert (row["region_code"], row["partner_name"], row["committed_persons"]) == (
        "VR13",
        "Gemeente Amsterdam",
        20,
    )
    assert row["effective_status"] == "geldig"
    assert row["contact_person"] == "J. Jansen"
    assert scope_pairs(scopes) == [("boa", "domein-1")]
    log = agreement_overview.change_log(engine, saved.agreement_id)
    assert log[["changed_by", "action"]].values.tolist() == [[ACTOR.label, "aangemaakt"]]
    changes = log.iloc[0]["changes"]
    assert changes["partner_name"] == [None, "Gemeente Amsterdam"]
    assert changes["scopes"] == [None, ["boa/domein-1"]]
    assert changes["valid_from"] == [None, (TODAY - timedelta(days=30)).isoformat()]
    assert "partner_id" not in changes  # empty stays out of the log


def test_a_national_agreement_is_stored_without_a_region(engine):
    create_agreement(
        engine,
        replace(DRAFT, region_code="landelijk", committed_persons=0),
        actor=ACTOR,
        catalogue=CATALOGUE,
    )
    agreements, _ = stored(engine)
    assert agreements["region_code"].isna().tolist() == [True]


def test_a_draft_with_errors_is_refused_in_dutch_and_nothing_is_stored(engine):
    bad = replace(
        DRAFT,
        valid_to=DRAFT.valid_from - timedelta(days=1),
        committed_persons=-5,
        scopes=(("boa", None), ("brandweer", None)),
    )
    with pytest.raises(AgreementRejected) as refused:
        create_agreement(engine, bad, actor=ACTOR, catalogue=CATALOGUE)
    assert [(i.column, i.message) for i in refused.value.errors] == [
        ("categorieen", "'brandweer' is geen bekende categorie; kies uit: boa, "
                        "vrijwillige-politie, inspectiedienst, particuliere-beveiliging, defensie"),
        ("toegezegde_personen", "-5 is negatief; vul 0 of meer in"),
        ("geldig_tot", f"de einddatum {format_date(bad.valid_to)} ligt vóór de begindatum "
                       f"{format_date(bad.valid_from)}"),
    ]
    assert counts(engine) == (0, 0, 0)


def test_committing_more_than_registered_needs_confirmation(engine):
    publish_capacity(engine, persons=15)
    with pytest.raises(AgreementRejected) as refused:
        create_agreement(engine, DRAFT, actor=ACTOR, catalogue=CATALOGUE)
    assert refused.value.errors == []
    assert [w.message for w in refused.value.warnings] == [
        "20 toegezegde personen is meer dan de geregistreerde capaciteit in "
        "Amsterdam-Amstelland (VR13) voor Boa's / Domein I Openbare ruimte: 15 personen"
    ]
    assert counts(engine) == (0, 0, 0)

    create_agreement(engine, DRAFT, actor=ACTOR, catalogue=CATALOGUE, accept_warnings=True)
    assert counts(engine) == (1, 1, 1)


def test_a_failure_halfway_through_a_write_leaves_nothing_behind(engine, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(agreement_service, "log_change", broken)  # after agreement and scopes
    with pytest.raises(RuntimeError):
        create_agreement(
            engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE
        )
    assert counts(engine) == (0, 0, 0)


# ---------------------------------------------------------------- update and log


def test_an_update_logs_old_and_new_of_each_changed_field_only(engine):
    saved = create_agreement(
        engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE
    )
    last = stored(engine)[0].iloc[0]["last_change_id"]
    changed = replace(
        DRAFT, committed_persons=0, status="opgezegd", scopes=(("boa", None),), contact_person=None
    )
    result = update_agreement(
        engine,
        saved.agreement_id,
        changed,
        actor=local_admin("ander@vr13.nl"),
        catalogue=CATALOGUE,
        based_on_change=int(last),
    )
    assert result.changed_fields == ["scopes", "status", "contact_person"]
    log = agreement_overview.change_log(engine, saved.agreement_id)
    assert log["action"].tolist() == ["gewijzigd", "aangemaakt"]
    assert log.iloc[0]["changed_by"] == "ander@vr13.nl"
    assert log.iloc[0]["changes"] == {
        "scopes": [["boa/domein-1"], ["boa"]],
        "status": ["getekend", "opgezegd"],
        "contact_person": ["J. Jansen", None],
    }
    agreements, scopes = stored(engine)
    assert agreements.iloc[0]["effective_status"] == "opgezegd"  # kept, never deleted
    assert scope_pairs(scopes) == [("boa", None)]


def test_saving_an_unchanged_agreement_stores_nothing(engine):
    saved = create_agreement(
        engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE
    )
    agreements, scopes = stored(engine)
    same = agreement_rules.draft_from_stored(agreements.iloc[0], scopes)
    result = update_agreement(engine, saved.agreement_id, same, actor=ACTOR, catalogue=CATALOGUE)
    assert result.changed_fields == []
    assert counts(engine) == (1, 1, 1)


def test_an_edit_based_on_an_old_version_is_refused(engine):
    saved = create_agreement(
        engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE
    )
    seen = int(stored(engine)[0].iloc[0]["last_change_id"])
    update_agreement(
        engine,
        saved.agreement_id,
        replace(DRAFT, committed_persons=1),
        actor=local_admin("eerste@vr13.nl"),
        catalogue=CATALOGUE,
        based_on_change=seen,
        accept_warnings=True,
    )
    with pytest.raises(AgreementRejected, match="intussen gewijzigd door eerste@vr13.nl"):
        update_agreement(
            engine,
            saved.agreement_id,
            replace(DRAFT, committed_persons=2),
            actor=local_admin("tweede@vr13.nl"),
            catalogue=CATALOGUE,
            based_on_change=seen,
            accept_warnings=True,
        )
    assert stored(engine)[0].iloc[0]["committed_persons"] == 1
    assert counts(engine)[2] == 2


def test_a_bad_update_changes_nothing(engine):
    saved = create_agreement(
        engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE
    )
    with pytest.raises(AgreementRejected):
        update_agreement(
            engine,
            saved.agreement_id,
            replace(DRAFT, committed_persons=0, partner_type="bedrijf", status="opgezegd"),
            actor=ACTOR,
            catalogue=CATALOGUE,
        )
    assert stored(engine)[0].iloc[0]["status"] == "getekend"
    assert counts(engine) == (1, 1, 1)


def test_updating_an_unknown_agreement_is_refused(engine):
    with pytest.raises(AgreementRejected, match="Afspraak #99 bestaat niet"):
        update_agreement(engine, 99, DRAFT, actor=ACTOR, catalogue=CATALOGUE)


# ---------------------------------------------------------------- export and import


def sheet_bytes(rows: list[dict[str, object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    headers = list(rows[0])
    sheet.append(headers)
    for row in rows:
        sheet.append([row[h] for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_row(**change: object) -> dict[str, object]:
    row: dict[str, object] = {
        "regio": "Amsterdam-Amstelland",
        "partner": "NVWA",
        "partnertype": "inspectiedienst",
        "categorieen": "inspectiedienst/NVWA",
        "toegezegde_personen": 0,
        "aanlooptijd_uur": 72,
        "geldig_van": TODAY - timedelta(days=10),
        "geldig_tot": None,
        "status": "getekend",
        "functionele_mailbox": "crisis@nvwa.nl",
    }
    return {**row, **change}


def read(content: bytes, name: str = "afspraken.xlsx"):
    return read_agreement_sheet(content, name, CATALOGUE)


def test_an_import_stores_every_row_with_a_log_entry_each(engine):
    content = sheet_bytes(
        [
            import_row(),
            import_row(
                partner="Defensie",
                partnertype="defensie",
                categorieen="Defensie",
                regio="landelijk",
            ),
        ]
    )
    done = import_agreements(engine, read(content), actor=ACTOR, catalogue=CATALOGUE)
    assert (done.new, done.changed, done.unchanged) == (2, 0, 0)
    agreements, scopes = stored(engine)
    assert agreements["partner_name"].tolist() == ["NVWA", "Defensie"]
    assert agreements["region_code"].tolist()[0] == "VR13"
    assert pd.isna(agreements["region_code"].tolist()[1])
    assert scope_pairs(scopes) == [("inspectiedienst", "nvwa"), ("defensie", None)]
    assert counts(engine) == (2, 2, 2)
    with engine.connect() as conn:
        actions = conn.execute(select(AgreementChange.action)).scalars().all()
    assert actions == ["geimporteerd", "geimporteerd"]


def test_one_bad_row_refuses_the_whole_import_with_row_numbers(engine):
    content = sheet_bytes(
        [
            import_row(),
            import_row(geldig_van=TODAY, geldig_tot=TODAY - timedelta(days=1)),
            import_row(toegezegde_personen=-2, categorieen="boa; brandweer"),
        ]
    )
    with pytest.raises(AgreementRejected) as refused:
        import_agreements(engine, read(content), actor=ACTOR, catalogue=CATALOGUE)
    assert [(i.row, i.column) for i in refused.value.errors] == [
        (3, "geldig_tot"),
        (4, "categorieen"),
        (4, "toegezegde_personen"),
    ]
    assert refused.value.errors[1].message.startswith("'brandweer' is geen bekende categorie")
    assert counts(engine) == (0, 0, 0)


def test_unreadable_values_are_named_with_their_row_and_column(engine):
    content = sheet_bytes([import_row(toegezegde_personen="veel", geldig_van="gisteren")])
    check = check_import(engine, read(content), catalogue=CATALOGUE)
    assert [(i.row, i.column, i.message) for i in check.errors] == [
        (2, "toegezegde_personen", "'veel' is geen getal"),
        (2, "geldig_van", "'gisteren' is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)"),
    ]


def test_a_csv_with_dutch_numbers_and_dates_is_read(engine):
    start = TODAY - timedelta(days=5)
    content = (
        "partner;partnertype;regio;categorieen;toegezegde_personen;aanlooptijd_uur;"
        "geldig_van;status;vergoeding_euro;vergoeding_per\r\n"
        f"Museum Beveiliging BV;sectororganisatie;VR13;particuliere-beveiliging/Musea;"
        f"0;48;{start:%d-%m-%Y};getekend;1.234,50;vast bedrag\r\n"
    ).encode("cp1252")
    import_agreements(engine, read(content, "afspraken.csv"), actor=ACTOR, catalogue=CATALOGUE)
    row = stored(engine)[0].iloc[0]
    assert row["compensation_eur"] == pytest.approx(1234.5)
    assert pd.Timestamp(row["valid_from"]).date() == start
    assert row["compensation_unit"] == "vast bedrag"


def test_missing_required_columns_are_named(engine):
    content = sheet_bytes([{"partner": "X", "partnertype": "overig", "regio": "VR13"}])
    check = check_import(engine, read(content), catalogue=CATALOGUE)
    assert [i.message for i in check.errors] == [
        f"de verplichte kolom '{c}' ontbreekt"
        for c in ("categorieen", "toegezegde_personen", "aanlooptijd_uur", "geldig_van", "status")
    ]


def test_an_export_reads_back_as_unchanged(engine):
    create_agreement(engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE)
    create_agreement(
        engine,
        replace(
            DRAFT,
            region_code="landelijk",
            partner_type="defensie",
            partner_name="Defensie",
            valid_to=None,
            contact_person=None,
            scopes=(("defensie", None), ("boa", "domein-4")),
            committed_persons=0,
            compensation_eur=None,
            compensation_unit=None,
        ),
        actor=ACTOR,
        catalogue=CATALOGUE,
    )
    agreements, scopes = stored(engine)
    content = to_xlsx_bytes(
        export_frame(agreements, scopes, include_personal=True), "Afspraken", ["toelichting"]
    )
    check = check_import(engine, read(content), catalogue=CATALOGUE)
    assert check.errors == []
    assert (check.new, check.changed, check.unchanged) == (0, 0, 2)


def test_an_import_by_id_changes_that_agreement_and_keeps_columns_it_lacks(engine):
    saved = create_agreement(
        engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE
    )
    agreements, scopes = stored(engine)
    exported = export_frame(agreements, scopes, include_personal=False)
    assert "contactpersoon (persoonsgegeven)" not in exported.columns
    exported["status"] = "opgezegd"
    content = to_xlsx_bytes(exported, "Afspraken")
    done = import_agreements(engine, read(content), actor=ACTOR, catalogue=CATALOGUE)
    assert (done.new, done.changed, done.unchanged) == (0, 1, 0)
    row = stored(engine)[0].iloc[0]
    assert row["status"] == "opgezegd"
    assert row["contact_person"] == "J. Jansen"  # not in the file: kept
    log = agreement_overview.change_log(engine, saved.agreement_id)
    assert log.iloc[0]["changes"] == {"status": ["getekend", "opgezegd"]}


def test_unknown_and_repeated_ids_are_errors(engine):
    create_agreement(engine, replace(DRAFT, committed_persons=0), actor=ACTOR, catalogue=CATALOGUE)
    agreement_id = int(stored(engine)[0].iloc[0]["agreement_id"])
    content = sheet_bytes(
        [import_row(id=agreement_id), import_row(id=agreement_id), import_row(id=777)]
    )
    with pytest.raises(AgreementRejected) as refused:
        import_agreements(engine, read(content), actor=ACTOR, catalogue=CATALOGUE)
    assert [(i.row, i.message) for i in refused.value.errors] == [
        (3, f"afspraak {agreement_id} staat al in rij 2"),
        (4, "afspraak 777 bestaat niet; laat id leeg voor een nieuwe afspraak"),
    ]
    assert counts(engine) == (1, 1, 1)


def test_an_import_with_warnings_needs_confirmation(engine):
    publish_capacity(engine, persons=3)
    content = sheet_bytes([import_row(categorieen="boa", toegezegde_personen=10)])
    with pytest.raises(AgreementRejected) as refused:
        import_agreements(engine, read(content), actor=ACTOR, catalogue=CATALOGUE)
    assert [w.row for w in refused.value.warnings] == [2]
    assert "3 personen" in refused.value.warnings[0].message
    assert counts(engine) == (0, 0, 0)
    import_agreements(engine, read(content), actor=ACTOR, catalogue=CATALOGUE, accept_warnings=True)
    assert counts(engine) == (1, 1, 1)


# ---------------------------------------------------------------- the white-spot picture


def test_the_coverage_picture_reads_current_capacity_per_organisation(engine, boundaries):
    publish_capacity(engine, persons=40)
    names = {c.code: c.name for c in default_categories()}
    before = agreement_overview.coverage(engine, boundaries.regions, names, TODAY)
    cell = before.cells.set_index(["region_code", "category"]).loc[("VR13", "boa")]
    assert (cell["deployable_persons"], cell["covered_persons"], cell["white_spot"]) == (
        20,
        0,
        True,
    )
    create_agreement(engine, replace(DRAFT, committed_persons=20), actor=ACTOR, catalogue=CATALOGUE)
    after = agreement_overview.coverage(engine, boundaries.regions, names, TODAY)
    cell = after.cells.set_index(["region_code", "category"]).loc[("VR13", "boa")]
    assert (cell["covered_persons"], cell["white_spot"]) == (20, False)
    share = after.shares.set_index("region_code")
    assert share.loc["VR13", "covered_share"] == 1.0
    assert share["covered_share"].drop("VR13").isna().all()
