"""append-only history: audit trail, versions, change logs refuse rewrites on both stores

Revision ID: 0006
Revises: 0005

Replaces 0005's audit triggers with one set of rules for every table that holds history
(see docs/decisions.md, "History is append-only, enforced by the database"):

- UPDATE refused (role_grant: only revoking once; agreement: edits allowed, logged elsewhere);
- DELETE refused (versions and their sums: except fictitious demo data);
- SQLite: an INSERT that would replace an existing row (INSERT OR REPLACE, REPLACE INTO)
  refused. SQLite deletes the conflicting row itself and fires no DELETE trigger for it
  unless recursive_triggers is on, so a BEFORE INSERT trigger checks the keys first;
- PostgreSQL: TRUNCATE refused by a statement trigger (also when reached by CASCADE).
INSERT … ON CONFLICT DO UPDATE runs the UPDATE triggers on both stores.
"""
from dataclasses import dataclass

from alembic import op

from capaciteit.texts.access import HISTORY_REFUSED

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DEMO_SUBMISSION = "(SELECT 1 FROM submission WHERE submission.id = OLD.submission_id AND submission.is_demo)"


@dataclass(frozen=True)
class Rule:
    table: str
    keys: tuple[tuple[str, ...], ...] = (("id",),)  # unique keys a REPLACE could collide on
    update: str = "never"  # never | always (allowed) | revoke (role_grant: revoke once)
    delete: str = "never"  # never | demo (submission.is_demo) | demo_records (via submission)


RULES = (
    Rule("audit_event"),
    Rule("agreement_change"),
    Rule("submission", keys=(("id",), ("region_code", "version")), delete="demo"),
    Rule("capacity_record", delete="demo_records"),
    Rule("capacity_total", delete="demo_records"),
    Rule("capacity_deployable", delete="demo_records"),
    Rule("population_load"),
    Rule("population", keys=(("load_id", "gemeente_code"),)),
    Rule("role_grant", update="revoke"),
    Rule("agreement", update="always"),
)
GRANT_COLUMNS = ("id", "email", "role", "region_code", "granted_by", "granted_at")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    _drop_0005_audit_triggers(postgres)
    if postgres:
        _create_postgres_functions()
    for rule in RULES:
        for statement in (_postgres if postgres else _sqlite)(rule, _literal(HISTORY_REFUSED[rule.table])):
            op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for rule in RULES:
        for name in _trigger_names(rule, postgres):
            op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {rule.table}" if postgres else ""))
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS history_refuse()")
        op.execute("DROP FUNCTION IF EXISTS history_refuse_unless_demo()")
    _create_0005_audit_triggers(postgres)


def _sqlite(rule: Rule, message: str) -> list[str]:
    raise_ = f"BEGIN SELECT RAISE(ABORT, {message}); END"
    t = rule.table
    collides = " OR ".join("(" + " AND ".join(f"{t}.{c} = NEW.{c}" for c in key) + ")"
                           for key in rule.keys)
    statements = [f"CREATE TRIGGER {t}_no_replace BEFORE INSERT ON {t} "
                  f"WHEN EXISTS (SELECT 1 FROM {t} WHERE {collides}) {raise_}"]
    if rule.update != "always":
        when = "" if rule.update == "never" else f" WHEN {_revoke_refused('IS NOT')}"
        statements.append(f"CREATE TRIGGER {t}_no_update BEFORE UPDATE ON {t}{when} {raise_}")
    when = {"never": "", "demo": " WHEN NOT OLD.is_demo",
            "demo_records": f" WHEN NOT EXISTS {DEMO_SUBMISSION}"}[rule.delete]
    statements.append(f"CREATE TRIGGER {t}_no_delete BEFORE DELETE ON {t}{when} {raise_}")
    return statements


def _postgres(rule: Rule, message: str) -> list[str]:
    t = rule.table
    refuse = f"EXECUTE FUNCTION history_refuse({message})"
    statements = [f"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} "
                  f"FOR EACH STATEMENT {refuse}"]
    if rule.update != "always":
        when = "" if rule.update == "never" else f" WHEN ({_revoke_refused('IS DISTINCT FROM')})"
        statements.append(f"CREATE TRIGGER {t}_no_update BEFORE UPDATE ON {t} "
                          f"FOR EACH ROW{when} {refuse}")
    delete = {"never": f"FOR EACH ROW {refuse}",
              "demo": f"FOR EACH ROW WHEN (NOT OLD.is_demo) {refuse}",
              "demo_records": f"FOR EACH ROW EXECUTE FUNCTION history_refuse_unless_demo({message})"
              }[rule.delete]
    statements.append(f"CREATE TRIGGER {t}_no_delete BEFORE DELETE ON {t} {delete}")
    return statements


def _create_postgres_functions() -> None:
    op.execute("CREATE FUNCTION history_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
               "BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; "
               "END $$")
    op.execute("CREATE FUNCTION history_refuse_unless_demo() RETURNS trigger LANGUAGE plpgsql "
               f"AS $$ BEGIN IF EXISTS {DEMO_SUBMISSION} THEN RETURN OLD; END IF; "
               "RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$")


def _revoke_refused(distinct: str) -> str:
    """Refuse every update of a grant except setting revoked_by/revoked_at once."""
    changed = " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in GRANT_COLUMNS)
    return f"OLD.revoked_at IS NOT NULL OR {changed}"


def _trigger_names(rule: Rule, postgres: bool) -> list[str]:
    kinds = ["no_truncate" if postgres else "no_replace", "no_update", "no_delete"]
    return [f"{rule.table}_{kind}" for kind in kinds]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# 0005's audit triggers, replaced by the rules above (and put back on downgrade)
AUDIT_0005 = _literal(HISTORY_REFUSED["audit_event"])


def _drop_0005_audit_triggers(postgres: bool) -> None:
    if postgres:
        op.execute("DROP TRIGGER audit_event_immutable ON audit_event")
        op.execute("DROP FUNCTION audit_event_immutable()")
    else:
        op.execute("DROP TRIGGER audit_event_no_update")
        op.execute("DROP TRIGGER audit_event_no_delete")


def _create_0005_audit_triggers(postgres: bool) -> None:
    if postgres:
        op.execute("CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN RAISE EXCEPTION {AUDIT_0005}; END $$")
        op.execute("CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION audit_event_immutable()")
    else:
        for event in ("update", "delete"):
            op.execute(f"CREATE TRIGGER audit_event_no_{event} BEFORE {event.upper()} ON "
                       f"audit_event BEGIN SELECT RAISE(ABORT, {AUDIT_0005}); END")
