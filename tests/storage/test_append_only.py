"""History is append-only in the database itself (migration 0006), on SQLite and PostgreSQL.

Every history table holds rows written by the app's own services; each way to rewrite
them (UPDATE, DELETE, INSERT OR REPLACE / REPLACE INTO on SQLite, INSERT … ON CONFLICT DO
UPDATE, TRUNCATE on PostgreSQL) is refused and leaves every row as it was, while the app's
writes keep appending. On PostgreSQL the README's grants are run for a fresh role and the
app works as that role.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event, func, make_url, select, table, text
from sqlalchemy.exc import DBAPIError

from capaciteit import clock
from capaciteit.access import audit, roles
from capaciteit.access.permissions import AccessDenied, User, local_admin
from capaciteit.agreements.rules import AgreementDraft, Catalogue
from capaciteit.agreements.service import create_agreement, update_agreement
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.deployment.measure_store import load_measures, save_measure
from capaciteit.deployment.presets import load_presets, save_preset
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import make_engine, migrate, prepare_database, write_transaction
from capaciteit.storage.models import Base
from capaciteit.texts.access import HISTORY_REFUSED
from capaciteit.uploads import publishing
from capaciteit.uploads.validation import ValidationResult

ROOT = Path(__file__).resolve().parents[2]
TODAY = clock.today()
ADMIN = local_admin("beheer@rijk.nl")
CATALOGUE = Catalogue({f"VR{i:02d}": f"Regio {i}" for i in range(1, 26)}, default_categories())
DRAFT = AgreementDraft(region_code="VR13", partner_name="Gemeente Amsterdam",
                       partner_type="gemeente", scopes=(("boa", "domein-1"),),
                       committed_persons=5, lead_time_hours=24,
                       valid_from=TODAY - timedelta(days=1), status="getekend")

# history table → a column to tamper with and the value an attacker would write
TAMPER = {
    "audit_event": ("actor", "'iemand anders'"),
    "agreement_change": ("changed_by", "'iemand anders'"),
    "submission": ("uploaded_by", "'iemand anders'"),
    "capacity_record": ("persons", "999"),
    "capacity_total": ("persons", "999"),
    "capacity_deployable": ("persons", "999"),
    "population_load": ("filename", "'vervalst.csv'"),
    "population": ("inhabitants", "1"),
    "role_grant": ("email", "'iemand@anders.nl'"),
    "agreement": ("partner_name", "'Iemand anders'"),
    "closure_measure_version": ("assumption", "'iets anders'"),
}
EDITED_IN_PLACE = {"agreement"}  # its edits are logged in agreement_change instead


def capacity(region: str, persons: int) -> pd.DataFrame:
    return pd.DataFrame([{
        "region_code": region, "gemeente_code": None, "organisation": "Gemeente Handhaving",
        "organisation_id": None, "category": "boa", "subcategory": "domein-1",
        "persons": persons, "fte": float(persons), "deployable_persons": persons // 2,
        "deployable_within_hours": 24, "powers": "", "note": "",
        "peildatum": pd.Timestamp(TODAY - timedelta(days=10))}])[RECORD_COLUMNS]


def current(engine: Engine, region: str) -> storage.VersionStamp | None:
    with engine.connect() as conn:
        return storage.current_stamp(conn, region)


def every_app_write(engine: Engine, actor: User = ADMIN) -> None:
    """Each write the application makes, through its own services."""
    with engine.begin() as conn:  # demo data, removed by the first real publication
        storage.publish_version(conn, "VR01", capacity("VR01", 7), uploaded_by="demo",
                                kind="demo", is_demo=True)
    for persons in (40, 60):
        publishing.publish(engine, "VR13", ValidationResult(capacity("VR13", persons)),
                           actor=actor, filename=f"{persons}.csv", sha256=uuid.uuid4().hex * 2,
                           accept_warnings=True, based_on=current(engine, "VR13"))
    publishing.restore(engine, "VR13", 1, actor=actor, based_on=current(engine, "VR13"))
    roles.grant(engine, actor, "invoer@vr13.nl", "regio-invoerder:VR13")
    with engine.connect() as conn:
        grant_id = int(roles.grants_frame(conn)["id"].iloc[0])
    roles.revoke(engine, actor, grant_id)
    roles.grant(engine, actor, "lezer@rijk.nl", "lezer")
    saved = create_agreement(engine, DRAFT, actor=actor, catalogue=CATALOGUE,
                             accept_warnings=True)
    update_agreement(engine, saved.agreement_id, replace(DRAFT, committed_persons=8),
                     actor=actor, catalogue=CATALOGUE, accept_warnings=True)
    with write_transaction(engine) as conn:
        storage.save_population(conn, pd.DataFrame({"gemeente_code": ["GM0363", "GM0384"],
                                                    "inhabitants": [931_000, 30_000]}),
                                reference_date=date(2025, 1, 1), filename="bevolking.csv",
                                sha256="b" * 64)
    preset = load_presets(engine)[0]
    save_preset(engine, replace(preset, name=preset.name + " (bijgewerkt)"), actor=actor,
                categories=default_categories())
    schools = next(m for m in load_measures(engine) if m.code == "scholen-gesloten")
    save_measure(engine, replace(schools, name=schools.name + " (bijgewerkt)"), actor=actor,
                 categories=default_categories())
    with pytest.raises(AccessDenied):  # a refusal is itself appended to the audit trail
        roles.grant(engine, User("niemand@elders.nl"), "x@y.nl", "beheerder")


def rows(engine: Engine, name: str) -> list[tuple]:
    keys = [c.name for c in Base.metadata.tables[name].primary_key.columns]
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            f"SELECT * FROM {name} ORDER BY {', '.join(keys)}")).all()]


def count(engine: Engine, name: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table(name))).scalar_one())


def tampering(dialect: str, name: str) -> list[str]:
    """Statements that would rewrite ``name``'s history on this store."""
    column, value = TAMPER[name]
    columns = [c.name for c in Base.metadata.tables[name].columns]
    keys = ", ".join(c.name for c in Base.metadata.tables[name].primary_key.columns)
    names = ", ".join(columns)
    forged = ", ".join(value if c == column else c for c in columns)
    statements = [f"DELETE FROM {name}"]
    if name not in EDITED_IN_PLACE:
        statements += [
            f"UPDATE {name} SET {column} = {value}",
            f"INSERT INTO {name} ({names}) SELECT {names} FROM {name} WHERE true "
            f"ON CONFLICT ({keys}) DO UPDATE SET {column} = {value}",
        ]
    if dialect == "sqlite":
        statements += [f"INSERT OR REPLACE INTO {name} ({names}) SELECT {forged} FROM {name}",
                       f"REPLACE INTO {name} ({names}) SELECT {forged} FROM {name}"]
    else:
        statements += [f"TRUNCATE {name} CASCADE"]
    return statements


