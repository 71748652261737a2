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
    "Laad ze met `python -m capaciteit bevolking laden BESTAND`."
)
PER_CAPITA_NOTE = "Inwonertallen per {datum} (CBS)."

# Database
DATABASE_UNREACHABLE = (
    "Kan geen verbinding maken met de database {url}: {fout}. Controleer DATABASE_URL "
    "(of laat die leeg voor de ingebouwde SQLite-database)."
)
DATABASE_URL_INVALID = "DATABASE_URL is geen geldige database-URL: {url}."

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


# Values: bounds on texts and numbers before they are stored (capaciteit.bounds)
VALUE_CONTROL_CHARACTER = (
    "bevat een stuurteken ({teken}) dat niet kan worden opgeslagen; verwijder het"
)
VALUE_TOO_LONG = "is {lengte} tekens; de grens is {max}"
ACTOR_REFUSED = (
    "De naam of het e-mailadres van wie dit doet kan niet worden vastgelegd: het {reden}."
)
