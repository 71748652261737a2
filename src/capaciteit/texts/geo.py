"""Texts of the gebiedsindeling (boundaries)."""

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

# Boundaries: reasons inside the messages above
BOUNDARIES_NO_FOLDER = "map bestaat niet"
BOUNDARIES_NOT_COLLECTION = "geen FeatureCollection"
BOUNDARIES_HTTP_STATUS = "HTTP {status}"

# The map as an image and the report (issue 12, report)
MAP_IMAGE_DOWNLOAD = "Kaart als afbeelding (PNG)"
MAP_IMAGE_DEMO = "Fictieve demogegevens: niet gebruiken voor besluiten"
REPORT_DOWNLOAD = "Rapport met kaart, tabel en actualiteit (PDF)"
REPORT_TABLE_HEADING = "Per veiligheidsregio: cijfers en actualiteit van de gegevens"
REPORT_FRESHNESS_COLUMNS = ("Peildatum", "Dagen oud", "Verouderd")
REPORT_STALE = "verouderd"
REPORT_MADE_AT = "Gemaakt op {tijdstip}."
REPORT_TOTALS = (
    "Landelijk totaal: {personen} personen, {inzetbaar} inzetbaar, {fte} FTE; {aantal} van "
    "{totaal} regio's met gegevens."
)
REPORT_STALE_LINE = (
    "Verouderd (peildatum ouder dan {dagen} dagen): {aantal} regio('s): {regios}."
)
