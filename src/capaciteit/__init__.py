"""Handhavingscapaciteit in kaart: deployable enforcement capacity per veiligheidsregio."""
