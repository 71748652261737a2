"""Texts of bijstand: requests for assistance, offers, acceptance, deployment (issue 14)."""

# ------------------------------------------------------------- bijstand: the page
PAGE_ASSISTANCE = "Bijstand"
ASSIST_HEADER = "Bijstand: verzoeken, aanbiedingen en inzet"
ASSIST_INTRO = (
    "Een crisisteam vraagt bijstand aan vanuit een Inzetbaar-antwoord. Regio's bieden "
    "personen aan per organisatie of wijzen af met een reden; het crisisteam aanvaardt "
    "(geheel of deels). Aanvaarde personen zijn ingezet vanaf de startdatum tot ze zijn "
    "teruggemeld of de einddatum voorbij is, en tellen zolang nergens anders als beschikbaar."
)
ASSIST_AWAITING = "Wat op u wacht"
ASSIST_NOTHING_AWAITS = "Er wacht nu niets op u."
ASSIST_AWAIT_DECIDE = "Verzoek {verzoek}: {aantal} aanbieding(en) wachten op uw besluit."
ASSIST_AWAIT_ANSWER = ("Verzoek {verzoek} van {regio} wacht op een aanbod of afwijzing van "
                       "{eigen}.")
ASSIST_MAIL_OFF = ("E-mail staat uit (geen CAPACITEIT_SMTP_HOST ingesteld): meldingen staan "
                   "alleen hier in de app.")
ASSIST_MAIL_ON = "Meldingen gaan ook per e-mail naar de betrokken regio's."
ASSIST_MAIL_SENT = "{aantal} e-mailmelding(en) verstuurd."
ASSIST_MAIL_FAILED = ("De stap is opgeslagen, maar de e-mailmelding kon niet worden "
                      "verstuurd: {fout}")
# new request
ASSIST_NEW = "Nieuw bijstandsverzoek"
ASSIST_NEW_HINT = ("Stel eerst de vraag op de pagina Inzetbaar en kies daar "
                   "**Bijstand aanvragen**.")
ASSIST_FROM_QUESTION = "Vraag: {vraag}"
ASSIST_REQUESTING_REGION = "Aanvragende regio"
ASSIST_START = "Vanaf (startdatum)"
ASSIST_DURATION = "Hoe lang"
ASSIST_DURATION_UNIT = "Eenheid"
ASSIST_LOCATION = "Waar melden"
ASSIST_LOCATION_HELP = "Adres of plaats waar de personen zich melden."
ASSIST_FILE = "Verzoek indienen"
ASSIST_FILED = "Verzoek **{verzoek}** is ingediend."
ASSIST_NO_REQUEST_RIGHT = ("U mag geen bijstand aanvragen voor deze doelregio('s). Dat mag het "
                           "crisisteam van de regio (of een beheerder).")
# the board
ASSIST_BOARD = "Statusbord"
ASSIST_BOARD_REQUESTS = "Per verzoek"
ASSIST_BOARD_REGIONS = "Per regio"
ASSIST_BOARD_MAP = "Kaart"
ASSIST_BOARD_VIEW = "Weergave van het statusbord"
ASSIST_NO_REQUESTS = "Er zijn nog geen bijstandsverzoeken."
ASSIST_BOARD_COLUMNS = {
    "reference": "Verzoek", "region_code": "Regio", "status": "Status",
    "persons_needed": "Gevraagd", "offered_persons": "Aangeboden",
    "accepted_persons": "Aanvaard", "deployed_persons": "Nu ingezet",
    "returned_persons": "Teruggemeld", "start_date": "Vanaf", "end_date": "Tot en met",
    "hours_to_first_offer": "Uren tot eerste aanbod", "hours_to_acceptance": "Uren tot aanvaarding",
    "open_requests": "Lopende verzoeken", "offers_made": "Aanbiedingen gedaan",
    "persons_offered": "Personen aangeboden", "persons_accepted": "Personen aanvaard (geleverd)",
    "deployed_out": "Nu ingezet elders", "deployed_in": "Nu ingezet voor deze regio",
    "persons_returned": "Personen teruggemeld",
    "median_hours_to_first_offer": "Mediaan uren tot eerste aanbod",
    "median_hours_to_acceptance": "Mediaan uren tot aanvaarding",
}
ASSIST_MAP_LEGEND = "Bijstand: van leverende naar vragende regio"
ASSIST_MAP_DEPLOYED = "ingezet (lijndikte: personen)"
ASSIST_MAP_OFFERED = "alleen aangeboden (gestippeld)"
ASSIST_MAP_DATE = "Stand van {datum}"
ASSIST_MAP_TOOLTIP = ("{van} → {naar}: {aangeboden} aangeboden, {ingezet} nu ingezet "
                      "({verzoeken} verzoek(en))")
