"""Texts of uploads: unusable files, validation, template, publishing and the Aanleveren page."""

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
    "{max_kolommen} kolommen. Verwijder lege opmaak onder en naast de tabel."
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
# Values: a file name the history can record
UPLOAD_FILENAME = "de bestandsnaam kan niet worden vastgelegd: hij {reden}"

# Upload: hostile and damaged files (the hardened reader). {fout} of UPLOAD_UNREADABLE is
# always one of the reasons below, so every refusal is Dutch.
UNREADABLE_NOT_XLSX = "geen geldig .xlsx-bestand"
UNREADABLE_TRUNCATED = (
    "het .xlsx-bestand is onvolledig (afgebroken bij het opslaan of uploaden); sla het "
    "opnieuw op en upload het nog eens"
)
UNREADABLE_DAMAGED = (
    "het .xlsx-bestand is beschadigd: onderdeel '{onderdeel}' pakt niet goed uit. Sla het "
    "opnieuw op in Excel"
)
UNREADABLE_CHECKSUM = (
    "het .xlsx-bestand is beschadigd: het controlegetal van onderdeel '{onderdeel}' klopt "
    "niet. Sla het opnieuw op in Excel"
)
UNREADABLE_PROTECTED = (
    "het bestand is met een wachtwoord beveiligd of is een oud .xls-bestand. Sla het in Excel "
    "op als .xlsx zonder wachtwoord"
)
UNREADABLE_COMPRESSION = (
    "het .xlsx-bestand is versleuteld of gebruikt een onbekende compressie. Sla het opnieuw "
    "op in Excel"
)
UNREADABLE_DUPLICATE_PART = (
    "het .xlsx-bestand bevat het onderdeel '{onderdeel}' meer dan eens"
)
UNREADABLE_TOO_MANY_PARTS = "het .xlsx-bestand bestaat uit meer dan {max} onderdelen"
UNREADABLE_NO_WORKBOOK = (
    "het bestand is geen Excel-werkmap (het overzicht van de werkbladen ontbreekt of is "
    "onleesbaar)"
)
UNREADABLE_NO_WORKSHEET = "de werkmap bevat geen werkblad met cellen"
UNREADABLE_XML = (
    "onderdeel '{onderdeel}' is geen geldige XML (zoals Excel die schrijft). Sla het bestand "
    "opnieuw op in Excel"
)
UNREADABLE_ENCODING = (
    "onderdeel '{onderdeel}' is niet in UTF-8 opgeslagen. Sla het bestand opnieuw op in Excel"
)
UNREADABLE_STRUCTURE = (
    "het is op een ongebruikelijke manier opgebouwd ({reden}). Sla het opnieuw op in "
    "Excel"
)
UNREADABLE_CALAMINE = (
    "de cellen van het werkblad zijn niet te lezen. Sla het bestand opnieuw op in Excel of "
    "gebruik het sjabloon"
)
UNREADABLE_BINARY = "binaire inhoud, geen tekst"
UNREADABLE_CSV = (
    "regel {regel} is geen geldige CSV (bijvoorbeeld een aanhalingsteken dat niet wordt "
    "gesloten)"
)
STRUCTURE_REASONS = {
    "elementen": "te veel XML-elementen",
    "celverwijzing": "een onleesbare celverwijzing",
    "genest": "een cel binnen een cel",
    "opmaak": "meer of langere celopmaak dan Excel toestaat",
}
UPLOAD_TOO_MANY_CELLS = (
    "Het werkblad beslaat {rijen} rijen bij {kolommen} kolommen, samen {cellen} cellen; de "
    "grens is {max} cellen. Verwijder lege opmaak onder en naast de tabel of splits het "
    "bestand."
)
UPLOAD_CELL_TOO_LONG = (
    "Cel {cel} bevat meer dan {max} tekens; meer kan ook Excel niet in één cel bewaren. "
    "Verkort de tekst."
)
UPLOAD_ROW_CELL_TOO_LONG = (
    "Een cel in rij {rij} bevat meer dan {max} tekens; meer kan ook Excel niet in één cel "
    "bewaren. Verkort de tekst."
)
UPLOAD_TOO_MANY_SHEET_ROWS = (
    "Het bestand heeft meer dan {max} regels, lege regels meegeteld. Verwijder de lege regels "
    "onder de tabel of splits het bestand."
)
UPLOAD_CELL_COUNT = (
    "Het werkblad bevat meer dan {max} cellen. Verwijder lege opmaak onder en naast de tabel of "
    "splits het bestand."
)
UPLOAD_TOO_MANY_SHARED_TEXTS = (
    "Het bestand bevat meer dan {max} verschillende teksten. Splits het bestand of gebruik het "
    "sjabloon."
)
UPLOAD_SHARED_TEXT_TOO_LONG = (
    "Een tekst in het bestand is langer dan {max} tekens; meer kan ook Excel niet in één cel "
    "bewaren. Verkort de tekst."
)
UPLOAD_DUPLICATE_HEADER = (
    "De kopregel noemt de kolom {kolom} twee keer: '{eerste_naam}' in kolom {eerste} en "
    "'{tweede_naam}' in kolom {tweede}. Verwijder of hernoem een van beide, dan is duidelijk "
    "welke geldt."
)
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
    "fte_te_hoog": "{waarde} FTE is meer dan {factor} × aantal_personen ({personen}), "
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
    # Values: numbers within the domain's bounds ({grens}: CAPACITEIT_MAX_PERSONEN)
    "personen_te_groot": "{waarde} is meer dan de grens van {grens} personen per regel",
    "inzetbaar_te_groot": "{waarde} is meer dan de grens van {grens} personen per regel",
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
    "dan verwijderd. Regio's die nog niets aanleverden staan daarna op 'geen gegevens'."
)
PUBLISH_DONE = "Gepubliceerd als versie {versie} van {regio}: {regels} regels."
RESTORE_UNKNOWN = "Versie {versie} bestaat niet voor deze regio."

