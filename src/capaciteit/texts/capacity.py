"""Texts of demo data and population loads."""

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

# Values: population counts within bounds
POPULATION_TOO_MANY = (
    "Rij {rij}: {waarde} inwoners is meer dan de grens van {max} per gemeente."
)
POPULATION_FILENAME = "De bestandsnaam {bestand} kan niet worden vastgelegd: {reden}."

# Demo data: the fictitious uploader and organisations
DEMO_USER = "demo (fictief)"
DEMO_MARK = "(fictief)"
DEMO_NOTE = "Fictieve demogegevens"
DEMO_ORGANISATIONS = {
    "boa": "Handhaving {plaats} – {soort}",
    "particuliere-beveiliging": "Voorbeeldbeveiliging {plaats} – {soort}",
    "overig": "{soort} regio {plaats}",
}

# Population: reasons inside the messages above
POPULATION_DUPLICATES = "meer dan één rij per gemeente (exporteer alleen het totaal) voor {codes}"
POPULATION_MORE = "{codes} en {aantal} meer"

# Categories
CATEGORIES_DUPLICATE_CODES = "Dubbele {soort}codes in de categorieën: {codes}"
CATEGORY_KINDS = {"category": "categorie", "subcategory": "subcategorie"}

# Trends over time (issue 12, report)
TREND_HEADER = "Verloop in de tijd"
TREND_DATE = "Datum"
TREND_MEASURE = "Maat"
TREND_VALUE = "Waarde"
TREND_AXIS = "Aantal"
TREND_VERSION = "Versie"
TREND_REGIONS = "Regio's met gegevens"
TREND_NONE = "Er zijn nog geen versies om een verloop te tonen."
TREND_REGION_NOTE = (
    "Elke versie geldt vanaf het moment van publiceren tot de volgende ({aantal} versie(s), "
    "alle categorieën)."
)
TREND_NATIONAL_NOTE = (
    "Per dag met een publicatie: de som van de laatste versie van elke regio op die dag "
    "({categorie}, zonder omrekening per inwoner). Regio's zonder gegevens tellen niet mee, "
    "niet als 0: op {datum} {aantal} van {totaal} regio's met gegevens."
)

# Population from a source (issue 12, map): CBS OData, a folder or a URL
POPULATION_SOURCE_UNREACHABLE = "De bevolkingsbron {bron} is niet bereikbaar: {fout}."
POPULATION_SOURCE_MISSING = (
    "In de bevolkingsbron {bron} ontbreekt {bestand} (aanwezig: {aanwezig}). Kies het jaar "
    "van de geladen gebiedsindeling met --jaar, of een andere bron."
)
POPULATION_ODATA_UNREADABLE = "Het antwoord van CBS ({bron}) is niet te lezen ({fout})."
POPULATION_ODATA_EMPTY = "CBS ({bron}) gaf geen inwonertallen per gemeente voor {jaar}."
POPULATION_OTHER_DIVISION = (
    "De inwonertallen in {bestand} horen bij een andere gemeentelijke indeling dan de geladen "
    "gebiedsindeling ({jaar}). Ontbrekend: {ontbrekend}. Onbekend: {onbekend}. Laad "
    "inwonertallen van hetzelfde jaar (--jaar {jaar}) of haal de gebiedsindeling van het jaar "
    "van de inwonertallen op."
)
POPULATION_UNCHANGED = (
    "Inwonertallen ongewijzigd: deze cijfers (peildatum {datum}) zijn al geladen."
)
POPULATION_NOT_LOADED = (
    "Geen inwonertallen geladen: {fout} De kaart toont dan aantallen in plaats van aantallen "
    "per 10.000 inwoners. Zet CAPACITEIT_BEVOLKING_BRON op een map of URL met "
    "bevolking_gemeenten_<jaar>.csv, of laad later met `python -m capaciteit bevolking ophalen`."
)