ASSIST_MAP_SOURCE = "Bijstandsverzoeken in dit dashboard"
# one request
ASSIST_CHOOSE = "Verzoek"
ASSIST_REQUEST_LABEL = "{verzoek} — {regio}, {status}"
ASSIST_FIELD = "Gegeven"
ASSIST_VALUE = "Waarde"
ASSIST_REQUEST_FIELDS = {
    "reference": "Verzoek", "status": "Status", "region": "Aanvragende regio",
    "targets": "Doelregio('s)", "question": "Vraag", "persons": "Benodigde personen",
    "start": "Vanaf", "end": "Tot en met", "duration": "Duur", "location": "Waar melden",
    "by": "Ingediend door", "at": "Ingediend op",
}
ASSIST_OFFERS = "Aanbiedingen"
ASSIST_NO_OFFERS = "Nog geen aanbiedingen."
ASSIST_OFFER_COLUMNS = {
    "id": "Aanbod", "region_code": "Regio", "organisation": "Organisatie",
    "subcategory": "Subcategorie", "persons": "Aangeboden", "accepted_persons": "Aanvaard",
    "agreement_id": "Afspraak", "rate": "Tarief", "unit": "Eenheid", "actor": "Door",
    "at": "Tijdstip",
}
ASSIST_DECLINES = "Afgewezen door: {regels}"
ASSIST_DEPLOYED = "Ingezet"
ASSIST_DEPLOYED_COLUMNS = {
    "acceptance_id": "Aanvaarding", "region_code": "Regio", "organisation": "Organisatie",
    "subcategory": "Subcategorie", "persons": "Personen", "start": "Vanaf",
    "end": "Tot en met", "returned": "Teruggemeld op",
}
ASSIST_DEPLOYED_LINE = ("{aantal} personen van {organisatie} ({regio}, {categorie}) ingezet "
                        "voor {voor} (verzoek {verzoek}) tot en met {tot}")
ASSIST_DEPLOYED_MORE = ("en nog {inzetten} inzetten met samen {personen} personen (zie de "
                        "pagina Bijstand)")
ASSIST_DEPLOYED_IN_ANSWER = ("**Al ingezet, niet meegeteld als inzetbaar** (bijstand die nu "
                             "loopt):")
ASSIST_REQUEST_BUTTON = "Bijstand aanvragen"
ASSIST_REQUEST_BUTTON_HELP = "Dien met deze vraag een bijstandsverzoek in (pagina Bijstand)."
# acting on a request
ASSIST_ACCEPT_TITLE = "Aanbod {id}: {organisatie} ({regio}), {aantal} personen, {tarief}"
ASSIST_ACCEPT_PERSONS = "Aanvaarden: aantal personen"
ASSIST_ACCEPT = "Aanvaarden"
ASSIST_ACCEPTED = "Aanbod {id} aanvaard: {aantal} personen zijn ingezet voor {verzoek}."
ASSIST_RETURN_TITLE = "{aantal} personen van {organisatie} ({regio})"
ASSIST_RETURN = "Terugmelden"
ASSIST_RETURNED = "Teruggemeld: deze personen zijn weer beschikbaar."
ASSIST_OFFER_TITLE = "Aanbieden namens {regio}"
ASSIST_OFFER_REGION = "Namens regio"
ASSIST_OFFER_OPTION = "Organisatie en subcategorie"
ASSIST_OFFER_OPTION_LABEL = "{organisatie} – {subcategorie}: nog {aantal} beschikbaar"
ASSIST_OFFER_PERSONS = "Aantal personen"
ASSIST_OFFER_AGREEMENT = "Onder afspraak"
ASSIST_OFFER_NO_AGREEMENT = "Geen afspraak"
ASSIST_OFFER_AGREEMENT_LABEL = "Afspraak {id}: {partner} ({tarief} {eenheid})"
ASSIST_OFFER = "Aanbieden"
ASSIST_OFFERED = "Aanbod vastgelegd voor verzoek {verzoek}."
ASSIST_NOTHING_TO_OFFER = ("{regio} heeft niemand meer beschikbaar die bij dit verzoek past "
                           "(binnen de termijn, met de bevoegdheden, niet al ingezet of "
                           "aangeboden).")
ASSIST_DECLINE_REASON = "Reden van afwijzing"
ASSIST_DECLINE = "Afwijzen"
ASSIST_DECLINED = "Afwijzing vastgelegd voor verzoek {verzoek}."
ASSIST_CANCEL_REASON = "Reden van annulering"
ASSIST_CANCEL = "Verzoek annuleren"
ASSIST_CANCELLED_DONE = "Verzoek {verzoek} is geannuleerd."
ASSIST_CLOSED = "Dit verzoek loopt niet meer ({status}): er kan niets meer aan worden gedaan."
ASSIST_EXPORT = "Bijlage bij het formele verzoek (xlsx)"
# cost
ASSIST_COST = "Kosten (schatting)"
ASSIST_NO_RATE = "geen tarief afgesproken"
ASSIST_COST_COLUMNS = {
    "partner": "Organisatie", "agreement": "Afspraak", "persons": "Personen",
    "rate": "Tarief", "unit": "Eenheid", "amount": "Bedrag",
}
ASSIST_COST_TOTAL = "Geschatte kosten van de aanvaarde personen voor {duur}: **{bedrag}**."
ASSIST_COST_UNPRICED = ("{aantal} personen zonder afgesproken tarief zijn niet meegerekend "
                        "(niet als € 0).")
