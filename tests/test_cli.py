"""The command line, run in-process: exit codes, Dutch reports, and what it leaves behind."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select

from capaciteit.cli import main
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import PopulationLoad
from tests.geo.test_boundaries import invalid_in_source, reference_table

FIXED_PASSWORD = "geheim-wachtwoord-42"


def unused_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def population_csv(codes: list[str], *, extra: dict[str, str] | None = None) -> str:
    """A StatLine OData export with inhabitants 10,000 + index per municipality."""
    rows = {code: str(10_000 + i) for i, code in enumerate(codes)} | (extra or {})
    lines = ['"ID";"Geslacht";"RegioS";"Perioden";"BevolkingOp1Januari_1"',
             '0;"T001038";"NL01      ";"2023JJ00";17811291']
    lines += [f'{i + 1};"T001038";"{code:<10}";"2023JJ00";{n}'
              for i, (code, n) in enumerate(rows.items())]
    return "\n".join(lines) + "\n"


@pytest.fixture
def codes(boundaries) -> list[str]:
    return sorted(boundaries.municipality_table()["gemeente_code"])


def _use_database(url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def database(sqlite_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
             ) -> Iterator[Engine]:
    """The app's data folder with DATABASE_URL on a fresh SQLite file; yields an engine."""
    yield from _use_database(sqlite_url, monkeypatch)


@pytest.fixture
def either_database(db_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
                    ) -> Iterator[Engine]:
    """As ``database``, once on SQLite and once on PostgreSQL."""
    yield from _use_database(db_url, monkeypatch)


def population_loads(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(PopulationLoad)).scalar_one())


# --- gebieden ophalen -------------------------------------------------------------------


