"""Every user-facing Dutch text in one place, so it can be reviewed and translated."""

from __future__ import annotations

APP_TITLE = "Handhavingscapaciteit in kaart"
DEMO_BANNER = (
    "**Fictieve demogegevens.** Alle organisaties, aantallen en peildata op deze pagina "
    "zijn verzonnen om het dashboard te tonen. Gebruik ze niet voor besluiten."
)
DEMO_ATTRIBUTION = "Fictieve demogegevens"
NO_DATA = "geen gegevens"
ALL_CATEGORIES = "Alle categorieën"

MEASURES = {
    "persons": "Aantal personen",
    "fte": "FTE",
    "deployable_persons": "Inzetbare personen",
}
PER_CAPITA_SUFFIX = "per 10.000 inwoners"
PER_CAPITA_UNAVAILABLE = (
    "Maten per 10.000 inwoners zijn niet beschikbaar: er zijn geen inwonertallen geladen. "
    "Laad ze met `python -m capaciteit bevolking laden BESTAND`."
)
PER_CAPITA_NOTE = "Inwonertallen per {datum} (CBS)."

# Boundaries
BOUNDARIES_NO_SOURCE = (
    "De gebiedsindeling kon niet worden opgehaald bij PDOK ({fout}). Zonder internet: zet "
    "CAPACITEIT_GEBIEDEN_BRON (of gebruik --bron) op een map of URL met "
    "veiligheidsregio_gegeneraliseerd.geojson en gemeente_gegeneraliseerd.geojson."
)
BOUNDARIES_UNREACHABLE = "De bron {bron} is niet bereikbaar: {fout}."
BOUNDARIES_MISSING_FILE = "In {bron} ontbreekt het bestand {bestand}."
BOUNDARIES_NOT_GEOJSON = "{bestand} is geen geldige GeoJSON: {fout}."
BOUNDARIES_WRONG_REGIONS = (
    "De gebiedsindeling moet precies de 25 veiligheidsregio's VR01 t/m VR25 bevatten; "
    "{aantal} gevonden. Ontbrekend: {ontbrekend}. Onbekend: {onbekend}."
)
BOUNDARIES_DUPLICATE_CODES = "Dubbele codes in {laag}: {codes}."
BOUNDARIES_ORPHAN_MUNICIPALITIES = (
    "{aantal} gemeente(n) liggen in geen enkele veiligheidsregio: {codes}."
)
BOUNDARIES_NO_MUNICIPALITIES = "De gemeentelaag bevat geen gemeenten."
BOUNDARIES_MISSING_PROPERTY = "{bestand} mist de eigenschap '{eigenschap}' bij de gebieden."
BOUNDARIES_KEPT_OLD = "De bestaande gebiedscache is ongewijzigd gebleven."
BOUNDARIES_NOT_PREPARED = (
    "Er is nog geen gebiedsindeling. Haal die op met `python -m capaciteit gebieden ophalen` "
    "(zonder internet: met --bron MAP of CAPACITEIT_GEBIEDEN_BRON)."
)
BOUNDARIES_DONE = (
    "Gebiedsindeling {jaar} opgeslagen: {regios} veiligheidsregio's, {gemeenten} gemeenten, "
    "{reparaties} geometrie(ën) gerepareerd. Bron: {bron}."
)
BOUNDARIES_ATTRIBUTION = "Bron gebiedsindeling: CBS/Kadaster (PDOK), CC BY 4.0"

# Database
DATABASE_UNREACHABLE = (
    "Kan geen verbinding maken met de database {url}: {fout}. Controleer DATABASE_URL "
    "(of laat die leeg voor de ingebouwde SQLite-database)."
)
DATABASE_URL_INVALID = "DATABASE_URL is geen geldige database-URL: {url}."

# Demo
DEMO_NOT_EMPTY = (
    "De database bevat al gegevens; demogegevens worden alleen in een lege database geladen."
)
DEMO_LOADED = "Fictieve demogegevens geladen: {regels} regels in {regios} veiligheidsregio's."
DEMO_REMOVED = "Demogegevens verwijderd: {aantal} inzendingen."

