"""Deep links (deployment.links): the address carries the whole question, as the form offers it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capaciteit import texts
from capaciteit.deployment.links import (
    Choices,
    QuestionForm,
    changed_fields,
    link_params,
    read_link,
)
from capaciteit.deployment.presets import Preset

MASKS = Preset("mondkapjes-ov", "Mondkapjes OV", "", (("boa", "domein-4"),),
               ("Handhaving mondkapjesplicht OV",), 24, measures=("scholen-gesloten",))
CHOICES = Choices(regions=[f"VR{i:02d}" for i in range(1, 26)],
                  scopes=["boa", "boa/domein-3", "boa/domein-4", "particuliere-beveiliging"],
                  powers=["Handhaving mondkapjesplicht OV", "Toegangscontrole"],
                  hours=[24, 72, 168], areas=["eigen", "buren", "tweede-ring", "land"],
                  measures=["scholen-gesloten", "musea-gesloten"],
                  presets={MASKS.code: MASKS}, max_persons=1_000_000)


def params_of(form: QuestionForm, preset: Preset | None = None) -> dict[str, list[str]]:
    return link_params(form, preset, default_hours=24, default_area="buren")


def test_the_issue_s_link_fills_preset_region_persons_and_measures():
    linked = read_link({"vraag": ["mondkapjes-ov"], "regio": ["VR09"], "personen": ["150"],
                        "maatregelen": ["scholen-gesloten,musea-gesloten"]}, CHOICES)
    assert linked.problems == []
    assert linked.preset == "mondkapjes-ov"
    assert linked.fields == {"scopes": ("boa/domein-4",),
                             "powers": ("Handhaving mondkapjesplicht OV",), "hours": 24,
                             "measures": ("scholen-gesloten", "musea-gesloten"),
                             "targets": ("VR09",), "persons": 150}


def test_an_unchanged_preset_is_named_and_a_changed_one_spelled_out():
    form = QuestionForm(("VR09",), 150, ("boa/domein-4",), ("Handhaving mondkapjesplicht OV",),
                        24, "buren", ("scholen-gesloten",))
    assert params_of(form, MASKS) == {"vraag": ["mondkapjes-ov"], "regio": ["VR09"],
                                      "personen": ["150"]}
    changed = QuestionForm(("VR09",), 150, ("boa/domein-4",),
                           ("Handhaving mondkapjesplicht OV",), 72, "land", ())
    assert changed_fields(changed, MASKS) == [texts.LINK_FIELD_LABELS["hours"],
                                              texts.LINK_FIELD_LABELS["measures"]]
    assert params_of(changed, MASKS) == {
        "regio": ["VR09"], "personen": ["150"], "inzet": ["boa/domein-4"],
        "bevoegdheden": ["Handhaving mondkapjesplicht OV"], "uren": ["72"], "gebied": ["land"]}


@pytest.mark.parametrize(("params", "problem"), [
    ({"vraag": ["bestaat-niet"]}, texts.DEPLOY_UNKNOWN_PRESET.format(code="bestaat-niet")),
    ({"regio": ["VR26"]}, texts.LINK_UNKNOWN_VALUE.format(veld="veiligheidsregio",
                                                          waarde="VR26")),
    ({"personen": ["0"]}, texts.LINK_BAD_VALUES["personen"].format(waarde="0", max="1.000.000")),
    ({"personen": ["1000001"]},
     texts.LINK_BAD_VALUES["personen"].format(waarde="1000001", max="1.000.000")),
    ({"personen": ["12.5"]},
     texts.LINK_BAD_VALUES["personen"].format(waarde="12.5", max="1.000.000")),
    ({"uren": ["24 "], "gebied": ["buren\n"]}, None),
    ({"inzet": ["boa/domein-9"]}, texts.LINK_UNKNOWN_VALUE.format(veld="(sub)categorie",
                                                                  waarde="boa/domein-9")),
    ({"personen": ["9" * 500]},
     texts.LINK_BAD_VALUES["personen"].format(waarde="9" * 40 + "…", max="1.000.000")),
])
def test_a_refused_value_is_named_in_dutch_and_never_raises(params, problem):
    linked = read_link(params, CHOICES)
    assert linked.problems == ([problem] if problem else [])


def test_codes_are_read_case_insensitively_once_each_and_unknown_keys_are_ignored():
    linked = read_link({"regio": ["vr09", "VR09,VR10"], "bevoegdheden": ["toegangscontrole"],
                        "utm_source": ["mail"]}, CHOICES)
    assert linked.problems == []
    assert linked.fields == {"targets": ("VR09", "VR10"), "powers": ("Toegangscontrole",)}


forms = st.builds(
    QuestionForm,
    targets=st.lists(st.sampled_from(list(CHOICES.regions)), unique=True, max_size=3).map(tuple),
    persons=st.one_of(st.none(), st.integers(1, 1_000_000)),
    scopes=st.lists(st.sampled_from(list(CHOICES.scopes)), unique=True).map(tuple),
    powers=st.lists(st.sampled_from(list(CHOICES.powers)), unique=True).map(tuple),
    hours=st.sampled_from([24, 72, 168]), area=st.sampled_from(list(CHOICES.areas)),
    measures=st.lists(st.sampled_from(list(CHOICES.measures)), unique=True).map(tuple))


@given(forms, st.booleans())
def test_the_address_written_for_a_form_reads_back_as_the_same_question(form, with_preset):
    preset = MASKS if with_preset else None
    linked = read_link(params_of(form, preset), CHOICES)
    assert linked.problems == []
    defaults = {"hours": 24, "area": "buren", "targets": (), "scopes": (), "powers": (),
                "measures": (), "persons": None}
    read_back = QuestionForm(**{**defaults, **linked.fields})  # type: ignore[arg-type]
    same = {f: set(v) if isinstance(v, tuple) else v for f, v in vars(read_back).items()}
    assert same == {f: set(v) if isinstance(v, tuple) else v for f, v in vars(form).items()}


def test_a_measure_no_longer_offered_does_not_make_the_preset_aangepast():
    lockdown = Preset("lockdown", "Lockdown", "", (("boa", None),), (), 72,
                      measures=("scholen-gesloten", "bestaat-niet-meer"))
    form = QuestionForm(("VR09",), 150, ("boa",), (), 72, "buren", ("scholen-gesloten",))
    assert changed_fields(form, lockdown) == [texts.LINK_FIELD_LABELS["measures"]]
    assert changed_fields(form, lockdown, CHOICES) == []
    assert link_params(form, lockdown, default_hours=24, default_area="buren",
                       choices=CHOICES) == {"vraag": ["lockdown"], "regio": ["VR09"],
                                            "personen": ["150"]}