@pytest.mark.parametrize("how", ["--bron", "CAPACITEIT_GEBIEDEN_BRON"])
def test_fetching_boundaries_from_a_folder_reports_what_was_stored(
        how, shared_regions, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CAPACITEIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CAPACITEIT_PDOK_WFS_URL", f"http://127.0.0.1:{unused_port()}/{{jaar}}")
    if how == "--bron":
        monkeypatch.delenv("CAPACITEIT_GEBIEDEN_BRON", raising=False)
        argv = ["gebieden", "ophalen", "--bron", str(shared_regions)]
    else:
        monkeypatch.setenv("CAPACITEIT_GEBIEDEN_BRON", str(shared_regions))
        argv = ["gebieden", "ophalen"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    municipalities = len(reference_table(shared_regions))  # 342 in the 2023 gebiedsindeling
    repaired = len(invalid_in_source(shared_regions))
    for phrase in ["Gebiedsindeling 2023 opgeslagen", "25 veiligheidsregio's",
                   f"{municipalities} gemeenten", f"{repaired} geometrie(ën) gerepareerd",
                   f"Bron: {shared_regions}"]:
        assert phrase in out
    manifest = json.loads((tmp_path / "data" / "regions" / "manifest.json").read_text("utf-8"))
    assert manifest["aantal_gemeenten"] == municipalities


def test_an_unreachable_pdok_fails_with_advice_and_keeps_the_cache(
        data_dir, monkeypatch, capsys):
    monkeypatch.setenv("CAPACITEIT_PDOK_WFS_URL",
                       f"http://127.0.0.1:{unused_port()}/cbs/gebiedsindelingen/{{jaar}}/wfs/v1_0")
    before = snapshot(data_dir / "regions")
    assert main(["gebieden", "ophalen"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Fout: De gebiedsindeling kon niet worden opgehaald bij PDOK")
    assert "CAPACITEIT_GEBIEDEN_BRON" in err
    assert "De bestaande gebiedscache is ongewijzigd gebleven." in err
    assert snapshot(data_dir / "regions") == before


def test_a_bron_folder_that_does_not_exist_fails_and_keeps_the_cache(data_dir, tmp_path, capsys):
    before = snapshot(data_dir / "regions")
    assert main(["gebieden", "ophalen", "--bron", str(tmp_path / "nergens")]) == 1
    assert "niet bereikbaar" in capsys.readouterr().err
    assert snapshot(data_dir / "regions") == before


# --- demo -------------------------------------------------------------------------------


def test_demo_fills_an_empty_database_and_refuses_a_filled_one(either_database, capsys):
    database = either_database
    assert main(["demo"]) == 0
    out, _ = capsys.readouterr()
    assert "Fictieve demogegevens geladen" in out
    assert "in 25 veiligheidsregio's" in out
    with database.connect() as conn:
        assert storage.has_demo_data(conn)
        demo_rows = len(storage.capacity_summary(conn))

    assert main(["demo"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "alleen in een lege database" in err
    with database.connect() as conn:
        assert len(storage.capacity_summary(conn)) == demo_rows


def test_demo_data_can_be_removed_again(database, capsys):
    assert main(["demo"]) == 0
    assert main(["demo", "--verwijderen"]) == 0
    assert "Demogegevens verwijderd: 25 inzendingen." in capsys.readouterr().out
    with database.connect() as conn:
        assert storage.is_empty(conn)


def test_demo_without_boundaries_says_how_to_fetch_them(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CAPACITEIT_DATA_DIR", str(tmp_path / "leeg"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CAPACITEIT_DATABASE_URL", raising=False)
    assert main(["demo"]) == 1
    assert "gebieden ophalen" in capsys.readouterr().err


# --- bevolking laden --------------------------------------------------------------------


def test_loading_a_good_population_file_stores_every_municipality(
        either_database, codes, tmp_path, capsys):
    database = either_database
    path = tmp_path / "03759ned.csv"
    path.write_text(population_csv(codes), "utf-8")
    assert main(["bevolking", "laden", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert f"{len(codes)} gemeenten" in out
    with database.connect() as conn:
        inhabitants, reference = storage.latest_population(conn)
    assert reference == date(2023, 1, 1)
    stored = dict(zip(inhabitants["gemeente_code"], inhabitants["inhabitants"], strict=True))
    assert stored == {code: 10_000 + i for i, code in enumerate(codes)}


def test_a_given_reference_date_is_stored(database, codes, tmp_path):
    path = tmp_path / "bevolking.csv"
    path.write_text(population_csv(codes), "utf-8")
    assert main(["bevolking", "laden", str(path), "--peildatum", "2023-07-01"]) == 0
    with database.connect() as conn:
        assert storage.latest_population(conn)[1] == date(2023, 7, 1)


BAD_FILES = {
    "unknown codes": (lambda codes: population_csv(codes, extra={"GM9999": "5"}),
                      "onbekende gemeentecode(s) in bevolking.csv: GM9999"),
    "missing municipality": (lambda codes: population_csv(codes[1:]),
                             "1 gemeente(n) ontbreken in bevolking.csv: GM0014"),
    "text as count": (lambda codes: population_csv(codes, extra={codes[5]: "onbekend"}),
                      "'onbekend' is geen geldig aantal inwoners"),
    "a row per sex": (lambda codes: population_csv(codes) + "\n".join(
        f'{900 + i};"3000";"{code:<10}";"2023JJ00";5000' for i, code in enumerate(codes)),
        "meer dan één rij per gemeente"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_population_file_is_refused_and_leaves_the_database_as_it_was(
        case, database, codes, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_text(population_csv(codes), "utf-8")
    assert main(["bevolking", "laden", str(good)]) == 0
    with database.connect() as conn:
        before = storage.latest_population(conn)
    capsys.readouterr()

    make, phrase = BAD_FILES[case]
    bad = tmp_path / "bevolking.csv"
    bad.write_text(make(codes), "utf-8")
    assert main(["bevolking", "laden", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Fout: ")
    assert phrase in err
    assert population_loads(database) == 1
    with database.connect() as conn:
        after = storage.latest_population(conn)
    assert after[1] == before[1]
    assert after[0].equals(before[0])


def test_a_rejected_first_population_file_stores_nothing(either_database, codes, tmp_path):
    database = either_database
    bad = tmp_path / "bevolking.csv"
    bad.write_text(population_csv(codes, extra={"GM9999": "5"}), "utf-8")
    assert main(["bevolking", "laden", str(bad)]) == 1
    prepare_database(database.url.render_as_string(hide_password=False)).dispose()
    assert population_loads(database) == 0


def test_a_population_file_that_does_not_exist_is_exit_code_2(data_dir, tmp_path, capsys):
    assert main(["bevolking", "laden", str(tmp_path / "bestaat-niet.csv")]) == 2
    assert "bestand bestaat niet" in capsys.readouterr().err


# --- database connection ----------------------------------------------------------------


@pytest.mark.parametrize("argv", [["demo"], ["demo", "--verwijderen"], ["bevolking", "laden"]])
def test_an_unreachable_database_is_reported_in_dutch_without_the_password(
        argv, data_dir, codes, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL",
                       f"postgresql+psycopg://x:{FIXED_PASSWORD}@127.0.0.1:{unused_port()}/none")
    if argv[0] == "bevolking":
        path = tmp_path / "bevolking.csv"
        path.write_text(population_csv(codes), "utf-8")
        argv = [*argv, str(path)]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert "Kan geen verbinding maken met de database" in err
    assert "127.0.0.1" in err
    assert FIXED_PASSWORD not in out + err


# --- voorbereiden -----------------------------------------------------------------------


def test_prepare_installs_leaflet_and_loads_demo_data_once(data_dir, tmp_path, capsys):
    from xstatic.pkg import leaflet

    static = tmp_path / "static"
    assert main(["voorbereiden", "--static", str(static)]) == 0
    installed = static / "leaflet" / "leaflet.js"
    assert installed.read_bytes() == (Path(leaflet.BASE_DIR) / "leaflet.js").read_bytes()
    assert (static / "leaflet" / "leaflet.css").is_file()
    assert "Fictieve demogegevens geladen" in capsys.readouterr().out
    engine = create_engine(f"sqlite:///{(data_dir / 'capaciteit.db').as_posix()}")
    with engine.connect() as conn:
        assert storage.has_demo_data(conn)
        rows = len(storage.capacity_summary(conn))

    assert main(["voorbereiden", "--static", str(static)]) == 0
    assert "alleen in een lege database" in capsys.readouterr().out
    with engine.connect() as conn:
        assert len(storage.capacity_summary(conn)) == rows
    engine.dispose()


def test_prepare_without_demo_leaves_the_database_empty(data_dir, tmp_path):
    assert main(["voorbereiden", "--static", str(tmp_path / "static"), "--zonder-demo"]) == 0
    engine = create_engine(f"sqlite:///{(data_dir / 'capaciteit.db').as_posix()}")
    with engine.connect() as conn:
        assert storage.is_empty(conn)
    engine.dispose()


def test_prepare_fetches_boundaries_when_there_is_no_cache_yet(
        shared_regions, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CAPACITEIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CAPACITEIT_GEBIEDEN_BRON", str(shared_regions))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CAPACITEIT_DATABASE_URL", raising=False)
    assert main(["voorbereiden", "--static", str(tmp_path / "static")]) == 0
    out = capsys.readouterr().out
    assert "Gebiedsindeling 2023 opgeslagen" in out
    assert "Fictieve demogegevens geladen" in out
    assert (tmp_path / "data" / "regions" / "manifest.json").is_file()


@pytest.mark.parametrize("argv", [[], ["gebieden"], ["bevolking", "laden"], ["onbekend"]])
def test_incomplete_commands_stop_with_usage_exit_code_2(argv, capsys):
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    assert "usage" in capsys.readouterr().err


@pytest.mark.parametrize("peildatum", ["1-7-2023", "2023-13-01", "gisteren"])
def test_an_invalid_reference_date_is_a_usage_error_in_dutch(peildatum, data_dir, tmp_path, capsys):
    path = tmp_path / "bevolking.csv"
    path.write_text("Gemeentecode;Inwoners\nGM0014;1\n", "utf-8")
    with pytest.raises(SystemExit) as raised:
        main(["bevolking", "laden", str(path), "--peildatum", peildatum])
    assert raised.value.code == 2
    assert f"geen geldige datum (JJJJ-MM-DD): '{peildatum}'" in capsys.readouterr().err
