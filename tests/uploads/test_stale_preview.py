"""A publication or restore made from a stale view is refused, on SQLite and PostgreSQL.

The preview records the version it compared with; ``publish`` checks it inside its write
transaction, after the region lock. Region users A and B both work on VR13 here.
"""

from __future__ import annotations

import csv
import io
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import Engine, event, func, select

from capaciteit import clock
from capaciteit.access import audit
from capaciteit.access.permissions import Grant, User, local_admin
from capaciteit.capacity import demo
from capaciteit.capacity.categories import default_categories
from capaciteit.cli import main
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import Submission
from capaciteit.uploads import preview, publishing
from capaciteit.uploads.reader import Limits
from capaciteit.uploads.validation import ValidationResult

TODAY = clock.today()
PEILDATUM = (TODAY - timedelta(days=10)).strftime("%d-%m-%Y")
A = User("a@vr13.nl", standing=frozenset({Grant("regio-invoerder", "VR13")}))
B = User("b@vr13.nl", standing=frozenset({Grant("regio-invoerder", "VR13")}))
ADMIN = local_admin("beheer@rijk.nl")
HEADERS = ["gemeente", "organisatie", "categorie", "subcategorie", "aantal_personen", "fte",
           "inzetbaar_personen", "inzetbaar_binnen_uur", "peildatum"]


