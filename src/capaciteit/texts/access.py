"""Texts of access, roles, the audit trail and the Beheer page."""

# Access
ACCESS_DENIED = "Geweigerd: {wie} mag niet {actie}{waar}. Vraag een beheerder om de juiste rol."
ACCESS_DENIED_WHERE = " voor {regio}"
ACTION_LABELS = {
    "publiceren": "capaciteit publiceren",
    "herstellen": "een eerdere versie herstellen",
    "afspraak_wijzigen": "afspraken vastleggen of wijzigen",
    "landelijke_afspraak": "landelijke afspraken vastleggen of wijzigen",
    "rollen_beheren": "rollen beheren",
    "veelgestelde_vragen_beheren": "veelgestelde vragen beheren",
    "audit_inzien": "het auditspoor inzien",
    "bijstand_aanvragen": "bijstand aanvragen, aanvaarden of annuleren",
    "bijstand_aanbieden": "bijstand aanbieden",
}
ROLE_UNKNOWN = ("Onbekende rol '{rol}'. Kies lezer, regio-invoerder, crisisteam of "
                "beheerder.")
ROLE_NEEDS_REGION = ("Een regionale rol (regio-invoerder, crisisteam) hoort bij een "
                     "veiligheidsregio (bijv. VR13).")
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
LOCAL_USER_LABEL = "lokaal ({naam})"
ALL_ADDRESSES = "alle adressen"
LOGIN_NEEDED = "Log in om het dashboard te gebruiken."

# Authorization at the moment of writing, trustworthy logins, lokale modus on loopback only
USER_WITHOUT_IDENTITY = "Een gebruiker zonder naam of e-mailadres kan niets doen of vastleggen."
LOGIN_REFUSED_NO_CLAIM = (
    "Inloggen geweigerd: uw inlog levert geen '{claim}', en daaraan herkent het dashboard "
    "wie u bent. U krijgt geen toegang. Vraag de beheerder van uw inlogdienst om dit gegeven "
    "mee te sturen."
)
LOGIN_REFUSED_TOO_LONG = (
    "Inloggen geweigerd: de '{claim}' van uw inlog is langer dan 320 tekens. U krijgt geen "
    "toegang."
)
LOGIN_REFUSED_UNVERIFIED = (
    "Inloggen geweigerd: uw inlogdienst bevestigt niet dat uw e-mailadres geverifieerd is. "
    "Alleen een geverifieerd e-mailadres krijgt een rol. Verifieer uw adres bij de "
    "inlogdienst en log opnieuw in."
)
LOCAL_MODE_HOST_REFUSED = (
    "Geweigerd: het dashboard draait in lokale modus (zonder inlog) en antwoordt alleen op "
    "deze computer, via localhost, 127.0.0.1 of [::1]. Dit verzoek kwam via een andere "
    "hostnaam, bijvoorbeeld van een andere website of via een reverse proxy. Open het "
    "dashboard als `http://localhost:<poort>/`, of stel inloggen in ([auth] in "
    ".streamlit/secrets.toml) om het via een andere naam aan te bieden."
)
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

# Append-only history (migration 0006): what the database says when a row of history would be
# changed, replaced, deleted or truncated. Keyed by table; no single quotes (they go into SQL).
HISTORY_REFUSED = {
    "audit_event": "auditregels worden nooit gewijzigd of verwijderd, alleen toegevoegd",
    "agreement_change": "het wijzigingslog van afspraken wordt nooit gewijzigd of verwijderd, "
                        "alleen aangevuld",
    "submission": "versies van de capaciteit worden nooit gewijzigd of verwijderd "
                  "(alleen fictieve demogegevens mogen weg)",
    "capacity_record": "de regels van een versie worden nooit gewijzigd of verwijderd "
                       "(alleen fictieve demogegevens mogen weg)",
    "capacity_total": "de totalen van een versie worden nooit gewijzigd of verwijderd "
                      "(alleen fictieve demogegevens mogen weg)",
    "capacity_deployable": "de inzetbare aantallen van een versie worden nooit gewijzigd of "
                           "verwijderd (alleen fictieve demogegevens mogen weg)",
    "population_load": "geladen bevolkingscijfers worden nooit gewijzigd of verwijderd; "
                       "laad een nieuwe stand",
    "population": "geladen bevolkingscijfers worden nooit gewijzigd of verwijderd; "
                  "laad een nieuwe stand",
    "role_grant": "een toegekende rol wordt nooit gewijzigd of verwijderd, alleen eenmaal "
                  "ingetrokken",
    "agreement": "afspraken worden nooit verwijderd of vervangen; zet de status op opgezegd",
    # closure measures (issue 13): every edit is a new version
    "closure_measure_version": "versies van een maatregel worden nooit gewijzigd of "
                               "verwijderd; sla een nieuwe versie op",
}

# Values: e-mail addresses in the role table within bounds
ROLE_BAD_EMAIL = "Het e-mailadres {reden}."
ROLE_BAD_REGION = "'{regio}' is geen code van een veiligheidsregio (zoals VR13)."

# Beheer page: tables of grants and of the audit trail
GRANT_COLUMNS = {"email": "E-mail", "role": "Rol", "region_code": "Regio",
                 "granted_by": "Toegekend door", "granted_at": "Op"}
ALL_REGIONS = "alle"
AUDIT_COLUMNS = {"id": "Nr", "at": "Tijdstip", "actor": "Wie", "action": "Wat",
                 "region_code": "Regio", "object": "Object", "submission_id": "Inzending",
                 "details": "Details"}
