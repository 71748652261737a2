"""Texts of the Inzetbaar answer and its presets."""

# Inzetbaar: the crisis team's question and its answer
PAGE_DEPLOYABLE = "Inzetbaar"
DEPLOY_HEADER = "Wie is inzetbaar?"
DEPLOY_INTRO = (
    "Stel de vraag van het crisisteam: hoeveel mensen, met welke bevoegdheden, waar en "
    "binnen welke termijn. Het antwoord toont per regio, dichtstbijzijnde eerst, wie kan "
    "komen en onder welke afspraak."
)
DEPLOY_PRESETS = "Veelgestelde vragen"
DEPLOY_PRESET_ACTIVE = "Vraag: **{naam}**. {omschrijving}"
DEPLOY_UNKNOWN_PRESET = "Onbekende vraag '{code}'. Kies een van de veelgestelde vragen."
DEPLOY_TARGETS = "Doelregio('s)"
DEPLOY_SCOPES = "Categorie of subcategorie"
DEPLOY_SCOPES_HELP = "Leeg: alle categorieën. Meerdere keuzes tellen samen (de een of de ander)."
DEPLOY_ALL_OF_CATEGORY = "{naam} (alle)"
DEPLOY_POWERS = "Vereiste bevoegdheden"
DEPLOY_POWERS_HELP = "Iemand telt alleen mee als hij alle gekozen bevoegdheden heeft."
DEPLOY_HOURS = "Inzetbaar"
DEPLOY_PERSONS = "Benodigde personen"
DEPLOY_AREA = "Zoekgebied"
SEARCH_AREA_LABELS = {
    "eigen": "Eigen regio",
    "buren": "Plus buurregio's",
    "tweede-ring": "Plus tweede ring",
    "land": "Heel Nederland",
}
DEPLOY_CHOOSE_TARGET = "Kies ten minste één doelregio."
DEPLOY_STALE_REGIONS = "Verouderde gegevens (peildatum ouder dan {dagen} dagen): {regios}."
DEPLOY_SUPPLIERS = "Leverende regio's, dichtstbijzijnde eerst"
DEPLOY_AGREEMENTS = "Afspraken die de gevonden capaciteit dekken"
DEPLOY_NO_AGREEMENTS = "Geen geldige afspraak dekt de gevonden capaciteit."
DEPLOY_LEAD_TIME_WARNING = (
    "Let op: {aantal} afspraak/afspraken hebben een aanlooptijd die langer is dan de "
    "gevraagde termijn."
)
DEPLOY_OVERLAP_NOTE = (
    "Wie onder twee afspraken valt, staat bij beide; in de totalen telt iedereen één keer."
)
DEPLOY_MAP_CAPTION = (
    "Doelregio's rood omrand; het getal is het aantal inzetbare personen per regio in het "
    "zoekgebied. Bijna wit: buiten het zoekgebied; grijs: geen gegevens."
)
DEPLOY_MAP_LEGEND = "Inzetbare personen"
DEPLOY_OUTSIDE_LEGEND = "Buiten zoekgebied"
DEPLOY_EXPORT = "Antwoord als Excel"
DEPLOY_PRINT = "Afdrukversie (HTML)"
DEPLOY_PRINT_HELP = "Open het bestand in de browser en druk af (Ctrl+P) voor het overleg."
DEPLOY_QUESTION_LINE = (
    "{doelen}; {inzet}; {bevoegdheden}; {binnen}; {nodig} personen; zoekgebied: {gebied}."
)
DEPLOY_ALL_SCOPES = "alle categorieën"
DEPLOY_NO_POWERS = "geen bevoegdheden vereist"
DEPLOY_WITH_POWERS = "met bevoegdheden: {namen}"
DEPLOY_YES = "ja"
DEPLOY_NO = "nee"
DEPLOY_FRESHNESS_LINE = "{regio}: peildatum {peildatum}, aangeleverd {tijd}{verouderd}"
DEPLOY_STALE_MARK = " (verouderd)"
PRINT_TITLE = "Inzetbaarheid: antwoord voor het crisisteam"
PRINT_MADE = "Opgesteld op {tijd}"
PRINT_QUESTION = "Vraag"
PRINT_ANSWER = "Antwoord"
PRINT_FRESHNESS = "Actualiteit van de gegevens"
DEPLOY_COLUMN_LABELS = {
    "ring": "Ring",
    "distance_km": "Afstand (km)",
    "deployable_persons": "Inzetbaar",
    "covered_persons": "Onder afspraak",
    "uncovered_persons": "Zonder afspraak",
    "organisations": "Organisaties",
    "peildatum_min": "Peildatum (oudste)",
    "uploaded_at": "Aangeleverd op",
    "stale": "Verouderd",
    "agreement_id": "Afspraak",
    "partner_name": "Partner",
    "partner_type": "Soort partner",
    "lead_time_hours": "Aanlooptijd (uur)",
    "exceeds_horizon": "Langer dan termijn",
    "compensation_arrangement": "Vergoedingsregeling",
    "compensation_eur": "Vergoeding (€)",
    "compensation_unit": "Eenheid",
    "payer": "Betaler",
    "committed_persons": "Toegezegd",
    "valid_to": "Geldig tot",
    "covered_persons_agreement": "Gedekt in dit antwoord",
    "supplier_regions": "Leverende regio's",
    "agreement_region": "Regio van de afspraak",
    "agreement": "Afspraak",
    "compensation": "Vergoeding",
    "lead_time": "Aanlooptijd",
    "organisation": "Organisatie",
    "organisation_id": "KvK/OIN",
    "covered": "Onder afspraak",
    "agreements": "Afspraken",
    "contact_mailbox": "Functionele mailbox",
}