def capacity_file(**persons: int) -> bytes:
    """A CSV with one row per organisation: its boa's (domein I) in Amsterdam."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    for organisation, count in persons.items():
        writer.writerow(["GM0363", organisation, "boa", "domein-1", count, count, count // 2,
                         24, PEILDATUM])
    return buffer.getvalue().encode("utf-8")


def check(engine: Engine, boundaries, content: bytes) -> preview.UploadCheck:
    return preview.check_upload(engine, boundaries, default_categories(), "VR13", content,
                                "capaciteit.csv", limits=Limits())


def publish(engine: Engine, done: preview.UploadCheck, user: User,
            accept: bool = True) -> publishing.Publication:
    return publishing.publish(engine, "VR13", done.result, actor=user, filename=done.filename,
                              sha256=done.sha256, accept_warnings=accept,
                              based_on=done.based_on)


def current(engine: Engine, region: str) -> storage.VersionStamp | None:
    with engine.connect() as conn:
        return storage.current_stamp(conn, region)


def versions(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        history = storage.history(conn, "VR13")
    return list(zip(history["version"], history["uploaded_by"], strict=True))


def audit_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return len(audit.events(conn))


def test_a_preview_made_before_another_publication_is_refused_then_redone(engine, boundaries):
    publish(engine, check(engine, boundaries, capacity_file(Handhaving=100)), B)  # version 1
    mine = capacity_file(Handhaving=120)
    first_look = check(engine, boundaries, mine)
    assert first_look.based_on is not None and first_look.based_on.version == 1
    assert first_look.result.warnings == []  # 100 → 120: no big change
    publish(engine, check(engine, boundaries, capacity_file(Handhaving=20, Toezicht=5)), B)
    audited = audit_count(engine)

    with pytest.raises(publishing.StaleVersion) as refused:
        publish(engine, first_look, A)
    message = str(refused.value)
    assert message.startswith("Niet gepubliceerd: de huidige versie van VR13 is veranderd "
                              "sinds uw voorbeeld (nu: versie 2, gepubliceerd door b@vr13.nl op ")
    assert message.endswith("). Er is niets opgeslagen. Bekijk de verschillen en waarschuwingen "
                            "tegen die versie en publiceer opnieuw.")
    assert refused.value.current is not None and refused.value.current.version == 2
    assert versions(engine) == [(2, "b@vr13.nl"), (1, "b@vr13.nl")]
    assert audit_count(engine) == audited

    second_look = check(engine, boundaries, mine)
    assert second_look.based_on == refused.value.current
    assert list(second_look.diff.removed["organisation"]) == ["Toezicht"]
    assert second_look.diff.totals[["before", "after"]].to_dict("records") == [
        {"before": 25, "after": 120}]
    assert [w.text() for w in second_look.result.warnings] == [
        "categorie: het totaal voor Boa's verandert van 25 naar 120 personen (380%)"]
    with pytest.raises(publishing.PublishError, match="bevestig eerst"):
        publish(engine, second_look, A, accept=False)  # the new warning needs confirming
    assert publish(engine, second_look, A).version.version == 3
    assert versions(engine)[0] == (3, "a@vr13.nl")


def test_a_preview_of_a_region_without_data_goes_stale_when_someone_publishes_first(
        engine, boundaries):
    mine = check(engine, boundaries, capacity_file(Handhaving=10))
    assert mine.based_on is None
    publish(engine, check(engine, boundaries, capacity_file(Toezicht=10)), B)
    with pytest.raises(publishing.StaleVersion, match=r"\(nu: versie 1, gepubliceerd door b@"):
        publish(engine, mine, A)
    assert versions(engine) == [(1, "b@vr13.nl")]


def test_a_preview_against_demo_data_goes_stale_when_the_demo_data_is_removed(
        engine, boundaries):
    with engine.begin() as conn:
        demo.load_demo(conn, boundaries.municipality_table(), default_categories(), today=TODAY)
    mine = check(engine, boundaries, capacity_file(Handhaving=10))
    assert mine.based_on is not None and mine.based_on.uploaded_by == demo.DEMO_USER
    elsewhere = mine.result.records.assign(region_code="VR15", gemeente_code=None)
    done = publishing.publish(engine, "VR15", ValidationResult(elsewhere), actor=ADMIN,
                              filename="vr15.csv", sha256="f" * 64, accept_warnings=True,
                              based_on=current(engine, "VR15"))
    assert done.demo_removed == 25
    with pytest.raises(publishing.StaleVersion) as refused:
        publish(engine, mine, A)
    assert "(nu: geen versie; de fictieve demogegevens zijn intussen verwijderd)" in str(
        refused.value)
    assert versions(engine) == []
    assert publish(engine, check(engine, boundaries, capacity_file(Handhaving=10)),
                   A).version.version == 1


def test_a_restore_chosen_from_an_old_history_is_refused(engine, boundaries):
    publish(engine, check(engine, boundaries, capacity_file(Handhaving=10)), B)
    publish(engine, check(engine, boundaries, capacity_file(Handhaving=11)), B)
    with engine.connect() as conn:
        seen = storage.current_stamp(conn, "VR13")  # A opens the history: version 2 current
    publish(engine, check(engine, boundaries, capacity_file(Handhaving=12)), B)
    with pytest.raises(publishing.StaleVersion) as refused:
        publishing.restore(engine, "VR13", 1, actor=A, based_on=seen)
    assert str(refused.value).startswith(
        "Niet hersteld: de huidige versie van VR13 is veranderd sinds u de geschiedenis opende "
        "(nu: versie 3, gepubliceerd door b@vr13.nl op ")
    assert [v for v, _ in versions(engine)] == [3, 2, 1]
    restored = publishing.restore(engine, "VR13", 1, actor=A, based_on=refused.value.current)
    assert restored.version == 4


def test_two_users_publishing_from_the_same_version_at_once_one_wins_the_other_is_told(
        engine, boundaries):
    publish(engine, check(engine, boundaries, capacity_file(Handhaving=10)), B)
    looks = {A: check(engine, boundaries, capacity_file(Handhaving=11)),
             B: check(engine, boundaries, capacity_file(Handhaving=12))}
    start = threading.Barrier(2)

    def run(user: User) -> str:
        start.wait()
        try:
            publish(engine, looks[user], user)
        except publishing.StaleVersion as error:
            return str(error)
        return "gepubliceerd"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = dict(zip((A, B), pool.map(run, (A, B)), strict=True))
    assert sorted(o == "gepubliceerd" for o in outcomes.values()) == [False, True]
    winner = next(u for u, o in outcomes.items() if o == "gepubliceerd")
    loser = next(o for o in outcomes.values() if o != "gepubliceerd")
    assert f"(nu: versie 2, gepubliceerd door {winner.email} op " in loser
    assert versions(engine)[0] == (2, winner.email)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Submission)).scalar_one() == 2


def test_the_cli_exits_1_when_another_writer_publishes_between_its_check_and_publish(
        data_dir, boundaries, tmp_path, capsys):
    path = tmp_path / "capaciteit.csv"
    path.write_bytes(capacity_file(Handhaving=10))
    other = prepare_database(f"sqlite:///{(data_dir / 'capaciteit.db').as_posix()}")
    intervened = []

    def another_writer(conn, cursor, statement, parameters, context, executemany):
        # the CLI's write transaction is about to begin: B publishes first
        if statement == "BEGIN IMMEDIATE" and not intervened:
            intervened.append(True)
            publish(other, check(other, boundaries, capacity_file(Toezicht=3)), B)

    event.listen(Engine, "before_cursor_execute", another_writer)
    try:
        code = main(["importeer", str(path), "--regio", "VR13", "--door", "cli@vr13.nl"])
    finally:
        event.remove(Engine, "before_cursor_execute", another_writer)
    assert intervened
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: Niet gepubliceerd: de huidige versie van VR13 is veranderd "
                          "sinds uw voorbeeld (nu: versie 1, gepubliceerd door b@vr13.nl op ")
    assert versions(other) == [(1, "b@vr13.nl")]
    # run again: checked against version 1 now, whose 3 boa's make the 10 a big change
    assert main(["importeer", str(path), "--regio", "VR13", "--door", "cli@vr13.nl"]) == 1
    assert "verandert van 3 naar 10 personen" in capsys.readouterr().out
    assert main(["importeer", str(path), "--regio", "VR13", "--door", "cli@vr13.nl",
                 "--accepteer-waarschuwingen"]) == 0
    assert versions(other) == [(2, "cli@vr13.nl"), (1, "b@vr13.nl")]
    other.dispose()
