"""Texts shared by every page: app, demo banner, measures, database, map and region pages."""

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
    "Haal ze op met `python -m capaciteit bevolking ophalen` (CBS, of `--bron MAP`)."
)
PER_CAPITA_NOTE = "Inwonertallen per {datum} (CBS)."

# Database
DATABASE_UNREACHABLE = (
    "Kan geen verbinding maken met de database {url}: {fout}. Controleer DATABASE_URL "
    "(of laat die leeg voor de ingebouwde SQLite-database)."
)
DATABASE_URL_INVALID = "DATABASE_URL is geen geldige database-URL: {url}."

# Pages
PAGE_MAP = "Kaart"
PAGE_REGION = "Regio"
MAP_HEADER = "Handhavingscapaciteit per veiligheidsregio"
CHOOSE_CATEGORY = "Categorie"
CHOOSE_MEASURE = "Maat"
CHOOSE_REGION = "Veiligheidsregio"
NATIONAL_TOTALS = {
    "persons": "Landelijk totaal: personen",
    "deployable_persons": "Landelijk totaal: inzetbaar",
    "fte": "Landelijk totaal: FTE",
}
REGIONS_WITH_DATA = "Regio's met gegevens"
REGIONS_WITH_DATA_VALUE = "{aantal} van {totaal}"
MAP_SHEET = "Capaciteit"
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
REGION_NEIGHBOUR_LINK = "{naam} ({code}), grens {km} km"
PERSONS_AXIS = "Personen"
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
    measure: str, category: str, top: str, bottom: str, missing: int, total: str,
    rate: bool = False,
) -> str:
    """Describe the choropleth in one sentence, for screen readers.

    ``total`` is the national figure in the measure's own unit: with ``rate``, the
    national rate per 10,000 inhabitants of the regions with data, else the total.
    """
    national = (f"Landelijk: {total} per 10.000 inwoners (regio's met gegevens)" if rate
                else f"Landelijk totaal: {total}")
    parts = [
        f"Kaart van de 25 veiligheidsregio's, ingekleurd naar {measure.lower()} "
        f"({category.lower()}). {national}."
    ]
    if top:
        parts.append(f"Hoogste waarde: {top}. Laagste waarde: {bottom}.")
    if missing:
        parts.append(f"{missing} regio('s) zonder gegevens, grijs op de kaart.")
    parts.append("Dezelfde cijfers staan in de tabel hieronder.")
    return " ".join(parts)


# Values: bounds on texts and numbers before they are stored (capaciteit.bounds)
VALUE_CONTROL_CHARACTER = (
    "bevat een stuurteken ({teken}) dat niet kan worden opgeslagen; verwijder het"
)
VALUE_TOO_LONG = "is {lengte} tekens; de grens is {max}"
ACTOR_REFUSED = (
    "De naam of het e-mailadres van wie dit doet kan niet worden vastgelegd: het {reden}."
)

# Exports
NOTES_SHEET = "Toelichting"

# Map
MAP_LEGEND_LABEL = "Legenda"
MAP_BACKGROUND_LAYER = "Achtergrondkaart"
MAP_BACKGROUND_ATTRIBUTION = "Kaartgegevens &copy; Kadaster (PDOK BRT-achtergrondkaart)"
PEILDATA_RANGE = "Peildata: {van} – {tot}"
POPULATION_ATTRIBUTION = "Inwoners: CBS {datum}"

# Database and preparation
DATABASE_URL_UNREADABLE = "(ongeldige URL)"
PREPARED_MAP_ASSETS = "Kaartbestanden klaar in {map}."
PREPARED_DATABASE = "Database bijgewerkt tot het nieuwste schema."

# Command line (python -m capaciteit …)
CLI_ERROR = "Fout: {fout}"
CLI_WARNING = "Waarschuwing: {melding}"
CLI_NO_SUCH_FILE = "{bestand} bestaat niet"
CLI_FILE_MISSING = "bestand bestaat niet"
CLI_BAD_DATE = "geen geldige datum (JJJJ-MM-DD): '{waarde}'"
CLI_COMMAND = "OPDRACHT"
CLI_ACTION = "ACTIE"
CLI_FILE = "BESTAND"
CLI_HELP = {
    "gebieden": "gebiedsindeling beheren",
    "gebieden ophalen": "gebiedsindeling ophalen en controleren",
    "--jaar": "jaar van de CBS-gebiedsindeling",
    "--bron": "map of URL in plaats van PDOK",
    "demo": "fictieve demogegevens laden in een lege database",
    "--verwijderen": "demogegevens verwijderen",
    "bevolking": "inwonertallen beheren",
    "bevolking laden": "CBS StatLine-CSV met inwoners laden",
    "bevolking ophalen": "inwoners per gemeente ophalen bij CBS (tabel 03759ned) of een bron",
    "--jaar bevolking": "jaar (1 januari); standaard het jaar van de geladen gebiedsindeling",
    "--bron bevolking": "map, bestand of URL met bevolking_gemeenten_<jaar>.csv in plaats van CBS",
    "--peildatum": "JJJJ-MM-DD; standaard 1 januari van de periode",
    "importeer": "capaciteitsbestand controleren en publiceren",
    "--regio": "code van de regio, bijv. VR13",
    "--alleen-controleren": "alleen controleren, niets publiceren",
    "--accepteer-waarschuwingen": "publiceren ondanks waarschuwingen",
    "--door": "naam van de aanleverende",
    "sjabloon": "Excel-sjabloon voor een regio maken",
    "voorbereiden": "alles klaarzetten voor het dashboard",
    "--static": "map voor kaartbestanden",
    "--zonder-demo": "geen demogegevens laden",
}

# National map (issue 12, map): choices, freshness, table, stand op
CATEGORY_PLACEHOLDER = "Kies een categorie"
MEASURE_PLACEHOLDER = "Kies een maat"
FRESHNESS_TEXT = "{datum}, {dagen} dagen oud"
STALE_MARK = " (verouderd)"
STALE_LEGEND = "peildatum ouder dan {dagen} dagen"
STALE_REGIONS = "Verouderd (peildatum ouder dan {dagen} dagen): {namen}."
POPULATION_LEGEND = "Inwoners per {datum} (CBS)"
NATIONAL_COLUMN_LABELS = {
    "region_link": "Veiligheidsregio",
    "age_days": "Leeftijd peildatum (dagen)",
    "stale_text": "Verouderd",
}
REGION_LINK_HELP = "Opent de pagina van de regio"
AS_OF_TOGGLE = "Stand op eerdere datum"
AS_OF_DATE = "Stand op"
AS_OF_BANNER = "Historische stand op {datum}: de kaart toont de versies die toen golden."
AS_OF_MAP = "Historisch: stand op {datum}"
AS_OF_SHEET_NOTE = "Historische stand op {datum}"
AS_OF_NOTHING = "Op {datum} had nog geen enkele regio gegevens gepubliceerd."
REGION_LINKS = "Regiopagina openen"
CHOOSE_OPTION = "Kies een optie"
