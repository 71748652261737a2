"""Texts of the Toegankelijkheid page: the accessibility statement (topic: accessibility)."""

# Toegankelijkheid (topic: accessibility, issue 16)
PAGE_ACCESSIBILITY = "Toegankelijkheid"
ACCESSIBILITY_HEADER = "Toegankelijkheidsverklaring"
ACCESSIBILITY_INTRO = (
    "Iedereen moet dit dashboard kunnen gebruiken, ook wie slecht ziet, kleuren anders ziet "
    "of geen muis gebruikt. Webapplicaties van de overheid moeten voldoen aan de Europese "
    "norm EN 301 549, die de eisen van WCAG 2.1 op niveau AA bevat (Besluit digitale "
    "toegankelijkheid overheid). Deze verklaring gaat over alle pagina's van {titel}."
)
ACCESSIBILITY_STATUS_HEADER = "Status"
ACCESSIBILITY_STATUSES = {
    "A": "A – voldoet volledig",
    "B": "B – voldoet gedeeltelijk",
    "C": "C – eerste maatregelen genomen",
    "D": "D – voldoet niet",
}
ACCESSIBILITY_STATUS = (
    "**Status {status}.** Het dashboard is nog niet onderzocht door een onafhankelijke "
    "partij volgens de onderzoeksmethode WCAG-EM; dat onderzoek is nodig voor status A of "
    "B. Wat hieronder staat, komt uit eigen controles bij elke wijziging: "
    "axe-core in Chromium op elke pagina en in elke kaart (WCAG 2.0 en 2.1, niveau A en AA), "
    "en een test die het dashboard alleen met het toetsenbord doorloopt."
)
ACCESSIBILITY_DATE = "Deze verklaring is opgesteld op {datum}."
ACCESSIBILITY_MEETS_HEADER = "Wat voldoet"
ACCESSIBILITY_MEETS = (
    "axe-core vindt op geen enkele pagina en in geen enkele kaart een fout die het "
    "dashboard zelf veroorzaakt.",
    "Alle tekst, ook kleine bijschriften, heeft een contrast van minstens 4,5:1 met de "
    "achtergrond. De kleuren komen uit de huisstijl van de Rijksoverheid; het lettertype is "
    "Source Sans, vrij gelicentieerd en door het dashboard zelf geleverd.",
    "Alle functies van het dashboard werken met het toetsenbord (op één punt van Streamlit "
    "na, zie hieronder) en u ziet waar de focus staat. Op een kaart is "
    "elke regio met Tab te bereiken; de regio en haar waarde worden dan voorgelezen en "
    "getoond, en Enter opent de regio.",
    "Elke kaart heeft een beschrijving in tekst en een tabel met dezelfde cijfers.",
    "U kunt in- en uitzoomen, ook in de kaarten.",
    "De kleurklassen van de kaarten zijn ook te onderscheiden bij kleurenblindheid "
    "(deuteranopie) en afgedrukt in grijstinten; \"geen gegevens\" is grijs met arcering, "
    "nooit 0.",
    "De taal van de pagina's is aangegeven als Nederlands.",
)
ACCESSIBILITY_GAPS_HEADER = "Wat nog niet voldoet"
ACCESSIBILITY_GAPS_INTRO = (
    "Deze punten komen uit Streamlit, het programma waarop het dashboard draait. Het "
    "dashboard kan ze niet zelf oplossen; ze zijn gemeld bij de makers van Streamlit "
    "en worden opgelost zodra Streamlit dat doet."
)
ACCESSIBILITY_GAP = "**{criterium}.** {omschrijving} Melding bij Streamlit: {meldingen}."
ACCESSIBILITY_NO_GAPS = "Er zijn geen bekende punten meer die niet voldoen."
ACCESSIBILITY_REPORT_HEADER = "Probleem melden"
ACCESSIBILITY_REPORT = (
    "Kunt u iets niet gebruiken, of loopt u tegen een probleem aan? Meld het bij {contact}. "
    "Noem de pagina en wat u probeerde te doen. U krijgt binnen vijf werkdagen antwoord."
)
ACCESSIBILITY_NO_CONTACT = (
    "Meld het bij de beheerder van dit dashboard in uw organisatie. (Voor de beheerder: "
    "zet het meldadres in de instelling `CAPACITEIT_TOEGANKELIJKHEID_CONTACT`.)"
)
ACCESSIBILITY_COMPLAINT = (
    "Bent u niet tevreden over hoe uw melding is behandeld? Dan kunt u een klacht indienen "
    "bij de Nationale ombudsman."
)
