"""Where inhabitants per municipality come from: CBS OData (table 03759ned), a folder or a URL.

Whatever the source, the result is the bytes of a StatLine-shaped CSV
(``RegioS;Perioden;BevolkingOp1Januari_1``) that ``population.read_statline_csv``
reads and checks, so every source passes the same checks.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from capaciteit import texts
from capaciteit.capacity.population import PopulationError
from capaciteit.settings import CBS_ODATA_URL

FILE_NAME = "bevolking_gemeenten_{jaar}.csv"
COUNT_FIELD = "BevolkingOp1Januari_1"
# Totals over sex, age and marital status, as in the StatLine selection of the fixture.
CBS_SELECTION = {"Geslacht": "T001038", "Leeftijd": "10000", "BurgerlijkeStaat": "T001019"}
MAX_PAGES = 50  # CBS pages by 10,000 rows; 342 municipalities need one


def fetch_population_file(source: str | None, year: int, *, odata_url: str = CBS_ODATA_URL,
                          timeout: float = 60.0) -> tuple[bytes, str]:
    """The population of ``year`` as StatLine CSV bytes, and the name it is recorded under.

    ``source`` None: CBS OData (``odata_url``, table 03759ned). A file: that file. A
    folder or an ``http(s)://`` address: its ``bevolking_gemeenten_<year>.csv``.
    Raises ``PopulationError`` (Dutch) when the source cannot be reached or read.
    """
    if source is None:
        return _from_odata(odata_url, year, timeout), f"cbs_03759ned_{year}.csv"
    name = FILE_NAME.format(jaar=year)
    if "://" in source:
        return _download(f"{source.rstrip('/')}/{name}", source, name, timeout), name
    path = Path(source)
    if path.is_file():
        return path.read_bytes(), path.name
    if not path.is_dir():
        raise PopulationError(texts.POPULATION_SOURCE_UNREACHABLE.format(
            bron=source, fout=texts.BOUNDARIES_NO_FOLDER))
    if not (path / name).is_file():
        present = ", ".join(sorted(p.name for p in path.glob("*.csv"))) or "—"
        raise PopulationError(texts.POPULATION_SOURCE_MISSING.format(
            bron=source, bestand=name, aanwezig=present))
    return (path / name).read_bytes(), name


def odata_query(odata_url: str, year: int) -> str:
    """The TypedDataSet address that selects every municipality's total on 1 January."""
    conditions = [f"{field} eq '{code}'" for field, code in CBS_SELECTION.items()]
    conditions += [f"Perioden eq '{year}JJ00'", "startswith(RegioS,'GM')"]
    query = urllib.parse.urlencode({
        "$filter": " and ".join(conditions),
        "$select": f"RegioS,Perioden,{COUNT_FIELD}",
        "$format": "json",
    }, quote_via=urllib.parse.quote)
    return f"{odata_url.rstrip('/')}/TypedDataSet?{query}"


def odata_rows_to_csv(rows: list[dict[str, object]]) -> bytes:
    """OData rows (``RegioS``, ``Perioden``, count) as the StatLine CSV the reader takes."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["RegioS", "Perioden", COUNT_FIELD])
    for row in rows:
        count = row.get(COUNT_FIELD)
        writer.writerow([str(row.get("RegioS", "")).strip(), row.get("Perioden", ""),
                         "" if count is None else count])
    return out.getvalue().encode("utf-8")


def _from_odata(odata_url: str, year: int, timeout: float) -> bytes:
    url: str | None = odata_query(odata_url, year)
    rows: list[dict[str, object]] = []
    for _ in range(MAX_PAGES):
        if url is None:
            break
        content = _download(url, odata_url, "TypedDataSet", timeout)
        try:
            page = json.loads(content)
            rows.extend(page["value"])
        except (ValueError, KeyError, TypeError) as error:
            raise PopulationError(texts.POPULATION_ODATA_UNREADABLE.format(
                bron=odata_url, fout=type(error).__name__)) from error
        url = page.get("odata.nextLink") or page.get("@odata.nextLink")
    if not rows:
        raise PopulationError(texts.POPULATION_ODATA_EMPTY.format(bron=odata_url, jaar=year))
    return odata_rows_to_csv(rows)


def _download(url: str, source: str, name: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json, text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise PopulationError(texts.POPULATION_SOURCE_MISSING.format(
                bron=source, bestand=name, aanwezig="—")) from error
        raise PopulationError(texts.POPULATION_SOURCE_UNREACHABLE.format(
            bron=source, fout=texts.BOUNDARIES_HTTP_STATUS.format(status=error.code))) from error
    except (OSError, ValueError) as error:
        raise PopulationError(texts.POPULATION_SOURCE_UNREACHABLE.format(
            bron=source, fout=getattr(error, "reason", error))) from error
