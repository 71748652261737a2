"""Authorization at the moment of writing, on SQLite and PostgreSQL.

A page builds its ``User`` when it runs; a button's callback runs before the next
run, so it writes with the user of the previous run. Each test below does what an
attacker's review found: grant a role, build the user, revoke the role in another
transaction, then write with the stale user object. Every write must be refused
(audited, in Dutch) and store nothing; with the role kept, the same write succeeds,
so the refusal comes from the revocation and nothing else.
"""

from __future__ import annotations

import io
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import OperationalError

from capaciteit import clock, texts
from capaciteit.access import audit, roles
from capaciteit.access.authorization import authorized_write
from capaciteit.access.permissions import (
    ADMIN,
    AGREEMENT_WRITE,
    MANAGE_PRESETS,
    MANAGE_ROLES,
    NATIONAL_AGREEMENT,
    PUBLISH,
    RESTORE,
    AccessDenied,
    Grant,
    User,
    can,
    local_admin,
)
from capaciteit.agreements.importing import import_agreements
from capaciteit.agreements.model import NATIONAL
from capaciteit.agreements.rules import AgreementDraft, Catalogue
from capaciteit.agreements.service import create_agreement, update_agreement
from capaciteit.agreements.sheet import read_agreement_sheet
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.cli import main
from capaciteit.deployment.presets import Preset, load_presets, save_preset
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import Base, RoleGrant
from capaciteit.uploads import publishing
from capaciteit.uploads.validation import ValidationResult

EMAIL = "gebruiker@vr-test.nl"
INSTALLER = local_admin("installatie")  # beheerder without a row in the role table
TODAY = clock.today()
NAMES = {f"VR{i:02d}": f"Regio {i}" for i in range(1, 26)}
CATALOGUE = Catalogue(NAMES, default_categories())
DRAFT = AgreementDraft(
    region_code="VR13", partner_name="Gemeente Amsterdam", partner_type="gemeente",
    scopes=(("boa", "domein-1"),), committed_persons=5, lead_time_hours=24,
    valid_from=TODAY - timedelta(days=1), status="getekend")


# ---------------------------------------------------------------- the writes


def records(region: str) -> pd.DataFrame:
    return pd.DataFrame([{
        "region_code": region, "gemeente_code": None, "organisation": "Org",
        "organisation_id": None, "category": "boa", "subcategory": "domein-1", "persons": 10,
        "fte": 8.0, "deployable_persons": 5, "deployable_within_hours": 24, "powers": "",
        "note": "", "peildatum": pd.Timestamp(TODAY)}])[RECORD_COLUMNS]


def publish(engine: Engine, user: User, region: str = "VR13") -> object:
    return publishing.publish(engine, region, ValidationResult(records(region)), actor=user,
                              filename="f.xlsx", sha256=uuid.uuid4().hex * 2,
                              accept_warnings=True, based_on=current(engine, region))


def current(engine: Engine, region: str) -> storage.VersionStamp | None:
    """The region's current version, as a page that just showed it would pass it."""
    with engine.connect() as conn:
        return storage.current_stamp(conn, region)


def first_agreement(engine: Engine) -> None:
    create_agreement(engine, DRAFT, actor=INSTALLER, catalogue=CATALOGUE, accept_warnings=True)


def agreement_sheet(region_name: str):
    book = openpyxl.Workbook()
    sheet = book.active
    row = {"regio": region_name, "partner": "NVWA", "partnertype": "inspectiedienst",
           "categorieen": "inspectiedienst/NVWA", "toegezegde_personen": 0,
           "aanlooptijd_uur": 72, "geldig_van": TODAY - timedelta(days=10),
           "status": "getekend", "functionele_mailbox": "crisis@nvwa.nl"}
    sheet.append(list(row))
    sheet.append(list(row.values()))
    out = io.BytesIO()
    book.save(out)
    return read_agreement_sheet(out.getvalue(), "afspraken.xlsx", CATALOGUE)


def other_grant(engine: Engine) -> None:
    roles.grant(engine, INSTALLER, "ander@vr-test.nl", "lezer")


def grant_id_of(engine: Engine, email: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(RoleGrant.id).where(
            RoleGrant.email == email, RoleGrant.revoked_at.is_(None))).scalar_one())


def nothing(engine: Engine) -> None:
    return None


@dataclass(frozen=True)
class Write:
    role: str  # what the acting user is granted (and then loses)
    action: str  # the permission, as the audit trail names a refusal
    region: str | None
    run: Callable[[Engine, User], object]
    prepare: Callable[[Engine], None] = nothing


