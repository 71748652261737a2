"""Reading CBS StatLine population exports, built here from the real municipality list."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from capaciteit.capacity.population import PopulationError, check_municipalities, read_statline_csv

ODATA_HEADER = '"ID";"Geslacht";"RegioS";"Perioden";"BevolkingOp1Januari_1"'
NAMED_HEADER = "Gemeentecode;Gemeentenaam;Perioden;Bevolking op 1 januari (aantal)"


@pytest.fixture(scope="module")
def municipalities(boundaries) -> pd.DataFrame:
    table = boundaries.municipality_table()[["gemeente_code", "gemeente_name"]]
    return table.sort_values("gemeente_code").reset_index(drop=True)


def inhabitants_for(municipalities: pd.DataFrame, year: int = 2023) -> dict[str, int]:
    """Made-up but distinct counts per municipality, different per year."""
    return {code: 1_000 + 37 * i + year for i, code in enumerate(municipalities["gemeente_code"])}


def odata_lines(counts: dict[str, int], period: str = "2023JJ00", start: int = 0) -> list[str]:
    """StatLine OData rows: padded region codes, the country and a province first."""
    lines = [f'{start};"T001038";"NL01      ";"{period}";{sum(counts.values())}',
             f'{start + 1};"T001038";"PV20      ";"{period}";{sum(counts.values()) // 12}']
    lines += [f'{start + 2 + i};"T001038";"{code:<10}";"{period}";{n}'
              for i, (code, n) in enumerate(counts.items())]
    return lines


def odata_csv(counts: dict[str, int], period: str = "2023JJ00", sep: str = ";") -> str:
    lines = [ODATA_HEADER, *odata_lines(counts, period)]
    return "\n".join(line.replace(";", sep) for line in lines) + "\n"


def named_csv(municipalities: pd.DataFrame, counts: dict[str, int], sep: str = ";") -> str:
    lines = [NAMED_HEADER] + [
        f'{code};"{name}";2023;{counts[code]}'  # quoted: "Nuenen, Gerwen en Nederwetten"
        for code, name in zip(municipalities["gemeente_code"], municipalities["gemeente_name"],
                              strict=True)]
    return "\n".join(line.replace(";", sep) for line in lines) + "\n"


def as_frame(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"gemeente_code": list(counts), "inhabitants": list(counts.values())})


def sorted_result(frame: pd.DataFrame) -> pd.DataFrame:
    result = frame.sort_values("gemeente_code").reset_index(drop=True)
    return result.astype({"gemeente_code": str, "inhabitants": "int64"})


def test_an_odata_export_gives_inhabitants_per_municipality_only(municipalities):
    counts = inhabitants_for(municipalities)
    population = read_statline_csv(odata_csv(counts).encode(), "03759ned.csv")
    pd.testing.assert_frame_equal(sorted_result(population.inhabitants),
                                  sorted_result(as_frame(counts)))
    assert not population.inhabitants["gemeente_code"].str.startswith(("NL", "PV")).any()
    assert population.reference_date == date(2023, 1, 1)


@pytest.mark.parametrize(("layout", "sep", "encoding"), [
    ("odata", ";", "utf-8"),
    ("odata", ",", "utf-8"),
    ("odata", ";", "utf-8-sig"),
    ("named", ";", "utf-8"),
    ("named", ";", "utf-8-sig"),
    ("named", ";", "cp1252"),
    ("named", ",", "cp1252"),
])
def test_separators_and_encodings_of_statline_exports_are_all_read(
        municipalities, layout, sep, encoding):
    counts = inhabitants_for(municipalities)
    text = odata_csv(counts, sep=sep) if layout == "odata" else named_csv(
        municipalities, counts, sep=sep)
    content = text.encode(encoding)
    if encoding == "cp1252":  # the file really needs the Windows-1252 fallback
        assert "Fryslân" in text
        with pytest.raises(UnicodeDecodeError):
            content.decode("utf-8")
    population = read_statline_csv(content, "bevolking.csv")
    pd.testing.assert_frame_equal(sorted_result(population.inhabitants),
                                  sorted_result(as_frame(counts)))
    assert population.reference_date == date(2023, 1, 1)


def test_with_several_periods_the_newest_is_used(municipalities):
    lines = [ODATA_HEADER]
    for year in (2021, 2023, 2022):  # newest in the middle: order in the file must not matter
        lines += odata_lines(inhabitants_for(municipalities, year), f"{year}JJ00",
                             start=len(lines))
    population = read_statline_csv(("\n".join(lines) + "\n").encode(), "bevolking.csv")
    pd.testing.assert_frame_equal(sorted_result(population.inhabitants),
                                  sorted_result(as_frame(inhabitants_for(municipalities, 2023))))
    assert population.reference_date == date(2023, 1, 1)


def test_a_given_reference_date_wins_over_the_period(municipalities):
    counts = inhabitants_for(municipalities)
    population = read_statline_csv(odata_csv(counts).encode(), "x.csv", date(2023, 6, 30))
    assert population.reference_date == date(2023, 6, 30)


def test_without_a_period_column_the_year_in_the_filename_is_the_reference(municipalities):
    text = "Gemeentecode;Inwoners\nGM0014;1000\nGM0034;2000\n"
    population = read_statline_csv(text.encode(), "inwoners_2024.csv")
    assert population.reference_date == date(2024, 1, 1)


def test_without_any_year_the_reference_date_must_be_given():
    text = "Gemeentecode;Inwoners\nGM0014;1000\nGM0034;2000\n"
    with pytest.raises(PopulationError, match="--peildatum"):
        read_statline_csv(text.encode(), "inwoners.csv")


@pytest.mark.parametrize(("written", "count"), [
    ("12345", 12345),
    ("12.345", 12345),        # Dutch thousands separator
    ("1.234.567", 1234567),
    ("  987 ", 987),
    ("1234.0", 1234),         # a float column written back by a spreadsheet tool
])
def test_counts_are_read_as_whole_numbers(written, count):
    text = f"Gemeentecode;Perioden;Inwoners\nGM0014;2023;{written}\nGM0034;2023;10\n"
    population = read_statline_csv(text.encode(), "x.csv")
    assert population.inhabitants.set_index("gemeente_code")["inhabitants"]["GM0014"] == count


@pytest.mark.parametrize("written", ["veel", "", "-5", "12,5", "1234.5", "."])
def test_a_count_that_is_not_a_whole_number_is_refused_with_its_row(municipalities, written):
    counts = inhabitants_for(municipalities)
    lines = [ODATA_HEADER, *odata_lines(counts)]
    bad_line = 100  # 1-based line number in the file, the header being line 1
    fields = lines[bad_line - 1].split(";")
    lines[bad_line - 1] = ";".join([*fields[:-1], written])
    with pytest.raises(PopulationError) as raised:
        read_statline_csv(("\n".join(lines) + "\n").encode(), "x.csv")
    assert str(raised.value) == f"Rij {bad_line}: '{written}' is geen geldig aantal inwoners."


@pytest.mark.parametrize("text", [
    "Regio's;Perioden;Bevolking\nGroningen;2023;1000\nAlmere;2023;2000\n",
    '"ID";"RegioS";"Perioden";"Bevolking"\n0;"NL01  ";"2023JJ00";17000000\n'
    '1;"PV20  ";"2023JJ00";600000\n',
    "Gemeentecode;Gemeentenaam\nGM0014;Groningen\nGM0034;Almere\n",
])
def test_a_file_without_municipality_codes_or_counts_is_refused(text):
    with pytest.raises(PopulationError, match="geen kolom met gemeentecodes"):
        read_statline_csv(text.encode(), "x.csv")


def test_a_file_with_a_row_per_sex_is_refused_rather_than_counted_thrice(municipalities):
    counts = inhabitants_for(municipalities)
    lines = [ODATA_HEADER]
    for sex in ("T001038", "3000", "4000"):
        lines += [line.replace('"T001038"', f'"{sex}"')
                  for line in odata_lines(counts, start=len(lines))]
    with pytest.raises(PopulationError) as raised:
        read_statline_csv(("\n".join(lines) + "\n").encode(), "x.csv")
    assert_shortened_listing(
        str(raised.value), "Het bevolkingsbestand x.csv is niet te lezen: meer dan één rij per "
        "gemeente (exporteer alleen het totaal) voor ", sorted(counts))  # every one, thrice


def test_a_complete_file_passes_the_municipality_check(municipalities):
    population = read_statline_csv(odata_csv(inhabitants_for(municipalities)).encode(), "x.csv")
    assert check_municipalities(population, municipalities, "x.csv", 2023) is None  # no refusal
    assert set(population.inhabitants["gemeente_code"]) == set(municipalities["gemeente_code"])


def test_unknown_municipality_codes_are_refused_and_listed(municipalities):
    counts = inhabitants_for(municipalities) | {"GM9998": 10, "GM9999": 20}
    population = read_statline_csv(odata_csv(counts).encode(), "oud.csv")
    with pytest.raises(PopulationError) as raised:
        check_municipalities(population, municipalities, "oud.csv", 2023)
    assert str(raised.value) == (
        "2 onbekende gemeentecode(s) in oud.csv: GM9998, GM9999. Gebruik een bestand met de "
        "gemeentelijke indeling van de geladen gebiedsindeling (2023).")


def test_missing_municipalities_are_refused_and_listed(municipalities):
    counts = inhabitants_for(municipalities)
    dropped = ["GM0014", "GM0363", "GM0599"]
    for code in dropped:
        del counts[code]
    population = read_statline_csv(odata_csv(counts).encode(), "half.csv")
    with pytest.raises(PopulationError) as raised:
        check_municipalities(population, municipalities, "half.csv", 2023)
    assert str(raised.value) == (
        "3 gemeente(n) ontbreken in half.csv: GM0014, GM0363, GM0599.")


def test_a_long_list_of_missing_municipalities_is_shortened(municipalities):
    counts = dict(list(inhabitants_for(municipalities).items())[:5])
    missing = sorted(set(municipalities["gemeente_code"]) - set(counts))
    population = read_statline_csv(odata_csv(counts).encode(), "klein.csv")
    with pytest.raises(PopulationError) as raised:
        check_municipalities(population, municipalities, "klein.csv", 2023)
    assert_shortened_listing(raised.value.args[0],
                             f"{len(missing)} gemeente(n) ontbreken in klein.csv: ", missing)


def assert_shortened_listing(message: str, prefix: str, codes: list[str]) -> None:
    """``message`` is ``prefix``, the first of ``codes`` in order, then "en N meer."."""
    assert message.startswith(prefix), message
    listed, _, rest = message.removeprefix(prefix).partition(" en ")
    shown = listed.split(", ")
    assert 0 < len(shown) < len(codes)
    assert shown == codes[:len(shown)]  # the first ones, in code order
    assert rest == f"{len(codes) - len(shown)} meer."


# --- impossible counts and what can be stored (issue 10) ---------------------------------


@pytest.mark.parametrize("written", ["inf", "Infinity", "NaN", "1e309", "\u0663\u0664",
                                     "1,2.5", "-0,5"])
def test_a_count_that_is_no_finite_number_is_refused_with_its_row(municipalities, written):
    counts = inhabitants_for(municipalities)
    lines = [ODATA_HEADER, *odata_lines(counts)]
    fields = lines[99].split(";")
    lines[99] = ";".join([*fields[:-1], written])
    with pytest.raises(PopulationError) as raised:
        read_statline_csv(("\n".join(lines) + "\n").encode(), "x.csv")
    assert str(raised.value) == f"Rij 100: '{written}' is geen geldig aantal inwoners."


@pytest.mark.parametrize("written", ["20000001", "20.000.001", "2147483648", "1e300",
                                     "12345678901234567890"])
def test_more_inhabitants_than_the_country_has_is_refused_with_its_row(municipalities, written):
    counts = inhabitants_for(municipalities)
    lines = [ODATA_HEADER, *odata_lines(counts)]
    fields = lines[99].split(";")
    lines[99] = ";".join([*fields[:-1], written])
    with pytest.raises(PopulationError) as raised:
        read_statline_csv(("\n".join(lines) + "\n").encode(), "x.csv")
    assert str(raised.value) == (
        f"Rij 100: {written} inwoners is meer dan de grens van 20.000.000 per gemeente.")


@pytest.mark.parametrize("filename", ["b" * 252 + ".csv", "bevolking\x00.csv"])
def test_a_file_name_the_load_cannot_record_is_refused(municipalities, filename):
    with pytest.raises(PopulationError, match="kan niet worden vastgelegd: "):
        read_statline_csv(odata_csv(inhabitants_for(municipalities)).encode(), filename)


def test_counts_at_their_bound_are_stored_and_read_back_on_both_stores(engine, municipalities):
    from capaciteit.storage import repository as storage

    counts = inhabitants_for(municipalities)
    first, second = list(counts)[:2]
    counts[first], counts[second] = 20_000_000, 0
    written = {**{code: str(n) for code, n in counts.items()}, first: "20.000.000"}
    text = "\n".join([ODATA_HEADER, *[
        f'{i};"T001038";"{code:<10}";"2023JJ00";{n}' for i, (code, n) in enumerate(
            written.items())]]) + "\n"
    filename = "b" * 251 + ".csv"  # 255 characters: the column's length
    population = read_statline_csv(text.encode(), filename)
    check_municipalities(population, municipalities, filename, 2023)
    with engine.begin() as conn:
        storage.save_population(conn, population.inhabitants, reference_date=date(2023, 1, 1),
                                filename=filename, sha256="0" * 64)
    with engine.connect() as conn:
        back, reference = storage.latest_population(conn)
    assert reference == date(2023, 1, 1)
    pd.testing.assert_frame_equal(sorted_result(back), sorted_result(as_frame(counts)))
