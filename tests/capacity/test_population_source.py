"""Population as reference data: fetched from CBS OData, a folder or a URL, checked, dated.

Never the internet: ../shared/bevolking is served from a real HTTP server on loopback, as a
folder URL and, converted to CBS's OData JSON (v3: ``value`` and ``odata.nextLink``), as the
CBS API would answer.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from capaciteit import preparation
from capaciteit.capacity.population import PopulationError
from capaciteit.capacity.population_source import fetch_population_file, odata_query
from capaciteit.cli import main
from capaciteit.settings import get_settings
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from tests.conftest import UNREACHABLE, serving


def shared_rows(folder: Path) -> dict[str, int]:
    """Inhabitants per municipality code, read here from the shared file itself."""
    with next(folder.glob("bevolking_gemeenten_2023.csv")).open(encoding="utf-8-sig") as f:
        return {row["RegioS"].strip(): int(row["BevolkingOp1Januari_1"])
                for row in csv.DictReader(f, delimiter=";")}


def stored(data_dir: Path) -> tuple[dict[str, int], date | None]:
    engine = prepare_database(f"sqlite:///{(data_dir / 'capaciteit.db').as_posix()}")
    try:
        with engine.connect() as conn:
            frame, when = storage.latest_population(conn)
    finally:
        engine.dispose()
    return dict(zip(frame["gemeente_code"], frame["inhabitants"].astype(int), strict=True)), when


def odata_handler(rows: dict[str, int], page_size: int, asked: list[str]) -> type:
    """CBS's TypedDataSet as OData v3 JSON, in pages linked by ``odata.nextLink``."""
    padded = [{"RegioS": f"{code:<10}", "Perioden": "2023JJ00", "BevolkingOp1Januari_1": n}
              for code, n in rows.items()]

    class OData(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            asked.append(self.path)
            query = parse_qs(urlparse(self.path).query)
            if "2023JJ00" not in query.get("$filter", [""])[0]:
                body = {"odata.metadata": "x", "value": []}
            else:
                skip = int(query.get("$skip", ["0"])[0])
                body = {"odata.metadata": "x", "value": padded[skip:skip + page_size]}
                if skip + page_size < len(padded):
                    base = f"http://{self.headers['Host']}{urlparse(self.path).path}"
                    body["odata.nextLink"] = f"{base}?$skip={skip + page_size}&" + \
                        urlparse(self.path).query
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return OData


def test_the_odata_query_selects_every_municipalitys_total_on_1_january():
    query = parse_qs(urlparse(odata_query("https://cbs.example/odata/03759ned", 2024)).query)
    condition = query["$filter"][0]
    for part in ("Perioden eq '2024JJ00'", "Geslacht eq 'T001038'", "Leeftijd eq '10000'",
                 "BurgerlijkeStaat eq 'T001019'", "startswith(RegioS,'GM')"):
        assert part in condition
    assert query["$select"] == ["RegioS,Perioden,BevolkingOp1Januari_1"]


def test_fetching_from_a_folder_url_stores_every_municipality_dated_1_january(
        data_dir, population_url, shared_population, capsys):
    assert main(["bevolking", "ophalen", "--bron", population_url]) == 0
    expected = shared_rows(shared_population)
    rows, when = stored(data_dir)
    assert rows == expected
    assert when == date(2023, 1, 1)
    out = capsys.readouterr().out
    assert f"{len(expected)} gemeenten" in out and "1 januari 2023" in out


def test_fetching_the_same_figures_again_stores_nothing_new(data_dir, population_url):
    first = preparation.fetch_population(get_settings(), source=population_url)
    again = preparation.fetch_population(get_settings(), source=population_url)
    assert "geladen" in first and "ongewijzigd" in again


def test_fetching_from_cbs_odata_reads_every_page(data_dir, shared_population, monkeypatch):
    expected = shared_rows(shared_population)
    asked: list[str] = []
    with serving(shared_population, odata_handler(expected, 100, asked)) as url:
        monkeypatch.setenv("CAPACITEIT_CBS_ODATA_URL", f"{url}/ODataApi/odata/03759ned")
        assert main(["bevolking", "ophalen"]) == 0
    rows, when = stored(data_dir)
    assert rows == expected and when == date(2023, 1, 1)
    assert len(asked) == -(-len(expected) // 100)  # one request per page, every page read
    assert all(a.startswith("/ODataApi/odata/03759ned/TypedDataSet?") for a in asked)


def test_a_year_cbs_does_not_have_is_refused_in_dutch(data_dir, shared_population, monkeypatch,
                                                      capsys):
    with serving(shared_population, odata_handler(shared_rows(shared_population), 500, [])) as url:
        monkeypatch.setenv("CAPACITEIT_CBS_ODATA_URL", f"{url}/odata/03759ned")
        assert main(["bevolking", "ophalen", "--jaar", "2019"]) == 1
    assert "gaf geen inwonertallen per gemeente voor 2019" in capsys.readouterr().err
    assert stored(data_dir) == ({}, None)


def test_a_folder_without_the_years_file_names_what_it_holds(data_dir, shared_population):
    with pytest.raises(PopulationError) as refused:
        fetch_population_file(str(shared_population), 2024)
    assert "bevolking_gemeenten_2024.csv" in str(refused.value)
    assert "aanwezig: bevolking_gemeenten_2023.csv" in str(refused.value)


def test_another_years_municipal_division_names_the_missing_and_unknown_codes(
        data_dir, shared_population, tmp_path, capsys):
    rows = shared_rows(shared_population)
    gone = sorted(rows)[:2]
    lines = [f"{code};2023JJ00;{n}" for code, n in rows.items() if code not in gone]
    lines.append("GM9999;2023JJ00;12345")  # merged into a new municipality
    folder = tmp_path / "bron"
    folder.mkdir()
    (folder / "bevolking_gemeenten_2023.csv").write_text(
        "RegioS;Perioden;BevolkingOp1Januari_1\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with serving(folder) as url:
        assert main(["bevolking", "ophalen", "--bron", url]) == 1
    err = capsys.readouterr().err
    assert "andere gemeentelijke indeling" in err
    assert f"Ontbrekend: {', '.join(gone)}" in err and "Onbekend: GM9999" in err
    assert stored(data_dir) == ({}, None)


def test_an_unreachable_source_is_refused_in_dutch_and_changes_nothing(data_dir, capsys):
    assert main(["bevolking", "ophalen", "--bron", UNREACHABLE]) == 1
    assert "is niet bereikbaar" in capsys.readouterr().err
    assert stored(data_dir) == ({}, None)


def test_voorbereiden_loads_population_from_the_configured_source(
        data_dir, population_url, shared_population, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CAPACITEIT_BEVOLKING_BRON", population_url)
    assert main(["voorbereiden", "--static", str(tmp_path / "static")]) == 0
    assert "Inwonertallen geladen" in capsys.readouterr().out
    assert stored(data_dir)[0] == shared_rows(shared_population)


def test_voorbereiden_without_a_reachable_source_says_so_and_still_succeeds(
        data_dir, tmp_path, capsys):
    assert main(["voorbereiden", "--static", str(tmp_path / "static")]) == 0
    out = capsys.readouterr().out
    assert "Geen inwonertallen geladen" in out and "niet bereikbaar" in out
    assert "Fictieve demogegevens geladen" in out
    assert stored(data_dir) == ({}, None)


def test_a_local_folder_works_like_a_url(data_dir, shared_population, tmp_path):
    folder = tmp_path / "kopie"
    shutil.copytree(shared_population, folder)
    message = preparation.fetch_population(get_settings(), source=str(folder))
    assert "Inwonertallen geladen" in message
