"""The Inzetbaar page under AppTest on the demo data: a question, a preset, a deep link.

Expected figures are counted here from the stored records, not by the app's code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from capaciteit import texts
from capaciteit.deployment.presets import reference_presets
from capaciteit.settings import get_settings
from capaciteit.storage.engine import prepare_database
from tests.deployment.support import (
    NEEDED,
    PRESET,
    PRICED_MAILBOX,
    RATE,
    TARGET,
    add_mask_agreements,
    fitting,
    search_area,
)
from tests.pages import test_pages
from tests.pages.test_pages import FOLIUM, app, dutch_integer

PAGE = "pages/inzetbaar.py"
POWER = "Handhaving mondkapjesplicht OV"
demo_data = test_pages.demo_data


def open_page(**params: str):
    at = app()
    at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def deployable(records: pd.DataFrame, regions: set[str], hours: int,
               subcategory: str, power: str) -> int:
    """Deployable persons within ``hours`` in ``regions`` holding ``power``, counted directly."""
    held = records["powers"].map(lambda t: power.lower() in [p.strip().lower()
                                                             for p in t.split(";")])
    rows = records[records["region_code"].isin(regions)
                   & (records["deployable_within_hours"] <= hours)
                   & (records["subcategory"] == subcategory) & held]
    return int(rows["deployable_persons"].sum())


def test_the_page_asks_for_a_target_region_first(demo_data):
    at = open_page()
    assert [t.value for t in at.title] == [texts.DEPLOY_HEADER]
    assert [i.value for i in at.info if i.value != texts.LOCAL_MODE_BANNER] == [
        texts.DEPLOY_CHOOSE_TARGET]
    assert [b.label for b in at.button][:len(reference_presets())] == [
        p.name for p in reference_presets()]


def test_a_deep_linked_preset_answers_with_the_shortfall_the_map_and_the_exports(
        demo_data, boundaries):
    at = open_page(vraag="mondkapjes-ov", regio="VR13", personen="100")
    assert at.multiselect(key="inzet_scopes").value == ["boa/domein-4"]
    assert at.multiselect(key="inzet_powers").value == [POWER]
    assert at.multiselect(key="inzet_targets").value == ["VR13"]
    neighbours = boundaries.neighbours
    area = {"VR13", *neighbours.loc[neighbours["region_code"] == "VR13", "neighbour_code"]}
    found = deployable(demo_data, area, 24, "domein-4", POWER)
    assert found > 0, "precondition: the demo data holds people who fit this question"
    needed = 100
    # no agreements in the demo data: never green, red when even everyone is too few
    answer = next(b.value for b in (at.error if found < needed else at.warning)
                  if "Met alle inzetbare capaciteit" in b.value)
    if found < needed:
        assert answer.startswith(f"**Tekort: {dutch_integer(needed - found)} personen.**")
    else:
        assert answer.startswith("**Alleen genoeg met personen zonder afspraak")
    assert f" {dutch_integer(found)} " in answer
    assert "Alleen onder afspraak: 0 personen, tekort 100." in answer
    assert not at.success
    maps = [c for c in at.get("component_instance") if c.proto.component_name == FOLIUM]
    assert len(maps) == 1
    suppliers = at.dataframe[0].value
    assert set(suppliers["Veiligheidsregio"].str[-5:-1]) == area
    assert suppliers["Inzetbaar"].sum() == found
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [texts.DEPLOY_CALLERS_CSV, texts.DEPLOY_EXPORT, texts.DEPLOY_PRINT]


def test_a_longer_horizon_and_a_wider_area_find_at_least_as_many(demo_data):
    at = open_page(vraag="mondkapjes-ov", regio="VR13", personen="100")
    at.radio(key="inzet_hours").set_value(168).run()
    at.radio(key="inzet_area").set_value("land").run()
    assert not at.exception
    found = deployable(demo_data, set(demo_data["region_code"]), 168, "domein-4", POWER)
    suppliers = at.dataframe[0].value
    assert suppliers["Inzetbaar"].sum() == found
    assert sorted(suppliers["Veiligheidsregio"].str[-5:-1]) == sorted(set(demo_data["region_code"]))


def test_clicking_a_preset_fills_the_form_and_the_address(demo_data):
    at = open_page(regio="VR01")
    at.button(key="preset_button_evenementen").click().run()
    assert set(at.multiselect(key="inzet_scopes").value) == {
        "particuliere-beveiliging/evenementen", "boa/domein-1"}
    assert at.multiselect(key="inzet_powers").value == []
    assert at.query_params["vraag"] == "evenementen"


def test_an_unknown_preset_in_the_address_is_named(demo_data):
    at = open_page(vraag="bestaat-niet")
    assert [e.value for e in at.error] == [texts.DEPLOY_UNKNOWN_PRESET.format(code="bestaat-niet")]


# ---------------------------------------------------------------- presets, links, measures
def freed_directly(records: pd.DataFrame, regions: set[str], hours: int,
                   shares: dict[str, float]) -> int:
    """Persons freed per subcategory (share × not deployable), rounded down, summed."""
    rows = records[records["region_code"].isin(regions)
                   & (records["deployable_within_hours"] <= hours)
                   & records["subcategory"].isin(list(shares))]
    spare = (rows["persons"] - rows["deployable_persons"]).clip(lower=0)
    per = (spare * rows["subcategory"].map(shares)).groupby(rows["subcategory"]).sum()
    return int(sum(int(v + 1e-9) for v in per))


def neighbourhood(boundaries, code: str) -> set[str]:
    neighbours = boundaries.neighbours
    return {code, *neighbours.loc[neighbours["region_code"] == code, "neighbour_code"]}


def test_a_preset_link_without_persons_asks_for_them_and_does_not_answer(demo_data):
    at = open_page(vraag="mondkapjes-ov", regio="VR13")
    assert at.number_input(key="inzet_persons").value is None
    asks = texts.DEPLOY_PRESET_ASKS.format(open=texts.DEPLOY_PRESET_OPEN["persons"])
    assert asks in [i.value for i in at.info]
    assert not at.success and not at.error and not at.dataframe
    at.number_input(key="inzet_persons").set_value(150).run()
    assert at.success or at.error
    assert at.query_params["personen"] == "150"


def test_a_preset_button_without_a_region_asks_for_region_and_persons(demo_data):
    at = open_page()
    at.button(key="preset_button_mondkapjes-ov").click().run()
    open_parts = texts.DEPLOY_PRESET_OPEN_JOIN.join(texts.DEPLOY_PRESET_OPEN.values())
    assert texts.DEPLOY_PRESET_ASKS.format(open=open_parts) in [i.value for i in at.info]
    assert not at.dataframe


def test_a_deep_link_carries_the_whole_question_and_answers_directly(demo_data, boundaries):
    at = open_page(regio="VR09", personen="150", inzet="particuliere-beveiliging",
                   uren="168", gebied="eigen",
                   maatregelen="musea-gesloten,evenementen-verboden,horeca-gesloten")
    assert at.multiselect(key="inzet_targets").value == ["VR09"]
    assert at.number_input(key="inzet_persons").value == 150
    assert at.radio(key="inzet_hours").value == 168
    assert at.radio(key="inzet_area").value == "eigen"
    assert set(at.multiselect(key="inzet_measures").value) == {
        "musea-gesloten", "evenementen-verboden", "horeca-gesloten"}
    expected = freed_directly(demo_data, {"VR09"}, 168, {
        "musea": 0.8, "evenementen": 0.9, "beveiliging-overig": 0.3})  # 0.9, not 0.9 + 0.5
    assert expected > 0, "precondition: the demo data frees someone here"
    freed = [i.value for i in at.info if i.value.startswith("**Vrijgekomen door sluiting")]
    assert freed == [f"**Vrijgekomen door sluiting: {dutch_integer(expected)} personen** "
                     "(Musea gesloten, Evenementen verboden, Horeca gesloten)"
                     + freed[0].split(")", 1)[1]]
    assert at.dataframe[0].value["Inzetbaar"].sum() + expected <= int(
        demo_data.loc[demo_data["region_code"] == "VR09", "persons"].sum())


def test_changing_a_field_marks_the_preset_aangepast_and_the_address_follows(demo_data):
    at = open_page(vraag="mondkapjes-ov", regio="VR13", personen="100")
    assert any(m.value.startswith("Vraag: **Handhaving mondkapjesplicht OV**.")
               for m in at.markdown)
    at.radio(key="inzet_hours").set_value(72).run()
    labels = [m.value for m in at.markdown if m.value.startswith("Vraag: ")]
    assert labels == [texts.DEPLOY_PRESET_MODIFIED.format(
        naam="Handhaving mondkapjesplicht OV", velden=texts.LINK_FIELD_LABELS["hours"])]
    assert "vraag" not in at.query_params
    assert at.query_params["uren"] == "72"
    assert at.query_params["inzet"] == "boa/domein-4"
    at.radio(key="inzet_hours").set_value(24).run()  # back to the preset: no longer aangepast
    assert at.query_params["vraag"] == "mondkapjes-ov"


@pytest.mark.parametrize(("params", "message"), [
    ({"regio": "VR99"}, texts.LINK_UNKNOWN_VALUE.format(veld="veiligheidsregio", waarde="VR99")),
    ({"regio": "VR13", "personen": "1e400"},
     texts.LINK_BAD_VALUES["personen"].format(waarde="1e400", max="1.000.000")),
    ({"regio": "VR13", "personen": "-5"},
     texts.LINK_BAD_VALUES["personen"].format(waarde="-5", max="1.000.000")),
    ({"regio": "VR13", "personen": "１５０"},
     texts.LINK_BAD_VALUES["personen"].format(waarde="１５０", max="1.000.000")),
    ({"regio": "VR13", "uren": "25"}, texts.LINK_BAD_VALUES["uren"].format(waarde="25")),
    ({"regio": "VR13", "gebied": "<script>"},
     texts.LINK_BAD_VALUES["gebied"].format(waarde="\\<script\\>")),
    ({"regio": "VR13", "maatregelen": "alles-dicht"},
     texts.LINK_UNKNOWN_VALUE.format(veld="maatregel", waarde="alles-dicht")),
    ({"regio": "VR13", "bevoegdheden": "**vet** " + "x" * 500},
     texts.LINK_UNKNOWN_VALUE.format(veld="bevoegdheid",
                                     waarde="\\*\\*vet\\*\\* " + "x" * 32 + "…")),
])
def test_a_hostile_or_invalid_link_value_gets_a_dutch_message_and_the_rest_applies(
        demo_data, params, message):
    at = open_page(**params)
    assert message in [e.value for e in at.error]
    if params["regio"] == "VR13":
        assert at.multiselect(key="inzet_targets").value == ["VR13"]

def test_the_mask_question_for_utrecht_names_whom_to_call_and_what_it_costs(
        demo_data, boundaries):
    engine = prepare_database(get_settings().effective_database_url)
    chosen = add_mask_agreements(engine, demo_data, boundaries)
    engine.dispose()
    at = open_page(vraag=PRESET, regio=TARGET)
    at.number_input(key="inzet_persons").set_value(NEEDED).run()
    found = fitting(demo_data, search_area(boundaries))
    deployable_found = int(found["deployable_persons"].sum())
    boxes = [*at.success, *at.warning, *at.error]
    verdict = next(b.value for b in boxes if "Met alle inzetbare capaciteit" in b.value)
    assert f"zijn {dutch_integer(deployable_found)} van de 150 gevraagde" in verdict
    assert "Alleen onder afspraak:" in verdict
    callers = next(d.value for d in at.dataframe if "Functionele mailbox" in d.value.columns)
    row = callers.set_index("Organisatie").loc[chosen["priced"]]
    assert row["Functionele mailbox"] == PRICED_MAILBOX
    assert row["Onder afspraak"] == "ja"
    assert callers["Veiligheidsregio"].iloc[0].endswith(f"({TARGET})")  # nearest first
    at.number_input(key="inzet_duur").set_value(12).run()
    at.selectbox(key="inzet_duur_eenheid").set_value("uren").run()
    cost = next(t.value for t in at.table if "Bedrag" in t.value.columns)  # index: Afspraak
    priced = cost.filter(like=chosen["priced"], axis=0)
    persons = int(priced["Personen"].iloc[0])
    expected = f"€ {dutch_money(RATE * 12 * persons)}"
    assert priced["Bedrag"].iloc[0] == expected
    assert any(expected in m.value for m in at.markdown)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [texts.DEPLOY_CALLERS_CSV, texts.DEPLOY_EXPORT, texts.DEPLOY_PRINT]


def dutch_money(amount: float) -> str:
    text = f"{amount:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
