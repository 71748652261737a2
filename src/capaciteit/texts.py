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