# Presets (veelgestelde vragen)
PRESET_EDIT = "Veelgestelde vragen beheren"
PRESET_EDIT_INTRO = (
    "Wijzig een vraag of voeg er een toe. Een vraag verdwijnt niet; zet haar op inactief."
)
PRESET_CHOOSE = "Vraag"
PRESET_NEW = "(nieuwe vraag)"
PRESET_CODE = "Code (in de link ?vraag=…)"
PRESET_NAME = "Naam"
PRESET_DESCRIPTION = "Omschrijving"
PRESET_ACTIVE = "Actief"
PRESET_POSITION = "Volgorde"
PRESET_SAVE = "Opslaan"
PRESET_SAVED = "Vraag '{naam}' opgeslagen."
PRESET_REFUSED = "Niet opgeslagen: {fouten}."
PRESET_BAD_CODE = (
    "de code '{code}' mag alleen kleine letters, cijfers en streepjes bevatten"
)
PRESET_NO_NAME = "de naam is leeg"
PRESET_EMPTY = "kies ten minste een categorie of een bevoegdheid"
PRESET_UNKNOWN_SCOPE = "'{scope}' is geen bekende (sub)categorie"
PRESET_BAD_HOURS = "{uren} uur is geen toegestane termijn"

# Values: preset texts and numbers within bounds
PRESET_BAD_TEXT = "{veld} {reden}"
PRESET_BAD_POSITION = "volgorde {waarde} ligt niet tussen 0 en {max}"
PRESET_FIELDS = {"name": "de naam", "description": "de omschrijving",
                 "powers": "een bevoegdheid"}
DEPLOY_PERSONS_OUT_OF_RANGE = "Vul een aantal personen in van 1 tot en met {max}."

# Answer: sheets of the export, a horizon outside the reference list
DEPLOY_SHEETS = {"answer": "Vraag en antwoord", "callers": "Wie bellen",
                 "suppliers": "Leveranciers", "agreements": "Afspraken"}
DEPLOY_WITHIN_HOURS = "binnen {uren} uur"

# Presets: who seeded them
PRESET_SEED_ACTOR = "referentielijst (vragen.toml)"

