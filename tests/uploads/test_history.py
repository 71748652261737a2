"""History and restore on SQLite and PostgreSQL: which upload a file repeats and whether its
figures are current, restores that name their source, and the preview of a restore."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from capaciteit.access.permissions import local_admin
from capaciteit.capacity.categories import default_categories
from capaciteit.formatting import format_short_date
from capaciteit.storage import repository as storage
from capaciteit.uploads.preview import restore_preview
from capaciteit.uploads.publishing import PublishError, identical_upload, restore
from capaciteit.uploads.view import history_view, totals_view, version_option
from tests.uploads.test_publishing import current, records, send

ADMIN = local_admin("beheerder")


def identical(engine, sha: str):
    with engine.connect() as conn:
        return identical_upload(conn, "VR13", sha)


def history(engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return storage.history(conn, "VR13")


def test_a_file_never_uploaded_repeats_nothing(engine):
    send(engine, "VR13", records("VR13", ["A"]), sha="1" * 64)
    assert identical(engine, "9" * 64) is None


def test_the_current_upload_is_identical_and_current(engine):
    send(engine, "VR13", records("VR13", ["A"]), sha="1" * 64, filename="a.xlsx")
    found = identical(engine, "1" * 64)
    assert (found.version, found.filename, found.is_current) == (1, "a.xlsx", True)


def test_an_older_upload_is_identical_but_not_current_until_it_is_restored(engine):
    send(engine, "VR13", records("VR13", ["A"]), sha="1" * 64, filename="a.xlsx")
    send(engine, "VR13", records("VR13", ["B"]), sha="2" * 64, filename="b.xlsx")
    assert identical(engine, "1" * 64).is_current is False

    restore(engine, "VR13", 1, actor=ADMIN, based_on=current(engine, "VR13"))  # version 3
    assert identical(engine, "1" * 64).is_current is True
    assert identical(engine, "2" * 64).is_current is False

    restore(engine, "VR13", 2, actor=ADMIN, based_on=current(engine, "VR13"))  # version 4
    restore(engine, "VR13", 3, actor=ADMIN, based_on=current(engine, "VR13"))  # 5: of 3 of 1
    assert identical(engine, "1" * 64).is_current is True
    assert identical(engine, "2" * 64).is_current is False


def test_history_rows_name_the_version_a_restore_came_from(engine):
    send(engine, "VR13", records("VR13", ["A"]), filename="eerste.xlsx")
    send(engine, "VR13", records("VR13", ["B"]), filename="tweede.xlsx")
    restore(engine, "VR13", 1, actor=ADMIN, based_on=current(engine, "VR13"))
    versions = history(engine)
    day = format_short_date(versions.set_index("version").loc[1, "uploaded_at"])
    assert history_view(versions)["Soort"].tolist() == [
        f"herstel van versie 1 ({day}, eerste.xlsx)", "upload", "upload"]


def test_the_restore_picker_names_moment_file_uploader_and_rows(engine):
    send(engine, "VR13", records("VR13", ["A", "B", "C"]), filename="drie.xlsx",
         actor="j.jansen@vr13.nl")
    send(engine, "VR13", records("VR13", ["D"]))
    option = version_option(history(engine), 1)
    assert option.startswith("Versie 1: ")
    assert option.endswith(", drie.xlsx, door j.jansen@vr13.nl, 3 regels (upload)")


def test_the_restore_preview_compares_the_current_version_with_the_chosen_one(engine):
    send(engine, "VR13", records("VR13", ["A", "B"], persons=10))
    send(engine, "VR13", pd.concat([records("VR13", ["A"], persons=12),
                                    records("VR13", ["X"], persons=5,
                                            category="vrijwillige-politie",
                                            subcategory="vrijwillige-politie")]))
    change = restore_preview(engine, "VR13", 1)
    assert change.summary() == "1 regel(s) toegevoegd, 1 verwijderd, 1 gewijzigd"
    table = totals_view(change, default_categories(), {"category": "c", "before": "nu",
                                                       "after": "dan", "difference": "d"})
    assert table.sort_values("c").to_dict("records") == sorted([
        {"c": "Boa's", "nu": 12, "dan": 20, "d": 8},
        {"c": "Vrijwillige politie", "nu": 5, "dan": 0, "d": -5}], key=lambda r: r["c"])


def test_the_restore_preview_of_an_unknown_version_is_refused_in_dutch(engine):
    send(engine, "VR13", records("VR13", ["A"]))
    with pytest.raises(PublishError, match="Versie 4 bestaat niet voor deze regio."):
        restore_preview(engine, "VR13", 4)


@pytest.mark.parametrize("moment, shown", [
    (datetime(2026, 3, 12, 22, 30, tzinfo=UTC), "12-03-2026"),
    (datetime(2026, 3, 12, 23, 30, tzinfo=UTC), "13-03-2026"),  # past midnight in Amsterdam
    (datetime(2026, 3, 12, 23, 30), "13-03-2026"),  # a stored moment without zone is UTC
    (None, ""),
])
def test_short_dates_are_days_in_dutch_time(moment, shown):
    assert format_short_date(moment) == shown
