"""One verdict (deployment.verdict.judge): both readings, the colour of the worse, never green
when regions lack data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capaciteit.deployment.verdict import GREEN, RED, YELLOW, judge

WITHIN = "Binnen 24 uur"


@pytest.mark.parametrize(("deployable", "covered", "missing", "level", "headline"), [
    (464, 200, [], GREEN, "**Geen tekort.**"),
    (464, 15, [], YELLOW, "**Alleen genoeg met personen zonder afspraak: onder afspraak een "
                          "tekort van 135.**"),
    (100, 15, [], RED, "**Tekort: 50 personen.**"),
    (464, 200, ["Regio B"], YELLOW, "**Genoeg gevonden, maar onvolledig.**"),
    (0, 0, ["Regio B"], RED, "**Tekort: 150 personen.**"),
])
def test_the_box_takes_the_colour_of_the_worse_reading(deployable, covered, missing, level,
                                                       headline):
    verdict = judge(150, deployable, covered, 7, missing, WITHIN)
    assert verdict.level == level
    assert verdict.sentences[0] == headline


def test_both_readings_stand_in_the_one_box():
    verdict = judge(150, 464, 15, 7, [], WITHIN)
    assert verdict.sentences[1:] == (
        "Met alle inzetbare capaciteit: Binnen 24 uur zijn 464 van de 150 gevraagde personen "
        "inzetbaar, geen tekort.",
        "Alleen onder afspraak: 15 personen, tekort 135.")


def test_a_search_area_with_six_of_seven_regions_without_data_is_incomplete_and_not_green():
    missing = [f"Regio {k}" for k in range(6)]
    verdict = judge(150, 464, 464, 7, missing, WITHIN)
    assert verdict.level == YELLOW
    assert verdict.sentences[-1].startswith("Onvolledig: geen gegevens van 6 van 7 regio's (")


def test_inconsistent_figures_are_refused():
    with pytest.raises(ValueError):
        judge(150, 10, 20, 7, [], WITHIN)


@given(needed=st.integers(1, 2000), deployable=st.integers(0, 2000), share=st.floats(0, 1),
       searched=st.integers(1, 25), missing=st.integers(0, 25))
def test_every_combination_gets_the_worse_colour_and_both_readings(needed, deployable, share,
                                                                   searched, missing):
    covered = int(deployable * share)
    missing = min(missing, searched)
    names = [f"Regio {k}" for k in range(missing)]
    verdict = judge(needed, deployable, covered, searched, names, WITHIN)
    if deployable < needed:
        assert verdict.level == RED
    elif covered < needed or missing:
        assert verdict.level == YELLOW
    else:
        assert verdict.level == GREEN
    assert verdict.sentences[1].startswith("Met alle inzetbare capaciteit:")
    assert verdict.sentences[2].startswith("Alleen onder afspraak:")
    assert verdict.sentences[1].endswith("geen tekort.") == (deployable >= needed)
    assert verdict.sentences[2].endswith("geen tekort.") == (covered >= needed)
    assert any(s.startswith("Onvolledig") for s in verdict.sentences) == bool(missing)
