"""Texts of agreements (afspraken) and white spots (witte vlekken)."""

# Agreements (afspraken)
PAGE_AGREEMENTS = "Afspraken"
PAGE_WHITE_SPOTS = "Witte vlekken"
AGREEMENTS_HEADER = "Afspraken met gemeenten en sectoren"
AGREEMENTS_INTRO = (
    "Afspraken over inzetbaarheid, bevoegdheden en vergoeding, vooraf gemaakt zodat een "
    "volgende crisis niet met onderhandelen begint. Een afspraak wordt nooit verwijderd: zet "
    "de status op 'opgezegd'. Iedere wijziging staat in het logboek."
)
NATIONAL = "Landelijk"
ALL = "Alle"
FILTER_REGION = "Regio"
FILTER_CATEGORY = "Categorie"
FILTER_PARTNER_TYPE = "Soort partner"
FILTER_EFFECTIVE = "Status (afgeleid)"
FILTER_EXPIRING = "Alleen afspraken die binnen {dagen} dagen aflopen"
AGREEMENTS_NONE = "Er zijn nog geen afspraken vastgelegd."
AGREEMENTS_NONE_MATCH = "Geen afspraken die aan de filters voldoen."
AGREEMENTS_COUNT = "{aantal} van {totaal} afspraken."
AGREEMENT_CHOOSE = "Afspraak bekijken of wijzigen"
AGREEMENT_LABEL = "#{id} {partner} ({regio})"
AGREEMENT_LOG = "Logboek van wijzigingen"
AGREEMENT_EDIT = "Wijzigen"
AGREEMENT_READ_ONLY = (
    "U kunt afspraken inzien, maar niet vastleggen of wijzigen: daarvoor is de rol "
    "regio-invoerder of beheerder nodig."
)
AGREEMENT_TABS = ["Overzicht", "Nieuwe afspraak", "Importeren en exporteren"]
AGREEMENT_SAVE = "Opslaan"
AGREEMENT_CONFIRM = "Ik heb de waarschuwing(en) gelezen en wil toch opslaan"
AGREEMENT_ERRORS = "Niet opgeslagen: {aantal} fout(en). Er is niets opgeslagen."
AGREEMENT_WARNINGS = (
    "Niet opgeslagen: {aantal} waarschuwing(en). Vink de bevestiging aan en sla opnieuw op."
)
AGREEMENT_CREATED = "Afspraak #{id} met {partner} is opgeslagen."
AGREEMENT_UPDATED = "Afspraak #{id} is gewijzigd ({velden})."
AGREEMENT_UNCHANGED = "Er is niets gewijzigd aan afspraak #{id}."
AGREEMENT_STALE = (
    "Afspraak #{id} is intussen gewijzigd door {door} ({tijd}). Open de afspraak opnieuw; "
    "uw wijziging is niet opgeslagen."
)
AGREEMENT_UNKNOWN = "Afspraak #{id} bestaat niet."
AGREEMENT_PERSONAL_DATA = (
    "Persoonsgegeven: vul alleen een naam in als de persoon daarmee instemt. De functionele "
    "mailbox volstaat meestal."
)
AGREEMENT_REGION_SECTION = "Afspraken"
AGREEMENT_REGION_NONE = "Voor deze regio zijn geen afspraken vastgelegd (ook geen landelijke)."
AGREEMENT_REGION_LINK = "Alle afspraken van deze regio"

# Agreement fields: labels in forms, tables, the log and the xlsx (one name per field).
AGREEMENT_FIELDS = {
    "agreement_id": "id",
    "region_code": "regio",
    "partner_name": "partner",
    "partner_id": "partner_id",
    "partner_type": "partnertype",
    "scopes": "categorieen",
    "committed_persons": "toegezegde_personen",
    "powers": "bevoegdheden_en_taken",
    "activation_trigger": "activering",
    "lead_time_hours": "aanlooptijd_uur",
    "compensation_arrangement": "vergoedingsregeling",
    "compensation_eur": "vergoeding_euro",
    "compensation_unit": "vergoeding_per",
    "payer": "betaler",
    "valid_from": "geldig_van",
    "valid_to": "geldig_tot",
    "status": "status",
    "document_reference": "documentreferentie",
    "contact_mailbox": "functionele_mailbox",
    "contact_person": "contactpersoon (persoonsgegeven)",
    "effective_status": "afgeleide_status",
}
AGREEMENT_FIELD_HELP = {
    "region_code": "Code (VR13), naam of 'landelijk' (geldt in alle regio's)",
    "partner_id": "KvK- of OIN-nummer, als dat bekend is; anders telt de naam",
    "scopes": "Categorie (boa) of categorie/subcategorie (boa/domein-4), gescheiden door ;",
    "activation_trigger": "Wanneer de afspraak ingaat, bv. 'op verzoek van de voorzitter "
                          "veiligheidsregio'",
    "lead_time_hours": "Uren tussen het verzoek en de inzet",
    "powers": "Bijvoorbeeld: toezicht op naleving noodverordening; toegangscontrole",
    "compensation_eur": "Tarief of bedrag in euro",
}