# Population
POPULATION_UNREADABLE = "Het bevolkingsbestand {bestand} is niet te lezen: {fout}."
POPULATION_NO_COLUMNS = (
    "In {bestand} is geen kolom met gemeentecodes (GM....) en een kolom met aantallen "
    "inwoners gevonden. Exporteer uit CBS StatLine met regiocodes."
)
POPULATION_UNKNOWN_CODES = (
    "{aantal} onbekende gemeentecode(s) in {bestand}: {codes}. Gebruik een bestand met de "
    "gemeentelijke indeling van de geladen gebiedsindeling ({jaar})."
)
POPULATION_MISSING_CODES = "{aantal} gemeente(n) ontbreken in {bestand}: {codes}."
POPULATION_BAD_NUMBER = "Rij {rij}: '{waarde}' is geen geldig aantal inwoners."
POPULATION_NO_DATE = (
    "De peildatum van de bevolkingscijfers is niet te bepalen; "
    "geef die op met --peildatum JJJJ-MM-DD."
)
POPULATION_LOADED = (
    "Inwonertallen geladen: {gemeenten} gemeenten, {inwoners} inwoners, peildatum {datum}."
)
NOTHING_CHANGED = "Er is niets gewijzigd."

# Pages
PAGE_MAP = "Kaart"
PAGE_REGION = "Regio"
MAP_HEADER = "Handhavingscapaciteit per veiligheidsregio"
CHOOSE_CATEGORY = "Categorie"
CHOOSE_MEASURE = "Maat"
CHOOSE_REGION = "Veiligheidsregio"
NATIONAL_TOTAL = "Landelijk totaal"
REGIONS_WITH_DATA = "Regio's met gegevens"
PEILDATUM = "Peildatum"
DOWNLOAD_CSV = "Download CSV"
DOWNLOAD_XLSX = "Download Excel"
MAP_CLICK_HINT = "Klik op een regio om de details te openen."
NO_REGION_CHOSEN = "Kies een veiligheidsregio."
UNKNOWN_REGION = "Onbekende veiligheidsregio '{code}'. Kies een regio uit de lijst."
REGION_NO_DATA = "Voor {naam} zijn nog geen capaciteitsgegevens ingediend."
REGION_BY_CATEGORY = "Capaciteit per categorie"
REGION_BY_MUNICIPALITY = "Capaciteit per gemeente"
REGION_NEIGHBOURS = "Buurregio's (gedeelde grens)"
REGION_FRESHNESS = "Actualiteit"
REGION_FRESHNESS_LINE = (
    "Peildatum {peildatum}; ingediend op {tijd} door {door} (bestand {bestand})."
)
REGION_STALE = "Let op: de peildatum is ouder dan {dagen} dagen."
REGIONWIDE = "(regiobreed)"

COLUMN_LABELS = {
    "region_code": "Regiocode",
    "region_name": "Veiligheidsregio",
    "gemeente_code": "Gemeentecode",
    "gemeente_name": "Gemeente",
    "category": "Categorie",
    "category_name": "Categorie",
    "subcategory": "Subcategorie",
    "subcategory_name": "Subcategorie",
    "persons": "Aantal personen",
    "fte": "FTE",
    "deployable_persons": "Inzetbare personen",
    "value": "Waarde",
    "peildatum": "Peildatum",
    "inhabitants": "Inwoners",
    "records": "Regels",
}


def map_description(
    measure: str, category: str, top: str, bottom: str, missing: int, total: str
) -> str:
    """Describe the choropleth in one sentence, for screen readers."""
    parts = [
        f"Kaart van de 25 veiligheidsregio's, ingekleurd naar {measure.lower()} "
        f"({category.lower()}). Landelijk totaal: {total}."
    ]
    if top:
        parts.append(f"Hoogste waarde: {top}. Laagste waarde: {bottom}.")
    if missing:
        parts.append(f"{missing} regio('s) zonder gegevens, grijs op de kaart.")
    parts.append("Dezelfde cijfers staan in de tabel hieronder.")
    return " ".join(parts)