WRITES = {
    "publiceren": Write("regio-invoerder:VR13", PUBLISH, "VR13", publish),
    "herstellen": Write("regio-invoerder:VR13", RESTORE, "VR13",
                        lambda e, u: publishing.restore(e, "VR13", 1, actor=u,
                                                        based_on=current(e, "VR13")),
                        lambda e: publish(e, INSTALLER) and None),
    "afspraak vastleggen": Write(
        "regio-invoerder:VR13", AGREEMENT_WRITE, "VR13",
        lambda e, u: create_agreement(e, DRAFT, actor=u, catalogue=CATALOGUE,
                                      accept_warnings=True)),
    "afspraak wijzigen": Write(
        "regio-invoerder:VR13", AGREEMENT_WRITE, "VR13",
        lambda e, u: update_agreement(e, 1, replace(DRAFT, partner_name="Gemeente Diemen"),
                                      actor=u, catalogue=CATALOGUE, accept_warnings=True),
        first_agreement),
    "afspraken importeren": Write(
        "regio-invoerder:VR13", AGREEMENT_WRITE, "VR13",
        lambda e, u: import_agreements(e, agreement_sheet("Regio 13"), actor=u,
                                       catalogue=CATALOGUE, accept_warnings=True)),
    "landelijke afspraak": Write(
        "beheerder", NATIONAL_AGREEMENT, None,
        lambda e, u: create_agreement(e, replace(DRAFT, region_code=NATIONAL), actor=u,
                                      catalogue=CATALOGUE, accept_warnings=True)),
    "vraagsjabloon": Write(
        "beheerder", MANAGE_PRESETS, None,
        lambda e, u: save_preset(e, Preset("markten", "Markten", "", (("boa", None),), (), 24),
                                 actor=u, categories=default_categories()),
        lambda e: load_presets(e) and None),  # seeded, as any page view does
    "zichzelf weer beheerder maken": Write(
        "beheerder", MANAGE_ROLES, None, lambda e, u: roles.grant(e, u, u.email, "beheerder")),
    "rol intrekken": Write(
        "beheerder", MANAGE_ROLES, None,
        lambda e, u: roles.revoke(e, u, grant_id_of(e, "ander@vr-test.nl")), other_grant),
}


# ---------------------------------------------------------------- the store