ASSIST_COST_OFFERED = "Als alle aanbiedingen worden aanvaard: {bedrag}."
ASSIST_COST_ASSUMPTIONS = ("Rekenregel: tarief × eenheid × personen × duur; per persoon per "
                           "dag telt een begonnen dag als hele dag; per dienst: diensten van 8 "
                           "uur, één per persoon per dag; een vast bedrag één keer per "
                           "afspraak.")
ASSIST_SHEETS = {"request": "Verzoek", "offers": "Aanbiedingen", "deployed": "Ingezet",
                 "cost": "Kosten"}
# ------------------------------------------------------------- bijstand: refusals (Dutch)
ASSIST_NEEDS_TARGET = "Kies ten minste één doelregio."
ASSIST_PERSONS_RANGE = "Vraag om 1 tot 1.000.000 personen."
ASSIST_DURATION_RANGE = "De duur moet ten minste 1 zijn."
ASSIST_START_PAST = "De startdatum ligt in het verleden."
ASSIST_LOCATION_NEEDED = "Vul in waar de personen zich melden (één regel, hoogstens {max} tekens)."
ASSIST_OFFER_AT_LEAST_ONE = "Bied ten minste 1 persoon aan."
ASSIST_OFFER_TOO_MANY = ("Van {organisatie} zijn voor dit verzoek nog maar {aantal} personen "
                         "beschikbaar (niet al ingezet of aangeboden); u bood er {gevraagd} aan. "
                         "Er is niets opgeslagen.")
ASSIST_REASON_NEEDED = "Geef een reden op."
ASSIST_ALREADY_ACCEPTED = ("Dit aanbod op verzoek {verzoek} is al aanvaard (door iemand anders, "
                           "zojuist). Er is niets opgeslagen.")
ASSIST_ACCEPT_RANGE = "Aanvaard 1 tot {aantal} personen van dit aanbod."
ASSIST_ALREADY_RETURNED = "Deze personen zijn al teruggemeld."
ASSIST_CANCEL_DEPLOYED = ("Er zijn nog personen ingezet op dit verzoek: meld ze eerst terug, "
                          "dan kan het verzoek worden geannuleerd.")
ASSIST_UNKNOWN_REQUEST = "Dit bijstandsverzoek bestaat niet."
ASSIST_UNKNOWN_STEP = "Deze stap bestaat niet (meer) bij dit verzoek."
ASSIST_CANCELLED = "Verzoek {verzoek} is geannuleerd; er kan niets meer op worden gedaan."
ASSIST_OVER = "Verzoek {verzoek} is voorbij (einddatum verstreken)."
ASSIST_AGREEMENT_NOT_HERE = "Deze afspraak geldt niet voor de aanbiedende regio."
ASSISTANCE_HISTORY_REFUSED = {
    "assistance_request": "bijstandsverzoeken worden nooit gewijzigd of verwijderd; "
                          "annuleer met een reden",
    "assistance_event": "stappen op een bijstandsverzoek worden nooit gewijzigd of "
                        "verwijderd, alleen aangevuld",
}
# ------------------------------------------------------------- bijstand: e-mail
ASSIST_MAIL_NEW_SUBJECT = "Bijstandsverzoek {verzoek} van {regio}"
ASSIST_MAIL_NEW_BODY = (
    "{regio} vraagt bijstand (verzoek {verzoek}).\n\nVraag: {vraag}\nBenodigd: {personen} "
    "personen\nMelden: {melden}\n\nBied aan of wijs af op de pagina Bijstand van het dashboard."
)
ASSIST_MAIL_OFFER_SUBJECT = "Verzoek {verzoek}: aanbod van {regio} ({personen} personen)"
ASSIST_MAIL_DECLINE_SUBJECT = "Verzoek {verzoek}: {regio} wijst af"
ASSIST_MAIL_ACCEPT_SUBJECT = "Verzoek {verzoek}: {personen} personen van {regio} aanvaard"
ASSIST_MAIL_RETURN_SUBJECT = "Verzoek {verzoek}: {personen} personen van {regio} teruggemeld"
ASSIST_MAIL_CANCEL_SUBJECT = "Verzoek {verzoek} van {regio} is geannuleerd"
ASSIST_MAIL_STEP_BODY = "{onderwerp}.\n\nZie de pagina Bijstand van het dashboard ({verzoek})."
