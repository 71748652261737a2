"""What the agreement form and import let pass can be stored, on SQLite and PostgreSQL.

Boundary values go through the real form write (``create_agreement``) and the real
import (``read_agreement_sheet`` → ``check_import`` → ``import_agreements``). Each case
states its outcome: refused with a Dutch message on its field (nothing stored), or
stored and read back exactly as entered.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import func, select

from capaciteit import clock
from capaciteit.access.permissions import REGION_EDITOR, AccessDenied, Grant, User, local_admin
from capaciteit.agreements import overview
from capaciteit.agreements.importing import check_import, import_agreements
from capaciteit.agreements.rules import AgreementDraft, AgreementRejected, Catalogue
from capaciteit.agreements.service import create_agreement
from capaciteit.agreements.sheet import read_agreement_sheet
from capaciteit.capacity.categories import default_categories
from capaciteit.storage.models import Agreement, AgreementChange, AuditEvent
from capaciteit.uploads.reader import UploadError

TODAY = clock.today()
NAMES = {f"VR{i:02d}": f"Regio {i}" for i in range(1, 26)}
CATALOGUE = Catalogue(NAMES, default_categories())
ACTOR = local_admin("beleid@vr13.nl")
INT32_MAX = 2_147_483_647
DRAFT = AgreementDraft(
    region_code="VR13", partner_name="Gemeente Amsterdam", partner_type="gemeente",
    scopes=(("boa", "domein-1"),), committed_persons=0, lead_time_hours=24,
    valid_from=TODAY - timedelta(days=30), valid_to=None, status="getekend",
    compensation_eur=45.0, compensation_unit="per uur", contact_mailbox="crisis@amsterdam.nl")
REFUSED, STORED = "refused", "stored"

FORM_CASES = [
    ("committed int32 max", {"committed_persons": INT32_MAX}, REFUSED, "toegezegde_personen"),
    ("committed int32 max + 1", {"committed_persons": INT32_MAX + 1}, REFUSED,
     "toegezegde_personen"),
    ("committed 100,000", {"committed_persons": 100_000}, STORED, None),
    ("committed 100,001", {"committed_persons": 100_001}, REFUSED, "toegezegde_personen"),
    ("committed 1e30", {"committed_persons": 1e30}, REFUSED, "toegezegde_personen"),
    ("committed NaN", {"committed_persons": float("nan")}, REFUSED, "toegezegde_personen"),
    ("lead time int32 max + 1", {"lead_time_hours": INT32_MAX + 1}, REFUSED, "aanlooptijd_uur"),
    ("lead time 720", {"lead_time_hours": 720}, STORED, None),
    ("compensation inf", {"compensation_eur": float("inf")}, REFUSED, "vergoeding_euro"),
    ("compensation 1e308", {"compensation_eur": 1e308}, REFUSED, "vergoeding_euro"),
    ("compensation 10,000,000", {"compensation_eur": 10_000_000.0}, STORED, None),
    ("compensation in cents", {"compensation_eur": 0.01}, STORED, None),
    ("partner 255", {"partner_name": "p" * 255}, STORED, None),
    ("partner 256", {"partner_name": "p" * 256}, REFUSED, "partner"),
    ("partner 255 emoji", {"partner_name": "\U0001f693" * 255}, STORED, None),
    ("partner 256 combining", {"partner_name": "e\u0301" * 128}, REFUSED, "partner"),
    ("partner with NUL", {"partner_name": "Gemeente\x00"}, REFUSED, "partner"),
    ("partner id 64", {"partner_id": "1" * 64}, STORED, None),
    ("partner id 65", {"partner_id": "1" * 65}, REFUSED, "partner_id"),
    ("mailbox 320", {"contact_mailbox": "c" * 307 + "@amsterdam.nl"}, STORED, None),
    ("mailbox 321", {"contact_mailbox": "c" * 308 + "@amsterdam.nl"}, REFUSED,
     "functionele_mailbox"),
    ("powers over lines", {"powers": "toezicht;\ntoegangscontrole\t\U0001f6a8"}, STORED, None),
    ("powers with NUL", {"powers": "toezicht\x00"}, REFUSED, "bevoegdheden_en_taken"),
    ("trigger with escape", {"activation_trigger": "\x1b[1m"}, REFUSED, "activering"),
    ("contact person with accents", {"contact_person": "Jose\u0301 \u00c5ngstro\u0308m"},
     STORED, None),
]


def counts(engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (Agreement, AgreementChange, AuditEvent))


def stored_row(engine, agreement_id: int) -> dict[str, object]:
    agreements, _ = overview.list_agreements(engine, TODAY)
    row = agreements.set_index("agreement_id").loc[agreement_id]
    return {k: (None if v is None or (isinstance(v, float) and v != v) else v)
            for k, v in row.items()}


def test_the_form_refuses_or_stores_each_boundary_value_as_entered(engine, subtests):
    for name, change, outcome, column in FORM_CASES:
        with subtests.test(name):
            before = counts(engine)
            draft = replace(DRAFT, **change)
            if outcome == REFUSED:
                with pytest.raises(AgreementRejected) as refused:
                    create_agreement(engine, draft, actor=ACTOR, catalogue=CATALOGUE)
                assert [e.column for e in refused.value.errors] == [column]
                assert refused.value.errors[0].message
                assert counts(engine) == before
            else:
                saved = create_agreement(engine, draft, actor=ACTOR, catalogue=CATALOGUE,
                                         accept_warnings=True)
                back = stored_row(engine, saved.agreement_id)
                for field, value in change.items():
                    assert back[field] == value, field


def test_an_actor_the_history_cannot_record_is_refused_before_any_write(engine):
    for name in ("a" * 321, "beheer\x00"):
        with pytest.raises(AccessDenied, match="kan niet worden vastgelegd"):
            create_agreement(engine, DRAFT, actor=local_admin(name), catalogue=CATALOGUE)
    assert counts(engine) == (0, 0, 0)


# ---------------------------------------------------------------- import

IMPORT_ROW = {"regio": "VR13", "partner": "NVWA", "partnertype": "inspectiedienst",
              "categorieen": "inspectiedienst/nvwa", "toegezegde_personen": "0",
              "aanlooptijd_uur": "72", "geldig_van": (TODAY - timedelta(days=10)).isoformat(),
              "status": "getekend", "vergoeding_euro": "", "bevoegdheden_en_taken": "",
              "partner_id": "", "functionele_mailbox": "crisis@nvwa.nl"}
# (case, cells, outcome, column refused or (field, value read back) stored)
IMPORT_CASES = [
    ("committed 1e30", {"toegezegde_personen": "1e30"}, REFUSED, "toegezegde_personen"),
    ("committed 3,000,000,000", {"toegezegde_personen": "3.000.000.000"}, REFUSED,
     "toegezegde_personen"),
    ("committed int32 max + 1", {"toegezegde_personen": str(INT32_MAX + 1)}, REFUSED,
     "toegezegde_personen"),
    ("committed inf", {"toegezegde_personen": "inf"}, REFUSED, "toegezegde_personen"),
    ("committed 100.000", {"toegezegde_personen": "100.000"}, STORED,
     ("committed_persons", 100_000)),
    ("committed 100,001", {"toegezegde_personen": "100001"}, REFUSED, "toegezegde_personen"),
    ("lead time 1e300", {"aanlooptijd_uur": "1e300"}, REFUSED, "aanlooptijd_uur"),
    ("compensation Infinity", {"vergoeding_euro": "Infinity"}, REFUSED, "vergoeding_euro"),
    ("compensation NaN", {"vergoeding_euro": "NaN"}, REFUSED, "vergoeding_euro"),
    ("compensation 1,234.50", {"vergoeding_euro": "1,234.50"}, STORED,
     ("compensation_eur", 1234.5)),
    ("compensation 1.234,50", {"vergoeding_euro": "1.234,50"}, STORED,
     ("compensation_eur", 1234.5)),
    ("compensation 1,2.5", {"vergoeding_euro": "1,2.5"}, REFUSED, "vergoeding_euro"),
    ("partner 255 emoji", {"partner": "\U0001f693" * 255}, STORED,
     ("partner_name", "\U0001f693" * 255)),
    ("partner 256", {"partner": "n" * 256}, REFUSED, "partner"),
    ("partner with NUL", {"partner": "NVWA\x00"}, REFUSED, "partner"),
    ("partner id 65", {"partner_id": "1" * 65}, REFUSED, "partner_id"),
    ("powers over lines", {"bevoegdheden_en_taken": "toezicht;\ntoegangscontrole"}, STORED,
     ("powers", "toezicht;\ntoegangscontrole")),
    ("powers with a bell", {"bevoegdheden_en_taken": "toezicht\x07"}, REFUSED,
     "bevoegdheden_en_taken"),
]


def csv_import(row: dict[str, str]) -> bytes:
    """A CSV import whose case row comes after a kilobyte of valid rows (a NUL in the first
    kilobyte makes the reader refuse the file as binary)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(list(IMPORT_ROW))
    for i in range(12):
        writer.writerow([*IMPORT_ROW.values()][:1] + [f"Partner nummer {i}"]
                        + [*IMPORT_ROW.values()][2:])
    writer.writerow([row[h] for h in IMPORT_ROW])
    return buffer.getvalue().encode("utf-8")