@pytest.fixture
def history(engine: Engine) -> Engine:
    every_app_write(engine)
    return engine


@pytest.mark.parametrize("name", sorted(TAMPER))
def test_every_rewrite_of_a_history_table_is_refused_and_its_rows_stay(history, name):
    assert count(history, name) > 0, f"the app wrote no {name} rows to protect"
    before = {t: rows(history, t) for t in TAMPER}
    for statement in tampering(history.dialect.name, name):
        try:
            with history.begin() as conn:
                conn.execute(text(statement))
        except DBAPIError as error:
            assert HISTORY_REFUSED[name] in str(error.orig), statement
        else:
            pytest.fail(f"not refused: {statement}")
        assert {t: rows(history, t) for t in TAMPER} == before, statement


def test_the_app_keeps_appending_after_refused_rewrites(history):
    with pytest.raises(DBAPIError):
        with history.begin() as conn:
            conn.execute(text("DELETE FROM audit_event"))
    before = {name: count(history, name) for name in TAMPER}
    every_app_write(history)
    after = {name: count(history, name) for name in TAMPER}
    assert {name for name in TAMPER if after[name] > before[name]} == set(TAMPER), (before, after)
    with history.connect() as conn:
        assert list(storage.history(conn, "VR13")["version"]) == [6, 5, 4, 3, 2, 1]