# Upload: unusable files
UPLOAD_TOO_LARGE = (
    "Het bestand is {mb} MB; de grens is {max} MB. Splits het of laat lege tabbladen weg."
)
UPLOAD_EMPTY = "Het bestand is leeg."
UPLOAD_WRONG_TYPE = (
    "{bestand} is geen .xlsx- of .csv-bestand. Gebruik het sjabloon of sla op als .xlsx of .csv."
)
UPLOAD_UNREADABLE = "Het bestand is niet te lezen: {fout}."
UPLOAD_ZIP_BOMB = (
    "Het .xlsx-bestand pakt uit tot een onredelijk grote omvang en is geweigerd. "
    "Sla het opnieuw op in Excel of gebruik het sjabloon."
)
UPLOAD_DIMENSION = (
    "Het werkblad beslaat {rijen} rijen en {kolommen} kolommen; de grens is {max} rijen en "
    "200 kolommen. Verwijder lege opmaak onder en naast de tabel."
)
UPLOAD_FORMULA = (
    "Cel {cel} bevat een formule zonder berekende waarde. Open het bestand in Excel, sla het "
    "op (dan wordt de waarde berekend) of plak de cellen als waarden."
)
UPLOAD_NO_HEADER = (
    "In tabblad '{blad}' staat geen kopregel met de kolommen van het sjabloon "
    "(zoals organisatie, categorie, aantal_personen). Gebruik het sjabloon."
)
UPLOAD_TOO_MANY_ROWS = "Het bestand heeft {rijen} regels; de grens is {max}."
PROGRESS_READING = "Bestand lezen…"
PROGRESS_HEADERS = "Kolommen herkennen…"
PROGRESS_VALIDATING = "Gegevens controleren…"
PROGRESS_DONE = "Klaar."

# Upload: validation. Placeholders: {waarde} the cell, {personen} aantal_personen of the row,
# {regio} the uploading region, {keuzes} valid codes, {eerste} first row of a duplicate.
VALIDATION = {
    "kolom_ontbreekt": "de verplichte kolom '{kolom}' ontbreekt",
    "geen_regels": "het bestand bevat geen gegevensregels",
    "regio_afwijkend": "{waarde} is niet de regio waarvoor u aanlevert ({regio})",
    "gemeente_onbekend": "'{waarde}' is geen bekende gemeente (gebruik de CBS-code, zoals "
                         "GM0363, of de naam uit het sjabloon)",
    "gemeente_buiten_regio": "{waarde} ligt niet in {regio} maar in {gemeente_regio}",
    "organisatie_leeg": "de organisatie is niet ingevuld",
    "categorie_leeg": "de categorie is niet ingevuld",
    "categorie_onbekend": "'{waarde}' is geen bekende categorie; kies uit: {keuzes}",
    "subcategorie_leeg": "de subcategorie is niet ingevuld",
    "subcategorie_onbekend": "'{waarde}' is geen subcategorie van deze categorie; "
                             "kies uit: {keuzes}",
    "personen_leeg": "aantal_personen is niet ingevuld",
    "personen_geen_getal": "'{waarde}' is geen getal",
    "personen_negatief": "{waarde} is negatief; een aantal personen is 0 of meer",
    "personen_geen_geheel": "{waarde} is geen geheel aantal personen",
    "fte_leeg": "fte is niet ingevuld",
    "fte_geen_getal": "'{waarde}' is geen getal",
    "fte_negatief": "{waarde} is negatief",
    "fte_te_hoog": "{waarde} FTE is meer dan 1,5 × aantal_personen ({personen}), "
                   "dus meer dan {max_fte}",
    "inzetbaar_leeg": "inzetbaar_personen is niet ingevuld",
    "inzetbaar_geen_getal": "'{waarde}' is geen getal",
    "inzetbaar_negatief": "{waarde} is negatief",
    "inzetbaar_geen_geheel": "{waarde} is geen geheel aantal personen",
    "inzetbaar_te_hoog": "{waarde} is meer dan aantal_personen ({personen})",
    "uur_leeg": "inzetbaar_binnen_uur is niet ingevuld",
    "uur_ongeldig": "'{waarde}' is geen toegestane termijn; kies {uren}",
    "peildatum_leeg": "de peildatum is niet ingevuld",
    "peildatum_onleesbaar": "'{waarde}' is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)",
    "peildatum_toekomst": "{waarde} ligt meer dan een maand in de toekomst (uiterlijk {max})",
    "dubbel": "dubbele regel: dezelfde organisatie, categorie, subcategorie en gemeente "
              "staan al in rij {eerste}",
    "grote_wijziging": "het totaal voor {categorie} verandert van {oud} naar {nieuw} "
                       "personen ({procent}%)",
    "oude_peildatum": "{aantal} regel(s) hebben een peildatum van meer dan een jaar geleden "
                      "(oudste: {oudste})",
    "totaalregel": "Totaalregel(s) herkend en niet ingelezen: rij {rijen}.",
    "onbekende_kolommen": "Kolommen genegeerd (onbekend): {kolommen}.",
    "lege_regels": "{aantal} lege regel(s) overgeslagen.",
}