# Stale preview: someone published since the preview or history was made (issue 10)
PUBLISH_STALE = (
    "Niet gepubliceerd: de huidige versie van {regio} is veranderd sinds uw voorbeeld (nu: "
    "{huidig}). Er is niets opgeslagen. Bekijk de verschillen en waarschuwingen tegen die "
    "versie en publiceer opnieuw."
)
RESTORE_STALE = (
    "Niet hersteld: de huidige versie van {regio} is veranderd sinds u de geschiedenis "
    "opende (nu: {huidig}). Er is niets opgeslagen. Bekijk de geschiedenis hieronder en kies "
    "opnieuw welke versie u wilt herstellen."
)
STALE_CURRENT = "versie {versie}, gepubliceerd door {door} op {tijdstip}"
STALE_NO_VERSION = "geen versie; de fictieve demogegevens zijn intussen verwijderd"
PREVIEW_REDONE = (
    "Het voorbeeld hieronder is opnieuw gemaakt tegen de huidige versie. Bekijk de "
    "verschillen, bevestig eventuele waarschuwingen opnieuw en druk nog eens op 'Publiceren'."
)
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

# Reading files: sheet names the app writes and reads, words of a total row, reasons
TEMPLATE_DATA_SHEET = "Gegevens"
TEMPLATE_INSTRUCTION_SHEET = "Instructie"
TEMPLATE_LIST_SHEET = "Lijsten"
TEMPLATE_COLUMN_HEADERS = ("Kolom", "Betekenis")
TOTAL_ROW_WORDS = frozenset({"totaal", "totalen", "total", "som", "eindtotaal",
                             "generaal totaal"})

# Issues (errors and warnings) as a table and as a line
ISSUE_COLUMNS = {"sheet": "Blad", "row": "Rij", "column": "Kolom", "value": "Waarde",
                 "message": "Melding", "kind": "Soort"}
ISSUE_KINDS = {"error": "fout", "warning": "waarschuwing"}
ISSUE_ROW = "Rij {rij}"

# Previews and history on the Aanleveren and Regio pages
RECORD_COLUMNS = {"organisation": "Organisatie", "deployable_within_hours": "Binnen (uur)",
                  "category": "Categorie", "subcategory": "Subcategorie",
                  "gemeente_code": "Gemeente"}
TOTALS_COLUMNS = {"category": "Categorie", "before": "Huidig", "after": "Nieuw",
                  "difference": "Verschil"}
HISTORY_COLUMNS = {"version": "Versie", "is_current": "Huidig", "kind": "Soort",
                   "uploaded_by": "Door", "uploaded_at": "Tijdstip", "filename": "Bestand",
                   "row_count": "Regels", "warnings_accepted": "Waarschuwingen bevestigd"}
CURRENT_MARK = "ja"

# Upload and history (issue 12, report): the current figures in the preview, a duplicate
# of an older version, restores that name their source, the restore picker and its preview
PREVIEW_CURRENT_DEMO = (
    "'Huidig' zijn de fictieve demogegevens van {regio}. Bij publiceren worden ze vervangen "
    "door dit bestand; de fictieve regels staan onder 'Verwijderd'."
)
UPLOAD_IDENTICAL = (
    "Dit bestand is gelijk aan versie {versie} van {datum}, en dat zijn de huidige cijfers; "
    "er is niets nieuws te publiceren."
)
UPLOAD_IDENTICAL_OLDER = (
    "Dit bestand is gelijk aan versie {versie} van {datum} ({bestand}); die cijfers zijn nu "
    "niet de huidige. Wilt u ze terug, gebruik dan 'Herstellen' bij de geschiedenis op de "
    "regiopagina: dan ziet u eerst wat er verandert."
)
RESTORE_LINK = "Versie {versie} herstellen op de regiopagina van {regio}"
PUBLISHED_REGION_LINK = "Bekijk {regio} op de regiopagina"
KIND_RESTORED_FROM = "herstel van versie {versie} ({datum}, {bestand})"
NO_FILENAME = "zonder bestandsnaam"
RESTORE_OPTION = "Versie {versie}: {tijdstip}, {bestand}, door {door}, {regels} regels ({soort})"
RESTORE_PREVIEW = "Wat er verandert als u versie {versie} herstelt: {samenvatting}."
RESTORE_TOTALS_COLUMNS = {"category": "Categorie", "before": "Huidig", "after": "Na herstel",
                          "difference": "Verschil"}