def store_contents(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table except the audit trail, which is checked on its own."""
    tables = [t for t in Base.metadata.sorted_tables if t.name != "audit_event"]
    with engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(
            select(t).order_by(*t.primary_key.columns))] for t in tables}


def audit_trail(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return audit.events(conn)


def stored_user(engine: Engine, email: str, *specs: str) -> User:
    for spec in specs:
        roles.grant(engine, INSTALLER, email, spec)
    with engine.connect() as conn:
        return roles.load_user(conn, email)


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("revoked", [False, True], ids=["role-kept", "role-revoked"])
@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_follows_the_role_table_as_it_is_inside_its_transaction(engine, name,
                                                                         revoked):
    write = WRITES[name]
    write.prepare(engine)
    user = stored_user(engine, EMAIL, write.role)  # as the page built it
    assert can(user, write.action, write.region)  # so the page offers the control
    if revoked:  # another beheerder, another transaction
        roles.revoke(engine, INSTALLER, grant_id_of(engine, EMAIL))
    before, trail_before = store_contents(engine), audit_trail(engine)

    if revoked:
        with pytest.raises(AccessDenied) as refused:
            write.run(engine, user)
        assert str(refused.value).startswith(f"Geweigerd: {EMAIL} mag niet ")
        assert str(refused.value).endswith("Vraag een beheerder om de juiste rol.")
    else:
        write.run(engine, user)

    trail = audit_trail(engine)
    new = trail.iloc[: len(trail) - len(trail_before)]
    assert set(new["actor"]) == {EMAIL}
    if revoked:
        assert store_contents(engine) == before, "a refused write stored something"
        assert new["action"].tolist() == [audit.REFUSED]
        assert new["details"].tolist() == [{"actie": write.action}]
        assert [None if pd.isna(r) else r for r in new["region_code"]] == [write.region]
    else:
        assert store_contents(engine) != before
        assert audit.REFUSED not in new["action"].tolist() and len(new) >= 1


def test_a_user_object_that_claims_a_role_the_table_does_not_hold_writes_nothing(engine):
    forged = User(EMAIL, grants=frozenset({Grant(ADMIN)}))
    before = store_contents(engine)
    with pytest.raises(AccessDenied):
        roles.grant(engine, forged, EMAIL, "beheerder")
    with pytest.raises(AccessDenied):
        publish(engine, forged)
    assert store_contents(engine) == before


def test_the_local_beheerder_writes_without_a_row_in_the_role_table(engine):
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM role_grant")).scalar_one() == 0
    publish(engine, INSTALLER)
    roles.grant(engine, INSTALLER, EMAIL, "lezer")
    newest = audit_trail(engine).iloc[0]
    assert (newest["actor"], newest["action"]) == ("installatie", "rol_toegekend")


def test_roles_from_the_groups_claim_stand_for_the_login_without_a_table_row(engine):
    with engine.connect() as conn:
        user = roles.load_user(conn, EMAIL, groups=["vr13-invoer"],
                               group_roles={"vr13-invoer": "regio-invoerder:VR13"})
    publish(engine, user)
    with pytest.raises(AccessDenied):
        publish(engine, user, "VR15")


def test_a_write_under_an_empty_name_cannot_even_be_attempted(engine):
    with pytest.raises(ValueError, match="zonder naam of e-mailadres"):
        local_admin(" ")
    with pytest.raises(SystemExit) as refused:  # the CLI's --door: argparse's usage error
        main(["importeer", "bestand.csv", "--regio", "VR13", "--door", " "])
    assert refused.value.code == 2


def test_on_postgresql_a_revoke_waits_for_a_write_under_way(pg_url):
    """The write share-locks the actor's grants; a revoke cannot take them meanwhile."""
    engine = prepare_database(pg_url)
    try:
        user = stored_user(engine, EMAIL, "regio-invoerder:VR13")
        grant_id = grant_id_of(engine, EMAIL)
        with authorized_write(engine, user, PUBLISH, "VR13"):
            with engine.connect() as other:
                with pytest.raises(OperationalError, match="could not obtain lock"):
                    other.execute(text("SELECT id FROM role_grant WHERE id = :id "
                                       "FOR UPDATE NOWAIT"), {"id": grant_id})
        roles.revoke(engine, INSTALLER, grant_id)  # once the write is done, it goes ahead
        with pytest.raises(AccessDenied):
            publish(engine, user)
    finally:
        engine.dispose()



def test_on_postgresql_two_beheerders_revoking_each_other_at_once_end_without_a_deadlock(
        pg_url):
    """Each revoke share-locks its actor's grant, then updates the other's: without the
    role-change lock both would wait for each other until PostgreSQL kills one."""
    engine = prepare_database(pg_url)
    try:
        first = stored_user(engine, "een@vr-test.nl", "beheerder")
        second = stored_user(engine, "twee@vr-test.nl", "beheerder")
        targets = {first.email: grant_id_of(engine, second.email),
                   second.email: grant_id_of(engine, first.email)}
        inside, outcomes = threading.Barrier(2, timeout=2), {}

        def revoke(actor: User) -> None:
            try:
                with authorized_write(engine, actor, MANAGE_ROLES) as conn:
                    try:  # both inside at once, if the lock lets them (it should not)
                        inside.wait()
                    except threading.BrokenBarrierError:
                        pass
                    conn.execute(update(RoleGrant).where(  # what roles.revoke writes
                        RoleGrant.id == targets[actor.email]).values(
                        revoked_by=actor.label, revoked_at=datetime.now(UTC)))
                outcomes[actor.email] = ("ingetrokken", "")
            except AccessDenied as refused:
                outcomes[actor.email] = ("geweigerd", str(refused))
            except OperationalError as error:  # a deadlock, as before the lock
                outcomes[actor.email] = ("databasefout", str(error.orig))

        threads = [threading.Thread(target=revoke, args=(u,)) for u in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(kind for kind, _ in outcomes.values()) == ["geweigerd", "ingetrokken"], \
            outcomes
        refusal = next(message for kind, message in outcomes.values() if kind == "geweigerd")
        assert texts.ACTION_LABELS[MANAGE_ROLES] in refusal  # revoked first, then refused
        with engine.connect() as conn:
            revoked = conn.execute(select(RoleGrant.email).where(
                RoleGrant.revoked_at.is_not(None))).scalars().all()
        assert len(revoked) == 1  # one beheerder is left to manage roles
    finally:
        engine.dispose()