# Agreement validation (form and import). {waarde} the given value.
AGREEMENT_RULES = {
    "regio_onbekend": "'{waarde}' is geen veiligheidsregio; kies een code (VR01–VR25), een "
                      "naam of 'landelijk'",
    "regio_leeg": "kies een veiligheidsregio of 'landelijk'",
    "partner_leeg": "de naam van de partner is niet ingevuld",
    "partnertype_onbekend": "'{waarde}' is geen soort partner; kies uit: {keuzes}",
    "categorie_leeg": "kies ten minste één categorie of subcategorie",
    "categorie_onbekend": "'{waarde}' is geen bekende categorie; kies uit: {keuzes}",
    "subcategorie_onbekend": "'{waarde}' is geen subcategorie van deze categorie; "
                             "kies uit: {keuzes}",
    "leeg": "is niet ingevuld",
    "geen_getal": "'{waarde}' is geen getal",
    "geen_datum": "'{waarde}' is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)",
    "negatief": "{waarde} is negatief; vul 0 of meer in",
    "geen_geheel": "{waarde} is geen geheel getal",
    "einde_voor_begin": "de einddatum {einde} ligt vóór de begindatum {begin}",
    "status_onbekend": "'{waarde}' is geen status; kies uit: {keuzes}",
    "eenheid_onbekend": "'{waarde}' is geen eenheid; kies uit: {keuzes}",
    "mailbox_ongeldig": "'{waarde}' is geen e-mailadres",
    # Values: numbers within the bounds ({grens}: a CAPACITEIT_MAX_… setting)
    "te_groot": "{waarde} is meer dan de grens van {grens}",
    "id_onbekend": "afspraak {waarde} bestaat niet; laat id leeg voor een nieuwe afspraak",
    "id_dubbel": "afspraak {waarde} staat al in rij {eerste}",
    "boven_capaciteit": "{toegezegd} toegezegde personen is meer dan de geregistreerde "
                        "capaciteit in {regio} voor {categorie}: {geregistreerd} personen",
}
AGREEMENT_SHEET = "Afspraken"
AGREEMENT_EXPORT = "Afspraken downloaden (Excel)"
AGREEMENT_EXPORT_PERSONAL = "Contactpersonen (persoonsgegevens) meenemen in de download"
AGREEMENT_EXPORT_NOTES = [
    "Afspraken zoals vastgelegd in 'Handhavingscapaciteit in kaart', stand {datum}.",
    "afgeleide_status volgt uit status en data: alleen 'geldig' dekt capaciteit.",
    "De kolom 'contactpersoon (persoonsgegeven)' bevat persoonsgegevens: deel het bestand "
    "alleen met wie ze nodig heeft.",
    "Terug te lezen op de pagina Afspraken: rijen met een id wijzigen die afspraak, rijen "
    "zonder id worden nieuwe afspraken.",
]
AGREEMENT_EXPORT_NO_PERSONAL = "Zonder contactpersonen (persoonsgegevens weggelaten)."
AGREEMENT_IMPORT_LABEL = "Afsprakenbestand (.xlsx of .csv)"
AGREEMENT_IMPORT_INTRO = (
    "Lees afspraken in vanuit een bestand met dezelfde kolommen als de download. Eerst worden "
    "alle rijen gecontroleerd; bij één fout wordt niets opgeslagen."
)
AGREEMENT_IMPORT_NO_HEADER = (
    "In tabblad '{blad}' staat geen kopregel met de kolommen van de afspraken "
    "(zoals partner, partnertype, categorieen). Gebruik de download als voorbeeld."
)
AGREEMENT_IMPORT_MISSING = "de verplichte kolom '{kolom}' ontbreekt"
AGREEMENT_IMPORT_EMPTY = "het bestand bevat geen afspraken"
AGREEMENT_IMPORT_ERRORS = (
    "Niet ingelezen: {aantal} fout(en). Verbeter ze en lees het bestand opnieuw in. Er is "
    "niets opgeslagen."
)
AGREEMENT_IMPORT_READY = (
    "Geen fouten: {nieuw} nieuwe en {gewijzigd} gewijzigde afspraak/afspraken, "
    "{ongewijzigd} ongewijzigd."
)
AGREEMENT_IMPORT_BUTTON = "Inlezen"
AGREEMENT_IMPORT_DONE = (
    "Ingelezen: {nieuw} nieuwe en {gewijzigd} gewijzigde afspraak/afspraken "
    "({ongewijzigd} ongewijzigd)."
)
AGREEMENT_ACTIONS = {"aangemaakt": "aangemaakt", "gewijzigd": "gewijzigd",
                     "geimporteerd": "ingelezen"}