# Template
TEMPLATE_TITLE = "Sjabloon handhavingscapaciteit – {naam} ({code})"
TEMPLATE_RULES = [
    "Vul per organisatie en (sub)categorie één regel in op het tabblad 'Gegevens'.",
    "Tel iedere persoon één keer, in de hoofdcategorie. Extra bevoegdheden (een tweede "
    "boa-domein, een andere aanstelling) horen in de kolom 'bevoegdheden', niet in een "
    "tweede regel.",
    "inzetbaar_personen is het deel van aantal_personen dat in een crisis ingezet kan worden, "
    "binnen de termijn in inzetbaar_binnen_uur (24, 72 of 168 uur).",
    "Laat 'gemeente' leeg voor capaciteit die regiobreed is (bijvoorbeeld een inspectiedienst).",
    "De lijsten op het tabblad 'Lijsten' bevatten de toegestane waarden. Kolommen met * zijn "
    "verplicht.",
    "Upload het ingevulde bestand op de pagina 'Aanleveren'. U ziet eerst alle fouten en een "
    "voorbeeld; pas na 'Publiceren' worden de gegevens zichtbaar.",
]
TEMPLATE_DROPDOWN_TITLE = "Waarde niet in de lijst"
TEMPLATE_DROPDOWN_MESSAGE = "Kies voor '{kolom}' een waarde uit de lijst (tabblad Lijsten)."

# Publishing
DIFF_SUMMARY = "{toegevoegd} regel(s) toegevoegd, {verwijderd} verwijderd, {gewijzigd} gewijzigd"
PUBLISH_HAS_ERRORS = (
    "Niet gepubliceerd: het bestand bevat {aantal} fout(en). Er is niets opgeslagen."
)
PUBLISH_WARNINGS_NOT_ACCEPTED = (
    "Niet gepubliceerd: bevestig eerst dat u de {aantal} waarschuwing(en) gezien heeft."
)
PUBLISH_IDENTICAL = (
    "Dit bestand is byte voor byte gelijk aan versie {versie} en is niet opnieuw opgeslagen. "
    "Wilt u die versie terug, gebruik dan 'Herstellen' bij de geschiedenis."
)
PUBLISH_DEMO_REMOVED = (
    "De fictieve demogegevens ({aantal} versies) zijn verwijderd: vanaf nu toont het "
    "dashboard alleen echte gegevens. Regio's die nog niets aanleverden staan op "
    "'geen gegevens'."
)
PUBLISH_WILL_REMOVE_DEMO = (
    "Dit wordt de eerste echte publicatie: de fictieve demogegevens van alle regio's worden "
    "dan verwijderd, en de huidige stand hierboven telt als leeg. Regio's die nog niets "
    "aanleverden staan daarna op 'geen gegevens'."
)
PUBLISH_DONE = "Gepubliceerd als versie {versie} van {regio}: {regels} regels."
RESTORE_UNKNOWN = "Versie {versie} bestaat niet voor deze regio."
RESTORE_DONE = "Versie {bron} is hersteld als nieuwe versie {versie}."
CHECK_ONLY_OK = "Geen fouten gevonden in {regels} regels. Niets gepubliceerd (alleen controleren)."
TEMPLATE_WRITTEN = "Sjabloon voor {naam} geschreven naar {bestand}."

