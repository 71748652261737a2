"""End to end, issue 14's "done when": three users log in through a real OpenID Connect
provider on loopback (``oidc-provider-mock``) and play a request for assistance in Chromium.

Crisisteam VR09 asks the Inzetbaar question and files a bijstandsverzoek from the answer;
regio-invoerder VR14 and regio-invoerder VR08 each offer; VR09 accepts VR14's offer. The next
answer for VR09, and one for its neighbour VR14, show those persons as ingezet and no longer
count them; after "teruggemeld" they count again. Each user has a browser context of their
own (their own login cookie), as three people at three desks.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from capaciteit import texts
from capaciteit.deployment.cost import cost_assumptions
from capaciteit.storage.engine import prepare_database
from tests.assistance.support import (
    CAPACITY,
    CRISIS_VR09,
    EDITOR_VR08,
    EDITOR_VR14,
    TODAY,
    agreement,
    stock,
)
from tests.browser_support import (
    ARTIFACTS,
    MAP_FRAME,
    free_port,
    open_tab,
    prepare_data,
    running_app,
    running_process,
    save_screenshot,
    wait_until_answering,
    wait_until_idle,
)
from tests.conftest import require

pytestmark = pytest.mark.browser
USERS = {email: {"sub": email.split("@")[1].split(".")[0] + "-" + email.split("@")[0],
                 "email": email, "email_verified": True, "name": email}
         for email in (CRISIS_VR09, EDITOR_VR14, EDITOR_VR08)}
DEPLOYABLE = re.compile(r"[Bb]innen 24 uur zijn ([\d.]+) ")


@pytest.fixture(scope="module")
def app(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real OIDC provider with the three users, and the dashboard logging in through it."""
    executable = Path(sys.executable).parent / "oidc-provider-mock"
    require(executable.exists(), "oidc-provider-mock not installed (requirements-dev.txt)")
    directory = tmp_path_factory.mktemp("bijstand-data")
    prepare_data(directory, regions_cache, demo=False)
    engine = prepare_database(f"sqlite:///{directory / 'capaciteit.db'}")
    stock(engine)  # capacity in VR09, VR14, VR08 and the three roles
    agreement(engine, "VR14", 45.5, "per uur")  # VR14's offer carries it, and its rate
    engine.dispose()
    oidc_port, port = free_port(), free_port()
    claims = [arg for user in USERS.values() for arg in ("--user-claims", json.dumps(user))]
    with running_process([str(executable), "--port", str(oidc_port), *claims],
                         directory / "oidc.log") as provider:
        issuer = f"http://127.0.0.1:{oidc_port}"
        wait_until_answering(f"{issuer}/.well-known/openid-configuration", provider,
                             directory / "oidc.log")
        secrets = directory / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
            'cookie_secret = "een-lang-test-geheim-voor-de-cookie"\n'
            'client_id = "capaciteit"\nclient_secret = "geheim"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            'client_kwargs = { scope = "openid profile email" }\n', "utf-8")
        with running_app(directory, port=port, host="localhost",
                         extra_args=["--secrets.files", str(secrets)]) as url:
            yield url


@pytest.fixture
def desks(app: str, chromium: Browser) -> Iterator[dict[str, Page]]:
    """One logged-in tab per user, each in its own browser context."""
    with open_tab(chromium) as crisis, open_tab(chromium) as vr14, open_tab(chromium) as vr08:
        tabs = {CRISIS_VR09: crisis, EDITOR_VR14: vr14, EDITOR_VR08: vr08}
        for email, page in tabs.items():
            page.goto(app + "/")
            page.get_by_role("button", name="Inloggen").click()
            page.get_by_role("button", name=USERS[email]["sub"], exact=True).click()
            expect(page.get_by_text(email).first).to_be_visible()
        yield tabs


def ask(page: Page, url: str, target: str, name: str) -> int:
    """Ask Inzetbaar for ``target`` (its neighbours too); return the deployable count shown."""
    page.goto(url + "/inzetbaar")
    page.get_by_role("combobox", name=texts.DEPLOY_TARGETS).click()
    page.keyboard.type(name)
    page.get_by_role("option", name=f"{name} ({target})").click()
    page.keyboard.press("Escape")
    sentence = page.get_by_text(DEPLOYABLE).first
    expect(sentence).to_be_visible()
    wait_until_idle(page)
    found = DEPLOYABLE.search(sentence.inner_text())
    assert found
    return int(found.group(1).replace(".", ""))