def test_a_role_is_revoked_once_and_then_never_changed(engine):
    roles.grant(engine, ADMIN, "invoer@vr13.nl", "regio-invoerder:VR13")
    with engine.connect() as conn:
        grant_id = int(roles.grants_frame(conn)["id"].iloc[0])
    roles.revoke(engine, ADMIN, grant_id)
    revoked = rows(engine, "role_grant")
    for statement in ["UPDATE role_grant SET revoked_by = 'iemand anders'",
                      "UPDATE role_grant SET revoked_at = NULL, revoked_by = NULL"]:
        with pytest.raises(DBAPIError, match=re.escape(HISTORY_REFUSED["role_grant"])):
            with engine.begin() as conn:
                conn.execute(text(statement))
    assert rows(engine, "role_grant") == revoked
    with engine.connect() as conn:
        assert conn.execute(text("SELECT revoked_by FROM role_grant")).scalar_one() == ADMIN.label


def test_demo_data_may_be_deleted_but_a_real_version_never(engine):
    with engine.begin() as conn:
        storage.publish_version(conn, "VR01", capacity("VR01", 7), uploaded_by="demo",
                                kind="demo", is_demo=True)
        real = storage.publish_version(conn, "VR02", capacity("VR02", 9), uploaded_by="echt")
    for statement in ["DELETE FROM capacity_record", "DELETE FROM capacity_total",
                      "DELETE FROM submission WHERE NOT is_demo"]:
        with pytest.raises(DBAPIError, match="alleen fictieve demogegevens mogen weg"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    assert count(engine, "capacity_record") == 2
    with engine.begin() as conn:
        assert storage.remove_demo_data(conn) == 1
    with engine.connect() as conn:
        assert list(storage.current_versions(conn)["region_code"]) == ["VR02"]
        assert conn.execute(text("SELECT submission_id FROM capacity_record")).scalars().all() \
            == [real.submission_id]


def test_downgrading_0006_puts_back_the_0005_audit_triggers_and_upgrading_again_works(engine):
    every_app_write(engine)
    config = Config()
    config.set_main_option("script_location",
                           str(resources.files("capaciteit").joinpath("storage", "migrations")))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    before = rows(engine, "audit_event")
    with pytest.raises(DBAPIError, match="auditregels worden nooit"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE audit_event SET actor = 'iemand anders'"))
    with engine.begin() as conn:  # 0005 did not protect the versions
        conn.execute(text("UPDATE submission SET uploaded_by = uploaded_by"))
    migrate(engine)
    with pytest.raises(DBAPIError, match=re.escape(HISTORY_REFUSED["submission"])):
        with engine.begin() as conn:
            conn.execute(text("UPDATE submission SET uploaded_by = uploaded_by"))
    assert rows(engine, "audit_event") == before


def readme_grants() -> str:
    """The SQL block under 'Two database roles' in README.md."""
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("**Two database roles**")
    block = re.search(r"```sql\n(.*?)```", readme[start:], re.S)
    assert block is not None
    return block.group(1)


def test_the_readme_grants_give_the_app_role_what_it_needs_and_no_more(pg_url):
    owner = prepare_database(pg_url)  # the owner runs the migrations
    role = f"capaciteit_app_{uuid.uuid4().hex[:8]}"
    database = make_url(pg_url).database
    sql = readme_grants().replace("capaciteit_app", role).replace(
        "DATABASE capaciteit", f'DATABASE "{database}"')
    statements = [s.strip() for s in re.sub(r"--[^\n]*", "", sql).split(";") if s.strip()]
    app = make_engine(pg_url)

    @event.listens_for(app, "connect")
    def as_app_role(dbapi_connection, _record):  # the server's superuser becomes the app role
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')
        dbapi_connection.commit()

    try:
        with owner.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
        migrate(app)  # the app's start: schema current, nothing to change
        every_app_write(app)
        with app.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar_one() == role
            assert set(audit.events(conn)["action"]) >= {"publiceren", "herstellen",
                                                          "rol_toegekend", "geweigerd"}
        assert {t for t in TAMPER if count(app, t) == 0} == set()
        for statement in ["UPDATE audit_event SET actor = 'x'", "DELETE FROM audit_event",
                          "TRUNCATE audit_event",
                          "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_delete",
                          "DROP TRIGGER audit_event_no_delete ON audit_event",
                          "CREATE TABLE elders (id integer)"]:
            with pytest.raises(DBAPIError, match="permission denied|must be owner"):
                with app.begin() as conn:
                    conn.execute(text(statement))
    finally:
        app.dispose()
        with owner.begin() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        owner.dispose()