# Upload page
PAGE_UPLOAD = "Aanleveren"
UPLOAD_HEADER = "Capaciteit aanleveren"
UPLOAD_INTRO = (
    "Download het sjabloon, vul het in (of exporteer uit uw eigen systeem met dezelfde "
    "kolommen) en upload het hier. U ziet eerst alle fouten en een voorbeeld; pas na "
    "'Publiceren' worden de gegevens zichtbaar. Een eerdere versie gaat nooit verloren."
)
TEMPLATE_DOWNLOAD = "Sjabloon downloaden"
UPLOAD_LABEL = "Capaciteitsbestand (.xlsx of .csv)"
UPLOAD_ERRORS = (
    "Dit bestand kan niet worden gepubliceerd: {aantal} fout(en). Verbeter ze en upload het "
    "bestand opnieuw. Er is niets opgeslagen."
)
UPLOAD_WARNINGS = "{aantal} waarschuwing(en). U kunt publiceren nadat u ze heeft bevestigd."
UPLOAD_ACCEPT = "Ik heb de waarschuwingen gelezen en wil deze versie toch publiceren"
UPLOAD_IDENTICAL = "Dit bestand is gelijk aan versie {versie}; er is niets nieuws te publiceren."
UPLOAD_OK = "Geen fouten in {regels} regels. Controleer het voorbeeld en publiceer."
PREVIEW = "Voorbeeld"
PREVIEW_TOTALS = "Totalen per categorie (personen): huidig → nieuw"
PREVIEW_ROWS = "Regels in dit bestand"
PREVIEW_ADDED = "Toegevoegd"
PREVIEW_REMOVED = "Verwijderd"
PREVIEW_CHANGED = "Gewijzigd"
PUBLISH_BUTTON = "Publiceren"
HISTORY = "Geschiedenis van de aanleveringen"
RESTORE_CHOOSE = "Versie om te herstellen"
RESTORE_BUTTON = "Herstellen als nieuwe versie"
KIND_LABELS = {"upload": "upload", "herstel": "herstel", "demo": "demo (fictief)"}

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
AGREEMENT_DETAIL = "Details"
AGREEMENT_LOG = "Logboek van wijzigingen"
AGREEMENT_LOG_EMPTY = "Nog geen wijzigingen."
AGREEMENT_EDIT = "Wijzigen"
AGREEMENT_READ_ONLY = (
    "U kunt afspraken inzien, maar niet vastleggen of wijzigen: daarvoor is de rol "
    "regio-invoerder of beheerder nodig."
)
AGREEMENT_NEW = "Nieuwe afspraak"
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
    "te_lang": "is {lengte} tekens; de grens is {max}",
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
DEPLOY_SHORTFALL = (
    "**Tekort: {tekort} personen.** {binnen} zijn {inzetbaar} van de {nodig} gevraagde "
    "personen inzetbaar; {gedekt} daarvan vallen onder een geldige afspraak."
)
DEPLOY_NO_SHORTFALL = (
    "**Geen tekort.** {binnen} zijn {inzetbaar} personen inzetbaar voor de {nodig} "
    "gevraagde; {gedekt} daarvan vallen onder een geldige afspraak."
)
DEPLOY_NOTHING = (
    "**Tekort: {nodig} personen.** {binnen} is in het zoekgebied niemand inzetbaar die aan "
    "de vraag voldoet."
)
DEPLOY_COVERED_SHORTFALL = (
    "Met alleen de personen onder een geldige afspraak is het tekort {tekort}."
)
DEPLOY_NO_DATA_REGIONS = "Zonder gegevens (niet meegeteld, niet als 0): {regios}."
DEPLOY_STALE_REGIONS = "Verouderde gegevens (peildatum ouder dan {dagen} dagen): {regios}."
DEPLOY_SUPPLIERS = "Leverende regio's, dichtstbijzijnde eerst"
DEPLOY_AGREEMENTS = "Afspraken die de gevonden capaciteit dekken"
DEPLOY_NO_AGREEMENTS = "Geen geldige afspraak dekt de gevonden capaciteit."
DEPLOY_LEAD_TIME_WARNING = (
    "Let op: {aantal} afspraak/afspraken hebben een activeringstijd die langer is dan de "
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
DEPLOY_TARGET_LEGEND = "Doelregio"
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
DEPLOY_NATIONAL = "landelijk"
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
    "lead_time_hours": "Activeringstijd (uur)",
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

# Access
ACCESS_DENIED = "Geweigerd: {wie} mag niet {actie}{waar}. Vraag een beheerder om de juiste rol."
ACTION_LABELS = {
    "publiceren": "capaciteit publiceren",
    "herstellen": "een eerdere versie herstellen",
    "afspraak_wijzigen": "afspraken vastleggen of wijzigen",
    "landelijke_afspraak": "landelijke afspraken vastleggen of wijzigen",
    "rollen_beheren": "rollen beheren",
    "sjablonen_beheren": "vraagsjablonen beheren",
    "audit_inzien": "het auditspoor inzien",
}
ROLE_UNKNOWN = "Onbekende rol '{rol}'. Kies lezer, regio-invoerder of beheerder."
ROLE_NEEDS_REGION = "De rol regio-invoerder hoort bij een veiligheidsregio (bijv. VR13)."
LOCAL_MODE_BANNER = (
    "**Lokale modus.** Er is geen inlog ingesteld: het dashboard is alleen op deze computer "
    "bereikbaar (127.0.0.1) en u bent beheerder. Stel [auth] in .streamlit/secrets.toml in "
    "voor gebruik door meerdere mensen."
)
LOCAL_MODE_REFUSED = (
    "Het dashboard weigert te starten: het luistert op {adres} maar er is geen inlog "
    "ingesteld. Zonder [auth] in .streamlit/secrets.toml draait het alleen op 127.0.0.1 "
    "(lokale modus). Stel OpenID Connect in (zie secrets.example.toml) of gebruik "
    "--server.address 127.0.0.1."
)
LOGIN_NEEDED = "Log in om het dashboard te gebruiken."
LOGIN_BUTTON = "Inloggen"
LOGOUT_BUTTON = "Uitloggen"
NO_ROLE = (
    "U bent ingelogd als {email}, maar heeft nog geen rol. Vraag een beheerder om u toegang "
    "te geven."
)
AGREEMENT_FORM_LABELS = {
    "agreement_id": "Nummer",
    "region_code": "Veiligheidsregio",
    "partner_name": "Partner",
    "partner_id": "KvK- of OIN-nummer van de partner",
    "partner_type": "Soort partner",
    "scopes": "Categorieën en subcategorieën",
    "committed_persons": "Toegezegde personen",
    "powers": "Bevoegdheden en taken",
    "activation_trigger": "Activering (aanleiding)",
    "lead_time_hours": "Aanlooptijd (uur)",
    "compensation_arrangement": "Vergoedingsregeling",
    "compensation_eur": "Vergoeding (euro)",
    "compensation_unit": "Vergoeding per",
    "payer": "Wie betaalt",
    "valid_from": "Geldig van",
    "valid_to": "Geldig tot (leeg: onbepaald)",
    "status": "Status",
    "document_reference": "Documentreferentie",
    "contact_mailbox": "Functionele mailbox",
    "contact_person": "Contactpersoon (persoonsgegeven, optioneel)",
    "effective_status": "Afgeleide status",
    "region_name": "Veiligheidsregio",
}
AGREEMENT_FORM_CHOOSE = "Kies…"
AGREEMENT_SCOPE_WHOLE = "{categorie} (hele categorie)"
NATIONAL_AREA = "heel Nederland"

# Beheer page
PAGE_ADMIN = "Beheer"
ADMIN_HEADER = "Beheer: rollen en auditspoor"
ADMIN_ONLY = "Deze pagina is alleen voor beheerders."
ROLES_HEADER = "Rollen"
ROLE_EMAIL = "E-mailadres (zoals de inlog het levert)"
ROLE_CHOICE = "Rol"
ROLE_REGION = "Veiligheidsregio (alleen voor regio-invoerder)"
ROLE_GRANT_BUTTON = "Rol toekennen"
ROLE_GRANTED = "Rol {rol} toegekend aan {email}."
ROLE_REVOKE_CHOICE = "Rol intrekken"
ROLE_REVOKE_BUTTON = "Intrekken"
ROLE_REVOKED = "Rol ingetrokken."
AUDIT_HEADER = "Auditspoor"
AUDIT_DOWNLOAD = "Auditspoor downloaden (Excel)"
