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
