"""Geography: the CBS gebiedsindeling (veiligheidsregio's, gemeenten) and the maps drawn on it."""