def test_the_import_refuses_or_stores_each_boundary_value_as_written(engine, subtests):
    for name, change, outcome, expected in IMPORT_CASES:
        with subtests.test(name):
            before = counts(engine)
            sheet = read_agreement_sheet(csv_import({**IMPORT_ROW, **change}), "afspraken.csv",
                                         CATALOGUE)
            check = check_import(engine, sheet, catalogue=CATALOGUE)
            if outcome == REFUSED:
                # the case row comes after the header and 12 fillers
                assert [(e.row, e.column) for e in check.errors] == [(14, expected)]
                assert check.errors[0].message
                with pytest.raises(AgreementRejected):
                    import_agreements(engine, sheet, actor=ACTOR, catalogue=CATALOGUE)
                assert counts(engine) == before
            else:
                assert check.errors == []
                import_agreements(engine, sheet, actor=ACTOR, catalogue=CATALOGUE,
                                  accept_warnings=True)
                agreements, _ = overview.list_agreements(engine, TODAY)
                field, value = expected
                assert agreements[field].tolist()[-1] == value


def test_number_cells_of_an_xlsx_import_are_bounded_too(engine, subtests):
    for cell, outcome in [(1e30, REFUSED), (float(INT32_MAX + 1), REFUSED),
                          (100_000, STORED), (-0.0, STORED), (2.5, REFUSED)]:
        with subtests.test(cell=cell):
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.append(list(IMPORT_ROW))
            sheet.append([cell if h == "toegezegde_personen" else v
                          for h, v in IMPORT_ROW.items()])
            buffer = io.BytesIO()
            book.save(buffer)
            read = read_agreement_sheet(buffer.getvalue(), "afspraken.xlsx", CATALOGUE)
            check = check_import(engine, read, catalogue=CATALOGUE)
            if outcome == REFUSED:
                assert [e.column for e in check.errors] == ["toegezegde_personen"]
            else:
                assert check.errors == []
                import_agreements(engine, read, actor=ACTOR, catalogue=CATALOGUE,
                                  accept_warnings=True)
                agreements, _ = overview.list_agreements(engine, TODAY)
                assert agreements["committed_persons"].tolist()[-1] == cell


def test_a_nul_in_the_first_kilobyte_refuses_the_whole_file():
    content = b"partner;partnertype\nNVWA\x00;inspectiedienst\n"
    with pytest.raises(UploadError, match="binaire inhoud"):
        read_agreement_sheet(content, "afspraken.csv", CATALOGUE)


def test_a_region_code_the_audit_trail_cannot_hold_is_refused_for_any_writer(engine):
    """Even for a writer who may not write there: the refusal itself could not be audited."""
    editor = User("invoer@vr13.nl", grants=frozenset({Grant(REGION_EDITOR, "VR13")}))
    for actor in (ACTOR, editor):
        with pytest.raises(AgreementRejected) as refused:
            create_agreement(engine, replace(DRAFT, region_code="VR13-Amsterdam"), actor=actor,
                             catalogue=CATALOGUE)
        assert [(e.column, e.message) for e in refused.value.errors] == [(
            "regio", "'VR13-Amsterdam' is geen veiligheidsregio; kies een code (VR01–VR25), "
                     "een naam of 'landelijk'")]
    assert counts(engine) == (0, 0, 0)
