"""`python -m capaciteit importeer`: exit 0 published, 1 refused on content, 2 unusable file."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from capaciteit import clock
from capaciteit.capacity.categories import default_categories
from capaciteit.cli import main
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import Submission
from capaciteit.uploads.reader import read_upload
from capaciteit.uploads.validation import Context, validate_sheet

HEADERS = ["regio", "gemeente", "organisatie", "organisatie_id", "categorie", "subcategorie",
           "aantal_personen", "fte", "inzetbaar_personen", "inzetbaar_binnen_uur",
           "bevoegdheden", "peildatum", "opmerking"]
PEILDATUM = (clock.today() - timedelta(days=10)).strftime("%d-%m-%Y")
ROW = {"regio": "VR13", "gemeente": "GM0363", "organisatie": "Gemeente Amsterdam",
       "categorie": "boa", "subcategorie": "domein-1", "aantal_personen": "80", "fte": "72,5",
       "inzetbaar_personen": "40", "inzetbaar_binnen_uur": "24", "peildatum": PEILDATUM}
SECOND = {**ROW, "organisatie": "Gemeente Diemen", "gemeente": "Diemen",
          "aantal_personen": "20", "fte": "18", "inzetbaar_personen": "10"}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    for values in rows:
        writer.writerow([values.get(h, "") for h in HEADERS])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def importeer(path: Path, *extra: str) -> int:
    return main(["importeer", str(path), "--regio", "VR13", "--door", "tester@vr13.nl", *extra])


def database(data_dir: Path):
    return prepare_database(f"sqlite:///{(data_dir / 'capaciteit.db').as_posix()}")


def versions(data_dir: Path) -> list[tuple[int, str, int]]:
    engine = database(data_dir)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(
                select(Submission.version, Submission.uploaded_by, Submission.row_count)
                .order_by(Submission.version)).all()]
    finally:
        engine.dispose()


def test_a_valid_file_is_published_and_exits_0(data_dir, tmp_path, capsys):
    path = write_csv(tmp_path / "capaciteit.csv", [ROW, SECOND])
    assert importeer(path) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == ["2 regel(s) toegevoegd, 0 verwijderd, 0 gewijzigd",
                                "Gepubliceerd als versie 1 van VR13: 2 regels."]
    assert versions(data_dir) == [(1, "tester@vr13.nl", 2)]
    engine = database(data_dir)
    with engine.connect() as conn:
        current = storage.region_records(conn, "VR13")
        history = storage.history(conn, "VR13")
    engine.dispose()
    assert sorted(current["gemeente_code"]) == ["GM0363", "GM0384"]
    assert history["filename"].iloc[0] == "capaciteit.csv"


def test_check_only_reports_and_stores_nothing(data_dir, tmp_path, capsys):
    path = write_csv(tmp_path / "capaciteit.csv", [ROW, SECOND])
    assert importeer(path, "--alleen-controleren") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[-1] == (
        "Geen fouten gevonden in 2 regels. Niets gepubliceerd (alleen controleren).")
    assert versions(data_dir) == []


def test_a_file_with_errors_exits_1_with_the_same_texts_as_the_validation(
        data_dir, tmp_path, capsys, boundaries):
    path = write_csv(tmp_path / "capaciteit.csv", [
        ROW, {**SECOND, "gemeente": "Den Haag"}, {**ROW, "organisatie": "X",
                                                  "inzetbaar_personen": "120"}])
    names = boundaries.region_names()
    ctx = Context("VR13", names["VR13"], boundaries.municipality_table(), default_categories(),
                  clock.today(), None, names)
    expected = [issue.text() for issue in
                validate_sheet(read_upload(path.read_bytes(), path.name), ctx).errors]
    assert expected == [
        "Rij 3, gemeente: Den Haag ligt niet in Amsterdam-Amstelland (VR13) maar in Haaglanden "
        "(VR15)",
        "Rij 4, inzetbaar_personen: 120 is meer dan aantal_personen (80)",
    ]
    assert importeer(path) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"Fout: {text}" for text in expected] + [
        "Niet gepubliceerd: het bestand bevat 2 fout(en). Er is niets opgeslagen."]
    assert "Gepubliceerd" not in out
    assert versions(data_dir) == []


@pytest.mark.parametrize(("name", "content", "message"), [
    ("leeg.csv", b"", "Fout: Het bestand is leeg."),
    ("rapport.pdf", b"%PDF-1.7", "Fout: rapport.pdf is geen .xlsx- of .csv-bestand. Gebruik "
                                 "het sjabloon of sla op als .xlsx of .csv."),
    ("kapot.xlsx", b"dit is geen spreadsheet" * 10,
     "Fout: Het bestand is niet te lezen: geen geldig .xlsx-bestand."),
    ("zonder_kop.csv", b"naam;adres\nx;y\n",
     "Fout: In tabblad 'CSV' staat geen kopregel met de kolommen van het sjabloon (zoals "
     "organisatie, categorie, aantal_personen). Gebruik het sjabloon."),
])
def test_an_unusable_file_exits_2_and_stores_nothing(data_dir, tmp_path, capsys, name, content,
                                                     message):
    path = tmp_path / name
    path.write_bytes(content)
    assert importeer(path) == 2
    out, err = capsys.readouterr()
    assert err.strip() == message
    assert out == ""
    assert versions(data_dir) == []


def test_a_file_that_does_not_exist_exits_2(data_dir, tmp_path, capsys):
    missing = tmp_path / "nergens.csv"
    assert importeer(missing) == 2
    assert capsys.readouterr().err.strip() == (
        f"Het bestand is niet te lezen: {missing} bestaat niet.")


def test_a_file_over_the_configured_row_limit_exits_2(data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CAPACITEIT_MAX_REGELS", "1")
    path = write_csv(tmp_path / "capaciteit.csv", [ROW, SECOND])
    assert importeer(path) == 2
    assert capsys.readouterr().err.strip() == "Fout: Het bestand heeft 2 regels; de grens is 1."


def test_an_unknown_region_exits_1(data_dir, tmp_path, capsys):
    path = write_csv(tmp_path / "capaciteit.csv", [ROW])
    assert main(["importeer", str(path), "--regio", "VR26"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Onbekende veiligheidsregio 'VR26'. Kies een regio uit de lijst.")


def test_warnings_need_the_accept_flag(data_dir, tmp_path, capsys):
    assert importeer(write_csv(tmp_path / "mei.csv", [ROW])) == 0
    capsys.readouterr()
    doubled = write_csv(tmp_path / "juni.csv", [{**ROW, "aantal_personen": "200", "fte": "150"}])
    warning = ("Waarschuwing: categorie: het totaal voor Boa's verandert van 80 naar 200 "
               "personen (150%)")

    assert importeer(doubled) == 1
    out, err = capsys.readouterr()
    assert warning in out.splitlines()
    assert err.strip() == (
        "Fout: Niet gepubliceerd: bevestig eerst dat u de 1 waarschuwing(en) gezien heeft.")
    assert len(versions(data_dir)) == 1

    assert importeer(doubled, "--accepteer-waarschuwingen") == 0
    out, _ = capsys.readouterr()
    assert "Gepubliceerd als versie 2 van VR13: 1 regels." in out
    engine = database(data_dir)
    with engine.connect() as conn:
        accepted = storage.history(conn, "VR13")["warnings_accepted"].iloc[0]
    engine.dispose()
    assert accepted == [warning.removeprefix("Waarschuwing: ")]


def test_importing_the_same_file_twice_is_refused_the_second_time(data_dir, tmp_path, capsys):
    path = write_csv(tmp_path / "capaciteit.csv", [ROW])
    assert importeer(path) == 0
    capsys.readouterr()
    assert importeer(path) == 1
    assert capsys.readouterr().err.strip() == (
        "Fout: Dit bestand is byte voor byte gelijk aan versie 1 en is niet opnieuw opgeslagen. "
        "Wilt u die versie terug, gebruik dan 'Herstellen' bij de geschiedenis.")
    assert len(versions(data_dir)) == 1


def test_notes_about_totals_and_blank_rows_are_printed(data_dir, tmp_path, capsys):
    total = {"organisatie": "Totaal", "aantal_personen": "100"}
    path = write_csv(tmp_path / "capaciteit.csv", [ROW, {}, SECOND, total])
    assert importeer(path) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Totaalregel(s) herkend en niet ingelezen: rij 5." in out
    assert "1 lege regel(s) overgeslagen." in out
    assert "Gepubliceerd als versie 1 van VR13: 2 regels." in out


def test_the_first_real_import_removes_the_demo_data(data_dir, tmp_path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert importeer(write_csv(tmp_path / "capaciteit.csv", [ROW])) == 0
    out = capsys.readouterr().out
    assert "De fictieve demogegevens (25 versies) zijn verwijderd" in out
    engine = database(data_dir)
    with engine.connect() as conn:
        assert not storage.has_demo_data(conn)
        assert conn.execute(select(func.count()).select_from(Submission)).scalar_one() == 1
    engine.dispose()


@pytest.mark.parametrize(("door", "reason"), [
    ("x" * 321, "het is 321 tekens; de grens is 320"),
    ("naam\x1bmet escape", "het bevat een stuurteken (U+001B)")])
def test_an_uploader_name_the_history_cannot_hold_exits_1_before_reading(
        data_dir, tmp_path, capsys, door, reason):
    path = write_csv(tmp_path / "vr13.csv", [ROW])
    code = main(["importeer", str(path), "--regio", "VR13", "--door", door])
    assert code == 1
    assert reason in capsys.readouterr().err
    assert versions(data_dir) == []


def test_an_uploader_name_as_long_as_the_column_is_recorded(data_dir, tmp_path):
    path = write_csv(tmp_path / "vr13.csv", [ROW])
    assert main(["importeer", str(path), "--regio", "VR13", "--door", "d" * 320]) == 0
    assert versions(data_dir) == [(1, "d" * 320, 1)]