def offer(page: Page, url: str, reference: str, region: str) -> None:
    page.goto(url + "/bijstand")
    expect(page.get_by_text(re.compile(f"Verzoek {reference} van VR09 wacht op een aanbod "
                                       f"of afwijzing van {region}"))).to_be_visible()
    page.get_by_role("button", name=texts.ASSIST_OFFER).click()
    expect(page.get_by_text(texts.ASSIST_OFFERED.format(verzoek=reference))).to_be_visible()


def test_three_users_play_a_request_from_answer_to_deployment_and_back(app, desks, boundaries):
    crisis, vr14, vr08 = desks[CRISIS_VR09], desks[EDITOR_VR14], desks[EDITOR_VR08]
    names = boundaries.region_names()
    neighbour = ask(vr14, app, "VR14", names["VR14"])
    own = ask(crisis, app, "VR09", names["VR09"])
    assert own == sum(persons for _, _, persons in CAPACITY.values())  # VR09 + both neighbours

    # 1. VR09 asks and files a request from the answer
    crisis.get_by_role("button", name=texts.ASSIST_REQUEST_BUTTON).click()
    expect(crisis.get_by_role("heading", name=texts.ASSIST_NEW)).to_be_visible()
    crisis.get_by_role("textbox", name=texts.ASSIST_LOCATION).fill("Kazerne Utrecht, Kanaalweg 1")
    crisis.get_by_role("button", name=texts.ASSIST_FILE).click()
    reference = f"BV-{TODAY.year}-0001"
    expect(crisis.get_by_text(f"Verzoek {reference} is ingediend.")).to_be_visible()

    # 2. both suppliers offer; VR09 accepts VR14's offer
    offer(vr14, app, reference, "VR14")
    offer(vr08, app, reference, "VR08")
    wait_until_idle(vr08)
    save_screenshot(vr08, "bijstand_aanbod.png")
    crisis.goto(app + "/bijstand")
    expect(crisis.get_by_text(f"Verzoek {reference}: 2 aanbieding(en) wachten op uw besluit."
                              )).to_be_visible()
    hilversum = crisis.get_by_test_id("stForm").filter(has_text="Gemeente Hilversum (VR14)")
    hilversum.get_by_role("button", name=texts.ASSIST_ACCEPT).click()
    accepted = CAPACITY["VR14"][2]
    expect(crisis.get_by_text(re.compile(rf"aanvaard: {accepted} personen zijn ingezet voor "
                                         f"{reference}"))).to_be_visible()
    wait_until_idle(crisis)
    # 20 persons × 3 days of shifts (cost_assumptions) × € 45,50 per uur, VR14's agreement
    worked = 3 * cost_assumptions().shift_hours * cost_assumptions().shifts_per_day
    expect(crisis.get_by_text(f"voor 3 dagen: € {accepted * worked * 45.5:,.2f}".replace(
        ",", "#").replace(".", ",").replace("#", "."))).to_be_visible()
    save_screenshot(crisis, "bijstand_aanvaard.png")
    crisis.get_by_test_id("stRadio").get_by_text(texts.ASSIST_BOARD_MAP, exact=True).click()
    flow_map = crisis.frame_locator(MAP_FRAME).first
    expect(flow_map.locator(".capaciteit-legenda")).to_contain_text(texts.ASSIST_MAP_LEGEND)
    expect(flow_map.locator("path.leaflet-interactive")).to_have_count(25 + 2 * 2)  # 2 arrows
    wait_until_idle(crisis)
    crisis.locator(MAP_FRAME).first.screenshot(path=str(ARTIFACTS / "bijstand_kaart.png"))

    # 3. the next answers, for VR09 and for its neighbour VR14, no longer count them
    line = (f"{accepted} personen van Gemeente Hilversum (VR14, domein-1) ingezet voor VR09 "
            f"(verzoek {reference})")
    assert ask(crisis, app, "VR09", names["VR09"]) == own - accepted
    expect(crisis.get_by_text(line)).to_be_visible()
    wait_until_idle(crisis)
    save_screenshot(crisis, "bijstand_inzetbaar_ingezet.png")
    assert ask(vr14, app, "VR14", names["VR14"]) == neighbour - accepted
    expect(vr14.get_by_text(line)).to_be_visible()

    # 4. after "teruggemeld" they are available again
    crisis.goto(app + "/bijstand")
    crisis.get_by_role("button", name=texts.ASSIST_RETURN).click()
    expect(crisis.get_by_text(texts.ASSIST_RETURNED)).to_be_visible()
    assert ask(crisis, app, "VR09", names["VR09"]) == own
    expect(crisis.get_by_text(line)).to_have_count(0)
    assert ask(vr14, app, "VR14", names["VR14"]) == neighbour