# Closure measures (lockdown): the question, the freed capacity, the editor (issue 13, point 4)
DEPLOY_MEASURES = "Maatregelen van kracht (sluitingen)"
DEPLOY_MEASURES_HELP = (
    "Gesloten sectoren maken mensen vrij die nu niet inzetbaar zijn, zoals museumbeveiligers "
    "of leerplichtambtenaren. Het antwoord toont hen op een eigen regel, met de aannames."
)
FREED_LINE = (
    "**Vrijgekomen door sluiting: {aantal} personen** ({maatregelen}), bovenop de inzetbare "
    "capaciteit; samen {samen}: {gevolg}."
)
FREED_SHORTFALL = "nog een tekort van {tekort}"
FREED_NO_SHORTFALL = "geen tekort"
FREED_SCOPE_LINE = "{scope}: {aantal} vrij ({aandeel} door {maatregelen})"
FREED_ASSUMPTIONS = "Aannames bij de sluitingen"
FREED_ASSUMPTION = "{naam}: {aanname}"
FREED_RULE = (
    "Telling: per (sub)categorie komt het genoemde deel vrij van wie niet al inzetbaar is "
    "(aantal personen min inzetbare personen), in het zoekgebied, binnen de termijn en met de "
    "vereiste bevoegdheden. Wie onder twee maatregelen valt, telt één keer (het hoogste "
    "deel); wie al inzetbaar is, telt niet nog eens mee. Afgerond naar beneden."
)
MEASURE_BAD_CODE = "de code '{code}' mag alleen kleine letters, cijfers en streepjes bevatten"
MEASURE_NO_NAME = "de naam is leeg"
MEASURE_NO_ASSUMPTION = "de aanname is leeg: zeg waarom en hoeveel er vrijkomt"
MEASURE_NO_RELEASE = "kies ten minste één (sub)categorie die vrijkomt"
MEASURE_UNKNOWN_SCOPE = "'{scope}' is geen bekende (sub)categorie"
MEASURE_BAD_FRACTION = "het deel dat vrijkomt van '{scope}' moet tussen 0 en 100% liggen"
MEASURE_TWICE = "'{scope}' staat twee keer in de maatregel"
MEASURE_REFUSED = "Maatregel niet opgeslagen: {fouten}."
MEASURE_SAVED = "Maatregel '{naam}' opgeslagen."
MEASURE_SEED_ACTOR = "referentielijst (maatregelen.toml)"
MEASURE_EDIT = "Maatregelen (sluitingen) beheren"
MEASURE_EDIT_INTRO = (
    "Wijzig een maatregel of voeg er een toe. Elke wijziging wordt als nieuwe versie "
    "bewaard; een maatregel verdwijnt niet, zet haar op inactief."
)
MEASURE_CHOOSE = "Maatregel"
MEASURE_NEW = "(nieuwe maatregel)"
MEASURE_CODE = "Code (in de link ?maatregelen=…)"
MEASURE_ASSUMPTION = "Aanname"
MEASURE_RELEASES = "Wat komt vrij (percentage per (sub)categorie)"
MEASURE_RELEASE_SCOPE = "(Sub)categorie"
MEASURE_RELEASE_PERCENT = "Deel dat vrijkomt (%)"
MEASURE_HISTORY = "Eerdere versies"
PRESET_UNKNOWN_MEASURE = "'{code}' is geen bekende maatregel"
MEASURE_FIELDS = {"name": "de naam", "assumption": "de aanname"}

# Presets and links: a preset asks for what it leaves open; the address follows the question
DEPLOY_PRESET_MODIFIED = (
    "Vraag: **{naam}** (aangepast: {velden} gewijzigd). Het antwoord hoort bij de vraag "
    "zoals die nu in het formulier staat."
)
DEPLOY_PRESET_ASKS = (
    "Deze veelgestelde vraag legt {open} niet vast. Vul dat eerst in; dan volgt het antwoord."
)
DEPLOY_PRESET_OPEN = {"targets": "de doelregio", "persons": "het aantal benodigde personen"}
DEPLOY_PRESET_OPEN_JOIN = " en "
DEPLOY_FILL_PERSONS = "Vul het aantal benodigde personen in."
LINK_FIELD_LABELS = {"scopes": "categorie", "powers": "bevoegdheden", "hours": "termijn",
                     "measures": "maatregelen"}
LINK_PARAMETER_LABELS = {"regio": "veiligheidsregio", "inzet": "(sub)categorie",
                         "maatregelen": "maatregel", "bevoegdheden": "bevoegdheid"}
LINK_UNKNOWN_VALUE = "De link noemt een onbekende {veld}: '{waarde}'; die is weggelaten."
LINK_BAD_VALUES = {
    "personen": "Het aantal personen in de link ('{waarde}') is geen heel getal van 1 tot en "
                "met {max}; vul het zelf in.",
    "uren": "De termijn in de link ('{waarde}') is geen toegestane termijn (24, 72 of 168 uur); "
            "de termijn is niet overgenomen.",
    "gebied": "Het zoekgebied in de link ('{waarde}') bestaat niet; het zoekgebied is niet "
              "overgenomen.",
}
MEASURE_HISTORY_COLUMNS = {"saved_at": "Opgeslagen op", "saved_by": "Door", "name": "Naam",
                           "assumption": "Aanname", "releases": "Komt vrij", "active": "Actief"}