AGREEMENT_LOG_COLUMNS = {"changed_at": "Tijdstip", "changed_by": "Door", "action": "Actie",
                         "what": "Wat"}
AGREEMENT_EMPTY_VALUE = "(leeg)"

# White spots (witte vlekken)
WHITE_SPOTS_HEADER = "Witte vlekken: capaciteit zonder geldige afspraak"
WHITE_SPOTS_INTRO = (
    "Inzetbare capaciteit telt als gedekt wanneer een afspraak die vandaag geldig is (getekend, "
    "tussen begin- en einddatum) haar regio of het hele land betreft, haar (sub)categorie "
    "omvat en met haar organisatie is gemaakt (zelfde KvK/OIN, anders zelfde naam) of met een "
    "sectorbrede partner (sectororganisatie, inspectiedienst, politie, defensie)."
)
WHITE_SPOTS_MEASURE = "Gedekt aandeel inzetbare personen (%)"
WHITE_SPOTS_EXPIRING_TOOLTIP = "Aflopend binnen {dagen} dagen"
WHITE_SPOTS_MAP_HINT = (
    "Dikke zwarte rand: in die regio loopt binnen {dagen} dagen een afspraak af "
    "(regionaal of landelijk). Grijs: geen capaciteit geregistreerd."
)
WHITE_SPOTS_EXPIRING = "Afspraken die binnen {dagen} dagen aflopen"
WHITE_SPOTS_EXPIRING_NONE = "Geen geldige afspraken die binnen {dagen} dagen aflopen."
WHITE_SPOTS_TABLE = "Per regio en categorie"
WHITE_SPOTS_TABLE_HINT = (
    "Klik op een cel (of kies hieronder regio en categorie) om te zien welke organisaties "
    "niet gedekt zijn."
)
WHITE_SPOT_CELL = "witte vlek ({inzetbaar} inzetbaar)"
COVERED_CELL = "{procent}% gedekt"
NO_CAPACITY_CELL = ""
WHITE_SPOTS_COUNT = "{aantal} witte vlek(ken) in {regios} regio('s)"
UNCOVERED_HEADER = "Niet gedekte organisaties: {regio}, {categorie}"
UNCOVERED_NONE = "Alle inzetbare capaciteit in deze cel is gedekt."
UNCOVERED_NO_CAPACITY = "In deze cel is geen capaciteit geregistreerd."
WHITE_SPOTS_EXPORT = "Witte vlekken downloaden (Excel)"
WHITE_SPOTS_EXPORT_NOTES = [
    "Witte vlekken per veiligheidsregio en categorie, berekend op {datum}.",
    "Een witte vlek is een cel met inzetbare personen van wie niemand onder een geldige "
    "afspraak valt.",
]
WHITE_SPOTS_COLUMNS = {
    "covered_persons": "Gedekt (inzetbaar)",
    "uncovered_persons": "Niet gedekt (inzetbaar)",
    "covered_share": "Gedekt aandeel",
    "covered_percent": "Gedekt (%)",
    "white_spot": "Witte vlek",
    "organisation": "Organisatie",
    "expiring_count": "Aflopende afspraken",
}
YES = "ja"
NO = "nee"

# Tables of one agreement and of lapsing agreements
FORM_FIELD = "Veld"
FORM_VALUE = "Waarde"
EXPIRING_DAYS = "Dagen"