# Answer: one verdict, both readings in one box (answer)
VERDICT_HEAD_SHORT = "**Tekort: {tekort} personen.**"
VERDICT_HEAD_COVERED_SHORT = (
    "**Alleen genoeg met personen zonder afspraak: onder afspraak een tekort van {tekort}.**"
)
VERDICT_HEAD_INCOMPLETE = "**Genoeg gevonden, maar onvolledig.**"
VERDICT_HEAD_ENOUGH = "**Geen tekort.**"
VERDICT_ALL = (
    "Met alle inzetbare capaciteit: {binnen} zijn {inzetbaar} van de {nodig} gevraagde "
    "personen inzetbaar, {uitkomst}."
)
VERDICT_COVERED = "Alleen onder afspraak: {gedekt} personen, {uitkomst}."
VERDICT_SHORT = "tekort {tekort}"
VERDICT_ENOUGH = "geen tekort"
VERDICT_INCOMPLETE = (
    "Onvolledig: geen gegevens van {zonder} van {gezocht} regio's ({regios}); zij zijn niet "
    "meegeteld, ook niet als 0."
)

# Answer: whom to call and what it costs (answer)
CALLER_AGREEMENT = "{partner} (nr. {nummer})"
COST_WITHOUT_AGREEMENT = "Zonder afspraak"
CALLER_PARTLY = "deels ({gedekt})"
DEPLOY_CALLERS = "Wie bellen: organisaties per leverende regio, dichtstbijzijnde eerst"
DEPLOY_CALLERS_NONE = "Geen organisatie in het zoekgebied heeft inzetbare personen voor deze vraag."
DEPLOY_CALLERS_CAPTION = (
    "Onder afspraak: ja, nee of deels (met het aantal gedekte personen). Afspraak en "
    "functionele mailbox zijn die van de geldige afspraken die de organisatie dekken; de "
    "aanlooptijd is de kortste daarvan."
)
DEPLOY_CALLERS_CSV = "Wie bellen als CSV"
DEPLOY_CALLERS_FILE = "wie-bellen.csv"
DEPLOY_TERMS = (
    "**Ring**: 0 is de doelregio, 1 een buurregio (grenst aan een doelregio), 2 een buur van "
    "een buurregio. **Afstand**: hemelsbreed tussen de middelpunten van de regio en de "
    "dichtstbijzijnde doelregio, in km. **Aanlooptijd**: uren tussen het verzoek en de inzet, "
    "zoals in de afspraak staat."
)
DEPLOY_RING_HELP = "0 = doelregio, 1 = buurregio, 2 = buur van een buurregio."
DEPLOY_DISTANCE_HELP = (
    "Hemelsbreed tussen de middelpunten van de regio en de dichtstbijzijnde doelregio."
)
DEPLOY_LEAD_TIME_HELP = "Uren tussen het verzoek en de inzet, zoals in de afspraak staat."
DEPLOY_AGREEMENTS_CAPTION = (
    "Meer over een afspraak (soort partner, toezegging, regeling, document) staat op de "
    "pagina Afspraken."
)
COST_HEADER = "Kosten"
COST_DURATION = "Duur van de inzet"
COST_UNIT = "Eenheid van de duur"
COST_NO_RATE = "geen afgesproken tarief"
COST_TOTAL = "Totaal (met afgesproken tarief)"
COST_COLUMN_LABELS = {"partner_name": "Afspraak", "persons": "Personen",
                      "rate": "Afgesproken tarief", "amount": "Bedrag"}
COST_TOTAL_LINE = (
    "**Geschatte vergoeding voor {duur}: {bedrag}** voor {personen} personen met een "
    "afgesproken tarief."
)
COST_UNPRICED_LINE = (
    "{personen} personen hebben geen afgesproken tarief: hun kosten zijn onbekend en niet "
    "meegeteld (niet als € 0)."
)
COST_ASSUMPTIONS = (
    "Aannames: een dienst duurt {dienst} uur, iedereen werkt {diensten} dienst(en) per inzetdag, "
    "een week heeft {dagen} inzetdagen; een deel van een dag telt als een hele dag. Geteld "
    "worden de gevraagde personen, dichtstbijzijnde regio eerst, eerst wie onder een afspraak "
    "valt; wie onder twee afspraken valt, onder die met de kortste aanlooptijd."
)
# a duration's unit after a number: (one, more) — "1 uur", "12 uur", "1 dag", "3 dagen"
DURATION_WORDS = {"uren": ("uur", "uur"), "dagen": ("dag", "dagen"), "weken": ("week", "weken")}
PRINT_MAP_ALT = (
    "Kaart van het zoekgebied: per regio het aantal inzetbare personen; grijs is geen gegevens."
)
PRINT_MAP_TARGET = "Doelregio"
PRINT_PEILDATUM_MAX = "Peildatum (nieuwste)"
DEPLOY_LEAD_TIME_VALUE = "{uren} uur"
DEPLOY_LEAD_TIME_EXCEEDS = "{uren} uur (langer dan de termijn)"
